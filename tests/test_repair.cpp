// Repair hints of `stabcheck fuzz` (fuzz/repair.hpp): the stronger hypotheses of a bound imply the declared ones
// (issue 35: a signed diagonal is no repair of a PSD variable), parse back with the bound itself, and on the trace Hoelder inequality with A, B general the weakest repair found is "A, B psd" (the
// classical hypothesis) while A symmetric alone stays refuted with a certificate.
#include "fuzz/ast.hpp"
#include "fuzz/repair.hpp"
#include "tests/files.hpp"
#include <algorithm>
#include <gtest/gtest.h>

namespace stabcheck::fuzz {
namespace {

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

TEST(Repair, StrongerHypothesesFollowTheKindLattice) {
  const Spec s{.text = "tr(A*B) <= t*lmax(A)*tr(B)", .where = "A: general, B: psd, t: scalar in [0, 1]"};
  std::vector<std::string> changes;
  const auto specs = stronger_hypotheses(s, {.dlo = 1, .dhi = 4}, &changes);
  ASSERT_EQ(specs.size(), changes.size());
  for (const char* c : {"A: sym", "A: psd", "A: pd", "A: diag", "A: psd diag", "A: rankone", "B: pd", "B: psd diag",
                        "B: rankone", "t: scalar in [0, 1/2]", "t: scalar in [1/2, 1]", "d = 1", "d = 2"})
    EXPECT_TRUE(has(changes, c)) << c;
  EXPECT_FALSE(has(changes, "B: sym")) << "sym is weaker than psd, not a repair";
  EXPECT_FALSE(has(changes, "B: diag")) << "a signed diagonal is not PSD: a different hypothesis, not a stronger one";
  EXPECT_FALSE(has(changes, "all matrices: psd")) << "only A changes: that is the single-variable try";
  EXPECT_TRUE(has(changes, "all matrices: pd"));
  for (const auto& x : specs) EXPECT_NO_THROW(parse_where(x.where)) << x.where;  // every hypothesis parses back
}

TEST(Repair, OnlyHypothesesTheAtomsAccept) {
  // sqrtm needs a PSD argument: every try keeps A and B PSD, so none is refused by the parser (which lost the verdict)
  const Spec s{.text = "fro(sqrtm(A) - sqrtm(B))^2 <= 0.99*nuc(A - B)", .where = "A: psd, B: psd, n: int in [1, 4]"};
  std::vector<std::string> changes;
  const auto specs = stronger_hypotheses(s, {.dlo = 2, .dhi = 3}, &changes);
  for (const char* c : {"A: pd", "A: psd diag", "A: rankone", "B: pd", "n: int in [1, 2]", "n: int in [3, 4]", "d = 2"})
    EXPECT_TRUE(has(changes, c)) << c;
  for (const auto& x : specs) EXPECT_NO_THROW(parse_bound(x.text, x.where)) << x.where;
}

TEST(Repair, EveryTryOfEveryBoundFileImpliesItsHypotheses) {
  // implies_hypotheses is checked on its own first: it must be able to fail
  EXPECT_FALSE(implies_hypotheses(parse_where("A: diag"), parse_where("A: psd")));
  EXPECT_FALSE(implies_hypotheses(parse_where("t: scalar in [0, 2]"), parse_where("t: scalar in [0, 1]")));
  EXPECT_TRUE(implies_hypotheses(parse_where("A: psd diag, t: scalar in [0, 1/2]"), parse_where("A: sym, t: scalar in [0, 1]")));
  long tries = 0;
  for (const char* file : {"tests/bounds/classical.bounds", "tests/bounds/tight.bounds"})
    for (const Spec& s : read_specs((test::source_dir() / file).string())) {
      for (const Spec& x : stronger_hypotheses(s, {.dlo = 1, .dhi = 4})) {
        ++tries;
        EXPECT_TRUE(implies_hypotheses(parse_where(x.where), parse_where(s.where))) << file << ":" << s.line << ": " << x.where << " against " << s.where;
        EXPECT_NO_THROW(parse_bound(x.text, x.where)) << file << ":" << s.line << ": " << x.where;
      }
    }
  EXPECT_GT(tries, 200);
}

TEST(Repair, TraceHoelderNeedsBothPsd) {
  const auto tries = repair_hints({.text = "tr(A*B) <= lmax(A)*tr(B)", .where = "A: general, B: general"},
                                  {.dlo = 1, .dhi = 3, .search = {.max_evals = 60}}, {.jobs = 1}, 30);
  auto find = [&](const std::string& c) -> const RepairTry* {
    for (const auto& t : tries) if (t.change == c) return &t;
    return nullptr;
  };
  const RepairTry* psd = find("all matrices: psd");
  ASSERT_NE(psd, nullptr);
  EXPECT_EQ(verdict_str(psd->verdict), "holds");
  EXPECT_TRUE(psd->weakest);
  const RepairTry* pd = find("all matrices: pd");
  ASSERT_NE(pd, nullptr);
  EXPECT_FALSE(pd->weakest) << "psd for all is weaker and holds";
  const RepairTry* sym = find("A: sym");
  ASSERT_NE(sym, nullptr);
  EXPECT_EQ(verdict_str(sym->verdict), "refuted");
  EXPECT_TRUE(sym->established) << "a refutation under a stronger hypothesis is certified like any other";
}

}  // namespace
}  // namespace stabcheck::fuzz
