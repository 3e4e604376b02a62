// The layers (CMakeLists.txt): every folder includes only its own headers and those of the layers below it, so the
// one-way dependencies of the build targets hold in the sources too. A new include that points upwards fails here
// with the file and the line.
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <regex>
#include <set>
#include <string>

#ifndef STABCHECK_SOURCE_DIR
#define STABCHECK_SOURCE_DIR "."
#endif

namespace {

namespace fs = std::filesystem;

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
  int files = 0;
  for (const auto& [folder, allowed] : kAllowed) {
    const fs::path dir = fs::path(STABCHECK_SOURCE_DIR) / folder;
    ASSERT_TRUE(fs::is_directory(dir)) << dir;
    for (const auto& e : fs::directory_iterator(dir)) {
      const std::string ext = e.path().extension().string();
      if (ext != ".cpp" && ext != ".hpp") continue;
      ++files;
      std::ifstream in(e.path());
      std::string line;
      for (int n = 1; std::getline(in, line); ++n) {
        std::smatch m;
        if (std::regex_search(line, m, inc) && !allowed.count(m[1]))
          ADD_FAILURE() << e.path().string() << ":" << n << ": " << folder << "/ may not include " << m[1] << "/ (" << line << ")";
      }
    }
  }
  EXPECT_GT(files, 60);
}

}  // namespace
