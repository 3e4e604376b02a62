// `stabcheck experiment phase-diagram` (see phase_report.hpp).
#include "experiments/phase_report.hpp"
#include "models/moments.hpp"
#include "experiments/figures.hpp"
#include "generators/construction.hpp"
#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <tuple>
#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>
#include <thread>

namespace stabcheck::exper {

namespace {
std::string tag(double eta) {
  std::ostringstream o;
  o << "eta" << eta;
  return o.str();
}
std::string title_of(Method m) { return m == Method::SGD ? "SGD" : m == Method::SAM ? "SAM" : "noise injection"; }
std::string title_of(Sampler s) { return s == Sampler::Bernoulli ? "Bernoulli batches" : "without replacement"; }
std::string list(const std::vector<int>& v) {
  std::string s = "{";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "}";
}
std::string pct(int a, int b) { return b ? fmt(100.0 * a / b, 3) + "%" : "-"; }

/// Segments between cells with different exact verdicts (r(T) > 1 vs <= 1), as x,y,dx,dy rows.
std::string boundary_segments(const GridResult& g) {
  const size_t nb = g.Bs.size(), ns = g.sigmas.size();
  auto div = [&](size_t ib, size_t is) { return g.cells[is * nb + ib].exact.r > 1; };
  std::ostringstream o;
  for (size_t is = 0; is < ns; ++is)
    for (size_t ib = 0; ib < nb; ++ib) {
      const double B = g.Bs[ib], s = g.sigmas[is];
      if (ib + 1 < nb && div(ib, is) != div(ib + 1, is)) {
        const double x = (B + g.Bs[ib + 1]) / 2, lo = is ? (s + g.sigmas[is - 1]) / 2 : s - 0.5,
                     hi = is + 1 < ns ? (s + g.sigmas[is + 1]) / 2 : s + 0.5;
        o << x << ',' << lo << ",0," << hi - lo << '\n';
      }
      if (is + 1 < ns && div(ib, is) != div(ib, is + 1)) {
        const double y = (s + g.sigmas[is + 1]) / 2, lo = ib ? (B + g.Bs[ib - 1]) / 2 : B - 0.5,
                     hi = ib + 1 < nb ? (B + g.Bs[ib + 1]) / 2 : B + 0.5;
        o << lo << ',' << y << ',' << hi - lo << ",0\n";
      }
    }
  std::string out = o.str();
  return out.empty() ? "-100,-100,0,0\n" : out;  // gnuplot needs one row
}

std::string grid_base(const GridSpec& g) {
  return "phase-" + method_name(g.method) + "-" + sampler_name(g.sampler) + "-" + tag(g.eta);
}

/// gnuplot body of one panel.
std::string panel(const GridResult& g, const std::string& base) {
  const auto& s = g.spec;
  std::ostringstream p;
  p << "set title '" << title_of(s.method) << ", " << title_of(s.sampler) << "'\n"
    << "set xrange [0.5:" << g.Bs.back() + 0.5 << "]\nset yrange [0.5:" << g.sigmas.back() + 0.5 << "]\n"
    << "set cbrange [0:" << s.runs << "]\n"
    << "plot '" << base << ".csv' skip 1 using 1:2:4 "
    << (s.Bs.empty() && s.sigmas.empty() ? "with image" : "with points pt 5 ps 2.5 lc palette") << " notitle, \\\n"
    << "  '" << base << "-exact-boundary.csv' using 1:2:3:4 with vectors nohead lw 2.5 lc rgb 'black' title 'exact r(T) = 1', \\\n"
    << "  (x >= 1 ? " << thm87_sigma_gp(s.n, s.lambda1, s.eta, s.c) << " : 1/0) with lines lw 2 dt 2 lc rgb '#1f4fd0' title '(87) / Dexter Thm 2', \\\n"
    << "  (x >= 1 ? " << thm1_sigma_gp(s.n, s.lambda1, s.eta, s.c) << " : 1/0) with lines lw 2 dt 4 lc rgb '#008a00' title '"
    << (s.method == Method::SAM ? "THM-C8 (31)" : "Dexter Thm 1") << "', \\\n"
    << "  '" << base << ".csv' skip 1 using 1:($6 != $12 ? $2 : 1/0) with points pt 6 ps 0.6 lc rgb '#202020' title 'MC {/Symbol \\271} exact'\n";
  return p.str();
}

std::string figure_body(const std::vector<const GridResult*>& grids, int rows, int cols, double eta) {
  std::ostringstream b;
  b << "set datafile separator ','\nset xlabel 'batch size B'\nset ylabel 'coherence {/Symbol s}'\n"
    << "set cblabel 'diverged runs'\nset palette defined (0 '#ffffff', 0.35 '#fee090', 0.7 '#f46d43', 1 '#a50026')\n"
    << "set key top right opaque box font ',8' samplen 2\nset samples 500\nset tics out\n"
    << "set multiplot layout " << rows << "," << cols << " title 'Phase diagram (n = " << grids.front()->spec.n
    << ", {/Symbol l}_{max}(H) = " << grids.front()->spec.lambda1 << ", {/Symbol h} = " << eta
    << ")'.\"\\n\".'colour: runs (of " << grids.front()->spec.runs << ") with ||w||^2 {/Symbol \\263} " << grids.front()->spec.protocol.factor
    << " ||w_0||^2 within " << grids.front()->spec.protocol.steps << " steps' font ',12'\n";
  for (const auto* g : grids) b << panel(*g, grid_base(g->spec));
  b << "unset multiplot\n";
  return b.str();
}
}  // namespace

double moments_radius(const Cell& c) {
  const auto fam = construction::family('b', c.n, c.sigma, Rat(c.lambda1));
  std::vector<Mat<double>> H;
  for (const auto& h : fam) H.push_back(from_rat<double>(h));
  const double cc = c.method == Method::SAM ? c.c : 0.0;
  auto m = mom::make_model<double>(H, c.eta, double(c.B), cc);
  return mom::spectral_radius(mom::T_matrix(m));
}

double wor_radius_enumerated(const Cell& c) {
  const auto fam = construction::family('b', c.n, c.sigma, Rat(c.lambda1));
  std::vector<Mat<double>> H;
  for (const auto& h : fam) H.push_back(from_rat<double>(h));
  const int d = int(H[0].rows());
  Mat<double> Hbar = Mat<double>::Zero(d, d);
  for (const auto& h : H) Hbar += h / double(c.n);
  const double cc = c.method == Method::SAM ? c.c : 0.0;
  const Mat<double> C = Mat<double>::Identity(d, d) + cc * Hbar;
  std::vector<Mat<double>> Js;  // J for every B-subset (bitmask enumeration)
  for (unsigned long x = 0; x < (1UL << c.n); ++x) {
    if (__builtin_popcountl(x) != c.B) continue;
    Mat<double> Hb = Mat<double>::Zero(d, d);
    for (int i = 0; i < c.n; ++i)
      if (x >> i & 1UL) Hb += H[size_t(i)];
    Hb /= double(c.B);
    Js.push_back(Mat<double>::Identity(d, d) - c.eta * Hb * C);
  }
  auto op = mom::op_matrix<double>(d, [&](const Mat<double>& A) {
    Mat<double> s = Mat<double>::Zero(d, d);
    for (const auto& J : Js) s += J.transpose() * A * J;
    return Mat<double>(s / double(Js.size()));
  });
  return mom::spectral_radius(op);
}

std::vector<CrossCheck> cross_check_boundary(double lambda1, double eta, double c) {
  std::vector<CrossCheck> out;
  for (Method m : {Method::SGD, Method::SAM}) {
    Cell cell;
    cell.lambda1 = lambda1;
    cell.eta = eta;
    cell.c = c;
    cell.method = m;
    cell.sampler = Sampler::Bernoulli;
    for (auto [n, sigma, B] : {std::tuple{100, 100, 1}, {100, 94, 7}, {100, 88, 49}, {12, 2, 1}, {12, 5, 3}, {12, 9, 11}}) {
      cell.n = n;
      cell.sigma = sigma;
      cell.B = B;
      out.push_back({"models/moments r(T)", n, B, sigma, method_name(m), sampler_name(cell.sampler), exact_cell(cell).r,
                     moments_radius(cell)});
    }
    cell.sampler = Sampler::WithoutReplacement;
    for (auto [n, sigma, B] : {std::tuple{10, 1, 1}, {10, 3, 2}, {10, 5, 5}, {10, 8, 9}}) {
      cell.n = n;
      cell.sigma = sigma;
      cell.B = B;
      out.push_back({"B-subset enumeration", n, B, sigma, method_name(m), sampler_name(cell.sampler),
                     exact_cell(cell).r, wor_radius_enumerated(cell)});
    }
  }
  return out;
}

std::string run_phase_diagram(const PhaseOptions& o, const std::string& out, std::ostream& log) {
  const std::string dir = out + "/experiments";
  const double c = o.alpha > 0 ? o.rho / o.alpha : 0;
  Protocol proto;
  proto.steps = o.steps;
  proto.factor = o.factor;
  const double res = resolution_radius(proto);
  std::ostringstream md, table;
  std::vector<std::string> figures;
  double total = 0, total_cpu = 0;
  nlohmann::json js = {{"command", o.command}, {"seed", o.seed}, {"jobs", o.jobs}, {"runs", o.runs}, {"steps", o.steps},
                       {"factor", o.factor}, {"n", o.n}, {"resolution_radius", res}, {"grids", nlohmann::json::array()}};
  table << "| eta | method | sampler | MC divergent | exact divergent | MC = exact | of the disagreements: in the band"
           " | MC = (87) | exact = (87) | MC = typical path | THM1 cells (exact / MC diverge) | wall time (CPU) |\n"
        << "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (double eta : o.etas) {
    std::vector<GridResult> grids;
    for (Sampler s : o.samplers)
      for (Method m : o.methods) {
        const GridSpec g{.n = o.n, .B_max = o.B_max, .sigma_max = o.sigma_max, .runs = o.runs, .Bs = o.Bs, .sigmas = o.sigmas,
                         .lambda1 = o.lambda1, .eta = eta, .c = m == Method::SAM ? c : 0, .noise_std = o.noise_std,
                         .method = m, .sampler = s, .protocol = proto, .seed = o.seed, .jobs = o.jobs};
        log << "phase-diagram: eta = " << eta << ", " << title_of(m) << ", " << title_of(s) << " ... " << std::flush;
        grids.push_back(run_grid(g));
        const auto& r = grids.back();
        total += r.seconds;
        total_cpu += r.cpu_seconds;
        const Agreement a = agreement(r);
        log << fmt(r.seconds, 3) << " s wall, " << fmt(r.cpu_seconds, 3) << " s CPU (" << r.cells.size() << " cells x " << o.runs << " runs); MC divergent "
            << a.mc_div << ", exact divergent " << a.exact_div << ", MC = exact on " << a.mc_vs_exact << "\n";
        const std::string base = grid_base(g);
        nlohmann::json cells = nlohmann::json::array();
        for (const auto& x : r.cells) cells.push_back({x.B, x.sigma, x.diverged_runs, x.exact.r});
        js["grids"].push_back({{"method", method_name(m)}, {"sampler", sampler_name(s)}, {"eta", eta}, {"c", g.c},
                               {"seconds", r.seconds}, {"cpu_seconds", r.cpu_seconds}, {"mc_divergent", a.mc_div}, {"exact_divergent", a.exact_div},
                               {"mc_equals_exact", a.mc_vs_exact}, {"cells_B_sigma_diverged_r", cells}});
        write_text(dir + "/" + base + ".csv", grid_csv(r));
        write_text(dir + "/" + base + "-exact-boundary.csv", boundary_segments(r));
        const int dis = a.cells - a.mc_vs_exact;
        table << "| " << eta << " | " << title_of(m) << (m == Method::SAM ? " (c = " + fmt(c) + ")" : "") << " | "
              << title_of(s) << " | " << a.mc_div << " | " << a.exact_div << " | " << a.mc_vs_exact << " / " << a.cells
              << " (" << pct(a.mc_vs_exact, a.cells) << ") | " << a.mc_vs_exact_band << " / " << dis << " | "
              << a.mc_vs_87 << " | " << a.exact_vs_87 << " | " << a.mc_vs_lyap << " | " << a.thm1_div << " ("
              << a.thm1_exact_ok << " / " << a.thm1_mc_ok << ") | " << fmt(r.seconds, 3) << " s (CPU " << fmt(r.cpu_seconds, 3) << " s) |\n";
      }
    std::vector<const GridResult*> ptrs;
    for (const auto& g : grids) ptrs.push_back(&g);
    const int cols = int(o.methods.size()), rows = int(o.samplers.size());
    auto files = render(dir, "phase-diagram-" + tag(eta), figure_body(ptrs, rows, cols, eta), 560 * cols + 40, 470 * rows + 60);
    figures.insert(figures.end(), files.begin(), files.end());
  }
  log << "phase-diagram: cross-check of the exact boundary ... " << std::flush;
  auto cc = cross_check_boundary(o.lambda1, o.etas.front(), c);
  double worst = 0;
  for (const auto& x : cc) worst = std::max(worst, std::abs(x.closed - x.reference) / std::max(1.0, std::abs(x.reference)));
  log << "max relative difference " << fmt(worst, 3) << "\n";

  md << "# Phase diagram (EXP-C3-PHASE)\n\n"
     << "Command: `" << o.command << "`\n\n"
     << "Grid: B = " << (o.Bs.empty() ? "1.." + std::to_string(o.B_max) : list(o.Bs)) << ", sigma = "
     << (o.sigmas.empty() ? "1.." + std::to_string(o.sigma_max) : list(o.sigmas)) << ", n = " << o.n << ", construction variant (b) "
     << "(d = n - sigma + 1, m = n lambda_max / sigma, lambda_max(H) = " << o.lambda1 << "), " << o.runs << " runs per cell, "
     << o.steps << " steps, a run diverges iff ||w||^2 >= " << o.factor << " ||w_0||^2 (checked after every update, "
     << "stop at once), a cell diverges iff more than half its runs diverge (>= " << o.runs / 2 + 1 << " of " << o.runs << ").\n"
     << "Monte Carlo time: " << fmt(total, 3) << " s wall, " << fmt(total_cpu, 3) << " s CPU, on " << o.jobs << " threads (" << std::thread::hardware_concurrency()
     << " hardware threads).\n\n"
     << "## Choices (no source fixes these)\n\n"
     << "- seed: " << o.seed << "; each (sampler, B, sigma, run) has its own xoshiro256** stream derived from it, shared by "
        "the methods and learning rates (common random numbers), so results do not depend on --jobs.\n"
     << "- initialisation: w_0 with i.i.d. uniform [0, 1) entries (the public code).\n"
     << "- SAM: the linearised Jacobian J = I - eta Hb - eta (rho/alpha) Hb H of the public code, rho = " << o.rho
     << ", alpha = " << o.alpha << " (the code's defaults), c = rho/alpha = " << fmt(c) << ".\n"
     << "- noise injection: w <- (I - eta Hb)(w + xi), xi ~ N(0, " << o.noise_std << "^2 I) (the public code's update, "
        "not (3)); its exact boundary is the SGD one (THM-C7-1: noise adds a bounded forcing to the same second-moment map).\n"
     << "- Bernoulli sampler (Definition 3): each sample independently with probability B/n, Hb divided by B (not by the "
        "batch's size); drawn as K ~ Bin(n, B/n) and a uniform K-subset (the same law). Without replacement: B distinct "
        "samples (the public code).\n"
     << "- theorem readings: DEXTER-THM1 and THM-C8 (31) with '>=' (chosen reading), THM-3.3 (87) with '<' for stability; "
        "for SAM the divergence curve is THM-C8 (31) with lambda_min(H) = lambda_max / sigma (variant (b)).\n"
     << "- divergence test after each of the " << o.steps << " updates (the public code tests before each update, so "
        "it never tests the last iterate).\n\n"
     << "## Resolution limit\n\n"
     << "With " << o.steps << " steps and the " << o.factor << "x rule, a cell whose second moment grows like r(T)^k is "
        "seen only if r^" << o.steps / 2 << " >= " << o.factor << ", i.e. r >= " << fmt(res, 6) << ": cells with "
        "1 < r(T) < " << fmt(res, 6) << " (the resolution band) diverge in mean square but cannot be detected. "
        "Beyond the band, the Monte Carlo follows typical paths, whose growth rate is the Lyapunov exponent "
        "max_j E log|J_jj| (column `lyapunov`), not the mean-square rate log r(T): rare large batches of the coherent "
        "samples make E[J^2] > 1 while E log|J| < 0. The column 'MC = typical path' counts cells where the Monte "
        "Carlo verdict equals the prediction 2 " << o.steps << " lyapunov >= log " << o.factor << ".\n\n"
     << "## Agreement, cell by cell\n\n"
     << "'exact divergent': r(T) > 1 (closed form per cell, see below); '(87)': THM-3.3 (87) violated (with c = 0 this is "
        "Dexter et al. Thm 2's threshold); 'THM1 cells': cells where DEXTER-THM1 (SGD, noise) or THM-C8 (31) (SAM) "
        "predicts divergence; these sufficient conditions are contradicted by a cell that the exact boundary calls "
        "stable.\n\n"
     << table.str() << "\n"
     << "## Exact boundary: closed form vs independent computations\n\n"
     << "Per cell, r(T) = max_j E[J_jj^2] (J is diagonal): E[J_11^2] from the moments of the number X of selected "
        "coherent samples (Bin(sigma, B/n) or Hypergeometric(n, sigma, B)), E[J_jj^2] = 1 - p + p a^2 otherwise. "
        "Cross-checked against r(T) of models/moments (dense T on symmetric matrices, Bernoulli) and against the "
        "enumeration of all B-subsets (without replacement), at eta = " << o.etas.front() << ":\n\n"
     << "| check | n | B | sigma | method | sampler | closed form | reference | difference |\n|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& x : cc)
    md << "| " << x.what << " | " << x.n << " | " << x.B << " | " << x.sigma << " | " << x.method << " | " << x.sampler
       << " | " << fmt(x.closed, 10) << " | " << fmt(x.reference, 10) << " | " << fmt(std::abs(x.closed - x.reference), 2) << " |\n";
  md << "\n## Notes\n\n"
     << "- A fact about the public code (coherence_local.py, repository changwk1001/Stability_Analysis_and_Simplicity-Bias, "
        "commit 9f46fad): in its cell loop the SGD and `random` (noise) branches add each run's outcome to `success` "
        "(`success += s`), but the SAM branch (`else:`, calling SAM_process) never does. `success` stays 0, so "
        "`result = 1 if success >= repetitions / 2 else 0` is 0 and the public code marks every SAM cell divergent, "
        "whatever its runs do. This suite counts SAM's converged runs exactly like SGD's.\n";
  if (o.lambda1 * o.etas.front() * (1 + c * o.lambda1) >= 2 &&
      std::find(o.methods.begin(), o.methods.end(), Method::SAM) != o.methods.end())
    md << "- With c = " << fmt(c) << " the mean SAM step is already unstable when eta lambda_max (1 + c lambda_max) >= 2, "
          "i.e. eta >= " << fmt(2 / (o.lambda1 * (1 + c * o.lambda1))) << ": the whole SAM map diverges at such eta "
          "(try --eta 0.05).\n";
  md << "\n## Files\n\n- per grid: `phase-METHOD-SAMPLER-etaETA.csv` (one row per cell) and `...-exact-boundary.csv` "
        "(segments between cells with different exact verdicts)\n- figures (" << gnuplot().describe() << "):";
  for (const auto& f : figures) md << " [" << f << "](" << f << ")";
  md << "\n\n";
  for (const auto& f : figures)
    if (f.size() > 4 && f.substr(f.size() - 4) == ".png") md << "![" << f << "](" << f << ")\n\n";
  write_text(dir + "/phase-diagram.md", md.str());
  write_text(dir + "/phase-diagram.json", js.dump(1) + "\n");
  log << "phase-diagram: wrote " << dir << "/phase-diagram.md\n";
  return md.str();
}

}  // namespace stabcheck::exper
