#include "core/expectations.hpp"
#include "core/json_file.hpp"
#include <filesystem>
#include <stdexcept>

namespace fs = std::filesystem;

namespace stabcheck {

std::map<std::string, Expectation> Ledger::parse(const nlohmann::json& j, const std::string& claim, const std::string& what) {
  auto bad = [&](const std::string& why) { return std::invalid_argument("expectations ledger " + what + ": " + why); };
  if (!j.is_object() || !j.contains("claim") || !j.contains("variants") || !j["variants"].is_object())
    throw bad("expected an object with 'claim' and 'variants'");
  if (j["claim"] != claim) throw bad("holds claim '" + j["claim"].dump() + "', not " + claim);
  std::map<std::string, Expectation> out;
  for (const auto& [slug, e] : j["variants"].items()) {
    Expectation x;
    try {
      x.verdict = parse_verdict(e.at("verdict").get<std::string>());
      if (e.contains("witness")) {
        const auto& w = e["witness"];
        x.witness = Witness{w.value("family", ""), w.value("token", ""), sample_from_json(w.at("sample"))};
      }
    } catch (const std::exception& ex) {
      throw bad("variant '" + slug + "': " + ex.what());
    }
    if (x.verdict == Verdict::Refuted && !x.witness) throw bad("variant '" + slug + "' is expected refuted but has no witness");
    out.emplace(slug, std::move(x));
  }
  return out;
}

Ledger Ledger::load(const std::string& dir) {
  Ledger l;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return l;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".json") continue;
    const nlohmann::json j = read_json_file(e.path().string());
    const std::string claim = e.path().stem().string();
    l.by_claim_[claim] = parse(j, claim, e.path().string());
  }
  return l;
}

const Expectation* Ledger::find(const std::string& claim, const std::string& slug) const {
  auto c = by_claim_.find(claim);
  if (c == by_claim_.end()) return nullptr;
  auto v = c->second.find(slug);
  return v == c->second.end() ? nullptr : &v->second;
}

void Ledger::apply(VariantResult& r) const {
  const Expectation* e = find(r.claim, r.variant);
  r.recorded = e != nullptr;
  if (e) r.expected = e->verdict;
}

nlohmann::json ledger_json(const std::string& claim, const std::vector<const VariantResult*>& results) {
  nlohmann::json vs = nlohmann::json::object();
  for (const VariantResult* r : results) {
    nlohmann::json e = {{"verdict", verdict_str(r->verdict)}};
    if (r->verdict == Verdict::Refuted && r->counterexample) {
      const auto& o = r->counterexample->origin;
      e["certified"] = r->certified;
      e["witness"] = {{"family", o.family}, {"token", o.token()}, {"sample", to_json(r->counterexample->sample)}};
    }
    vs[r->variant] = e;
  }
  return {{"claim", claim},
          {"about", "Expected verdicts of " + claim + " and its certified counterexamples as exact samples; written by "
                    "'stabcheck run --record tests/expectations', read by 'stabcheck run' and the tests"},
          {"variants", vs}};
}

}  // namespace stabcheck
