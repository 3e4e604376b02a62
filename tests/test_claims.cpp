// One test per claim variant: the verdict of a (reduced) run equals the expectation recorded in the ledger
// (tests/expectations/ID.json, core/expectations.hpp); a refutation must be certified, and the recorded witness — an
// exact sample — must still be a certified violation. STABCHECK_TEST_SAMPLES overrides the samples per family (40).
#include "core/expectations.hpp"
#include "core/runner.hpp"
#include <gtest/gtest.h>
#include <cstdlib>
#include <set>

#ifndef STABCHECK_SOURCE_DIR
#define STABCHECK_SOURCE_DIR "."
#endif

using namespace stabcheck;

namespace {

struct Key { std::string claim, variant; };
void PrintTo(const Key& k, std::ostream* os) { *os << k.claim << "/" << k.variant; }

std::vector<Key> all_variants() {
  std::vector<Key> out;
  for (const auto& c : registry())
    for (const auto& v : c.variants) out.push_back({c.id, v.slug});
  return out;
}

std::string test_name(const testing::TestParamInfo<Key>& info) {
  std::string s = info.param.claim + "__" + info.param.variant;
  for (char& ch : s) if (!isalnum((unsigned char)ch)) ch = '_';
  return s;
}

int test_samples() {
  const char* e = std::getenv("STABCHECK_TEST_SAMPLES");
  return e ? std::max(1, std::atoi(e)) : 40;
}

const Ledger& ledger() {
  static const Ledger l = Ledger::load(STABCHECK_SOURCE_DIR "/tests/expectations");
  return l;
}

class ClaimVariant : public testing::TestWithParam<Key> {};

TEST_P(ClaimVariant, VerdictMatchesExpectation) {
  const Claim& c = find_claim(GetParam().claim);
  const Variant& v = c.variant(GetParam().variant);
  RunOptions opt;
  opt.samples = std::min(test_samples(), v.samples_per_family > 0 ? v.samples_per_family : test_samples());
  opt.seed = 1;
  opt.digits = 50;
  const Expectation* e = ledger().find(c.id, v.slug);
  ASSERT_NE(e, nullptr) << "no expectation recorded for " << c.id << "/" << v.slug
                        << " (stabcheck run --claims " << c.id << " --record tests/expectations)";
  VariantResult r = run_variant(c, v, opt);
  ledger().apply(r);
  std::string where = "claim " + c.id + " variant " + v.slug + " seed " + std::to_string(opt.seed) + " samples/family " +
                      std::to_string(opt.samples);
  if (r.counterexample) where += " counterexample " + r.counterexample->origin.token();
  if (!r.reason.empty()) where += " reason: " + r.reason;
  if (e->verdict == Verdict::Refuted && r.verdict == Verdict::Holds) {
    // the reduced run may miss a rare violation: the recorded witness must still refute it (below)
    SUCCEED() << "reduced run missed the violation; witness checked below";
  } else {
    EXPECT_TRUE(r.matches()) << "verdict " << verdict_text(r) << ", expected " << r.expected_text() << ": " << where;
  }
  if (r.verdict == Verdict::Refuted) { EXPECT_TRUE(r.certified) << "uncertified refutation: " << where; }
  if (r.verdict == Verdict::Holds && r.tightest) { EXPECT_GE(r.tightest->rel_slack, 0.0) << where; }
  if (e->witness) {
    Origin o{c.id, v.slug, e->witness->family};
    Replay w = replay(v, o, e->witness->sample, 50);
    EXPECT_TRUE(w.violated) << "the witness of " << c.id << "/" << v.slug << " (found as " << e->witness->token
                            << ") no longer violates: " << to_text(e->witness->sample);
    EXPECT_TRUE(w.exact.certified) << "the witness of " << c.id << "/" << v.slug << " is not certified (" << w.exact.slack
                                   << "): " << to_text(e->witness->sample);
  }
}

INSTANTIATE_TEST_SUITE_P(Registry, ClaimVariant, testing::ValuesIn(all_variants()), test_name);

}  // namespace

// The proof map of the report is drawn from the claims' `uses`: each names another registered claim, once, and a
// reading "ID:variant" names one of its variants.
TEST(Registry, UsesNameOtherRegisteredClaims) {
  for (const auto& c : registry()) {
    std::set<std::string> seen;
    for (const auto& u : c.uses) {
      const Use use = parse_use(u);
      EXPECT_NE(use.claim, c.id) << c.id << " uses itself";
      EXPECT_TRUE(seen.insert(use.claim).second) << c.id << " lists " << use.claim << " twice";
#ifndef STABCHECK_PARTIAL_BUILD
      EXPECT_NO_THROW(find_claim(use.claim)) << c.id << " uses " << u << ", which is not registered";
      if (!use.variant.empty()) {
        EXPECT_NO_THROW(find_claim(use.claim).variant(use.variant)) << c.id << " uses " << u;
      }
#endif
    }
  }
}

// Every variant's family list resolves: each name is a family of its claim, each pattern matches one (families_of),
// and a checkable variant samples at least one family.
TEST(Registry, VariantFamiliesResolve) {
  for (const auto& c : registry())
    for (const auto& v : c.variants) {
      std::vector<std::string> fams;
      ASSERT_NO_THROW(fams = families_of(c, v, RunOptions{})) << c.id << "/" << v.slug;
      if (v.not_checkable_reason.empty()) { EXPECT_FALSE(fams.empty()) << c.id << "/" << v.slug << " samples no family"; }
      for (const auto& f : fams) EXPECT_NO_THROW(c.family(f)) << c.id << "/" << v.slug << " lists '" << f << "', not a family of the claim";
    }
}
