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
/// report.tex, the appendix: the findings, the proof map and each claim's smallest certified counterexample (at most 8
/// pages for the full default run). `out_dir`: where it is written; its proof-map.pdf, when there, is included.
std::string report_latex(const RunInfo& info, const std::vector<VariantResult>& results, const std::string& out_dir = "");
/// report-supplement.tex: per variant in the paper's order, verdicts, best constants, sampling statistics, coverage
/// and every counterexample with its certificate.
std::string report_latex_supplement(const RunInfo& info, const std::vector<VariantResult>& results);
/// LaTeX pieces shared by report.tex, the supplement and the findings: text (special characters escaped, non-ASCII as
/// math or U+XXXX), a decimal string with `digits` significant digits, a replay token that may break at / and ., and
/// an exact sample as inline math, comma-separated (scalars as \tfrac, matrices as smallmatrix with entries p/q).
std::string latex_escape(const std::string& s);
std::string latex_number(const std::string& s, int digits);
std::string latex_token(const std::string& token);
std::string latex_sample(const Sample& s);
/// Coverage (core/coverage.hpp) as labelled buckets, shared by every format: family, dimension, rank,
/// condition number, sigma; and one family's slack distribution ("violated", "0", decades, "not evaluated").
struct CoverageRow { std::string name; std::vector<std::pair<std::string, long>> buckets; };
std::vector<CoverageRow> coverage_rows(const VariantResult& r);
std::vector<std::pair<std::string, long>> slack_rows(const SlackHistogram& h);
/// What the families of a claim are: each family its results sampled (in the claim's order) with its description, for
/// a claim of the registry; empty for others (a fuzzed bound describes its classes in its statement).
std::vector<std::pair<std::string, std::string>> sampled_families(const std::string& claim, const std::vector<VariantResult>& results);
nlohmann::json coverage_json(const VariantResult& r);
std::string fmt_sig(double x, int digits);  // %.*g
/// The adversarial search's figures (VariantResult::Search): budget, evaluations, starts, knobs, families, seconds,
/// smallest relative slack, found. The same block in report.json and in the partial results of shards.
nlohmann::json search_json(const VariantResult::Search& s);
/// For readers: "searched 200 points (3 starts, up to 9 knobs, 4/4 families) in 0.12 s; smallest slack 3.1e-2".
std::string search_text(const VariantResult::Search& s);

/// What a result states: variant, source, statement, claim_statement, relation (the same keys in report.json and in
/// the partial results of shards).
nlohmann::json statement_json(const VariantResult& r);

/// The derivation map of a run (reports/derivation_report.cpp): "N of 181 assertions checked where they stand", the
/// counts by status, and per assertion of the appendix its status, the variants that check it with this run's
/// verdicts, and the assertion's verdict. Only for a run of the paper's claims (runs_paper_claims).
bool runs_paper_claims(const std::vector<VariantResult>& results);
nlohmann::json derivations_json(const std::vector<VariantResult>& results);
std::string derivations_markdown(const std::vector<VariantResult>& results);
std::string derivations_html(const std::vector<VariantResult>& results);  // each proof's chain collapsible
std::string derivations_latex(const std::vector<VariantResult>& results);  // one paragraph: per proof, checked links, first broken

/// Text as HTML character data or attribute value (& < > " escaped).
std::string html_escape(const std::string& s);

/// report.html: one offline page (inline CSS, figures as data: URIs). `out_dir` is where the report is
/// written: its experiments/*.svg|*.png are embedded. Slack figures need gnuplot; without it the page says so.
std::string report_html(const RunInfo& info, const std::vector<VariantResult>& results, const std::string& out_dir);

/// Write `content` to `path` atomically (temporary file + rename): nothing is half-written.
void write_atomically(const std::string& path, const std::string& content);

}  // namespace stabcheck
