// The one translation unit that instantiates Eigen's solvers on Mpfr (30-50 s to compile).
#include "core/linalg.hpp"
#include "core/precision.hpp"
#include <Eigen/Eigenvalues>
#include <Eigen/SVD>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace stabcheck {

namespace {
constexpr long kMaxEntryExponent = 1L << 16;  // binary exponents beyond +-65536: refused by eig_moduli
}  // namespace

std::vector<Mpfr> eigvals_sym(const Mat<Mpfr>& a) {
  Eigen::SelfAdjointEigenSolver<Mat<Mpfr>> es(a, Eigen::EigenvaluesOnly);
  const auto& v = es.eigenvalues();
  return std::vector<Mpfr>(v.data(), v.data() + v.size());
}

void eig_sym_vectors(const Mat<Mpfr>& a, Vec<Mpfr>& values, Mat<Mpfr>& vectors) {
  Eigen::SelfAdjointEigenSolver<Mat<Mpfr>> es(a);
  values = es.eigenvalues();
  vectors = es.eigenvectors();
}

std::vector<Mpfr> svals(const Mat<Mpfr>& a) {
  Eigen::JacobiSVD<Mat<Mpfr>> svd(a);
  const auto& v = svd.singularValues();
  return std::vector<Mpfr>(v.data(), v.data() + v.size());
}

// General eigenvalues at working precision: Mpfr values are dyadic rationals, so the matrix is
// converted exactly and its eigenvalue moduli enclosed rigorously; we return the midpoints.
std::vector<Mpfr> eig_moduli(const Mat<Mpfr>& a) {
  MatQ q(a.rows(), a.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      // An entry far from 1 in binary exponent would become a rational of that many bits (and FLINT's root finder
      // then exhausts the stack): such a matrix is refused, as an error of the evaluation, not a value.
      const Mpfr& x = a(i, j);
      if (!boost::multiprecision::isfinite(x)) throw std::domain_error("eig_moduli: non-finite entry");
      if (x != 0 && std::labs(long(mpfr_get_exp(x.backend().data()))) > kMaxEntryExponent)
        throw std::domain_error("eig_moduli: an entry of binary exponent " + std::to_string(mpfr_get_exp(x.backend().data())) +
                                " is out of the range of the exact characteristic polynomial");
      q(i, j) = Rat(x);
    }
  AtPrecision at({.bits = Precision::bits_for_digits(digits())});
  std::vector<Mpfr> out;
  for (const Ball& b : eig_moduli(q)) out.push_back(b.mid());
  return out;
}

}  // namespace stabcheck
