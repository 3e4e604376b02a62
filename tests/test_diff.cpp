// `stabcheck diff` (issue 16, reports/diff.hpp): the changed findings first — a claim whose status flipped, a new or
// changed certified counterexample, a proof step that broke — then the detail (verdicts, added/removed, slack moves).
// The reports are written by report_json from planted results on the registry's claim IDs, so that the status rule
// sees the registry's readings and `uses` (THM-C8-SIGMA-LB uses THM-C8-TRACE-LB).
#include "core/runner.hpp"
#include "reports/diff.hpp"
#include "reports/report.hpp"
#include <gtest/gtest.h>

namespace diff_test {

using namespace stabcheck;

VariantResult planted(const std::string& claim, Verdict v, const std::string& entry = "1/3", const std::string& slack = "1e-3") {
  VariantResult r;
  r.claim = claim;
  r.variant = "as-stated";
  r.verdict = r.expected = v;
  r.recorded = true;
  r.samples = 10;
  r.source = "planted";
  r.statement = "lhs <= rhs";
  Evaluated e;
  e.origin = Origin{claim, "as-stated", "f", 1, entry == "1/3" ? 4 : 9, {}};
  MatQ a = MatQ::Zero(2, 2);
  a(0, 0) = parse_rat(entry);
  e.sample.mats["A"] = a;
  e.lhs = "2";
  e.rhs = "1";
  e.tier = "exact";
  if (v == Verdict::Refuted) {
    r.certified = true;
    e.slack = "-0.5";
    e.rel_slack = -0.5;
    r.counterexample = e;
  } else {
    e.slack = slack;
    e.rel_slack = std::stod(slack);
    r.tightest = e;
  }
  return r;
}

nlohmann::json report(const std::vector<VariantResult>& rs) {
  RunInfo info;
  info.version = info.git = "test";
  return report_json(info, rs);
}

TEST(Diff, ChangedFindingsFirstThenTheDetail) {
  const auto old_report = report({planted("LEM-C1-TRACE-BOUNDS", Verdict::Refuted, "1/3"), planted("THM-C8-TRACE-LB", Verdict::Holds),
                                  planted("THM-C8-SIGMA-LB", Verdict::Holds), planted("DEXTER-THM1", Verdict::Holds, "1/3", "1e-3")});
  const auto new_report = report({planted("LEM-C1-TRACE-BOUNDS", Verdict::Refuted, "2/5"), planted("THM-C8-TRACE-LB", Verdict::Refuted),
                                  planted("THM-C8-SIGMA-LB", Verdict::Holds), planted("DEXTER-THM1", Verdict::Holds, "1/3", "1e-9")});
  const DiffResult d = diff_reports(old_report, new_report, 10);
  EXPECT_EQ(d.status_changes, 1);          // THM-C8-TRACE-LB: holds -> refuted as printed
  EXPECT_EQ(d.counterexample_changes, 2);  // THM-C8-TRACE-LB new, LEM-C1 changed
  EXPECT_EQ(d.proof_step_changes, 1);      // THM-C8-SIGMA-LB: its step THM-C8-TRACE-LB broke
  EXPECT_EQ(d.verdict_changes, 1);
  EXPECT_EQ(d.slack_moves, 2);             // DEXTER-THM1 by 1e6; THM-C8-TRACE-LB changed sign
  const std::string& md = d.markdown;
  const auto findings = md.find("## Changed findings"), detail = md.find("## Detail");
  ASSERT_NE(findings, std::string::npos);
  ASSERT_NE(detail, std::string::npos);
  EXPECT_LT(findings, detail);
  const auto status_row = md.find("| THM-C8-TRACE-LB | holds | **refuted as printed** |");
  const auto broke_row = md.find("| THM-C8-SIGMA-LB | **THM-C8-TRACE-LB** | - |");
  const auto new_row = md.find("| THM-C8-TRACE-LB | as-stated | **new** | - |");
  const auto changed_row = md.find("| LEM-C1-TRACE-BOUNDS | as-stated | **changed** |");
  for (auto k : {status_row, broke_row, new_row, changed_row}) {
    EXPECT_NE(k, std::string::npos) << md;
    EXPECT_LT(k, detail) << "findings come before the detail";
  }
  EXPECT_GT(md.find("| THM-C8-TRACE-LB | as-stated | holds | refuted |"), detail) << "the verdict change is in the detail";
  EXPECT_GT(md.find("| DEXTER-THM1 | as-stated | 1e-3 | 1e-9 |"), detail);
  EXPECT_LT(changed_row, new_row) << "counterexamples in the paper's order (LEM-C1 before THM-C8)";

  // and back: the proof step mends, the counterexample is gone
  const DiffResult back = diff_reports(new_report, old_report, 10);
  EXPECT_NE(back.markdown.find("| THM-C8-SIGMA-LB | - | THM-C8-TRACE-LB |"), std::string::npos) << back.markdown;
  EXPECT_NE(back.markdown.find("| THM-C8-TRACE-LB | as-stated | **gone** |"), std::string::npos);
}

TEST(Diff, NothingChanged) {
  const auto r = report({planted("LEM-C1-TRACE-BOUNDS", Verdict::Refuted), planted("THM-C8-TRACE-LB", Verdict::Holds)});
  const DiffResult d = diff_reports(r, r, 10);
  EXPECT_EQ(d.status_changes + d.counterexample_changes + d.proof_step_changes + d.verdict_changes + d.added + d.removed + d.slack_moves, 0);
  EXPECT_NE(d.markdown.find("None: every claim's status"), std::string::npos);
  EXPECT_THROW(diff_reports(nlohmann::json::object(), r, 10), std::invalid_argument);
}

TEST(Diff, ClaimAddedOrRemovedIsAStatusChange) {
  const auto a = report({planted("LEM-C1-TRACE-BOUNDS", Verdict::Refuted)});
  const auto b = report({planted("LEM-C1-TRACE-BOUNDS", Verdict::Refuted), planted("LEM-C2-CYCLIC", Verdict::Holds)});
  const DiffResult d = diff_reports(a, b, 10);
  EXPECT_EQ(d.added, 1);
  EXPECT_EQ(d.status_changes, 1);
  EXPECT_NE(d.markdown.find("| LEM-C2-CYCLIC | not run | **holds** |"), std::string::npos) << d.markdown;
}

}  // namespace diff_test
