// The working precision is made current one way (core/precision.hpp): an AtPrecision scope, which restores the
// previous precision when it ends, also when what it wraps throws or a test assertion returns early. No file calls
// set_digits or set_ball_prec itself, apart from the scope and the two definitions.
#include "tests/files.hpp"
#include <gtest/gtest.h>
#include <regex>
#include <string>

namespace {

using namespace stabcheck;

TEST(PrecisionScope, OnlyAtPrecisionSetsThePrecision) {
  const std::regex call(R"(\b(set_digits|set_ball_prec)\s*\()");
  const size_t files = test::for_each_code_line(
      {"core/precision.hpp", "core/scalar.hpp", "core/scalar.cpp", "core/ball.hpp", "core/ball.cpp", "tests/test_precision_scope.cpp"},
      [&](const std::string& rel, int n, const std::string& line) {
        if (std::regex_search(line, call))
          ADD_FAILURE() << rel << ":" << n << ": sets the precision directly; use AtPrecision (core/precision.hpp): " << line;
      });
  EXPECT_GT(files, 150u);
}

}  // namespace
