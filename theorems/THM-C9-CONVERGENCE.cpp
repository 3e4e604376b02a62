// THM-C9-CONVERGENCE — Theorem C.9 part 3, (49):
//  (i)  there is eps in (0,1) with eps/eta <= lambda_i(H) + rho/alpha lambda_i(H)^2 <= (2-eps)/eta for all i
//       (i.e. ||Jbar||_2 <= 1 - eps; the best choice is eps = eps_max = 1 - ||Jbar||_2),
//  (ii) a limit condition on the noise, readings:
//       (ii-a)          lim Tr N_k = 0            <=>  r(N) < 1
//       (ii-b) [chosen] lim eps^{-k} Tr N_k = 0   <=>  r(N) < eps
//       (ii-c)          lim sum_r binom(k,r)(1-eps)^{2(k-r)} Tr N_r = 0  <=>  (1-eps)^2 + r(N) < 1
//  => lim E[J^T...J] = 0, i.e. r(T) < 1.
// Samples satisfy (i) with eps = eps_max (a rational <= eps_max) and (ii-x) by construction: H made PD,
// eta = u 2/mu_max (u < 1), and the noise constant q (via a possibly non-integer B = n/(n^2 q + 1)) set so that
// r(N) = eta^2 q r(N_1) is a fraction theta of the (ii-x) bound (theta up to 1 - 10^-3).
// Conclusion margin: conv(T) = r(T) - 1 off r(T) = 1, +1 at r(T) = 1 exactly (Tr M_k >= 1 there).
// The reading, settled 2026-12-08 (issue 31 item 5): (ii-b). Evidence: the proof itself, before (63), asks that Tr N_r
// be smaller than eps^r ("Tr N_r <= C eps^r"), which is (ii-b), and the quoted source lemma (91) shows the same stray
// factor next to "lim" (DEXTER-LEMMA4.1, read likewise); (ii-a) was the spec's first choice and stays as a variant.
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_thm_c9_convergence {
namespace {

using namespace stab;

const std::vector<std::string> kKinds = {"diagonal", "wishart", "rankone", "commuting", "clustered", "independent", "pm-identity"};

enum class Reading { A, B, C };

template <Reading R> Sample finish(Sample s, int code) {
  static const Rat u[] = {Rat(9, 10), Rat(1, 2), Rat(19, 20), Rat(1, 5), Rat(99, 100)};
  static const Rat th[] = {Rat(999, 1000), Rat(9, 10), Rat(1, 2), Rat(99, 100)};
  make_pd(s);
  const auto& H = s.family("H");
  const int n = int(H.size());
  const Rat c = s.scalar("c");
  const Rat eta = 2 * u[code % 5] / mu_upper(H, c);
  s.scalars["eta"] = eta;
  Threshold e = eps_max(H, eta, c);
  Rat eps = e.exact ? *e.exact : place_below(e, Rat(1, 1000000000000LL));
  if (eps >= 1) eps = Rat(999999, 1000000);
  s.scalars["eps"] = eps;
  Rat rho_up = mom::rat_above(noise_unit_radius(H, c), Rat(1, 1000000000));
  Rat bound;  // r(N) must stay below it
  switch (R) {
    case Reading::A: bound = 1; break;
    case Reading::B: bound = eps; break;
    case Reading::C: bound = 1 - (1 - eps) * (1 - eps); break;
  }
  Rat q = th[(code / 5) % 4] * bound / (eta * eta * rho_up);
  if (n == 1) {
    s.scalars["B"] = Rat(1);  // q = 0: no noise possible
  } else {
    s.scalars["B"] = B_for_q(n, q);
  }
  return s;
}

// (ii-a) with an integer B < n (drawn): eta = min(2u/mu_max, sqrt(theta/(q r(N_1)))) so that r(N) <= theta < 1
Sample finish_intB(Sample s, int code) {
  static const Rat u[] = {Rat(99, 100), Rat(9, 10), Rat(19, 20), Rat(1, 2), Rat(999, 1000)};
  static const Rat th[] = {Rat(999, 1000), Rat(9, 10), Rat(1, 2), Rat(99, 100)};
  make_pd(s);
  const auto& H = s.family("H");
  const Rat c = s.scalar("c"), q = q_of(int(H.size()), s.scalar("B"));
  Rat eta = 2 * u[code % 5] / mu_upper(H, c);
  Rat rho_up = mom::rat_above(noise_unit_radius(H, c), Rat(1, 1000000000));
  Rat eta_n = mom::rat_below(sqrt(Ball(th[(code / 5) % 4] / (q * rho_up))), Rat(1, 1000000000));
  if (eta_n < eta) eta = eta_n;
  s.scalars["eta"] = eta;
  Threshold e = eps_max(H, eta, c);
  Rat eps = e.exact ? *e.exact : place_below(e, Rat(1, 1000000000000LL));
  if (eps >= 1) eps = Rat(999999, 1000000);
  s.scalars["eps"] = eps;
  return s;
}

auto body(Reading reading) {  // the three readings in one body, compiled once per tier
  return [reading](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    if constexpr (std::is_same_v<T, double>) {  // hypothesis check (generator invariant)
      const Rat eps = s.scalar("eps");
      Threshold e = eps_max(s.family("H"), s.scalar("eta"), s.scalar("c"));
      if (!(eps > 0 && eps < 1) || Ball(eps) > e.ball) throw std::logic_error("sample violates hypothesis (i)");
      auto rn = mom::N_radius<double>(s, reading == Reading::A ? Rat(1) : reading == Reading::B ? eps : 1 - (1 - eps) * (1 - eps));
      if (rn.growth != mom::Growth::Zero) throw std::logic_error("sample violates hypothesis (ii)");
    }
    auto ri = mom::T_radius<T>(s);
    Real<T> one = Real<T>(real(T(1)));
    return sides(mom::convergence_margin(ri), Real<T>(real(T(0))), rmax_(one, ri.r));
  };
}

/// intB: the families of finish_intB (integer B < n drawn, so n >= 2).
Base base(const std::string& kind, bool sgd, bool intB) {
  return Base{.hkind = kind,
              .n_lo = intB ? 2 : 1,
              .n_hi = 4,
              .d_lo = 1,
              .d_hi = kind == "diagonal" ? 1 : 3,  // diagonal: the scalar (d = 1) cases
              .brule = intB ? BRule::LessN : BRule::Any,
              .c_units = sgd ? std::vector<Rat>{Rat(0)} : std::vector<Rat>{Rat(1), Rat(1, 4), Rat(4), Rat(20)},
              .ncodes = 20};
}
std::string name(const std::string& prefix, const std::string& kind, bool sgd) {
  return prefix + "." + (kind == "diagonal" ? std::string("scalar") : kind) + (sgd ? ".sgd" : "");
}

std::vector<Family> families() {
  const char* rname[] = {"ii-a", "ii-b", "ii-c"};
  const Finish fin[] = {finish<Reading::A>, finish<Reading::B>, finish<Reading::C>};
  std::vector<Family> out;
  for (int r = 0; r < 3; ++r)
    for (const auto& kind : kKinds)
      for (int sgd = 0; sgd < 2; ++sgd)
        out.push_back(model_family(name(rname[r], kind, sgd), base(kind, sgd, false), fin[r],
                                   "; H made PD; eta = 2u/mu_max, u in {9/10,1/2,19/20,1/5,99/100}; eps = eps_max; q set so that "
                                   "r(N) = theta x (" + std::string(rname[r]) + " bound), theta in {0.999, 0.9, 0.5, 0.99}; B = n/(n^2 q + 1)"));
  for (const auto& kind : kKinds)
    for (int sgd = 0; sgd < 2; ++sgd)
      out.push_back(model_family(name("ii-a.intB", kind, sgd), base(kind, sgd, true), finish_intB,
                                 "; H made PD; integer B < n; eta = min(2u/mu_max, sqrt(theta/(q r(N_1)))), "
                                 "u in {0.99,0.9,0.95,0.5,0.999}, theta in {0.999,0.9,0.5,0.99}; eps = eps_max"));
  return out;
}

Claim make() {
  const std::string concl = "conv(T) <= 0, conv(T) = r(T) - 1 off r(T) = 1, +1 at r(T) = 1 exactly";
  return Claim{
      .id = "THM-C9-CONVERGENCE", .source = "Theorem C.9 part 3, eq. (49)",
      .statement = "(i) eps/eta <= lambda_i(H) + rho/alpha lambda_i(H)^2 <= (2-eps)/eta for all i, and (ii) lim_k eta^{2k} q^k sum_y "
                   "Tr[(I+rho/alpha H) H_{y_k} ... H_{y_k} (I+rho/alpha H)] = 0  =>  lim_k E[J^_1^T ... J^_k^T J^_k ... J^_1] = 0",
      .readings = {{.name = "ii-a", .text = "(ii) is lim_k Tr N_k = 0, i.e. r(N) < 1"},
                   {.name = "ii-b", .text = "(ii) is lim_k eps^{-k} Tr N_k = 0, i.e. r(N) < eps (proof text (63))", .chosen = true},
                   {.name = "ii-c",
                    .text = "(ii) is lim_k sum_r binom(k,r) (1-eps)^{2(k-r)} Tr N_r = 0 (the RHS of (46) -> 0), i.e. (1-eps)^2 + r(N) < 1"}},
      .uses = {"THM-C9-EPS-EQUIV", "THM-C9-NR-BOUND"},
      .families = families(),
      .variants = {
          // the integer-B families first: an integer-B counterexample is preferred
          {.slug = "ii-a", .statement = "(i) with eps = eps_max, r(N) < 1  =>  " + concl, .rel = Rel::Le,
           .eval = make_evaluator(body(Reading::A)), .note = "reading (ii-a): lim Tr N_k = 0 (the spec's first choice)", .families = {"ii-a.intB.*", "ii-a.*"},
           .checks = {"(49)"}},
          {.slug = "ii-b", .statement = "(i) with eps = eps_max, r(N) < eps  =>  " + concl, .rel = Rel::Le,
           .eval = make_evaluator(body(Reading::B)), .note = "reading (ii-b) [chosen]: lim eps^{-k} Tr N_k = 0 (proof text (63))",
           .families = {"ii-b.*"}, .checks = {"(49)"}},
          {.slug = "ii-b.sgd", .statement = "(ii-b), SGD (c = 0) families only", .rel = Rel::Le, .eval = make_evaluator(body(Reading::B)),
           .note = "c = 0: T is self-adjoint for the trace inner product, so r(T) <= ||Jbar||^2 + r(N)", .families = {"ii-b.*.sgd"}},
          {.slug = "ii-c", .statement = "(i) with eps = eps_max, (1-eps)^2 + r(N) < 1 (the RHS of (46) -> 0)  =>  " + concl,
           .rel = Rel::Le, .eval = make_evaluator(body(Reading::C)), .note = "reading (ii-c)", .families = {"ii-c.*"},
           .checks = {"(49)"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c9_convergence
