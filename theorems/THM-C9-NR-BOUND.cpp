// THM-C9-NR-BOUND — Theorem C.9 part 1, (46)-(47) (proof (50)-(62)):
//   if ||Jbar||_2 <= 1 - eps, eps in (0,1), then  M_k  ⪯  sum_{r=0}^k (1-eps)^{2(k-r)} binom(k,r) N_r.
// Readings: PSD order [chosen] and the trace inequality; eps = eps_max = 1 - ||Jbar||_2 (tightest admissible,
// exact when rational) and eps -> 0+ (eps = eps_max/1000: weakest RHS). The proof's key step (61),
// Jbar N_r Jbar ⪯ (1-eps)^2 N_r, is isolated in PSD and trace form. M_k exact (closed-form map), k = 1..6.
#include "generators/kit.hpp"
#include "core/moments.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_thm_c9_nr_bound {
namespace {

using namespace stab;

const std::vector<std::string> kKinds = {"wishart", "rankone", "diagonal", "commuting", "clustered", "independent", "pm-identity"};

template <bool Small, bool Balanced = false> Sample finish(Sample s, int code) {
  if (Balanced) code = 5;
  static const Rat u[] = {Rat(1), Rat(1, 2), Rat(3, 2), Rat(19, 10), Rat(1, 10)};
  make_pd(s);
  const auto& H = s.family("H");
  Rat c = s.scalar("c");
  // code 5: the balanced step, Jbar with eigenvalues near +-(1 - eps_max) (adversarial for the trace reading)
  s.scalars["eta"] = code % 6 == 5 ? eta_balanced(H, c) : u[code % 6] / mu_upper(H, c);
  Threshold e = eps_max(H, s.scalar("eta"), c);
  Rat eps = e.exact ? *e.exact : place_below(e, Rat(1, 1000000000000LL));
  if (Small) eps = place_below(e, Rat(999, 1000));
  if (eps >= 1) eps = Rat(999999, 1000000);
  s.scalars["eps"] = eps;
  return s;
}

enum class Form { Psd, Trace, Step61Psd, Step61Trace };

template <Form F> auto body() {
  return [](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    const int k = int(s.integer("k"));
    const T a = (T(1) - s.scalar_as<T>("eps")) * (T(1) - s.scalar_as<T>("eps"));
    auto N = mom::noise_powers(m, k);
    if constexpr (F == Form::Psd || F == Form::Trace) {
      Mat<T> Mk = mom::closed_moments(m, k).back();
      Mat<T> rhs = Mat<T>::Zero(m.d, m.d);
      for (int r = 0; r <= k; ++r) {
        T coef = from_rat<T>(mom::binom(k, r));
        for (int j = 0; j < k - r; ++j) coef = coef * a;
        rhs += N[size_t(r)] * coef;
      }
      if constexpr (F == Form::Psd) {
        auto sc = rmax_(max_abs(Mk), max_abs(rhs)) * Real<T>(real(T(m.d)));
        return sides(Real<T>(lmin(Mat<T>(rhs - Mk))), Real<T>(real(T(0))), sc);
      } else {
        return sides(real(T(Mk.trace())), real(T(rhs.trace())));
      }
    } else {
      const Mat<T>& Nr = N.back();
      Mat<T> JNJ = mom::L_map(m, Nr);
      if constexpr (F == Form::Step61Psd) {
        auto sc = rmax_(max_abs(JNJ), max_abs(Nr)) * Real<T>(real(T(m.d)));
        return sides(Real<T>(lmin(Mat<T>(Nr * a - JNJ))), Real<T>(real(T(0))), sc);
      } else {
        return sides(real(T(JNJ.trace())), real(T(Nr.trace() * a)));
      }
    }
  };
}

Claim make() {
  Claim c;
  c.id = "THM-C9-NR-BOUND";
  c.source = "Theorem C.9 part 1, eqs. (46)-(47) (proof (50)-(62))";
  c.statement = "||Jbar||_2 <= 1 - eps, eps in (0,1)  =>  E[J^_1^T ... J^_k^T J^_k ... J^_1] ⪯ sum_{r=0}^k (1-eps)^{2(k-r)} binom(k,r) N_r";
  std::vector<std::string> emax, esmall;
  for (const auto& kind : kKinds) {
    for (int sm = 0; sm < 2; ++sm) {
      Base b;
      b.hkind = kind;
      b.n_lo = 1;
      b.n_hi = 4;
      b.d_lo = 1;
      b.d_hi = 3;
      b.brule = BRule::Any;
      b.c_units = {Rat(0), Rat(1), Rat(1, 4), Rat(4)};
      b.k_lo = 1;
      b.k_hi = 6;
      b.ncodes = 6;
      std::string name = kind + (sm ? ".eps-small" : ".eps-max");
      c.families.push_back(family_of(name,
                                     describe(b) + "; H made PD; eta mu_max in {1,1/2,3/2,19/10,1/10} or the balanced eta = 2/(mu_min + mu_max); " +
                                         (sm ? "eps = eps_max/1000 (rational, below)" : "eps = eps_max (exact when rational, else just below)"),
                                     b, sm ? Finish(finish<true>) : Finish(finish<false>)));
      (sm ? esmall : emax).push_back(name);
    }
  }
  // Adversarial: d = 2, noise on (B < n), k >= 3 and the balanced step, where Jbar = (1 - eps) R with R a
  // reflection: the words N L N of M_k then exceed their share of the trace bound.
  for (const auto& kind : {std::string("wishart"), std::string("independent")}) {
    for (int sm = 0; sm < 2; ++sm) {
      Base b;
      b.hkind = kind;
      b.n_lo = 2;
      b.n_hi = 4;
      b.d_lo = 2;
      b.d_hi = 2;
      b.brule = BRule::LessN;
      b.c_units = {Rat(0), Rat(1), Rat(1, 4), Rat(4)};
      b.k_lo = 3;
      b.k_hi = 6;
      std::string name = kind + ".balanced" + (sm ? ".eps-small" : ".eps-max");
      c.families.push_back(family_of(name,
                                     describe(b) + "; H made PD; balanced eta = 2/(mu_min + mu_max); " +
                                         (sm ? "eps = eps_max/1000" : "eps = eps_max"),
                                     b, sm ? Finish(finish<true, true>) : Finish(finish<false, true>)));
      (sm ? esmall : emax).push_back(name);
    }
  }
  std::vector<std::string> all = emax;
  all.insert(all.end(), esmall.begin(), esmall.end());
  auto add = [&](const std::string& slug, const std::string& st, Rel rel, Evaluator ev, const std::vector<std::string>& fams,
                 const std::string& note, Verdict e, const std::string& w) {
    Variant v;
    v.slug = slug;
    v.statement = st;
    v.rel = rel;
    v.eval = std::move(ev);
    v.families = fams;
    v.note = note;
    v.expected = e;
    v.witness = w;
    c.variants.push_back(v);
  };
  const std::string rhs = "sum_r (1-eps)^{2(k-r)} binom(k,r) N_r";
  add("psd.eps-max", "lambda_min(" + rhs + " - M_k) >= 0, eps = eps_max, k = 1..6", Rel::Ge, make_evaluator(body<Form::Psd>()), emax,
      "reading [chosen]: PSD upper bound, tightest eps", Verdict::Refuted, "THM-C9-NR-BOUND/psd.eps-max/wishart.eps-max/1/2/1.3.0.0.0.1.1.2.2.2.3.3.3.4.4");
  add("psd.eps-small", "lambda_min(" + rhs + " - M_k) >= 0, eps = eps_max/1000, k = 1..6", Rel::Ge,
      make_evaluator(body<Form::Psd>()), esmall, "PSD reading, eps -> 0+ (weakest RHS)", Verdict::Refuted,
      "THM-C9-NR-BOUND/psd.eps-small/wishart.eps-small/1/79/4.0.0.0.0.0.0.0.0.0.0.0.0.1.1.1.1.2.2.2.2.1.2.3.2.2.4.6");
  add("trace.eps-max", "Tr M_k <= Tr(" + rhs + "), eps = eps_max, k = 1..6", Rel::Le, make_evaluator(body<Form::Trace>()), emax,
      "secondary reading: trace inequality, tightest eps. Fails for k >= 3 at the balanced step (Jbar = (1-eps) R, R a "
      "reflection), d = 2, even for SGD (c = 0): the words N L N of M_k exceed (1-eps)^2 Tr N_2",
      Verdict::Refuted, "");
  add("trace.eps-small", "Tr M_k <= Tr(" + rhs + "), eps = eps_max/1000, k = 1..6", Rel::Le, make_evaluator(body<Form::Trace>()),
      esmall, "trace reading, eps -> 0+", Verdict::Holds, "");
  add("step61.psd", "lambda_min((1-eps)^2 N_r - Jbar N_r Jbar) >= 0 (r = k)", Rel::Ge, make_evaluator(body<Form::Step61Psd>()), all,
      "key proof step (61), PSD form", Verdict::Refuted, "THM-C9-NR-BOUND/step61.psd/wishart.eps-max/1/0/2.1.1.0.0.0.0.0.2.2.2.2.3.3.3.3.3");
  add("step61.trace", "Tr(Jbar N_r Jbar) <= (1-eps)^2 Tr N_r (r = k)", Rel::Le, make_evaluator(body<Form::Step61Trace>()), all,
      "key proof step (61), trace form", Verdict::Holds, "");
  // certified counterexamples found by the suite (stabcheck run, seed 1): replayed by ctest
  c.set_witnesses({
      {"trace.eps-max", "THM-C9-NR-BOUND/trace.eps-max/wishart.balanced.eps-max/1/82/2.3.7.12"},
  });
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c9_nr_bound
