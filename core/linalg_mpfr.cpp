// The one translation unit that instantiates Eigen's solvers on Mpfr (30-50 s to compile).
#include "core/linalg_float.hpp"
#include "core/precision.hpp"

namespace stabcheck {

std::vector<Mpfr> eigvals_sym(const Mat<Mpfr>& a) { return detail::float_eigvals_sym(a); }
void eig_sym_vectors(const Mat<Mpfr>& a, Vec<Mpfr>& values, Mat<Mpfr>& vectors) {
  detail::float_eig_sym_vectors(a, values, vectors);
}
std::vector<Mpfr> svals(const Mat<Mpfr>& a) { return detail::float_svals(a); }

// General eigenvalues at working precision: Mpfr values are dyadic rationals, so the matrix is
// converted exactly and its eigenvalue moduli enclosed rigorously; we return the midpoints.
std::vector<Mpfr> eig_moduli(const Mat<Mpfr>& a) {
  MatQ q(a.rows(), a.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j) q(i, j) = Rat(a(i, j));
  AtPrecision at({.bits = Precision::bits_for_digits(digits())});
  std::vector<Mpfr> out;
  for (const Ball& b : eig_moduli(q)) out.push_back(b.mid());
  return out;
}

}  // namespace stabcheck
