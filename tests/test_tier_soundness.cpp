// Tier soundness for every variant (registry-driven): on samples of each of its families, at a random precision,
// the exact tier's enclosures contain the multiprecision values within the decision's error model and the double
// screen never passes what multiprecision finds tight or violated (core/runner.hpp, tier_contract_violation).
// One test per claim; the seed, family, index and precision of a failure are printed with the exact sample.
#include "core/runner.hpp"
#include <gtest/gtest.h>
#include <random>

using namespace stabcheck;

namespace {

std::vector<std::string> claim_ids() {
  std::vector<std::string> out;
  for (const auto& c : registry()) out.push_back(c.id);
  return out;
}

std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string s = info.param;
  for (char& ch : s) if (!isalnum((unsigned char)ch)) ch = '_';
  return s;
}

class TierSoundness : public testing::TestWithParam<std::string> {};

TEST_P(TierSoundness, EnclosuresContainTheDecisionAndTheScreenIsSound) {
  const Claim& c = find_claim(GetParam());
  std::mt19937_64 rng(std::hash<std::string>{}(c.id));  // deterministic per claim; every choice printed on failure
  long checked = 0;
  for (const auto& v : c.variants) {
    if (!v.eval.screen || !v.eval.no_enclosure.empty()) continue;  // not checkable; Monte Carlo (no enclosure to check)
    std::vector<std::string> fams = families_of(c, v, RunOptions{});
    std::shuffle(fams.begin(), fams.end(), rng);
    if (fams.size() > 2) fams.resize(2);  // two families per variant, one sample each: every variant, bounded time
    for (const auto& f : fams) {
      const Origin o{c.id, v.slug, f, 1, long(rng() % 300), {}};
      const unsigned D = 20 + unsigned(rng() % 41);  // random deciding precision, 20..60 digits
      const Sample s = regenerate(c, o);
      const std::string why = tier_contract_violation(v, s, D, 1e-6);
      EXPECT_EQ(why, "") << o.token() << " at D = " << D << ": " << to_text(s);
      ++checked;
    }
  }
  RecordProperty("samples", int(checked));
}

INSTANTIATE_TEST_SUITE_P(Registry, TierSoundness, testing::ValuesIn(claim_ids()), test_name);

}  // namespace
