// The ledger of expectations: what the suite expects of every variant — its verdict and, for a refutation, the
// certified counterexample as an exact sample — is data, one file per claim, tests/expectations/ID.json, written by
// `stabcheck run --record DIR` and read by `stabcheck run` (verdicts that differ) and by the tests (witnesses must
// still be certified violations). A witness is the sample itself, not a path in a generator's shrink tree: changing a
// generator does not break it.
#pragma once
#include "core/runner.hpp"
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace stabcheck {

struct Witness {
  std::string family;  // the family it was drawn from (informative)
  std::string token;   // the replay token of the run that found it (informative: valid while the generator is unchanged)
  Sample sample;       // the exact counterexample: what is checked
};

struct Expectation {
  Verdict verdict = Verdict::Holds;
  std::optional<Witness> witness;  // for `refuted`
};

class Ledger {
 public:
  /// Every DIR/*.json; a missing directory is an empty ledger. A corrupt file (not JSON, unknown verdict, a refutation
  /// without witness, a file whose claim is not its name) is a std::invalid_argument naming the file.
  static Ledger load(const std::string& dir);
  /// One ledger file's content (throws std::invalid_argument with `what` in the message).
  static std::map<std::string, Expectation> parse(const nlohmann::json& j, const std::string& claim, const std::string& what);

  const Expectation* find(const std::string& claim, const std::string& slug) const;
  const std::map<std::string, std::map<std::string, Expectation>>& claims() const { return by_claim_; }
  bool empty() const { return by_claim_.empty(); }
  /// Records an expectation (e.g. the one a user gives a fuzzed bound with `expect`).
  void set(const std::string& claim, const std::string& slug, Expectation e) { by_claim_[claim][slug] = std::move(e); }
  /// Sets r.expected and r.recorded from the entry of (r.claim, r.variant), if any.
  void apply(VariantResult& r) const;

 private:
  std::map<std::string, std::map<std::string, Expectation>> by_claim_;
};

/// The ledger file of one claim from the results of its variants (all of them: a run of the claim).
nlohmann::json ledger_json(const std::string& claim, const std::vector<const VariantResult*>& results);

}  // namespace stabcheck
