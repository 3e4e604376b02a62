#include "core/linalg_float.hpp"
#include <algorithm>

namespace stabcheck {

std::vector<double> eigvals_sym(const Mat<double>& a) { return detail::float_eigvals_sym(a); }
void eig_sym_vectors(const Mat<double>& a, Vec<double>& values, Mat<double>& vectors) {
  detail::float_eig_sym_vectors(a, values, vectors);
}
std::vector<double> svals(const Mat<double>& a) { return detail::float_svals(a); }

std::vector<std::complex<double>> eigvals(const Mat<double>& a) {
  Eigen::EigenSolver<Mat<double>> es(a);  // with eigenvectors: the Schur form, and so the values, as THM-C7-2 had them
  return detail::to_std<std::complex<double>>(es.eigenvalues());
}

std::vector<double> eig_moduli(const Mat<double>& a) {
  Mat<std::complex<double>> ac = a.cast<std::complex<double>>();
  Eigen::ComplexEigenSolver<Mat<std::complex<double>>> es(ac, false);
  std::vector<double> out;
  for (Eigen::Index i = 0; i < es.eigenvalues().size(); ++i) out.push_back(std::abs(es.eigenvalues()(i)));
  return out;
}

}  // namespace stabcheck
