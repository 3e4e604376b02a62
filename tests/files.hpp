// Files for the tests that write reports or run programs: a fresh scratch directory, whether a program is on PATH,
// and a file's bytes.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace stabcheck::test {

/// An empty directory stabcheck-test-<suite>-<name>-<pid> under the system's temporary directory.
inline std::filesystem::path scratch_dir(const std::string& suite, const std::string& name) {
  std::filesystem::path p =
      std::filesystem::temp_directory_path() / ("stabcheck-test-" + suite + "-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

inline bool on_path(const std::string& prog) {
  return std::system(("command -v " + prog + " >/dev/null 2>&1").c_str()) == 0;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace stabcheck::test
