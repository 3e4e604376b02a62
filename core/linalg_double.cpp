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
