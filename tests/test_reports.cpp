// Reports for paper revisions (issue 7): coverage statistics add up and see planted near-equalities;
// report.html renders offline in headless Chromium with every claim and no broken image; report.tex
// compiles with pdflatex. Chromium and pdflatex are optional: the tests skip with a message without them.
#include "generators/kit.hpp"
#include "core/runner.hpp"
#include "generators/coherence.hpp"
#include "reports/figures.hpp"
#include "reports/report.hpp"
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

fs::path scratch(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("stabcheck-test-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

bool on_path(const std::string& prog) { return std::system(("command -v " + prog + " >/dev/null 2>&1").c_str()) == 0; }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
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
  RunOptions a, b;
  a.samples = b.samples = 25;
  a.jobs = 1;
  b.jobs = 2;
  for (const auto& v : c.variants) {
    VariantResult ra = run_variant(c, v, a), rb = run_variant(c, v, b);
    EXPECT_EQ(coverage_json(ra).dump(), coverage_json(rb).dump()) << v.slug;
  }
}

TEST(Reports, HtmlIsOfflineAndRendersInChromium) {
  fs::path dir = scratch("html");
  fs::create_directories(dir / "experiments");
  std::ofstream(dir / "experiments" / "exp-test.svg")
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><rect width=\"40\" height=\"20\" fill=\"teal\"/></svg>";
  const auto& R = run();
  std::string html = report_html(R.info, R.results, dir.string());
  write_atomically((dir / "report.html").string(), html);
  // offline: nothing is fetched at view time
  EXPECT_FALSE(std::regex_search(html, std::regex(R"((src|href)\s*=\s*"(https?:|//))"))) << "external reference in report.html";
  EXPECT_EQ(html.find("url(http"), std::string::npos);
  EXPECT_NE(html.find("exp-test.svg"), std::string::npos) << "experiment figures are embedded";
  const bool gp = on_path(gnuplot_command());
  size_t figures = 0;
  for (size_t k = 0; (k = html.find("src=\"data:image/svg+xml;base64,", k)) != std::string::npos; ++k) ++figures;
  EXPECT_EQ(figures, gp ? R.results.size() + 1 : 1) << (gp ? "one slack figure per variant, plus the experiment" : "no gnuplot");

  if (!on_path("chromium")) GTEST_SKIP() << "chromium is not installed: report.html was written but not rendered";
  // A copy with a probe: a deliberately broken image (the check must see it) and a script run on `load`
  // that records how many images decoded.
  std::string probe = R"(<img id="probe" alt="probe" src="data:image/png;base64,AAAA"><script>
window.addEventListener('load', function () {
  var ok = 0, bad = [];
  document.querySelectorAll('img').forEach(function (i) {
    if (i.id === 'probe') return;
    if (i.complete && i.naturalWidth > 0) ok++; else bad.push(i.alt);
  });
  var p = document.getElementById('probe');
  document.body.setAttribute('data-ok', ok);
  document.body.setAttribute('data-broken', bad.join('|'));
  document.body.setAttribute('data-probe', p.complete && p.naturalWidth > 0 ? 'decoded' : 'broken');
});</script></body>)";
  std::string probed = html;
  probed.replace(probed.rfind("</body>"), 7, probe);
  write_atomically((dir / "probed.html").string(), probed);
  std::string cmd = "timeout 120 chromium --headless --disable-gpu --no-sandbox --disable-dev-shm-usage --virtual-time-budget=10000 --dump-dom 'file://" +
                    (dir / "probed.html").string() + "' > '" + (dir / "dom.html").string() + "' 2> '" + (dir / "chromium.err").string() + "'";
  int rc = std::system(cmd.c_str());
  std::string dom = slurp(dir / "dom.html");
  ASSERT_EQ(rc, 0) << cmd << "\n" << slurp(dir / "chromium.err").substr(0, 2000);
  ASSERT_EQ(attr(dom, "data-probe"), "broken") << "the image check must notice a broken image";
  EXPECT_EQ(attr(dom, "data-broken"), "") << "broken images (alt texts)";
  EXPECT_EQ(attr(dom, "data-ok"), std::to_string(figures)) << "every embedded image decodes";
  for (const auto& r : R.results) {
    EXPECT_NE(dom.find("id=\"c-" + r.claim + "\""), std::string::npos) << r.claim;
    EXPECT_NE(dom.find(">" + r.variant + ": <span class=\"verdict " + verdict_str(r.verdict)), std::string::npos) << r.variant;
  }
  ASSERT_TRUE(R.results[1].counterexample);
  EXPECT_NE(dom.find("stabcheck replay " + R.results[1].counterexample->origin.token()), std::string::npos);
  if (std::getenv("STABCHECK_TEST_KEEP")) std::cout << "kept " << dir << "\n";  // to look at the page
  else fs::remove_all(dir);
}

TEST(Reports, HtmlWithoutGnuplotSaysSo) {
  fs::path dir = scratch("nognuplot");
  setenv("STABCHECK_GNUPLOT", "/nonexistent/gnuplot", 1);
  std::string html = report_html(run().info, run().results, dir.string());
  unsetenv("STABCHECK_GNUPLOT");
  EXPECT_NE(html.find("gnuplot was not found"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Reports, LatexCompilesWithPdflatex) {
  const auto& R = run();
  std::string tex = report_latex(R.info, R.results);
  EXPECT_NE(tex.find("\\subsection*{Coverage}"), std::string::npos);
  if (!on_path("pdflatex")) GTEST_SKIP() << "pdflatex is not installed (texlive-latex-base, texlive-latex-recommended): report.tex not compiled";
  fs::path dir = scratch("tex");
  write_atomically((dir / "report.tex").string(), tex);
  write_atomically((dir / "main.tex").string(),
                   "\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{longtable}\n\\begin{document}\n"
                   "\\input{report.tex}\n\\end{document}\n");
  std::string cmd = "cd '" + dir.string() + "' && timeout 120 pdflatex -interaction=nonstopmode -halt-on-error main.tex > build.log 2>&1";
  int rc = std::system(cmd.c_str());
  std::string log = slurp(dir / "main.log");
  ASSERT_EQ(rc, 0) << "pdflatex failed; end of main.log:\n" << log.substr(log.size() > 3000 ? log.size() - 3000 : 0);
  ASSERT_TRUE(fs::exists(dir / "main.pdf"));
  EXPECT_GT(fs::file_size(dir / "main.pdf"), 1000u);
  EXPECT_EQ(log.find("Missing character"), std::string::npos) << "a character the font cannot print";
  fs::remove_all(dir);
}
