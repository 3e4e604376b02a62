// THM-C7-3 — Theorem C.7 part 3, (24)-(25): if the step size satisfies a convergence criterion (Dexter et al.),
// then under (3) lim_k E||w_k||^2 stays bounded (O(1)) and does not tend to 0.
// Checkable content: r(T) < 1  =>  E||w_k||^2 -> eta^2 sd2 sum_{j>=0} Tr(M_j E[H^^2]) = eta^2 sd2 Tr(X E[H^^2]),
// X = (Id - T)^{-1}(I) (exact linear solve), and that limit is > 0. Independently: the fixed point of the forward
// covariance recursion Sigma = E[J^ Sigma J^^T] + eta^2 sd2 E[H^^2] (map by enumeration, exact solve), limit Tr Sigma.
// The explicit bounds (24)a and (25), with their C, eps and "lambda_max" given by the witnesses of the sentence before
// (24), are checked link by link in THM-C7-LINKS (both refuted as printed; the repaired forms hold).
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_thm_c7_3 {
namespace {

using namespace stab;

const std::vector<std::string> kKinds = {"diagonal", "wishart", "lowrank", "rankone", "commuting", "clustered", "independent"};

// r(T) < 1 by construction: eta = u/mu_max, halved until the exact decision says r(T) < 1.
Sample finish(Sample s, int code) {
  static const Rat u[] = {Rat(1), Rat(1, 2), Rat(3, 2), Rat(1, 10)};
  static const Rat sd[] = {Rat(1), Rat(1, 100), Rat(100)};
  make_pd(s);
  s.scalars["eta"] = u[code % 4] / mu_upper(s.family("H"), Rat(0));
  s.scalars["sd2"] = sd[(code / 4) % 3];
  for (int it = 0; it < 64; ++it) {
    auto rv = mom::radius_vs(mom::T_matrix(mom::model_of<Rat>(s)), Rat(1));
    if (rv.cmp == mom::Cmp::Below) break;
    s.scalars["eta"] = s.scalar("eta") / 2;
  }
  return s;
}

template <class T> T limit_backward(const Sample& s) {
  auto m = mom::model_of<T>(s);
  Mat<T> G = mom::closed_E_HAH(m, Mat<T>(Mat<T>::Identity(m.d, m.d)));
  Mat<T> X = mom::resolvent_one(mom::T_matrix(m), Mat<T>(Mat<T>::Identity(m.d, m.d)));
  return m.eta * m.eta * s.scalar_as<T>("sd2") * trace_prod(X, G);
}

auto limit_formula = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  auto ps = mom::patterns(m);
  Mat<T> G = mom::enum_E_Hhat2(ps);
  Mat<T> F = mom::op_matrix<T>(m.d, [&](const Mat<T>& a) { return mom::enum_E_JAJt(ps, a); });
  Mat<T> Sig = mom::resolvent_one(F, Mat<T>(G * (m.eta * m.eta * s.scalar_as<T>("sd2"))));
  return sides(real(T(Sig.trace())), real(limit_backward<T>(s)));
};

auto positive = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  Real<T> lmn = lmin(m.Hbar);
  Real<T> rhs = real(T(m.eta * m.eta * s.scalar_as<T>("sd2") * T(m.d))) * lmn * lmn;
  return sides(real(limit_backward<T>(s)), rhs);
};

Claim make() {
  return Claim{
      .id = "THM-C7-3", .source = "Theorem C.7 part 3, eqs. (24)-(25)",
      .statement = "If the step size satisfies the convergence criterion, then under (3) lim_k E||w_k||^2 = O(1) (bounded, not -> 0); "
                   "(25): lim_k E||w_k||^2 <= eta^2 sigma^2 lambda_max r/(1 - r), r = (1-eps)^2 + eps",
      // (24): (46) in trace form, with (63); (24)a as printed (THM-C7-LINKS)
      .uses = {"THM-C7-DECOMP", "THM-C9-NR-BOUND:trace.eps-small", "THM-C7-LINKS:(24)a"},
      .families = per_kind(kKinds, {.n_lo = 1, .n_hi = 4, .d_lo = 1, .d_hi = 3, .ncodes = 12}, finish,
                           "; H made PD; eta = u/mu_max (u in {1,1/2,3/2,1/10}) halved until r(T) < 1 (exact); sd2 in {1, 1e-2, 1e2}"),
      .variants = {
          {.slug = "limit",
           .statement = "r(T) < 1: Tr Sigma_inf (forward fixed point, enumeration) = eta^2 sd2 Tr((Id - T)^{-1}(I) E[H^^2]) (finite)",
           .rel = Rel::Eq,
           .eval = make_evaluator(limit_formula),
           .note = "bounded, with the limit eta^2 sd2 sum_j Tr(M_j E[H^^2])",
           .checks = {"Thm C.7.3"}},
          {.slug = "not-to-zero",
           .statement = "r(T) < 1: lim E||w_k||^2 >= eta^2 sd2 d lambda_min(H)^2 > 0",
           .rel = Rel::Ge,
           .eval = make_evaluator(positive),
           .note = "the limit does not vanish (residual noise)",
           .checks = {"Thm C.7.3", "C.7-p2"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c7_3
