// Figures at publication quality (issue 16): the report's slack figures (reports/figures.hpp) and the experiments'
// (experiments/figures.hpp) are PNG at twice the former resolution plus PDF, drawn by gnuplot; a stale figure of an
// earlier run never survives; a legend of many families goes below the plot and the canvas grows with it.
#include "core/runner.hpp"
#include "experiments/figures.hpp"
#include "reports/figures.hpp"
#include "tests/files.hpp"
#include <gtest/gtest.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace figures_test {

using namespace stabcheck;
namespace fs = std::filesystem;

// Width and height from a PNG's IHDR chunk (bytes 16-23, big-endian); {0, 0} if not a PNG.
std::pair<unsigned, unsigned> png_size(const fs::path& p) {
  const std::string b = test::slurp(p);
  if (b.size() < 24 || b.compare(1, 3, "PNG") != 0) return {0, 0};
  auto be = [&](size_t k) {
    return unsigned((unsigned char)b[k]) << 24 | unsigned((unsigned char)b[k + 1]) << 16 | unsigned((unsigned char)b[k + 2]) << 8 |
           unsigned((unsigned char)b[k + 3]);
  };
  return {be(16), be(20)};
}

VariantResult with_slack(const std::string& variant, int families) {
  VariantResult r;
  r.claim = "FIG-TEST";
  r.variant = variant;
  r.samples = 30L * families;
  for (int f = 0; f < families; ++f) {
    SlackHistogram h;
    h.zero = 3 + f;
    h.decades[-2] = 10;
    h.decades[-1] = 17 - f % 5;
    r.coverage.slack["family-number-" + std::to_string(f)] = h;
  }
  return r;
}

TEST(Figures, SlackFiguresArePngAtTwiceTheResolutionAndPdf) {
  fs::path dir = test::scratch_dir("figures", "slack");
  fs::create_directories(dir / "figures");
  std::ofstream(dir / "figures" / "slack-STALE--old.png") << "not a figure of this run";
  std::vector<VariantResult> rs{with_slack("two", 2), with_slack("many", 30), VariantResult{}};
  rs[2].claim = "FIG-TEST";
  rs[2].variant = "no-slack";  // not-checkable: nothing to draw
  const Figures f = write_slack_figures(dir.string(), rs);
  EXPECT_FALSE(fs::exists(dir / "figures" / "slack-STALE--old.png")) << "a stale figure was left";
  EXPECT_EQ(slack_figure_stem(rs[0]), "figures/slack-FIG-TEST--two");
  if (!gnuplot_available()) {
    EXPECT_FALSE(f.drawn);
    EXPECT_NE(f.note.find("gnuplot was not found"), std::string::npos);
    GTEST_SKIP() << "gnuplot is not installed: no figures drawn";
  }
  ASSERT_TRUE(f.drawn) << f.note;
  ASSERT_EQ(f.stem.size(), 2u);
  for (size_t i : {size_t(0), size_t(1)}) {
    const fs::path png = dir / (slack_figure_stem(rs[i]) + ".png"), pdf = dir / (slack_figure_stem(rs[i]) + ".pdf");
    EXPECT_EQ(png_size(png).first, 1440u) << "twice the former 720 px: " << png;
    EXPECT_EQ(test::slurp(pdf).substr(0, 5), "%PDF-") << pdf;
  }
  // the legend of 30 families goes below the plot in rows: the canvas grows with it instead of covering the bars
  EXPECT_GT(png_size(dir / (slack_figure_stem(rs[1]) + ".png")).second, png_size(dir / (slack_figure_stem(rs[0]) + ".png")).second);
  for (const auto& e : fs::directory_iterator(dir)) EXPECT_NE(e.path().filename().string().rfind(".figures-", 0), 0u) << "temporary left";
  fs::remove_all(dir);
}

TEST(Figures, ExperimentFiguresArePngAtTwiceTheResolutionAndPdf) {
  fs::path dir = test::scratch_dir("figures", "experiment");
  const std::string body = "set title 'first line'.\"\\n\".'second line'\nset xlabel 'x'\nset ylabel 'y'\nplot x title 'x'\n";
  const auto files = exper::render(dir.string(), "fig", body, 400, 300);
  const std::string gp = test::slurp(dir / "fig.gp");
  EXPECT_NE(gp.find("size 800,600"), std::string::npos) << gp;
  if (!exper::gnuplot().found) GTEST_SKIP() << "gnuplot is not installed";
  if (exper::gnuplot().png == "pngcairo") {
    EXPECT_EQ(png_size(dir / "fig.png"), (std::pair<unsigned, unsigned>{800, 600}));
    EXPECT_NE(gp.find("fontscale 2"), std::string::npos) << "text scaled with the pixels";
  }
  if (exper::gnuplot().pdf) {
    EXPECT_EQ(test::slurp(dir / "fig.pdf").substr(0, 5), "%PDF-");
  }
  fs::remove_all(dir);
}

}  // namespace figures_test
