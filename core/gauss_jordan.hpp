// Gaussian elimination with partial pivoting over any field-like scalar: exact over Rat, rounded over double and
// Mpfr (the ball tier uses Arb's own kernels, core/linalg.hpp).
#pragma once
#include "core/tier.hpp"
#include <Eigen/LU>  // cayley<double>: (id + k).inverse()
#include <stdexcept>
#include <type_traits>

namespace stabcheck {

/// det(a) by elimination with partial pivoting.
template <class F> F det_gauss(Mat<F> a) {
  using std::abs;
  const Eigen::Index n = a.rows();
  F det = F(1);
  for (Eigen::Index c = 0; c < n; ++c) {
    Eigen::Index p = c;
    for (Eigen::Index r = c + 1; r < n; ++r)
      if (abs(a(r, c)) > abs(a(p, c))) p = r;
    if (a(p, c) == 0) return F(0);
    if (p != c) { a.row(p).swap(a.row(c)); det = -det; }
    det *= a(c, c);
    for (Eigen::Index r = c + 1; r < n; ++r) {
      if (a(r, c) == 0) continue;
      F f = a(r, c) / a(c, c);
      for (Eigen::Index j = c; j < n; ++j) a(r, j) -= f * a(c, j);
    }
  }
  return det;
}

/// a^{-1} by Gauss-Jordan elimination with partial pivoting; std::domain_error on a (numerically) zero pivot.
template <class F> Mat<F> inverse_gauss(const Mat<F>& in) {
  using std::abs;
  const Eigen::Index n = in.rows();
  Mat<F> a = in, inv = Mat<F>::Identity(n, n);
  for (Eigen::Index c = 0; c < n; ++c) {
    Eigen::Index p = c;
    for (Eigen::Index r = c + 1; r < n; ++r)
      if (abs(a(r, c)) > abs(a(p, c))) p = r;
    if (a(p, c) == 0) throw std::domain_error("inverse of a singular matrix");
    a.row(p).swap(a.row(c));
    inv.row(p).swap(inv.row(c));
    const F piv = a(c, c);
    a.row(c) /= piv;
    inv.row(c) /= piv;
    for (Eigen::Index r = 0; r < n; ++r) {
      if (r == c || a(r, c) == 0) continue;
      const F f = a(r, c);
      a.row(r) -= f * a.row(c);
      inv.row(r) -= f * inv.row(c);
    }
  }
  return inv;
}

/// The Cayley transform (I - K)(I + K)^{-1} of a skew-symmetric K (I + K is then invertible): an orthogonal matrix,
/// exact over Rat; over double through Eigen's inverse.
template <class F> Mat<F> cayley(const Mat<F>& k) {
  const Mat<F> id = Mat<F>::Identity(k.rows(), k.cols());
  if constexpr (std::is_same_v<F, double>) return (id - k) * (id + k).inverse();
  else return (id - k) * inverse_gauss(Mat<F>(id + k));
}

}  // namespace stabcheck
