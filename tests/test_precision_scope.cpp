// The working precision is made current one way (core/precision.hpp): an AtPrecision scope, which restores the
// previous precision when it ends, also when what it wraps throws or a test assertion returns early. No file calls
// set_digits or set_ball_prec itself, apart from the scope and the two definitions.
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <regex>
#include <set>
#include <string>

#ifndef STABCHECK_SOURCE_DIR
#define STABCHECK_SOURCE_DIR "."
#endif

namespace {

namespace fs = std::filesystem;

TEST(PrecisionScope, OnlyAtPrecisionSetsThePrecision) {
  const std::set<std::string> owners = {"core/precision.hpp", "core/scalar.hpp", "core/scalar.cpp", "core/ball.hpp",
                                        "core/ball.cpp", "tests/test_precision_scope.cpp"};
  const std::regex call(R"(\b(set_digits|set_ball_prec)\s*\()");
  int files = 0;
  for (const char* folder : {"core", "models", "generators", "fuzz", "reports", "experiments", "lemmas", "theorems", "prove",
                             "cli", "tests", "bench"}) {
    const fs::path dir = fs::path(STABCHECK_SOURCE_DIR) / folder;
    ASSERT_TRUE(fs::is_directory(dir)) << dir;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      const std::string ext = e.path().extension().string();
      if (ext != ".cpp" && ext != ".hpp") continue;
      ++files;
      const std::string rel = fs::relative(e.path(), STABCHECK_SOURCE_DIR).generic_string();
      if (owners.count(rel)) continue;
      std::ifstream in(e.path());
      std::string line;
      for (int n = 1; std::getline(in, line); ++n)
        if (std::regex_search(line, call))
          ADD_FAILURE() << rel << ":" << n << ": sets the precision directly; use AtPrecision (core/precision.hpp): " << line;
    }
  }
  EXPECT_GT(files, 150);
}

}  // namespace
