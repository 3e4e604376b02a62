#include "reports/diff.hpp"
#include "reports/findings.hpp"
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

namespace stabcheck {

namespace {
using Key = std::pair<std::string, std::string>;

std::map<Key, const nlohmann::json*> index(const nlohmann::json& r, const char* which) {
  if (!r.is_object() || !r.contains("claims") || !r["claims"].is_array())
    throw std::invalid_argument(std::string(which) + " is not a stabcheck report (no \"claims\" array)");
  std::map<Key, const nlohmann::json*> out;
  for (const auto& c : r["claims"]) out[{c.at("id").get<std::string>(), c.at("variant").get<std::string>()}] = &c;
  return out;
}

double slack_of(const nlohmann::json& c) {
  if (!c.contains("min_slack") || c["min_slack"].is_null()) return NAN;
  try { return std::stod(c["min_slack"].get<std::string>()); } catch (...) { return NAN; }
}

// The findings of a report: its variants as VariantResults (what the status rule reads: verdict, certified, note) and
// the registry's claims (readings, uses).
struct ReportFindings {
  std::vector<VariantResult> results;
  std::map<std::string, Finding> by_id;
};
ReportFindings findings_of(const nlohmann::json& report) {
  ReportFindings out;
  for (const auto& c : report["claims"]) {
    VariantResult r;
    r.claim = c.at("id").get<std::string>();
    r.variant = c.at("variant").get<std::string>();
    r.source = c.value("source", std::string());
    r.claim_statement = c.value("claim_statement", std::string());
    r.note = c.value("note", std::string());
    r.verdict = parse_verdict(c.at("verdict").get<std::string>());
    r.certified = c.value("certified", false);
    out.results.push_back(std::move(r));
  }
  for (auto& f : build_findings(out.results, registry())) {
    f.counterexample = nullptr;  // not carried over (it points into results); counterexamples are compared per variant
    f.best_constant = nullptr;
    f.best_constants.clear();
    out.by_id[f.id] = std::move(f);
  }
  return out;
}

std::string ce_replay(const nlohmann::json* c) {
  if (!c || !c->contains("counterexample")) return "";
  return (*c)["counterexample"].value("replay", std::string("?"));
}
std::string ce_inputs(const nlohmann::json* c) {
  if (!c || !c->contains("counterexample")) return "";
  const auto& ce = (*c)["counterexample"];
  return ce.contains("inputs") ? ce["inputs"].dump() : "";
}
bool ce_certified(const nlohmann::json* c) {
  return c && c->contains("counterexample") && c->value("certified", false);
}
std::string code(const std::string& s) { return s.empty() ? "-" : "`" + s + "`"; }
}  // namespace

DiffResult diff_reports(const nlohmann::json& a, const nlohmann::json& b, double factor) {
  auto ia = index(a, "OLD"), ib = index(b, "NEW");
  DiffResult d;

  // the findings
  const ReportFindings fa = findings_of(a), fb = findings_of(b);
  std::set<std::string, bool (*)(const std::string&, const std::string&)> ids(paper_less);
  for (const auto& [id, f] : fa.by_id) ids.insert(id);
  for (const auto& [id, f] : fb.by_id) ids.insert(id);
  std::ostringstream status, steps, ces;
  for (const auto& id : ids) {
    const auto oa = fa.by_id.find(id), ob = fb.by_id.find(id);
    const std::string sa = oa == fa.by_id.end() ? "not run" : status_str(oa->second.status);
    const std::string sb = ob == fb.by_id.end() ? "not run" : status_str(ob->second.status);
    if (sa != sb) {
      ++d.status_changes;
      status << "| " << id << " | " << sa << " | **" << sb << "** |\n";
    }
    if (oa != fa.by_id.end() && ob != fb.by_id.end()) {
      const std::string gb = ob->second.flag;
      std::set<std::string> ua(oa->second.refuted_uses.begin(), oa->second.refuted_uses.end()),
          ub(ob->second.refuted_uses.begin(), ob->second.refuted_uses.end());
      if (ua != ub) {  // a flag that only follows the claim's own status flip is in the status table
        ++d.proof_step_changes;
        std::string broke, mended;
        for (const auto& u : ub) if (!ua.count(u)) broke += (broke.empty() ? "" : ", ") + u;
        for (const auto& u : ua) if (!ub.count(u)) mended += (mended.empty() ? "" : ", ") + u;
        steps << "| " << id << " | " << (broke.empty() ? "-" : "**" + broke + "**") << " | " << (mended.empty() ? "-" : mended)
              << " | " << (gb.empty() ? "-" : gb) << " |\n";
      }
    }
  }
  std::set<Key> keys;
  for (const auto& [k, c] : ia) keys.insert(k);
  for (const auto& [k, c] : ib) keys.insert(k);
  std::vector<Key> ordered(keys.begin(), keys.end());
  std::stable_sort(ordered.begin(), ordered.end(), [](const Key& x, const Key& y) { return paper_less(x.first, y.first); });
  for (const auto& k : ordered) {
    const nlohmann::json* ca = ia.count(k) ? ia.at(k) : nullptr;
    const nlohmann::json* cb = ib.count(k) ? ib.at(k) : nullptr;
    const bool xa = ce_certified(ca), xb = ce_certified(cb);
    if (!xa && !xb) continue;
    std::string what;
    if (!xa) what = "new";
    else if (!xb) what = "gone";
    else if (ce_replay(ca) != ce_replay(cb) || ce_inputs(ca) != ce_inputs(cb)) what = "changed";
    if (what.empty()) continue;
    ++d.counterexample_changes;
    ces << "| " << k.first << " | " << k.second << " | **" << what << "** | " << code(xa ? ce_replay(ca) : "") << " | "
        << code(xb ? ce_replay(cb) : "") << " |\n";
  }

  // the detail
  std::ostringstream verdicts, added, removed, slacks;
  for (const auto& k : ordered) {
    const nlohmann::json* ca = ia.count(k) ? ia.at(k) : nullptr;
    const nlohmann::json* cb = ib.count(k) ? ib.at(k) : nullptr;
    if (!ca) {
      ++d.added;
      added << "| " << k.first << " | " << k.second << " | " << (*cb)["verdict"].get<std::string>() << " |\n";
      continue;
    }
    if (!cb) {
      ++d.removed;
      removed << "| " << k.first << " | " << k.second << " | " << (*ca)["verdict"].get<std::string>() << " |\n";
      continue;
    }
    std::string va = (*ca)["verdict"], vb = (*cb)["verdict"];
    if (va != vb) {
      ++d.verdict_changes;
      verdicts << "| " << k.first << " | " << k.second << " | " << va << " | " << vb << " | " << cb->value("expected", std::string("?")) << " |\n";
    }
    double sa = slack_of(*ca), sb = slack_of(*cb);
    if (std::isfinite(sa) && std::isfinite(sb)) {
      bool sign = (sa < 0) != (sb < 0);
      double ra = std::fabs(sa), rb = std::fabs(sb);
      bool moved = sign || (ra == 0) != (rb == 0) || (ra > 0 && rb > 0 && (rb / ra > factor || ra / rb > factor));
      if (moved) {
        ++d.slack_moves;
        slacks << "| " << k.first << " | " << k.second << " | " << (*ca)["min_slack"].get<std::string>() << " | "
               << (*cb)["min_slack"].get<std::string>() << " |\n";
      }
    }
  }

  std::ostringstream md;
  md << "# stabcheck diff\n\n";
  md << "- old: git " << a.value("git", std::string("?")) << ", seed " << a.value("seed", 0) << ", started " << a.value("started", std::string("?")) << "\n";
  md << "- new: git " << b.value("git", std::string("?")) << ", seed " << b.value("seed", 0) << ", started " << b.value("started", std::string("?")) << "\n";
  md << "- findings: " << d.status_changes << " claim status change(s), " << d.counterexample_changes
     << " new, changed or vanished certified counterexample(s), " << d.proof_step_changes << " claim(s) whose proof steps broke or mended\n";
  md << "- detail: " << d.verdict_changes << " verdict change(s), " << d.added << " variant(s) added, " << d.removed
     << " removed, " << d.slack_moves << " smallest slack(s) moved by more than a factor " << factor << " or changed sign\n\n";
  md << "## Changed findings\n\n";
  if (!d.status_changes && !d.counterexample_changes && !d.proof_step_changes) md << "None: every claim's status, certified counterexample and proof steps are as before.\n\n";
  if (d.status_changes)
    md << "### Claims whose status changed\n\n| claim | old | new |\n|---|---|---|\n" << status.str() << "\n";
  if (d.counterexample_changes)
    md << "### Certified counterexamples: new, changed or gone\n\n| claim | variant | change | old replay | new replay |\n|---|---|---|---|---|\n"
       << ces.str() << "\n";
  if (d.proof_step_changes)
    md << "### Proof steps that broke or mended\n\n| claim | now refuted | no longer refuted | flag (new) |\n|---|---|---|---|\n" << steps.str() << "\n";
  md << "## Detail\n\n";
  if (!d.verdict_changes && !d.added && !d.removed && !d.slack_moves) md << "No verdict changed, no variant added or removed, no smallest slack moved.\n\n";
  if (d.verdict_changes)
    md << "### Verdicts that changed\n\n| claim | variant | old | new | expected (new) |\n|---|---|---|---|---|\n" << verdicts.str() << "\n";
  if (d.added) md << "### Added\n\n| claim | variant | verdict |\n|---|---|---|\n" << added.str() << "\n";
  if (d.removed) md << "### Removed\n\n| claim | variant | verdict |\n|---|---|---|\n" << removed.str() << "\n";
  if (d.slack_moves) md << "### Smallest slack moved\n\n| claim | variant | old | new |\n|---|---|---|---|\n" << slacks.str() << "\n";
  d.markdown = md.str();
  return d;
}

}  // namespace stabcheck
