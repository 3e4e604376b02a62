// Pieces shared by the claim files of Theorems C.7 and C.8 (spec/stability.md): family-name lists of claims whose
// families are kinds x tags, the step-size finisher eta = u / mu_max, and the pruned lower bound (40) that bounds both
// Tr N_k (THM-C8-PRUNE) and Tr M_k (THM-C8-TRACE-LB).
#pragma once
#include "models/moments.hpp"
#include "generators/stability.hpp"
#include <initializer_list>
#include <string>
#include <vector>

namespace stabcheck::stab {

/// Family names kind + tag: tag by tag (outer), and for each tag every kind of every list in order (inner):
/// names_by_tag({kExact, kGeneric}, {".at", ".above"}) = all ".at" families, then all ".above" families.
inline std::vector<std::string> names_by_tag(std::initializer_list<std::vector<std::string>> kinds,
                                             std::initializer_list<std::string> tags = {""}) {
  std::vector<std::string> names;
  for (const auto& t : tags)
    for (const auto& ks : kinds)
      for (const auto& k : ks) names.push_back(k + t);
  return names;
}
/// Finisher eta = u[code % |u|] / mu_upper(H, c), mu = lambda (1 + c lambda): the step as a multiple of the largest
/// stable GD step scale 1/mu_max (u = 2 is the GD edge of the mean). The claims that use it have no hypothesis on eta
/// (their tables reach beyond the edge), so the search may move the multiple anywhere between the table's extremes.
inline Finish eta_over_mu_max(std::vector<Rat> u) {
  return [u = std::move(u)](Sample s, int code) {
    s.scalars["eta"] = step_over_mu_max(s, u, size_t(code));
    return s;
  };
}

/// (1 + c lambda_min(H))^{2k}: what the pruning (38)-(39) gains from the 2k factors C = I + cH.
template <class T> Real<T> pruning_factor(const mom::Model<T>& m, long k) {
  Real<T> lmn = lmin(m.Hbar);
  Real<T> base = Real<T>(real(T(1))) + Real<T>(real(m.c)) * lmn;
  return ipow(base, 2 * k);
}

/// eta^{2k} q^k (1 + c lambda_min(H))^{2k} Tr N0^k(I), N0(A) = sum_i H_i A H_i: the right-hand side of (40)
/// (a lower bound of Tr N_k) and of (29) (a lower bound of Tr M_k).
template <class T> Real<T> pruned_lower_bound(const mom::Model<T>& m, int k) {
  T f = T(1);
  for (int t = 0; t < k; ++t) f = f * m.eta * m.eta * m.q;
  return real(f) * pruning_factor(m, k) * real(T(mom::sumHAH_powers(m.H, m.d, k).back().trace()));
}

/// Tr X_k >= pruned_lower_bound(m, k), X_k the last of `powers(m, k)` (k from the sample): (40) with the noise
/// powers N_k (THM-C8-PRUNE), (29) with the moments M_k (THM-C8-TRACE-LB).
template <class Powers> auto trace_vs_pruned_bound(Powers powers) {
  return [powers](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    const int k = int(s.integer("k"));
    return sides(real(T(powers(m, k).back().trace())), pruned_lower_bound(m, k));
  };
}

}  // namespace stabcheck::stab
