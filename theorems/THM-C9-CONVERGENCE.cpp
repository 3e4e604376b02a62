// THM-C9-CONVERGENCE — Theorem C.9 part 3, (49):
//  (i)  there is eps in (0,1) with eps/eta <= lambda_i(H) + rho/alpha lambda_i(H)^2 <= (2-eps)/eta for all i
//       (i.e. ||Jbar||_2 <= 1 - eps; the best choice is eps = eps_max = 1 - ||Jbar||_2),
//  (ii) a limit condition on the noise, readings:
//       (ii-a) [chosen] lim Tr N_k = 0            <=>  r(N) < 1
//       (ii-b)          lim eps^{-k} Tr N_k = 0   <=>  r(N) < eps
//       (ii-c)          lim sum_r binom(k,r)(1-eps)^{2(k-r)} Tr N_r = 0  <=>  (1-eps)^2 + r(N) < 1
//  => lim E[J^T...J] = 0, i.e. r(T) < 1.
// Samples satisfy (i) with eps = eps_max (a rational <= eps_max) and (ii-x) by construction: H made PD,
// eta = u 2/mu_max (u < 1), and the noise constant q (via a possibly non-integer B = n/(n^2 q + 1)) set so that
// r(N) = eta^2 q r(N_1) is a fraction theta of the (ii-x) bound (theta up to 1 - 10^-3).
// Conclusion margin: conv(T) = r(T) - 1 off r(T) = 1, +1 at r(T) = 1 exactly (Tr M_k >= 1 there).
#include "generators/kit.hpp"
#include "core/moments.hpp"
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

template <Reading R> auto body() {
  return [](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    if constexpr (std::is_same_v<T, double>) {  // hypothesis check (generator invariant)
      const Rat eps = s.scalar("eps");
      Threshold e = eps_max(s.family("H"), s.scalar("eta"), s.scalar("c"));
      if (!(eps > 0 && eps < 1) || Ball(eps) > e.ball) throw std::logic_error("sample violates hypothesis (i)");
      auto rn = mom::N_radius<double>(s, R == Reading::A ? Rat(1) : R == Reading::B ? eps : 1 - (1 - eps) * (1 - eps));
      if (rn.growth != mom::Growth::Zero) throw std::logic_error("sample violates hypothesis (ii)");
    }
    auto ri = mom::T_radius<T>(s);
    Real<T> one = Real<T>(real(T(1)));
    return sides(mom::convergence_margin(ri), Real<T>(real(T(0))), rmax_(one, ri.r));
  };
}

Claim make() {
  Claim c;
  c.id = "THM-C9-CONVERGENCE";
  c.source = "Theorem C.9 part 3, eq. (49)";
  c.statement = "(i) eps/eta <= lambda_i(H) + rho/alpha lambda_i(H)^2 <= (2-eps)/eta for all i, and (ii) lim_k eta^{2k} q^k sum_y "
                "Tr[(I+rho/alpha H) H_{y_k} ... H_{y_k} (I+rho/alpha H)] = 0  =>  lim_k E[J^_1^T ... J^_k^T J^_k ... J^_1] = 0";
  const char* rname[] = {"ii-a", "ii-b", "ii-c"};
  std::vector<std::string> fams[3], fams_sgd[3];
  for (int r = 0; r < 3; ++r)
    for (const auto& kind : kKinds)
      for (int sgd = 0; sgd < 2; ++sgd) {
        Base b;
        b.hkind = kind;
        b.n_lo = 1;
        b.n_hi = 4;
        b.d_lo = 1;
        b.d_hi = kind == "diagonal" ? 1 : 3;  // diagonal: the scalar (d = 1) cases
        b.c_units = sgd ? std::vector<Rat>{Rat(0)} : std::vector<Rat>{Rat(1), Rat(1, 4), Rat(4), Rat(20)};
        b.ncodes = 20;
        std::string name = std::string(rname[r]) + "." + (kind == "diagonal" ? std::string("scalar") : kind) + (sgd ? ".sgd" : "");
        Finish f = r == 0 ? Finish(finish<Reading::A>) : r == 1 ? Finish(finish<Reading::B>) : Finish(finish<Reading::C>);
        c.families.push_back(family_of(name, describe(b) + "; H made PD; eta = 2u/mu_max, u in {9/10,1/2,19/20,1/5,99/100}; "
                                                           "eps = eps_max; q set so that r(N) = theta x (" + rname[r] +
                                                           " bound), theta in {0.999, 0.9, 0.5, 0.99}; B = n/(n^2 q + 1)",
                                       b, f));
        fams[r].push_back(name);
        if (sgd) fams_sgd[r].push_back(name);
      }
  size_t n_int = 0;
  for (const auto& kind : kKinds)
    for (int sgd = 0; sgd < 2; ++sgd) {
      Base b;
      b.hkind = kind;
      b.n_lo = 2;
      b.n_hi = 4;
      b.d_lo = 1;
      b.d_hi = kind == "diagonal" ? 1 : 3;
      b.brule = BRule::LessN;
      b.c_units = sgd ? std::vector<Rat>{Rat(0)} : std::vector<Rat>{Rat(1), Rat(1, 4), Rat(4), Rat(20)};
      b.ncodes = 20;
      std::string name = "ii-a.intB." + (kind == "diagonal" ? std::string("scalar") : kind) + (sgd ? ".sgd" : "");
      c.families.push_back(family_of(name, describe(b) + "; H made PD; integer B < n; eta = min(2u/mu_max, sqrt(theta/(q r(N_1)))), "
                                                         "u in {0.99,0.9,0.95,0.5,0.999}, theta in {0.999,0.9,0.5,0.99}; eps = eps_max",
                                     b, finish_intB));
      fams[0].insert(fams[0].begin() + std::ptrdiff_t(n_int++), name);  // first: integer-B counterexamples are preferred
    }
  const std::string concl = "conv(T) <= 0, conv(T) = r(T) - 1 off r(T) = 1, +1 at r(T) = 1 exactly";
  Variant a;
  a.slug = "ii-a";
  a.statement = "(i) with eps = eps_max, r(N) < 1  =>  " + concl;
  a.rel = Rel::Le;
  a.families = fams[0];
  a.eval = make_evaluator(body<Reading::A>());
  a.note = "reading (ii-a) [chosen]: lim Tr N_k = 0";
  a.expected = Verdict::Refuted;
  a.witness = "THM-C9-CONVERGENCE/ii-a/ii-a.intB.scalar/1/0/0.1.1.1.2.2.2.2";
  c.variants.push_back(a);
  Variant b = derived(a, "ii-b",
                          "(i) with eps = eps_max, r(N) < eps  =>  " + concl);
  b.families = fams[1];
  b.eval = make_evaluator(body<Reading::B>());
  b.note = "reading (ii-b): lim eps^{-k} Tr N_k = 0 (proof text (63))";
  c.variants.push_back(b);
  Variant bs = b;
  bs.slug = "ii-b.sgd";
  bs.statement = "(ii-b), SGD (c = 0) families only";
  bs.families = fams_sgd[1];
  bs.note = "c = 0: T is self-adjoint for the trace inner product, so r(T) <= ||Jbar||^2 + r(N)";
  c.variants.push_back(bs);
  Variant cc = derived(a, "ii-c",
                          "(i) with eps = eps_max, (1-eps)^2 + r(N) < 1 (the RHS of (46) -> 0)  =>  " + concl);
  cc.families = fams[2];
  cc.eval = make_evaluator(body<Reading::C>());
  cc.note = "reading (ii-c)";
  c.variants.push_back(cc);
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c9_convergence
