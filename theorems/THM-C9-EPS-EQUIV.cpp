// THM-C9-EPS-EQUIV — (53)-(60) (auxiliary):
//   -(1-eps) I <= Jbar <= (1-eps) I   iff   eps/eta <= lambda_i(H) + rho/alpha lambda_i(H)^2 <= (2-eps)/eta for all i.
// Jbar = I - eta H - eta c H^2 is formed as a matrix and its spectrum computed; the scalar condition uses the
// eigenvalues of H. eps is drawn exactly at eps_max = 1 - ||Jbar||_2 (exact when rational), just below and above it.
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/stability.hpp"
#include "generators/c8_stability_claims.hpp"  // names_by_tag

namespace stabcheck::claim_thm_c9_eps_equiv {
namespace {

using namespace stab;

const std::vector<std::string> kKinds = {"wishart", "diagonal", "commuting", "orthogonal", "pm-identity", "independent", "rankone"};

// code: 0 eps = eps_max (exact if rational, else just below), 1: eps_max (1 - 1/10), 2: eps_max (1 - 1/1000),
//       3: just above eps_max (hypothesis fails on both sides), 4: eps = 1/2
Sample finish_any(Sample s, int code, bool hyp_only) {
  static const std::vector<Rat> u = {Rat(1), Rat(1, 2), Rat(3, 2), Rat(19, 10), Rat(1, 10)};
  make_pd(s);
  const auto& H = s.family("H");
  Rat c = s.scalar("c");
  s.scalars["eta"] = step_over_mu_max(s, u, size_t(code / 5));  // eps follows eta
  Threshold e = eps_max(H, s.scalar("eta"), c);
  Rat eps;
  switch (hyp_only ? code % 3 : code % 5) {
    case 0: eps = e.exact ? *e.exact : place_below(e, Rat(1, 1000000000000LL)); break;
    case 1: eps = place_below(e, Rat(1, 10)); break;
    case 2: eps = place_below(e, Rat(1, 1000)); break;
    case 3: eps = place_above(e, Rat(1, 1000)); break;
    default: eps = Rat(1, 2); break;
  }
  if (eps <= 0) eps = Rat(1, 1000000);
  if (eps >= 1) eps = Rat(999999, 1000000);
  s.scalars["eps"] = eps;
  return s;
}
Sample finish(Sample s, int code) { return finish_any(std::move(s), code, false); }
Sample finish_hyp(Sample s, int code) { return finish_any(std::move(s), code, true); }

/// (1 - eps) - ||Jbar||_2 from the matrix Jbar, and min_i min(eta mu_i - eps, 2 - eps - eta mu_i) from eig(H).
template <class T> std::pair<Real<T>, Real<T>> margins(const Sample& s) {
  auto m = mom::model_of<T>(s);
  T eps = s.scalar_as<T>("eps");
  auto ej = eigvals_sym(m.Jbar);
  Real<T> nrm = rmax_(Real<T>(abs(ej.front())), Real<T>(abs(ej.back())));
  Real<T> one = Real<T>(real(T(1))), two = Real<T>(real(T(2)));
  Real<T> e = real(eps), eta = real(m.eta), c = real(m.c);
  Real<T> mat = one - e - nrm;
  auto eh = eigvals_sym(m.Hbar);
  Real<T> sc = Real<T>(real(T(0)));
  bool first = true;
  for (const auto& l : eh) {
    Real<T> mu = l + c * l * l;
    Real<T> v = rmin_(Real<T>(eta * mu - e), Real<T>(two - e - eta * mu));
    sc = first ? v : rmin_(sc, v);
    first = false;
  }
  return {mat, sc};
}

auto equal_body = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto [a, b] = margins<T>(s);
  return sides(a, b, Real<T>(real(T(1))));
};
/// forward: matrix bound => scalar condition: scalar margin >= 0 (samples with eps <= eps_max).
auto forward_body = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto [a, b] = margins<T>(s);
  return sides(b, Real<T>(real(T(0))), Real<T>(real(T(1))));
};
/// backward: scalar condition => PSD bounds: lambda_min((1-eps)I - Jbar) >= 0 and lambda_min((1-eps)I + Jbar) >= 0.
auto backward_body = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  T eps = s.scalar_as<T>("eps");
  Mat<T> I = Mat<T>::Identity(m.d, m.d);
  Mat<T> up = I * (T(1) - eps) - m.Jbar, lo = I * (T(1) - eps) + m.Jbar;
  Real<T> v = rmin_(Real<T>(lmin(up)), Real<T>(lmin(lo)));
  return sides(v, Real<T>(real(T(0))), Real<T>(real(T(1))));
};

Base base(const std::string& kind) {
  return Base{.hkind = kind, .n_lo = 1, .n_hi = 4, .d_lo = 1, .d_hi = 3, .c_units = {Rat(0), Rat(1), Rat(1, 4), Rat(4)},
              .scales = {0, -3, 3}, .ncodes = 25};
}

/// Per kind: the family `kind` (eps at, below and above eps_max, or 1/2) and `kind.hyp` (eps <= eps_max only).
std::vector<Family> families() {
  std::vector<Family> out;
  for (const auto& k : kKinds) {
    out.push_back(model_family(k, base(k), finish, "; H made PD; eta mu_max in {1,1/2,3/2,19/10,1/10}; eps at / below / above eps_max, or 1/2"));
    out.push_back(model_family(k + ".hyp", base(k), finish_hyp,
                               "; H made PD; eps = eps_max (exact when rational), eps_max(1 - 1/10), eps_max(1 - 1/1000)"));
  }
  return out;
}

Claim make() {
  return Claim{
      .id = "THM-C9-EPS-EQUIV", .source = "Theorem C.9 proof, eqs. (53)-(60) (auxiliary)",
      .statement = "-(1-eps) I <= Jbar <= (1-eps) I  iff  eps/eta <= lambda_i(H) + rho/alpha lambda_i(H)^2 <= (2-eps)/eta for all i",
      .families = families(),
      .variants = {
          {.slug = "margins-equal",
           .statement = "(1 - eps) - ||Jbar||_2 = min_i min(eta mu_i - eps, 2 - eps - eta mu_i), mu_i = lambda_i + c lambda_i^2 "
                        "(the two conditions have equal margins, hence hold together)",
           .rel = Rel::Eq, .eval = make_evaluator(equal_body), .note = "the equivalence as an identity of margins", .families = names_by_tag({kKinds}),
           .checks = {"(54)<=>(59),(60)"}},
          {.slug = "forward",
           .statement = "eps <= eps_max (matrix bound holds)  =>  min_i min(eta mu_i - eps, 2 - eps - eta mu_i) >= 0",
           .rel = Rel::Ge, .eval = make_evaluator(forward_body),
           .note = "=> direction, on samples with eps <= eps_max (eps = eps_max exactly when rational: the equality case)",
           .families = {"*.hyp"}, .checks = {"(54)<=>(59),(60)"}},
          {.slug = "backward",
           .statement = "eps <= eps_max (scalar condition holds)  =>  lambda_min((1-eps)I - Jbar) >= 0 and lambda_min((1-eps)I + Jbar) >= 0",
           .rel = Rel::Ge, .eval = make_evaluator(backward_body), .note = "<= direction (PSD bounds decided on the matrix Jbar)",
           .families = {"*.hyp"}, .checks = {"(54)<=>(59),(60)", "(52)c"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c9_eps_equiv
