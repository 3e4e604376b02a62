// report.tex: a self-contained appendix fragment (\input-able): one table of all claims and variants and,
// for each refutation, the counterexample as exact matrices with both sides of the bound.
#include "reports/findings.hpp"
#include "reports/report.hpp"
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
std::string num(const std::string& s) {  // "p/q" -> \tfrac{p}{q}
  auto k = s.find('/');
  if (k == std::string::npos) return s;
  std::string p = s.substr(0, k), q = s.substr(k + 1);
  bool neg = !p.empty() && p[0] == '-';
  return std::string(neg ? "-" : "") + "\\tfrac{" + (neg ? p.substr(1) : p) + "}{" + q + "}";
}
void matrix(std::ostringstream& o, const std::string& name, const MatQ& m) {
  o << name << " = \\begin{pmatrix}";
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    for (Eigen::Index j = 0; j < m.cols(); ++j) o << (j ? " & " : "") << num(rat_str(m(i, j)));
    o << (i + 1 < m.rows() ? " \\\\ " : "");
  }
  o << "\\end{pmatrix}";
}
// Coverage (core/coverage.hpp): one row per checked variant, "bucket: samples" per feature.
void coverage_table(std::ostringstream& o, const std::vector<VariantResult>& results) {
  o << "\\subsection*{Coverage}\n\\noindent Samples per bucket of features computed in double from the exact samples: "
       "largest dimension; smallest rank and largest condition number (on the range, by decade) over the square "
       "matrices; coherence $\\sigma$ of the family $H$ when there is one; and the number of samples within "
    << fmt_sig(kNearEquality, 3) << " relative slack of equality.\n";
  o << "{\\footnotesize\\setlength{\\tabcolsep}{3pt}\n\\begin{longtable}{p{3.1cm}p{1.3cm}p{1.4cm}p{2.3cm}p{1.5cm}r}\n"
       "\\hline claim, variant & dimension & rank & condition number & $\\sigma$ of $H$ & near eq. \\\\ \\hline\\endhead\n";
  for (const auto& r : results) {
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

static std::string fmt_ratio(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.8g", x);
  return buf;
}

std::string report_latex(const RunInfo& info, const std::vector<VariantResult>& results, const std::string& out_dir) {
  std::ostringstream o;
  o << "% stabcheck report: \\input{report.tex} in a document that loads amsmath and longtable.\n";
  o << "\\section*{Numerical verification (stabcheck " << tex(info.version) << ")}\n";
  o << findings_latex(build_findings(results, registry()), out_dir, tex);  // issue 16: findings first
  o << "\\noindent Git " << tex(info.git) << ", seed " << info.seed << ", " << info.digits << " digits (confirmation at "
    << 2 * info.digits << "), " << info.samples << " samples per family; " << tex(info.compiler) << "; " << tex(info.machine)
    << "; started " << tex(info.started) << ". Reproduce with \\texttt{" << tex(info.command) << "}.\n\n";
  o << "{\\footnotesize\\setlength{\\tabcolsep}{4pt}\n\\begin{longtable}{llllrll}\n\\hline claim & variant & verdict & certified & samples & smallest slack & best constant \\\\ \\hline\\endhead\n";
  for (const auto& r : results) {
    std::string slack = min_slack_text(r);
    o << "\\texttt{" << tex(r.claim) << "} & \\texttt{" << tex(r.variant) << "} & " << tex(verdict_text(r))
      << (r.matches() ? "" : " (expected " + r.expected_text() + ")") << " & "
      << (r.verdict == Verdict::Refuted ? (r.certified ? "yes" : "no") : "--") << " & " << r.samples << " & "
      << tex(slack) << " & " << tex(r.best_constant ? r.best_constant->extremum + " " + fmt_ratio(r.best_constant->ratio) : "--")
      << " \\\\\n";
  }
  o << "\\hline\n\\end{longtable}}\n";
  coverage_table(o, results);
  for (const auto& r : results) {
    if (!r.counterexample) continue;
    const auto& ce = *r.counterexample;
    o << "\\subsection*{" << tex(r.claim) << ", " << tex(r.variant) << " (" << tex(r.source) << ")}\n";
    o << "Checked: \\texttt{" << tex(r.statement) << "}. Counterexample (replay \\texttt{" << tex(ce.origin.token()) << "}):\n";
    bool first = true;
    if (!ce.sample.ints.empty() || !ce.sample.scalars.empty()) o << "\\[";
    for (const auto& [k, v] : ce.sample.ints) { o << (first ? "" : ",\\quad ") << tex(k) << " = " << v; first = false; }
    for (const auto& [k, v] : ce.sample.scalars) { o << (first ? "" : ",\\quad ") << tex(k) << " = " << num(rat_str(v)); first = false; }
    if (!first) o << "\\]\n";
    for (const auto& [k, m] : ce.sample.mats) { o << "\\[ "; matrix(o, tex(k), m); o << " \\]\n"; }
    for (const auto& [k, f] : ce.sample.families)
      for (size_t i = 0; i < f.size(); ++i) { o << "\\[ "; matrix(o, tex(k) + "_{" + std::to_string(i + 1) + "}", f[i]); o << " \\]\n"; }
    o << "Left-hand side $" << tex(ce.lhs.substr(0, 30)) << "$, right-hand side $" << tex(ce.rhs.substr(0, 30)) << "$";
    if (r.certificate)
      o << "; " << (r.certificate->certified ? "certified" : "not certified") << " by " << tex(r.certificate->method)
        << " (slack in " << tex(r.certificate->slack) << ")";
    o << ".\n\n";
  }
  return o.str();
}

}  // namespace stabcheck
