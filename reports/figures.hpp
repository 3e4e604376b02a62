// Figures for report.html, drawn by gnuplot (`set terminal svg`) in one batch.
#pragma once
#include "core/runner.hpp"
#include <map>
#include <string>
#include <vector>

namespace stabcheck {

/// The gnuplot command: $STABCHECK_GNUPLOT if set, else "gnuplot".
std::string gnuplot_command();

struct Figures {
  bool drawn = false;                  // gnuplot ran
  std::string note;                    // why there are no figures, if so
  std::map<size_t, std::string> svg;   // result index -> SVG document
};

/// One histogram per variant of log10 relative slack, a cluster of bars per family (Coverage::slack).
Figures slack_figures(const std::vector<VariantResult>& results);

/// base64 of bytes (for data: URIs).
std::string base64(const std::string& bytes);

}  // namespace stabcheck
