// Shared by the sub-commands: provenance, and "run these variants and write every report".
#pragma once
#include "core/runner.hpp"
#include "reports/report.hpp"
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace stabcheck::cli {

std::string git_commit();
std::string now_iso();
nlohmann::json read_report(const std::string& path);  // throws std::invalid_argument

/// Output directory that exists and is writable, or std::invalid_argument.
void ensure_writable_dir(const std::string& dir);

struct RunArgs {
  std::string claims = "*", out = "stabcheck-report", corpus;
  int samples = 300, jobs = 2;
  unsigned digits = 50;
  uint64_t seed = 1;
  bool prove = true;  // attempt an exact proof of every `holds` variant with a trace form (Variant::trace_bound)
};

using Todo = std::vector<std::pair<const Claim*, const Variant*>>;

/// Run the variants with progress on stderr, write report.{json,md,tex,html} atomically into a.out (and the
/// corpus files when a.corpus is set), print the one-line summary; the results are returned.
std::vector<VariantResult> run_and_report(const Todo& todo, const RunArgs& a, const std::string& command,
                                          RunOptions opt = {});

/// 0 when every verdict matches its expectation, else 1.
int exit_code(const std::vector<VariantResult>& results);

}  // namespace stabcheck::cli
