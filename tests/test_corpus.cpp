// Regression corpus (tests/corpus/*.json): every saved counterexample must still be a certified violation of
// its variant, and every saved tightest sample of a variant that holds must still hold.
#include "reports/corpus.hpp"
#include <filesystem>
#include <gtest/gtest.h>

using namespace stabcheck;

#ifndef STABCHECK_CORPUS_DIR
#define STABCHECK_CORPUS_DIR "tests/corpus"
#endif

namespace {
std::vector<std::string> corpus_files() {
  std::vector<std::string> out;
  if (std::filesystem::is_directory(STABCHECK_CORPUS_DIR))
    for (const auto& e : std::filesystem::directory_iterator(STABCHECK_CORPUS_DIR))
      if (e.path().extension() == ".json") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  if (out.empty()) out.push_back("");  // keeps the suite instantiated; the test then reports the empty corpus
  return out;
}
std::string name_of(const testing::TestParamInfo<std::string>& p) {
  std::string s = std::filesystem::path(p.param).stem().string();
  if (s.empty()) s = "empty";
  for (char& c : s) if (!isalnum((unsigned char)c)) c = '_';
  return s;
}
}  // namespace

class Corpus : public testing::TestWithParam<std::string> {};

TEST_P(Corpus, StillReproduces) {
  ASSERT_FALSE(GetParam().empty()) << "no corpus files in " << STABCHECK_CORPUS_DIR;
  CorpusEntry e = read_corpus_file(GetParam());
  const Claim* c = nullptr;
  try { c = &find_claim(e.claim); } catch (const std::invalid_argument&) {}
#ifdef STABCHECK_PARTIAL_BUILD  // -DSTABCHECK_CLAIM_FILTER: claims left out of this build are skipped, not failed
  if (!c) GTEST_SKIP() << e.claim << " is not in this partial build";
#endif
  ASSERT_NE(c, nullptr) << "corpus entry for a claim that no longer exists: " << e.claim;
  const Variant& v = c->variant(e.variant);
  Replay r = replay(v, Origin{e.claim, e.variant, "corpus", 0, 0, {}}, e.sample, 50);
  if (e.kind == "counterexample") {
    EXPECT_TRUE(r.violated) << GetParam() << ": no longer violates (slack " << r.slack_mpfr << ")";
    EXPECT_TRUE(r.exact.certified) << GetParam() << ": not certified (" << r.exact.slack << ")";
  } else {
    EXPECT_FALSE(r.violated) << GetParam() << ": the tightest sample of a holding variant now violates (slack " << r.slack_mpfr << ")";
  }
}

INSTANTIATE_TEST_SUITE_P(Files, Corpus, testing::ValuesIn(corpus_files()), name_of);
