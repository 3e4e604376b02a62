#include "core/linalg.hpp"
#include <Eigen/Eigenvalues>
#include <Eigen/SVD>
#include <algorithm>

namespace stabcheck {

std::vector<double> eigvals_sym(const Mat<double>& a) {
  Eigen::SelfAdjointEigenSolver<Mat<double>> es(a, Eigen::EigenvaluesOnly);
  const auto& v = es.eigenvalues();
  return std::vector<double>(v.data(), v.data() + v.size());
}

void eig_sym_vectors(const Mat<double>& a, Vec<double>& values, Mat<double>& vectors) {
  Eigen::SelfAdjointEigenSolver<Mat<double>> es(a);
  values = es.eigenvalues();
  vectors = es.eigenvectors();
}

std::vector<std::complex<double>> eigvals(const Mat<double>& a) {
  Eigen::EigenSolver<Mat<double>> es(a);  // with eigenvectors: the Schur form, and so the values, as THM-C7-2 had them
  const auto& v = es.eigenvalues();
  return std::vector<std::complex<double>>(v.data(), v.data() + v.size());
}

std::vector<double> svals(const Mat<double>& a) {
  Eigen::JacobiSVD<Mat<double>> svd(a);
  const auto& v = svd.singularValues();
  return std::vector<double>(v.data(), v.data() + v.size());
}

std::vector<double> eig_moduli(const Mat<double>& a) {
  Mat<std::complex<double>> ac = a.cast<std::complex<double>>();
  Eigen::ComplexEigenSolver<Mat<std::complex<double>>> es(ac, false);
  std::vector<double> out;
  for (Eigen::Index i = 0; i < es.eigenvalues().size(); ++i) out.push_back(std::abs(es.eigenvalues()(i)));
  return out;
}

}  // namespace stabcheck
