// Coherence objects of a family {H_1..H_n} of symmetric PSD d x d matrices, in any tier
// (spec lemmas-and-relu.md §0, stability.md §0). Header-only, templated on the tier scalar T
// (double, Mpfr, Rat); derived irrational quantities are Real<T> (double, Mpfr, Ball).
//
//   H        = (1/n) sum_i H_i                       mean(h)
//   P        = I + c H                                sam_P(H, c)        (c = rho/alpha >= 0)
//   G_ij     = Tr(H_i H_j)        (exact in T)        gram(h)            G = S o S
//   G^P_ij   = Tr(P H_i P H_j)    (exact in T)        gram(h, P)         G_SAM
//   S_ij     = sqrt(G_ij)         (Real<T>)           coherence(h)       S_SAM = coherence(h, P)
//   sigma    = lmax(S) / max_i lmax(H_i)              sigma(h)
//   sigma_SAM= lmax(S_SAM) / max_i lmax(P H_i)        sigma_sam(h, P)    (P H_i has a real, >= 0 spectrum)
//   C_P(y)   = Tr[P H_yk P ... P H_y1^2 P ... H_yk P] = ||P H_yk P H_yk-1 ... P H_y1||_F^2   chain(h, P, y)
//   sum_{y in [n]^k} C_P(y) = Tr N_P^k(I),  N_P(A) = P (sum_i H_i A H_i) P            chain_sum(h, P, k)
//   Tr(A^k) (any scalar, also Ball), and the brute-force cyclic sum over [n]^k        trace_pow, cyclic_sum
// (models layer: no generators; the families that stress these objects are in generators/coherence.hpp).
//
// Sequences y are 0-based vectors with y[0] = y_1 (innermost factor) ... y[k-1] = y_k (outermost).
// In the exact tier every T-valued result is an exact rational; only square roots and eigenvalues
// are Balls (rigorous: lmax of a Mat<Ball> uses the Weyl bound, see core/linalg.hpp).
#pragma once
#include "core/linalg.hpp"
#include "core/tier.hpp"
#include <cmath>
#include <functional>
#include <type_traits>
#include <vector>

namespace stabcheck::coh {

template <class T> using Fam = std::vector<Mat<T>>;

/// The exact family scaled by t (exactly, before conversion) and converted to the tier.
template <class T> Fam<T> tier_family(const std::vector<MatQ>& hq, const Rat& t = Rat(1)) {
  Fam<T> out;
  out.reserve(hq.size());
  for (const auto& m : hq) out.push_back(from_rat<T>(MatQ(m * t)));
  return out;
}

template <class T> Mat<T> mean(const Fam<T>& h) {
  Mat<T> s = Mat<T>::Zero(h.at(0).rows(), h.at(0).cols());
  for (const auto& m : h) s += m;
  return s / T(int(h.size()));
}

/// P = I + c H.
template <class T> Mat<T> sam_P(const Mat<T>& H, const T& c) {
  return Mat<T>(Mat<T>::Identity(H.rows(), H.cols()) + c * H);
}

/// Tr(AB) without forming AB.
template <class T> T tr_ab(const Mat<T>& a, const Mat<T>& b) {
  T s = T(0);
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j) s += a(i, j) * b(j, i);
  return s;
}

/// G_ij = Tr(H_i H_j).
template <class T> Mat<T> gram(const Fam<T>& h) {
  const Eigen::Index n = Eigen::Index(h.size());
  Mat<T> g(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i; j < n; ++j) g(i, j) = g(j, i) = tr_ab(h[size_t(i)], h[size_t(j)]);
  return g;
}

/// G^P_ij = Tr(P H_i P H_j) = Tr(H~_i H~_j) with H~_i = P^{1/2} H_i P^{1/2} (>= 0, symmetric in i, j).
template <class T> Mat<T> gram(const Fam<T>& h, const Mat<T>& P) {
  Fam<T> ph;
  for (const auto& m : h) ph.push_back(Mat<T>(P * m));
  const Eigen::Index n = Eigen::Index(h.size());
  Mat<T> g(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i; j < n; ++j) g(i, j) = g(j, i) = tr_ab(ph[size_t(i)], ph[size_t(j)]);
  return g;
}

/// Square root of a quantity that is >= 0 in exact arithmetic (rounding may make it slightly negative).
template <class R> R sqrt_nonneg(const R& x) {
  if constexpr (std::is_same_v<R, Ball>) {
    return sqrt(x);  // arb_sqrtpos: clamps the negative part of the ball
  } else {
    using std::sqrt;
    return x > R(0) ? R(sqrt(x)) : R(0);
  }
}

/// Rigorous-for-Balls maximum.
template <class R> R max_real(const R& a, const R& b) {
  if constexpr (std::is_same_v<R, Ball>) return max(a, b);
  else return a > b ? a : b;
}

/// Entrywise square root into the Real type: S from G.
template <class T> Mat<Real<T>> entry_sqrt(const Mat<T>& g) {
  Mat<Real<T>> s(g.rows(), g.cols());
  for (Eigen::Index i = 0; i < g.rows(); ++i)
    for (Eigen::Index j = 0; j < g.cols(); ++j) s(i, j) = sqrt_nonneg(real(g(i, j)));
  return s;
}

/// Coherence matrix S (Dexter et al.), and its SAM version S_SAM (65).
template <class T> Mat<Real<T>> coherence(const Fam<T>& h) { return entry_sqrt<T>(gram(h)); }
template <class T> Mat<Real<T>> coherence(const Fam<T>& h, const Mat<T>& P) { return entry_sqrt<T>(gram(h, P)); }

/// max_i lambda_max(H_i) for symmetric H_i.
template <class T> Real<T> max_lmax(const Fam<T>& h) {
  Real<T> m = lmax(h.at(0));
  for (size_t i = 1; i < h.size(); ++i) m = max_real(m, Real<T>(lmax(h[i])));
  return m;
}

/// Largest eigenvalue of a matrix whose spectrum is real and >= 0 (e.g. P H_i, similar to
/// P^{1/2} H_i P^{1/2}): the largest eigenvalue modulus. Not the spectral norm.
template <class T> Real<T> lmax_real_spectrum(const Mat<T>& m) {
  auto ev = eig_moduli(m);
  Real<T> r = ev.at(0);
  for (size_t i = 1; i < ev.size(); ++i) r = max_real(r, ev[i]);
  return r;
}

/// max_i lambda_max(P H_i) = max_i lambda_max(H_SAM,i).
template <class T> Real<T> max_lmax_sam(const Fam<T>& h, const Mat<T>& P) {
  Real<T> m = lmax_real_spectrum<T>(Mat<T>(P * h.at(0)));
  for (size_t i = 1; i < h.size(); ++i) m = max_real(m, lmax_real_spectrum<T>(Mat<T>(P * h[i])));
  return m;
}

/// sigma = lambda_max(S) / max_i lambda_max(H_i); needs some H_i != 0.
template <class T> Real<T> sigma(const Fam<T>& h) { return Real<T>(lmax(coherence(h)) / max_lmax(h)); }
/// sigma_SAM = lambda_max(S_SAM) / max_i lambda_max(P H_i) (66); needs some H_i != 0.
template <class T> Real<T> sigma_sam(const Fam<T>& h, const Mat<T>& P) {
  return Real<T>(lmax(coherence(h, P)) / max_lmax_sam(h, P));
}

/// Product of two square matrices by plain loops (works for every scalar, including Ball).
template <class R> Mat<R> mul_loops(const Mat<R>& a, const Mat<R>& b) {
  Mat<R> c(a.rows(), b.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < b.cols(); ++j) {
      R s = R(0);
      for (Eigen::Index l = 0; l < a.cols(); ++l) s += a(i, l) * b(l, j);
      c(i, j) = s;
    }
  return c;
}

/// Tr(A^k), k >= 0 (Tr A^0 = the dimension).
template <class R> R trace_pow(const Mat<R>& a, long k) {
  if (k == 0) return R(int(a.rows()));
  Mat<R> p = a;
  for (long i = 1; i < k; ++i) p = mul_loops(p, a);
  R t = R(0);
  for (Eigen::Index i = 0; i < p.rows(); ++i) t += p(i, i);
  return t;
}

/// Visit every y in [n]^k (0-based, lexicographic).
inline void for_each_sequence(int n, int k, const std::function<void(const std::vector<int>&)>& f) {
  std::vector<int> y(size_t(k), 0);
  while (true) {
    f(y);
    int j = 0;
    while (j < k && ++y[size_t(j)] == n) y[size_t(j++)] = 0;
    if (j == k) return;
  }
}

/// sum_{y in [n]^k} prod_j A_{y_j y_{j+1}} (cyclic, y_{k+1} = y_1), by brute force: n^k terms.
template <class R> R cyclic_sum(const Mat<R>& a, int k) {
  R total = R(0);
  for_each_sequence(int(a.rows()), k, [&](const std::vector<int>& y) {
    R p = R(1);
    for (int j = 0; j < k; ++j) p = p * a(y[size_t(j)], y[size_t((j + 1) % k)]);
    total += p;
  });
  return total;
}

/// L = P H_{y_k} P H_{y_{k-1}} ... P H_{y_1}  (so that C_P(y) = ||L||_F^2 = Tr L L^T).
template <class T> Mat<T> chain_factor(const Fam<T>& h, const Mat<T>& P, const std::vector<int>& y) {
  Mat<T> l = P * h.at(size_t(y.back()));
  for (size_t j = y.size() - 1; j-- > 0;) l = Mat<T>(l * P * h.at(size_t(y[j])));
  return l;
}
template <class T> Mat<T> chain_factor(const Fam<T>& h, const std::vector<int>& y) {
  Mat<T> l = h.at(size_t(y.back()));
  for (size_t j = y.size() - 1; j-- > 0;) l = Mat<T>(l * h.at(size_t(y[j])));
  return l;
}

template <class T> T fro2_(const Mat<T>& a) {
  T s = T(0);
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j) s += a(i, j) * a(i, j);
  return s;
}

/// C_P(y) and C_I(y).
template <class T> T chain(const Fam<T>& h, const Mat<T>& P, const std::vector<int>& y) {
  return fro2_(chain_factor(h, P, y));
}
template <class T> T chain(const Fam<T>& h, const std::vector<int>& y) { return fro2_(chain_factor(h, y)); }

/// N_P(A) = P (sum_i H_i A H_i) P; without P: sum_i H_i A H_i.
template <class T> Mat<T> noise_map(const Fam<T>& h, const Mat<T>& P, const Mat<T>& a) {
  Mat<T> s = Mat<T>::Zero(a.rows(), a.cols());
  for (const auto& m : h) s += m * a * m;
  return Mat<T>(P * s * P);
}
template <class T> Mat<T> noise_map(const Fam<T>& h, const Mat<T>& a) {
  Mat<T> s = Mat<T>::Zero(a.rows(), a.cols());
  for (const auto& m : h) s += m * a * m;
  return s;
}

/// sum_{y in [n]^k} C_P(y) = Tr N_P^k(I), by the recursion (k >= 0; k = 0 gives d).
template <class T> T chain_sum(const Fam<T>& h, const Mat<T>& P, int k) {
  Mat<T> a = Mat<T>::Identity(P.rows(), P.cols());
  for (int j = 0; j < k; ++j) a = noise_map(h, P, a);
  return T(a.trace());
}
template <class T> T chain_sum(const Fam<T>& h, int k) {
  const Eigen::Index d = h.at(0).rows();
  Mat<T> a = Mat<T>::Identity(d, d);
  for (int j = 0; j < k; ++j) a = noise_map(h, a);
  return T(a.trace());
}

}  // namespace stabcheck::coh
