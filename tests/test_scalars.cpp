// Scalars: exact parsing, the NumTraits cure (multiprecision eigen-solvers compile and reach
// working precision), Ball containment.
#include "core/gauss_jordan.hpp"
#include "core/linalg.hpp"
#include "core/precision.hpp"
#include "generators/matrices.hpp"
#include <gtest/gtest.h>

using namespace stabcheck;

TEST(Scalars, ParseRationalExactly) {
  EXPECT_EQ(parse_rat("3/6"), Rat(1, 2));
  EXPECT_EQ(parse_rat("-7"), Rat(-7));
  EXPECT_EQ(parse_rat("1.25e-3"), Rat(1, 800));
  EXPECT_EQ(parse_rat("0.1"), Rat(1, 10));  // exactly one tenth, not the double
  EXPECT_EQ(parse_rat("+2.5E2"), Rat(250));
  for (const char* bad : {"", "1/0", "abc", "1..2", "1e", "nan", "inf", "1/2/3", "--1"})
    EXPECT_THROW(parse_rat(bad), std::invalid_argument) << bad;
}

TEST(Scalars, RationalRoundTripsThroughText) {
  Rat q(Int("123456789012345678901234567890"), Int("7"));
  EXPECT_EQ(parse_rat(rat_str(q)), q);
}

// The multiprecision eigen-solver (SelfAdjointEigenSolver<Mpfr>, which needs the complete NumTraits)
// reaches working precision: eigenvalues of Q diag(1, 2, 3) Q^T with an exact rational orthogonal Q.
TEST(Scalars, MpfrEigenSolverReachesWorkingPrecision) {
  for (unsigned d : {30u, 50u, 100u}) {
    AtPrecision at({.digits = d});
    MatQ k(3, 3);
    k << 0, 1, -2, -1, 0, 3, 2, -3, 0;
    MatQ q = cayley(k);
    MatQ lam = MatQ::Zero(3, 3);
    lam.diagonal() << 1, 2, 3;
    MatQ a = q * lam * q.transpose();
    auto ev = eigvals_sym(from_rat<Mpfr>(a));
    for (int i = 0; i < 3; ++i)
      EXPECT_LT(abs(ev[size_t(i)] - Mpfr(i + 1)), Mpfr(pow(Mpfr(10), -int(d) + 3))) << "digits " << d << " i " << i;
  }
}

TEST(Scalars, BallArithmeticContainsExactValue) {
  AtPrecision at({.bits = 128});
  Ball third(Rat(1, 3));
  Ball x = third * Ball(3) - Ball(1);  // exactly 0
  EXPECT_TRUE(x.contains_zero());
  EXPECT_TRUE(sqrt(Ball(2)).certainly_positive());
  Ball s = sqrt(Ball(2));
  EXPECT_TRUE((s * s - Ball(2)).contains_zero());
  EXPECT_TRUE((s - Ball(Rat(141421356, 100000000))).certainly_positive());
}

// core/eigen_products.hpp: products over Mpfr, Rat and Ball take the coefficient-based path at every size (no
// blocked kernels), and give the exact product. Sizes straddle Eigen's switch to GEMM/GEMV (rows+cols+depth >= 20).
namespace {
template <class T> using ProductImpl = Eigen::internal::generic_product_impl<Mat<T>, Mat<T>, Eigen::DenseShape,
                                                                            Eigen::DenseShape, Eigen::GemmProduct>;
template <class T> using GemvImpl = Eigen::internal::generic_product_impl<Mat<T>, Vec<T>, Eigen::DenseShape,
                                                                         Eigen::DenseShape, Eigen::GemvProduct>;
static_assert(std::is_base_of_v<stabcheck::detail::CoeffProductImpl<Mat<Rat>, Mat<Rat>>, ProductImpl<Rat>>);
static_assert(std::is_base_of_v<stabcheck::detail::CoeffProductImpl<Mat<Mpfr>, Mat<Mpfr>>, ProductImpl<Mpfr>>);
static_assert(std::is_base_of_v<stabcheck::detail::CoeffProductImpl<Mat<Ball>, Mat<Ball>>, ProductImpl<Ball>>);
static_assert(std::is_base_of_v<stabcheck::detail::CoeffProductImpl<Mat<Mpfr>, Vec<Mpfr>>, GemvImpl<Mpfr>>);
static_assert(!std::is_base_of_v<stabcheck::detail::CoeffProductImpl<Mat<double>, Mat<double>>, ProductImpl<double>>);

MatQ triple_loop(const MatQ& a, const MatQ& b) {
  MatQ c = MatQ::Zero(a.rows(), b.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < b.cols(); ++j)
      for (Eigen::Index k = 0; k < a.cols(); ++k) c(i, j) += a(i, k) * b(k, j);
  return c;
}
}  // namespace

TEST(Scalars, MultiprecisionProductsAreExactAtEverySize) {
  AtPrecision at({.digits = 40, .bits = 200});
  for (Eigen::Index n : {1, 3, 6, 7, 12}) {
    MatQ a(n, n + 1), b(n + 1, n);
    for (Eigen::Index i = 0; i < a.rows(); ++i)
      for (Eigen::Index j = 0; j < a.cols(); ++j) {
        a(i, j) = Rat(long(3 * i - 2 * j + 1), long(j + 2));
        b(j, i) = Rat(long(i * j % 5) - 2, long(i + 3));
      }
    MatQ exact = triple_loop(a, b);
    EXPECT_EQ(MatQ(a * b), exact) << "n " << n;
    MatQ ab2 = exact;
    ab2.noalias() += Rat(1, 2) * (a * b);  // the scale-and-add path
    EXPECT_EQ(ab2, MatQ(Rat(3, 2) * exact)) << "n " << n;
    VecQ x = b.col(0);
    EXPECT_EQ(VecQ(a * x), VecQ(exact.col(0))) << "n " << n;
    Mat<Mpfr> pm = from_rat<Mpfr>(a) * from_rat<Mpfr>(b);
    Mat<Ball> pb = to_real<Rat>(a) * to_real<Rat>(b);
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < n; ++j) {
        EXPECT_LE(abs(pm(i, j) - Mpfr(exact(i, j))), Mpfr("1e-35") * (1 + abs(Mpfr(exact(i, j))))) << n;
        EXPECT_TRUE((pb(i, j) - Ball(exact(i, j))).contains_zero()) << "n " << n << " (" << i << "," << j << ")";
      }
  }
}
