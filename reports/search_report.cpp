// The adversarial search's figures in every format (core/search.hpp, VariantResult::Search).
#include "reports/report.hpp"
#include <cmath>

namespace stabcheck {

nlohmann::json search_json(const VariantResult::Search& s) {
  return {{"budget", s.budget},
          {"evaluations", s.evaluations},
          {"starts", s.starts},
          {"knobs", s.dims},
          {"families", s.families},
          {"families_with_knobs", s.searched},
          {"seconds", s.seconds},
          {"best_rel_slack", std::isfinite(s.best_rel) ? nlohmann::json(s.best_rel) : nlohmann::json(nullptr)},
          {"found", s.found}};
}

std::string search_text(const VariantResult::Search& s) {
  if (s.searched == 0) return "no family of this variant has continuous parameters: not searched";
  std::string t = "searched " + std::to_string(s.evaluations) + " points (" + std::to_string(s.starts) + " starts, up to " +
                  std::to_string(s.dims) + " knobs, " + std::to_string(s.searched) + "/" + std::to_string(s.families) +
                  " families) in " + fmt_sig(s.seconds, 3) + " s";
  if (std::isfinite(s.best_rel)) t += "; smallest slack found " + fmt_sig(s.best_rel, 3);
  if (s.found) t += "; the search found the violation";
  return t;
}

}  // namespace stabcheck
