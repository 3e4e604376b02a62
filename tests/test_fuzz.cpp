// stabcheck fuzz: classical matrix inequalities with known status (tests/bounds/classical.bounds) go through the
// whole engine (families, local search, runner, certification); false ones must be refuted with a certificate
// whose replay token regenerates a violating sample.
#include "core/runner.hpp"
#include "fuzz/eval.hpp"
#include "fuzz/fuzz.hpp"
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace stabcheck::fuzz {
namespace {

#ifndef STABCHECK_SOURCE_DIR
#define STABCHECK_SOURCE_DIR "."
#endif

// True and false classical inequalities, in the bounds-file format of `stabcheck fuzz --file`.
const std::string kClassical = STABCHECK_SOURCE_DIR "/tests/bounds/classical.bounds";

// The table, read when the test cases are registered; a file that does not read gives no cases, and
// FuzzTable.FileReads says why.
std::vector<Spec> classical() {
  try {
    return read_specs(kClassical);
  } catch (const std::exception&) {
    return {};
  }
}

TEST(FuzzTable, FileReads) {
  std::vector<Spec> specs;
  ASSERT_NO_THROW(specs = read_specs(kClassical)) << kClassical;
  EXPECT_GE(specs.size(), 28u) << kClassical;
  for (const Spec& s : specs) EXPECT_TRUE(s.expect.has_value()) << kClassical << ":" << s.line << ": no expect";
}

class FuzzTable : public ::testing::TestWithParam<Spec> {};

TEST_P(FuzzTable, VerdictAndCertificate) {
  const Spec& c = GetParam();
  ASSERT_TRUE(c.expect) << kClassical << ":" << c.line;
  const FuzzClaim fc = make_claim(c, {.dlo = 1, .dhi = 4, .search = {.max_evals = 120}});
  const VariantResult r = run_variant(fc.claim, fc.claim.variants[0], {.samples = 40, .seed = 1, .jobs = 1});
  ASSERT_EQ(verdict_str(r.verdict), verdict_str(*c.expect))
      << kClassical << ":" << c.line << ": " << c.text << " for " << c.where << ": " << r.reason
      << (r.counterexample ? "\ncounterexample " + r.counterexample->origin.token() + "\n" + to_text(r.counterexample->sample) +
                                 "lhs " + r.counterexample->lhs + "\nrhs " + r.counterexample->rhs
                           : std::string());
  if (*c.expect == Verdict::Refuted) {
    ASSERT_TRUE(r.certified) << c.text << ": " << r.counterexample->origin.token() << "\n" << to_text(r.counterexample->sample)
                             << (r.certificate ? "slack " + r.certificate->slack : "");
    // The replay token regenerates the certified sample.
    Sample again = regenerate(fc.claim, r.counterexample->origin);
    Replay rp = replay(fc.claim.variants[0], r.counterexample->origin, again, 50);
    EXPECT_TRUE(rp.violated && rp.exact.certified) << r.counterexample->origin.token();
  }
}

INSTANTIATE_TEST_SUITE_P(Classical, FuzzTable, ::testing::ValuesIn(classical()),
                         [](const ::testing::TestParamInfo<Spec>& i) {
                           std::string n = i.param.name;
                           for (char& ch : n) if (ch == '-') ch = '_';
                           return n;
                         });

// The local search alone finds a counterexample that the equality cases do not contain: a bound that is
// false only for non-commuting matrices (commuting psd A, B have tr(AB)^2 <= tr(A^2 B^2)... and equality cases).
TEST(FuzzSearch, LocalSearchRefutesAndRationalises) {
  // false unless A, B commute (tr((AB)^2) <= tr(A^2B^2))
  const FuzzClaim fc = make_claim({.name = "ls", .text = "tr(A*B*A*B) >= tr(A*A*B*B)", .where = "A: sym, B: sym"},
                                  {.dlo = 2, .dhi = 3});
  const Family& ls = fc.claim.family("local-search");
  int violated = 0;
  for (int i = 0; i < 6; ++i) {
    Origin o{fc.claim.id, "as-stated", "local-search", 7, i, {}};
    Sample smp = regenerate(fc.claim, o);
    double rel = relative_slack(*fc.bound, smp);
    if (rel < -1e-9) ++violated;
    // deterministic: the same token gives the same exact sample
    EXPECT_EQ(to_text(regenerate(fc.claim, o)), to_text(smp));
  }
  (void)ls;
  EXPECT_GE(violated, 3) << "local search found violations from only " << violated << " of 6 starts";
}

// A declared scalar is a knob of the run's search (issue 14): (t - 15/16)^2 >= 10^-8 holds at every sample (t on the
// grid k/1000, at least 1/2000 from 15/16) and fails only within 10^-4 of 15/16, a point of the search's grid 2^-10.
TEST(FuzzSearch, RunSearchMovesDeclaredScalars) {
  const FuzzClaim fc = make_claim({.text = "(t - 15/16)^2 >= 1/100000000", .where = "t: scalar in [0, 1]"},
                                  {.dlo = 1, .dhi = 1, .mode = SearchMode::Random});
  const VariantResult sampled = run_variant(fc.claim, fc.claim.variants[0], {.samples = 200, .search_budget = 0});
  EXPECT_EQ(sampled.verdict, Verdict::Holds) << "a sample fell in the needle: " << sampled.reason;
  const VariantResult searched = run_variant(fc.claim, fc.claim.variants[0], {.samples = 200, .search_budget = 400});
  EXPECT_EQ(searched.verdict, Verdict::Refuted) << searched.reason;
  EXPECT_TRUE(searched.certified);
  ASSERT_TRUE(searched.search);
  EXPECT_TRUE(searched.search->found);
  ASSERT_TRUE(searched.counterexample);
  EXPECT_EQ(searched.counterexample->sample.scalar("t"), Rat(15, 16)) << searched.counterexample->origin.token();
}

TEST(FuzzSpecs, FileFormats) {
  auto v = parse_specs(
      "# comment\n"
      "cs: tr(A*B) >= 0 where A: psd, B: psd expect holds\n"
      "tr(A) >= lmax(A) where A: psd\n"
      "\n"
      "name: blk\n"
      "bound: det(A+B) <= det(A) + det(B)\n"
      "where: A: psd, B: psd\n"
      "expect: refuted\n"
      "dims: 2..3\n",
      "mem");
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].name, "cs");
  EXPECT_EQ(v[0].text, "tr(A*B) >= 0");
  EXPECT_EQ(v[0].where, "A: psd, B: psd");
  ASSERT_TRUE(v[0].expect);
  EXPECT_EQ(*v[0].expect, Verdict::Holds);
  EXPECT_EQ(v[1].name, "line-3");
  EXPECT_FALSE(v[1].expect);
  EXPECT_EQ(v[2].name, "blk");
  EXPECT_EQ(*v[2].expect, Verdict::Refuted);
  EXPECT_EQ(v[2].dims->first, 2);
  EXPECT_THROW(parse_specs("cs: tr(A) >= 0 where A: psd expect maybe\n", "mem"), ParseError);
  EXPECT_THROW(parse_specs("a: tr(A) >= 0 where A: psd\na: tr(A) >= 0 where A: psd\n", "mem"), ParseError);
}

}  // namespace
}  // namespace stabcheck::fuzz

namespace stabcheck::fuzz {
namespace {
// A line far beyond any bound's length is a one-line error, not a stack overflow in std::regex (found under ASan:
// 20,000 characters overflowed libstdc++'s recursive matcher).
TEST(FuzzSpecs, OverlongLineIsAnErrorNotACrash) {
  std::string line = "long: tr(A) >= 0" + std::string(20000, ' ') + "x where A: psd expect holds\n";
  try {
    parse_specs(line, "f.bounds");
    FAIL() << "accepted a 20,000-character line";
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("f.bounds:1: line of"), std::string::npos) << e.what();
  }
}
}  // namespace
}  // namespace stabcheck::fuzz
