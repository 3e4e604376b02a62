// Eigen's solvers on a floating tier F (double or Mpfr). Included only by core/linalg_double.cpp and
// core/linalg_mpfr.cpp, which instantiate them once per tier (test Linalg.EigenSolversOnlyInTheEngine); everything
// else calls the functions of core/linalg.hpp.
#pragma once
#include "core/linalg.hpp"
#include <Eigen/Eigenvalues>
#include <Eigen/SVD>

namespace stabcheck::detail {

template <class F> std::vector<F> to_std(const Vec<F>& v) { return std::vector<F>(v.data(), v.data() + v.size()); }

/// Ascending eigenvalues of a symmetric matrix.
template <class F> std::vector<F> float_eigvals_sym(const Mat<F>& a) {
  return to_std<F>(Eigen::SelfAdjointEigenSolver<Mat<F>>(a, Eigen::EigenvaluesOnly).eigenvalues());
}

/// Ascending eigenvalues and orthonormal eigenvectors (columns) of a symmetric matrix.
template <class F> void float_eig_sym_vectors(const Mat<F>& a, Vec<F>& values, Mat<F>& vectors) {
  Eigen::SelfAdjointEigenSolver<Mat<F>> es(a);
  values = es.eigenvalues();
  vectors = es.eigenvectors();
}

/// Descending singular values.
template <class F> std::vector<F> float_svals(const Mat<F>& a) {
  return to_std<F>(Eigen::JacobiSVD<Mat<F>>(a).singularValues());
}

}  // namespace stabcheck::detail
