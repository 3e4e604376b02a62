#include "reports/figures.hpp"
#include <algorithm>
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

// One figure: x categories "violated", "0", then every decade from the lowest to the highest seen, then
// "not evaluated" when any; one column per family.
void figure_script(std::ostream& gp, size_t idx, const VariantResult& r, const fs::path& out) {
  const auto& hs = r.coverage.slack;
  int lo = SlackHistogram::kMaxDecade + 1, hi = SlackHistogram::kMinDecade - 1;
  long unevaluated = 0;
  for (const auto& [f, h] : hs) {
    for (const auto& [d, n] : h.decades) if (n) { lo = std::min(lo, d); hi = std::max(hi, d); }
    unevaluated += h.unevaluated;
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

  const std::string db = "$d" + std::to_string(idx);
  gp << "set output " << gp_string((out / ("fig" + std::to_string(idx) + ".svg")).string()) << "\n";
  gp << "set title " << gp_string(r.claim + " / " + r.variant + ": relative slack per family (" + std::to_string(r.samples) + " samples)") << "\n";
  gp << db << " << EOD\n";
  for (const auto& [label, v] : rows) {
    gp << gp_string(label);
    for (long n : v) gp << " " << n;
    gp << "\n";
  }
  gp << "EOD\n";
  gp << "plot ";
  size_t col = 2;
  for (const auto& [f, h] : hs) {
    gp << (col > 2 ? ", " : "") << db << " using " << col << (col == 2 ? ":xtic(1)" : "") << " title " << gp_string(f);
    ++col;
  }
  gp << "\n";
}

}  // namespace

std::string gnuplot_command() {
  const char* e = std::getenv("STABCHECK_GNUPLOT");
  return e && *e ? e : "gnuplot";
}

Figures slack_figures(const std::vector<VariantResult>& results) {
  Figures out;
  std::vector<size_t> todo;
  for (size_t i = 0; i < results.size(); ++i)
    if (!results[i].coverage.slack.empty()) todo.push_back(i);
  if (todo.empty()) { out.drawn = true; return out; }
  const std::string gnuplot = gnuplot_command();
  if (std::system(("command -v " + quoted(gnuplot) + " >/dev/null 2>&1").c_str()) != 0) {
    out.note = "gnuplot was not found (" + gnuplot + "), so this page has no slack figures; install gnuplot-nox and rerun.";
    return out;
  }
  std::string tmpl = (fs::temp_directory_path() / "stabcheck-figures-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) { out.note = "no temporary directory for the figures, so this page has no slack figures."; return out; }
  fs::path dir = tmpl;
  {
    std::ofstream gp(dir / "figures.gp");
    gp << "set terminal svg size 720,300 font 'sans,11' background rgb 'white'\n"
          "set encoding utf8\nset termoption noenhanced\n"
          "set style data histograms\nset style histogram cluster gap 1\nset style fill solid 0.85 border -1\n"
          "set boxwidth 0.9\nset xlabel 'floor(log10 relative slack); violated; 0 = equality'\nset ylabel 'samples'\n"
          "set yrange [0:*]\nset grid ytics\nset key top right\nset xtics rotate by 45 right nomirror\n";
    for (size_t i : todo) figure_script(gp, i, results[i], dir);
  }
  int rc = std::system((quoted(gnuplot) + " " + quoted((dir / "figures.gp").string()) + " 2> " + quoted((dir / "err.txt").string())).c_str());
  if (rc != 0) {
    std::string err = read_file(dir / "err.txt");
    out.note = "gnuplot failed, so this page has no slack figures: " + err.substr(0, 300);
  } else {
    out.drawn = true;
    for (size_t i : todo) {
      fs::path p = dir / ("fig" + std::to_string(i) + ".svg");
      if (fs::exists(p)) out.svg[i] = read_file(p);
    }
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
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
