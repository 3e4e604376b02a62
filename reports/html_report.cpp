// report.html: an offline page (inline CSS; the proof map inline SVG; nothing fetched from the network): the findings
// and the proof map on top, then the reproducibility block, the summary table in the paper's order, the experiments'
// figures (DIR/experiments/*.png, written by `stabcheck experiment`) and per claim, collapsible (<details>): statement,
// evidence, counterexample as exact matrices with its replay token, coverage, and the slack figure per variant
// (DIR/figures/, reports/figures.hpp). Figures are files of the report directory referenced by relative paths, so that
// the page's size grows with its text only (about 4 kB a variant), not with the figures; the slack figures load lazily
// (when their claim is opened), so that the page renders without decoding 257 of them.
#include "reports/figures.hpp"
#include "reports/findings.hpp"
#include "reports/report.hpp"
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace stabcheck {

std::string html_escape(const std::string& s) {
  std::string o;
  for (char c : s) o += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '"' ? "&quot;" : std::string(1, c);
  return o;
}

namespace {

std::string h(const std::string& s) { return html_escape(s); }

std::string anchor(const VariantResult& r) {
  std::string a = "v-" + r.claim + "-" + r.variant;
  for (char& c : a) if (!std::isalnum((unsigned char)c) && c != '-' && c != '_') c = '_';
  return a;
}

std::string verdict_span(Verdict v) {
  std::string s = verdict_str(v);
  return "<span class=\"verdict " + s + "\">" + s + "</span>";
}

void matrix(std::ostream& o, const std::string& name, const MatQ& m) {
  o << "<div class=\"mat\"><span class=\"mname\">" << h(name) << " =</span><table class=\"matrix\">";
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    o << "<tr>";
    for (Eigen::Index j = 0; j < m.cols(); ++j) o << "<td>" << h(rat_str(m(i, j))) << "</td>";
    o << "</tr>";
  }
  o << "</table></div>\n";
}

void sample(std::ostream& o, const Sample& s) {
  if (!s.ints.empty() || !s.scalars.empty()) {
    o << "<p class=\"scalars\">";
    bool first = true;
    for (const auto& [k, v] : s.ints) { o << (first ? "" : ", ") << h(k) << " = " << v; first = false; }
    for (const auto& [k, v] : s.scalars) { o << (first ? "" : ", ") << h(k) << " = " << h(rat_str(v)); first = false; }
    o << "</p>\n";
  }
  o << "<div class=\"mats\">";
  for (const auto& [k, m] : s.mats) matrix(o, k, m);
  for (const auto& [k, f] : s.families)
    for (size_t i = 0; i < f.size(); ++i) matrix(o, k + "[" + std::to_string(i + 1) + "]", f[i]);
  o << "</div>\n";
}

void coverage(std::ostream& o, const VariantResult& r) {
  o << "<table class=\"coverage\"><caption>Coverage: samples per bucket (features of the exact samples in double; "
       "see README, Reports)</caption>\n";
  for (const auto& row : coverage_rows(r)) {
    o << "<tr><th>" << h(row.name) << "</th><td>";
    for (const auto& [label, n] : row.buckets) o << "<span class=\"b\">" << h(label) << ": <b>" << n << "</b></span> ";
    o << "</td></tr>\n";
  }
  o << "<tr><th>near equality</th><td><b>" << r.coverage.near_equality << "</b> of " << r.samples
    << " samples within " << fmt_sig(kNearEquality, 3) << " relative slack of equality";
  if (r.coverage.sigma_max > 0)
    o << "; sigma from " << fmt_sig(r.coverage.sigma_min, 4) << " to " << fmt_sig(r.coverage.sigma_max, 4);
  o << "</td></tr>\n";
  if (!r.coverage.slack.empty())  // per family as numbers: in report.md and report.json; drawn in the figure below
    o << "<tr><th>slack per family</th><td>" << r.coverage.slack.size() << " famil" << (r.coverage.slack.size() == 1 ? "y" : "ies")
      << ": the figure below; the counts in <code>report.json</code> (<code>coverage.slack_histogram</code>) and report.md</td></tr>\n";
  o << "</table>\n";
}

// A decimal slack with 4 significant digits for the summary table (the full value is in the claim's section).
std::string short_number(const std::string& s) {
  if (s.empty()) return s;
  try { return fmt_sig(std::stod(s), 4); } catch (const std::exception&) { return s.substr(0, 24); }
}

const char* kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1b1b1b;line-height:1.45}
h1{font-size:1.7em;margin-bottom:.2em} h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em} h3{margin-bottom:.3em}
code,pre,.matrix td{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9em}
table{border-collapse:collapse} th,td{text-align:left;vertical-align:top;padding:.2em .6em}
table.summary td,table.summary th,table.repro td,table.repro th{border-bottom:1px solid #e3e3e3}
table.summary td.n{text-align:right}
.verdict{font-weight:600;padding:0 .4em;border-radius:3px}
.holds{background:#d9f2dd;color:#135e24} .proved{background:#b8e6c1;color:#0b3d17;font-weight:bold} .refuted{background:#fadcdc;color:#8a1414}
.inconclusive{background:#fdebc8;color:#7a4a00} .not-checkable{background:#e6e6e6;color:#444}
.mismatch{color:#b00020;font-weight:700}
.mats{display:flex;flex-wrap:wrap;gap:1.2em;margin:.4em 0} .mat{display:flex;align-items:center;gap:.4em}
table.matrix{border-left:2px solid #333;border-right:2px solid #333;border-radius:4px} table.matrix td{text-align:right;padding:.05em .5em}
table.coverage{margin:.6em 0;font-size:.92em} table.coverage caption{text-align:left;color:#555;font-size:.9em}
table.coverage th{white-space:nowrap;color:#333;font-weight:600} .b{display:inline-block;margin-right:.7em}
figure{margin:.8em 0} figure img{max-width:100%;border:1px solid #eee} figcaption{color:#555;font-size:.9em}
img.fig{width:720px;max-width:100%;height:auto}
details.claim{margin:.6em 0;border-top:1px solid #ddd} details.claim>summary{cursor:pointer;padding:.4em 0}
details.claim>summary h2{display:inline;border:none;font-size:1.25em;margin:0}
.note{background:#fff7e0;border-left:4px solid #e0a800;padding:.4em .8em}
.variant{margin-left:.6em;padding-left:.8em;border-left:3px solid #eee}
)";

void experiments(std::ostream& o, const std::string& out_dir) {
  fs::path dir = fs::path(out_dir) / "experiments";
  std::map<std::string, std::set<std::string>> files;  // stem -> extensions present (.png shown; .pdf, .svg linked)
  std::vector<std::string> notes;                      // the experiments' Markdown summaries, linked
  std::error_code ec;
  if (fs::is_directory(dir, ec))
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      auto ext = e.path().extension().string();
      if (!e.is_regular_file()) continue;
      if (ext == ".md") notes.push_back(e.path().filename().string());
      if (ext == ".png" || ext == ".svg" || ext == ".pdf") files[e.path().stem().string()].insert(ext);
    }
  if (files.empty() && notes.empty()) return;
  std::sort(notes.begin(), notes.end());
  o << "<h2 id=\"experiments\">Experiments</h2>\n<p>Figures written by <code>stabcheck experiment</code> into "
       "<code>experiments/</code> of this report directory.";
  for (const auto& n : notes) o << " <a href=\"experiments/" << h(n) << "\">" << h(n) << "</a>";
  o << "</p>\n";
  for (const auto& [stem, exts] : files) {
    const std::string base = "experiments/" + stem;
    const std::string shown = exts.count(".png") ? ".png" : exts.count(".svg") ? ".svg" : "";
    o << "<figure>";
    if (!shown.empty()) o << "<img class=\"fig\" alt=\"" << h(stem + shown) << "\" src=\"" << h(base + shown) << "\">";
    o << "<figcaption>" << h(stem);
    for (const char* ext : {".pdf", ".svg", ".png"})
      if (exts.count(ext)) o << " <a href=\"" << h(base + ext) << "\">" << (ext + 1) << "</a>";
    o << "</figcaption></figure>\n";
  }
}

}  // namespace

std::string report_html(const RunInfo& info, const std::vector<VariantResult>& results, const std::string& out_dir) {
  std::ostringstream o;
  long mismatches = 0;
  std::map<std::string, long> counts;
  for (const auto& r : results) { if (!r.matches()) ++mismatches; ++counts[verdict_str(r.verdict)]; }
  const std::vector<size_t> order = paper_order(results);
  // the slack figures the run wrote (write_slack_figures) into DIR/figures/
  auto figure_of = [&](const VariantResult& r) {
    std::error_code ec;
    const std::string stem = slack_figure_stem(r);
    return !out_dir.empty() && fs::exists(fs::path(out_dir) / (stem + ".png"), ec) ? stem : std::string();
  };
  std::string figures_note;
  if (!gnuplot_available()) figures_note = "gnuplot was not found (" + gnuplot_command() + "), so there are no slack figures; install gnuplot-nox and rerun.";

  o << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
       "<title>stabcheck report</title><style>" << kStyle << "</style></head><body>\n";
  o << "<h1>stabcheck report</h1>\n<p>" << results.size() << " variants:";
  for (const auto& [k, v] : counts) o << " " << v << " " << verdict_span(parse_verdict(k)) << ";";
  o << " <span class=\"" << (mismatches ? "mismatch" : "") << "\">" << mismatches << " differ from their expected verdict</span>.</p>\n";
  o << findings_html(build_findings(results, registry()), out_dir);  // issue 16: findings and proof map first
  if (runs_paper_claims(results)) o << derivations_html(results);  // issue 31: each proof, link by link

  o << "<h2 id=\"reproducibility\">Reproducibility</h2>\n<table class=\"repro\">\n";
  auto row = [&](const std::string& k, const std::string& v) { o << "<tr><th>" << h(k) << "</th><td>" << v << "</td></tr>\n"; };
  row("reproduce", "<code>" + h(info.command) + "</code> at git <code>" + h(info.git) + "</code>");
  row("tool", "stabcheck " + h(info.version) + ", git " + h(info.git));
  row("seed, digits", std::to_string(info.seed) + "; " + std::to_string(info.digits) + " digits (confirmation at " +
                          std::to_string(2 * info.digits) + ")");
  row("samples", std::to_string(info.samples) + " per family and variant (a variant may override); " + std::to_string(info.jobs) + " job(s)");
  row("started, duration", h(info.started) + "; " + fmt_sig(info.seconds, 4) + " s");
  row("compiler", h(info.compiler));
  row("machine", h(info.machine));
  std::string libs;
  for (const auto& [k, v] : info.libraries) libs += h(k) + " " + h(v) + "; ";
  row("libraries", libs);
  o << "</table>\n";

  o << "<h2 id=\"summary\">Summary</h2>\n<table class=\"summary\"><tr><th>claim</th><th>variant</th><th>verdict</th>"
       "<th>expected</th><th>certified</th><th>samples</th><th>near equality</th><th>smallest slack</th></tr>\n";
  for (size_t i : order) {
    const auto& r = results[i];
    std::string slack = min_slack_text(r);
    o << "<tr><td><a href=\"#" << anchor(r) << "\">" << h(r.claim) << "</a></td><td>" << h(r.variant) << "</td><td>"
      << verdict_span(r.verdict) << (r.matches() ? "" : " <span class=\"mismatch\">MISMATCH</span>") << "</td><td>"
      << h(r.expected_text()) << "</td><td>" << (r.verdict == Verdict::Refuted ? (r.certified ? "yes" : "no") : "-")
      << "</td><td class=\"n\">" << r.samples << "</td><td class=\"n\">" << r.coverage.near_equality << "</td><td><code>"
      << h(short_number(slack)) << "</code></td></tr>\n";
  }
  o << "</table>\n";
  if (!figures_note.empty()) o << "<p class=\"note\">" << h(figures_note) << "</p>\n";

  experiments(o, out_dir);

  o << "<h2 id=\"details\">Claims and variants</h2>\n<p>Per claim in the paper's order (click to open): every variant with its "
       "evidence, counterexample, coverage and slack figure (PNG; the PDF behind each figure's link). The same coverage and "
       "slack histograms as numbers: <code>report.json</code> (<code>coverage</code>, <code>slack_histogram</code>) and the "
       "supplement <code>report-supplement.tex</code>.</p>\n";
  std::string last;
  for (size_t i : order) {
    const auto& r = results[i];
    if (r.claim != last) {
      if (!last.empty()) o << "</details>\n";
      o << "<details class=\"claim\" id=\"" << h("c-" + r.claim) << "\"><summary><h2>" << h(r.claim) << " <small>— " << h(r.source)
        << "</small></h2></summary>\n<p>" << h(r.claim_statement) << "</p>\n";
      const auto fams = sampled_families(r.claim, results);
      if (!fams.empty()) {
        o << "<details class=\"families\"><summary>families sampled (" << fams.size() << ")</summary>\n<dl>\n";
        for (const auto& [name, description] : fams) o << "<dt><code>" << h(name) << "</code></dt><dd>" << h(description) << "</dd>\n";
        o << "</dl></details>\n";
      }
      last = r.claim;
    }
    o << "<div class=\"variant\"><h3 id=\"" << anchor(r) << "\">" << h(r.variant) << ": " << verdict_span(r.verdict) << "</h3>\n<ul>\n";
    o << "<li>checked: <code>" << h(r.statement) << "</code> (relation " << h(r.relation) << ")</li>\n";
    if (!r.note.empty()) o << "<li>why: " << h(r.note) << "</li>\n";
    if (r.proof)
      o << "<li>exact proof: " << h(r.proof->status)
        << (r.proof->certificate.empty() ? std::string()
                                         : " — certificate <a href=\"" + h(r.proof->certificate) + "\"><code>" + h(r.proof->certificate) + "</code></a>")
        << "</li>\n";
    o << "<li>expected: " << (r.recorded ? verdict_span(r.expected) : std::string("none recorded")) << (r.matches() ? "" : " <span class=\"mismatch\">verdict differs</span>") << "</li>\n";
    if (!r.reason.empty()) o << "<li>reason: " << h(r.reason) << "</li>\n";
    o << "<li>evidence: " << r.samples << " samples; " << r.screened_close << " deferred to multiprecision by the double screen; "
      << r.violations << " confirmed violation(s) at " << 2 * r.digits << " digits; " << fmt_sig(r.seconds, 3) << " s</li>\n";
    if (r.search) o << "<li>adversarial search: " << h(search_text(*r.search)) << "</li>\n";
    if (r.best_constant)
      o << "<li>best constant: " << h(best_constant_text(r)) << "; attained at <code>stabcheck replay " << h(r.best_constant->origin.token())
        << "</code></li>\n";
    if (r.tightest && !r.counterexample)
      o << "<li>tightest sample: relative slack <code>" << h(slack_text(*r.tightest)) << "</code> (" << h(r.tightest->tier)
        << "), replay <code>stabcheck replay " << h(r.tightest->origin.token()) << "</code></li>\n";
    o << "</ul>\n";
    if (r.counterexample) {
      const auto& ce = *r.counterexample;
      o << "<h4>Counterexample</h4>\n<p>Replay: <code>stabcheck replay " << h(ce.origin.token()) << "</code> (shrunk in "
        << r.shrink_steps << " steps, " << r.shrink_evals << " evaluations). Exact inputs:</p>\n";
      sample(o, ce.sample);
      o << "<p>lhs = <code>" << h(ce.lhs) << "</code><br>rhs = <code>" << h(ce.rhs) << "</code><br>relative slack = <code>"
        << h(slack_text(ce)) << "</code> (" << h(ce.tier) << ")</p>\n";
      if (r.certificate)
        o << "<p>Certificate: <b>" << (r.certificate->certified ? "certified" : "not certified") << "</b> by "
          << h(r.certificate->method) << "; lhs in <code>" << h(r.certificate->lhs) << "</code>, rhs in <code>"
          << h(r.certificate->rhs) << "</code>, slack in <code>" << h(r.certificate->slack) << "</code>.</p>\n";
    }
    if (r.verdict != Verdict::NotCheckable) coverage(o, r);
    if (const std::string stem = figure_of(r); !stem.empty())
      o << "<figure><a href=\"" << h(stem) << ".pdf\"><img class=\"fig\" loading=\"lazy\" decoding=\"async\" width=\"720\" alt=\"relative slack of " << h(r.claim + " " + r.variant)
        << "\" src=\"" << h(stem) << ".png\"></a><figcaption>Distribution of the relative slack of " << h(r.claim) << " / "
        << h(r.variant) << ": samples per decade of log10(relative slack), per family; \"0\" is equality, \"violated\" a "
        << "negative slack beyond the working tolerance (PDF: click the figure).</figcaption></figure>\n";
    o << "</div>\n";
  }
  if (!last.empty()) o << "</details>\n";
  o << "<p><small>Written by stabcheck " << h(info.version) << " on " << h(info.started)
    << ". Every figure on this page is measured by the run that wrote it.</small></p>\n"
       "<script>function openTarget(){var e=location.hash&&document.getElementById(decodeURIComponent(location.hash.slice(1)));"
       "for(;e;e=e.parentElement)if(e.tagName==='DETAILS')e.open=true;}window.addEventListener('hashchange',openTarget);openTarget();</script>\n"
       "</body></html>\n";
  return o.str();
}

}  // namespace stabcheck
