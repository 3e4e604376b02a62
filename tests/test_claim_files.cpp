// Claim files are compiled six to a translation unit (unity build): each must keep its names in its own
// namespace stabcheck::claim_<id> and define no macro, or files that share a unit clash (or, worse, silently
// pick up each other's helpers). Checked on every claim file, not only on the batches CMake happens to form.
#include "tests/files.hpp"
#include <gtest/gtest.h>
#include <regex>
#include <sstream>

namespace {

std::string namespace_of(const std::filesystem::path& file) {
  std::string id = file.stem().string();
  for (char& c : id) c = (c == '-' || c == '.') ? '_' : char(std::tolower((unsigned char)c));
  return "namespace stabcheck::claim_" + id + " {";
}

/// Every claim file (lemmas/, theorems/); fails the test when there is none.
std::vector<std::filesystem::path> claim_files() {
  std::vector<std::filesystem::path> out;
  for (const char* dir : {"lemmas", "theorems"})
    for (const auto& rel : stabcheck::test::source_files(dir)) out.push_back(stabcheck::test::source_dir() / rel);
  EXPECT_FALSE(out.empty()) << "no claim files under " << stabcheck::test::source_dir();
  return out;
}

TEST(ClaimFiles, EachKeepsItsNamesInItsOwnNamespace) {
  for (const auto& path : claim_files()) {
    std::ifstream in(path);
    std::string line;
    int own = 0;
    while (std::getline(in, line)) {
      own += line == namespace_of(path);
      EXPECT_NE(line.rfind("#define", 0), 0u) << path << ": a macro leaks into the next file of its unit: " << line;
      EXPECT_NE(line, "namespace stabcheck {") << path << ": names outside stabcheck::claim_<id>";
      if (own == 0) {  // before the claim's namespace opens: file scope
        EXPECT_NE(line.rfind("using namespace", 0), 0u) << path << ": file-scope using-directive: " << line;
      }
    }
    EXPECT_EQ(own, 1) << path << ": expected exactly one line '" << namespace_of(path) << "'";
  }
}

// One idiom (core/README.md): a claim is a `Claim{...}` table whose families and variants are designated-initialiser
// entries; expectations (verdicts, witnesses, replay tokens) are data in tests/expectations/, never C++.
TEST(ClaimFiles, OneDeclarativeIdiomAndNoExpectationsInCode) {
  const std::vector<std::pair<std::regex, const char*>> forbidden = {
      {std::regex(R"(\b(Variant|Claim|Family|stab::Base|Base)\s+[a-z_][a-z_0-9]*\s*;)"), "a default-constructed entry filled field by field"},
      {std::regex(R"(\b[a-z_][a-z_0-9]*\.(slug|statement|rel|eval|families|note|hkind|n_lo|n_hi)\s*=[^=])"), "a field-by-field assignment"},
      {std::regex(R"(\bderived\(|\badd_variant\(|set_witnesses|record_refutations)"), "a retired way of building variants"},
      {std::regex(R"(Verdict::|\.expected\b|\.witness\b)"), "an expectation in code (it belongs in tests/expectations/ID.json)"},
      {std::regex(R"("[A-Z0-9.-]+/[^"/ ]+/[^"/ ]+/[0-9]+/[0-9]+(/[0-9x.]+)?")"), "a replay token (witnesses are exact samples in the ledger)"},
      {std::regex(R"(^template <([^>]*, )?(bool|int|long|[A-Z][A-Za-z0-9_:]*) [A-Za-z_][A-Za-z0-9_]*[^>]*> auto )"),
       "a reading as a template argument of an evaluator (pass it as an argument: one body per tier, core/README.md)"},
  };
  for (const auto& path : claim_files()) {
    std::ifstream in(path);
    std::string line;
    for (int no = 1; std::getline(in, line); ++no) {
      const auto first = line.find_first_not_of(' ');
      if (first != std::string::npos && line.compare(first, 2, "//") == 0) continue;  // comments may cite anything
      for (const auto& [re, what] : forbidden)
        EXPECT_FALSE(std::regex_search(line, re)) << path << ":" << no << ": " << what << ": " << line;
    }
  }
}

}  // namespace
