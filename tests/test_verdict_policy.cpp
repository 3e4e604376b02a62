// The verdict policy (issue "Sound verdicts"): a violation seen by the multiprecision tier is refuted only when the exact
// tier certifies it; a violation the exact tier clears is a rounding error (holds); an enclosure that contains 0 at
// every precision tried is inconclusive, never refuted; without a rigorous enclosure for some atom the refutation is
// reported as uncertified and is never an established verdict. Fuzzed bounds that are equalities at singular points
// come out `holds`, their false twins certified `refuted`.
#include "generators/kit.hpp"
#include "core/runner.hpp"
#include "tests/fixtures.hpp"
#include "fuzz/eval.hpp"
#include "fuzz/fuzz.hpp"
#include <atomic>
#include <gtest/gtest.h>

using namespace stabcheck;

namespace {

rc::Gen<Sample> one_by_one() {
  return rc::gen::map(rc::gen::inRange(1, 10), [](int k) {
    Sample s;
    s.mats["A"] = MatQ::Constant(1, 1, Rat(k));
    return s;
  });
}

/// A claim whose three tiers are written separately, to plant disagreements between them.
Claim planted(const std::string& slug, Evaluator ev) {
  return test::planted_claim("TEST-POLICY", "planted tier disagreement", {{"one", "", one_by_one()}},
                             {{.slug = slug, .rel = Rel::Le, .eval = std::move(ev)}});
}

// The multiprecision tier says lhs = 2 > rhs = 1 at every precision.
Evaluator lying_mpfr() {
  Evaluator ev;
  ev.screen = [](const Sample&) { return sides(2.0, 1.0); };
  ev.decide = [](const Sample&) { return sides(Mpfr(2), Mpfr(1)); };
  return ev;
}

RunOptions quick() {
  RunOptions o;
  o.samples = 5;
  o.digits = 30;
  return o;
}

/// Runs the planted variant and compares it with `expected` as the ledger does (Ledger::apply).
VariantResult run_expecting(const Claim& c, Verdict expected) {
  VariantResult r = run_variant(c, c.variants[0], quick());
  r.recorded = true;
  r.expected = expected;
  return r;
}

TEST(VerdictPolicy, ViolationClearedByTheExactTierHolds) {
  Evaluator ev = lying_mpfr();
  ev.certify = [](const Sample&) { return sides(Ball(1), Ball(2)); };  // exactly 1 <= 2
  Claim c = planted("cleared", ev);
  VariantResult r = run_variant(c, c.variants[0], quick());
  EXPECT_EQ(verdict_str(r.verdict), "holds") << r.reason;
  EXPECT_EQ(r.cleared, 5);
  EXPECT_EQ(r.violations, 0);
  ASSERT_TRUE(r.tightest);
  EXPECT_EQ(r.tightest->tier, "exact");
  EXPECT_EQ(slack_text(*r.tightest), "0 (exact tier: no violation)");
}

TEST(VerdictPolicy, EnclosureContainingZeroIsInconclusiveNeverRefuted) {
  Evaluator ev = lying_mpfr();
  ev.certify = [](const Sample&) { return sides(Ball::hull(Rat(0), Rat(2)), Ball(1)); };  // contains 0 at every precision
  Claim c = planted("undecided", ev);
  VariantResult r = run_variant(c, c.variants[0], quick());
  EXPECT_EQ(verdict_str(r.verdict), "inconclusive");
  EXPECT_EQ(r.undecided, 5);
  EXPECT_NE(r.reason.find("cannot decide"), std::string::npos) << r.reason;
  EXPECT_NE(r.reason.find("TEST-POLICY/undecided/one/1/"), std::string::npos) << r.reason;  // the sample's token
}

TEST(VerdictPolicy, ExactSignDecidesWhatTheEnclosureCannot) {
  Evaluator ev = lying_mpfr();
  ev.certify = [](const Sample&) {
    auto s = sides(Ball::hull(Rat(0), Rat(2)), Ball(1));
    s.cmp = 0;  // the exact tier knows lhs == rhs
    return s;
  };
  Claim c = planted("equal", ev);
  VariantResult r = run_variant(c, c.variants[0], quick());
  EXPECT_EQ(verdict_str(r.verdict), "holds") << r.reason;
  EXPECT_EQ(r.cleared, 5);
  ev.certify = [](const Sample&) {
    auto s = sides(Ball::hull(Rat(0), Rat(2)), Ball(1));
    s.cmp = -1;  // rhs < lhs exactly
    return s;
  };
  Claim c2 = planted("violated", ev);
  VariantResult r2 = run_expecting(c2, Verdict::Refuted);
  EXPECT_EQ(verdict_str(r2.verdict), "refuted");
  EXPECT_TRUE(r2.certified);
  EXPECT_TRUE(r2.matches());
  EXPECT_NE(r2.certificate->method.find("exact decision"), std::string::npos) << r2.certificate->method;
}

TEST(VerdictPolicy, WithoutEnclosureTheRefutationIsUncertifiedAndNotEstablished) {
  Evaluator ev = lying_mpfr();
  ev.certify = [](const Sample&) { return sides(Ball::hull(Rat(0), Rat(2)), Ball(1)); };
  ev.no_enclosure = "logm has no enclosure";
  Claim c = planted("no-enclosure", ev);
  VariantResult r = run_expecting(c, Verdict::Refuted);
  EXPECT_EQ(verdict_str(r.verdict), "refuted");
  EXPECT_FALSE(r.certified);
  EXPECT_FALSE(r.established());
  EXPECT_FALSE(r.matches()) << "an uncertified refutation never agrees with an expected refutation";
  EXPECT_EQ(verdict_text(r), "refuted (uncertified: logm has no enclosure)");
}

TEST(VerdictPolicy, CertifiedViolationIsRefuted) {
  Evaluator ev = lying_mpfr();
  ev.certify = [](const Sample&) { return sides(Ball(2), Ball(1)); };
  Claim c = planted("true-violation", ev);
  VariantResult r = run_expecting(c, Verdict::Refuted);
  EXPECT_EQ(verdict_text(r), "refuted");
  EXPECT_TRUE(r.certified && r.matches());
}

TEST(VerdictPolicy, ConditionedAtomsAreDecidedAtMultipliedDigits) {
  static std::atomic<unsigned> seen_max{0};
  seen_max = 0;
  Evaluator ev;
  ev.screen = [](const Sample&) { return sides(1.0, 1.0); };  // an equality: always decided
  ev.decide = [](const Sample&) {
    unsigned d = digits();
    for (unsigned cur = seen_max; d > cur && !seen_max.compare_exchange_weak(cur, d);) {}
    return sides(Mpfr(1), Mpfr(1));
  };
  ev.certify = [](const Sample&) { return sides(Ball(1), Ball(1)); };
  ev.conditioning = [](const Sample&) { return 3u; };
  Claim c = planted("conditioned", ev);
  VariantResult r = run_variant(c, c.variants[0], quick());
  EXPECT_EQ(verdict_str(r.verdict), "holds");
  EXPECT_EQ(seen_max.load(), 3u * 30u);  // decided at 3 D; nothing violated, so no confirmation at 2D
}

TEST(VerdictPolicy, SlacksKeepTheirExponent) {
  EXPECT_EQ(short_decimal("-8.0503851570000000000e-51", 6), "-8.05038e-51");  // cut, not rounded; the exponent stays
  EXPECT_EQ(short_decimal("-8.0503851570000000000e-51", 3), "-8.05e-51");
  EXPECT_EQ(short_decimal("0.000123456", 2), "0.00012");
  EXPECT_EQ(short_decimal("123456.5", 3), "123000");
  EXPECT_EQ(short_decimal("[1 +/- 2e-3]", 3), "[1 +/- 2e-3]");
  Evaluated e;
  e.rel_slack = 0;
  e.slack = "-5.1870000e-52";
  e.tier = "mpfr50";
  EXPECT_EQ(slack_text(e), "0 within rounding (measured -5.1e-52)");
  e.rel_slack = -0.25;
  e.slack = "-2.5000000000e-01";
  EXPECT_EQ(slack_text(e), "-2.50000e-01");
}

// ------------------------------------------------------------------ fuzzed bounds at singular points

fuzz::FuzzClaim fuzz_claim(const char* name, const char* bound, const char* where, int dhi = 4) {
  return fuzz::make_claim({.name = name, .text = bound, .where = where}, {.dlo = 1, .dhi = dhi, .search = {.max_evals = 60}});
}

VariantResult fuzz_run(const fuzz::FuzzClaim& fc, uint64_t seed) {
  return run_variant(fc.claim, fc.claim.variants[0], {.samples = 40, .seed = seed, .jobs = 2});
}

std::string why(const VariantResult& r) {
  return r.reason + (r.counterexample ? "\ncounterexample " + r.counterexample->origin.token() + "\n" + to_text(r.counterexample->sample) +
                                            "slack " + r.counterexample->slack + (r.certificate ? "\nenclosure " + r.certificate->slack : "")
                                      : std::string());
}

// The two true statements of the issue, which the engine once called refuted (NOT certified): equalities at
// rank-deficient points, where an MPFR square root is good to half the working digits only.
TEST(VerdictPolicy, IssueExamplesHoldOnThreeSeeds) {
  auto mono = fuzz_claim("lowner-heinz-half", "sqrtm(A + C) >>= sqrtm(A)", "A: psd, C: psd");
  auto nuc = fuzz_claim("abs-trace", "tr(sqrtm(A*A)) <= nuc(A)", "A: sym");
  for (uint64_t seed : {1, 2, 3}) {
    for (const auto* fc : {&mono, &nuc}) {
      VariantResult r = fuzz_run(*fc, seed);
      EXPECT_EQ(verdict_str(r.verdict), "holds") << fc->spec.text << " seed " << seed << ": " << why(r);
    }
  }
}

TEST(VerdictPolicy, FalseTwinsAreCertifiedRefuted) {
  auto mono = fuzz_claim("lowner-heinz-twin", "sqrtm(A + C) >>= 1.01*sqrtm(A)", "A: psd, C: psd");
  auto nuc = fuzz_claim("abs-trace-twin", "tr(sqrtm(A*A)) <= 0.99*nuc(A)", "A: sym");
  for (const auto* fc : {&mono, &nuc}) {
    VariantResult r = fuzz_run(*fc, 1);
    EXPECT_EQ(verdict_str(r.verdict), "refuted") << fc->spec.text << ": " << why(r);
    EXPECT_TRUE(r.certified) << fc->spec.text << ": " << why(r);
  }
}

// The exact tier keeps square roots of perfect squares and zero eigenvalues exact: the all-ones matrix J (J^2 = 3J)
// gives tr(sqrtm(J*J)) = nuc(J) = 3 exactly, decided without rounding.
TEST(VerdictPolicy, ExactTierDecidesEqualityAtRankDeficientPoint) {
  auto fc = fuzz_claim("abs-trace", "tr(sqrtm(A*A)) <= nuc(A)", "A: sym");
  Sample s;
  s.mats["A"] = MatQ::Constant(3, 3, Rat(1));
  Certificate c = judge(fc.claim.variants[0], s, 100);
  EXPECT_TRUE(c.cleared) << c.method << " " << c.slack;
  EXPECT_FALSE(c.certified);
  auto sides_q = fuzz::bound_sides<Rat>(*fc.bound, s);
  ASSERT_TRUE(sides_q.cmp);
  EXPECT_EQ(*sides_q.cmp, 0);
  EXPECT_TRUE(sides_q.lhs.is_exact() && sides_q.rhs.is_exact()) << sides_q.lhs.str() << " " << sides_q.rhs.str();
}

TEST(VerdictPolicy, ConditioningOfTheBoundLanguage) {
  Sample s;
  s.mats["A"] = MatQ::Identity(3, 3);
  s.mats["B"] = MatQ::Identity(3, 3);
  auto cond = [&](const char* b, const char* w) { return fuzz::conditioning(fuzz::parse_bound(b, w), s); };
  EXPECT_EQ(cond("tr(A*B) <= lmax(A)*tr(B)", "A: psd, B: psd"), 1u);
  EXPECT_EQ(cond("sqrtm(A + B) >>= sqrtm(A)", "A: psd, B: psd"), 2u);
  EXPECT_EQ(cond("tr(sqrtm(sqrtm(A))) >= 0", "A: psd"), 4u);
  EXPECT_EQ(cond("tr(A^(1/3)) >= 0", "A: psd"), 3u);
  EXPECT_EQ(cond("tr(A^(2/3)) >= 0", "A: psd"), 2u);
  EXPECT_EQ(cond("rho(A*B) <= op(A)*op(B)", "A: general, B: general"), 3u);  // eigenvalues of a non-normal 3 x 3
  EXPECT_EQ(fuzz::no_enclosure(fuzz::parse_bound("tr(sqrtm(A)) >= 0", "A: psd")), "");
  EXPECT_NE(fuzz::no_enclosure(fuzz::parse_bound("tr(sqrtm(sqrtm(A))) >= 0", "A: psd")), "");
  EXPECT_NE(fuzz::no_enclosure(fuzz::parse_bound("rho(sqrtm(A)*B) >= 0", "A: psd, B: general")), "");
}

// Statistical variants (Monte Carlo claims, core/claim.hpp Statistical): the interval against the bound decides;
// a significant violation is an uncertified refutation, a straddling interval is inconclusive, never refuted.
Claim statistical(const std::string& slug, Rel rel, Estimate e) {
  Claim c{.id = "TEST-STATISTICAL", .source = "test", .statement = "planted estimates",
          .families = {{.name = "one", .description = "", .gen = one_by_one()}}};
  c.variants.push_back({.slug = slug, .statement = "planted", .rel = rel,
                        .statistical = {.estimate = [e](const Sample&) { return e; }, .method = "planted interval"}});
  return c;
}

TEST(VerdictPolicy, StatisticalVariantsDecideByTheirInterval) {
  struct Case { Rel rel; Estimate e; const char* verdict; };
  const Case cases[] = {
      {Rel::Le, {0.10, 0.08, 0.12, 0.20}, "holds"},         // hi <= bound
      {Rel::Le, {0.30, 0.25, 0.35, 0.20}, "refuted"},       // lo > bound: significant
      {Rel::Le, {0.20, 0.15, 0.25, 0.20}, "inconclusive"},  // the interval contains the bound
      {Rel::Ge, {0.30, 0.25, 0.35, 0.20}, "holds"},
      {Rel::Ge, {0.10, 0.08, 0.12, 0.20}, "refuted"},
      {Rel::Eq, {0.20, 0.15, 0.25, 0.21}, "holds"},         // == : the interval must contain the bound
      {Rel::Eq, {0.20, 0.15, 0.25, 0.30}, "refuted"},
  };
  for (const auto& k : cases) {
    Claim c = statistical("s", k.rel, k.e);
    VariantResult r = run_expecting(c, Verdict::Holds);
    const std::string where = rel_str(k.rel) + " bound " + std::to_string(k.e.bound) + " interval [" + std::to_string(k.e.lo) + ", " +
                              std::to_string(k.e.hi) + "]";
    EXPECT_EQ(verdict_str(r.verdict), k.verdict) << where;
    EXPECT_EQ(r.samples, 5) << where;
    if (r.verdict == Verdict::Refuted) {
      EXPECT_FALSE(r.certified) << where;
      EXPECT_FALSE(r.established()) << "statistical evidence is never an established refutation: " << where;
      EXPECT_NE(verdict_text(r).find("statistical evidence (planted interval)"), std::string::npos) << verdict_text(r);
      ASSERT_TRUE(r.counterexample);
      EXPECT_TRUE(replay(c.variants[0], r.counterexample->origin, r.counterexample->sample, 30).violated) << where;
    }
    if (r.verdict == Verdict::Inconclusive) {
      EXPECT_NE(r.reason.find("contains the bound"), std::string::npos) << r.reason;
    }
  }
}

}  // namespace
