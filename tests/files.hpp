// Files for the tests that write reports or run programs: a fresh scratch directory, whether a program is on PATH,
// and a file's bytes; for the tests that read the project's sources as text: its C++ files and their lines.
#pragma once
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

#ifndef STABCHECK_SOURCE_DIR
#define STABCHECK_SOURCE_DIR "."
#endif

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

inline std::filesystem::path source_dir() { return STABCHECK_SOURCE_DIR; }

/// The C++ files (.cpp, .hpp) of a folder of the project, relative to source_dir() and sorted (with `recursive`, also
/// those of its sub-folders); empty when there is no such folder.
inline std::vector<std::string> source_files(const std::string& folder, bool recursive = false) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  const fs::path dir = source_dir() / folder;
  if (!fs::is_directory(dir)) return out;
  auto take = [&](const fs::directory_entry& e) {
    const std::string ext = e.path().extension().string();
    if (ext == ".cpp" || ext == ".hpp") out.push_back(fs::relative(e.path(), source_dir()).generic_string());
  };
  if (recursive) std::for_each(fs::recursive_directory_iterator(dir), fs::recursive_directory_iterator(), take);
  else std::for_each(fs::directory_iterator(dir), fs::directory_iterator(), take);
  std::sort(out.begin(), out.end());
  return out;
}

/// f(number, line) for every line of the project file `rel` (relative to source_dir()), numbered from 1.
template <class F> void for_each_line(const std::string& rel, F f) {
  std::ifstream in(source_dir() / rel);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) f(n, line);
}

/// The cases of a data file of the project (`rel`, relative to source_dir(); e.g. tests/bounds/malformed.txt): one case
/// a line, its fields separated by " | "; blank lines and lines starting with '#' are skipped. Throws, naming the file
/// and line, when the file cannot be read or a line has not `fields` fields.
inline std::vector<std::vector<std::string>> read_cases(const std::string& rel, size_t fields) {
  const std::filesystem::path file = source_dir() / rel;
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::vector<std::vector<std::string>> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    for (size_t at = 0;;) {
      const size_t bar = line.find(" | ", at);
      f.push_back(line.substr(at, bar == std::string::npos ? bar : bar - at));
      if (bar == std::string::npos) break;
      at = bar + 3;
    }
    if (f.size() != fields)
      throw std::runtime_error(file.string() + ":" + std::to_string(n) + ": " + std::to_string(f.size()) + " fields, not " +
                               std::to_string(fields));
    out.push_back(std::move(f));
  }
  return out;
}

/// f(rel, number, line) for every line of every C++ file of the project's code folders (sub-folders included), except
/// the files named in `owners`; returns how many files there are in all. Throws if a folder has no C++ file (a wrong
/// source directory, or a folder renamed without this list).
template <class F> size_t for_each_code_line(const std::vector<std::string>& owners, F f) {
  size_t files = 0;
  for (const char* folder : {"core", "models", "generators", "fuzz", "reports", "experiments", "lemmas", "theorems", "prove",
                             "cli", "tests", "bench"}) {
    const std::vector<std::string> sources = source_files(folder, true);
    if (sources.empty()) throw std::runtime_error("no C++ files in " + (source_dir() / folder).string());
    files += sources.size();
    for (const std::string& rel : sources)
      if (std::find(owners.begin(), owners.end(), rel) == owners.end())
        for_each_line(rel, [&](int n, const std::string& line) { f(rel, n, line); });
  }
  return files;
}

}  // namespace stabcheck::test
