// The working precision is made current one way (core/precision.hpp): an AtPrecision scope, which restores the
// previous precision when it ends, also when what it wraps throws or a test assertion returns early. No file calls
// set_digits or set_ball_prec itself, apart from the scope and the two definitions.
#include "tests/files.hpp"
#include <gtest/gtest.h>
#include <regex>
#include <set>
#include <string>

namespace {

using namespace stabcheck;

TEST(PrecisionScope, OnlyAtPrecisionSetsThePrecision) {
  const std::set<std::string> owners = {"core/precision.hpp", "core/scalar.hpp", "core/scalar.cpp", "core/ball.hpp",
                                        "core/ball.cpp", "tests/test_precision_scope.cpp"};
  const std::regex call(R"(\b(set_digits|set_ball_prec)\s*\()");
  size_t files = 0;
  for (const char* folder : {"core", "models", "generators", "fuzz", "reports", "experiments", "lemmas", "theorems", "prove",
                             "cli", "tests", "bench"}) {
    const auto sources = test::source_files(folder, true);
    ASSERT_FALSE(sources.empty()) << "no C++ files in " << test::source_dir() / folder;
    files += sources.size();
    for (const auto& rel : sources)
      if (!owners.count(rel))
        test::for_each_line(rel, [&](int n, const std::string& line) {
          if (std::regex_search(line, call))
            ADD_FAILURE() << rel << ":" << n << ": sets the precision directly; use AtPrecision (core/precision.hpp): " << line;
        });
  }
  EXPECT_GT(files, 150u);
}

}  // namespace
