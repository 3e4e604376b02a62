// Findings first (issue 16, reports/findings.hpp): the paper's order, the status rule on a planted claim set, the flag
// of a statement that holds while a proof step it uses is refuted, the smallest certified counterexample, the proof
// map's nodes, edges and colours, and the findings as the first section of report.md / report.html / report.tex.
#include "core/claim.hpp"
#include "core/runner.hpp"
#include "reports/findings.hpp"
#include "reports/report.hpp"
#include "tests/files.hpp"
#include <gtest/gtest.h>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <unistd.h>

namespace findings_test {

using namespace stabcheck;
namespace fs = std::filesystem;


Sample diag_sample(int n, const std::string& entry) {
  Sample s;
  MatQ a = MatQ::Zero(n, n);
  for (int i = 0; i < n; ++i) a(i, i) = parse_rat(entry);
  s.mats["A"] = a;
  return s;
}

VariantResult vr(const std::string& claim, const std::string& slug, Verdict v, const std::string& note = "",
                 bool certified = true, int ce_dim = 2) {
  VariantResult r;
  r.claim = claim;
  r.variant = slug;
  r.note = note;
  r.verdict = v;
  r.source = "planted";
  r.claim_statement = claim + " as printed";
  r.statement = slug + ": lhs <= rhs";
  r.samples = 10;
  if (v == Verdict::Refuted) {
    r.certified = certified;
    Evaluated e;
    e.origin.claim = claim;
    e.origin.variant = slug;
    e.origin.family = "f";
    e.sample = diag_sample(ce_dim, "1/3");
    e.lhs = "2";
    e.rhs = "1";
    e.rel_slack = -0.5;
    e.slack = "-0.5";
    e.tier = "exact";
    r.counterexample = e;
  }
  return r;
}

Claim planted(const std::string& id, std::vector<std::string> uses = {}, std::vector<Reading> readings = {}) {
  Claim c;
  c.id = id;
  c.source = "Planted " + id;
  c.statement = id + " as printed";
  c.uses = std::move(uses);
  c.readings = std::move(readings);
  return c;
}

const Finding& by_id(const std::vector<Finding>& fs_, const std::string& id) {
  for (const auto& f : fs_) if (f.id == id) return f;
  throw std::runtime_error("no finding " + id);
}

TEST(Findings, PaperOrder) {
  const std::vector<std::string> expected{
      "LEM-C1-TRACE-BOUNDS", "LEM-C2-CYCLIC", "LEM-C3-NORMS", "LEM-C4-PASCAL", "LEM-C5-SCHATTEN", "LEM-C6-TRACE-S1",
      "THM-C7-DECOMP", "THM-C7-1", "THM-C7-2", "THM-C7-3",
      "ID-33", "THM-C8-RECURSION", "THM-C8-MK-IDENTITY", "THM-C8-PRUNE", "EQ-38-39-PRUNING", "THM-C8-TRACE-LB",
      "THM-C8-SIGMA-LB", "THM-C8-DIVERGENCE",
      "THM-C9-EPS-EQUIV", "THM-C9-NR-BOUND", "EQ-64-CHAIN", "THM-C9-S-BOUND", "EQ-67-CHAIN", "THM-C9-NR-UPPER",
      "THM-C9-CONVERGENCE",
      "EX-C1-CR-CONSTRUCTION", "THM-3.3", "THM-3.4-MEMORIZING-DIAGONAL", "THM-3.5-CHERNOFF", "THM-3.6-SAM-COHERENCE",
      "DEXTER-LEMMA4.1", "DEXTER-THM1", "DEXTER-THM2", "AAA-UNKNOWN", "ZZZ-UNKNOWN"};
  std::vector<std::string> ids = expected;
  std::sort(ids.begin(), ids.end());  // alphabetical, as the reports were ordered before
  std::shuffle(ids.begin(), ids.end(), std::mt19937(16));
  std::sort(ids.begin(), ids.end(), paper_less);
  EXPECT_EQ(ids, expected);
  // every registered claim has a place in the paper (none falls to "unknown")
  const int unknown = paper_rank("ZZZ-UNKNOWN");
  for (const auto& c : registry()) EXPECT_LT(paper_rank(c.id), unknown) << c.id << " has no place in the paper's order";

  // the findings of a run come in the paper's order, whatever the order of the results
  std::vector<VariantResult> results{vr("DEXTER-THM1", "as-stated", Verdict::Holds), vr("THM-C8-PRUNE", "as-stated", Verdict::Holds),
                                     vr("LEM-C2-CYCLIC", "as-stated", Verdict::Holds), vr("EQ-38-39-PRUNING", "as-stated", Verdict::Holds),
                                     vr("ZZ-NEW", "as-stated", Verdict::Holds), vr("ID-33", "as-stated", Verdict::Holds)};
  auto f = build_findings(results, {});
  std::vector<std::string> got;
  for (const auto& x : f) got.push_back(x.id);
  EXPECT_EQ(got, (std::vector<std::string>{"LEM-C2-CYCLIC", "ID-33", "THM-C8-PRUNE", "EQ-38-39-PRUNING", "DEXTER-THM1", "ZZ-NEW"}));
}

TEST(Findings, StatusRuleOnPlantedClaims) {
  std::vector<Claim> claims{planted("P-REPAIRED"), planted("P-REFUTED"), planted("P-HOLDS"), planted("P-PROVED"),
                            planted("P-UNSURE"), planted("P-NC"), planted("P-READING", {}, {{.name = "R1", .text = "", .chosen = true}}),
                            planted("P-UNCERTIFIED"), planted("P-ONLY-REPAIRS")};
  std::vector<VariantResult> results{
      vr("P-REPAIRED", "as-stated", Verdict::Refuted), vr("P-REPAIRED", "repaired-2k", Verdict::Holds),
      vr("P-REFUTED", "x", Verdict::Refuted, "(48) as printed"), vr("P-REFUTED", "other-reading", Verdict::Holds),
      vr("P-HOLDS", "as-stated", Verdict::Holds), vr("P-HOLDS", "false-twin", Verdict::Refuted),
      vr("P-PROVED", "as-stated", Verdict::Proved), vr("P-PROVED", "as-stated.k2", Verdict::Proved), vr("P-PROVED", "alt", Verdict::Holds),
      vr("P-UNSURE", "a", Verdict::Holds), vr("P-UNSURE", "b", Verdict::Refuted), vr("P-UNSURE", "b.repaired", Verdict::Holds),
      vr("P-NC", "as-stated", Verdict::NotCheckable),
      vr("P-READING", "r1", Verdict::Holds), vr("P-READING", "r2", Verdict::Refuted),
      vr("P-UNCERTIFIED", "as-stated", Verdict::Refuted, "Monte Carlo", /*certified=*/false),
      vr("P-ONLY-REPAIRS", "repaired", Verdict::Holds)};
  for (auto& r : results)  // an uncertified refutation: an atom without enclosure
    if (r.claim == "P-UNCERTIFIED") r.reason = "no enclosure";
  auto f = build_findings(results, claims);
  EXPECT_EQ(by_id(f, "P-REPAIRED").status, ClaimStatus::HoldsOnlyAsRepaired);
  EXPECT_EQ(by_id(f, "P-REFUTED").status, ClaimStatus::RefutedAsPrinted);  // literal by its note ("as printed")
  EXPECT_EQ(by_id(f, "P-HOLDS").status, ClaimStatus::Holds);               // a refuted false twin is not the statement
  EXPECT_EQ(by_id(f, "P-PROVED").status, ClaimStatus::Proved);
  EXPECT_EQ(by_id(f, "P-UNSURE").status, ClaimStatus::RefutedAsPrinted);   // no literal reading: any non-repaired refuted
  EXPECT_EQ(by_id(f, "P-NC").status, ClaimStatus::NotCheckable);
  EXPECT_EQ(by_id(f, "P-READING").status, ClaimStatus::Holds);             // the slug of the chosen reading R1
  EXPECT_EQ(by_id(f, "P-ONLY-REPAIRS").status, ClaimStatus::HoldsOnlyAsRepaired);
  // an uncertified refutation is not established: the literal reading is undecided
  EXPECT_FALSE(results[15].established());
  EXPECT_EQ(by_id(f, "P-UNCERTIFIED").status, ClaimStatus::NotCheckable);
  EXPECT_EQ(by_id(f, "P-UNCERTIFIED").counterexample, nullptr);

  EXPECT_EQ(by_id(f, "P-REPAIRED").literal, std::vector<std::string>{"as-stated"});
  EXPECT_EQ(by_id(f, "P-REPAIRED").holding, std::vector<std::string>{"repaired-2k"});
  EXPECT_EQ(by_id(f, "P-PROVED").holding, (std::vector<std::string>{"as-stated (proved)", "as-stated.k2 (proved)", "alt"}));
  EXPECT_EQ(status_str(ClaimStatus::HoldsOnlyAsRepaired), "holds only as repaired");
  EXPECT_EQ(status_str(ClaimStatus::RefutedAsPrinted), "refuted as printed");
}

TEST(Findings, SmallestCertifiedCounterexample) {
  std::vector<VariantResult> results{vr("P", "a.as-stated", Verdict::Refuted, "", true, 3), vr("P", "b.as-stated", Verdict::Refuted, "", true, 1),
                                     vr("P", "c.as-stated", Verdict::Refuted, "", /*certified=*/false, 1),
                                     vr("P", "d", Verdict::Refuted, "another reading", true, 1)};
  results[2].counterexample->sample = Sample();  // smaller, but not certified
  results[3].counterexample->sample = Sample();  // smaller, but not of the printed statement
  auto f = build_findings(results, {});
  ASSERT_EQ(f.size(), 1u);
  ASSERT_NE(f[0].counterexample, nullptr);
  EXPECT_EQ(f[0].counterexample->variant, "b.as-stated");  // 1 entry against 9
  // without a literal counterexample, the smallest of any reading
  results.erase(results.begin(), results.begin() + 3);
  auto g = build_findings(results, {});
  ASSERT_NE(g[0].counterexample, nullptr);
  EXPECT_EQ(g[0].counterexample->variant, "d");
  results = {vr("P", "a.as-stated", Verdict::Refuted, "", true, 3), vr("P", "b.as-stated", Verdict::Refuted, "", true, 1)};
  f = build_findings(results, {});
  EXPECT_EQ(entries(f[0].counterexample->counterexample->sample), 1);
  const std::string md = findings_markdown(f);
  EXPECT_NE(md.find("1/3"), std::string::npos) << "the counterexample is typeset exactly";
  EXPECT_NE(md.find("stabcheck replay " + results[1].counterexample->origin.token()), std::string::npos);
}

TEST(Findings, ProofStepFlag) {
  std::vector<Claim> claims{planted("THM-C8-PRUNE"), planted("THM-C8-TRACE-LB", {"THM-C8-MK-IDENTITY", "THM-C8-PRUNE"}),
                            planted("THM-C8-SIGMA-LB", {"THM-C8-TRACE-LB", "LEM-C5-SCHATTEN"}),
                            planted("THM-C8-DIVERGENCE", {"THM-C8-PRUNE"})};
  std::vector<VariantResult> results{vr("THM-C8-PRUNE", "as-stated", Verdict::Refuted),
                                     vr("THM-C8-TRACE-LB", "as-stated", Verdict::Holds),
                                     vr("THM-C8-SIGMA-LB", "as-stated", Verdict::Holds),
                                     vr("THM-C8-DIVERGENCE", "as-stated", Verdict::Refuted)};
  auto f = build_findings(results, claims);
  EXPECT_EQ(by_id(f, "THM-C8-TRACE-LB").flag, "statement holds on all samples; proof step THM-C8-PRUNE is refuted");
  EXPECT_EQ(by_id(f, "THM-C8-TRACE-LB").refuted_uses, std::vector<std::string>{"THM-C8-PRUNE"});
  EXPECT_EQ(by_id(f, "THM-C8-SIGMA-LB").flag, "") << "its steps hold (TRACE-LB) or were not run (LEM-C5)";
  EXPECT_EQ(by_id(f, "THM-C8-DIVERGENCE").flag, "") << "a refuted statement is not flagged: it is refuted itself";
  EXPECT_NE(findings_markdown(f).find("**statement holds on all samples; proof step THM-C8-PRUNE is refuted**"), std::string::npos);
}

// A proof that uses one reading of a claim ("ID:variant") is flagged only when that reading is refuted (issue 31: the
// decomposition uses Lemma C.1 with B PSD, which holds, while the lemma as printed, B general, is refuted).
TEST(Findings, ProofStepFlagFollowsTheReadingUsed) {
  std::vector<Claim> claims{planted("LEM-C1-TRACE-BOUNDS"), planted("THM-C7-DECOMP", {"LEM-C1-TRACE-BOUNDS:lower.B-psd"}),
                            planted("THM-C7-3", {"LEM-C1-TRACE-BOUNDS:lower.B-general"})};
  std::vector<VariantResult> results{vr("LEM-C1-TRACE-BOUNDS", "lower.B-general", Verdict::Refuted, "as stated"),
                                     vr("LEM-C1-TRACE-BOUNDS", "lower.B-psd", Verdict::Proved),
                                     vr("THM-C7-DECOMP", "as-stated", Verdict::Holds), vr("THM-C7-3", "as-stated", Verdict::Holds)};
  auto f = build_findings(results, claims);
  EXPECT_EQ(by_id(f, "LEM-C1-TRACE-BOUNDS").status, ClaimStatus::RefutedAsPrinted);
  EXPECT_EQ(by_id(f, "THM-C7-DECOMP").flag, "") << "the reading it uses is proved";
  EXPECT_EQ(by_id(f, "THM-C7-3").flag, "statement holds on all samples; proof step LEM-C1-TRACE-BOUNDS:lower.B-general is refuted");
  const std::string dot = proof_map_dot(f);
  EXPECT_NE(dot.find("\"LEM-C1-TRACE-BOUNDS\" -> \"THM-C7-DECOMP\";"), std::string::npos) << "the edge joins the claims";
}

TEST(Findings, ProofMapDot) {
  std::vector<Claim> claims{planted("LEM-C1-TRACE-BOUNDS"), planted("THM-C8-PRUNE", {"LEM-C1-TRACE-BOUNDS", "LEM-C2-CYCLIC"}),
                            planted("THM-C8-TRACE-LB", {"THM-C8-PRUNE"}), planted("THM-C8-SIGMA-LB", {"THM-C8-TRACE-LB"}),
                            planted("THM-C8-DIVERGENCE", {"THM-C8-SIGMA-LB"})};
  std::vector<VariantResult> results{vr("LEM-C1-TRACE-BOUNDS", "as-stated", Verdict::Proved),
                                     vr("THM-C8-PRUNE", "as-stated", Verdict::Refuted),
                                     vr("THM-C8-TRACE-LB", "as-stated", Verdict::Holds),
                                     vr("THM-C8-SIGMA-LB", "as-stated", Verdict::Refuted), vr("THM-C8-SIGMA-LB", "repaired", Verdict::Holds),
                                     vr("THM-C8-DIVERGENCE", "as-stated", Verdict::NotCheckable)};
  const std::string dot = proof_map_dot(build_findings(results, claims));
  auto colour_of = [&](const std::string& id) {
    std::smatch m;
    std::regex re("\\n  \"" + id + "\" \\[[^\\n]*fillcolor=\"(#[0-9a-f]{6})\"[^\\n]*\\];  // ([a-z]+)\\n");
    return std::regex_search(dot, m, re) ? m[2].str() + " " + m[1].str() : std::string("none");
  };
  auto expect = [](ClaimStatus s) { return status_colour(s) + " " + status_fill(s); };
  EXPECT_EQ(colour_of("LEM-C1-TRACE-BOUNDS"), expect(ClaimStatus::Proved));
  EXPECT_EQ(colour_of("THM-C8-PRUNE"), expect(ClaimStatus::RefutedAsPrinted));
  EXPECT_EQ(colour_of("THM-C8-TRACE-LB"), expect(ClaimStatus::Holds));
  EXPECT_EQ(colour_of("THM-C8-SIGMA-LB"), expect(ClaimStatus::HoldsOnlyAsRepaired));
  EXPECT_EQ(colour_of("THM-C8-DIVERGENCE"), expect(ClaimStatus::NotCheckable));
  EXPECT_EQ((std::vector<std::string>{status_colour(ClaimStatus::RefutedAsPrinted), status_colour(ClaimStatus::Holds),
                                      status_colour(ClaimStatus::Proved), status_colour(ClaimStatus::HoldsOnlyAsRepaired),
                                      status_colour(ClaimStatus::NotCheckable)}),
            (std::vector<std::string>{"red", "green", "darkgreen", "orange", "grey"}));
  EXPECT_NE(dot.find("\"LEM-C2-CYCLIC\" [label=\"LEM-C2-CYCLIC\\nnot run\", style=\"rounded,dashed\""), std::string::npos);
  // one edge per use, from the step to the claim that uses it
  std::vector<std::string> edges;
  std::regex edge("\"([^\"]+)\" -> \"([^\"]+)\";");
  for (auto it = std::sregex_iterator(dot.begin(), dot.end(), edge); it != std::sregex_iterator(); ++it)
    edges.push_back((*it)[1].str() + ">" + (*it)[2].str());
  EXPECT_EQ(edges, (std::vector<std::string>{"LEM-C1-TRACE-BOUNDS>THM-C8-PRUNE", "LEM-C2-CYCLIC>THM-C8-PRUNE",
                                             "THM-C8-PRUNE>THM-C8-TRACE-LB", "THM-C8-TRACE-LB>THM-C8-SIGMA-LB",
                                             "THM-C8-SIGMA-LB>THM-C8-DIVERGENCE"}));
  EXPECT_NE(dot.find("digraph proofmap {"), std::string::npos);
  EXPECT_NE(dot.find("penwidth=3"), std::string::npos) << "TRACE-LB holds while its step PRUNE is refuted";
  // the real registry's map: every declared use is an edge, every use names a registered claim
  std::vector<VariantResult> all;
  for (const auto& c : registry()) all.push_back(vr(c.id, "as-stated", Verdict::Holds));
  const std::string full = proof_map_dot(build_findings(all, registry()));
  size_t n_uses = 0;
  for (const auto& c : registry()) {
    n_uses += c.uses.size();
    for (const auto& u : c.uses) {
      const std::string used = parse_use(u).claim;
      EXPECT_NE(full.find("\"" + used + "\" -> \"" + c.id + "\";"), std::string::npos) << c.id << " uses " << u;
      EXPECT_TRUE(std::any_of(registry().begin(), registry().end(), [&](const Claim& d) { return d.id == used; }))
          << c.id << " uses an unregistered " << u;
    }
  }
  size_t n_edges = 0;
  for (size_t k = 0; (k = full.find("\" -> \"", k)) != std::string::npos; ++k) ++n_edges;
  EXPECT_EQ(n_edges, n_uses);
}

TEST(Findings, ProofMapDrawnWithDotOrSaysSo) {
  std::vector<Claim> claims{planted("THM-C8-PRUNE"), planted("THM-C8-TRACE-LB", {"THM-C8-PRUNE"})};
  std::vector<VariantResult> results{vr("THM-C8-PRUNE", "as-stated", Verdict::Refuted), vr("THM-C8-TRACE-LB", "as-stated", Verdict::Holds)};
  auto f = build_findings(results, claims);
  {  // without dot
    fs::path dir = test::scratch_dir("findings", "nodot");
    setenv("STABCHECK_DOT", "/nonexistent/dot", 1);
    ProofMap pm = write_proof_map(dir.string(), f);
    const std::string md = findings_markdown(f);
    unsetenv("STABCHECK_DOT");
    EXPECT_FALSE(pm.drawn);
    EXPECT_NE(pm.note.find("dot was not found"), std::string::npos);
    EXPECT_TRUE(fs::exists(dir / "proof-map.dot"));
    EXPECT_FALSE(fs::exists(dir / "proof-map.svg"));
    EXPECT_NE(md.find("the map was not drawn"), std::string::npos);
    EXPECT_NE(findings_html(f, dir.string()).find("The proof map was not drawn"), std::string::npos);
    const std::string tex = findings_latex(f, dir.string());
    EXPECT_EQ(tex.find("includegraphics"), std::string::npos);
    fs::remove_all(dir);
  }
  if (!dot_available()) GTEST_SKIP() << "Graphviz's dot is not installed (graphviz): the proof map was not drawn";
  fs::path dir = test::scratch_dir("findings", "dot");
  ProofMap pm = write_proof_map(dir.string(), f);
  EXPECT_TRUE(pm.drawn) << pm.note;
  ASSERT_TRUE(fs::exists(dir / "proof-map.svg"));
  ASSERT_TRUE(fs::exists(dir / "proof-map.pdf"));
  const std::string html = findings_html(f, dir.string());
  const auto svg = html.find("<svg");
  ASSERT_NE(svg, std::string::npos) << "the SVG is inline";
  EXPECT_LT(html.find("</table>"), svg) << "after the findings summary";
  EXPECT_LT(svg, html.find("<details")) << "before the per-claim details";
  EXPECT_EQ(html.find("<?xml"), std::string::npos);
  RunInfo info;
  info.version = info.git = "test";
  std::string tex = report_latex(info, results, dir.string());
  EXPECT_NE(tex.find("\\includegraphics[width=\\linewidth,height=0.42\\textheight,keepaspectratio]{proof-map.pdf}"), std::string::npos);
  EXPECT_NE(tex.find("\\begin{figure}[tbp]"), std::string::npos) << "a float: placed where it fits";
  if (!test::on_path("pdflatex")) GTEST_SKIP() << "pdflatex is not installed: the report with its proof map was not compiled";
  write_atomically((dir / "report.tex").string(), tex);
  write_atomically((dir / "main.tex").string(),
                   "\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{longtable}\n\\usepackage{graphicx}\n"
                   "\\begin{document}\n\\input{report.tex}\n\\end{document}\n");
  std::string cmd = "cd '" + dir.string() + "' && timeout 120 pdflatex -interaction=nonstopmode -halt-on-error main.tex > build.log 2>&1";
  int rc = std::system(cmd.c_str());
  std::string log = test::slurp(dir / "main.log");
  ASSERT_EQ(rc, 0) << "pdflatex failed; end of main.log:\n" << log.substr(log.size() > 3000 ? log.size() - 3000 : 0);
  EXPECT_NE(log.find("proof-map.pdf"), std::string::npos) << "the proof map is included";
  fs::remove_all(dir);
}

TEST(Findings, FirstSectionOfEveryReport) {
  std::vector<VariantResult> results{vr("DEXTER-THM1", "as-stated", Verdict::Holds), vr("LEM-C1-TRACE-BOUNDS", "as-stated", Verdict::Refuted)};
  RunInfo info;
  info.version = info.git = "test";
  const std::string md = report_markdown(info, results);
  const auto first_h2 = md.find("\n## ");
  ASSERT_NE(first_h2, std::string::npos);
  EXPECT_EQ(md.substr(first_h2 + 1, 12), "## Findings\n");
  EXPECT_LT(md.find("### LEM-C1-TRACE-BOUNDS"), md.find("### DEXTER-THM1")) << "paper order";
  EXPECT_LT(md.find("## Findings"), md.find("## Summary"));
  EXPECT_LT(md.find("## Findings"), md.find("- seed "));
  const std::string html = report_html(info, results, test::scratch_dir("findings", "first").string());
  EXPECT_LT(html.find("id=\"findings\""), html.find("id=\"reproducibility\""));
  EXPECT_EQ(html.find("<h2"), html.find("<h2 id=\"findings\""));
  const std::string tex = report_latex(info, results);
  EXPECT_LT(tex.find("\\subsection*{Findings}"), tex.find("Git test"));
  fs::remove_all(test::scratch_dir("findings", "first"));
}

// LEM-C5: the spec's chosen reading R1 names variants r1.*; R2's variants, noted "literal reading", are not literal then.
// Without a chosen reading naming a variant, the note's words still decide.
TEST(Findings, LiteralReadingFollowsTheChosenReading) {
  std::vector<Reading> rd{{.name = "R1", .text = "singular values", .chosen = true}, {.name = "R2", .text = "eigenvalues (literal)"}};
  Claim c5 = planted("LEM-C5-SCHATTEN", {}, rd);
  for (const char* slug : {"r1.left", "r2.left", "r2.left.normal"}) c5.variants.push_back({.slug = slug});
  Claim other = planted("P-NO-CHOSEN-VARIANT", {}, rd);
  other.variants.push_back({.slug = "r2.left"});
  std::vector<VariantResult> results{vr("LEM-C5-SCHATTEN", "r1.left", Verdict::Holds, "R1 (singular values), primary reading"),
                                     vr("LEM-C5-SCHATTEN", "r2.left", Verdict::Refuted, "R2 (eigenvalue moduli), literal reading"),
                                     vr("LEM-C5-SCHATTEN", "r2.left.normal", Verdict::Holds, "repaired R2: M normal"),
                                     vr("P-NO-CHOSEN-VARIANT", "r2.left", Verdict::Refuted, "R2 (eigenvalue moduli), literal reading")};
  const Claim* pc5 = &c5;
  EXPECT_TRUE(is_literal(results[0], pc5));
  EXPECT_FALSE(is_literal(results[1], pc5)) << "named after R2, which the spec did not choose";
  EXPECT_FALSE(is_literal(results[2], pc5)) << "a repair";
  EXPECT_TRUE(is_literal(results[1], nullptr)) << "outside the registry the note decides";
  EXPECT_TRUE(is_literal(results[3], &other)) << "no variant of the chosen reading: the note decides";
  auto f = build_findings(results, {c5, other});
  EXPECT_EQ(by_id(f, "LEM-C5-SCHATTEN").literal, std::vector<std::string>{"r1.left"});
  EXPECT_EQ(by_id(f, "LEM-C5-SCHATTEN").status, ClaimStatus::Holds);
  EXPECT_EQ(by_id(f, "P-NO-CHOSEN-VARIANT").status, ClaimStatus::RefutedAsPrinted);
  // and the claim using LEM-C5 is not flagged for it
  Claim sigma = planted("THM-C8-SIGMA-LB", {"LEM-C5-SCHATTEN"});
  results.push_back(vr("THM-C8-SIGMA-LB", "as-stated", Verdict::Holds));
  auto g = build_findings(results, {c5, other, sigma});
  EXPECT_EQ(by_id(g, "THM-C8-SIGMA-LB").flag, "");
}

TEST(Findings, BestConstantOfTheLiteralReading) {
  auto with_constant = [](VariantResult r, double ratio, const std::string& verdict) {
    VariantResult::BestConstant b;
    b.extremum = "sup";
    b.ratio = ratio;
    b.verdict = verdict;
    b.samples = 7;
    r.best_constant = b;
    return r;
  };
  std::vector<VariantResult> results{with_constant(vr("P", "alt", Verdict::Holds), 0.25, "loose: ratio at most 0.25 found"),
                                     with_constant(vr("P", "as-stated", Verdict::Holds), 1, "tight: ratio 1 attained"),
                                     vr("P", "other", Verdict::Holds),
                                     with_constant(vr("Q", "repaired", Verdict::Holds), 0.5, "loose: ratio at most 0.5 found"),
                                     with_constant(vr("Q", "b", Verdict::Holds), 0.75, "loose: ratio at most 0.75 found")};
  auto f = build_findings(results, {});
  ASSERT_NE(by_id(f, "P").best_constant, nullptr);
  EXPECT_EQ(by_id(f, "P").best_constant->variant, "as-stated") << "the literal reading's, though listed second";
  EXPECT_EQ(by_id(f, "P").best_constants.size(), 2u);
  ASSERT_NE(by_id(f, "Q").best_constant, nullptr);
  EXPECT_EQ(by_id(f, "Q").best_constant->variant, "b") << "no literal reading: the first non-repaired one";
  EXPECT_EQ(best_constant_short(results[1]), "sup 1 (tight)");
  EXPECT_EQ(best_constant_short(results[2]), "");
  EXPECT_NE(findings_markdown(f).find("| `as-stated`: sup 1 (tight) |"), std::string::npos);
  EXPECT_NE(findings_markdown(f).find("best constant, alt: loose: ratio at most 0.25 found"), std::string::npos);
  EXPECT_NE(findings_html(f, "").find("<code>as-stated</code>: sup 1 (tight)"), std::string::npos);
  EXPECT_NE(findings_latex(f, "").find("sup 0.75 (loose)"), std::string::npos);
}

// After the findings, every per-variant part of every report is in the paper's order too, whatever the run's order.
TEST(Findings, RestOfEveryReportInPaperOrder) {
  std::vector<VariantResult> results{vr("DEXTER-THM1", "as-stated", Verdict::Refuted), vr("EQ-64-CHAIN", "as-stated", Verdict::Refuted),
                                     vr("LEM-C4-PASCAL", "as-stated", Verdict::Refuted), vr("LEM-C4-PASCAL", "b", Verdict::Holds),
                                     vr("THM-C8-PRUNE", "as-stated", Verdict::Refuted)};
  const std::vector<std::string> paper{"LEM-C4-PASCAL", "THM-C8-PRUNE", "EQ-64-CHAIN", "DEXTER-THM1"};
  EXPECT_EQ(paper_order(results), (std::vector<size_t>{2, 3, 4, 1, 0}));
  RunInfo info;
  info.version = info.git = "test";
  auto in_order = [&](const std::string& text, const std::string& before, const std::string& after, const char* what) {
    size_t from = text.find(before);
    ASSERT_NE(from, std::string::npos) << what;
    size_t last = from;
    for (const auto& id : paper) {
      const size_t k = text.find(id, last);
      ASSERT_NE(k, std::string::npos) << what << ": " << id << " after position " << last;
      last = k;
    }
    if (!after.empty()) {
      EXPECT_LT(last, text.find(after, from)) << what;
    }
  };
  const std::string md = report_markdown(info, results);
  in_order(md, "## Summary", "", "report.md, summary");
  in_order(md, "\n## LEM-C4-PASCAL", "", "report.md, sections");
  EXPECT_LT(md.find("| LEM-C4-PASCAL | as-stated"), md.find("| LEM-C4-PASCAL | b ")) << "a claim's variants keep the run's order";
  const std::string html = report_html(info, results, "");
  in_order(html, "id=\"summary\"", "</table>", "report.html, summary");
  in_order(html, "id=\"details\"", "", "report.html, details");
  const std::string sup = report_latex_supplement(info, results);
  in_order(sup, "\\subsection*{Verdicts}", "\\subsection*{Sampling statistics}", "supplement, verdicts");
  in_order(sup, "\\subsection*{Counterexamples}", "", "supplement, counterexamples");
}

}  // namespace findings_test
