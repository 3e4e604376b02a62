// Exact second moments of the stochastic linear model (spec/stability.md §0, §0.1).
//
//   J^ = I - eta H^ C,  H^ = (1/B) sum_i x_i H_i,  x_i ~ Bernoulli(B/n),  C = I + c H,  H = (1/n) sum_i H_i
//   M_k = E[J^_1^T ... J^_k^T J^_k ... J^_1],  M_0 = I.
//
// Three independent ways to compute M_k, every one templated on the scalar T (double, Mpfr, Rat) and
// using only sums and products, so that with T = Rat everything is exact:
//   (a) enumeration of the 2^n Bernoulli patterns, M_k = E[J^T M_{k-1} J^]          (enum_moments)
//   (b) the closed-form map  T = L + N,  L(A) = Jbar A Jbar,  N(A) = eta^2 q C (sum H_i A H_i) C,
//       M_k = T^k(I), cost O(k n d^3)                                                  (closed_moments)
//   (c) brute force over all (2^n)^k batch sequences (tiny n, k)                     (brute_moment)
//
// Limits (k -> infinity) go through the spectral radius of the positive maps T, N on symmetric
// matrices, represented as d(d+1)/2 x d(d+1)/2 matrices (op_matrix). Because these maps preserve the PSD
// cone, r(T) is itself an eigenvalue (Krein-Rutman), so the position of r(T) relative to a rational beta
// is decided *exactly* from the characteristic polynomial (Sturm count of real roots above beta), and at
// r(T) = beta exactly the growth of ||T^k|| (bounded vs polynomial) is decided by the index of the
// eigenvalue beta (exact ranks). See radius_vs / RadiusInfo.
//
// Coherence objects (S, sigma, SAM versions) come from models/coherence.hpp (stabcheck::coh); this
// engine adds only coherence_exact (an exact rational sigma for structured families).
#pragma once
#include "core/claim.hpp"
#include "core/linalg.hpp"
#include "core/tier.hpp"
#include <cmath>
#include <functional>
#include <optional>
#include <stdexcept>

namespace stabcheck::mom {

// ---------------------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------------------

template <class T> struct Model {
  int n = 0, d = 0;
  std::vector<Mat<T>> H;
  T eta = T(0), B = T(1), c = T(0);
  T q = T(0);  // 1/(Bn) - 1/n^2
  T p = T(1);  // B/n
  Mat<T> Hbar, C, Jbar;
};

template <class T> Model<T> make_model(std::vector<Mat<T>> H, const T& eta, const T& B, const T& c) {
  if (H.empty()) throw std::invalid_argument("model: empty family");
  Model<T> m;
  m.n = int(H.size());
  m.d = int(H[0].rows());
  m.H = std::move(H);
  m.eta = eta;
  m.B = B;
  m.c = c;
  const T nn = T(m.n);
  m.q = T(1) / (B * nn) - T(1) / (nn * nn);
  m.p = B / nn;
  m.Hbar = Mat<T>::Zero(m.d, m.d);
  for (const auto& h : m.H) m.Hbar += h;
  m.Hbar /= nn;
  m.C = Mat<T>::Identity(m.d, m.d) + m.Hbar * c;
  m.Jbar = Mat<T>::Identity(m.d, m.d) - Mat<T>(m.Hbar * m.C) * eta;
  return m;
}

/// Model from a sample: family "H", scalars "eta", "B", "c" (c = rho/alpha, absent means 0).
template <class T> Model<T> model_of(const Sample& s, const std::string& fam = "H") {
  T c = s.scalars.count("c") ? s.scalar_as<T>("c") : T(0);
  return make_model<T>(s.family_as<T>(fam), s.scalar_as<T>("eta"), s.scalar_as<T>("B"), c);
}

template <class T> Mat<T> sym(const Mat<T>& a) { return (a + a.transpose()) / T(2); }

/// N0(A) = sum_i H_i A H_i (no eta, q, C).
template <class T> Mat<T> sumHAH(const std::vector<Mat<T>>& H, const Mat<T>& A) {
  Mat<T> out = Mat<T>::Zero(A.rows(), A.cols());
  for (const auto& h : H) out += Mat<T>(h * A) * h;
  return out;
}
template <class T> Mat<T> L_map(const Model<T>& m, const Mat<T>& A) { return Mat<T>(m.Jbar * A) * m.Jbar; }
template <class T> Mat<T> N_map(const Model<T>& m, const Mat<T>& A) {
  return Mat<T>(Mat<T>(m.C * sumHAH(m.H, A)) * m.C) * (m.eta * m.eta * m.q);
}
template <class T> Mat<T> T_map(const Model<T>& m, const Mat<T>& A) { return L_map(m, A) + N_map(m, A); }
/// Adjoint of T for the trace inner product: T*(A) = Jbar A Jbar + eta^2 q sum_i H_i C A C H_i.
template <class T> Mat<T> Tadj_map(const Model<T>& m, const Mat<T>& A) {
  Mat<T> cac = Mat<T>(m.C * A) * m.C;
  return L_map(m, A) + sumHAH(m.H, cac) * (m.eta * m.eta * m.q);
}

/// Closed form: E[H^ A H^] = H A H + q sum_i H_i A H_i.
template <class T> Mat<T> closed_E_HAH(const Model<T>& m, const Mat<T>& A) {
  return Mat<T>(m.Hbar * A) * m.Hbar + sumHAH(m.H, A) * m.q;
}

/// M_0 .. M_K by the closed-form map.
template <class T> std::vector<Mat<T>> closed_moments(const Model<T>& m, int K) {
  std::vector<Mat<T>> out{Mat<T>::Identity(m.d, m.d)};
  for (int k = 1; k <= K; ++k) out.push_back(T_map(m, out.back()));
  return out;
}
/// N_0 .. N_K (N_r = N^r(I)).
template <class T> std::vector<Mat<T>> noise_powers(const Model<T>& m, int K) {
  std::vector<Mat<T>> out{Mat<T>::Identity(m.d, m.d)};
  for (int k = 1; k <= K; ++k) out.push_back(N_map(m, out.back()));
  return out;
}
/// N0^r(I), r = 0..K (no eta, q, C).
template <class T> std::vector<Mat<T>> sumHAH_powers(const std::vector<Mat<T>>& H, int d, int K) {
  std::vector<Mat<T>> out{Mat<T>::Identity(d, d)};
  for (int k = 1; k <= K; ++k) out.push_back(sumHAH(H, out.back()));
  return out;
}
/// Jbar^{2k} by repeated L.
template <class T> Mat<T> mean_part(const Model<T>& m, int k) {
  Mat<T> a = Mat<T>::Identity(m.d, m.d);
  for (int i = 0; i < k; ++i) a = L_map(m, a);
  return a;
}

// ---------------------------------------------------------------------------------------------------------
// Enumeration over the 2^n Bernoulli patterns (ground truth, n <= 12)
// ---------------------------------------------------------------------------------------------------------

template <class T> struct Pattern {
  T w;           // probability p^|x| (1-p)^(n-|x|)
  Mat<T> Hhat;   // (1/B) sum x_i H_i
  Mat<T> J;      // I - eta Hhat C
};

template <class T> std::vector<Pattern<T>> patterns(const Model<T>& m) {
  if (m.n > 20) throw std::invalid_argument("enumeration over 2^n patterns needs n <= 20");
  std::vector<Pattern<T>> out;
  const unsigned long total = 1UL << m.n;
  out.reserve(total);
  const T one_p = T(1) - m.p;
  std::vector<T> pw(size_t(m.n) + 1), qw(size_t(m.n) + 1);
  pw[0] = T(1);
  qw[0] = T(1);
  for (int i = 1; i <= m.n; ++i) { pw[size_t(i)] = pw[size_t(i - 1)] * m.p; qw[size_t(i)] = qw[size_t(i - 1)] * one_p; }
  for (unsigned long x = 0; x < total; ++x) {
    Pattern<T> pt;
    int cnt = 0;
    pt.Hhat = Mat<T>::Zero(m.d, m.d);
    for (int i = 0; i < m.n; ++i)
      if (x >> i & 1UL) { pt.Hhat += m.H[size_t(i)]; ++cnt; }
    pt.Hhat /= m.B;
    pt.w = pw[size_t(cnt)] * qw[size_t(m.n - cnt)];
    pt.J = Mat<T>::Identity(m.d, m.d) - Mat<T>(pt.Hhat * m.C) * m.eta;
    out.push_back(std::move(pt));
  }
  return out;
}

template <class T> Mat<T> enum_E_HAH(const std::vector<Pattern<T>>& ps, const Mat<T>& A) {
  Mat<T> out = Mat<T>::Zero(A.rows(), A.cols());
  for (const auto& p : ps) out += Mat<T>(p.Hhat * A) * p.Hhat * p.w;
  return out;
}
template <class T> Mat<T> enum_E_Hhat2(const std::vector<Pattern<T>>& ps) {
  const auto d = ps.at(0).Hhat.rows();
  return enum_E_HAH(ps, Mat<T>(Mat<T>::Identity(d, d)));
}
/// E[J^T A J] (backward, the M_k recursion).
template <class T> Mat<T> enum_E_JtAJ(const std::vector<Pattern<T>>& ps, const Mat<T>& A) {
  Mat<T> out = Mat<T>::Zero(A.rows(), A.cols());
  for (const auto& p : ps) out += Mat<T>(p.J.transpose() * A) * p.J * p.w;
  return out;
}
/// E[J A J^T] (forward, covariance recursion).
template <class T> Mat<T> enum_E_JAJt(const std::vector<Pattern<T>>& ps, const Mat<T>& A) {
  Mat<T> out = Mat<T>::Zero(A.rows(), A.cols());
  for (const auto& p : ps) out += Mat<T>(p.J * A) * p.J.transpose() * p.w;
  return out;
}
/// M_0 .. M_K by enumeration (0.1 item 2): M_k = E[J^T M_{k-1} J].
template <class T> std::vector<Mat<T>> enum_moments(const Model<T>& m, int K) {
  auto ps = patterns(m);
  std::vector<Mat<T>> out{Mat<T>::Identity(m.d, m.d)};
  for (int k = 1; k <= K; ++k) out.push_back(enum_E_JtAJ(ps, out.back()));
  return out;
}
/// M_k by brute force over all (2^n)^k sequences of batches (0.1 item 4).
template <class T> Mat<T> brute_moment(const Model<T>& m, int k) {
  auto ps = patterns(m);
  const size_t P = ps.size();
  double total = 1;
  for (int i = 0; i < k; ++i) total *= double(P);
  if (total > 5e6) throw std::invalid_argument("brute force over (2^n)^k sequences: too many");
  Mat<T> out = Mat<T>::Zero(m.d, m.d);
  std::vector<size_t> idx(size_t(k), 0);
  // depth-first over sequences, products J_k ... J_1 accumulated from the right
  std::vector<Mat<T>> prod(size_t(k) + 1);
  std::vector<T> wt(size_t(k) + 1);
  prod[0] = Mat<T>::Identity(m.d, m.d);
  wt[0] = T(1);
  std::function<void(int)> rec = [&](int t) {
    if (t == k) {
      out += Mat<T>(prod[size_t(t)].transpose() * prod[size_t(t)]) * wt[size_t(t)];
      return;
    }
    for (size_t x = 0; x < P; ++x) {
      prod[size_t(t) + 1] = ps[x].J * prod[size_t(t)];
      wt[size_t(t) + 1] = wt[size_t(t)] * ps[x].w;
      rec(t + 1);
    }
  };
  rec(0);
  return out;
}
/// N_k as the explicit n^k-term sum of (28):
/// eta^{2k} q^k sum_y C H_{y_k} C ... C H_{y_1}^2 C ... H_{y_k} C  =  eta^{2k} q^k sum_y P_y P_y^T,
/// P_y = C H_{y_k} C H_{y_{k-1}} ... C H_{y_1}.
template <class T> Mat<T> noise_explicit(const Model<T>& m, int k) {
  double total = std::pow(double(m.n), k);
  if (total > 2e6) throw std::invalid_argument("explicit n^k-term sum: too many terms");
  Mat<T> out = Mat<T>::Zero(m.d, m.d);
  std::vector<int> y(size_t(k), 0);
  while (true) {
    Mat<T> P = Mat<T>::Identity(m.d, m.d);
    for (int t = 0; t < k; ++t) P = Mat<T>(m.C * m.H[size_t(y[size_t(t)])]) * P;  // left-multiply C H_{y_t}
    out += Mat<T>(P * P.transpose());
    int t = 0;
    while (t < k && ++y[size_t(t)] == m.n) { y[size_t(t)] = 0; ++t; }
    if (t == k) break;
  }
  T f = T(1);
  for (int t = 0; t < k; ++t) f = f * m.eta * m.eta * m.q;
  return out * f;
}

// ---------------------------------------------------------------------------------------------------------
// Linear maps on symmetric matrices as d(d+1)/2 x d(d+1)/2 matrices
// ---------------------------------------------------------------------------------------------------------

inline int sym_dim(int d) { return d * (d + 1) / 2; }
template <class T> Vec<T> svec(const Mat<T>& a) {
  const int d = int(a.rows());
  Vec<T> v(sym_dim(d));
  int k = 0;
  for (int i = 0; i < d; ++i)
    for (int j = i; j < d; ++j) v(k++) = a(i, j);
  return v;
}
template <class T> Mat<T> smat(const Vec<T>& v, int d) {
  Mat<T> a(d, d);
  int k = 0;
  for (int i = 0; i < d; ++i)
    for (int j = i; j < d; ++j) { a(i, j) = v(k); a(j, i) = v(k); ++k; }
  return a;
}
/// Matrix of a linear map f on symmetric d x d matrices in the coordinates (a_ij, i <= j).
template <class T, class F> Mat<T> op_matrix(int d, F f) {
  const int m = sym_dim(d);
  Mat<T> out(m, m);
  int col = 0;
  for (int i = 0; i < d; ++i)
    for (int j = i; j < d; ++j) {
      Mat<T> e = Mat<T>::Zero(d, d);
      e(i, j) = T(1);
      e(j, i) = T(1);
      out.col(col++) = svec(Mat<T>(f(e)));
    }
  return out;
}
template <class T> Mat<T> T_matrix(const Model<T>& m) { return op_matrix<T>(m.d, [&](const Mat<T>& a) { return T_map(m, a); }); }
template <class T> Mat<T> N_matrix(const Model<T>& m) { return op_matrix<T>(m.d, [&](const Mat<T>& a) { return N_map(m, a); }); }
template <class T> Mat<T> L_matrix(const Model<T>& m) { return op_matrix<T>(m.d, [&](const Mat<T>& a) { return L_map(m, a); }); }
template <class T> Mat<T> N0_matrix(const std::vector<Mat<T>>& H, int d) {
  return op_matrix<T>(d, [&](const Mat<T>& a) { return sumHAH(H, a); });
}

/// Solve A x = b by Gaussian elimination with partial pivoting (exact for Rat). Throws if singular
/// (exactly singular for Rat; zero pivot for the floating tiers).
template <class T> Vec<T> solve_linear(Mat<T> A, Vec<T> b) {
  const Eigen::Index m = A.rows();
  for (Eigen::Index c = 0; c < m; ++c) {
    Eigen::Index p = c;
    T best = A(c, c) < T(0) ? T(-A(c, c)) : A(c, c);
    for (Eigen::Index r = c + 1; r < m; ++r) {
      T v = A(r, c) < T(0) ? T(-A(r, c)) : A(r, c);
      if (v > best) { best = v; p = r; }
    }
    if (best == T(0)) throw std::domain_error("solve_linear: singular matrix");
    if (p != c) { A.row(p).swap(A.row(c)); std::swap(b(p), b(c)); }
    for (Eigen::Index r = c + 1; r < m; ++r) {
      if (A(r, c) == T(0)) continue;
      T f = A(r, c) / A(c, c);
      for (Eigen::Index k = c; k < m; ++k) A(r, k) -= f * A(c, k);
      b(r) -= f * b(c);
    }
  }
  Vec<T> x(m);
  for (Eigen::Index r = m - 1; r >= 0; --r) {
    T s = b(r);
    for (Eigen::Index k = r + 1; k < m; ++k) s -= A(r, k) * x(k);
    x(r) = s / A(r, r);
  }
  return x;
}
/// (Id - A)^{-1}(Y) for the operator matrix A of a map on symmetric matrices (= sum_j A^j(Y) when r(A) < 1).
template <class T> Mat<T> resolvent_one(const Mat<T>& A, const Mat<T>& Y) {
  const int d = int(Y.rows());
  Mat<T> IdA = Mat<T>::Identity(A.rows(), A.cols()) - A;
  return smat<T>(solve_linear<T>(IdA, svec<T>(Y)), d);
}

/// Spectral radius (max |eigenvalue|) of a square matrix: double, Mpfr (Arb at working precision), Ball.
inline double spectral_radius(const Mat<double>& a) {
  double r = 0;
  for (double x : eig_moduli(a)) r = std::max(r, x);
  return r;
}
inline Mpfr spectral_radius(const Mat<Mpfr>& a) {
  Mpfr r = 0;
  for (const Mpfr& x : eig_moduli(a)) if (x > r) r = x;
  return r;
}
Ball spectral_radius(const MatQ& a);

// ---------------------------------------------------------------------------------------------------------
// Exact position of the spectral radius of a cone-preserving map relative to a rational beta
// ---------------------------------------------------------------------------------------------------------

enum class Cmp { Below, Equal, Above };
struct RadiusVs {
  Cmp cmp = Cmp::Below;
  int index = 0;         // when Equal: index of the eigenvalue beta (1: ||A^k|| bounded, >1: polynomial growth)
  int multiplicity = 0;  // algebraic multiplicity of beta
};
/// For A the matrix of a map preserving a proper cone (so r(A) is an eigenvalue): exact comparison of
/// r(A) with beta >= 0 (Sturm count of the real roots of the characteristic polynomial above beta).
RadiusVs radius_vs(const MatQ& A, const Rat& beta);

/// Behaviour of ||A^k|| (and of Tr A^k(I) for an interior point I of the cone) as k -> infinity,
/// relative to beta^k: Zero (r < beta), Bounded (r = beta, index 1), Poly (r = beta, index > 1),
/// Infinite (r > beta).
enum class Growth { Zero, Bounded, Poly, Infinite };
std::string growth_str(Growth g);

template <class R> struct RadiusInfo {
  R r;            // spectral radius in the tier
  R excess;       // r - beta (exactly 0 when r = beta is recognised)
  Growth growth;  // decided exactly whenever the numerical excess is not clearly signed
  bool exact = false;
};

Growth growth_of(const RadiusVs& rv);

/// Radius information in a tier. `exact_matrix` must return the same operator as an exact rational matrix;
/// it is called only when the tier cannot decide the sign of r - beta by itself.
RadiusInfo<double> radius_info(const Mat<double>& A, const Rat& beta, const std::function<MatQ()>& exact_matrix);
RadiusInfo<Mpfr> radius_info(const Mat<Mpfr>& A, const Rat& beta, const std::function<MatQ()>& exact_matrix);
RadiusInfo<Ball> radius_info(const MatQ& A, const Rat& beta, const std::function<MatQ()>& exact_matrix = {});

/// Margins used by the limit claims (documented in every variant statement):
///  divergence  ("lim Tr A^k(I) = infinity"), holds iff >= 0:  r - beta off the boundary; at r = beta: 0 if
///              the growth is polynomial (still diverges), -1 if bounded.
///  convergence ("lim Tr A^k(I) = 0"),        holds iff <= 0:  r - beta off the boundary; +1 at r = beta.
///  finiteness  ("lim sup Tr A^k(I) < infinity"), holds iff <= 0: r - beta off the boundary; at r = beta:
///              -1 if bounded, +1 if polynomial growth.
template <class R> R divergence_margin(const RadiusInfo<R>& ri) {
  switch (ri.growth) {
    case Growth::Bounded: return R(-1);
    case Growth::Poly: return R(0);
    default: return ri.excess;
  }
}
template <class R> R convergence_margin(const RadiusInfo<R>& ri) {
  if (ri.growth == Growth::Bounded || ri.growth == Growth::Poly) return R(1);
  return ri.excess;
}
template <class R> R finiteness_margin(const RadiusInfo<R>& ri) {
  if (ri.growth == Growth::Bounded) return R(-1);
  if (ri.growth == Growth::Poly) return R(1);
  return ri.excess;
}

/// Convenience: radius info of T (or N) of the sample's model in tier T.
template <class T> RadiusInfo<Real<T>> T_radius(const Sample& s, const Rat& beta = Rat(1), const std::string& fam = "H") {
  Model<T> m = model_of<T>(s, fam);
  Mat<T> A = T_matrix(m);
  if constexpr (std::is_same_v<T, Rat>) return radius_info(A, beta, {});
  else return radius_info(A, beta, [&s, &fam] { return T_matrix(model_of<Rat>(s, fam)); });
}
template <class T> RadiusInfo<Real<T>> N_radius(const Sample& s, const Rat& beta = Rat(1), const std::string& fam = "H") {
  Model<T> m = model_of<T>(s, fam);
  Mat<T> A = N_matrix(m);
  if constexpr (std::is_same_v<T, Rat>) return radius_info(A, beta, {});
  else return radius_info(A, beta, [&s, &fam] { return N_matrix(model_of<Rat>(s, fam)); });
}

// ---------------------------------------------------------------------------------------------------------
// Exact spectral facts used for exact thresholds
// ---------------------------------------------------------------------------------------------------------

/// Exact coherence when the family is a union of mutually orthogonal (Tr H_i H_j = 0) clusters of
/// proportional matrices H_i = a_i P_c with ||P_c||_F and lambda_max(P_c) rational (d = 1, aligned rank-one,
/// orthogonal supports, the paper's construction): then S is a direct sum of rank-one blocks and
/// lambda_max(S) = max_c ||P_c||_F sum_{i in c} a_i. Otherwise nullopt.
std::optional<Rat> coherence_exact(const std::vector<MatQ>& H);
/// Exact lambda_max / lambda_min of a symmetric rational matrix when it is rational (verified by exact
/// rank and inertia); nullopt otherwise.
std::optional<Rat> exact_lmax(const MatQ& a);
std::optional<Rat> exact_lmin(const MatQ& a);
/// Exact square root of a non-negative rational if it is a perfect square.
std::optional<Rat> exact_sqrt(const Rat& q);

// ---------------------------------------------------------------------------------------------------------
// Rational helpers for generators (exact, deterministic)
// ---------------------------------------------------------------------------------------------------------

/// Rational lower / upper bounds of a ball (exact endpoints of the enclosure).
Rat ball_lower(const Ball& b);
Rat ball_upper(const Ball& b);
/// Simplest rational (smallest denominator) in [lo, hi].
Rat simplest_between(const Rat& lo, const Rat& hi);
/// A short rational strictly above / below x (rigorous): simplest rational in (x, x (1 + rel)] etc.
Rat rat_above(const Ball& x, const Rat& rel);
Rat rat_below(const Ball& x, const Rat& rel);

}  // namespace stabcheck::mom
