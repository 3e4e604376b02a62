// The three evaluation tiers share one claim code path. A claim is written as a generic
// function of a tier tag; for each tier T:
//   Mat<T>  : matrices built from the exact sample (double, Mpfr, or exact Rat)
//   Real<T> : type of derived real quantities (eigenvalues, square roots):
//             double, Mpfr, or Ball (a rigorous enclosure) for the exact tier.
#pragma once
#include "core/ball.hpp"
#include "core/scalar.hpp"
#include <Eigen/Core>
#include <vector>

namespace stabcheck {

template <class T> using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <class T> using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;
using MatQ = Mat<Rat>;
using VecQ = Vec<Rat>;

template <class T> struct RealOf { using type = T; };
template <> struct RealOf<Rat> { using type = Ball; };
template <class T> using Real = typename RealOf<T>::type;

/// Tag passed to generic claim code: `using T = typename decltype(tag)::type;`
template <class T> struct Tier { using type = T; };

enum class TierKind { Double, Mpfr, Exact };

// Conversions out of the exact sample.
template <class T> T from_rat(const Rat& q);
template <> inline double from_rat<double>(const Rat& q) { return q.convert_to<double>(); }
template <> inline Mpfr from_rat<Mpfr>(const Rat& q) { return Mpfr(q); }
template <> inline Rat from_rat<Rat>(const Rat& q) { return q; }
template <class T> Mat<T> from_rat(const MatQ& m) {
  Mat<T> out(m.rows(), m.cols());
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) out(i, j) = from_rat<T>(m(i, j));
  return out;
}

// Lift a tier scalar into its Real type.
inline double real(double x) { return x; }
inline Mpfr real(const Mpfr& x) { return x; }
inline Ball real(const Rat& q) { return Ball(q); }
template <class T> Real<T> real_of(const Rat& q) { return real(from_rat<T>(q)); }
inline double real_of_int(double, long v) { return double(v); }

template <class T> Mat<T> identity(Eigen::Index d) { return Mat<T>::Identity(d, d); }

/// Elementwise map of a matrix into its Real type (e.g. Rat -> Ball).
template <class T> Mat<Real<T>> to_real(const Mat<T>& m) {
  Mat<Real<T>> out(m.rows(), m.cols());
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) out(i, j) = real(m(i, j));
  return out;
}

/// Trace of a product without forming it: Tr(AB) = sum_ij A_ij B_ji.
template <class T> T trace_prod(const Mat<T>& a, const Mat<T>& b) {
  T s = T(0);
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j) s += a(i, j) * b(j, i);
  return s;
}

/// Integer power of a real by repeated squaring (k >= 0).
template <class R> R ipow(R x, long k) {
  R r = R(1);
  while (k > 0) {
    if (k & 1) r = r * x;
    x = x * x;
    k >>= 1;
  }
  return r;
}

/// The binomial coefficient C(n, k) in T, 0 unless 0 <= k <= n (exact in Rat; integral intermediate values).
template <class T> T binom(long n, long k) {
  if (k < 0 || k > n) return T(0);
  T c = T(1);
  for (long i = 1; i <= k; ++i) c = c * T(n - k + i) / T(i);
  return c;
}

}  // namespace stabcheck
