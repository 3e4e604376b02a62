// Report writers: they read verdicts and statistics, never call a claim.
#pragma once
#include "core/runner.hpp"
#include <nlohmann/json.hpp>
#include <map>
#include <string>
#include <vector>

namespace stabcheck {

struct RunInfo {
  std::string version, git, started, command, compiler, machine;
  std::map<std::string, std::string> libraries;  // name -> version
  uint64_t seed = 0;
  unsigned digits = 0;
  int samples = 0, jobs = 1;
  double seconds = 0;
};

/// Compiler, library versions and machine of this build/run (the reproducibility block).
void fill_environment(RunInfo& info);

nlohmann::json report_json(const RunInfo& info, const std::vector<VariantResult>& results);
std::string report_markdown(const RunInfo& info, const std::vector<VariantResult>& results);
std::string report_latex(const RunInfo& info, const std::vector<VariantResult>& results);
/// Write `content` to `path` atomically (temporary file + rename): nothing is half-written.
void write_atomically(const std::string& path, const std::string& content);

}  // namespace stabcheck
