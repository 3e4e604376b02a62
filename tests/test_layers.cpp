// The layers (CMakeLists.txt): every folder includes only its own headers and those of the layers below it, so the
// one-way dependencies of the build targets hold in the sources too. A new include that points upwards fails here
// with the file and the line.
#include "tests/files.hpp"
#include <gtest/gtest.h>
#include <map>
#include <regex>
#include <set>
#include <string>

namespace {

using namespace stabcheck;

// folder -> the project folders its files may include
const std::map<std::string, std::set<std::string>> kAllowed = {
    {"core", {"core"}},
    {"models", {"core", "models"}},
    {"generators", {"core", "models", "generators"}},
    {"fuzz", {"core", "models", "generators", "fuzz"}},
    {"reports", {"core", "reports"}},
    {"experiments", {"core", "models", "generators", "experiments"}},
    {"lemmas", {"core", "models", "generators"}},
    {"theorems", {"core", "models", "generators"}},
    {"prove", {"core", "fuzz", "prove"}},
};

TEST(Layers, IncludesPointDownward) {
  const std::regex inc(R"(^\s*#\s*include\s+"([A-Za-z_]+)/)");
  size_t files = 0;
  for (const auto& [folder, allowed] : kAllowed) {
    const auto sources = test::source_files(folder);
    ASSERT_FALSE(sources.empty()) << "no C++ files in " << test::source_dir() / folder;
    files += sources.size();
    for (const auto& rel : sources)
      test::for_each_line(rel, [&](int n, const std::string& line) {
        std::smatch m;
        if (std::regex_search(line, m, inc) && !allowed.count(m[1]))
          ADD_FAILURE() << rel << ":" << n << ": " << folder << "/ may not include " << m[1] << "/ (" << line << ")";
      });
  }
  EXPECT_GT(files, 60u);
}

}  // namespace
