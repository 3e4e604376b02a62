// report.tex: a self-contained appendix fragment (\input-able): one table of all claims and variants and,
// for each refutation, the counterexample as exact matrices with both sides of the bound.
#include "reports/report.hpp"
#include <sstream>

namespace stabcheck {

namespace {
std::string tex(const std::string& s) {
  std::string o;
  for (char c : s) {
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
std::string short_slack(const std::string& s) { return s.size() > 12 ? s.substr(0, 10) + s.substr(s.find('e') == std::string::npos ? s.size() : s.find('e')) : s; }
}  // namespace

std::string report_latex(const RunInfo& info, const std::vector<VariantResult>& results) {
  std::ostringstream o;
  o << "% stabcheck report: \\input{report.tex} in a document that loads amsmath and longtable.\n";
  o << "\\section*{Numerical verification (stabcheck " << tex(info.version) << ")}\n";
  o << "\\noindent Git " << tex(info.git) << ", seed " << info.seed << ", " << info.digits << " digits (confirmation at "
    << 2 * info.digits << "), " << info.samples << " samples per family; " << tex(info.compiler) << "; " << tex(info.machine)
    << "; started " << tex(info.started) << ". Reproduce with \\texttt{" << tex(info.command) << "}.\n\n";
  o << "\\begin{longtable}{llllrl}\n\\hline claim & variant & verdict & certified & samples & smallest slack \\\\ \\hline\\endhead\n";
  for (const auto& r : results) {
    std::string slack = r.counterexample ? r.counterexample->slack : r.tightest ? r.tightest->slack : "";
    o << "\\texttt{" << tex(r.claim) << "} & \\texttt{" << tex(r.variant) << "} & " << verdict_str(r.verdict)
      << (r.matches() ? "" : " (expected " + verdict_str(r.expected) + ")") << " & "
      << (r.verdict == Verdict::Refuted ? (r.certified ? "yes" : "no") : "--") << " & " << r.samples << " & "
      << tex(short_slack(slack)) << " \\\\\n";
  }
  o << "\\hline\n\\end{longtable}\n";
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
