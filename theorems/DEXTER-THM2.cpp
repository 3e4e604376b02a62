// DEXTER-THM2 — Dexter et al. Theorem 2 as quoted in (89):
//   for every lambda_max > 0, n, B in [n], eta > 0, sigma in [n] with lambda_max < (2 sigma/eta)(n/B + sigma - 1)^{-1}
//   there exist PSD {H_i} with lambda_max(H) = lambda_max and coherence sigma such that lim_k E||J^_k ... J^_1||_F is
//   finite ("< n" in the OCR: readings "< infinity" [chosen], "= 0", "< n").
// Witness: the construction, variant (b) (THM-3.3 with c = 0). On it J^ is diagonal, so with
// a_j = E[J^_jj^2] and b_j = E|J^_jj| (enumeration of the 2^n patterns, exact): E||.||_F^2 = sum_j a_j^k and
// max_j b_j^k <= E||J^_k...J^_1||_F <= sum_j b_j^k. Hence lim E||.||_F = 0 if max b_j < 1, is finite and >= 1
// if max b_j = 1, and infinite if max b_j > 1.
// Parameters (dexter::thm2_witness, generators/lem_dexter.hpp): lambda_max = theta 2 sigma/(eta (n/B + sigma - 1)),
// theta in {1/2, 9/10, 999/1000} (hypothesis) and theta = 1 (the excluded equality, probed separately).
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/construction.hpp"
#include "generators/lem_dexter.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_dexter_thm2 {
namespace {

using namespace stab;

/// a_j and b_j by enumeration in the tier
template <class T> std::pair<std::vector<T>, std::vector<T>> ab(const Sample& s) {
  auto m = mom::model_of<T>(s);
  auto ps = mom::patterns(m);
  std::vector<T> a(size_t(m.d), T(0)), b(size_t(m.d), T(0));
  for (const auto& p : ps)
    for (int j = 0; j < m.d; ++j) {
      T v = p.J(j, j);
      a[size_t(j)] += p.w * v * v;
      b[size_t(j)] += p.w * (v < T(0) ? T(-v) : v);
    }
  return {a, b};
}
template <class T> T vmax(const std::vector<T>& v) {
  T m = v.at(0);
  for (const auto& x : v) if (x > m) m = x;
  return m;
}

enum class Reading { Finite, Zero, LtN, FiniteSquared, ZeroSquared };

auto body(Reading reading) {  // one body for the five readings, compiled once per tier
  return [reading](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto [a, b] = ab<T>(s);
    auto [aq, bq] = ab<Rat>(s);  // exact decisions of the equality cases
    const Rat one = 1;
    Real<T> margin{};  // set by the switch below
    switch (reading) {
      case Reading::Finite: margin = real(T(vmax(b) - T(1))); break;  // finite iff max b_j <= 1
      case Reading::FiniteSquared: margin = real(T(vmax(a) - T(1))); break;
      case Reading::Zero: margin = vmax(bq) == one ? real_of<T>(Rat(1)) : real(T(vmax(b) - T(1))); break;
      case Reading::ZeroSquared: margin = vmax(aq) == one ? real_of<T>(Rat(1)) : real(T(vmax(a) - T(1))); break;
      case Reading::LtN: {
        if (vmax(bq) == one) {  // limit <= #{j : b_j = 1}; "< n" certain when that count is < n
          int cnt = 0;
          for (const auto& x : bq) cnt += x == one;
          margin = real_of<T>(Rat(cnt) - Rat(int(s.family("H").size())) + Rat(1, 2));
        } else {
          margin = real(T(vmax(b) - T(1)));
        }
        break;
      }
    }
    return sides(margin, real_of<T>(Rat(0)), real_of<T>(Rat(1)));
  };
}

enum class Fact { Lmax, Sigma };
auto fact(Fact f) {
  return [f](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    if (f == Fact::Lmax) return sides(Real<T>(lmax(m.Hbar)), real_of<T>(s.scalar("lambda_max")));
    Real<T> maxh = lmax(m.H[0]);
    for (size_t i = 1; i < m.H.size(); ++i) maxh = rmax_(maxh, Real<T>(lmax(m.H[i])));
    return sides(Real<T>(Real<T>(lmax(coherence_S<T>(s.family("H")))) / maxh), real_of<T>(Rat(int(s.integer("sigma")))));
  };
}

Claim make() {
  const std::vector<std::string> W = {"witness-b"}, EQ = {"witness-b.equality"};
  return Claim{
      .id = "DEXTER-THM2", .source = "Dexter et al. (2024) Theorem 2, quoted as (89)",
      .statement = "for all lambda_max > 0, n, B in [n], eta > 0, sigma in [n] with lambda_max < (2 sigma/eta)(n/B + sigma - 1)^{-1} there are PSD "
                   "{H_i} with lambda_max(H) = lambda_max and coherence sigma such that lim_k E||J^_k ... J^_1||_F < infinity (OCR '< n')",
      .readings = {{.name = "< infinity", .text = "lim_k E||J^_k ... J^_1||_F < infinity (OCR '< n')", .chosen = true},
                   {.name = "= 0", .text = "lim_k E||J^_k ... J^_1||_F = 0"},
                   {.name = "< n", .text = "lim_k E||J^_k ... J^_1||_F < n (the OCR literally)"}},
      .families = {
          {.name = "witness-b",
           .description = "construction (b), n 1..6, sigma in [1,n], B in [1,n], eta in {1,1/2,2,1/10}, "
                          "lambda_max = theta x threshold, theta in {1/2, 9/10, 999/1000}",
           .gen = dexter::thm2_witness({Rat(1, 2), Rat(9, 10), Rat(999, 1000)})},
          {.name = "witness-b.equality", .description = "as witness-b with theta = 1 (the equality the hypothesis excludes)",
           .gen = dexter::thm2_witness({Rat(1)})},
      },
      .variants = {
          {.slug = "witness.lambda-max", .statement = "lambda_max(H) = lambda_max", .rel = Rel::Eq, .eval = make_evaluator(fact(Fact::Lmax)),
           .note = "the witness has the required sharpness", .families = W,
           .checks = {"(89)"}},
          {.slug = "witness.coherence", .statement = "lambda_max(S)/max_i lambda_max(H_i) = sigma", .rel = Rel::Eq,
           .eval = make_evaluator(fact(Fact::Sigma)), .note = "the witness has the required coherence", .families = W,
           .checks = {"(89)"}},
          {.slug = "finite", .statement = "max_j E|J^_jj| - 1 <= 0 (lim E||J^_k ... J^_1||_F < infinity)", .rel = Rel::Le,
           .eval = make_evaluator(body(Reading::Finite)), .note = "reading '< infinity' [chosen]", .families = W, .checks = {"(89)"}},
          {.slug = "zero", .statement = "lim E||J^_k ... J^_1||_F = 0: max_j E|J^_jj| < 1 (margin max_j b_j - 1, +1 if max b_j = 1 exactly)",
           .rel = Rel::Le, .eval = make_evaluator(body(Reading::Zero)), .note = "reading '= 0'", .families = W, .checks = {"(89)"}},
          {.slug = "lt-n", .statement = "lim E||J^_k ... J^_1||_F < n (margin: max b_j - 1 if != 1; #{b_j = 1} - n + 1/2 if max b_j = 1)",
           .rel = Rel::Le, .eval = make_evaluator(body(Reading::LtN)), .note = "reading '< n'", .families = W, .checks = {"(89)"}},
          {.slug = "finite.squared", .statement = "lim E||J^_k ... J^_1||_F^2 < infinity: max_j E[J^_jj^2] <= 1", .rel = Rel::Le,
           .eval = make_evaluator(body(Reading::FiniteSquared)), .note = "squared norm (as in Thm 1)", .families = W},
          {.slug = "equality.finite", .statement = "at lambda_max = threshold (excluded): max_j E|J^_jj| <= 1", .rel = Rel::Le,
           .eval = make_evaluator(body(Reading::Finite)), .note = "probe of the excluded equality, reading '< infinity'", .families = EQ},
          {.slug = "equality.zero.squared",
           .statement = "at lambda_max = threshold (excluded): lim E||.||_F^2 = 0 (max_j E[J^_jj^2] < 1; +1 if = 1)", .rel = Rel::Le,
           .eval = make_evaluator(body(Reading::ZeroSquared)), .note = "probe: at equality the e1 entry of E[J^T J] is exactly 1",
           .families = EQ},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_dexter_thm2
