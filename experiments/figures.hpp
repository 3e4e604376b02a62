// Figures for the experiments: gnuplot, driven through a saved script so that a user can re-render or edit it.
// Terminals are detected at run time (gnuplot-nox may lack the cairo terminals): PNG through pngcairo, else the
// libgd png terminal; vector output as SVG, plus PDF when pdfcairo exists.
#pragma once
#include <string>
#include <vector>

namespace stabcheck::exper {

struct Gnuplot {
  bool found = false;
  std::string png;  // "pngcairo" | "png" | ""
  bool svg = false, pdf = false;
  std::string describe() const;
};
/// Probes `gnuplot -e 'set terminal'` once per process.
const Gnuplot& gnuplot();

/// Writes DIR/BASE.gp (a script that renders BASE.png, BASE.svg and BASE.pdf when the terminals exist) and runs it
/// with DIR as working directory. `body` is the plotting part (no terminal/output lines); width and height in pixels of
/// the SVG: the PNG has twice as many in each direction (text and lines scaled with them), the PDF the same aspect ratio. Returns the figure files written (relative to DIR); empty without gnuplot.
/// Throws std::runtime_error when gnuplot exists but fails on the script.
std::vector<std::string> render(const std::string& dir, const std::string& base, const std::string& body, int width,
                                int height);

/// x with `prec` significant digits, for report tables.
std::string fmt(double x, int prec = 4);

/// Write a text file atomically (temporary file + rename).
void write_text(const std::string& path, const std::string& text);

}  // namespace stabcheck::exper
