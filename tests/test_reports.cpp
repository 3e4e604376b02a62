// Reports for paper revisions (issues 7, 16): coverage statistics add up and see planted near-equalities;
// report.html renders offline in headless Chromium with every claim and no broken image, and a page of the full run's
// size fits 3 MB and renders within 3 s; report.tex and report-supplement.tex compile with pdflatex, the appendix of
// every claim within 8 pages. Chromium and pdflatex are optional: the tests skip with a message without them.
#include "generators/kit.hpp"
#include "core/runner.hpp"
#include "generators/coherence.hpp"
#include "reports/figures.hpp"
#include "reports/findings.hpp"
#include "reports/report.hpp"
#include "tests/files.hpp"
#include <gtest/gtest.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <unistd.h>

using namespace stabcheck;
namespace fs = std::filesystem;

namespace {

rc::Gen<Sample> h_family(gen::FamilyKind kind, int n_hi, int d_hi) {
  return rc::gen::mapcat(gen::dim(1, n_hi), [=](int n) {
    return rc::gen::mapcat(gen::dim(1, d_hi), [=](int d) {
      return rc::gen::map(gen::family(kind, n, d), [](const std::vector<MatQ>& h) { Sample s; s.families["H"] = h; return s; });
    });
  });
}
rc::Gen<Sample> spectrum_single() {
  return rc::gen::mapcat(gen::dim(2, 4), [](int d) {
    return rc::gen::map(gen::matrix(gen::Kind::Spectrum, d), [](const MatQ& a) { Sample s; s.families["H"] = {a}; return s; });
  });
}

// Two readings over families "H": a tight true bound (equality for every rank-one H_1) and a planted false
// one (sigma <= 1, false for any two non-orthogonal members).
Claim coherence_claim() {
  Claim c;
  c.id = "TEST-REPORTS";
  c.source = "test";
  c.statement = "lambda_max(H_1)^2 <= Tr(H_1^2); lambda_max(S) <= max_i lambda_max(H_i)";
  c.families.push_back({"rank-ones", "", h_family(gen::FamilyKind::RankOnes, 3, 3)});
  c.families.push_back({"clustered", "", h_family(gen::FamilyKind::Clustered, 3, 3)});
  c.families.push_back({"spectrum", "", spectrum_single()});
  Variant tight;
  tight.slug = "tight";
  tight.statement = "lambda_max(H_1)^2 <= Tr(H_1^2)";
  tight.rel = Rel::Le;
  tight.eval = make_evaluator([](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto h = s.family_as<T>("H");
    auto l = lmax(h[0]);
    return sides(Real<T>(l * l), real(T((h[0] * h[0]).trace())));
  });
  c.variants.push_back(tight);
  Variant fals;
  fals.slug = "false";
  fals.statement = "λ_max(S) ≤ max_i λ_max(H_i) — σ ⪯ 1";  // non-ASCII on purpose: report.tex must still compile
  fals.rel = Rel::Le;
  fals.families = {"rank-ones"};
  fals.eval = make_evaluator([](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto h = s.family_as<T>("H");
    return sides(Real<T>(lmax(coh::coherence(h))), coh::max_lmax(h));
  });
  c.variants.push_back(fals);
  return c;
}

struct Run {
  Claim claim = coherence_claim();
  std::vector<VariantResult> results;
  RunInfo info;
  Run() {
    RunOptions opt;
    opt.samples = 40;
    for (const auto& v : claim.variants) {
      results.push_back(run_variant(claim, v, opt));
      results.back().recorded = true;  // as the ledger would record them: "false" refuted, the others hold
      results.back().expected = v.slug == "false" ? Verdict::Refuted : Verdict::Holds;
    }
    info.version = "test";
    info.git = "test";
    info.started = "2026-01-01T00:00:00Z";
    info.command = "stabcheck_tests --gtest_filter=Reports.*";
    info.seed = opt.seed;
    info.digits = opt.digits;
    info.samples = opt.samples;
    fill_environment(info);
  }
};
const Run& run() {
  static Run r;
  return r;
}



std::string attr(const std::string& dom, const std::string& name) {
  std::smatch m;
  if (std::regex_search(dom, m, std::regex(name + "=\"([^\"]*)\""))) return m[1];
  return "<missing>";
}

}  // namespace

TEST(Reports, SampleFeaturesFollowTheirDefinitions) {
  Sample s;
  MatQ a = MatQ::Zero(3, 3);
  a(0, 0) = 1;
  a(1, 1) = Rat(1, 1000);
  s.mats["A"] = a;                               // rank 2, condition 1e3 on its range
  MatQ e = MatQ::Zero(2, 2);
  e(0, 0) = 1;
  s.families["H"] = {e, e};                      // S = [[1,1],[1,1]]: sigma = 2
  s.mats["g"] = MatQ::Ones(4, 1);                // a vector: counts for the dimension only
  SampleFeatures f = features_of(s);
  EXPECT_EQ(f.dimension, 4);
  EXPECT_EQ(f.rank, 1) << "smallest rank over the square matrices (e e^T has rank 1)";
  EXPECT_EQ(f.cond_decade, 3);
  EXPECT_NEAR(f.sigma, 2.0, 1e-12);
  EXPECT_EQ(sigma_label(f.sigma_bucket), "[2,3)");
  EXPECT_EQ(features_of(Sample{}).dimension, kNone);
  EXPECT_EQ(sigma_bucket(1.0), 0);
  EXPECT_EQ(sigma_label(sigma_bucket(12.0)), ">=10");
}

TEST(Reports, CoverageAddsUpAndSeesPlantedNearEqualities) {
  const auto& rs = run().results;
  ASSERT_EQ(rs.size(), 2u);
  for (const auto& r : rs) {
    SCOPED_TRACE(r.variant);
    auto total = [](const auto& m) { long t = 0; for (const auto& [k, n] : m) t += n; return t; };
    EXPECT_EQ(total(r.coverage.dimension), r.samples);
    EXPECT_EQ(total(r.coverage.rank), r.samples);
    EXPECT_EQ(total(r.coverage.cond_decade), r.samples);
    EXPECT_EQ(total(r.coverage.sigma), r.samples);
    EXPECT_LT(r.coverage.sigma.count(kNone) ? r.coverage.sigma.at(kNone) : 0, r.samples) << "sigma of H is defined for most samples";
    EXPECT_GE(r.coverage.sigma_min, 1.0 - 1e-9);
    EXPECT_LE(r.coverage.near_equality, r.samples);
    ASSERT_EQ(r.coverage.slack.size(), r.per_family.size());
    for (const auto& [f, n] : r.per_family) EXPECT_EQ(r.coverage.slack.at(f).total(), n) << f;
  }
  const auto& tight = rs[0];
  EXPECT_EQ(tight.verdict, Verdict::Holds) << tight.reason;
  // every rank-one H_1 is an equality case: all 40 of that family are near equality, and some spectra are not
  EXPECT_GE(tight.coverage.near_equality, tight.per_family.at("rank-ones"));
  long below = tight.coverage.slack.at("rank-ones").zero;
  for (const auto& [d, n] : tight.coverage.slack.at("rank-ones").decades) below += d <= -20 ? n : 0;
  EXPECT_EQ(below, 40) << "rank-one equalities are decided in multiprecision: slack 0 or below 1e-20";
  EXPECT_LT(tight.coverage.near_equality, tight.samples);
  EXPECT_GT(tight.coverage.cond_decade.rbegin()->first, 2) << "the Spectrum kind reaches condition numbers above 1e3";
  const auto& fals = rs[1];
  EXPECT_EQ(fals.verdict, Verdict::Refuted);
  EXPECT_GT(fals.coverage.slack.at("rank-ones").negative, 0);
  EXPECT_EQ(fals.coverage.slack.at("rank-ones").negative, fals.violations + fals.unstable);
}

TEST(Reports, CoverageDoesNotDependOnJobs) {
  Claim c = coherence_claim();
  const RunOptions a{.samples = 25, .jobs = 1}, b{.samples = 25, .jobs = 2};
  for (const auto& v : c.variants) {
    VariantResult ra = run_variant(c, v, a), rb = run_variant(c, v, b);
    EXPECT_EQ(coverage_json(ra).dump(), coverage_json(rb).dump()) << v.slug;
  }
}

// A copy of the page with a probe: a deliberately broken image (the check must see it) and a script run on `load` that
// records when the load event came (ms since navigation start, Chromium's clock: the page rendered, the lazy figures
// not yet fetched), then makes every image eager, waits for each and records how many decoded.
std::string probed(const std::string& html) {
  std::string probe = R"(<img id="probe" alt="probe" src="data:image/png;base64,AAAA"><script>
window.addEventListener('load', function () {
  document.body.setAttribute('data-load-ms', Math.round(performance.now()));
  var imgs = Array.prototype.slice.call(document.querySelectorAll('img'));
  Promise.all(imgs.map(function (i) {
    i.loading = 'eager';
    return i.complete && i.naturalWidth > 0 ? Promise.resolve() : new Promise(function (done) {
      i.addEventListener('load', done); i.addEventListener('error', done); if (i.complete) done();
    });
  })).then(function () {
    var ok = 0, bad = [];
    imgs.forEach(function (i) {
      if (i.id === 'probe') return;
      if (i.complete && i.naturalWidth > 0) ok++; else bad.push(i.alt);
    });
    var p = document.getElementById('probe');
    document.body.setAttribute('data-ok', ok);
    document.body.setAttribute('data-broken', bad.join('|'));
    document.body.setAttribute('data-probe', p.complete && p.naturalWidth > 0 ? 'decoded' : 'broken');
  });
});</script></body>)";
  std::string out = html;
  out.replace(out.rfind("</body>"), 7, probe);
  return out;
}
// Chromium's DOM after load; `budget`: virtual time for the page (0: real time, for measuring).
std::string chromium_dom(const fs::path& page, int budget_ms) {
  const fs::path dom = page.string() + ".dom", err = page.string() + ".err";
  std::string cmd = "timeout 120 chromium --headless --disable-gpu --no-sandbox --disable-dev-shm-usage " +
                    (budget_ms ? "--virtual-time-budget=" + std::to_string(budget_ms) + " " : std::string()) + "--dump-dom 'file://" +
                    page.string() + "' > '" + dom.string() + "' 2> '" + err.string() + "'";
  int rc = std::system(cmd.c_str());
  EXPECT_EQ(rc, 0) << cmd << "\n" << test::slurp(err).substr(0, 2000);
  return test::slurp(dom);
}
size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t k = 0; (k = s.find(what, k)) != std::string::npos; k += what.size()) ++n;
  return n;
}
// Every image of the page is a data: URI or a file of the report directory that exists.
void expect_images_resolve(const std::string& html, const fs::path& dir) {
  std::regex src(R"re(<img[^>]* src="([^"]+)")re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), src); it != std::sregex_iterator(); ++it) {
    const std::string s = (*it)[1];
    if (s.rfind("data:", 0) == 0) continue;
    EXPECT_EQ(s.find(':'), std::string::npos) << "a relative path: " << s;
    EXPECT_TRUE(fs::exists(dir / s)) << s;
  }
}

TEST(Reports, HtmlIsOfflineAndRendersInChromium) {
  fs::path dir = test::scratch_dir("reports", "html");
  fs::create_directories(dir / "experiments");
  std::ofstream(dir / "experiments" / "exp-test.svg")
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><rect width=\"40\" height=\"20\" fill=\"teal\"/></svg>";
  const auto& R = run();
  const Figures figs = write_slack_figures(dir.string(), R.results);
  std::string html = report_html(R.info, R.results, dir.string());
  write_atomically((dir / "report.html").string(), html);
  // offline: nothing is fetched from the network
  EXPECT_FALSE(std::regex_search(html, std::regex(R"((src|href)\s*=\s*"(https?:|//))"))) << "external reference in report.html";
  EXPECT_EQ(html.find("url(http"), std::string::npos);
  EXPECT_NE(html.find("src=\"experiments/exp-test.svg\""), std::string::npos) << "experiment figures are shown";
  const bool gp = test::on_path(gnuplot_command());
  EXPECT_EQ(figs.stem.size(), gp ? R.results.size() : 0u);
  const size_t figures = count(html, "<img class=\"fig\"");
  EXPECT_EQ(figures, gp ? R.results.size() + 1 : 1) << (gp ? "one slack figure per variant, plus the experiment" : "no gnuplot");
  expect_images_resolve(html, dir);
  // findings and proof map on top, per-claim details collapsible
  EXPECT_LT(html.find("id=\"findings\""), html.find("id=\"summary\""));
  EXPECT_LT(html.find("id=\"proof-map\""), html.find("id=\"summary\""));
  EXPECT_NE(html.find("<details class=\"claim\" id=\"c-" + R.results[0].claim + "\">"), std::string::npos);

  if (!test::on_path("chromium")) GTEST_SKIP() << "chromium is not installed: report.html was written but not rendered";
  write_atomically((dir / "probed.html").string(), probed(html));
  const std::string dom = chromium_dom(dir / "probed.html", 10000);
  ASSERT_EQ(attr(dom, "data-probe"), "broken") << "the image check must notice a broken image";
  EXPECT_EQ(attr(dom, "data-broken"), "") << "broken images (alt texts)";
  EXPECT_EQ(attr(dom, "data-ok"), std::to_string(figures)) << "every image decodes";
  for (const auto& r : R.results) {
    EXPECT_NE(dom.find("id=\"c-" + r.claim + "\""), std::string::npos) << r.claim;
    EXPECT_NE(dom.find(">" + r.variant + ": <span class=\"verdict " + verdict_str(r.verdict)), std::string::npos) << r.variant;
  }
  ASSERT_TRUE(R.results[1].counterexample);
  EXPECT_NE(dom.find("stabcheck replay " + R.results[1].counterexample->origin.token()), std::string::npos);
  if (std::getenv("STABCHECK_TEST_KEEP")) std::cout << "kept " << dir << "\n";  // to look at the page
  else fs::remove_all(dir);
}

// What a family is: the reports describe each family a registered claim's results sampled, in the claim's order and
// with the claim's own description (Markdown and HTML); results of an unregistered claim (this file's TEST-REPORTS, a
// fuzzed bound) get no such block.
TEST(Reports, FamiliesSampledAreDescribed) {
  const Claim* c = lookup_claim("LEM-C3-NORMS");
  if (!c) GTEST_SKIP() << "LEM-C3-NORMS is not in this build";
  RunOptions opt;
  opt.samples = 5;
  std::vector<VariantResult> results = {run_variant(*c, c->variants.at(0), opt)};
  const std::string md = report_markdown(run().info, results), html = report_html(run().info, results, "");
  std::string expected_md = "Families sampled:\n\n";
  for (const auto& f : c->families) {
    expected_md += "- `" + f.name + "`: " + f.description + "\n";
    EXPECT_NE(html.find("<dt><code>" + html_escape(f.name) + "</code></dt><dd>" + html_escape(f.description) + "</dd>"), std::string::npos)
        << f.name;
  }
  EXPECT_NE(md.find(expected_md), std::string::npos) << md.substr(0, 3000);
  EXPECT_EQ(report_markdown(run().info, run().results).find("Families sampled:"), std::string::npos);
  EXPECT_EQ(report_html(run().info, run().results, "").find("class=\"families\""), std::string::npos);
}

// The budget of issue 16 for the full default run (257 variants): report.html at most 3 MB, rendered by headless Chromium
// with every figure loaded (the 3 s to the load event is measured by bench/html_render, not asserted). A page of the
// full run's size is built from this test's run: its variants copied under new names up to 257, each given 20 families
// (more than most variants of the suite have), a counterexample and its figure. The page must scale with its text: at
// most 8 kB per variant beyond the fixed part.
TEST(Reports, HtmlOfTheFullRunsSizeFitsItsBudgets) {
  const auto& R = run();
  fs::path dir = test::scratch_dir("reports", "html-full");
  const Figures figs = write_slack_figures(dir.string(), R.results);
  auto synthetic = [&](size_t n) {
    std::vector<VariantResult> out;
    for (size_t i = 0; i < n; ++i) {
      VariantResult r = R.results[i % R.results.size()];
      r.claim = "SYN-" + std::to_string(i / 8);
      r.variant = R.results[i % R.results.size()].variant + "." + std::to_string(i);
      for (int k = 0; k < 20; ++k) {
        const std::string fam = "family-" + std::to_string(k) + "-of-twenty";
        r.per_family[fam] = 15;
        r.coverage.slack[fam] = r.coverage.slack.begin()->second;
      }
      if (!r.counterexample) r.counterexample = R.results[1].counterexample;
      out.push_back(std::move(r));
    }
    return out;
  };
  const auto small = synthetic(64), full = synthetic(257);
  if (!figs.stem.empty())  // the figure of each synthetic variant: a copy of a real one
    for (const auto& r : full) fs::copy_file(dir / (figs.stem.begin()->second + ".png"), dir / (slack_figure_stem(r) + ".png"),
                                             fs::copy_options::overwrite_existing);
  const std::string h_small = report_html(R.info, small, dir.string()), h_full = report_html(R.info, full, dir.string());
  const double per_variant = double(h_full.size() - h_small.size()) / double(full.size() - small.size());
  std::cout << "report.html of " << full.size() << " synthetic variants: " << h_full.size() << " bytes, " << per_variant
            << " bytes per variant\n";
  EXPECT_LE(per_variant, 8000.0);
  EXPECT_LE(h_full.size(), 3u << 20);
  expect_images_resolve(h_full, dir);
  if (!test::on_path("chromium")) GTEST_SKIP() << "chromium is not installed: the page was not rendered";
  write_atomically((dir / "probed.html").string(), probed(h_full));
  // The load event must come; its time is a measurement, not asserted here (bench/html_render measures it against
  // issue 16's 3 s budget; under a loaded ctest -j2 it varies by more than a second).
  std::string dom = chromium_dom(dir / "probed.html", 0);
  ASSERT_NE(attr(dom, "data-load-ms"), "<missing>") << "the load event did not come";
  std::cout << "Chromium: load event after " << attr(dom, "data-load-ms") << " ms (not asserted)\n";
  dom = chromium_dom(dir / "probed.html", 30000);  // then every figure, fetched
  EXPECT_EQ(attr(dom, "data-probe"), "broken") << "the image check must notice a broken image";
  EXPECT_EQ(attr(dom, "data-broken"), "");
  EXPECT_EQ(attr(dom, "data-ok"), std::to_string(count(h_full, "<img class=\"fig\""))) << "every figure loads";
  fs::remove_all(dir);
}

TEST(Reports, HtmlWithoutGnuplotSaysSo) {
  fs::path dir = test::scratch_dir("reports", "nognuplot");
  setenv("STABCHECK_GNUPLOT", "/nonexistent/gnuplot", 1);
  std::string html = report_html(run().info, run().results, dir.string());
  unsetenv("STABCHECK_GNUPLOT");
  EXPECT_NE(html.find("gnuplot was not found"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  fs::remove_all(dir);
}

// pdflatex on a document that \input's FILE; returns the page count (0 when pdflatex failed).
int pdflatex_pages(const fs::path& dir, const std::string& file, std::string* log_out = nullptr) {
  const std::string main = "main-" + fs::path(file).stem().string();
  write_atomically((dir / (main + ".tex")).string(),
                   "\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{longtable}\n\\usepackage{graphicx}\n\\begin{document}\n"
                   "\\input{" + file + "}\n\\end{document}\n");
  std::string cmd = "cd '" + dir.string() + "' && timeout 120 pdflatex -interaction=nonstopmode -halt-on-error " + main + ".tex > build.log 2>&1";
  int rc = std::system(cmd.c_str());
  std::string log = test::slurp(dir / (main + ".log"));
  if (log_out) *log_out = log;
  EXPECT_EQ(rc, 0) << "pdflatex failed on " << file << "; end of the log:\n" << log.substr(log.size() > 3000 ? log.size() - 3000 : 0);
  EXPECT_EQ(log.find("Missing character"), std::string::npos) << "a character the font cannot print";
  std::smatch m;
  if (rc != 0 || !std::regex_search(log, m, std::regex(R"(Output written on \S+ \((\d+) pages?)"))) return 0;
  return std::stoi(m[1]);
}

TEST(Reports, LatexCompilesWithPdflatex) {
  const auto& R = run();
  const std::string tex = report_latex(R.info, R.results), sup = report_latex_supplement(R.info, R.results);
  EXPECT_NE(tex.find("\\subsection*{Findings}"), std::string::npos);
  EXPECT_EQ(tex.find("\\subsection*{Coverage}"), std::string::npos) << "coverage is in the supplement";
  EXPECT_NE(sup.find("\\subsection*{Coverage}"), std::string::npos);
  EXPECT_NE(sup.find("\\subsection*{Sampling statistics}"), std::string::npos);
  for (const auto& r : R.results) EXPECT_NE(sup.find("\\texttt{" + latex_escape(r.variant) + "}"), std::string::npos) << r.variant;
  if (!test::on_path("pdflatex")) GTEST_SKIP() << "pdflatex is not installed (texlive-latex-base, texlive-latex-recommended): report.tex not compiled";
  fs::path dir = test::scratch_dir("reports", "tex");
  write_atomically((dir / "report.tex").string(), tex);
  write_atomically((dir / "report-supplement.tex").string(), sup);
  EXPECT_GE(pdflatex_pages(dir, "report.tex"), 1);
  EXPECT_GE(pdflatex_pages(dir, "report-supplement.tex"), 1);
  fs::remove_all(dir);
}

// The appendix's budget (issue 16: at most 8 pages for the full run) rests on its shape: one entry per claim, not per
// variant. Every claim of the registry (33), with its real variants, is given a refuted literal reading with a
// certified counterexample of 2 scalars and two 2 x 2 rational matrices (10 entries; the full run's 23 smallest
// counterexamples have 7 entries at the median, 65 at most), a best constant, and 300 samples: more counterexamples
// than the full run has (report.tex of the full run: 7 pages). report.tex with the proof map must stay within 8 pages
// while the supplement holds every variant.
TEST(Reports, AppendixOfEveryClaimFitsEightPages) {
  std::vector<VariantResult> results;
  for (const auto& c : registry()) {
    bool first = true;
    for (const auto& v : c.variants) {
      VariantResult r = result_of(c, v);
      r.samples = 300;
      r.per_family = {{"wishart", 150}, {"rank-one", 150}};
      r.verdict = Verdict::Holds;
      VariantResult::BestConstant b;
      b.extremum = "sup";
      b.ratio = 0.8125;
      b.verdict = "loose: ratio at most 0.8125 found";
      r.best_constant = b;
      if (first && !is_repaired(r)) {
        first = false;
        r.verdict = Verdict::Refuted;
        r.certified = true;
        Evaluated e;
        e.origin = Origin{c.id, v.slug, "wishart", 1, 17, {1, 0, 2}};
        for (int k = 0; k < 2; ++k) {
          MatQ m(2, 2);
          for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 2; ++j) m(i, j) = Rat(i == j ? 7 + k : -(i + j + k), i == j ? 3 : 5);
          e.sample.families["H"].push_back(m);
        }
        e.sample.scalars["eta"] = Rat(2, 3);
        e.sample.scalars["B"] = Rat(1);
        e.lhs = "-1.3333333333333333333333333333333333333333e+00";
        e.rhs = "2.4999999999999999999999999999999999999999e-01";
        e.slack = "-1.5833333333333333333333333333333333333333e+00";
        e.rel_slack = -1.58;
        e.tier = "exact";
        r.counterexample = e;
        Certificate cert;
        cert.certified = true;
        cert.method = "exact rational arithmetic";
        cert.lhs = "-4/3";
        cert.rhs = "1/4";
        cert.slack = "-19/12";
        r.certificate = cert;
      }
      results.push_back(std::move(r));
    }
  }
  ASSERT_FALSE(results.empty());
  fs::path dir = test::scratch_dir("reports", "appendix");
  write_proof_map(dir.string(), build_findings(results, registry()));
  const std::string tex = report_latex(run().info, results, dir.string()), sup = report_latex_supplement(run().info, results);
  for (const auto& r : results)
    EXPECT_NE(sup.find("\\texttt{" + latex_escape(r.claim) + "}\\newline\\texttt{" + latex_escape(r.variant) + "}"), std::string::npos)
        << "the supplement has every variant: " << r.claim << " " << r.variant;
  if (!test::on_path("pdflatex")) GTEST_SKIP() << "pdflatex is not installed: the appendix's page count was not measured";
  write_atomically((dir / "report.tex").string(), tex);
  write_atomically((dir / "report-supplement.tex").string(), sup);
  const int pages = pdflatex_pages(dir, "report.tex"), supplement = pdflatex_pages(dir, "report-supplement.tex");
  std::cout << "appendix of " << registry().size() << " claims (" << results.size() << " variants): " << pages
            << " pages; supplement " << supplement << " pages\n";
  EXPECT_GE(pages, 1);
  EXPECT_LE(pages, 8) << "the appendix is kept for reading: " << dir;
  EXPECT_GT(supplement, 0);
  if (pages <= 8) fs::remove_all(dir);
}
