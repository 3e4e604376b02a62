// Regression corpus: every certified counterexample and every tightest sample saved as an exact file
// (tests/corpus/), replayed by ctest on every run so a found failure cannot silently disappear.
#pragma once
#include "core/runner.hpp"
#include <string>
#include <vector>

namespace stabcheck {

struct CorpusEntry {
  std::string claim, variant, kind;  // kind: "counterexample" (must violate) or "tightest" (must hold)
  std::string token;                 // where it came from (informative; the inputs below are authoritative)
  Sample sample;
  std::string slack;                 // relative slack when recorded
};

nlohmann::json to_json(const CorpusEntry& e);
CorpusEntry corpus_entry_from_json(const nlohmann::json& j);  // throws std::invalid_argument
CorpusEntry read_corpus_file(const std::string& path);
/// Write one file per counterexample / tightest sample of `results` into `dir`; returns the paths.
std::vector<std::string> write_corpus(const std::string& dir, const std::vector<VariantResult>& results);

}  // namespace stabcheck
