// Scalars: exact parsing, the NumTraits cure (multiprecision eigen-solvers compile and reach
// working precision), Ball containment.
#include "core/linalg.hpp"
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
    set_digits(d);
    MatQ k(3, 3);
    k << 0, 1, -2, -1, 0, 3, 2, -3, 0;
    MatQ id = MatQ::Identity(3, 3);
    MatQ q = (id - k) * gen::inverse_exact(id + k);
    MatQ lam = MatQ::Zero(3, 3);
    lam.diagonal() << 1, 2, 3;
    MatQ a = q * lam * q.transpose();
    auto ev = eigvals_sym(from_rat<Mpfr>(a));
    for (int i = 0; i < 3; ++i)
      EXPECT_LT(abs(ev[size_t(i)] - Mpfr(i + 1)), Mpfr(pow(Mpfr(10), -int(d) + 3))) << "digits " << d << " i " << i;
  }
  set_digits(50);
}

TEST(Scalars, BallArithmeticContainsExactValue) {
  set_ball_prec(128);
  Ball third(Rat(1, 3));
  Ball x = third * Ball(3) - Ball(1);  // exactly 0
  EXPECT_TRUE(x.contains_zero());
  EXPECT_TRUE(sqrt(Ball(2)).certainly_positive());
  Ball s = sqrt(Ball(2));
  EXPECT_TRUE((s * s - Ball(2)).contains_zero());
  EXPECT_TRUE((s - Ball(Rat(141421356, 100000000))).certainly_positive());
  set_ball_prec(400);
}
