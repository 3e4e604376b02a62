// gnuplot driver (see figures.hpp).
#include "experiments/figures.hpp"
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace stabcheck::exper {
namespace fs = std::filesystem;

std::string fmt(double x, int prec) {
  std::ostringstream o;
  o << std::setprecision(prec) << x;
  return o.str();
}

std::string Gnuplot::describe() const {
  if (!found) return "gnuplot not found: CSV and .gp scripts written, no figures";
  return "gnuplot terminals: " + (png.empty() ? std::string("no png") : png) + (svg ? ", svg" : "") + (pdf ? ", pdfcairo" : "");
}

const Gnuplot& gnuplot() {
  static const Gnuplot g = [] {
    Gnuplot out;
    FILE* p = popen("gnuplot -e 'set terminal' 2>&1", "r");
    if (!p) return out;
    std::string text;
    char buf[4096];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, k);
    if (pclose(p) != 0) return out;
    auto has = [&](const std::string& t) {
      std::istringstream in(text);
      std::string first;
      for (std::string line; std::getline(in, line);) {
        std::istringstream ls(line);
        if (ls >> first && first == t) return true;
      }
      return false;
    };
    out.found = has("svg") || has("png") || has("pngcairo");
    out.png = has("pngcairo") ? "pngcairo" : has("png") ? "png" : "";
    out.svg = has("svg");
    out.pdf = has("pdfcairo");
    return out;
  }();
  return g;
}

void write_text(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream o(tmp, std::ios::binary);
    o << text;
    if (!o) throw std::runtime_error("cannot write " + tmp);
  }
  fs::rename(tmp, path);
}

std::vector<std::string> render(const std::string& dir, const std::string& base, const std::string& body, int width,
                                int height) {
  const Gnuplot& g = gnuplot();
  std::ostringstream s;
  std::vector<std::pair<std::string, std::string>> outs;  // (file, terminal line)
  const std::string font = "font 'Sans,11'";
  if (!g.png.empty())  // twice the pixels of the SVG, text and lines scaled with them (pngcairo; libgd's png has no fontscale)
    outs.emplace_back(base + ".png", "set terminal " + g.png + " size " + std::to_string(2 * width) + "," +
                                         std::to_string(2 * height) +
                                         (g.png == "pngcairo" ? " " + font + " fontscale 2 linewidth 2" : "") + " enhanced");
  if (g.svg)
    outs.emplace_back(base + ".svg", "set terminal svg size " + std::to_string(width) + "," + std::to_string(height) +
                                         " " + font + " enhanced background rgb 'white'");
  if (g.pdf)
    outs.emplace_back(base + ".pdf", "set terminal pdfcairo size " + std::to_string(width / 100.0) + "in," +
                                         std::to_string(height / 100.0) + "in font 'Sans,9' enhanced");
  s << "# Rendered by stabcheck experiment; re-run with: gnuplot " << base << ".gp (in this directory)\n";
  for (const auto& [file, term] : outs) {
    s << term << "\nset output '" << file << "'\n" << body << "\nunset output\nreset\n";
  }
  write_text(dir + "/" + base + ".gp", s.str());
  std::vector<std::string> written;
  if (!g.found) return written;
  const std::string cmd = "cd '" + dir + "' && gnuplot '" + base + ".gp' 2>'" + base + ".gp.log'";
  if (std::system(cmd.c_str()) != 0)
    throw std::runtime_error("gnuplot failed on " + dir + "/" + base + ".gp (see " + base + ".gp.log)");
  for (const auto& [file, term] : outs) written.push_back(file);
  std::error_code ec;
  if (fs::file_size(dir + "/" + base + ".gp.log", ec) == 0) fs::remove(dir + "/" + base + ".gp.log", ec);
  return written;
}

}  // namespace stabcheck::exper
