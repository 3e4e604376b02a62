// THM-3.3 — SAM stability criterion on the coherence construction (C.13, eqs. 80-87).
// Construction: n, integer sigma in [1, n], lambda1 > 0, m = n lambda1/sigma, H_i = m e1 e1^T (i <= sigma);
// for i > sigma: (a) H_i = 0 (C.13 text), (b) H_i = m e_{i-sigma+1} e^T (C.3), d = n - sigma + 1.
// Statement: (81) e1^T E[J^T J] e1 = 1 - 2 eta l - 2 eta c l^2 + eta^2 l^2 + 2 eta^2 c l^3 + eta^2 c^2 l^4 + eta^2 q (1 + c l)^2 sigma m^2,
// and (via (82)-(86)) e1-entry < 1  <=>  (87) lambda1 (1 + c lambda1) < (2 sigma/eta)(n/B - 1 + sigma)^{-1}.
// E[J^T J] by enumeration of the 2^n patterns (exact). eta is drawn at the (rational) threshold of (87) exactly,
// at (1 +- 10^-3) and (1 +- 10^-1) times it, and at half / twice it.
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/construction.hpp"
#include "generators/relu_construction_grid.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_thm_3_3 {
namespace {

using namespace stab;

/// e1 entry and all diagonal entries of E[J^T J], by enumeration in the tier.
template <class T> Mat<T> EJtJ(const Sample& s) {
  auto m = mom::model_of<T>(s);
  return mom::enum_E_JtAJ(mom::patterns(m), Mat<T>(Mat<T>::Identity(m.d, m.d)));
}

enum class Fact { LmaxH, LmaxS, MaxLmaxHi, Sigma };

auto fact_body(Fact f) {  // one body for the four facts, compiled once per tier
  return [f](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    const Rat l = s.scalar("lambda1");
    const int sigma = int(s.integer("sigma"));
    const Rat mm = construction::m_of(m.n, sigma, l);
    Real<T> val{}, want{};  // set by the switch below
    Real<T> maxh = lmax(m.H[0]);
    for (size_t i = 1; i < m.H.size(); ++i) maxh = rmax_(maxh, Real<T>(lmax(m.H[i])));
    Real<T> lS = lmax(coherence_S<T>(s.family("H")));
    switch (f) {
      case Fact::LmaxH: val = lmax(m.Hbar); want = real_of<T>(l); break;
      case Fact::LmaxS: val = lS; want = real_of<T>(mm * sigma); break;
      case Fact::MaxLmaxHi: val = maxh; want = real_of<T>(mm); break;
      case Fact::Sigma: val = lS / maxh; want = real_of<T>(Rat(sigma)); break;
    }
    return sides(val, want);
  };
}

auto entry81 = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  Mat<T> E = EJtJ<T>(s);
  const Rat f = construction::e1_entry_81(int(s.family("H").size()), s.scalar("B"), int(s.integer("sigma")), s.scalar("lambda1"),
                                          s.scalar("eta"), s.scalar("c"));
  return sides(real(T(E(0, 0))), real_of<T>(f));
};

// 1 - (81) = eta^2 mu1 kappa (R - mu1), mu1 = l(1 + c l), kappa = (sigma + n/B - 1)/sigma, R = (87) rhs: the algebra (81) => (87)
auto algebra = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  const int n = int(s.family("H").size()), sigma = int(s.integer("sigma"));
  const Rat B = s.scalar("B"), l = s.scalar("lambda1"), eta = s.scalar("eta"), c = s.scalar("c");
  const T lhs = T(1) - from_rat<T>(construction::e1_entry_81(n, B, sigma, l, eta, c));
  const T mu = from_rat<T>(l * (1 + c * l)), kappa = from_rat<T>((Rat(sigma) + Rat(n) / B - 1) / Rat(sigma));
  const T R = from_rat<T>(construction::criterion_87_rhs(n, B, sigma, eta));
  const T rhs = from_rat<T>(eta * eta) * mu * kappa * (R - mu);
  const T sc = T(1) + (lhs < T(0) ? T(-lhs) : lhs);  // the terms of (81) are O(1): 1 - (81) may vanish exactly
  return sides(real(lhs), real(rhs), real(sc));
};

/// indicator of (87) against the indicator of stability: of the e1 entry (all_diag = false) or of every diagonal
/// entry (variant b, all_diag = true). Decided exactly (entries are rational); reported as 0/1.
auto iff_body(bool all_diag) {
  return [all_diag](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    MatQ E = EJtJ<Rat>(s);
    bool stable = E(0, 0) < 1;
    if (all_diag)
      for (Eigen::Index j = 0; j < E.rows(); ++j) stable = stable && E(j, j) < 1;
    const Rat l = s.scalar("lambda1"), c = s.scalar("c");
    const bool crit = l * (1 + c * l) < construction::criterion_87_rhs(int(s.family("H").size()), s.scalar("B"), int(s.integer("sigma")),
                                                                     s.scalar("eta"));
    (void)tier;
    return sides(real_of<T>(Rat(stable ? 1 : 0)), real_of<T>(Rat(crit ? 1 : 0)), real_of<T>(Rat(1)));
  };
}

Claim make() {
  return Claim{
      .id = "THM-3.3", .source = "Theorem 3.3 / appendix C.13, eqs. (80)-(87)",
      .statement = "On the coherence construction, e1^T E[J^T J] e1 is (81), and it is < 1 iff (87) lambda1 (1 + rho/alpha lambda1) < (2 sigma/eta)(n/B - 1 + sigma)^{-1}",
      // (80) is E[J^T J] by (33) (E[H^2] = H^2 + q sum_i H_i^2), i.e. the one-step identity (34) with M = I
      .uses = {"ID-33", "THM-C8-RECURSION"},
      .families = {
          {.name = "construction-a",
           .description = "variant (a) (H_i = 0 for i > sigma), n 1..6, sigma in [1,n], d 1..3, B in [1,n], "
                          "lambda1 in {1,2,1/2,3}, c lambda1 in {0,1/2,1,1/10,3}, eta = eta*_(87) x {1, 1-1e-3, 1+1e-3, 0.9, 1.1, 1/2, 2}",
           .gen = construction::eta_grid_87('a')},
          {.name = "construction-b",
           .description = "variant (b) (H_i = m e_{i-sigma+1} e^T), d = n - sigma + 1, other parameters as for (a)",
           .gen = construction::eta_grid_87('b')},
      },
      .variants = {
          {.slug = "facts.lambda-max-H", .statement = "lambda_max(H) = lambda1", .rel = Rel::Eq,
           .eval = make_evaluator(fact_body(Fact::LmaxH)), .note = "construction fact", .checks = {"C.13-p1"}},
          {.slug = "facts.lambda-max-S", .statement = "lambda_max(S) = m sigma", .rel = Rel::Eq,
           .eval = make_evaluator(fact_body(Fact::LmaxS)), .note = "construction fact", .checks = {"C.13-p2"}},
          {.slug = "facts.max-lambda-max-Hi", .statement = "max_i lambda_max(H_i) = m", .rel = Rel::Eq,
           .eval = make_evaluator(fact_body(Fact::MaxLmaxHi)), .note = "construction fact", .checks = {"C.13-p3"}},
          {.slug = "facts.coherence", .statement = "lambda_max(S) / max_i lambda_max(H_i) = sigma (from the definition, not the exact shortcut)",
           .rel = Rel::Eq, .eval = make_evaluator(fact_body(Fact::Sigma)), .note = "construction fact", .checks = {"C.13-p4"}},
          {.slug = "(81)", .statement = "e1^T E[J^T J] e1 (enumeration) = (81)", .rel = Rel::Eq, .eval = make_evaluator(entry81),
           .note = "the e1 entry (81)", .checks = {"(80)c", "(81)"}},
          {.slug = "(81)-to-(87).algebra",
           .statement = "1 - (81) = eta^2 mu1 kappa (R - mu1), mu1 = l(1 + c l), kappa = (sigma + n/B - 1)/sigma, R = 2 sigma/(eta(n/B - 1 + sigma))",
           .rel = Rel::Eq, .eval = make_evaluator(algebra),
           .note = "the algebra (81) => (82)-(86) => (87), as an exact rational identity (so: entry < 1 <=> mu1 < R)",
           .checks = {"(87)", "C.13-p8"}},
          {.slug = "(87).iff.e1-entry", .statement = "[e1^T E[J^T J] e1 < 1] = [(87) holds] (0/1 indicators, decided exactly)", .rel = Rel::Eq,
           .eval = make_evaluator(iff_body(false)), .note = "the claimed criterion: e1-direction mean-square stability iff (87)",
           .checks = {"(82)", "(87)", "C.13-p8"}},
          {.slug = "(87).iff.all-directions.b", .statement = "[every diagonal entry of E[J^T J] < 1] = [(87) holds], variant (b)", .rel = Rel::Eq,
           .eval = make_evaluator(iff_body(true)), .note = "variant (b): the e1 direction is the binding one", .families = {"construction-b"},
           .checks = {"C.13-p6", "(87)", "C.13-p8"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_3_3
