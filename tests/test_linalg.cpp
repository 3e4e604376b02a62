// Spectra in every tier. Rigorous results are checked by containment, not closeness (FLINT/Arb style),
// with a random precision per iteration.
#include "core/linalg.hpp"
#include "generators/matrices.hpp"
#include <gtest/gtest.h>
#include <random>

using namespace stabcheck;

namespace {
// Q diag(lam) Q^T with known exact spectrum.
MatQ with_spectrum(const std::vector<Rat>& lam, std::mt19937_64& rng) {
  const int d = int(lam.size());
  std::uniform_int_distribution<int> u(-2, 2);
  MatQ k = MatQ::Zero(d, d);
  for (int i = 0; i < d; ++i)
    for (int j = i + 1; j < d; ++j) { k(i, j) = u(rng); k(j, i) = -k(i, j); }
  MatQ id = MatQ::Identity(d, d);
  MatQ q = (id - k) * gen::inverse_exact(id + k);
  MatQ l = MatQ::Zero(d, d);
  for (int i = 0; i < d; ++i) l(i, i) = lam[size_t(i)];
  return q * l * q.transpose();
}
}  // namespace

TEST(Linalg, ExactEigenvaluesContainTheSpectrum) {
  std::mt19937_64 rng(20261126);
  for (int it = 0; it < 30; ++it) {
    long prec = 64 + long(rng() % 400);  // random precision per iteration
    set_ball_prec(prec);
    int d = 1 + int(rng() % 6);
    std::vector<Rat> lam;
    for (int i = 0; i < d; ++i) lam.push_back(Rat(int(rng() % 7) - 2, 1 + int(rng() % 3)));  // repeats and zeros likely
    std::sort(lam.begin(), lam.end());
    MatQ a = with_spectrum(lam, rng);
    auto ev = eigvals_sym(a);
    ASSERT_EQ(ev.size(), size_t(d));
    for (int i = 0; i < d; ++i) {
      Ball diff = ev[size_t(i)] - Ball(lam[size_t(i)]);
      EXPECT_TRUE(diff.contains_zero()) << "seed 20261126 it " << it << " prec " << prec << " i " << i << " " << ev[size_t(i)].str();
    }
  }
  set_ball_prec(400);
}

TEST(Linalg, TiersAgreeWithinTheirPrecision) {
  std::mt19937_64 rng(7);
  for (int it = 0; it < 10; ++it) {
    int d = 2 + int(rng() % 5);
    std::vector<Rat> lam;
    for (int i = 0; i < d; ++i) lam.push_back(Rat(int(rng() % 1000), 7));
    std::sort(lam.begin(), lam.end());
    MatQ a = with_spectrum(lam, rng);
    auto ed = eigvals_sym(from_rat<double>(a));
    set_digits(60);
    auto em = eigvals_sym(from_rat<Mpfr>(a));
    for (int i = 0; i < d; ++i) {
      double exact = lam[size_t(i)].convert_to<double>();
      EXPECT_NEAR(ed[size_t(i)], exact, 1e-12 * (1 + std::abs(exact)));
      EXPECT_LT(abs(em[size_t(i)] - Mpfr(lam[size_t(i)])), Mpfr("1e-50") * (1 + abs(Mpfr(lam[size_t(i)]))));
    }
  }
  set_digits(50);
}

TEST(Linalg, InertiaIsExact) {
  MatQ a(2, 2);
  a << 0, 0, 0, -1;  // passes the leading-minor test, not PSD
  Inertia in = inertia(a);
  EXPECT_EQ(in.neg, 1);
  EXPECT_EQ(in.zero, 1);
  EXPECT_FALSE(is_psd_exact(a));
  MatQ b(3, 3);
  b << 0, 1, 0, 1, 0, 0, 0, 0, 2;  // zero diagonal block needs a 2x2 pivot: eigenvalues -1, 1, 2
  in = inertia(b);
  EXPECT_EQ(in.neg, 1);
  EXPECT_EQ(in.pos, 2);
  std::mt19937_64 rng(3);
  for (int it = 0; it < 20; ++it) {
    int d = 1 + int(rng() % 5);
    std::vector<Rat> lam;
    for (int i = 0; i < d; ++i) lam.push_back(Rat(int(rng() % 5) - 2));
    MatQ m = with_spectrum(lam, rng);
    Inertia e;
    for (const Rat& l : lam) (l < 0 ? e.neg : l == 0 ? e.zero : e.pos) += 1;
    Inertia got = inertia(m);
    EXPECT_EQ(got.neg, e.neg);
    EXPECT_EQ(got.zero, e.zero);
    EXPECT_EQ(got.pos, e.pos);
  }
}

TEST(Linalg, NilpotentEigenvaluesAreExactlyZero) {
  MatQ n = MatQ::Zero(3, 3);
  n(0, 1) = 5;
  n(1, 2) = -3;
  for (const Ball& m : eig_moduli(n)) EXPECT_TRUE(m.contains_zero() && m.is_exact()) << m.str();
  auto sv = svals(n);
  EXPECT_TRUE((sv[0] - Ball(5)).contains_zero());
  EXPECT_TRUE((sv[1] - Ball(3)).contains_zero());
}

TEST(Linalg, BallMatrixEnclosureIsRigorous) {
  // S = [[sqrt 2, 1], [1, sqrt 2]]: eigenvalues sqrt 2 +- 1.
  set_ball_prec(200);
  Mat<Ball> s(2, 2);
  s(0, 0) = sqrt(Ball(2));
  s(1, 1) = sqrt(Ball(2));
  s(0, 1) = Ball(1);
  s(1, 0) = Ball(1);
  auto ev = eigvals_sym(s);
  EXPECT_TRUE((ev[1] - sqrt(Ball(2)) - Ball(1)).contains_zero()) << ev[1].str();
  EXPECT_TRUE((ev[0] - sqrt(Ball(2)) + Ball(1)).contains_zero()) << ev[0].str();
  EXPECT_LT(ev[1].rel_width(), 1e-40);
  set_ball_prec(400);
}

TEST(Linalg, ExactRank) {
  MatQ g(3, 2);
  g << 1, 2, 3, 4, 5, 6;
  EXPECT_EQ(rank_exact(g * g.transpose()), 2);
  EXPECT_EQ(rank_exact(MatQ::Zero(3, 3)), 0);
}
