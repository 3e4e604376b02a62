// report.tex: the appendix an author attaches (\input-able): the findings (reports/findings.hpp) with the proof map and
// each claim's smallest certified counterexample, at most 8 pages for the full default run.
// report-supplement.tex: the rest, per variant in the paper's order: verdicts, sampling statistics, best constants,
// coverage, and every counterexample with its certificate.
#include "reports/findings.hpp"
#include "reports/report.hpp"
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace stabcheck {

namespace {
// Non-ASCII characters of claim texts: math symbols become math; what LaTeX's utf8 input knows (Latin-1,
// dashes, quotes, section sign) passes; anything else is written as U+XXXX rather than breaking the build.
std::string tex_unicode(char32_t u, const std::string& bytes) {
  static const std::map<char32_t, const char*> math{
      {U'\u03b1', "\\alpha"}, {U'\u03b2', "\\beta"}, {U'\u03b3', "\\gamma"}, {U'\u03b4', "\\delta"}, {U'\u03b5', "\\varepsilon"},
      {U'\u03b7', "\\eta"}, {U'\u03bb', "\\lambda"}, {U'\u03bc', "\\mu"}, {U'\u03c1', "\\rho"}, {U'\u03c3', "\\sigma"},
      {U'\u03a3', "\\Sigma"}, {U'\u2264', "\\le"}, {U'\u2265', "\\ge"}, {U'\u2aaf', "\\preceq"}, {U'\u2ab0', "\\succeq"},
      {U'\u227c', "\\preccurlyeq"}, {U'\u227d', "\\succcurlyeq"}, {U'\u2208', "\\in"}, {U'\u00d7', "\\times"},
      {U'\u2212', "-"}, {U'\u00b7', "\\cdot"}, {U'\u2211', "\\sum"}, {U'\u221a', "\\surd"}, {U'\u2016', "\\|"},
      {U'\u221e', "\\infty"}, {U'\u2192', "\\to"}, {U'\u2260', "\\ne"}, {U'\u2248', "\\approx"}, {U'\u2218', "\\circ"},
      {U'\u2297', "\\otimes"}, {U'\u22a4', "\\top"}, {U'\u2202', "\\partial"}, {U'\u2207', "\\nabla"}};
  auto it = math.find(u);
  if (it != math.end()) return std::string("$") + it->second + "$";
  if ((u >= 0xA0 && u <= 0xFF) || (u >= 0x2013 && u <= 0x201D)) return bytes;
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", unsigned(u));
  return buf;
}

std::string tex(const std::string& s) {
  std::string o;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const unsigned char b = static_cast<unsigned char>(c);
    if (b >= 0x80) {  // one UTF-8 sequence
      size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      char32_t u = n == 4 ? b & 0x07 : n == 3 ? b & 0x0F : n == 2 ? b & 0x1F : 0xFFFD;
      for (size_t k = 1; k < n && i + k < s.size(); ++k) u = (u << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
      o += tex_unicode(u, s.substr(i, n));
      i += n - 1;
      continue;
    }
    switch (c) {
      case '\\': o += "\\textbackslash{}"; break;
      case '&': case '%': case '$': case '#': case '_': case '{': case '}': o += '\\'; o += c; break;
      case '^': o += "\\^{}"; break;
      case '~': o += "\\~{}"; break;
      case '<': o += "$<$"; break;
      case '>': o += "$>$"; break;
      case '|': o += "$|$"; break;
      default: o += c;
    }
  }
  return o;
}
std::string fmt_ratio(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.8g", x);
  return buf;
}
// Coverage (core/coverage.hpp): one row per checked variant, "bucket: samples" per feature.
void coverage_table(std::ostringstream& o, const std::vector<VariantResult>& results, const std::vector<size_t>& order) {
  o << "\\subsection*{Coverage}\n\\noindent Samples per bucket of features computed in double from the exact samples: "
       "largest dimension; smallest rank and largest condition number (on the range, by decade) over the square "
       "matrices; coherence $\\sigma$ of the family $H$ when there is one; and the number of samples within "
    << fmt_sig(kNearEquality, 3) << " relative slack of equality.\n";
  o << "{\\footnotesize\\setlength{\\tabcolsep}{3pt}\n\\begin{longtable}{p{3.1cm}p{1.3cm}p{1.4cm}p{2.3cm}p{1.5cm}r}\n"
       "\\hline claim, variant & dimension & rank & condition number & $\\sigma$ of $H$ & near eq. \\\\ \\hline\\endhead\n";
  for (size_t i : order) {
    const auto& r = results[i];
    if (r.verdict == Verdict::NotCheckable) continue;
    o << "\\texttt{" << tex(r.claim) << "}\\newline\\texttt{" << tex(r.variant) << "}";
    for (const auto& row : coverage_rows(r)) {
      if (row.name == "family") continue;
      const bool cond = row.name.rfind("condition", 0) == 0;
      o << " & {\\raggedright ";
      for (size_t k = 0; k < row.buckets.size(); ++k) {
        const auto& [label, n] = row.buckets[k];
        std::string l = tex(label);
        if (cond && label != "n/a") l = "$10^{" + label.substr(3, label.find(',') - 3) + "}$";  // "[1eK,..." -> 10^K
        o << (k ? ", " : "") << l << ":\\," << n;
      }
      o << "\\par}";
    }
    o << " & " << r.coverage.near_equality << " \\\\\n";
  }
  o << "\\hline\n\\end{longtable}}\n";
}
}  // namespace

std::string latex_escape(const std::string& s) { return tex(s); }

std::string latex_number(const std::string& s, int digits) {
  if (s.empty()) return s;
  try {
    size_t used = 0;
    const double x = std::stod(s, &used);
    if (used == s.size() && std::isfinite(x)) return fmt_sig(x, digits);
  } catch (const std::exception&) {
  }
  return s.substr(0, 24);
}

std::string latex_token(const std::string& token) {
  std::string o;
  for (char c : tex(token)) { o += c; if (c == '/' || c == '.') o += "\\allowbreak{}"; }
  return "\\texttt{" + o + "}";
}

std::string latex_sample(const Sample& s) {
  auto frac = [](const std::string& q) {  // "p/q" -> \tfrac{p}{q}
    auto k = q.find('/');
    if (k == std::string::npos) return q;
    std::string p = q.substr(0, k), d = q.substr(k + 1);
    bool neg = !p.empty() && p[0] == '-';
    return std::string(neg ? "-" : "") + "\\tfrac{" + (neg ? p.substr(1) : p) + "}{" + d + "}";
  };
  std::vector<std::string> items;  // inline math, in reading order; TeX breaks the line between them
  for (const auto& [k, v] : s.ints) items.push_back("$" + tex(k) + " = " + std::to_string(v) + "$");
  for (const auto& [k, v] : s.scalars) items.push_back("$" + tex(k) + " = " + frac(rat_str(v)) + "$");
  auto matrix = [&](const std::string& name, const MatQ& m) {  // entries p/q: \tfrac is unreadable at script size
    std::string o = "$" + name + " = \\left(\\begin{smallmatrix}";
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
      for (Eigen::Index j = 0; j < m.cols(); ++j) o += (j ? " & " : "") + rat_str(m(i, j));
      o += i + 1 < m.rows() ? " \\\\ " : "";
    }
    items.push_back(o + "\\end{smallmatrix}\\right)$");
  };
  for (const auto& [k, m] : s.mats) matrix(tex(k), m);
  for (const auto& [k, f] : s.families)
    for (size_t i = 0; i < f.size(); ++i) matrix(tex(k) + "_{" + std::to_string(i + 1) + "}", f[i]);
  std::string o;
  for (size_t i = 0; i < items.size(); ++i) o += (i ? ", " : "") + items[i];
  return o;
}

namespace {
std::string reproduce_line(const RunInfo& info) {
  return "Git " + tex(info.git) + ", seed " + std::to_string(info.seed) + ", " + std::to_string(info.digits) +
         " digits (confirmation at " + std::to_string(2 * info.digits) + "), " + std::to_string(info.samples) +
         " samples per family; " + tex(info.compiler) + "; " + tex(info.machine) + "; started " + tex(info.started) +
         ". Reproduce with \\texttt{" + tex(info.command) + "}.";
}
}  // namespace

std::string report_latex(const RunInfo& info, const std::vector<VariantResult>& results, const std::string& out_dir) {
  std::ostringstream o;
  long refuted = 0, holds = 0, proved = 0;
  for (const auto& r : results) {
    if (r.verdict == Verdict::Refuted) ++refuted;
    if (r.verdict == Verdict::Holds) ++holds;
    if (r.verdict == Verdict::Proved) ++proved;
  }
  o << "% stabcheck appendix: \\input{report.tex} in a document that loads amsmath, longtable and (for the proof map) graphicx.\n"
       "% The per-variant statistics are in report-supplement.tex (same packages).\n";
  o << "\\section*{Numerical verification of the claims (stabcheck " << tex(info.version) << ")}\n";
  o << "\\noindent Each claim was checked on random exact families, one variant per reading (" << results.size() << " variants: "
    << proved << " proved, " << holds << " hold, " << refuted << " refuted, " << results.size() - proved - holds - refuted
    << " other). A refutation is a violation certified in exact or rigorous ball arithmetic, shrunk and replayable with "
       "\\texttt{stabcheck replay}. Per-variant verdicts, sampling statistics, coverage and every counterexample are in the "
       "supplement (report-supplement.tex) and in report.json.\n";
  o << findings_latex(build_findings(results, registry()), out_dir);
  if (runs_paper_claims(results)) o << derivations_latex(results);  // issue 31: the proofs, link by link (compact)
  o << "{\\sloppy\\paragraph{Reproducibility.} " << reproduce_line(info) << "\\par}\n";
  return o.str();
}

std::string report_latex_supplement(const RunInfo& info, const std::vector<VariantResult>& results) {
  std::ostringstream o;
  const std::vector<size_t> order = paper_order(results);
  o << "% stabcheck supplement: \\input{report-supplement.tex} in a document that loads amsmath and longtable.\n";
  o << "\\section*{Numerical verification: supplement (stabcheck " << tex(info.version) << ")}\n";
  o << "\\noindent Per variant, in the paper's order: verdict, samples, smallest relative slack, best constant, sampling "
       "statistics, coverage and every counterexample. The findings are in report.tex. "
    << reproduce_line(info) << "\n\n";
  o << "\\subsection*{Verdicts}\n";
  o << "{\\footnotesize\\setlength{\\tabcolsep}{3pt}\n\\begin{longtable}{p{3.3cm}p{2.0cm}rp{2.0cm}p{2.8cm}}\n\\hline claim, variant & verdict & "
       "samples & smallest slack & best constant \\\\ \\hline\\endhead\n";
  for (size_t i : order) {
    const auto& r = results[i];
    o << "\\texttt{" << tex(r.claim) << "}\\newline\\texttt{" << tex(r.variant) << "} & " << tex(verdict_text(r))
      << (r.verdict == Verdict::Refuted ? (r.certified ? ", certified" : ", not certified") : "")
      << (r.matches() ? "" : " (expected " + tex(r.expected_text()) + ")") << " & " << r.samples << " & "
      << tex(latex_number(min_slack_text(r), 4)) << " & "
      << (r.best_constant ? tex(r.best_constant->extremum + " " + fmt_ratio(r.best_constant->ratio) + "; " + r.best_constant->verdict) : "--")
      << " \\\\\n";
  }
  o << "\\hline\n\\end{longtable}}\n";
  o << "\\subsection*{Sampling statistics}\n\\noindent Samples per family; deferred: samples the double screen sent to "
       "multiprecision; violations: confirmed at twice the digits; cleared: shown by the exact tier to be rounding; search: "
       "points the adversarial search screened (families with knobs / families), for a variant its samples do not refute.\n";
  o << "{\\footnotesize\\setlength{\\tabcolsep}{3pt}\n\\begin{longtable}{p{3.3cm}p{4.0cm}rrrrr}\n\\hline claim, variant & samples per family & "
       "deferred & violations & cleared & search & seconds \\\\ \\hline\\endhead\n";
  for (size_t i : order) {
    const auto& r = results[i];
    o << "\\texttt{" << tex(r.claim) << "}\\newline\\texttt{" << tex(r.variant) << "} & {\\raggedright ";
    bool first = true;
    for (const auto& [f, n] : r.per_family) { o << (first ? "" : ", ") << tex(f) << ":\\," << n; first = false; }
    o << "\\par} & " << r.screened_close << " & " << r.violations << " & " << r.cleared << " & "
      << (r.search ? std::to_string(r.search->evaluations) + " (" + std::to_string(r.search->searched) + "/" + std::to_string(r.search->families) + ")"
                   : std::string("--"))
      << " & " << fmt_sig(r.seconds, 3) << " \\\\\n";
  }
  o << "\\hline\n\\end{longtable}}\n";
  coverage_table(o, results, order);
  o << "\\subsection*{Counterexamples}\n{\\sloppy\n";
  for (size_t i : order) {
    const auto& r = results[i];
    if (!r.counterexample) continue;
    const auto& ce = *r.counterexample;
    o << "\\paragraph{" << tex(r.claim) << ", " << tex(r.variant) << " (" << tex(r.source) << ").}\n";
    o << "Checked: " << tex(r.statement) << ". Counterexample (shrunk in " << r.shrink_steps << " steps; replay "
      << latex_token(ce.origin.token()) << "):\n";
    o << latex_sample(ce.sample) << ". ";
    o << "Left-hand side $" << tex(latex_number(ce.lhs, 12)) << "$, right-hand side $" << tex(latex_number(ce.rhs, 12)) << "$";
    if (r.certificate)
      o << "; " << (r.certificate->certified ? "certified" : "not certified") << " by " << tex(r.certificate->method)
        << " (slack in " << tex(r.certificate->slack) << ")";
    o << ".\n\n";
  }
  o << "}\n";
  return o.str();
}

}  // namespace stabcheck
