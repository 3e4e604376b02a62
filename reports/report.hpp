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
/// `out_dir`: where report.tex is written; its proof-map.pdf, when there, is included (reports/findings.hpp).
std::string report_latex(const RunInfo& info, const std::vector<VariantResult>& results, const std::string& out_dir = "");
/// Coverage (core/coverage.hpp) as labelled buckets, shared by every format: family, dimension, rank,
/// condition number, sigma; and one family's slack distribution ("violated", "0", decades, "not evaluated").
struct CoverageRow { std::string name; std::vector<std::pair<std::string, long>> buckets; };
std::vector<CoverageRow> coverage_rows(const VariantResult& r);
std::vector<std::pair<std::string, long>> slack_rows(const SlackHistogram& h);
nlohmann::json coverage_json(const VariantResult& r);
std::string fmt_sig(double x, int digits);  // %.*g
/// The adversarial search's figures (VariantResult::Search): budget, evaluations, starts, knobs, families, seconds,
/// smallest relative slack, found. The same block in report.json and in the partial results of shards.
nlohmann::json search_json(const VariantResult::Search& s);
/// For readers: "searched 200 points (3 starts, up to 9 knobs, 4/4 families) in 0.12 s; smallest slack 3.1e-2".
std::string search_text(const VariantResult::Search& s);

/// Text as HTML character data or attribute value (& < > " escaped).
std::string html_escape(const std::string& s);

/// report.html: one offline page (inline CSS, figures as data: URIs). `out_dir` is where the report is
/// written: its experiments/*.svg|*.png are embedded. Slack figures need gnuplot; without it the page says so.
std::string report_html(const RunInfo& info, const std::vector<VariantResult>& results, const std::string& out_dir);

/// Write `content` to `path` atomically (temporary file + rename): nothing is half-written.
void write_atomically(const std::string& path, const std::string& content);

}  // namespace stabcheck
