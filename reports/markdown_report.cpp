#include "reports/findings.hpp"
#include "reports/report.hpp"
#include <map>
#include <sstream>

namespace stabcheck {

static std::string esc(const std::string& s) {
  std::string o;
  for (char ch : s) { if (ch == '|') o += "\\|"; else o += ch; }
  return o;
}

std::string report_markdown(const RunInfo& info, const std::vector<VariantResult>& results) {
  std::ostringstream md;
  long mismatches = 0;
  std::map<std::string, long> counts;
  for (const auto& r : results) { if (!r.matches()) ++mismatches; ++counts[verdict_str(r.verdict)]; }
  md << "# stabcheck report\n\n";
  md << findings_markdown(build_findings(results, registry()));  // issue 16: findings first (reports/findings.hpp)
  if (runs_paper_claims(results)) md << derivations_markdown(results);  // issue 31: the derivation map, link by link
  md << "- version " << info.version << ", git " << info.git << ", started " << info.started << "\n";
  md << "- seed " << info.seed << ", " << info.digits << " digits (confirmation at " << 2 * info.digits
     << "), " << info.samples << " samples per family, " << info.jobs << " job(s), " << info.seconds << " s\n";
  md << "- reproduce: `" << info.command << "` at git " << info.git << "\n";
  md << "- environment: " << info.compiler << "; " << info.machine << ";";
  for (const auto& [k, v] : info.libraries) md << " " << k << " " << v;
  md << "\n";
  md << "- " << results.size() << " variants:";
  for (const auto& [k, v] : counts) md << " " << v << " " << k << ";";
  md << " " << mismatches << " differ from their expected verdict\n";
  md << "- also: [report.html](report.html) (offline page; slack figures in figures/ as PNG and PDF), report.tex (LaTeX "
        "appendix: findings and counterexamples), report-supplement.tex (per-variant statistics), report.json\n\n";
  const std::vector<size_t> order = paper_order(results);
  md << "## Summary\n\n| claim | variant | verdict | expected | certified | samples | smallest slack |\n|---|---|---|---|---|---|---|\n";
  for (size_t i : order) {
    const auto& r = results[i];
    std::string slack = min_slack_text(r);
    md << "| " << r.claim << " | " << r.variant << " | **" << verdict_text(r) << "**"
       << (r.matches() ? "" : " (MISMATCH)") << " | " << r.expected_text() << " | "
       << (r.verdict == Verdict::Refuted ? (r.certified ? "yes" : "no") : "-") << " | " << r.samples << " | " << slack << " |\n";
  }
  std::string last;
  for (size_t i : order) {
    const auto& r = results[i];
    if (r.claim != last) {
      md << "\n## " << r.claim << " — " << esc(r.source) << "\n\n" << r.claim_statement << "\n";
      const auto fams = sampled_families(r.claim, results);
      if (!fams.empty()) md << "\nFamilies sampled:\n\n";
      for (const auto& [name, description] : fams) md << "- `" << name << "`: " << description << "\n";
      last = r.claim;
    }
    md << "\n### " << r.variant << ": " << verdict_str(r.verdict) << "\n\n";
    md << "- checked: `" << r.statement << "`\n";
    if (!r.note.empty()) md << "- why: " << r.note << "\n";
    if (r.proof)
      md << "- exact proof: " << r.proof->status
         << (r.proof->certificate.empty() ? std::string() : " — certificate [" + r.proof->certificate + "](" + r.proof->certificate + ") (`stabcheck check-certificate`)")
         << "\n";
    md << "- expected: " << r.expected_text() << (r.matches() ? "" : " — **verdict differs**") << "\n";
    if (!r.reason.empty()) md << "- reason: " << r.reason << "\n";
    md << "- samples: " << r.samples << " (";
    bool first = true;
    for (const auto& [f, n] : r.per_family) { md << (first ? "" : ", ") << f << " " << n; first = false; }
    md << "); deferred to multiprecision by the double screen: " << r.screened_close << "; " << r.seconds << " s\n";
    if (r.counterexample) {
      const auto& ce = *r.counterexample;
      md << "- counterexample (" << r.violations << " confirmed violation(s) before the search stopped; shrunk in "
         << r.shrink_steps << " steps, " << r.shrink_evals << " evaluations), replay `stabcheck replay " << ce.origin.token() << "`:\n\n";
      md << "```\n" << to_text(ce.sample) << "lhs = " << ce.lhs << "\nrhs = " << ce.rhs << "\nrelative slack = " << slack_text(ce) << "\n```\n";
      if (r.certificate)
        md << "- certificate: " << (r.certificate->certified ? "**certified**" : "not certified") << " by "
           << r.certificate->method << "; lhs in " << r.certificate->lhs << ", rhs in " << r.certificate->rhs
           << ", slack in " << r.certificate->slack << "\n";
    }
    if (r.verdict != Verdict::NotCheckable) {
      md << "- coverage:";
      for (const auto& row : coverage_rows(r)) {
        if (row.name == "family") continue;
        md << " " << row.name << " {";
        for (size_t k = 0; k < row.buckets.size(); ++k)
          md << (k ? ", " : "") << row.buckets[k].first << ": " << row.buckets[k].second;
        md << "};";
      }
      md << " within " << fmt_sig(kNearEquality, 3) << " relative slack of equality: " << r.coverage.near_equality << " of "
         << r.samples << "\n";
      for (const auto& [f, h] : r.coverage.slack) {
        md << "  - relative slack, " << f << ":";
        bool first = true;
        for (const auto& [label, n] : slack_rows(h)) { md << (first ? " " : ", ") << label << ": " << n; first = false; }
        md << "\n";
      }
    }
    if (r.search) md << "- adversarial search: " << search_text(*r.search) << "\n";
    if (r.best_constant)
      md << "- best constant: " << best_constant_text(r) << "; attained at `" << r.best_constant->origin.token() << "`\n";
    if (r.tightest && !r.counterexample)
      md << "- tightest sample: relative slack " << slack_text(*r.tightest) << " (" << r.tightest->tier << "), replay `"
         << r.tightest->origin.token() << "`\n";
  }
  return md.str();
}

}  // namespace stabcheck
