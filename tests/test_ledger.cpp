// The ledger of expectations (core/expectations.hpp, tests/expectations/): it covers exactly the registered variants,
// its witnesses are exact samples of the claim's families, what `run --record` writes loads back unchanged, a corrupt
// file is an error naming the file, and the matching rule (proved meets holds, holds meets proved without a proof).
#include "core/expectations.hpp"
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

#ifndef STABCHECK_SOURCE_DIR
#define STABCHECK_SOURCE_DIR "."
#endif

using namespace stabcheck;
namespace fs = std::filesystem;

namespace {

const std::string kDir = STABCHECK_SOURCE_DIR "/tests/expectations";

TEST(Ledger, CoversEveryRegisteredVariantAndNothingElse) {
  const Ledger l = Ledger::load(kDir);
  size_t variants = 0;
  for (const auto& c : registry())
    for (const auto& v : c.variants) {
      ++variants;
      EXPECT_NE(l.find(c.id, v.slug), nullptr) << c.id << "/" << v.slug << ": no expectation recorded in " << kDir;
    }
  size_t entries = 0;
  for (const auto& [claim, vs] : l.claims())
    for (const auto& [slug, e] : vs) {
      ++entries;
      const Claim* c = lookup_claim(claim);
#ifdef STABCHECK_PARTIAL_BUILD
      if (!c) continue;  // -DSTABCHECK_CLAIM_FILTER: the claim is not built
#endif
      ASSERT_NE(c, nullptr) << kDir << "/" << claim << ".json: no such claim is registered";
      EXPECT_NO_THROW(c->variant(slug)) << claim << ".json: stale entry '" << slug << "'";
      if (e.witness) {
        EXPECT_NO_THROW(c->family(e.witness->family)) << claim << "/" << slug << ": witness family";
      }
    }
#ifndef STABCHECK_PARTIAL_BUILD
  EXPECT_EQ(entries, variants);
#endif
}

TEST(Ledger, RecordedFileLoadsBackUnchanged) {
  VariantResult held, refuted;
  held.claim = refuted.claim = "TEST-LEDGER";
  held.variant = "true";
  held.verdict = Verdict::Proved;
  refuted.variant = "false";
  refuted.verdict = Verdict::Refuted;
  refuted.certified = true;
  Evaluated ce;
  ce.origin = Origin{"TEST-LEDGER", "false", "wishart", 7, 3, {1, 0, 2}};
  ce.sample.mats["A"] = MatQ::Identity(2, 2) * Rat(-3, 7);
  ce.sample.scalars["eta"] = Rat(1, 3);
  ce.sample.ints["k"] = 4;
  refuted.counterexample = ce;
  const auto j = ledger_json("TEST-LEDGER", {&held, &refuted});
  const auto m = Ledger::parse(nlohmann::json::parse(j.dump()), "TEST-LEDGER", "(test)");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m.at("true").verdict, Verdict::Proved);
  EXPECT_FALSE(m.at("true").witness);
  ASSERT_TRUE(m.at("false").witness);
  EXPECT_EQ(m.at("false").witness->token, "TEST-LEDGER/false/wishart/7/3/1.0.2");
  EXPECT_EQ(to_json(m.at("false").witness->sample), to_json(ce.sample));
}

TEST(Ledger, CorruptFilesAreErrorsNamingTheFile) {
  const fs::path dir = fs::temp_directory_path() / "stabcheck-ledger-test";
  auto attempt = [&](const std::string& content) -> std::string {
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "LEM-X.json") << content;
    try {
      Ledger::load(dir.string());
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "";
  };
  for (const std::string& bad : {std::string("{not json"), std::string(R"({"claim": "LEM-Y", "variants": {}})"),
                                std::string(R"({"claim": "LEM-X", "variants": {"a": {"verdict": "maybe"}}})"),
                                std::string(R"({"claim": "LEM-X", "variants": {"a": {"verdict": "refuted"}}})"),
                                std::string(R"({"claim": "LEM-X"})")}) {
    const std::string msg = attempt(bad);
    EXPECT_NE(msg.find("LEM-X.json"), std::string::npos) << "content " << bad << " gave '" << msg << "'";
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
  }
  EXPECT_EQ(attempt(R"({"claim": "LEM-X", "variants": {"a": {"verdict": "holds"}}})"), "");
  fs::remove_all(dir);
  EXPECT_TRUE(Ledger::load(dir.string()).empty()) << "a missing directory is an empty ledger";
}

TEST(Ledger, MatchingRule) {
  VariantResult r;
  r.recorded = true;
  auto m = [&](Verdict got, Verdict want, bool proof_attempted) {
    r.verdict = got;
    r.expected = want;
    r.certified = true;
    r.proof = proof_attempted ? std::optional<VariantResult::Proof>(VariantResult::Proof{}) : std::nullopt;
    return r.matches();
  };
  EXPECT_TRUE(m(Verdict::Proved, Verdict::Holds, true));
  EXPECT_TRUE(m(Verdict::Holds, Verdict::Proved, false));   // --no-prove
  EXPECT_FALSE(m(Verdict::Holds, Verdict::Proved, true));   // the proof failed: a regression
  EXPECT_FALSE(m(Verdict::Refuted, Verdict::Holds, false));
  EXPECT_FALSE(m(Verdict::Holds, Verdict::Refuted, false));
  r.recorded = false;
  r.verdict = Verdict::Refuted;
  r.certified = false;
  EXPECT_FALSE(r.matches()) << "an uncertified refutation never matches";
  r.certified = true;
  EXPECT_TRUE(r.matches()) << "nothing recorded: an established verdict";
  EXPECT_EQ(r.expected_text(), "none recorded");
}

}  // namespace
