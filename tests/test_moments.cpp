// The second-moment engine (models/moments.hpp): enumeration vs closed form vs brute force (exact), the
// tiers against the exact result, exact spectral-radius decisions against independent certificates,
// boundary recognition, exact coherence and the coherence construction.
// RapidCheck prints RC_PARAMS="reproduce=..." on failure; the std::mt19937_64 tests print their seed.
#include "core/gauss_jordan.hpp"
#include "core/precision.hpp"
#include "models/moments.hpp"
#include "generators/construction.hpp"
#include "generators/stability.hpp"
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <cfloat>
#include <cmath>
#include <random>

using namespace stabcheck;
using namespace stabcheck::mom;

namespace {

/// Small exact models: every family kind, n <= nmax, d <= dmax, integer or rational B, SGD and SAM,
/// eta from deep inside the stable region to well beyond it.
rc::Gen<Sample> small_model(int nmax, int dmax) {
  return rc::gen::mapcat(rc::gen::inRange(0, int(stab::hkinds().size())), [nmax, dmax](int ki) {
    stab::Base b;
    b.hkind = stab::hkinds()[size_t(ki)];
    b.n_lo = 1;
    b.n_hi = nmax;
    b.d_lo = 1;
    b.d_hi = dmax;
    b.c_units = {Rat(0), Rat(1, 2), Rat(2)};
    b.ncodes = 10;
    return stab::model_gen(b, [](Sample s, int code) {
      static const Rat u[] = {Rat(1, 2), Rat(1), Rat(3, 2), Rat(2), Rat(1, 10), Rat(5, 2), Rat(19, 10), Rat(3), Rat(1, 3), Rat(7, 4)};
      const auto& H = s.family("H");
      Rat mu = stab::mu_upper(H, s.scalar("c"));
      s.scalars["eta"] = u[code % 10] / (mu > 0 ? mu : Rat(1));
      if (code % 3 == 2) {  // a non-integer batch parameter in (0, n]
        int n = int(H.size());
        s.scalars["B"] = Rat(n) * Rat(2, 3);
      }
      return s;
    });
  });
}

MatQ sym_int(int d, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> u(-3, 3);
  MatQ a(d, d);
  for (int i = 0; i < d; ++i)
    for (int j = i; j < d; ++j) { a(i, j) = u(rng); a(j, i) = a(i, j); }
  return a;
}

}  // namespace

RC_GTEST_PROP(Moments, ClosedFormEqualsEnumerationExactly, ()) {
  Sample s = *small_model(5, 3);
  auto m = model_of<Rat>(s);
  auto ps = patterns(m);
  std::mt19937_64 rng(uint64_t(m.n * 31 + m.d));
  MatQ A = sym_int(m.d, rng);
  RC_ASSERT(enum_E_HAH(ps, A) == closed_E_HAH(m, A));   // (33) generalised
  RC_ASSERT(enum_E_JtAJ(ps, A) == T_map(m, A));          // (35)
  RC_ASSERT(enum_E_Hhat2(ps) == closed_E_HAH(m, MatQ(MatQ::Identity(m.d, m.d))));
  Rat wsum = 0;
  for (const auto& p : ps) wsum += p.w;
  RC_ASSERT(wsum == Rat(1));
}

RC_GTEST_PROP(Moments, ThreeWaysAgreeExactly, ()) {
  Sample s = *small_model(3, 2);
  auto m = model_of<Rat>(s);
  auto closed = closed_moments(m, 4);
  auto en = enum_moments(m, 4);
  for (int k = 0; k <= 4; ++k) RC_ASSERT(closed[size_t(k)] == en[size_t(k)]);
  const int kmax = m.n <= 2 ? 3 : 2;
  for (int k = 1; k <= kmax; ++k) RC_ASSERT(brute_moment(m, k) == closed[size_t(k)]);
}

RC_GTEST_PROP(Moments, NoiseRecursionEqualsExplicitSum, ()) {
  Sample s = *small_model(3, 3);
  auto m = model_of<Rat>(s);
  auto N = noise_powers(m, 3);
  for (int k = 1; k <= 3; ++k) RC_ASSERT(noise_explicit(m, k) == N[size_t(k)]);
}

// Relative to the exact moment, plus the rounding the engine's error model allows from the inputs (the scale of
// THM-C8-MK-IDENTITY: |entries of M_k| <= d (d^2 max|J^|^2)^k): an exactly zero moment (J = 0 and no noise, e.g.
// eta mu = 1 with B = n) is computed as ~ulp^2k, which no relative test can accept.
RC_GTEST_PROP(Moments, TiersAgreeWithExact, ()) {
  Sample s = *small_model(6, 3);
  const int K = 12;
  auto exact = closed_moments(model_of<Rat>(s), K);
  auto dbl = closed_moments(model_of<double>(s), K);
  auto dbl_enum = enum_moments(model_of<double>(s), K);
  AtPrecision at({.digits = 50});
  auto mp = closed_moments(model_of<Mpfr>(s), K);
  const auto md = model_of<double>(s);
  const double jb = stab::jhat_bound(md);
  for (int k = 0; k <= K; ++k) {
    const double input_scale = double(md.d) * std::pow(double(md.d * md.d) * jb * jb, k);
    const Mat<double> e = from_rat<double>(exact[size_t(k)]);
    const double tol = 1e-9 * e.cwiseAbs().maxCoeff() + 64 * DBL_EPSILON * input_scale;
    RC_ASSERT((dbl[size_t(k)] - e).cwiseAbs().maxCoeff() <= tol);
    RC_ASSERT((dbl_enum[size_t(k)] - e).cwiseAbs().maxCoeff() <= tol);
    Mat<Mpfr> em = from_rat<Mpfr>(exact[size_t(k)]);
    Mpfr sc = 0, worst = 0;
    for (Eigen::Index i = 0; i < em.size(); ++i) {
      sc = std::max(sc, Mpfr(abs(em(i))));
      worst = std::max(worst, Mpfr(abs(Mpfr(mp[size_t(k)](i) - em(i)))));
    }
    RC_ASSERT(worst <= Mpfr(1e-35) * sc + Mpfr(64) * pow(Mpfr(10), -50) * Mpfr(input_scale));
  }
}

// r(T) < 1  <=>  X = (Id - T)^{-1}(I) exists and X > 0 (then T(X) = X - I < X: the certificate of the hint);
// r(T) > 1 is certified by the failure of the same test at every beta in (1, r): we use beta = 1.
RC_GTEST_PROP(Moments, RadiusDecisionMatchesLyapunovCertificate, ()) {
  Sample s = *small_model(4, 3);
  auto m = model_of<Rat>(s);
  MatQ A = T_matrix(m);
  RadiusVs rv = radius_vs(A, Rat(1));
  const int k = int(A.rows());
  MatQ IdA = MatQ::Identity(k, k) - A;
  bool below = false;
  if (rank_exact(IdA) == k) {
    MatQ X = smat<Rat>(inverse_gauss(IdA) * svec<Rat>(MatQ(MatQ::Identity(m.d, m.d))), m.d);
    Inertia in = inertia(X);
    below = in.neg == 0 && in.zero == 0;
    if (below) RC_ASSERT(inertia(MatQ(X - T_map(m, X))).pos == m.d);  // X - T(X) = I > 0
  } else {
    RC_ASSERT(rv.cmp != Cmp::Below);  // 1 is an eigenvalue
  }
  RC_ASSERT(below == (rv.cmp == Cmp::Below));
  // rigorous ball enclosure agrees where it decides
  Ball r = spectral_radius(A) - Ball(Rat(1));
  if (r.certainly_positive()) RC_ASSERT(rv.cmp == Cmp::Above);
  if (r.certainly_negative()) RC_ASSERT(rv.cmp == Cmp::Below);
  // lambda_max(M_k) >= r(T)^k for every k (||T^k|| = lambda_max(T^k(I)) for a positive map)
  auto M = closed_moments(model_of<double>(s), 20);
  double rd = spectral_radius(from_rat<double>(A));
  for (int j = 1; j <= 20; ++j) RC_ASSERT(lmax(M[size_t(j)]) >= std::pow(rd, j) * (1 - 1e-9) - 1e-300);
}

// Finite-k trends on the exact iterates M_0..M_50 agree with the spectral decision: when r(T) < 1,
// sum_{k<=50} M_k ⪯ X = (Id - T)^{-1}(I) = sum_k M_k exactly (the tail is PSD); when r(T) > 1,
// lambda_max(M_50) >= r(T)^50 (||T^k|| = lambda_max(T^k(I)) for a positive map).
RC_GTEST_PROP(Moments, ExactIteratesUpTo50AgreeWithTheSpectralDecision, ()) {
  Sample s = *small_model(3, 2);
  auto m = model_of<Rat>(s);
  MatQ A = T_matrix(m);
  RadiusVs rv = radius_vs(A, Rat(1));
  auto M = closed_moments(m, 50);
  if (rv.cmp == Cmp::Below) {
    MatQ X = smat<Rat>(inverse_gauss(MatQ(MatQ::Identity(A.rows(), A.cols()) - A)) * svec<Rat>(MatQ(MatQ::Identity(m.d, m.d))), m.d);
    MatQ partial = MatQ::Zero(m.d, m.d);
    for (const auto& Mk : M) partial += Mk;
    RC_ASSERT(inertia(MatQ(X - partial)).neg == 0);
  } else if (rv.cmp == Cmp::Above) {
    double rd = spectral_radius(from_rat<double>(A));
    RC_ASSERT(lmax(from_rat<double>(M.back())) >= std::pow(rd, 50) * (1 - 1e-9));
    RC_ASSERT(rd > 1.0 - 1e-12);
  }
}

TEST(Moments, BoundaryCasesAreRecognised) {
  // d = 1, n = 2, B = 1, h = (h, 0), eta = 2/h: Dexter's threshold with equality, T = 1 exactly, bounded.
  for (int h : {1, 2, 7}) {
    auto m = make_model<Rat>({MatQ::Constant(1, 1, Rat(h)), MatQ::Zero(1, 1)}, Rat(2, h), Rat(1), Rat(0));
    MatQ A = T_matrix(m);
    EXPECT_EQ(A(0, 0), Rat(1)) << "h " << h;
    RadiusVs rv = radius_vs(A, Rat(1));
    EXPECT_EQ(int(rv.cmp), int(Cmp::Equal));
    EXPECT_EQ(rv.index, 1);
    auto ri = radius_info(from_rat<double>(A), Rat(1), [&] { return A; });
    EXPECT_EQ(int(ri.growth), int(Growth::Bounded));
    EXPECT_EQ(divergence_margin(ri), -1.0);
    auto rb = radius_info(A, Rat(1));
    EXPECT_TRUE(rb.exact);
    EXPECT_EQ(int(rb.growth), int(Growth::Bounded));
  }
  // B = n (no noise), eta = 2/lambda_max(H): Jbar has eigenvalue -1, M_k = Jbar^{2k} bounded, r(T) = 1.
  {
    MatQ h1 = MatQ::Zero(2, 2), h2 = MatQ::Zero(2, 2);
    h1(0, 0) = 2; h1(1, 1) = 1; h2(0, 0) = 2; h2(0, 1) = h2(1, 0) = 1; h2(1, 1) = 1;
    MatQ H = (h1 + h2) / Rat(2);
    auto lm = exact_lmax(H);
    ASSERT_FALSE(lm.has_value());  // irrational: use a rational H instead
    MatQ g = MatQ::Zero(2, 2);
    g(0, 0) = 3; g(1, 1) = 1;
    auto m = make_model<Rat>({g, g}, Rat(2, 3), Rat(2), Rat(0));
    RadiusVs rv = radius_vs(T_matrix(m), Rat(1));
    EXPECT_EQ(int(rv.cmp), int(Cmp::Equal));
    EXPECT_EQ(rv.index, 1);
    AtPrecision at({.digits = 50});
    auto mm = make_model<Mpfr>({from_rat<Mpfr>(g), from_rat<Mpfr>(g)}, Mpfr(Rat(2, 3)), Mpfr(2), Mpfr(0));
    auto mp = radius_info(T_matrix(mm), Rat(1), [&] { return T_matrix(m); });
    EXPECT_EQ(int(mp.growth), int(Growth::Bounded));
  }
  // A Jordan block preserving the orthant: index 2, polynomial growth.
  {
    MatQ J(2, 2);
    J << Rat(1), Rat(1), Rat(0), Rat(1);
    RadiusVs rv = radius_vs(J, Rat(1));
    EXPECT_EQ(int(rv.cmp), int(Cmp::Equal));
    EXPECT_EQ(rv.index, 2);
    EXPECT_EQ(int(growth_of(rv)), int(Growth::Poly));
  }
  // singular H: the null direction is neutral (Jbar = 1 there, no noise), r(T) >= 1 always
  {
    MatQ g = MatQ::Zero(2, 2);
    g(0, 0) = 1;
    auto m = make_model<Rat>({g, MatQ(g * Rat(3))}, Rat(1, 4), Rat(1), Rat(0));
    RadiusVs rv = radius_vs(T_matrix(m), Rat(1));
    EXPECT_NE(int(rv.cmp), int(Cmp::Below));
  }
}

TEST(Moments, ExactCoherenceMatchesNumeric) {
  std::mt19937_64 rng(777);
  for (int it = 0; it < 40; ++it) {
    int n = 1 + int(rng() % 5), sigma = 1 + int(rng() % n);
    char var = (it % 2) ? 'a' : 'b';
    Rat lam(1 + int(rng() % 4), 1 + int(rng() % 3));
    auto H = construction::family(var, n, sigma, lam, 2);
    auto e = coherence_exact(H);
    ASSERT_TRUE(e.has_value()) << "seed 777 it " << it;
    EXPECT_EQ(*e, Rat(sigma)) << "seed 777 it " << it;
    MatQ Hb = stab::mean_of(H);
    EXPECT_EQ(exact_lmax(Hb).value(), lam) << "seed 777 it " << it;
    // numeric sigma from the definition
    Mat<double> S(n, n);
    double hmax = 0;
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < n; ++j) S(i, j) = std::sqrt(trace_prod(H[size_t(i)], H[size_t(j)]).convert_to<double>());
      hmax = std::max(hmax, lmax(from_rat<double>(H[size_t(i)])));
    }
    EXPECT_NEAR(lmax(S) / hmax, double(sigma), 1e-12) << "seed 777 it " << it;
    Ball sb = stab::sigma_ball(H);
    EXPECT_TRUE(sb.is_exact());
  }
  // a generic family: no exact value, but the enclosure contains the double value
  std::vector<MatQ> H;
  for (int i = 0; i < 3; ++i) {
    MatQ g = sym_int(3, rng);
    H.push_back(g * g.transpose());
  }
  EXPECT_FALSE(coherence_exact(H).has_value());
  Ball sb = stab::sigma_ball(H);
  Mat<double> S(3, 3);
  double hmax = 0;
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) S(i, j) = std::sqrt(trace_prod(H[size_t(i)], H[size_t(j)]).convert_to<double>());
    hmax = std::max(hmax, lmax(from_rat<double>(H[size_t(i)])));
  }
  EXPECT_NEAR(sb.mid_double(), lmax(S) / hmax, 1e-9);
}

TEST(Moments, ConstructionE1EntryThreeWays) {
  std::mt19937_64 rng(4242);
  for (int it = 0; it < 30; ++it) {
    int n = 1 + int(rng() % 5), sigma = 1 + int(rng() % n), B = 1 + int(rng() % n);
    Rat lam(1 + int(rng() % 3), 1 + int(rng() % 2)), eta(1 + int(rng() % 5), 4), c(int(rng() % 3), 2);
    Rat e81 = construction::e1_entry_81(n, Rat(B), sigma, lam, eta, c);
    Rat eb = construction::e1_entry_binomial(n, Rat(B), sigma, lam, eta, c);
    EXPECT_EQ(e81, eb) << "seed 4242 it " << it;
    auto m = make_model<Rat>(construction::family('b', n, sigma, lam), eta, Rat(B), c);
    auto M1 = enum_moments(m, 1)[1];
    EXPECT_EQ(M1(0, 0), eb) << "seed 4242 it " << it;
    // (87) <=> entry < 1
    bool stable = eb < 1;
    bool crit = lam * (1 + c * lam) < construction::criterion_87_rhs(n, Rat(B), sigma, eta);
    EXPECT_EQ(stable, crit) << "seed 4242 it " << it;
  }
}

TEST(Moments, RationalHelpers) {
  AtPrecision at({.bits = 200});
  Ball x = sqrt(Ball(Rat(2)));
  Rat a = rat_above(x, Rat(1, 1000)), b = rat_below(x, Rat(1, 1000));
  EXPECT_GT(a * a, Rat(2));
  EXPECT_LT(b * b, Rat(2));
  EXPECT_LT(a - b, Rat(1, 100));
  EXPECT_EQ(exact_sqrt(Rat(9, 4)).value(), Rat(3, 2));
  EXPECT_FALSE(exact_sqrt(Rat(2)).has_value());
  EXPECT_EQ(binom<Rat>(6, 2), Rat(15));
}
