#include "reports/corpus.hpp"
#include "reports/report.hpp"
#include <filesystem>
#include <fstream>

namespace stabcheck {

nlohmann::json to_json(const CorpusEntry& e) {
  return {{"claim", e.claim}, {"variant", e.variant}, {"kind", e.kind}, {"token", e.token},
          {"relative_slack", e.slack}, {"inputs", to_json(e.sample)}};
}

CorpusEntry corpus_entry_from_json(const nlohmann::json& j) {
  try {
    CorpusEntry e;
    e.claim = j.at("claim").get<std::string>();
    e.variant = j.at("variant").get<std::string>();
    e.kind = j.at("kind").get<std::string>();
    if (e.kind != "counterexample" && e.kind != "tightest") throw std::invalid_argument("kind must be counterexample or tightest");
    e.token = j.value("token", "");
    e.slack = j.value("relative_slack", "");
    e.sample = sample_from_json(j.at("inputs"));
    return e;
  } catch (const nlohmann::json::exception& ex) {
    throw std::invalid_argument(std::string("malformed corpus entry: ") + ex.what());
  }
}

CorpusEntry read_corpus_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument("cannot read '" + path + "'");
  nlohmann::json j;
  try {
    in >> j;
  } catch (const nlohmann::json::exception& ex) {
    throw std::invalid_argument("'" + path + "' is not JSON: " + ex.what());
  }
  return corpus_entry_from_json(j);
}

std::vector<std::string> write_corpus(const std::string& dir, const std::vector<VariantResult>& results) {
  std::filesystem::create_directories(dir);
  std::vector<std::string> paths;
  auto put = [&](const VariantResult& r, const Evaluated& e, const std::string& kind) {
    CorpusEntry c{r.claim, r.variant, kind, e.origin.token(), e.sample, e.slack};
    std::string name = r.claim + "__" + r.variant + "__" + kind + ".json";
    for (char& ch : name) if (ch == '/') ch = '_';
    std::string path = (std::filesystem::path(dir) / name).string();
    write_atomically(path, to_json(c).dump(1) + "\n");
    paths.push_back(path);
  };
  for (const auto& r : results) {
    if (r.counterexample && r.certified) put(r, *r.counterexample, "counterexample");
    if (r.tightest && r.verdict == Verdict::Holds) put(r, *r.tightest, "tightest");
  }
  return paths;
}

}  // namespace stabcheck
