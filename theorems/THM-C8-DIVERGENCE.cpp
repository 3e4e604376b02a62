// THM-C8-DIVERGENCE — Theorem C.8 part 4, (31)/(44):
//   if lambda_max(H) >= (sigma/eta) (n/B - 1)^{-1/2} (1 + rho/alpha lambda_min(H))^{-1}
//   then lim_k E||J^_k ... J^_1||_F^2 = lim_k Tr M_k = infinity.
// Hypothesis  <=>  eta >= eta* = sigma / (sqrt(n/B - 1) lambda_max(H) (1 + c lambda_min(H))), B < n.
// Samples put eta exactly at eta* when eta* is rational (d = 1, aligned, orthogonal, the construction, with
// n/B - 1 a square), otherwise at a rational proven >= eta*; and at eta*(1 + 10^-3), (1 + 10^-1), 2 eta*.
// Conclusion through r(T) with exact boundary recognition (models/moments.hpp):
//   div(T) = r(T) - 1 off the boundary; at r(T) = 1 exactly: 0 if Tr M_k grows polynomially, -1 if bounded.
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/stability.hpp"
#include "generators/c8_stability_claims.hpp"

namespace stabcheck::claim_thm_c8_divergence {
namespace {

using namespace stab;

const std::vector<std::string> kExact = {"diagonal", "aligned", "orthogonal", "construction-a", "construction-b"};
const std::vector<std::string> kGeneric = {"wishart", "lowrank", "rankone", "commuting", "clustered", "independent"};

Sample finish_at(Sample s, int) {
  Threshold t = eta_sigma_threshold(s.family("H"), s.scalar("B"), s.scalar("c"));
  s.scalars["eta"] = place_above(t, Rat(0));
  return s;
}
Sample finish_above(Sample s, int code) {
  static const std::vector<Rat> rel = {Rat(1, 1000), Rat(1, 10), Rat(1)};
  Threshold t = eta_sigma_threshold(s.family("H"), s.scalar("B"), s.scalar("c"));
  s.scalars["eta"] = step_above(t, rel, size_t(code));
  return s;
}

auto body = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  if constexpr (std::is_same_v<T, double>) {  // the sample must satisfy the hypothesis (generator invariant)
    Threshold t = eta_sigma_threshold(s.family("H"), s.scalar("B"), s.scalar("c"));
    if (Ball(s.scalar("eta")) < t.ball) throw std::logic_error("sample violates the hypothesis eta >= eta*");
  }
  auto ri = mom::T_radius<T>(s);
  Real<T> one = Real<T>(real(T(1)));
  return sides(mom::divergence_margin(ri), Real<T>(real(T(0))), rmax_(one, ri.r));
};

// Families: each kind with eta at the threshold (".at") and above it (".above").
Family family(const std::string& kind, BRule br, bool exact_kind, bool above) {
  const Base b{.hkind = kind,
               .n_lo = 2,
               .n_hi = exact_kind ? 6 : 4,
               .d_lo = 1,
               .d_hi = kind.rfind("construction", 0) == 0 ? 1 : 3,
               .brule = br,
               .c_units = {Rat(0), Rat(1), Rat(1, 4), Rat(4)},
               .ncodes = 3};
  return model_family(kind + (above ? ".above" : ".at"), b, above ? Finish(finish_above) : Finish(finish_at),
                      above ? "; eta = eta* (1 + {1e-3, 1e-1, 1}) (rational, proven >= )"
                            : "; eta = eta* exactly when rational, else the simplest rational proven >= eta*");
}

std::vector<Family> families() {
  std::vector<Family> f;
  for (const auto& k : kExact)
    for (bool above : {false, true}) f.push_back(family(k, BRule::SquareRatio, true, above));
  for (const auto& k : kGeneric)
    for (bool above : {false, true}) f.push_back(family(k, BRule::LessN, false, above));
  return f;
}

const std::string kConclusion = "div(T) >= 0, div(T) = r(T) - 1 off r(T) = 1; at r(T) = 1 exactly: 0 if Tr M_k grows polynomially, -1 if bounded";

Claim make() {
  return Claim{
      .id = "THM-C8-DIVERGENCE", .source = "Theorem C.8 part 4, eqs. (31)/(44)",
      .statement = "lambda_max(H) >= (sigma/eta)(n/B - 1)^{-1/2}(1 + rho/alpha lambda_min(H))^{-1}  =>  lim_k E||J^_k ... J^_1||_F^2 = infinity",
      .readings = {{.name = ">=", .text = "lambda_max(H) >= (sigma/eta)(n/B - 1)^{-1/2}(1 + rho/alpha lambda_min(H))^{-1} (OCR 'Z'/'2')",
                    .chosen = true},
                   {.name = ">", .text = "lambda_max(H) > (sigma/eta)(n/B - 1)^{-1/2}(1 + rho/alpha lambda_min(H))^{-1}"}},
      .uses = {"THM-C8-SIGMA-LB"},
      .families = families(),
      .variants = {
          {.slug = "ge",
           .statement = "eta >= eta*  =>  " + kConclusion,
           .rel = Rel::Ge,
           .eval = make_evaluator(body),
           .note = "reading '>=' [chosen] (OCR 'Z'/'2'), thresholds including equality",
           .families = names_by_tag({kExact, kGeneric}, {".at", ".above"}),
           .checks = {"(31)", "(44)"}},
          {.slug = "ge.equality",
           .statement = "eta = eta* (exactly, rational thresholds)  =>  " + kConclusion,
           .rel = Rel::Ge,
           .eval = make_evaluator(body),
           .note = "the equality case of the '>=' reading, separately",
           .families = names_by_tag({kExact}, {".at"}),
           .checks = {"(44)"}},
          {.slug = "gt",
           .statement = "eta > eta*  =>  " + kConclusion,
           .rel = Rel::Ge,
           .eval = make_evaluator(body),
           .note = "reading '>' (strict)",
           .families = names_by_tag({kExact, kGeneric}, {".above"}),
           .checks = {"(31)", "(44)"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c8_divergence
