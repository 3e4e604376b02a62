// The runner finds, shrinks and certifies a planted violation; never flags a tight true bound;
// replay tokens reproduce samples exactly; results do not depend on --jobs.
#include "generators/kit.hpp"
#include "core/runner.hpp"
#include "tests/fixtures.hpp"
#include <gtest/gtest.h>

using namespace stabcheck;

namespace {

// Planted false bound: Tr(A) <= lambda_max(A) (false for PSD A of rank >= 2).
Claim planted() {
  return test::planted_claim("TEST-PLANTED", "Tr(A) <= lambda_max(A)",
                             {{"wishart", "", test::sized_sample(gen::Kind::Wishart), gen::drop_coordinate}},
                             {{.slug = "false", .rel = Rel::Le, .eval = test::trace_vs_lmax()}});
}

// Tight true bound: d * lambda_max(cI) >= Tr(cI) holds with equality on every sample.
Claim tight() {
  // through an eigenvalue, so that the two sides are not bit-identical in double
  auto ev = make_evaluator([](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    Mat<T> a = s.mat_as<T>("A");
    return sides(lmax(a) * real(T(int(a.rows()))), real(T(a.trace())));
  });
  return test::planted_claim("TEST-TIGHT", "d lambda_max(A) >= Tr(A), equality at A = cI",
                             {{"scaled-identity", "", test::sized_sample(gen::Kind::ScaledIdentity)}},
                             {{.slug = "equality", .rel = Rel::Ge, .eval = ev}});
}

}  // namespace

TEST(Runner, PlantedViolationIsFoundShrunkAndCertified) {
  Claim c = planted();
  RunOptions opt;
  opt.samples = 50;
  VariantResult r = run_variant(c, c.variants[0], opt);
  ASSERT_EQ(r.verdict, Verdict::Refuted);
  ASSERT_TRUE(r.counterexample);
  EXPECT_TRUE(r.certified) << r.certificate->slack;
  const MatQ& a = r.counterexample->sample.mat("A");
  EXPECT_EQ(a.rows(), 2) << "shrinking should reach the smallest dimension that violates";
  EXPECT_LE(a.cwiseAbs().maxCoeff(), Rat(2)) << "shrinking should reach small integers\n" << to_text(r.counterexample->sample);
  // the token replays to the very same sample
  Sample again = regenerate(c, r.counterexample->origin);
  EXPECT_EQ(again.mat("A"), a) << r.counterexample->origin.token();
}

TEST(Runner, TightTrueBoundIsNotFlagged) {
  Claim c = tight();
  RunOptions opt;
  opt.samples = 200;
  VariantResult r = run_variant(c, c.variants[0], opt);
  EXPECT_EQ(r.verdict, Verdict::Holds) << r.reason;
  EXPECT_EQ(r.screened_close, r.samples) << "every sample is an equality and must be decided in multiprecision";
  ASSERT_TRUE(r.tightest);
  EXPECT_EQ(r.tightest->rel_slack, 0.0);
}

TEST(Runner, SameResultForAnyNumberOfJobs) {
  Claim c = planted();
  const RunOptions a{.samples = 40, .jobs = 1}, b{.samples = 40, .jobs = 2};
  VariantResult ra = run_variant(c, c.variants[0], a), rb = run_variant(c, c.variants[0], b);
  EXPECT_EQ(ra.counterexample->origin.token(), rb.counterexample->origin.token());
  EXPECT_EQ(ra.screened_close, rb.screened_close);
  EXPECT_EQ(ra.violations, rb.violations);
}

TEST(Runner, ReplayTokensParseStrictly) {
  Origin o = Origin::parse("X/v/f/3/17/0.2.1");
  EXPECT_EQ(o.seed, 3u);
  EXPECT_EQ(o.index, 17);
  EXPECT_EQ(o.shrink_path, (std::vector<int>{0, 2, 1}));
  EXPECT_EQ(o.token(), "X/v/f/3/17/0.2.1");
  EXPECT_EQ(Origin::parse("X/v/f/3/17/0.x2.x0").token(), "X/v/f/3/17/0.x2.x0");
  EXPECT_EQ(Origin::parse("X/v/f/3/17/0.x2").shrink_path, (std::vector<int>{0, -3}));
  for (const char* bad : {"", "X/v/f/3", "X/v/f/a/1", "X/v/f/3/-1", "X/v/f/3/1/0..1", "X/v/f/3/1/x", "X/v/f/3/1/2/3", "X/v/f/3/1/x-1"})
    EXPECT_THROW(Origin::parse(bad), std::invalid_argument) << bad;
}

TEST(Runner, ClaimPatterns) {
  EXPECT_TRUE(id_matches("LEM-C1-TRACE-BOUNDS", "LEM-*"));
  EXPECT_TRUE(id_matches("EQ-64-CHAIN", "LEM-*,EQ-64*"));
  EXPECT_FALSE(id_matches("EQ-64-CHAIN", "LEM-*"));
  EXPECT_TRUE(id_matches("THM-3.3", "THM-3.?"));
  EXPECT_TRUE(id_matches("LEM-C4-PASCAL", "LEM-C[2-6]*"));
  EXPECT_FALSE(id_matches("LEM-C1-TRACE-BOUNDS", "LEM-C[2-6]*"));
  EXPECT_TRUE(id_matches("LEM-C1-TRACE-BOUNDS", "LEM-C[!2-6]*"));
  EXPECT_FALSE(id_matches("LEM-C1", "LEM-C[1"));
}

// A variant's families: all of the claim's by default; else its list in order, a glob pattern standing for the claim's
// matching families (claim order) not listed before it; a pattern that matches none is the claim's error; --families
// narrows the result.
TEST(Runner, VariantFamilyPatterns) {
  const auto g = test::sized_sample(gen::Kind::Wishart);
  Claim c = test::planted_claim("TEST-FAMILIES", "families", {{"a.odd", "", g}, {"b.even", "", g}, {"a.intB.odd", "", g}, {"b.odd", "", g}},
                                {{.slug = "all"},
                                 {.slug = "odd", .families = {"*.odd"}},
                                 {.slug = "intB-first", .families = {"*.intB.*", "*.odd"}},
                                 {.slug = "names", .families = {"b.even", "a.odd"}},
                                 {.slug = "none", .families = {"*.k3"}}});
  using V = std::vector<std::string>;
  EXPECT_EQ(families_of(c, c.variants[0], {}), (V{"a.odd", "b.even", "a.intB.odd", "b.odd"}));
  EXPECT_EQ(families_of(c, c.variants[1], {}), (V{"a.odd", "a.intB.odd", "b.odd"}));
  EXPECT_EQ(families_of(c, c.variants[2], {}), (V{"a.intB.odd", "a.odd", "b.odd"}));
  EXPECT_EQ(families_of(c, c.variants[3], {}), (V{"b.even", "a.odd"}));
  EXPECT_THROW(families_of(c, c.variants[4], {}), std::invalid_argument);
  EXPECT_EQ(families_of(c, c.variants[1], {.families = "b.*"}), (V{"b.odd"}));
  EXPECT_EQ(families_of(c, c.variants[2], {.families = "x*"}), V{});
}
