// Spectra in every tier. Rigorous results are checked by containment, not closeness (FLINT/Arb style),
// with a random precision per iteration.
#include "core/gauss_jordan.hpp"
#include "core/linalg.hpp"
#include "core/precision.hpp"
#include "generators/matrices.hpp"
#include "tests/files.hpp"
#include <gtest/gtest.h>
#include <random>
#include <regex>

using namespace stabcheck;

namespace {
// Q diag(lam) Q^T with known exact spectrum.
MatQ with_spectrum(const std::vector<Rat>& lam, std::mt19937_64& rng) {
  const int d = int(lam.size());
  std::uniform_int_distribution<int> u(-2, 2);
  MatQ k = MatQ::Zero(d, d);
  for (int i = 0; i < d; ++i)
    for (int j = i + 1; j < d; ++j) { k(i, j) = u(rng); k(j, i) = -k(i, j); }
  MatQ q = cayley(k);
  MatQ l = MatQ::Zero(d, d);
  for (int i = 0; i < d; ++i) l(i, i) = lam[size_t(i)];
  return q * l * q.transpose();
}

// Arb 2.23's arb_fmpz_poly_complex_roots crashes on this characteristic polynomial (degree 6, roots near 2^178; met
// by the adversarial search in THM-C9-CONVERGENCE). The roots are isolated after scaling x = 2^s y (core/linalg_exact.cpp).
TEST(Linalg, HugeRootsAreIsolatedWithoutCrash) {
  const char* c[] = {
      "14070999651295896639289708472448925164818439480877936504395958644800240786106023584424323698056050897238429935303449064405294362463961447847757800694323513205184819014943822861138496482800750038844051096340295397084196155874832548890371911963004470580708611562702429577584090440392491053059324722671609294437486345221832704",
      "-182272010737036346193092729631686196788490167731650132671516371310145004968586666621046918504039317076102696064614051638101167477335063116945802496195728032344761998604302709994478916766019711599390984600446789958147452980476085263139549483943244948367392831566302412800",
      "958678258338069629321368849137960455265061004178597786126253255483428341938820556938477471301528162094249040792068581754309436126715128558029656705686438271945720434930023547047387095286508280861824524392359052690432",
      "-2625747057764430590418107181875711107627269448137398862143665376016770317802797885050070307129337280547202018176730679541272003179020037637806670698848819096631296",
      "3955915986052224619934174869697780004820004281357693383624952808286018847227330343616644618226228890583397735",
      "-3112267702845666795354054860779916092159397784823959552",
      "1"};
  MatQ comp = MatQ::Zero(6, 6);
  for (int i = 1; i < 6; ++i) comp(i, i - 1) = 1;
  for (int k = 0; k < 6; ++k) comp(k, 5) = -Rat(Int(c[k]));
  ASSERT_EQ(Rat(Int(c[6])), 1);
  const std::vector<Ball> m = eig_moduli(comp);
  ASSERT_EQ(m.size(), 6u);
  // the three smallest roots, as Arb isolates them from p(2^178 y)
  for (double want : {2.7584919758499888326e+53, 3.9345642568159980303e+53, 4.5974864531803227837e+53}) {
    bool found = false;
    for (const Ball& b : m) found = found || std::abs(double(b.mid()) / want - 1) < 1e-12;
    EXPECT_TRUE(found) << want;
  }
  // the product of the moduli is |c_0| (all roots are real and positive: the signs alternate)
  Ball prod(1);
  for (const Ball& b : m) prod = prod * b;
  const Ball ratio = prod / Ball(Rat(Int(c[0])));
  EXPECT_LT(std::abs(double(ratio.mid()) - 1), 1e-12) << ratio.str(20);
}

}  // namespace

TEST(Linalg, ExactEigenvaluesContainTheSpectrum) {
  std::mt19937_64 rng(20261126);
  for (int it = 0; it < 30; ++it) {
    long prec = 64 + long(rng() % 400);  // random precision per iteration
    AtPrecision at({.bits = prec});
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
    AtPrecision at({.digits = 60});
    auto em = eigvals_sym(from_rat<Mpfr>(a));
    for (int i = 0; i < d; ++i) {
      double exact = lam[size_t(i)].convert_to<double>();
      EXPECT_NEAR(ed[size_t(i)], exact, 1e-12 * (1 + std::abs(exact)));
      EXPECT_LT(abs(em[size_t(i)] - Mpfr(lam[size_t(i)])), Mpfr("1e-50") * (1 + abs(Mpfr(lam[size_t(i)]))));
    }
  }
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
  AtPrecision at({.bits = 200});
  Mat<Ball> s(2, 2);
  s(0, 0) = sqrt(Ball(2));
  s(1, 1) = sqrt(Ball(2));
  s(0, 1) = Ball(1);
  s(1, 0) = Ball(1);
  auto ev = eigvals_sym(s);
  EXPECT_TRUE((ev[1] - sqrt(Ball(2)) - Ball(1)).contains_zero()) << ev[1].str();
  EXPECT_TRUE((ev[0] - sqrt(Ball(2)) + Ball(1)).contains_zero()) << ev[0].str();
  EXPECT_LT(ev[1].rel_width(), 1e-40);
}

TEST(Linalg, ExactRank) {
  MatQ g(3, 2);
  g << 1, 2, 3, 4, 5, 6;
  EXPECT_EQ(rank_exact(g * g.transpose()), 2);
  EXPECT_EQ(rank_exact(MatQ::Zero(3, 3)), 0);
}

// Eigen's solvers are instantiated in the engine only (core/linalg_float.hpp, for core/linalg_double.cpp and
// core/linalg_mpfr.cpp): every other file calls eigvals_sym, eig_sym_vectors, eigvals or svals (core/linalg.hpp), so
// that a clean build compiles each solver, with its Householder and triangular kernels, once and not in every unit
// (README, "Building").
TEST(Linalg, EigenSolversOnlyInTheEngine) {
  const std::regex solver(
      R"(\b(SelfAdjointEigenSolver|ComplexEigenSolver|EigenSolver|GeneralizedSelfAdjointEigenSolver|RealSchur|JacobiSVD|BDCSVD|(ColPiv|FullPiv)?HouseholderQR)\s*<)");
  const std::regex comment(R"(^\s*//)");
  const size_t files = test::for_each_code_line(
      {"core/linalg_float.hpp", "core/linalg_double.cpp", "core/linalg_mpfr.cpp", "tests/test_linalg.cpp"},
      [&](const std::string& rel, int n, const std::string& line) {
        if (std::regex_search(line, solver) && !std::regex_search(line, comment))
          ADD_FAILURE() << rel << ":" << n << ": uses an Eigen solver; call core/linalg.hpp's functions: " << line;
      });
  EXPECT_GT(files, 150u);
}
