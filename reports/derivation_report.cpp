// The derivation map in the reports (core/derivations.hpp): the coverage figure, and one entry per assertion of the
// appendix with its status and the verdicts of this run's variants that check it where it stands.
#include "core/derivations.hpp"
#include "reports/report.hpp"
#include <set>

namespace stabcheck {

namespace {

std::string md_cell(const std::string& s) {  // inside a Markdown table cell
  std::string o;
  for (char c : s) o += c == '|' ? std::string("\\|") : c == '\n' ? std::string(" ") : std::string(1, c);
  return o;
}

bool holds_v(Verdict v) { return v == Verdict::Holds || v == Verdict::Proved; }

/// The verdict of one assertion in this run, from the results of the (non-repair) variants that check it: "refuted"
/// when every decided one is refuted (established), "holds" / "proved" when every one holds / is proved, "mixed"
/// when the readings disagree, "undecided" when none decided, "not run" when none ran.
std::string link_verdict(const std::vector<const VariantResult*>& rs) {
  if (rs.empty()) return "not run";
  long refuted = 0, held = 0, proved = 0;
  for (const auto* r : rs) {
    refuted += r->verdict == Verdict::Refuted && r->established();
    held += holds_v(r->verdict);
    proved += r->verdict == Verdict::Proved;
  }
  if (refuted && held) return "mixed";
  if (refuted) return "refuted";
  if (proved && proved == long(rs.size())) return "proved";
  if (held) return "holds";
  return "undecided";
}

}  // namespace

bool runs_paper_claims(const std::vector<VariantResult>& results) {
  for (const auto& r : results)
    if (lookup_claim(r.claim)) return true;
  return false;
}

nlohmann::json derivations_json(const std::vector<VariantResult>& results) {
  const auto& list = appendix_assertions();
  const auto& claims = registry();
  const DerivationCoverage cov = derivation_coverage(list, claims);
  std::map<std::pair<std::string, std::string>, const VariantResult*> by_variant;
  for (const auto& r : results) by_variant[{r.claim, r.variant}] = &r;
  const auto checks = link_checks(claims);
  nlohmann::json by_status = nlohmann::json::object();
  for (const auto& [s, n] : cov.by_status) by_status[link_status_str(s)] = n;
  nlohmann::json j = {{"coverage", cov.headline()}, {"assertions", cov.assertions}, {"checked_where_they_stand", cov.checked},
                      {"by_status", by_status}, {"repair_variants", cov.repair_variants},
                      {"variants_outside_the_appendix", cov.outside_variants}, {"links", nlohmann::json::array()}};
  for (const auto& a : list) {
    nlohmann::json variants = nlohmann::json::array();
    std::vector<const VariantResult*> ran;
    bool non_repair = false;
    if (auto it = checks.find(a.id); it != checks.end())
      for (const auto& k : it->second) {
        auto r = by_variant.find({k.claim, k.variant});
        nlohmann::json v = {{"claim", k.claim}, {"variant", k.variant}, {"repair", k.repair},
                            {"verdict", r == by_variant.end() ? "not run" : verdict_str(r->second->verdict)}};
        if (r != by_variant.end() && r->second->counterexample) v["replay"] = r->second->counterexample->origin.token();
        variants.push_back(v);
        non_repair |= !k.repair;
        if (!k.repair && r != by_variant.end()) ran.push_back(r->second);
      }
    nlohmann::json e = {{"id", a.id}, {"section", a.section}, {"equation", a.equation}, {"kind", a.kind}, {"assertion", a.text},
                        {"counted", counted(a)}, {"status", link_status_str(link_status(a, non_repair))},
                        {"variants", variants}, {"verdict", non_repair ? link_verdict(ran) : "not checked"}};
    if (!a.reason.empty()) e["reason"] = a.reason;
    j["links"].push_back(e);
  }
  return j;
}

std::string derivations_markdown(const std::vector<VariantResult>& results) {
  const nlohmann::json j = derivations_json(results);
  std::string md = "## Derivations\n\n" + j["coverage"].get<std::string>() + " (`stabcheck list --derivations` lists them all):";
  for (const auto& [s, n] : j["by_status"].items()) md += " " + s + " " + std::to_string(n.get<long>()) + ";";
  md += " not coverage: " + std::to_string(j["repair_variants"].get<long>()) + " repaired variant(s).\n\n";
  md += "| id | assertion | status | verdict in this run | checked by / why not |\n|---|---|---|---|---|\n";
  for (const auto& e : j["links"]) {
    if (!e["counted"].get<bool>()) continue;
    std::string by;
    for (const auto& v : e["variants"])
      by += (by.empty() ? "" : ", ") + v["claim"].get<std::string>() + " " + v["variant"].get<std::string>() + " (" +
            v["verdict"].get<std::string>() + (v["repair"].get<bool>() ? ", repair" : "") + ")";
    if (e.contains("reason")) by += (by.empty() ? "" : "; ") + e["reason"].get<std::string>();
    md += "| `" + e["id"].get<std::string>() + "` | " + md_cell(e["assertion"].get<std::string>()) + " | " + e["status"].get<std::string>() +
          " | " + e["verdict"].get<std::string>() + " | " + md_cell(by) + " |\n";
  }
  return md + "\n";
}

}  // namespace stabcheck
