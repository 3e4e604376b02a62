// THM-C9-NR-BOUND — Theorem C.9 part 1, (46)-(47) (proof (50)-(62)):
//   if ||Jbar||_2 <= 1 - eps, eps in (0,1), then  M_k  ⪯  sum_{r=0}^k (1-eps)^{2(k-r)} binom(k,r) N_r.
// Readings: PSD order [chosen] and the trace inequality; and the printed direction: the OCR's relation glyph "2" is
// this OCR's usual rendering of >=, so M_k ⪰ RHS (and Tr M_k >= Tr RHS) is checked as printed too (issue 31 item 5);
// the base case (52) ("<=") and the section's purpose (convergence) make "⪯" the reading the proof needs, the
// chosen one. eps = eps_max = 1 - ||Jbar||_2 (tightest admissible,
// exact when rational) and eps -> 0+ (eps = eps_max/1000: weakest RHS). The proof's key step (61),
// Jbar N_r Jbar ⪯ (1-eps)^2 N_r, is isolated in PSD and trace form. M_k exact (closed-form map), k = 1..6.
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/stability.hpp"
#include "core/knobs.hpp"

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
  // code 5: the balanced step, Jbar with eigenvalues near +-(1 - eps_max) (adversarial for the trace reading); the
  // search may move eta mu_max anywhere in [1/10, 19/10], where ||Jbar||_2 < 1 keeps eps_max in (0, 1)
  s.scalars["eta"] = code % 6 == 5 ? eta_balanced(H, c) : knobs::scalar("eta mu_max", Rat(1, 10), Rat(19, 10), u[code % 6]) / mu_upper(H, c);
  Threshold e = eps_max(H, s.scalar("eta"), c);
  if (!e.ball.certainly_positive()) {  // the balanced step rounded past the edge (a nearly singular mean): eta = 1/mu_max
    s.scalars["eta"] = Rat(1) / mu_upper(H, c);
    e = eps_max(H, s.scalar("eta"), c);
  }
  Rat eps = e.exact ? *e.exact : place_below(e, Rat(1, 1000000000000LL));
  // eps -> 0+: eps = eps_max/1000; the search moves 1 - eps/eps_max in [1/2, 1023/1024] (the hypothesis still holds)
  if (Small) eps = place_below(e, knobs::scalar("1 - eps/eps_max", Rat(1, 2), Rat(1023, 1024), Rat(999, 1000)));
  if (eps >= 1) eps = Rat(999999, 1000000);
  s.scalars["eps"] = eps;
  return s;
}

enum class Form { Psd, Trace, Step61Psd, Step61Trace, PsdPrinted, TracePrinted };  // *Printed: the glyph read as ⪰ / >=

/// The hypothesis of (46), exactly: eps in (0, 1) and ||Jbar||_2 <= 1 - eps, i.e. eps <= eps_max.
std::string hypothesis(const Sample& s) {
  const Rat eps = s.scalar("eps");
  if (!(eps > 0 && eps < 1)) return "eps = " + rat_str(eps) + " is not in (0, 1)";
  const Threshold e = eps_max(s.family("H"), s.scalar("eta"), s.scalar("c"));
  const bool within = e.exact ? eps <= *e.exact : Ball(Ball(eps) - e.ball).certainly_negative();
  return within ? "" : "||Jbar||_2 <= 1 - eps is not certain: eps = " + rat_str(eps) + ", eps_max in " + e.ball.str(20);
}

auto body(Form form) {  // one body for the four forms, compiled once per tier
  return [form](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    const int k = int(s.integer("k"));
    const T a = (T(1) - s.scalar_as<T>("eps")) * (T(1) - s.scalar_as<T>("eps"));
    auto N = mom::noise_powers(m, k);
    if (form == Form::Psd || form == Form::Trace || form == Form::PsdPrinted || form == Form::TracePrinted) {
      Mat<T> Mk = mom::closed_moments(m, k).back();
      Mat<T> rhs = Mat<T>::Zero(m.d, m.d);
      for (int r = 0; r <= k; ++r) {
        T coef = from_rat<T>(binom<Rat>(k, r));
        for (int j = 0; j < k - r; ++j) coef = coef * a;
        rhs += N[size_t(r)] * coef;
      }
      if (form == Form::Psd || form == Form::PsdPrinted) {
        auto sc = rmax_(max_abs(Mk), max_abs(rhs)) * Real<T>(real(T(m.d)));
        return sides(Real<T>(lmin(form == Form::Psd ? Mat<T>(rhs - Mk) : Mat<T>(Mk - rhs))), Real<T>(real(T(0))), sc);
      } else {  // the relation of the trace forms is the variant's
        return sides(real(T(Mk.trace())), real(T(rhs.trace())));
      }
    } else {
      const Mat<T>& Nr = N.back();
      Mat<T> JNJ = mom::L_map(m, Nr);
      if (form == Form::Step61Psd) {
        auto sc = rmax_(max_abs(JNJ), max_abs(Nr)) * Real<T>(real(T(m.d)));
        return sides(Real<T>(lmin(Mat<T>(Nr * a - JNJ))), Real<T>(real(T(0))), sc);
      } else {
        return sides(real(T(JNJ.trace())), real(T(Nr.trace() * a)));
      }
    }
  };
}

Base base(const std::string& kind) {
  return Base{.hkind = kind, .n_lo = 1, .n_hi = 4, .d_lo = 1, .d_hi = 3, .brule = BRule::Any,
              .c_units = {Rat(0), Rat(1), Rat(1, 4), Rat(4)}, .ncodes = 6, .k_lo = 1, .k_hi = 6};
}
// Adversarial: d = 2, noise on (B < n), k >= 3 and the balanced step, where Jbar = (1 - eps) R with R a
// reflection: the words N L N of M_k then exceed their share of the trace bound.
const std::vector<std::string> kBalancedKinds = {"wishart", "independent"};
Base balanced_base(const std::string& kind) {
  return Base{.hkind = kind, .n_lo = 2, .n_hi = 4, .d_lo = 2, .d_hi = 2, .brule = BRule::LessN,
              .c_units = {Rat(0), Rat(1), Rat(1, 4), Rat(4)}, .k_lo = 3, .k_hi = 6};
}

std::vector<Family> families() {
  std::vector<Family> out;
  for (const auto& kind : kKinds)
    for (int sm = 0; sm < 2; ++sm)
      out.push_back(model_family(kind + (sm ? ".eps-small" : ".eps-max"), base(kind), sm ? Finish(finish<true>) : Finish(finish<false>),
                                 std::string("; H made PD; eta mu_max in {1,1/2,3/2,19/10,1/10} or the balanced eta = 2/(mu_min + mu_max); ") +
                                     (sm ? "eps = eps_max/1000 (rational, below)" : "eps = eps_max (exact when rational, else just below)")));
  for (const auto& kind : kBalancedKinds)
    for (int sm = 0; sm < 2; ++sm)
      out.push_back(model_family(kind + ".balanced" + (sm ? ".eps-small" : ".eps-max"), balanced_base(kind),
                                 sm ? Finish(finish<true, true>) : Finish(finish<false, true>),
                                 std::string("; H made PD; balanced eta = 2/(mu_min + mu_max); ") + (sm ? "eps = eps_max/1000" : "eps = eps_max")));
  return out;
}

Claim make() {
  const std::string rhs = "sum_r (1-eps)^{2(k-r)} binom(k,r) N_r";
  return Claim{
      .id = "THM-C9-NR-BOUND", .source = "Theorem C.9 part 1, eqs. (46)-(47) (proof (50)-(62))",
      .statement = "||Jbar||_2 <= 1 - eps, eps in (0,1)  =>  E[J^_1^T ... J^_k^T J^_k ... J^_1] ⪯ sum_{r=0}^k (1-eps)^{2(k-r)} binom(k,r) N_r",
      .readings = {{.name = "psd", .text = "M_k ⪯ sum_{r=0}^k (1-eps)^{2(k-r)} binom(k,r) N_r (PSD upper bound)", .chosen = true},
                   {.name = "trace", .text = "Tr M_k <= sum_{r=0}^k (1-eps)^{2(k-r)} binom(k,r) Tr N_r"}},
      .uses = {"ID-33", "THM-C9-EPS-EQUIV", "THM-C8-RECURSION", "LEM-C4-PASCAL"},
      .families = families(),
      .variants = {
          {.slug = "psd.eps-max", .statement = "lambda_min(" + rhs + " - M_k) >= 0, eps = eps_max, k = 1..6", .rel = Rel::Ge,
           .eval = make_evaluator(body(Form::Psd)), .note = "reading [chosen]: PSD upper bound, tightest eps", .families = {"*.eps-max"},
           .checks = {"(46)"}},
          {.slug = "psd.eps-small", .statement = "lambda_min(" + rhs + " - M_k) >= 0, eps = eps_max/1000, k = 1..6", .rel = Rel::Ge,
           .eval = make_evaluator(body(Form::Psd)), .note = "PSD reading, eps -> 0+ (weakest RHS)", .families = {"*.eps-small"},
           .checks = {"(46)"}},
          {.slug = "trace.eps-max", .statement = "Tr M_k <= Tr(" + rhs + "), eps = eps_max, k = 1..6", .rel = Rel::Le,
           .eval = make_evaluator(body(Form::Trace)),
           .note = "secondary reading: trace inequality, tightest eps. Fails for k >= 3 at the balanced step (Jbar = (1-eps) R, R a "
                   "reflection), d = 2, even for SGD (c = 0): the words N L N of M_k exceed (1-eps)^2 Tr N_2",
           .families = {"*.eps-max"}, .checks = {"(46)"}},
          {.slug = "trace.eps-small", .statement = "Tr M_k <= Tr(" + rhs + "), eps = eps_max/1000, k = 1..6", .rel = Rel::Le,
           .eval = make_evaluator(body(Form::Trace)), .note = "trace reading, eps -> 0+", .families = {"*.eps-small"},
           .checks = {"(46)"}},
          {.slug = "printed-ge.psd", .statement = "lambda_min(M_k - " + rhs + ") >= 0, eps = eps_max, k = 1..6", .rel = Rel::Ge,
           .eval = make_evaluator(body(Form::PsdPrinted)), .note = "as printed: the glyph '2' read as ⪰ (a lower bound)",
           .families = {"*.eps-max"}, .checks = {"(46)"}},
          {.slug = "printed-ge.trace", .statement = "Tr M_k >= Tr(" + rhs + "), eps = eps_max, k = 1..6", .rel = Rel::Ge,
           .eval = make_evaluator(body(Form::TracePrinted)), .note = "as printed, trace form: the glyph '2' read as >=",
           .families = {"*.eps-max"}, .checks = {"(46)"}},
          {.slug = "step61.psd", .statement = "lambda_min((1-eps)^2 N_r - Jbar N_r Jbar) >= 0 (r = k)", .rel = Rel::Ge,
           .eval = make_evaluator(body(Form::Step61Psd)), .note = "key proof step (61), PSD form", .families = {"*.eps-max", "*.eps-small"},
           .checks = {"(61)c"}},
          {.slug = "step61.trace", .statement = "Tr(Jbar N_r Jbar) <= (1-eps)^2 Tr N_r (r = k)", .rel = Rel::Le,
           .eval = make_evaluator(body(Form::Step61Trace)), .note = "key proof step (61), trace form", .families = {"*.eps-max", "*.eps-small"},
           .checks = {"(61)c"}},
      },
      .hypothesis = hypothesis,
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c9_nr_bound
