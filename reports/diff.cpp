#include "reports/diff.hpp"
#include <cmath>
#include <map>
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
}  // namespace

DiffResult diff_reports(const nlohmann::json& a, const nlohmann::json& b, double factor) {
  auto ia = index(a, "OLD"), ib = index(b, "NEW");
  DiffResult d;
  std::ostringstream verdicts, added, removed, slacks;
  for (const auto& [k, cb] : ib) {
    auto it = ia.find(k);
    if (it == ia.end()) {
      ++d.added;
      added << "| " << k.first << " | " << k.second << " | " << (*cb)["verdict"].get<std::string>() << " |\n";
      continue;
    }
    const auto& ca = *it->second;
    std::string va = ca["verdict"], vb = (*cb)["verdict"];
    if (va != vb) {
      ++d.verdict_changes;
      verdicts << "| " << k.first << " | " << k.second << " | " << va << " | " << vb << " | "
               << (*cb).value("expected", std::string("?")) << " |\n";
    }
    double sa = slack_of(ca), sb = slack_of(*cb);
    if (std::isfinite(sa) && std::isfinite(sb)) {
      bool sign = (sa < 0) != (sb < 0);
      double ra = std::fabs(sa), rb = std::fabs(sb);
      bool moved = sign || (ra == 0) != (rb == 0) ||
                   (ra > 0 && rb > 0 && (rb / ra > factor || ra / rb > factor));
      if (moved) {
        ++d.slack_moves;
        slacks << "| " << k.first << " | " << k.second << " | " << ca["min_slack"].get<std::string>() << " | "
               << (*cb)["min_slack"].get<std::string>() << " |\n";
      }
    }
  }
  for (const auto& [k, ca] : ia)
    if (!ib.count(k)) {
      ++d.removed;
      removed << "| " << k.first << " | " << k.second << " | " << (*ca)["verdict"].get<std::string>() << " |\n";
    }
  std::ostringstream md;
  md << "# stabcheck diff\n\n";
  md << "- old: git " << a.value("git", std::string("?")) << ", seed " << a.value("seed", 0) << ", started " << a.value("started", std::string("?")) << "\n";
  md << "- new: git " << b.value("git", std::string("?")) << ", seed " << b.value("seed", 0) << ", started " << b.value("started", std::string("?")) << "\n";
  md << "- " << d.verdict_changes << " verdict change(s), " << d.added << " variant(s) added, " << d.removed
     << " removed, " << d.slack_moves << " smallest slack(s) moved by more than a factor " << factor << " or changed sign\n\n";
  if (d.verdict_changes)
    md << "## Verdicts that changed\n\n| claim | variant | old | new | expected (new) |\n|---|---|---|---|---|\n" << verdicts.str() << "\n";
  if (d.added) md << "## Added\n\n| claim | variant | verdict |\n|---|---|---|\n" << added.str() << "\n";
  if (d.removed) md << "## Removed\n\n| claim | variant | verdict |\n|---|---|---|\n" << removed.str() << "\n";
  if (d.slack_moves) md << "## Smallest slack moved\n\n| claim | variant | old | new |\n|---|---|---|---|\n" << slacks.str() << "\n";
  d.markdown = md.str();
  return d;
}

}  // namespace stabcheck
