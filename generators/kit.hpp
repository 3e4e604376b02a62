// What a claim file needs: tiers, spectral functions, the registry and the generators.
#pragma once
#include "core/claim.hpp"
#include "core/linalg.hpp"
#include "core/tier.hpp"
#include "generators/matrices.hpp"
#include <cmath>

namespace stabcheck {

using std::abs;
using std::sqrt;

/// Squared Frobenius norm (exact in the exact tier).
template <class T> T fro2(const Mat<T>& a) {
  T s = T(0);
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j) s += a(i, j) * a(i, j);
  return s;
}

/// Largest absolute eigenvalue of a symmetric matrix (in the exact tier the enclosure of the max of the two enclosures:
/// a comparison of overlapping balls decides nothing).
template <class T> Real<T> spec_norm_sym(const Mat<T>& a) {
  auto ev = eigvals_sym(a);
  Real<T> hi = abs(ev.back()), lo = abs(ev.front());
  if constexpr (std::is_same_v<Real<T>, Ball>) return max(hi, lo);
  else return hi > lo ? hi : lo;
}

template <class R> R rmax(const R& a, const R& b) { return a > b ? a : b; }

}  // namespace stabcheck
