// Generators deliver what they promise: exact PSD, rank, exact orthogonality, determinism, shrinking.
#include "generators/matrices.hpp"
#include "core/linalg.hpp"
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

using namespace stabcheck;
using gen::Kind;

RC_GTEST_PROP(Generators, PsdKindsAreExactlyPsd, ()) {
  const int d = *rc::gen::inRange(1, 7);
  for (Kind k : gen::psd_kinds()) {
    MatQ a = *gen::matrix(k, d);
    RC_ASSERT(a.rows() == d);
    RC_ASSERT(a == a.transpose());
    RC_ASSERT(is_psd_exact(a));
  }
}

RC_GTEST_PROP(Generators, RanksAreAsPromised, ()) {
  const int d = *rc::gen::inRange(2, 7);
  RC_ASSERT(rank_exact(*gen::matrix(Kind::RankOne, d)) <= 1);
  RC_ASSERT(rank_exact(*gen::matrix(Kind::LowRank, d)) <= d - 1);
  RC_ASSERT(rank_exact(*gen::matrix(Kind::Nilpotent, d)) <= d - 1);
}

RC_GTEST_PROP(Generators, OrthogonalIsExact, ()) {
  const int d = *rc::gen::inRange(1, 7);
  MatQ q = *gen::orthogonal(d);
  RC_ASSERT(MatQ(q.transpose() * q) == MatQ::Identity(d, d));
}

RC_GTEST_PROP(Generators, ProbeKindsHaveTheirStructure, ()) {
  const int d = *rc::gen::inRange(1, 7);
  MatQ s = *gen::matrix(Kind::SymIndefinite, d);
  RC_ASSERT(s == s.transpose());
  RC_ASSERT(!is_psd_exact(s));
  MatQ n = *gen::matrix(Kind::NonSymPsdPart, d);
  RC_ASSERT(is_psd_exact(MatQ((n + n.transpose()) / Rat(2))));
}

RC_GTEST_PROP(Generators, FamiliesArePsdWithTheRightShape, ()) {
  const int n = *rc::gen::inRange(1, 5), d = *rc::gen::inRange(1, 5);
  for (auto k : gen::family_kinds()) {
    auto f = *gen::family(k, n, d);
    RC_ASSERT(f.size() == size_t(n));
    for (const auto& h : f) RC_ASSERT(h.rows() == d && is_psd_exact(h));
    if (k == gen::FamilyKind::Commuting)
      for (const auto& a : f)
        for (const auto& b : f) RC_ASSERT(MatQ(a * b) == MatQ(b * a));
    if (k == gen::FamilyKind::Orthogonal && n <= d)
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) if (i != j) RC_ASSERT(MatQ(f[size_t(i)] * f[size_t(j)]).isZero());
  }
}

TEST(Generators, SpectrumKindHasConditionNumbersUpTo1e12AndExactZeros) {
  bool saw_zero = false, saw_wide = false;
  for (uint64_t s = 0; s < 200; ++s) {
    MatQ a = gen::matrix(Kind::Spectrum, 4)(rc::Random(s), 100).value();
    auto ev = eigvals_sym(a);
    if (ev.front().contains_zero()) saw_zero = true;
    if (ev.front().certainly_positive() && (ev.back() / ev.front()).mid_double() > 1e9) saw_wide = true;
  }
  EXPECT_TRUE(saw_zero);
  EXPECT_TRUE(saw_wide);
}

TEST(Generators, DeterministicUnderASeed) {
  for (uint64_t s = 0; s < 20; ++s) {
    auto a = gen::family(gen::FamilyKind::Independent, 3, 3)(rc::Random(s), 100).value();
    auto b = gen::family(gen::FamilyKind::Independent, 3, 3)(rc::Random(s), 100).value();
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i], b[i]) << "seed " << s;
  }
}

TEST(Generators, ShrinkingReachesSmallIntegers) {
  // The first shrink of an integer entry moves it toward 0; repeated first shrinks end at the zero matrix.
  auto sh = gen::int_matrix(3, 3)(rc::Random(11), 100);
  for (int steps = 0; steps < 200; ++steps) {
    auto next = sh.shrinks().next();
    if (!next) break;
    sh = *next;
  }
  EXPECT_TRUE(sh.value().isZero());
}
