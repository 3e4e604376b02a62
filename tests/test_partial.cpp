// Partial result files of sharded and MPI runs (issue 17): a VariantResult survives its JSON round trip losslessly —
// the reports written from the decoded results are those of the originals, byte for byte — over claims with
// certified counterexamples, proofs skipped, statistical variants and not-checkable variants; non-finite doubles and
// empty matrices and families keep their value and shape; malformed input is a one-line std::invalid_argument.
#include "core/claim.hpp"
#include "core/runner.hpp"
#include "reports/partial.hpp"
#include "reports/report.hpp"
#include <gtest/gtest.h>
#include <cmath>

using namespace stabcheck;

namespace {

std::vector<VariantResult> some_results() {
  RunOptions o;
  o.samples = 6;
  o.jobs = 1;
  std::vector<VariantResult> out;
  for (const auto& c : registry()) {
    if (!id_matches(c.id, "LEM-C1*,LEM-C4*,DEXTER-THM2,THM-C9-S-BOUND")) continue;
    for (const auto& v : c.variants) out.push_back(run_variant(c, v, o));
  }
  return out;
}

TEST(Partial, RoundTripGivesTheSameReports) {
  auto rs = some_results();
#ifndef STABCHECK_PARTIAL_BUILD
  ASSERT_GT(rs.size(), 10u);
#endif
  bool any_certified = false;
  std::vector<VariantResult> back;
  for (const auto& r : rs) {
    any_certified |= r.certified;
    const auto j = result_to_json(r);
    back.push_back(result_from_json(nlohmann::json::parse(j.dump())));
    EXPECT_EQ(result_to_json(back.back()), j) << r.claim << " " << r.variant;
  }
#ifndef STABCHECK_PARTIAL_BUILD
  EXPECT_TRUE(any_certified);
#endif
  RunInfo info;
  info.version = "test";
  EXPECT_EQ(report_json(info, rs).dump(), report_json(info, back).dump());
  EXPECT_EQ(report_markdown(info, rs), report_markdown(info, back));
  EXPECT_EQ(report_latex(info, rs), report_latex(info, back));
}

TEST(Partial, NonFiniteDoublesAndEmptyShapes) {
  VariantResult r;
  r.claim = "X";
  r.variant = "v";
  Evaluated e;
  e.origin = Origin{"X", "v", "fam", 7, 3, {0, -2, 1}};
  e.sample.mats["E"] = MatQ(0, 3);
  e.sample.mats["A"] = MatQ::Identity(2, 2) * Rat(1, 3);
  e.sample.families["H"] = {};
  e.sample.scalars["eta"] = Rat(-5, 7);
  e.sample.ints["k"] = 4;
  e.rel_slack = -INFINITY;
  r.counterexample = e;
  e.rel_slack = NAN;
  r.tightest = e;
  r.coverage.sigma_max = INFINITY;
  r.seconds = 1.0 / 3.0;
  r.proof = VariantResult::Proof{"not proved at degree 2", "", 2, 5, 0.1};
  const VariantResult b = result_from_json(nlohmann::json::parse(result_to_json(r).dump()));
  EXPECT_TRUE(std::isinf(b.counterexample->rel_slack) && b.counterexample->rel_slack < 0);
  EXPECT_TRUE(std::isnan(b.tightest->rel_slack));
  EXPECT_TRUE(std::isinf(b.coverage.sigma_max));
  EXPECT_EQ(b.seconds, 1.0 / 3.0);
  EXPECT_EQ(b.counterexample->sample.mat("E").rows(), 0);
  EXPECT_EQ(b.counterexample->sample.mat("E").cols(), 3);
  EXPECT_EQ(b.counterexample->sample.family("H").size(), 0u);
  EXPECT_EQ(b.counterexample->sample.scalar("eta"), Rat(-5, 7));
  EXPECT_EQ(b.counterexample->origin.token(), "X/v/fam/7/3/0.x1.1");
  EXPECT_EQ(b.proof->gram, 5);
}

TEST(Partial, MalformedIsOneLine) {
  VariantResult r;
  r.claim = "X";
  auto j = result_to_json(r);
  j.erase("coverage");
  try {
    result_from_json(j);
    FAIL() << "accepted a result without coverage";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("coverage"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
  }
  j = result_to_json(r);
  j["verdict"] = "maybe";
  EXPECT_THROW(result_from_json(j), std::invalid_argument);
  j = result_to_json(r);
  j["samples"] = "many";
  EXPECT_THROW(result_from_json(j), std::invalid_argument);
}

}  // namespace
