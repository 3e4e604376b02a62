// Report writers: they read verdicts and statistics, never call a claim.
#pragma once
#include "core/runner.hpp"
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace stabcheck {

struct RunInfo {
  std::string version, git, started, command, compiler, machine;
  uint64_t seed = 0;
  unsigned digits = 0;
  int samples = 0, jobs = 1;
  double seconds = 0;
};

nlohmann::json report_json(const RunInfo& info, const std::vector<VariantResult>& results);
std::string report_markdown(const RunInfo& info, const std::vector<VariantResult>& results);
/// Write `content` to `path` atomically (temporary file + rename): nothing is half-written.
void write_atomically(const std::string& path, const std::string& content);

}  // namespace stabcheck
