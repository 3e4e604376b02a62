#include "reports/figures.hpp"
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace stabcheck {

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string quoted(const std::string& s) {  // for the shell
  std::string o = "'";
  for (char c : s) o += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return o + "'";
}

std::string gp_string(const std::string& s) {  // a gnuplot double-quoted string, non-enhanced
  std::string o = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    o += c;
  }
  return o + "\"";
}

// One figure, as PNG and PDF: x categories "violated", "0", then every decade from the lowest to the highest seen, then
// "n/a" when any; one bar cluster column per family; the legend below the plot in as many rows as the families need.
void figure_script(std::ostream& gp, const VariantResult& r, const fs::path& stem) {
  const auto& hs = r.coverage.slack;
  int lo = SlackHistogram::kMaxDecade + 1, hi = SlackHistogram::kMinDecade - 1;
  long unevaluated = 0;
  size_t longest = 1;
  for (const auto& [f, h] : hs) {
    for (const auto& [d, n] : h.decades) if (n) { lo = std::min(lo, d); hi = std::max(hi, d); }
    unevaluated += h.unevaluated;
    longest = std::max(longest, f.size());
  }
  std::vector<std::pair<std::string, std::vector<long>>> rows;
  auto row = [&](const std::string& label, auto count) {
    std::vector<long> v;
    for (const auto& [f, h] : hs) v.push_back(count(h));
    rows.emplace_back(label, v);
  };
  row("violated", [](const SlackHistogram& h) { return h.negative; });
  row("0", [](const SlackHistogram& h) { return h.zero; });
  for (int d = lo; d <= hi; ++d)
    row(d == SlackHistogram::kMinDecade ? "<" + std::to_string(d + 1) : d == SlackHistogram::kMaxDecade ? ">=" + std::to_string(d) : std::to_string(d),
        [d](const SlackHistogram& h) { auto it = h.decades.find(d); return it == h.decades.end() ? 0L : it->second; });
  if (unevaluated) row("n/a", [](const SlackHistogram& h) { return h.unevaluated; });

  // legend: columns of the longest family name (about 7 px a character at 11 pt, plus the sample), rows to fit
  const size_t cols = std::max<size_t>(1, std::min<size_t>(hs.size(), 680 / (7 * longest + 50)));
  const size_t key_rows = (hs.size() + cols - 1) / cols;
  const int width = 720, height = 380 + 17 * int(key_rows);  // in points of the 720-wide figure
  gp << "$d << EOD\n";
  for (const auto& [label, v] : rows) {
    gp << gp_string(label);
    for (long n : v) gp << " " << n;
    gp << "\n";
  }
  gp << "EOD\n";
  gp << "set key below horizontal maxcols " << cols << " width 1 samplen 1.5 spacing 1.1\n";
  // bar outlines help up to 8 families (gnuplot's 8 colours); with more, thin bars would show only their outlines
  gp << "set style fill solid 0.85 " << (hs.size() <= 8 ? "border -1" : "noborder") << "\n";
  gp << "set title " << gp_string(r.claim + " / " + r.variant) << " . \"\\n\" . "
     << gp_string("relative slack of " + std::to_string(r.samples) + " samples, per family") << "\n";
  const std::string plot = [&] {
    std::ostringstream p;
    p << "plot ";
    size_t col = 2;
    for (const auto& [f, h] : hs) {
      p << (col > 2 ? ", " : "") << "$d using " << col << (col == 2 ? ":xtic(1)" : "") << " title " << gp_string(f);
      ++col;
    }
    return p.str();
  }();
  gp << "set terminal pngcairo size " << 2 * width << "," << 2 * height << " font 'Sans,11' fontscale 2 linewidth 2 noenhanced background rgb 'white'\n";
  gp << "set output " << gp_string(stem.string() + ".png") << "\n" << plot << "\nunset output\n";
  gp << "set terminal pdfcairo size " << width / 100.0 << "in," << height / 100.0 << "in font 'Sans,8' noenhanced\n";
  gp << "set output " << gp_string(stem.string() + ".pdf") << "\n" << plot << "\nunset output\n";
}

}  // namespace

std::string gnuplot_command() {
  const char* e = std::getenv("STABCHECK_GNUPLOT");
  return e && *e ? e : "gnuplot";
}

bool gnuplot_available() { return std::system(("command -v " + quoted(gnuplot_command()) + " >/dev/null 2>&1").c_str()) == 0; }

std::string slack_figure_stem(const VariantResult& r) {
  std::string s = r.claim + "--" + r.variant;
  for (char& c : s) if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '_';
  return "figures/slack-" + s;
}

Figures write_slack_figures(const std::string& out_dir, const std::vector<VariantResult>& results) {
  Figures out;
  const fs::path dir = fs::path(out_dir) / "figures";
  std::error_code ec;
  if (fs::is_directory(dir, ec))  // never a stale figure from an earlier run
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.path().filename().string().rfind("slack-", 0) == 0) fs::remove(e.path(), ec);
  std::vector<size_t> todo;
  for (size_t i = 0; i < results.size(); ++i)
    if (!results[i].coverage.slack.empty()) todo.push_back(i);
  if (todo.empty()) { out.drawn = true; return out; }
  if (!gnuplot_available()) {
    out.note = "gnuplot was not found (" + gnuplot_command() + "), so there are no slack figures; install gnuplot-nox and rerun.";
    return out;
  }
  fs::create_directories(dir);
  // drawn into a temporary directory next to figures/, then moved in: nothing half-written under figures/
  std::string tmpl = (fs::path(out_dir) / ".figures-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) { out.note = "no temporary directory for the figures, so there are no slack figures."; return out; }
  const fs::path tmp = tmpl;
  {
    std::ofstream gp(tmp / "figures.gp");
    gp << "set encoding utf8\nset termoption noenhanced\n"
          "set style data histograms\nset style histogram cluster gap 1\n"
          "set boxwidth 0.9\nset xlabel 'log10 of the relative slack (decade k: [10^k, 10^(k+1)); violated: < 0; 0: equality)'\n"
          "set ylabel 'samples'\nset yrange [0:*]\nset grid ytics\nset xtics rotate by 45 right nomirror\nset tics out\n";
    for (size_t i : todo) figure_script(gp, results[i], tmp / fs::path(slack_figure_stem(results[i])).filename());
  }
  const int rc = std::system((quoted(gnuplot_command()) + " " + quoted((tmp / "figures.gp").string()) + " 2> " + quoted((tmp / "err.txt").string())).c_str());
  if (rc != 0) {
    out.note = "gnuplot failed, so there are no slack figures: " + read_file(tmp / "err.txt").substr(0, 300);
  } else {
    out.drawn = true;
    for (size_t i : todo) {
      const std::string stem = slack_figure_stem(results[i]);
      const fs::path name = fs::path(stem).filename();
      bool both = true;
      for (const char* ext : {".png", ".pdf"}) {
        const fs::path from = tmp / (name.string() + ext);
        both = both && fs::exists(from, ec) && fs::file_size(from, ec) > 0;
      }
      if (!both) continue;
      for (const char* ext : {".png", ".pdf"}) fs::rename(tmp / (name.string() + ext), fs::path(out_dir) / (stem + ext), ec);
      out.stem[i] = stem;
    }
  }
  fs::remove_all(tmp, ec);
  return out;
}

std::string base64(const std::string& in) {
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
    out += t[v >> 18]; out += t[(v >> 12) & 63]; out += t[(v >> 6) & 63]; out += t[v & 63];
  }
  if (i + 1 == in.size()) {
    unsigned v = (unsigned char)in[i] << 16;
    out += t[v >> 18]; out += t[(v >> 12) & 63]; out += "==";
  } else if (i + 2 == in.size()) {
    unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8;
    out += t[v >> 18]; out += t[(v >> 12) & 63]; out += t[(v >> 6) & 63]; out += '=';
  }
  return out;
}

}  // namespace stabcheck
