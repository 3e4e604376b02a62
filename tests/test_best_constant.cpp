// The best constant of a bound lhs <= K rhs (>=): the extremal ratio lhs/rhs the run finds, re-evaluated at the
// deciding precision, with the sample attaining it. Known sharp constants must come out within 1e-6; a loose bound
// reports its ratio; a false one the constant it would need (core/runner.hpp, VariantResult::BestConstant).
#include "core/runner.hpp"
#include "fuzz/fuzz.hpp"
#include <cmath>
#include <gtest/gtest.h>

namespace stabcheck::fuzz {
namespace {

struct Known {
  const char* bound;
  const char* where;
  double constant;     // the sharp extremal ratio lhs/rhs over the declared class
  const char* phrase;  // how the report must read
};

// tr(AB) <= lmax(A) tr(B): sharp (B rank one along A's top eigenvector). Weyl: sharp (B = A). tr(A)^2 <= d fro(A)^2:
// sharp (A = I). fro(A)^2 <= 2 tr(A)^2 for PSD A: sup 1/2, attained at rank one. det(A+B) >= det(A) + det(B): inf 1
// (A or B singular). lmax(A+B) <= lmax(A) + lmax(B) with an 11/10 factor: loose, 1/1.1. tr(A*B) <= 0.99 lmax(A) tr(B):
// false, needs K >= 1/0.99.
const Known kKnown[] = {
    {"tr(A*B) <= lmax(A)*tr(B)", "A: psd, B: psd", 1.0, "tight"},
    {"lmax(A+B) <= lmax(A) + lmax(B)", "A: psd, B: psd", 1.0, "tight"},
    {"tr(A)^2 <= d*fro(A)^2", "A: psd", 1.0, "tight"},
    {"fro(A)^2 <= 2*tr(A)^2", "A: psd", 0.5, "loose: ratio at most 0.5"},
    {"det(A+B) >= det(A) + det(B)", "A: psd, B: psd", 1.0, "tight"},
    {"lmax(A+B) <= 11/10*(lmax(A) + lmax(B))", "A: psd, B: psd", 1.0 / 1.1, "loose: ratio at most 0.90909"},
    {"tr(A*B) <= 99/100*lmax(A)*tr(B)", "A: psd, B: psd", 100.0 / 99.0, "holds at best with K >= 1.0101"},
};

class BestConstant : public ::testing::TestWithParam<Known> {};

TEST_P(BestConstant, KnownConstantWithin1e6) {
  const Known& k = GetParam();
  const FuzzClaim fc = make_claim({.text = k.bound, .where = k.where}, {.dlo = 1, .dhi = 3, .search = {.max_evals = 120}});
  const VariantResult r = run_variant(fc.claim, fc.claim.variants[0], {.samples = 40, .jobs = 1});
  ASSERT_TRUE(r.best_constant) << k.bound;
  const auto& b = *r.best_constant;
  EXPECT_NEAR(b.ratio, k.constant, 1e-6) << k.bound << ": " << best_constant_text(r) << " at " << b.origin.token() << "\n"
                                         << to_text(b.sample);
  EXPECT_EQ(b.verdict.rfind(k.phrase, 0), 0u) << k.bound << ": '" << b.verdict << "'";
  EXPECT_GT(b.samples, 0);
  // the sample attaining it regenerates from its token
  EXPECT_EQ(to_json(regenerate(fc.claim, b.origin)), to_json(b.sample)) << b.origin.token();
}

INSTANTIATE_TEST_SUITE_P(Sharp, BestConstant, ::testing::ValuesIn(kKnown));

// An order written as 0 <= f (no ratio to speak of) and an equality have no best constant.
TEST(BestConstantNone, EqualitiesAndOrdersWithoutRatio) {
  for (const char* bound : {"A*A' >>= 0", "tr(A*B) == tr(B*A)"}) {
    const FuzzClaim fc =
        make_claim({.text = bound, .where = "A: general, B: general"}, {.dlo = 1, .dhi = 3, .search = {.max_evals = 60}});
    const VariantResult r = run_variant(fc.claim, fc.claim.variants[0], {.samples = 20});
    EXPECT_FALSE(r.best_constant) << bound << ": " << best_constant_text(r);
  }
}

}  // namespace
}  // namespace stabcheck::fuzz
