// THM-C8-TRACE-LB — Theorem C.8 part 2, (29):
//   Tr M_k >= eta^{2k} (1/(Bn) - 1/n^2)^k (1 + rho/alpha lambda_min(H))^{2k} Tr[sum_y H_{y_k} ... H_{y_1}^2 ... H_{y_k}],
// the last trace being Tr N0^k(I), N0(A) = sum_i H_i A H_i. LHS with the exact M_k (closed-form map,
// validated against enumeration by THM-C8-RECURSION and the unit tests), k = 1..8. Adversarial family:
// H_i = h I +- E_i with mean exactly h I and eta = 1/(h(1 + c h)), so that Jbar = 0 (mean and mixed terms vanish).
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/stability.hpp"
#include "generators/c8_stability_claims.hpp"

namespace stabcheck::claim_thm_c8_trace_lb {
namespace {

using namespace stab;

const std::vector<std::string> kKinds = {"wishart", "lowrank", "rankone", "diagonal", "commuting",
                                          "clustered", "orthogonal", "independent"};

// pm-identity: H = h I exactly; eta = 1/(h (1 + c h)) gives Jbar = 0 (code 0), or a rational perturbation of it.
Sample finish_zero_mean(Sample s, int code) {
  MatQ H = mean_of(s.family("H"));
  Rat h = H(0, 0), c = s.scalar("c");
  static const Rat f[] = {Rat(1), Rat(101, 100), Rat(99, 100), Rat(11, 10)};
  s.scalars["eta"] = f[code % 4] / (h * (1 + c * h));
  return s;
}

auto bound = trace_vs_pruned_bound([](const auto& m, int k) { return mom::closed_moments(m, k); });

std::vector<Family> families() {
  const Finish finish = eta_over_mu_max({Rat(1), Rat(1, 2), Rat(2), Rat(3, 2), Rat(1, 10), Rat(3)});
  std::vector<Family> f =
      stab::sam_and_sgd(kKinds, {.n_lo = 1, .n_hi = 4, .d_lo = 1, .d_hi = 3, .brule = BRule::LessN, .ncodes = 6, .k_lo = 1, .k_hi = 8},
                        {Rat(1), Rat(1, 4), Rat(4), Rat(20)}, finish, "; eta mu_max in {1,1/2,2,3/2,1/10,3}");
  const Base pm{.hkind = "pm-identity", .n_lo = 2, .n_hi = 4, .d_lo = 2, .d_hi = 3, .brule = BRule::LessN, .ncodes = 4, .k_lo = 1, .k_hi = 8};
  for (Family& g : sam_sgd_pair("jbar-zero", pm, {Rat(1), Rat(4), Rat(20)}, finish_zero_mean,
                                "; H = hI exactly, eta = f/(h(1+ch)), f in {1, 1.01, 0.99, 1.1} (Jbar = 0 at f = 1)"))
    f.push_back(std::move(g));
  return f;
}

Claim make() {
  return Claim{
      .id = "THM-C8-TRACE-LB", .source = "Theorem C.8 part 2, eq. (29)",
      .statement = "Tr[M_k] >= eta^{2k} (1/(Bn) - 1/n^2)^k (1 + rho/alpha lambda_min(H))^{2k} Tr[sum_{y_1..y_k} H_{y_k} ... H_{y_1}^2 ... "
                   "H_{y_k}]",
      .uses = {"THM-C8-MK-IDENTITY:reading-B-psd", "THM-C8-PRUNE:summed-(40)"},  // (37): M_k >= N_k; (29) sums (40)
      .families = families(),
      .variants = {
          {.slug = "as-stated",
           .statement = "Tr M_k >= eta^{2k} q^k (1 + c lambda_min(H))^{2k} Tr N0^k(I), SAM (c > 0), k = 1..8",
           .rel = Rel::Ge,
           .eval = make_evaluator(bound),
           .note = "the paper's statement (SAM)",
           .families = names_by_tag({kKinds, {"jbar-zero"}}),
           .checks = {"(29)"}},
          {.slug = "sgd",
           .statement = "Tr M_k >= eta^{2k} q^k Tr N0^k(I) (c = 0: then the bound is Tr M_k >= Tr N_k)",
           .rel = Rel::Ge,
           .eval = make_evaluator(bound),
           .note = "the SGD special case rho = 0",
           .families = names_by_tag({kKinds, {"jbar-zero"}}, {".sgd"}),
           .checks = {"(29)"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c8_trace_lb
