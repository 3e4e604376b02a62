// The derivation map (core/derivations.hpp, theorems/derivations.tsv; issue 31): every assertion of the appendix is
// checked by a variant that declares its id (Variant::checks), or the list says why not; every id a variant names is
// in the list; the coverage figure counts the 181 mathematical assertions and nothing else.
#include "core/derivations.hpp"
#include "reports/report.hpp"
#include <gtest/gtest.h>

namespace stabcheck {
namespace {

std::string joined(const std::vector<std::string>& v) {
  std::string o;
  for (const auto& s : v) o += "\n  " + s;
  return o;
}

TEST(Derivations, TheListHasEveryAssertionOfTheAppendix) {
  const auto& list = appendix_assertions();
  EXPECT_EQ(list.size(), 195u) << "181 assertions, 10 definitions, 3 figure captions, 1 restatement";
  long counted_rows = 0;
  for (const auto& a : list) counted_rows += counted(a);
  EXPECT_EQ(counted_rows, 181);
  EXPECT_EQ(list.front().id, "(6)");
  EXPECT_EQ(list.back().id, "(91)");
}

TEST(Derivations, EveryIdIsMappedAndEveryVariantNamesAKnownId) {
  const auto problems = map_problems(appendix_assertions(), registry());
  EXPECT_TRUE(problems.empty()) << problems.size() << " problem(s) of the derivation map:" << joined(problems);
}

TEST(Derivations, ThePlantedFaultsOfAMapAreReported) {
  const auto list = parse_assertions(
      "id\tsection\tequation\tkind\tassertion\treason\n"
      "(1)\tC.1\t(1)\tstep-le\ta <= b\t\n"
      "(2)\tC.1\t(2)\tstep-eq\tb = c\tnot checked: no variant\n"
      "(3)\tC.1\t(3)\tstep-le\tc <= e\t\n"
      "(4)\tC.1\t(4)\tdef\tdefinition of e\tdefinition\n");
  Claim c{.id = "PLANTED",
          .variants = {{.slug = "one", .checks = {"(1)"}},
                       {.slug = "two", .checks = {"(2)"}},          // checked, but the list says it is not
                       {.slug = "three.repaired", .checks = {"(3)"}},  // a repair is not coverage: (3) is unmapped
                       {.slug = "four", .checks = {"(99)"}}}};       // an unknown id
  const auto problems = map_problems(list, {c});
  const std::string all = joined(problems);
  EXPECT_EQ(problems.size(), 3u) << all;
  EXPECT_NE(all.find("(2): PLANTED two checks it"), std::string::npos) << all;
  EXPECT_NE(all.find("(3): no variant checks it"), std::string::npos) << all;
  EXPECT_NE(all.find("PLANTED four names unknown id '(99)'"), std::string::npos) << all;
  const DerivationCoverage cov = derivation_coverage(list, {c});
  EXPECT_EQ(cov.headline(), "2 of 3 assertions checked where they stand") << "the definition is not counted";
  EXPECT_EQ(cov.repair_variants, 1);
  EXPECT_EQ(cov.by_status.at(LinkStatus::NotChecked), 1);
}

TEST(Derivations, AMalformedListIsRefusedWithItsLine) {
  const std::string head = "id\tsection\tequation\tkind\tassertion\treason\n";
  auto message = [&](const std::string& rows) {
    try {
      parse_assertions(head + rows);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(message("(1)\tC.1\t(1)\tstep-le\ta <= b\n").find("line 2: expected 6 tab-separated fields, found 5"), std::string::npos);
  EXPECT_NE(message("(1)\tC.1\t(1)\tstep-le\ta\t\n(1)\tC.1\t(1)\tstep-le\tb\t\n").find("line 3: id (1) listed twice"), std::string::npos);
  EXPECT_NE(message("(1)\tC.1\t(1)\tstep-le\ta\tmaybe later\n").find("line 2: reason of (1) must start with"), std::string::npos);
}

TEST(Derivations, CoverageCountsOnlyWhatVariantsCheckWhereItStands) {
  const auto& list = appendix_assertions();
  const DerivationCoverage cov = derivation_coverage(list, registry());
  EXPECT_EQ(cov.assertions, 181);
  long sum = 0;
  for (const auto& [s, n] : cov.by_status) sum += n;
  EXPECT_EQ(sum, 181);
  const auto checks = link_checks(registry());
  long by_variants = 0;
  for (const auto& a : list) {
    if (!counted(a)) continue;
    auto it = checks.find(a.id);
    bool non_repair = false;
    if (it != checks.end())
      for (const auto& k : it->second) non_repair |= !k.repair;
    by_variants += non_repair;
  }
  EXPECT_EQ(cov.checked, by_variants);
  EXPECT_GE(cov.checked, 106) << "the variants checked 106 assertions where they stand on 2026-12-08";
}

// The report's chain of a proof: its links in order, the first one refuted named with its counterexample; a link that
// a variant checks jointly with others (unreadable lines) is named with them; a refuted repair breaks nothing.
TEST(Derivations, TheFirstBrokenLinkOfAProofIsNamed) {
  auto result = [](const std::string& claim, const std::string& slug, Verdict v) {
    VariantResult r;
    r.claim = claim;
    r.variant = slug;
    r.verdict = v;
    if (v == Verdict::Refuted) {
      r.certified = true;
      Evaluated e;
      e.origin = Origin{claim, slug, "f", 1, 2, {}};
      r.counterexample = e;
    }
    return r;
  };
  const std::vector<VariantResult> results{result("THM-C8-SIGMA-CHAIN", "41b", Verdict::Holds),
                                           result("THM-C8-SIGMA-CHAIN", "43a-to-30", Verdict::Refuted),
                                           result("THM-C8-MK-IDENTITY", "reading-A-equal.k1", Verdict::Refuted)};
  const nlohmann::json j = derivations_json(results);
  const nlohmann::json* c8 = nullptr;
  for (const auto& p : j["proofs"]) if (p["section"] == "C.8") c8 = &p;
  ASSERT_NE(c8, nullptr);
  ASSERT_FALSE((*c8)["first_broken"].is_null()) << c8->dump();
  EXPECT_EQ((*c8)["first_broken"]["id"], "(43)b") << "(34)b is checked only by a repair: a refuted repair breaks no link";
  EXPECT_EQ((*c8)["first_broken"]["jointly"], (std::vector<std::string>{"(43)b", "(43)c", "(43)d"}));
  EXPECT_EQ((*c8)["first_broken"]["replay"], "THM-C8-SIGMA-CHAIN/43a-to-30/f/1/2");
  for (const auto& e : j["links"]) {
    if (e["id"] == "(41)b") EXPECT_EQ(e["verdict"], "holds");
    if (e["id"] == "(41)c") EXPECT_EQ(e["verdict"], "not run");
  }
  const std::string md = derivations_markdown(results);
  EXPECT_NE(md.find("**breaks at `(43)b`, `(43)c`, `(43)d` (checked jointly)**"), std::string::npos) << md.substr(0, 3000);
  EXPECT_NE(derivations_html(results).find("breaks at (43)b"), std::string::npos);
}

}  // namespace
}  // namespace stabcheck
