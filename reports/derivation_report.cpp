// The derivation map in the reports (core/derivations.hpp): the coverage figure, and one entry per assertion of the
// appendix with its status and the verdicts of this run's variants that check it where it stands.
#include "core/derivations.hpp"
#include "reports/findings.hpp"
#include "reports/report.hpp"

namespace stabcheck {

namespace {

std::string md_cell(const std::string& s) {  // inside a Markdown table cell
  std::string o;
  for (char c : s) o += c == '|' ? std::string("\\|") : c == '\n' ? std::string(" ") : std::string(1, c);
  return o;
}

/// "CLAIM variant (verdict[, repair])[ replay TOKEN], ...; reason" of one link entry of derivations_json.
std::string checked_by(const nlohmann::json& e, bool with_replay) {
  std::string by;
  for (const auto& v : e["variants"])
    by += (by.empty() ? "" : ", ") + v["claim"].get<std::string>() + " " + v["variant"].get<std::string>() + " (" +
          v["verdict"].get<std::string>() + (v["repair"].get<bool>() ? ", repair" : "") + ")" +
          (with_replay && v.contains("replay") ? " replay " + v["replay"].get<std::string>() : "");
  if (e.contains("reason")) by += (by.empty() ? "" : "; ") + e["reason"].get<std::string>();
  return by;
}

bool holds_v(Verdict v) { return v == Verdict::Holds || v == Verdict::Proved; }

/// The verdict of one assertion in this run, from the results of the (non-repair) variants that check it. When some of
/// them are the literal reading of their claim (reports/findings.hpp, is_literal: the statement as printed, or the
/// spec's [chosen] reading), those decide: "refuted" when one of them is refuted (established), else "holds" / "proved".
/// Otherwise: "refuted" when every decided one is refuted, "holds" / "proved" when every one holds / is proved, "mixed"
/// when the readings disagree. "undecided" when none decided, "not run" when none ran.
std::string link_verdict(std::vector<const VariantResult*> rs) {
  if (rs.empty()) return "not run";
  std::vector<const VariantResult*> literal;
  for (const auto* r : rs)
    if (is_literal(*r, lookup_claim(r->claim))) literal.push_back(r);
  const bool by_literal = !literal.empty();
  if (by_literal) rs = literal;
  long refuted = 0, held = 0, proved = 0;
  for (const auto* r : rs) {
    refuted += r->verdict == Verdict::Refuted && r->established();
    held += holds_v(r->verdict);
    proved += r->verdict == Verdict::Proved;
  }
  if (refuted && (by_literal || !held)) return "refuted";
  if (refuted) return "mixed";
  if (proved && proved == long(rs.size())) return "proved";
  if (held) return "holds";
  return "undecided";
}

/// What each section of the appendix proves (a section is one proof, its assertions the proof's links in order).
std::string proof_of(const std::string& section) {
  static const std::map<std::string, std::string> titles{
      {"C.1", "the construction of C.1 (Example)"}, {"C.2", "the figures of C.2 (experiments)"},
      {"C.3", "the protocol of C.3"},               {"C.6", "Lemmas C.1-C.6"},
      {"C.7", "Theorem C.7 (noise injection)"},     {"C.8", "Theorem C.8 (SAM divergence)"},
      {"C.9", "Theorem C.9 (convergence)"},         {"C.10", "Theorem 3.4 (memorizing solutions)"},
      {"C.11", "Theorem 3.5"},                      {"C.12", "Theorem 3.6"},
      {"C.13", "Theorem 3.3"},                      {"C.14", "Dexter et al.'s results as quoted"}};
  auto it = titles.find(section);
  return it == titles.end() ? section : it->second;
}

/// Per section: its links in order and the first one refuted in this run (every variant that checks it as printed
/// refuted), with the replay token of its certified counterexample.
nlohmann::json proof_chains(const nlohmann::json& links) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : links) {
    const std::string sec = e["section"];
    if (out.empty() || out.back()["section"] != sec)
      out.push_back({{"section", sec}, {"proof", proof_of(sec)}, {"links", nlohmann::json::array()}, {"first_broken", nullptr}});
    auto& p = out.back();
    p["links"].push_back(e["id"]);
    if (p["first_broken"].is_null() && e["verdict"] == "refuted") {
      nlohmann::json b = {{"id", e["id"]}, {"assertion", e["assertion"]}};
      for (const auto& v : e["variants"])
        if (!v["repair"].get<bool>() && v.contains("replay")) {
          b["variant"] = v["claim"].get<std::string>() + " " + v["variant"].get<std::string>();
          b["replay"] = v["replay"];
          if (v.contains("jointly")) b["jointly"] = v["jointly"];
          break;
        }
      p["first_broken"] = b;
    }
  }
  return out;
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
    if (auto it = checks.find(a.id); it != checks.end())
      for (const auto& k : it->second) {
        auto r = by_variant.find({k.claim, k.variant});
        nlohmann::json v = {{"claim", k.claim}, {"variant", k.variant}, {"repair", k.repair},
                            {"verdict", r == by_variant.end() ? "not run" : verdict_str(r->second->verdict)}};
        if (r != by_variant.end() && r->second->counterexample) v["replay"] = r->second->counterexample->origin.token();
        if (!k.jointly.empty()) v["jointly"] = k.jointly;  // a variant that checks several links at once (unreadable lines)
        variants.push_back(v);
        if (!k.repair && r != by_variant.end()) ran.push_back(r->second);
      }
    nlohmann::json e = {{"id", a.id}, {"section", a.section}, {"equation", a.equation}, {"kind", a.kind}, {"assertion", a.text},
                        {"counted", counted(a)}, {"status", link_status_str(link_status(a, checks))},
                        {"variants", variants}, {"verdict", checked_where_it_stands(checks, a.id) ? link_verdict(ran) : "not checked"}};
    if (!a.reason.empty()) e["reason"] = a.reason;
    j["links"].push_back(e);
  }
  j["proofs"] = proof_chains(j["links"]);
  return j;
}

std::string derivations_markdown(const std::vector<VariantResult>& results) {
  const nlohmann::json j = derivations_json(results);
  std::string md = "## Derivations\n\n" + j["coverage"].get<std::string>() + " (`stabcheck list --derivations` lists them all):";
  for (const auto& [s, n] : j["by_status"].items()) md += " " + s + " " + std::to_string(n.get<long>()) + ";";
  md += " not coverage: " + std::to_string(j["repair_variants"].get<long>()) + " repaired variant(s).\n\n";
  md += "First broken link of each proof: the first assertion, in the appendix's order, refuted as printed (by a variant of "
        "the statement as printed or of the spec's chosen reading; where no such variant checks it, by every variant that does):\n\n";
  for (const auto& p : j["proofs"]) {
    if (p["first_broken"].is_null()) {
      md += "- " + p["section"].get<std::string>() + ", " + p["proof"].get<std::string>() + ": no link refuted (" +
            std::to_string(p["links"].size()) + " links)\n";
      continue;
    }
    const auto& b = p["first_broken"];
    std::string at = "`" + b["id"].get<std::string>() + "`";
    if (b.contains("jointly")) {
      at.clear();
      for (const auto& id : b["jointly"]) at += (at.empty() ? "`" : ", `") + id.get<std::string>() + "`";
      at += " (checked jointly)";
    }
    md += "- " + p["section"].get<std::string>() + ", " + p["proof"].get<std::string>() + ": **breaks at " + at + "**: " +
          md_cell(b["assertion"].get<std::string>()) +
          (b.contains("replay") ? " (" + b["variant"].get<std::string>() + "; `stabcheck replay " + b["replay"].get<std::string>() + "`)" : "") +
          "\n";
  }
  md += "\n";
  md += "| id | assertion | status | verdict in this run | checked by / why not |\n|---|---|---|---|---|\n";
  for (const auto& e : j["links"]) {
    if (!e["counted"].get<bool>()) continue;
    md += "| `" + e["id"].get<std::string>() + "` | " + md_cell(e["assertion"].get<std::string>()) + " | " + e["status"].get<std::string>() +
          " | " + e["verdict"].get<std::string>() + " | " + md_cell(checked_by(e, false)) + " |\n";
  }
  return md + "\n";
}

std::string derivations_latex(const std::vector<VariantResult>& results) {
  const nlohmann::json j = derivations_json(results);
  std::map<std::string, const nlohmann::json*> by_id;
  for (const auto& e : j["links"]) by_id[e["id"].get<std::string>()] = &e;
  std::string o = "\\paragraph{Derivations.} " + latex_escape(j["coverage"].get<std::string>()) +
                  " (per proof: links checked of all links; first link refuted; the chains: report.html): {\\footnotesize ";
  bool first = true;
  for (const auto& p : j["proofs"]) {
    long checked = 0;
    for (const auto& id : p["links"]) checked += by_id.at(id.get<std::string>())->at("status") == "checked";
    o += (first ? "" : "; ") + latex_escape(p["section"].get<std::string>()) + " " + std::to_string(checked) + "/" +
         std::to_string(p["links"].size());
    if (!p["first_broken"].is_null()) {
      std::string at = p["first_broken"]["id"].get<std::string>();
      if (p["first_broken"].contains("jointly")) at += "--" + p["first_broken"]["jointly"].back().get<std::string>() + " jointly";
      o += ", \\textbf{breaks at " + latex_escape(at) + "}";
    }
    first = false;
  }
  return o + ".}\n";
}

std::string derivations_html(const std::vector<VariantResult>& results) {
  const nlohmann::json j = derivations_json(results);
  std::string o = "<h2 id=\"derivations\">Derivations</h2>\n<p>" + html_escape(j["coverage"].get<std::string>()) +
                  " (<code>stabcheck list --derivations</code>). Each proof's links in the appendix's order (click to open): the id, "
                  "the assertion as printed, its status and this run's verdict, the variants that check it or why none does.</p>\n";
  std::map<std::string, const nlohmann::json*> by_id;
  for (const auto& e : j["links"]) by_id[e["id"].get<std::string>()] = &e;
  for (const auto& p : j["proofs"]) {
    const bool broken = !p["first_broken"].is_null();
    o += "<details class=\"proof\"><summary>" + html_escape(p["section"].get<std::string>() + ", " + p["proof"].get<std::string>()) + ": " +
         (broken ? "<b class=\"mismatch\">breaks at " + html_escape(p["first_broken"]["id"].get<std::string>()) + "</b>"
                 : std::string("no link refuted")) +
         " (" + std::to_string(p["links"].size()) + " links)</summary>\n<table class=\"links\"><tr><th>id</th><th>assertion</th><th>status"
         "</th><th>verdict</th><th>checked by / why not</th></tr>\n";
    for (const auto& id : p["links"]) {
      const auto& e = *by_id.at(id.get<std::string>());
      o += "<tr><td><code>" + html_escape(e["id"].get<std::string>()) + "</code></td><td>" + html_escape(e["assertion"].get<std::string>()) +
           "</td><td>" + html_escape(e["status"].get<std::string>()) + "</td><td>" + html_escape(e["verdict"].get<std::string>()) + "</td><td>" +
           html_escape(checked_by(e, true)) + "</td></tr>\n";
    }
    o += "</table></details>\n";
  }
  return o;
}

}  // namespace stabcheck
