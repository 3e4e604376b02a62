// Findings in the paper's order and the proof map (reports/findings.hpp: the status rule).
#include "reports/findings.hpp"
#include "reports/report.hpp"
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace stabcheck {

namespace {

std::string f_lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
bool f_contains(const std::string& s, const char* w) { return s.find(w) != std::string::npos; }

// The paper's order: exact IDs, or prefixes ending in '-' / '*' (then alphabetical within the prefix).
const std::vector<std::string>& f_paper_order() {
  static const std::vector<std::string> order{
      // §C.6
      "LEM-C1", "LEM-C2", "LEM-C3", "LEM-C4", "LEM-C5", "LEM-C6",
      // §C.7: the decomposition (14)-(16), then parts 1-3
      "THM-C7-DECOMP", "THM-C7-1", "THM-C7-2", "THM-C7-3", "THM-C7-*",
      // §C.8
      "ID-33", "THM-C8-RECURSION", "THM-C8-MK-IDENTITY", "THM-C8-PRUNE", "EQ-38-39-PRUNING", "THM-C8-TRACE-LB", "THM-C8-SIGMA-CHAIN",
      "THM-C8-SIGMA-LB", "THM-C8-DIVERGENCE", "THM-C8-*",
      // §C.9
      "THM-C9-EPS-EQUIV", "THM-C9-NR-BOUND", "EQ-64-CHAIN", "THM-C9-S-BOUND", "EQ-67-CHAIN", "THM-C9-NR-UPPER",
      "THM-C9-CONVERGENCE", "THM-C9-*",
      // §C.10-C.13 and the main text's theorems
      "EX-C1-CR-CONSTRUCTION", "THM-3.3", "THM-3.4-MEMORIZING-DIAGONAL", "THM-3.5-CHERNOFF", "THM-3.6-SAM-COHERENCE",
      "THM-3.*",
      // Dexter et al. (2024)
      "DEXTER-*"};
  return order;
}

bool f_holds(Verdict v) { return v == Verdict::Holds || v == Verdict::Proved; }
bool f_refuted(const VariantResult& r) { return r.verdict == Verdict::Refuted && r.established(); }

std::string f_join(const std::vector<std::string>& v, const std::string& sep) {
  std::string o;
  for (size_t i = 0; i < v.size(); ++i) o += (i ? sep : "") + v[i];
  return o;
}

std::string f_md(const std::string& s) {  // inside a Markdown table cell
  std::string o;
  for (char c : s) { if (c == '|') o += "\\|"; else if (c == '\n') o += ' '; else o += c; }
  return o;
}
std::string f_dotq(const std::string& s) {  // a DOT double-quoted string
  std::string o;
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    o += c;
  }
  return o;
}
std::string f_short(const std::string& s, size_t n) {  // at most n characters, cut at a space, "..." when cut
  if (s.size() <= n) return s;
  auto k = s.rfind(' ', n - 3);
  return s.substr(0, k == std::string::npos || k < n / 2 ? n - 3 : k) + " ...";
}
std::string f_shell(const std::string& s) {
  std::string o = "'";
  for (char c : s) { if (c == '\'') o += "'\\''"; else o += c; }
  return o + "'";
}

std::string f_slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Where the statement of a finding stands, as one sentence for the tables.
std::string f_verdict_line(const Finding& f) {
  switch (f.status) {
    case ClaimStatus::RefutedAsPrinted: return "refuted as printed";
    case ClaimStatus::HoldsOnlyAsRepaired: return "refuted as printed; holds only as repaired";
    case ClaimStatus::Proved: return "proved";
    case ClaimStatus::Holds: return "holds on all samples";
    case ClaimStatus::NotCheckable: return "not checkable";
  }
  return "";
}

}  // namespace

namespace {
/// A status's words and its colours (Graphviz name for the proof map's edges, fill for its nodes).
struct StatusStyle {
  const char *name, *colour, *fill;
};
StatusStyle style_of(ClaimStatus s) {
  switch (s) {
    case ClaimStatus::RefutedAsPrinted: return {"refuted as printed", "red", "#d62728"};
    case ClaimStatus::Holds: return {"holds", "green", "#5cb85c"};
    case ClaimStatus::Proved: return {"proved", "darkgreen", "#0b5d1e"};
    case ClaimStatus::HoldsOnlyAsRepaired: return {"holds only as repaired", "orange", "#ff9f1c"};
    case ClaimStatus::NotCheckable: return {"not checkable", "grey", "#bdbdbd"};
  }
  return {"?", "grey", "#bdbdbd"};
}
}  // namespace

std::string status_str(ClaimStatus s) { return style_of(s).name; }
std::string status_colour(ClaimStatus s) { return style_of(s).colour; }
std::string status_fill(ClaimStatus s) { return style_of(s).fill; }

int paper_rank(const std::string& id) {
  const auto& order = f_paper_order();
  for (size_t i = 0; i < order.size(); ++i) {
    const std::string& key = order[i];
    if (key.back() == '*') {
      if (id.rfind(key.substr(0, key.size() - 1), 0) == 0) return int(i);
    } else if (id == key || id.rfind(key + "-", 0) == 0) {
      return int(i);
    }
  }
  return int(order.size());
}

bool paper_less(const std::string& a, const std::string& b) {
  const int ra = paper_rank(a), rb = paper_rank(b);
  return ra != rb ? ra < rb : a < b;
}

bool is_repaired(const VariantResult& r) { return is_repair(r.variant, r.note); }

bool is_literal(const VariantResult& r, const Claim* c) {
  if (is_repaired(r)) return false;
  auto named_after = [](const std::string& slug, const Reading& rd) {
    const std::string n = f_lower(rd.name), s = f_lower(slug);
    return !n.empty() && (s == n || s.rfind(n + ".", 0) == 0);
  };
  if (c) {
    for (const auto& rd : c->readings)
      if (rd.chosen && named_after(r.variant, rd)) return true;
    // the chosen reading names a variant of the claim: a variant named after another reading is not the statement
    bool chosen_named = false;
    for (const auto& rd : c->readings)
      for (const auto& v : c->variants) chosen_named = chosen_named || (rd.chosen && named_after(v.slug, rd));
    if (chosen_named)
      for (const auto& rd : c->readings)
        if (!rd.chosen && named_after(r.variant, rd)) return false;
  }
  const std::string t = f_lower(r.variant + " " + r.note);
  for (const char* w : {"as stated", "as-stated", "printed", "chosen", "literal"})
    if (f_contains(t, w)) return true;
  return false;
}

std::string best_constant_short(const VariantResult& r) {
  if (!r.best_constant) return "";
  const auto& b = *r.best_constant;
  const auto k = b.verdict.find(':');
  return b.extremum + " " + fmt_sig(b.ratio, 6) + " (" + (k == std::string::npos ? b.verdict : b.verdict.substr(0, k)) + ")";
}

std::vector<size_t> paper_order(const std::vector<VariantResult>& results) {
  std::vector<size_t> idx(results.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    return paper_less(results[a].claim, results[b].claim);
  });
  return idx;
}

long entries(const Sample& s) {
  long n = long(s.scalars.size() + s.ints.size());
  for (const auto& [k, m] : s.mats) n += long(m.size());
  for (const auto& [k, f] : s.families) for (const auto& m : f) n += long(m.size());
  return n;
}

ClaimStatus claim_status(const std::vector<const VariantResult*>& variants, const Claim* c) {
  std::vector<const VariantResult*> lit, plain, rep;
  for (const auto* r : variants) {
    if (is_repaired(*r)) rep.push_back(r);
    else plain.push_back(r);
    if (is_literal(*r, c)) lit.push_back(r);
  }
  auto any_refuted = [](const auto& v) { return std::any_of(v.begin(), v.end(), [](auto* r) { return f_refuted(*r); }); };
  auto any_holds = [](const auto& v) { return std::any_of(v.begin(), v.end(), [](auto* r) { return f_holds(r->verdict); }); };
  auto decided_all_proved = [](const auto& v) {
    bool any = false;
    for (auto* r : v) {
      if (r->verdict == Verdict::Holds) return false;
      if (r->verdict == Verdict::Proved) any = true;
    }
    return any;
  };
  if (!lit.empty()) {
    if (any_refuted(lit)) return any_holds(rep) ? ClaimStatus::HoldsOnlyAsRepaired : ClaimStatus::RefutedAsPrinted;
    if (std::all_of(lit.begin(), lit.end(), [](auto* r) { return r->verdict == Verdict::Proved; })) return ClaimStatus::Proved;
    if (any_holds(lit)) return ClaimStatus::Holds;
    return ClaimStatus::NotCheckable;
  }
  if (any_refuted(plain)) return ClaimStatus::RefutedAsPrinted;
  if (any_holds(plain)) return decided_all_proved(plain) ? ClaimStatus::Proved : ClaimStatus::Holds;
  if (any_holds(rep)) return ClaimStatus::HoldsOnlyAsRepaired;
  return ClaimStatus::NotCheckable;
}

std::vector<Finding> build_findings(const std::vector<VariantResult>& results, const std::vector<Claim>& claims) {
  std::map<std::string, std::vector<const VariantResult*>> by_claim;
  std::vector<std::string> ids;
  for (const auto& r : results) {
    if (!by_claim.count(r.claim)) ids.push_back(r.claim);
    by_claim[r.claim].push_back(&r);
  }
  std::stable_sort(ids.begin(), ids.end(), paper_less);
  std::map<std::string, const Claim*> reg;
  for (const auto& c : claims) reg[c.id] = &c;

  std::vector<Finding> out;
  std::map<std::string, ClaimStatus> status;
  for (const auto& id : ids) {
    const auto& vs = by_claim[id];
    const Claim* c = reg.count(id) ? reg[id] : nullptr;
    Finding f;
    f.id = id;
    f.source = c ? c->source : vs.front()->source;
    f.statement = c ? c->statement : vs.front()->claim_statement;
    if (c) f.uses = c->uses;
    f.variants = long(vs.size());
    f.status = claim_status(vs, c);
    long best_entries = 0, best_complexity = 0;
    bool best_literal = false;
    // the counterexample of the printed statement when it has one, else of any reading
    const bool literal_ce = std::any_of(vs.begin(), vs.end(), [&](const VariantResult* r) {
      return f_refuted(*r) && r->certified && r->counterexample && is_literal(*r, c);
    });
    for (const auto* r : vs) {
      const bool lit = is_literal(*r, c);
      if (lit) f.literal.push_back(r->variant);
      if (f_holds(r->verdict)) f.holding.push_back(r->variant + (r->verdict == Verdict::Proved ? " (proved)" : ""));
      if (f_refuted(*r)) f.refuted.push_back(r->variant);
      if (f_refuted(*r) && r->certified && r->counterexample && (lit || !literal_ce)) {
        const long e = entries(r->counterexample->sample), x = r->counterexample->sample.complexity();
        // fewest entries, then smallest complexity, then the literal reading's, then the first
        if (!f.counterexample || e < best_entries || (e == best_entries && x < best_complexity) ||
            (e == best_entries && x == best_complexity && lit && !best_literal)) {
          f.counterexample = r;
          best_entries = e;
          best_complexity = x;
          best_literal = lit;
        }
      }
    }
    for (const auto* r : vs)
      if (r->best_constant) f.best_constants.push_back(r);
    for (int pass = 0; pass < 3 && !f.best_constant; ++pass)
      for (const auto* r : f.best_constants)
        if (pass == 2 || (pass == 1 && !is_repaired(*r)) || (pass == 0 && is_literal(*r, c))) { f.best_constant = r; break; }
    status[id] = f.status;
    out.push_back(std::move(f));
  }
  std::map<std::pair<std::string, std::string>, const VariantResult*> by_variant;
  for (const auto& r : results) by_variant[{r.claim, r.variant}] = &r;
  for (auto& f : out) {
    for (const auto& u : f.uses) {
      const Use use = parse_use(u);
      if (!use.variant.empty()) {  // the reading the proof uses: refuted when that variant is
        auto r = by_variant.find({use.claim, use.variant});
        if (r != by_variant.end() && f_refuted(*r->second)) f.refuted_uses.push_back(u);
        continue;
      }
      auto it = status.find(use.claim);
      if (it != status.end() && (it->second == ClaimStatus::RefutedAsPrinted || it->second == ClaimStatus::HoldsOnlyAsRepaired))
        f.refuted_uses.push_back(u);
    }
    if (!f.refuted_uses.empty() && (f.status == ClaimStatus::Holds || f.status == ClaimStatus::Proved))
      f.flag = std::string(f.status == ClaimStatus::Proved ? "statement proved" : "statement holds on all samples") +
               "; proof step" + (f.refuted_uses.size() > 1 ? "s " : " ") + f_join(f.refuted_uses, ", ") +
               (f.refuted_uses.size() > 1 ? " are" : " is") + " refuted";
  }
  return out;
}

std::string proof_map_dot(const std::vector<Finding>& findings) {
  std::ostringstream o;
  std::set<std::string> known;
  for (const auto& f : findings) known.insert(f.id);
  o << "// The proof map of stabcheck: an edge Y -> X when the proof of X uses Y (core/claim.hpp, Claim::uses).\n";
  o << "digraph proofmap {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n"
       "  edge [color=\"#555555\"];\n";
  o << "  subgraph cluster_legend {\n    label=\"status\"; fontname=\"Helvetica\"; fontsize=10; color=\"#bbbbbb\";\n";
  for (ClaimStatus s : {ClaimStatus::RefutedAsPrinted, ClaimStatus::HoldsOnlyAsRepaired, ClaimStatus::Holds, ClaimStatus::Proved,
                        ClaimStatus::NotCheckable}) {
    const std::string c = status_colour(s);
    o << "    \"legend: " << status_str(s) << "\" [label=\"" << status_str(s) << "\", fillcolor=\"" << status_fill(s) << "\", fontcolor=\""
      << (c == "red" || c == "darkgreen" ? "white" : "black") << "\"];  // " << c << "\n";
  }
  o << "  }\n";
  std::set<std::string> missing;
  for (const auto& f : findings) {
    const std::string c = status_colour(f.status);
    o << "  \"" << f_dotq(f.id) << "\" [label=\"" << f_dotq(f.id) << "\\n" << f_dotq(f_short(f.source, 44)) << "\\n"
      << status_str(f.status) << (f.flag.empty() ? "" : "; a proof step is refuted") << "\", fillcolor=\"" << status_fill(f.status)
      << "\", fontcolor=\"" << (c == "red" || c == "darkgreen" ? "white" : "black") << "\""
      << (f.flag.empty() ? "" : ", penwidth=3, color=\"" + status_fill(ClaimStatus::RefutedAsPrinted) + "\"") << "];  // " << c << "\n";
    for (const auto& u : f.uses) if (!known.count(parse_use(u).claim)) missing.insert(parse_use(u).claim);
  }
  for (const auto& m : missing)
    o << "  \"" << f_dotq(m) << "\" [label=\"" << f_dotq(m) << "\\nnot run\", style=\"rounded,dashed\", fillcolor=\"white\", color=\"grey\"];\n";
  for (const auto& f : findings)
    for (const auto& u : f.uses) o << "  \"" << f_dotq(parse_use(u).claim) << "\" -> \"" << f_dotq(f.id) << "\";\n";
  o << "}\n";
  return o.str();
}

std::string dot_command() {
  const char* e = std::getenv("STABCHECK_DOT");
  return e && *e ? e : "dot";
}

bool dot_available() {
  return std::system(("command -v " + f_shell(dot_command()) + " >/dev/null 2>&1").c_str()) == 0;
}

ProofMap write_proof_map(const std::string& dir, const std::vector<Finding>& findings) {
  ProofMap pm;
  const fs::path d(dir);
  write_atomically((d / "proof-map.dot").string(), proof_map_dot(findings));
  std::error_code ec;
  fs::remove(d / "proof-map.svg", ec);  // never a stale figure from an earlier run
  fs::remove(d / "proof-map.pdf", ec);
  if (!dot_available()) {
    pm.note = "Graphviz's dot was not found (" + dot_command() + "): only proof-map.dot was written (apt-get install graphviz to draw it).";
    return pm;
  }
  bool ok = true;
  for (const char* fmt : {"svg", "pdf"}) {
    const std::string cmd = "timeout 120 " + f_shell(dot_command()) + " -T" + fmt + " " + f_shell((d / "proof-map.dot").string()) +
                            " -o " + f_shell((d / (std::string("proof-map.") + fmt)).string()) + " 2>/dev/null";
    ok = std::system(cmd.c_str()) == 0 && ok;
  }
  pm.drawn = ok && fs::exists(d / "proof-map.svg") && fs::exists(d / "proof-map.pdf");
  pm.note = pm.drawn ? "proof-map.svg and proof-map.pdf drawn by " + dot_command() + " from proof-map.dot"
                     : "dot failed on proof-map.dot: the proof map was not drawn";
  return pm;
}

std::string findings_markdown(const std::vector<Finding>& findings) {
  std::ostringstream o;
  o << "## Findings\n\n";
  o << "Per claim, in the paper's order: the status of the statement as printed (reports/findings.hpp gives the rule), "
       "the variants that hold, the smallest certified counterexample and the proof steps it uses that are refuted.\n\n";
  o << "| claim | source | status | holds | best constant | smallest certified counterexample | proof steps |\n|---|---|---|---|---|---|---|\n";
  for (const auto& f : findings) {
    o << "| " << f.id << " | " << f_md(f.source) << " | **" << status_str(f.status) << "** | " << f.holding.size() << " of " << f.variants
      << " | " << (f.best_constant ? "`" + f.best_constant->variant + "`: " + best_constant_short(*f.best_constant) : "-")
      << " | " << (f.counterexample ? "`" + f.counterexample->variant + "`, " + std::to_string(entries(f.counterexample->counterexample->sample)) + " entries" : "-")
      << " | " << (f.flag.empty() ? (f.uses.empty() ? "-" : "uses " + f_join(f.uses, ", ")) : "**" + f_md(f.flag) + "**") << " |\n";
  }
  o << "\nProof map: [proof-map.dot](proof-map.dot)";
  if (dot_available()) o << ", drawn as [proof-map.svg](proof-map.svg) and proof-map.pdf";
  else o << " (Graphviz's dot was not found: the map was not drawn; apt-get install graphviz)";
  o << " (red: refuted as printed, orange: holds only as repaired, green: holds, dark green: proved, grey: not checkable).\n";
  for (const auto& f : findings) {
    o << "\n### " << f.id << " — " << f.source << ": " << status_str(f.status) << "\n\n";
    o << "> " << f.statement << "\n\n";
    o << "- status: **" << f_verdict_line(f) << "**";
    if (!f.literal.empty()) o << " (literal reading: " << f_join(f.literal, ", ") << ")";
    o << "\n";
    if (!f.flag.empty()) o << "- **" << f.flag << "**\n";
    o << "- hold: " << (f.holding.empty() ? "none" : f_join(f.holding, ", ")) << "\n";
    if (!f.refuted.empty()) o << "- refuted: " << f_join(f.refuted, ", ") << "\n";
    if (!f.uses.empty()) o << "- proof uses: " << f_join(f.uses, ", ") << "\n";
    for (const auto* r : f.best_constants) o << "- best constant, " << r->variant << ": " << best_constant_text(*r) << "\n";
    if (f.counterexample) {
      const auto& r = *f.counterexample;
      const auto& ce = *r.counterexample;
      o << "- smallest certified counterexample (" << r.variant << ": `" << r.statement << "`; " << entries(ce.sample)
        << " entries), replay `stabcheck replay " << ce.origin.token() << "`:\n\n";
      o << "```\n" << to_text(ce.sample) << "lhs = " << ce.lhs << "\nrhs = " << ce.rhs << "\nrelative slack = " << slack_text(ce) << "\n```\n";
    }
  }
  o << "\n";
  return o.str();
}

std::string findings_html(const std::vector<Finding>& findings, const std::string& out_dir) {
  std::ostringstream o;
  const char* cls[] = {"refuted", "holds", "proved", "inconclusive", "not-checkable"};
  auto span = [&](ClaimStatus s) {
    return "<span class=\"verdict " + std::string(cls[int(s)]) + "\">" + html_escape(status_str(s)) + "</span>";
  };
  o << "<h2 id=\"findings\">Findings</h2>\n<p>Per claim, in the paper's order: the status of the statement as printed, the "
       "variants that hold, the smallest certified counterexample, and the proof steps it uses that are refuted.</p>\n";
  o << "<table class=\"summary findings\"><tr><th>claim</th><th>source</th><th>status</th><th>holds</th><th>best constant</th>"
       "<th>smallest certified counterexample</th><th>proof steps</th></tr>\n";
  for (const auto& f : findings) {
    o << "<tr><td><a href=\"#f-" << html_escape(f.id) << "\">" << html_escape(f.id) << "</a></td><td>" << html_escape(f.source) << "</td><td>" << span(f.status)
      << "</td><td class=\"n\">" << f.holding.size() << " of " << f.variants << "</td><td>"
      << (f.best_constant ? "<code>" + html_escape(f.best_constant->variant) + "</code>: " + html_escape(best_constant_short(*f.best_constant)) : "-")
      << "</td><td>"
      << (f.counterexample ? "<code>" + html_escape(f.counterexample->variant) + "</code>, " + std::to_string(entries(f.counterexample->counterexample->sample)) + " entries" : "-")
      << "</td><td>" << (f.flag.empty() ? html_escape(f.uses.empty() ? "-" : "uses " + f_join(f.uses, ", ")) : "<b class=\"mismatch\">" + html_escape(f.flag) + "</b>")
      << "</td></tr>\n";
  }
  o << "</table>\n";
  o << "<h3 id=\"proof-map\">Proof map</h3>\n";
  const fs::path svg = fs::path(out_dir) / "proof-map.svg";
  std::error_code ec;
  if (!out_dir.empty() && fs::exists(svg, ec)) {
    std::string s = f_slurp(svg);
    auto k = s.find("<svg");
    o << "<p>The claims' declared <code>uses</code> (an arrow from Y to X: the proof of X uses Y); red: refuted as printed, "
         "orange: holds only as repaired, green: holds, dark green: proved, grey: not checkable. Source: "
         "<a href=\"proof-map.dot\">proof-map.dot</a>.</p>\n<style>.proofmap svg{max-width:100%;height:auto}</style><div class=\"proofmap\">"
      << (k == std::string::npos ? std::string() : s.substr(k)) << "</div>\n";
  } else {
    o << "<p class=\"note\">The proof map was not drawn: Graphviz's dot was not found (" << html_escape(dot_command())
      << "); its source is <a href=\"proof-map.dot\">proof-map.dot</a> (apt-get install graphviz and rerun).</p>\n";
  }
  for (const auto& f : findings) {
    o << "<details id=\"f-" << html_escape(f.id) << "\"><summary><b>" << html_escape(f.id) << "</b> — " << html_escape(f.source) << ": " << span(f.status) << "</summary>\n";
    o << "<blockquote>" << html_escape(f.statement) << "</blockquote>\n<ul>\n<li>status: <b>" << html_escape(f_verdict_line(f)) << "</b>"
      << (f.literal.empty() ? "" : " (literal reading: " + html_escape(f_join(f.literal, ", ")) + ")") << "</li>\n";
    if (!f.flag.empty()) o << "<li><b class=\"mismatch\">" << html_escape(f.flag) << "</b></li>\n";
    o << "<li>hold: " << html_escape(f.holding.empty() ? "none" : f_join(f.holding, ", ")) << "</li>\n";
    if (!f.refuted.empty()) o << "<li>refuted: " << html_escape(f_join(f.refuted, ", ")) << "</li>\n";
    if (!f.uses.empty()) o << "<li>proof uses: " << html_escape(f_join(f.uses, ", ")) << "</li>\n";
    for (const auto* r : f.best_constants)
      o << "<li>best constant, <code>" << html_escape(r->variant) << "</code>: " << html_escape(best_constant_text(*r)) << "</li>\n";
    o << "</ul>\n";
    if (f.counterexample) {
      const auto& r = *f.counterexample;
      const auto& ce = *r.counterexample;
      o << "<p>Smallest certified counterexample (" << html_escape(r.variant) << ": <code>" << html_escape(r.statement) << "</code>; "
        << entries(ce.sample) << " entries), replay <code>stabcheck replay " << html_escape(ce.origin.token()) << "</code>:</p>\n<pre>"
        << html_escape(to_text(ce.sample)) << "lhs = " << html_escape(ce.lhs) << "\nrhs = " << html_escape(ce.rhs) << "\nrelative slack = " << html_escape(slack_text(ce))
        << "</pre>\n";
    }
    o << "</details>\n";
  }
  return o.str();
}

std::string findings_latex(const std::vector<Finding>& findings, const std::string& out_dir) {
  std::ostringstream o;
  auto tex = latex_escape;
  o << "\\subsection*{Findings}\n\\noindent Per claim, in the paper's order: the status of the statement as printed (refuted as "
       "printed; holds only as repaired: the printed statement is refuted, a repaired reading holds; holds; proved; not "
       "checkable), the variants that hold of all variants checked, the best constant $\\sup$ or $\\inf$ lhs/rhs of the "
       "literal reading, and the proof steps it uses that are refuted (all its proof steps: the proof map).\n";
  o << "{\\footnotesize\\setlength{\\tabcolsep}{3pt}\\renewcommand{\\arraystretch}{1.1}\n"
       "\\begin{longtable}{p{3.9cm}p{1.5cm}rp{2.0cm}p{2.7cm}}\n"
       "\\hline claim, source & status & holds & best constant & refuted proof steps \\\\ \\hline\\endhead\n";
  for (const auto& f : findings)
    o << "\\texttt{" << tex(f.id) << "}\\newline " << tex(f.source) << " & " << tex(status_str(f.status)) << " & " << f.holding.size()
      << "/" << f.variants << " & " << (f.best_constant ? tex(best_constant_short(*f.best_constant)) : "--") << " & "
      << (f.flag.empty() ? std::string("--") : "\\textbf{" + tex(f_join(f.refuted_uses, ", ")) + "}") << " \\\\\n";  // the flag: below
  o << "\\hline\n\\end{longtable}}\n";
  const fs::path pdf = fs::path(out_dir) / "proof-map.pdf";
  std::error_code ec;
  if (!out_dir.empty() && fs::exists(pdf, ec))
    // a float, so that LaTeX places it where it fits instead of leaving the rest of a page empty
    o << "\\begin{figure}[tbp]\\centering\\ifdefined\\includegraphics\\includegraphics[width=\\linewidth,height=0.42\\textheight,"
         "keepaspectratio]{proof-map.pdf}\\else(The proof map is proof-map.pdf: load graphicx to include it.)\\fi\\\\\n"
         "{\\footnotesize Proof map: an arrow from $Y$ to $X$ when the proof of $X$ uses $Y$; red: refuted as printed, orange: "
         "holds only as repaired, green: holds, dark green: proved, grey: not checkable.}\\end{figure}\n";
  else
    o << "\\noindent\\emph{The proof map was not drawn (Graphviz's dot was not found); its source is proof-map.dot.}\n\n";
  o << "\\subsection*{Counterexamples and broken proof steps}\n{\\footnotesize\\sloppy\n";
  for (const auto& f : findings) {
    if (!f.counterexample && f.flag.empty()) continue;
    o << "\\par\\smallskip\\noindent\\textbf{" << tex(f.id) << " (" << tex(f.source) << "): " << tex(status_str(f.status)) << ".} ";
    o << "\\emph{" << tex(f_short(f.statement, 80)) << "}\n";  // the whole statement: the supplement
    if (!f.flag.empty()) o << "\\textbf{" << tex(f.flag) << ".}\n";
    if (f.counterexample) {
      const auto& r = *f.counterexample;
      const auto& ce = *r.counterexample;
      o << "Smallest certified counterexample, of \\texttt{" << tex(r.variant) << "}: " << tex(f_short(r.statement, 70)) << " (replay "
        << latex_token(ce.origin.token()) << "): " << latex_sample(ce.sample) << "; lhs $= " << tex(latex_number(ce.lhs, 10))
        << "$, rhs $= " << tex(latex_number(ce.rhs, 10)) << "$"
        << (r.certificate ? "; " + std::string(r.certificate->certified ? "certified" : "not certified") + " by " + tex(r.certificate->method) : "")
        << ".\n";
    }
    o << "\n";
  }
  o << "}\n";
  return o.str();
}

}  // namespace stabcheck
