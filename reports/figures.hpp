// The report's own figures: per variant, the distribution of log10 relative slack with a bar cluster per family, drawn
// by gnuplot in one batch as DIR/figures/slack-<claim>--<variant>.png (pngcairo, 1440 px wide: twice the former 720)
// and .pdf (pdfcairo, 7.2 in wide), title and legend inside the canvas. report.html shows the PNGs, linking the PDFs.
#pragma once
#include "core/runner.hpp"
#include <map>
#include <string>
#include <vector>

namespace stabcheck {

/// The gnuplot command: $STABCHECK_GNUPLOT if set, else "gnuplot". `gnuplot_available` tells whether it runs.
std::string gnuplot_command();
bool gnuplot_available();

/// "figures/slack-<claim>--<variant>" (characters other than letters, digits, '.', '-', '_' as '_'), relative to DIR;
/// the figure files are this plus ".png" and ".pdf".
std::string slack_figure_stem(const VariantResult& r);

struct Figures {
  bool drawn = false;                  // gnuplot ran (or there was nothing to draw)
  std::string note;                    // why there are no figures, if so
  std::map<size_t, std::string> stem;  // result index -> slack_figure_stem, for the figures written
};

/// Writes the slack figure of every variant with a slack distribution (Coverage::slack) into DIR/figures/, removing
/// the slack-* files of an earlier run first (never a stale figure). Without gnuplot nothing is drawn and `note` says so.
Figures write_slack_figures(const std::string& dir, const std::vector<VariantResult>& results);

/// base64 of bytes (for data: URIs).
std::string base64(const std::string& bytes);

}  // namespace stabcheck
