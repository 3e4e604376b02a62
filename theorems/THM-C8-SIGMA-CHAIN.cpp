// THM-C8-SIGMA-CHAIN — Theorem C.8 proof, eqs. (41) and (43)a, link by link (issue 31). With P_y = H_{y_k} ... H_{y_1}
// over the n^k index tuples y and H the mean of the H_i, the chain (41) that turns (29) into (30) reads
//   (41)a  sum_y Tr[H_{y_k} ... H_{y_1}^2 ... H_{y_k}]  =  sum_y ||P_y||_F^2
//   (41)b                                              >= (1/d) sum_y ||P_y||_{S1}^2          (Lemma C.5 applied)
//   (41)c                                              >= (1/d) sum_y (Tr P_y)^2              (Lemma C.6 applied)
//   (41)d                                              >= (1/(d n^k)) (sum_y Tr P_y)^2         (Cauchy-Schwarz)
//   (41)e  sum_y Tr[H_{y_1} ... H_{y_k}]               =  n^k Tr[H^k]
// each multiplied in the print by eta^{2k} q^k (1 + rho/alpha lambda_min(H))^{2k} >= 0, a common factor that no link
// changes: the links are checked without it (where q = 0 both sides of the printed link are 0). The left side of (41)a
// is computed through the recursion N0^k(I), N0(A) = sum_i H_i A H_i (as (29) defines it), its right side by
// enumerating the tuples, so that the identity is not checked against itself. (41)c needs |Tr P| <= ||P||_{S1}, more
// than Lemma C.6's Tr P <= ||P||_{S1}; it is checked as printed. Then (43)a, (29) and (41) combined:
//   (43)a  Tr M_k >= eta^{2k} q^k (1 + rho/alpha lambda_min(H))^{2k} (n^k/d) (Tr H^k)^2.
// (42), the bound "from Dexter et al." that brings in sigma, is garbled: the OCR reads "Tr[H*) <ZTrH'c / y=1", i.e.
// Tr[H^k] <= sum_{y=1}^n Tr[H_y^k] (this OCR renders <= as "<Z"), read as printed [chosen]; the only lower bound
// with sigma that (43) could use is Tr[H^k] >= lambda_max(H)^k / sigma^k [alternative]. Both are checked; the cited
// paper (Dexter et al., ICLR 2024) was not at hand, so neither is confirmed from the source. The lines (43)b-c are
// unreadable; the step they make together, from the right side of (43)a to that of (30) under its chosen factor
// 1/(n d^5), is checked as one variant (43a-to-30, declared for (43)b, (43)c and (43)d jointly): it needs sigma^{2k} d^4 n (Tr H^k)^2 >= n^k lambda_max(H)^{2k},
// which fails for sigma = 1, n >= 2, k >= 2 — (30) itself holds (THM-C8-SIGMA-LB), but not by this derivation.
// Families: those of THM-C8-SIGMA-LB with n = 1..3 and k = 1..4 (at most 81 tuples; n = 1 and commuting families are
// the equality cases of (41)c-d).
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/stability.hpp"
#include "generators/c8_stability_claims.hpp"

namespace stabcheck::claim_thm_c8_sigma_chain {
namespace {

using namespace stab;

const std::vector<std::string> kKinds = {"wishart", "lowrank", "rankone", "diagonal", "commuting",
                                          "clustered", "orthogonal", "aligned", "independent"};

/// The products P_y = H_{y_k} ... H_{y_1} over every index tuple y in [n]^k, in lexicographic order of y.
template <class T> std::vector<Mat<T>> tuple_products(const std::vector<Mat<T>>& H, long k) {
  std::vector<Mat<T>> out{Mat<T>::Identity(H[0].rows(), H[0].cols())};
  for (long j = 0; j < k; ++j) {
    std::vector<Mat<T>> next;
    for (const auto& p : out)
      for (const auto& h : H) next.push_back(Mat<T>(h * p));
    out = std::move(next);
  }
  return out;
}

template <class T> Real<T> schatten1(const Mat<T>& P) {
  Real<T> s = Real<T>(real(T(0)));
  for (const auto& x : svals(P)) s += x;
  return s;
}

enum class Link { A, B, C, D, E };

auto link(Link which) {
  return [which](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    const std::vector<Mat<T>> H = s.family_as<T>("H");
    const long k = s.integer("k");
    const int d = int(H[0].rows()), n = int(H.size());
    const std::vector<Mat<T>> P = tuple_products(H, k);
    T fro = T(0), tr = T(0), tr2 = T(0);
    for (const auto& p : P) {
      fro += fro2(p);
      tr += T(p.trace());
      tr2 += T(p.trace()) * T(p.trace());
    }
    const Real<T> one_over_d = real(T(1) / T(d));
    auto s1_squares = [&P] {  // sum_y ||P_y||_S1^2
      Real<T> s1 = Real<T>(real(T(0)));
      for (const auto& p : P) s1 += ipow(schatten1(p), 2);
      return s1;
    };
    switch (which) {
      case Link::A: {  // Tr N0^k(I) = sum_y ||P_y||_F^2
        const T lhs = T(mom::sumHAH_powers(H, d, int(k)).back().trace());
        return sides(real(tabs(T(lhs - fro))), real(T(0)), real(T(lhs + fro)));
      }
      case Link::B: return sides(real(fro), one_over_d * s1_squares());  // sum ||P||_F^2 >= (1/d) sum ||P||_S1^2
      case Link::C: return sides(one_over_d * s1_squares(), one_over_d * real(tr2));  // (1/d) sum ||P||_S1^2 >= (1/d) sum (Tr P)^2
      case Link::D: {  // (1/d) sum (Tr P)^2 >= (1/(d n^k)) (sum Tr P)^2
        T nk = T(1);
        for (long j = 0; j < k; ++j) nk = nk * T(n);
        return sides(real(T(tr2 / T(d))), real(T(tr * tr / (T(d) * nk))), real(T(tr2 / T(d) + tr * tr / (T(d) * nk))));
      }
      case Link::E: {  // sum_y Tr[H_y1 ... H_yk] = n^k Tr[H^k] = Tr[(sum_i H_i)^k], H the mean
        Mat<T> sum = Mat<T>::Zero(d, d);
        for (const auto& h : H) sum += h;
        const T rhs = coh::trace_pow(sum, k);
        T entries = T(0);  // sum of |entries| of the P_y: the rounding scale
        for (const auto& p : P) entries += abs_sum(p);
        return sides(real(tabs(T(tr - rhs))), real(T(0)), real(T(entries + tabs(rhs))));
      }
    }
    return sides(real(T(0)), real(T(0)));
  };
}

/// The right side of (43)a: eta^{2k} q^k (1 + c lambda_min(H))^{2k} (n^k/d) (Tr H^k)^2, H the mean.
template <class T> Real<T> rhs_43a(const mom::Model<T>& m, int k) {
  T f = T(1);
  for (int t = 0; t < k; ++t) f = f * m.eta * m.eta * m.q * T(m.n);
  const T trk = coh::trace_pow(m.Hbar, k);
  return real(T(f * trk * trk / T(m.d))) * pruning_factor(m, k);
}

/// (43)a: Tr M_k >= its right side.
auto link_43a = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const int k = int(s.integer("k"));
  return sides(real(T(mom::closed_moments(m, k).back().trace())), rhs_43a(m, k));
};

/// The right side of (30) under its chosen factor 1/(n d^5): eta^{2k}(n/B-1)^k (1+c lmin)^{2k} sigma^{-2k} lmax^{2k}/(n d^5).
template <class T> Real<T> rhs_30(const mom::Model<T>& m, const Sample& s, int k) {
  T f = T(1), d5 = T(1);
  for (int t = 0; t < k; ++t) f = f * m.eta * m.eta * (T(m.n) / m.B - T(1));
  for (int t = 0; t < 5; ++t) d5 = d5 * T(m.d);
  const Real<T> lratio = Real<T>(lmax(m.Hbar)) / sigma_tier<T>(s.family("H"));
  return real(T(f / (T(m.n) * d5))) * pruning_factor(m, k) * ipow(lratio, 2 * k);
}

/// (43)b-d together: the right side of (43)a >= the right side of (30).
auto link_43a_to_30 = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const int k = int(s.integer("k"));
  return sides(rhs_43a(m, k), rhs_30(m, s, k));
};

enum class Reading42 { Printed, SigmaLower };

/// (42): Tr[H^k] <= sum_y Tr[H_y^k] (printed shape), or Tr[H^k] >= (lambda_max(H) / sigma)^k.
auto link_42(Reading42 r) {
  return [r](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    const std::vector<Mat<T>> H = s.family_as<T>("H");
    const long k = s.integer("k");
    const int d = int(H[0].rows());
    Mat<T> mean = Mat<T>::Zero(d, d);
    for (const auto& h : H) mean += h;
    mean /= T(int(H.size()));
    const T lhs = coh::trace_pow(mean, k);
    if (r == Reading42::SigmaLower)
      return sides(real(lhs), ipow(Real<T>(lmax(mean)) / sigma_tier<T>(s.family("H")), k));
    T sum = T(0);
    for (const auto& h : H) sum += coh::trace_pow(h, k);
    return sides(real(lhs), real(sum));
  };
}

Claim make() {
  const Finish finish = eta_over_mu_max({Rat(1), Rat(1, 2), Rat(2), Rat(3, 2), Rat(1, 10), Rat(3)});
  const std::string sum_y = "sum_{y in [n]^k}";
  return Claim{
      .id = "THM-C8-SIGMA-CHAIN", .source = "Theorem C.8 proof, eqs. (41) and (43)a (links)",
      .statement = "(41): " + sum_y + " Tr[H_{y_k}..H_{y_1}^2..H_{y_k}] = sum ||P_y||_F^2 >= (1/d) sum ||P_y||_S1^2 >= (1/d) sum (Tr P_y)^2 "
                   ">= (1/(d n^k)) (sum Tr P_y)^2, sum Tr P_y = n^k Tr H^k; (43)a: Tr M_k >= eta^{2k} q^k (1+c lmin)^{2k} (n^k/d)(Tr H^k)^2",
      .readings = {{.name = "42.printed", .text = "(42) read from its OCR shape: Tr[H^k] <= sum_{y=1}^n Tr[H_y^k]", .chosen = true},
                   {.name = "42.sigma-lower", .text = "(42) as the lower bound (43) needs: Tr[H^k] >= (lambda_max(H) / sigma)^k"}},
      .uses = {"THM-C8-TRACE-LB", "LEM-C5-SCHATTEN", "LEM-C6-TRACE-S1"},
      .families = stab::sam_and_sgd(kKinds, {.n_lo = 1, .n_hi = 3, .d_lo = 1, .d_hi = 3, .brule = BRule::Any, .ncodes = 6, .k_lo = 1, .k_hi = 4},
                                    {Rat(1), Rat(1, 4), Rat(4)}, finish, "; eta mu_max in {1,1/2,2,3/2,1/10,3}; B in [1, n]"),
      .variants = {
          {.slug = "41a", .statement = "Tr N0^k(I) = " + sum_y + " ||H_{y_k} ... H_{y_1}||_F^2", .rel = Rel::Eq,
           .eval = make_evaluator(link(Link::A)), .note = "as printed: the trace of the palindromic words is a sum of squared Frobenius norms",
           .checks = {"(41)a"}},
          {.slug = "41b", .statement = sum_y + " ||P_y||_F^2 >= (1/d) " + sum_y + " ||P_y||_S1^2", .rel = Rel::Ge,
           .eval = make_evaluator(link(Link::B)), .note = "as printed: Lemma C.5 applied to each P_y", .checks = {"(41)b"}},
          {.slug = "41c", .statement = "(1/d) " + sum_y + " ||P_y||_S1^2 >= (1/d) " + sum_y + " (Tr P_y)^2", .rel = Rel::Ge,
           .eval = make_evaluator(link(Link::C)), .note = "as printed: needs |Tr P| <= ||P||_S1 (Lemma C.6 gives Tr P <= ||P||_S1)",
           .checks = {"(41)c"}},
          {.slug = "41d", .statement = "(1/d) " + sum_y + " (Tr P_y)^2 >= (1/(d n^k)) (" + sum_y + " Tr P_y)^2", .rel = Rel::Ge,
           .eval = make_evaluator(link(Link::D)), .note = "as printed: Cauchy-Schwarz over the n^k tuples", .checks = {"(41)d"}},
          {.slug = "41e", .statement = sum_y + " Tr[H_{y_1} ... H_{y_k}] = n^k Tr[H^k]", .rel = Rel::Eq,
           .eval = make_evaluator(link(Link::E)), .note = "as printed: the sum over tuples is the k-th power of the sum", .checks = {"(41)e"}},
          {.slug = "43a", .statement = "Tr M_k >= eta^{2k} q^k (1 + c lambda_min(H))^{2k} (n^k/d) (Tr H^k)^2", .rel = Rel::Ge,
           .eval = make_evaluator(link_43a), .note = "as printed: (29) and (41) combined", .checks = {"(43)a"}},
          {.slug = "42.printed", .statement = "Tr[H^k] <= sum_{y=1}^n Tr[H_y^k]", .rel = Rel::Le,
           .eval = make_evaluator(link_42(Reading42::Printed)), .note = "(42) as its OCR reads [chosen]", .checks = {"(42)"}},
          {.slug = "42.sigma-lower", .statement = "Tr[H^k] >= (lambda_max(H) / sigma)^k", .rel = Rel::Ge,
           .eval = make_evaluator(link_42(Reading42::SigmaLower)), .note = "(42) as the lower bound that (43) would need",
           .checks = {"(42)"}},
          {.slug = "43a-to-30",
           .statement = "eta^{2k} q^k (1+c lambda_min)^{2k} (n^k/d)(Tr H^k)^2 >= eta^{2k} (n/B-1)^k (1+c lambda_min)^{2k} sigma^{-2k} "
                        "lambda_max(H)^{2k} / (n d^5)",
           .rel = Rel::Ge, .eval = make_evaluator(link_43a_to_30),
           .note = "as printed, (43)b-d together (their lines are unreadable): from (43)a's right side to (30)'s, chosen 1/(n d^5)",
           .checks = {"(43)b", "(43)c", "(43)d"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c8_sigma_chain
