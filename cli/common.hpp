// Shared by the sub-commands: provenance, and "run these variants and write every report".
#pragma once
#include "core/expectations.hpp"
#include "core/runner.hpp"
#include "reports/report.hpp"
#include <functional>
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

/// tests/expectations of the source tree the binary was built from.
std::string default_ledger_dir();

struct RunArgs {
  std::string claims = "*", out = "stabcheck-report", corpus;
  RunOptions run = [] {  // samples, digits, seed, jobs: the engine's options themselves, not a copy (2 jobs by default)
    RunOptions o;
    o.jobs = 2;
    return o;
  }();
  bool prove = true;  // attempt an exact proof of every `holds` variant with a trace form (Variant::trace_bound)
  std::string expectations = default_ledger_dir();  // the ledger verdicts are compared with
  std::string record;  // non-empty: write the run's verdicts and witnesses as the ledger files of its claims here
};

using Todo = std::vector<std::pair<const Claim*, const Variant*>>;

/// Adds a sub-command's own block to report.json and report.md before they are written (e.g. `stabcheck fuzz`).
using ReportExtension = std::function<void(const std::vector<VariantResult>&, nlohmann::json& report, std::string& markdown)>;

/// One variant run (the run half of run_and_report): its proof attempted when RunArgs::prove (`certificate`: the
/// certificate the exact checker accepted, null when not proved), the ledger applied.
struct RunItem {
  size_t index = 0;  // position in the Todo list
  VariantResult result;
  nlohmann::json certificate;
};
/// Run todo[k] for every k of `which`, in that order, with progress on stderr ("[k+1/total] ...").
std::vector<RunItem> run_items(const Todo& todo, const std::vector<size_t>& which, const RunArgs& a, const Ledger& ledger);

/// Proof certificates to write: file relative to the report directory (VariantResult::Proof::certificate), content.
using Certificates = std::vector<std::pair<std::string, std::string>>;
Certificates certificate_files(const std::vector<RunItem>& items);

/// The reproducibility block of a run with these arguments (version, git commit, options, environment).
RunInfo run_info(const RunArgs& a, const std::string& command, const std::string& started, double seconds);

/// The report half of run_and_report (also `stabcheck merge` and `run --mpi`): the certificates and
/// report.{json,md,tex,html} atomically into a.out, the corpus and ledger files when a.corpus / a.record are set, the
/// one-line summary on stdout.
void write_reports(const std::vector<VariantResult>& results, const Certificates& certificates, const RunArgs& a,
                   const RunInfo& info, const ReportExtension& extend = {});

/// Run the variants with progress on stderr, compare them with the ledger (`ledger`, else the one at a.expectations),
/// write report.{json,md,tex,html} atomically into a.out (and the corpus files when a.corpus is set), print the
/// one-line summary; the results are returned.
std::vector<VariantResult> run_and_report(const Todo& todo, const RunArgs& a, const std::string& command,
                                          const Ledger* ledger = nullptr,
                                          const ReportExtension& extend = {});

/// 0 when every verdict matches its expectation, else 1.
int exit_code(const std::vector<VariantResult>& results);

}  // namespace stabcheck::cli
