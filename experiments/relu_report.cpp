// `stabcheck experiment relu-training` (EXP-C4) and `stabcheck experiment coherence` (EXP-C5, Table 1, Figure 4).
#include "experiments/figures.hpp"
#include "experiments/relu_training.hpp"
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <iomanip>
#include <map>
#include <numeric>
#include <array>
#include <sstream>
#include <mutex>
#include <thread>

namespace stabcheck::exper {

using relu::Net;

namespace {
constexpr uint64_t kData = 0xD47A, kInit = 0x1417, kOrder = 0x0D3E, kNoise = 0x7015E;

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
/// Runs f(0..count-1) on `jobs` threads.
void parallel_for(int count, int jobs, const std::function<void(int)>& f) {
  std::atomic<int> next{0};
  auto work = [&] {
    for (int i; (i = next++) < count;) f(i);
  };
  std::vector<std::thread> pool;
  for (int j = 1; j < std::max(1, jobs); ++j) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}
struct MeanSd { double mean = 0, sd = 0; };
MeanSd mean_sd(const std::vector<double>& v) {
  MeanSd m;
  if (v.empty()) return m;
  for (double x : v) m.mean += x;
  m.mean /= double(v.size());
  if (v.size() > 1) {
    for (double x : v) m.sd += (x - m.mean) * (x - m.mean);
    m.sd = std::sqrt(m.sd / double(v.size() - 1));
  }
  return m;
}
std::string pm(const MeanSd& m, int prec = 4) { return fmt(m.mean, prec) + " ± " + fmt(m.sd, 2); }

/// One training run; calls `log(epoch, net)` at epoch 0 (initialisation) and after every epoch.
void train(const TrainConfig& c, const Data& train_set, Net<double> net, uint64_t order_key, uint64_t noise_key,
           const std::function<void(int, const Net<double>&)>& log) {
  Rng order(order_key), noise(noise_key);
  std::vector<int> perm(size_t(train_set.X.rows()));
  std::iota(perm.begin(), perm.end(), 0);
  log(0, net);
  for (int e = 1; e <= c.epochs; ++e) {
    for (size_t i = perm.size(); i > 1; --i) std::swap(perm[i - 1], perm[order.below(uint32_t(i))]);  // random permutation
    for (size_t s = 0; s < perm.size(); s += size_t(c.batch)) {
      std::vector<int> rows(perm.begin() + long(s), perm.begin() + long(std::min(perm.size(), s + size_t(c.batch))));
      step(net, train_set, rows, c, noise);
    }
    log(e, net);
  }
}

/// Least squares y = a x + b and R^2.
struct Fit { double slope = 0, intercept = 0, r2 = 0; size_t points = 0; };
Fit fit(const std::vector<std::pair<double, double>>& pts) {
  Fit f;
  f.points = pts.size();
  if (pts.size() < 2) return f;
  double sx = 0, sy = 0;
  for (auto [x, y] : pts) { sx += x; sy += y; }
  const double mx = sx / double(pts.size()), my = sy / double(pts.size());
  double sxx = 0, sxy = 0, syy = 0;
  for (auto [x, y] : pts) { sxx += (x - mx) * (x - mx); sxy += (x - mx) * (y - my); syy += (y - my) * (y - my); }
  if (sxx == 0) return f;
  f.slope = sxy / sxx;
  f.intercept = my - f.slope * mx;
  f.r2 = syy > 0 ? sxy * sxy / (sxx * syy) : 1;
  return f;
}
}  // namespace

// ------------------------------------------------------------------------------------------------ EXP-C4
std::string run_relu_training(const ReluOptions& o, const std::string& out, std::ostream& log) {
  const std::string dir = out + "/experiments";
  std::vector<TrainConfig> methods(3);
  methods[1].opt = Opt::SAM;
  methods[2].opt = Opt::Noise;
  for (auto& m : methods) { m.epochs = o.epochs; m.lr = o.lr; m.init = o.init; }
  const double mrho = methods[1].rho, mnoise = methods[2].noise;
  auto name = [&](const TrainConfig& c) { return c.opt == Opt::SGD ? "SGD" : c.opt == Opt::SAM ? "SAM" : "noise"; };
  // rec[method][run][epoch] = {train loss, train acc, val loss, val acc}
  std::vector<std::vector<std::vector<std::array<double, 4>>>> rec(
      methods.size(), std::vector<std::vector<std::array<double, 4>>>(size_t(o.runs)));
  auto t0 = std::chrono::steady_clock::now();
  log << "relu-training: " << o.runs << " runs x 3 optimisers, d = 100, hidden 50, n = 100, " << o.epochs << " epochs ... " << std::flush;
  parallel_for(int(methods.size()) * o.runs, o.jobs, [&](int k) {
    const int mi = k % int(methods.size()), run = k / int(methods.size());
    const TrainConfig& c = methods[size_t(mi)];
    Rng drng(stream_key({o.seed, kData, uint64_t(run)})), irng(stream_key({o.seed, kInit, uint64_t(run)}));
    const Data tr = make_data(c.n, c.d, drng), va = make_data(c.n, c.d, drng);
    auto& r = rec[size_t(mi)][size_t(run)];
    train(c, tr, init_net(c, irng), stream_key({o.seed, kOrder, uint64_t(run)}), stream_key({o.seed, kNoise, uint64_t(run)}),
          [&](int, const Net<double>& net) {
            const Eval a = evaluate(net, tr), b = evaluate(net, va);
            r.push_back({a.loss, a.acc, b.loss, b.acc});
          });
  });
  const double secs = seconds_since(t0);
  log << fmt(secs, 3) << " s\n";
  std::ostringstream raw, sum, dat;
  raw << "method,run,epoch,train_loss,train_acc,val_loss,val_acc\n";
  sum << "method,epoch,train_loss_mean,train_loss_sd,train_acc_mean,train_acc_sd,val_loss_mean,val_loss_sd,val_acc_mean,val_acc_sd\n";
  std::vector<std::array<MeanSd, 4>> final(methods.size());
  for (size_t mi = 0; mi < methods.size(); ++mi) {
    dat << "# " << name(methods[mi]) << "\n";
    for (int run = 0; run < o.runs; ++run)
      for (size_t e = 0; e < rec[mi][size_t(run)].size(); ++e) {
        const auto& v = rec[mi][size_t(run)][e];
        raw << name(methods[mi]) << ',' << run << ',' << e << ',' << v[0] << ',' << v[1] << ',' << v[2] << ',' << v[3] << '\n';
      }
    for (int e = 0; e <= o.epochs; ++e) {
      std::array<MeanSd, 4> ms;
      for (int q = 0; q < 4; ++q) {
        std::vector<double> v;
        for (int run = 0; run < o.runs; ++run) v.push_back(rec[mi][size_t(run)][size_t(e)][size_t(q)]);
        ms[size_t(q)] = mean_sd(v);
      }
      sum << name(methods[mi]) << ',' << e;
      dat << e;
      for (auto& m : ms) { sum << ',' << m.mean << ',' << m.sd; dat << ' ' << m.mean << ' ' << m.sd; }
      sum << '\n';
      dat << '\n';
      if (e == o.epochs) final[mi] = ms;
    }
    dat << "\n\n";
  }
  write_text(dir + "/relu-training.csv", raw.str());
  write_text(dir + "/relu-training-summary.csv", sum.str());
  write_text(dir + "/relu-training-summary.dat", dat.str());
  std::ostringstream b;
  const char* colors[] = {"#1f4fd0", "#d03010", "#008a00"};
  const char* titles[] = {"training loss", "training accuracy", "validation loss", "validation accuracy"};
  b << "set multiplot layout 2,2 title 'Two-layer ReLU (d = 100, hidden 50, n = 100, batch 10, {/Symbol h} = " << o.lr
    << ")'.\"\\n\".'mean and spread (± 1 sd) over " << o.runs << " runs'\nset xlabel 'epoch'\nset key font ',9' opaque\nset grid\n";
  for (int q : {0, 2, 1, 3}) {
    b << "set key " << (q == 0 || q == 3 ? "top" : "bottom") << " right\n";
    b << "set title '" << titles[q] << "'\nset ylabel '" << (q % 2 ? "accuracy" : "MSE") << "'\n"
      << (q % 2 ? "set yrange [0:1.05]\n" : "set yrange [0:*]\n") << "plot ";
    for (size_t mi = 0; mi < methods.size(); ++mi) {
      const int c1 = 2 + 2 * q, c2 = c1 + 1;
      b << "'relu-training-summary.dat' index " << mi << " using 1:($" << c1 << "-$" << c2 << "):($" << c1 << "+$" << c2
        << ") with filledcurves fs transparent solid 0.2 noborder lc rgb '" << colors[mi] << "' notitle, "
        << "'' index " << mi << " using 1:" << c1 << " with lines lw 2 lc rgb '" << colors[mi] << "' title '"
        << name(methods[mi]) << "'" << (mi + 1 < methods.size() ? ", " : "\n");
    }
  }
  b << "unset multiplot\n";
  auto figs = render(dir, "relu-training", b.str(), 1200, 900);
  std::ostringstream md;
  md << "# ReLU training (EXP-C4, appendix C.4)\n\nCommand: `" << o.command << "`\n\n"
     << "f(x) = W2 relu(W1 x + b) (bias in the first layer only), mean-squared loss, x uniform on {-1, 1}^100, y = x_1 x_2; "
        "n = 100 training points and a validation set of the same size; hidden 50, batch 10 (a random permutation split "
        "into consecutive chunks every epoch), learning rate " << o.lr << ", " << o.epochs << " epochs, " << o.runs
     << " runs. Time: " << fmt(secs, 3) << " s on " << o.jobs << " threads.\n\n"
     << "## Choices (no source fixes these)\n\n"
     << "- seed " << o.seed << ": run r draws its data, its initialisation and its batch order from streams derived from (seed, r); "
        "the three optimisers of a run share all three (one initialisation, as C.4 says).\n"
     << "- initialisation: " << (o.init == "default" ? "PyTorch's nn.Linear default, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for W1, b and W2 (the code's coherence experiment)"
                                                      : "the (C, r) generalizing solution (C = 3, r = (d+1)^(1/4)) plus N(0, 0.01^2) on every parameter (the code's `purturb` experiment)")
     << ".\n- SAM: the full nonlinear step, gradient at w + rho g/(||g|| + 1e-12), rho = " << mrho << ".\n"
     << "- noise injection: update (3), the gradient taken at w + xi, xi ~ N(0, " << mnoise << "^2 I) fresh every step "
        "(the public code has no noise-injection training; scale 0.01 as the spec's code default).\n"
     << "- accuracy: sign(f(x)) = y (a zero output counts as wrong, like torch.sign).\n\n"
     << "## End of training (epoch " << o.epochs << "), mean ± sd over " << o.runs << " runs\n\n"
     << "| optimiser | training loss | training accuracy | validation loss | validation accuracy |\n|---|---|---|---|---|\n";
  for (size_t mi = 0; mi < methods.size(); ++mi)
    md << "| " << name(methods[mi]) << " | " << pm(final[mi][0]) << " | " << pm(final[mi][1], 3) << " | " << pm(final[mi][2])
       << " | " << pm(final[mi][3], 3) << " |\n";
  md << "\nFiles: `relu-training.csv` (every run and epoch), `relu-training-summary.csv` (mean and sd per epoch)";
  for (const auto& f : figs) md << ", [" << f << "](" << f << ")";
  md << "\n\n";
  for (const auto& f : figs)
    if (f.size() > 4 && f.substr(f.size() - 4) == ".png") md << "![" << f << "](" << f << ")\n";
  write_text(dir + "/relu-training.md", md.str());
  log << "relu-training: wrote " << dir << "/relu-training.md\n";
  return md.str();
}

// ------------------------------------------------------------------------------------------------ EXP-C5
std::string run_coherence(const ReluOptions& o, const std::string& out, std::ostream& log) {
  const std::string dir = out + "/experiments";
  if (o.protocol != "appendix" && o.protocol != "code") throw std::invalid_argument("unknown --protocol '" + o.protocol + "' (appendix, code)");
  const bool code = o.protocol == "code";
  // appendix C.5: d = 15, hidden 10, n = 50, "other settings as in C.4" (lr 0.01); nn_training.py's defaults: d = 30,
  // hidden 120, n = 100, lr 0.1, coherence logged from epoch 5 on, every epoch
  const int d = code ? 30 : 15, hidden = code ? 120 : 10, n = code ? 100 : 50, batch = 10;
  const double lr = o.lr_given ? o.lr : code ? 0.1 : 0.01;
  const int log_every = o.log_every_given ? o.log_every : code ? 1 : 5;
  const int first = code ? 5 : 0;  // first measured epoch; Figure 4 uses epochs >= fig_from
  const int fig_from = code ? 5 : log_every;
  const std::string base_name = code ? "coherence-code" : "coherence";
  auto measured = [&](int e, int epochs) { return e == epochs || (e >= first && (e - first) % log_every == 0); };
  struct Setting { std::string label; std::vector<std::string> groups; TrainConfig c; };
  std::vector<Setting> settings;
  auto base = [&] {
    TrainConfig c;
    c.d = d; c.hidden = hidden; c.n = n; c.batch = batch; c.epochs = o.epochs; c.lr = lr; c.init = o.init;
    return c;
  };
  {
    TrainConfig c = base();
    settings.push_back({"SGD", {"table", "contrastive"}, c});
    for (double rho : {0.01, 0.05, 0.1}) {
      c.opt = Opt::SAM;
      c.rho = rho;
      settings.push_back({"SAM rho = " + fmt(rho), {"table"}, c});
    }
  }
  if (!o.quick)
    for (double eta : {0.1, 0.2, 0.3}) {
      TrainConfig c = base();
      c.lr = eta;
      settings.push_back({"SGD eta = " + fmt(eta), {"lr"}, c});
    }
  for (double lambda : {0.01, 0.1}) {
    TrainConfig c = base();
    c.contrastive = lambda;
    settings.push_back({"SGD + " + fmt(lambda) + " contrastive", {"contrastive"}, c});
  }
  int nlog = 0;
  for (int e = 0; e <= o.epochs; ++e) nlog += measured(e, o.epochs);
  // stats[setting][run] = list of (epoch, stats)
  std::vector<std::vector<std::vector<std::pair<int, CoherenceStats>>>> stats(
      settings.size(), std::vector<std::vector<std::pair<int, CoherenceStats>>>(size_t(o.runs)));
  std::atomic<long long> measure_ns{0}, dense_ns{0};
  std::atomic<int> max_lanczos{0};
  std::mutex mu;
  double max_dense_diff = 0;  // appendix sizes: structured vs dense (models/relu.hpp) at the end of every run
  int dense_checks = 0;
  const bool dense_check = Eigen::Index(hidden) * (d + 2) <= 400;
  constexpr double kLanczosTol = 1e-10;
  auto t0 = std::chrono::steady_clock::now();
  log << "coherence (" << o.protocol << " protocol): " << settings.size() << " settings x " << o.runs << " runs, d = " << d
      << ", hidden " << hidden << ", n = " << n << ", lr " << lr << ", " << o.epochs << " epochs, " << nlog
      << " measurements per run ... " << std::flush;
  parallel_for(int(settings.size()) * o.runs, o.jobs, [&](int k) {
    const size_t si = size_t(k % int(settings.size()));
    const int run = k / int(settings.size());
    const TrainConfig& c = settings[si].c;
    Rng drng(stream_key({o.seed, kData, uint64_t(run)})), irng(stream_key({o.seed, kInit, uint64_t(run)}));
    const Data tr = make_data(c.n, c.d, drng);
    train(c, tr, init_net(c, irng), stream_key({o.seed, kOrder, uint64_t(run)}), stream_key({o.seed, kNoise, uint64_t(run)}),
          [&](int e, const Net<double>& net) {
            if (!measured(e, c.epochs)) return;
            const auto m0 = std::chrono::steady_clock::now();
            const CoherenceStats s = coherence_stats_structured(net, tr, o.gauss_newton, kLanczosTol);
            measure_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - m0).count();
            for (int cur = max_lanczos; s.lanczos_steps > cur && !max_lanczos.compare_exchange_weak(cur, s.lanczos_steps);) {}
            stats[si][size_t(run)].emplace_back(e, s);
            if (dense_check && e == c.epochs && run == 0) {
              const auto d0 = std::chrono::steady_clock::now();
              const CoherenceStats r = coherence_stats(net, tr, o.gauss_newton);
              dense_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - d0).count();
              double diff = 0;
              for (auto [a, b] : {std::pair{s.lmax_S, r.lmax_S}, {s.max_lmax_Hi, r.max_lmax_Hi}, {s.sigma, r.sigma},
                                  {s.lmax_H, r.lmax_H}, {s.tr_H, r.tr_H}})
                diff = std::max(diff, std::abs(a - b) / std::max({std::abs(a), std::abs(b), 1e-300}));
              std::lock_guard<std::mutex> lock(mu);
              max_dense_diff = std::max(max_dense_diff, diff);
              ++dense_checks;
            }
          });
  });
  const double secs = seconds_since(t0), msecs = double(measure_ns.load()) * 1e-9, dsecs = double(dense_ns.load()) * 1e-9;
  const int measurements = int(settings.size()) * o.runs * nlog;
  log << fmt(secs, 3) << " s\n";

  // raw CSV and per-setting means along training
  std::ostringstream raw, dat;
  raw << "setting,run,epoch,sigma,lmax_S,max_lmax_Hi,lmax_H,tr_H,effective_rank,negative_trace_pairs,lanczos_steps,lanczos_residual\n";
  int negative = 0;
  for (size_t si = 0; si < settings.size(); ++si) {
    dat << "# " << settings[si].label << "\n";
    for (int run = 0; run < o.runs; ++run)
      for (const auto& [e, s] : stats[si][size_t(run)]) {
        raw << settings[si].label << ',' << run << ',' << e << ',' << s.sigma << ',' << s.lmax_S << ',' << s.max_lmax_Hi << ','
            << s.lmax_H << ',' << s.tr_H << ',' << s.er << ',' << s.negative_pairs << ',' << s.lanczos_steps << ','
            << s.lanczos_residual << '\n';
        negative += s.negative_pairs;
      }
    for (size_t k = 0; k < stats[si][0].size(); ++k) {
      std::array<std::vector<double>, 6> col;
      for (int run = 0; run < o.runs; ++run) {
        const auto& s = stats[si][size_t(run)][k].second;
        if (!s.finite) continue;  // diverged run
        col[0].push_back(s.sigma); col[1].push_back(s.lmax_S); col[2].push_back(s.er);
        col[3].push_back(s.max_lmax_Hi); col[4].push_back(s.lmax_H); col[5].push_back(s.tr_H);
      }
      dat << stats[si][0][k].first;
      for (auto& v : col) dat << ' ' << mean_sd(v).mean;
      dat << '\n';
    }
    dat << "\n\n";
  }
  write_text(dir + "/" + base_name + ".csv", raw.str());
  write_text(dir + "/" + base_name + "-along-training.dat", dat.str());

  // Table 1 (end of training), trends
  const char* cols[] = {"sigma", "lambda_max(S)", "ER", "max_i lambda_max(H_i)", "lambda_max(H)", "Tr(H)"};
  const double paper[4][6] = {{133.942, 12740.3, 6.167, 94.385, 6.776, 51.954}, {121.473, 10103.3, 6.2, 82.882, 6.211, 48.401},
                              {90.309, 6421.69, 6, 70.948, 4.988, 38.481}, {65.656, 3445.96, 5.6, 52.294, 3.834, 29.14}};
  std::vector<std::array<MeanSd, 6>> table;
  std::vector<int> table_diverged(4, 0);
  for (size_t si = 0; si < 4; ++si) {
    std::array<std::vector<double>, 6> col;
    for (int run = 0; run < o.runs; ++run) {
      const auto& s = stats[si][size_t(run)].back().second;
      if (!s.finite) { ++table_diverged[si]; continue; }
      col[0].push_back(s.sigma); col[1].push_back(s.lmax_S); col[2].push_back(s.er);
      col[3].push_back(s.max_lmax_Hi); col[4].push_back(s.lmax_H); col[5].push_back(s.tr_H);
    }
    std::array<MeanSd, 6> row;
    for (int q = 0; q < 6; ++q) row[size_t(q)] = mean_sd(col[size_t(q)]);
    table.push_back(row);
  }
  std::ostringstream md;
  std::string md_diverged;
  md << "# Coherence along training and Table 1 (EXP-C5, appendix C.5): " << o.protocol << " protocol\n\nCommand: `" << o.command
     << "`\n\n"
     << "Two-layer ReLU f(x) = W2 relu(W1 x + b), d = " << d << ", hidden " << hidden << ", n = " << n << ", batch " << batch
     << ", learning rate " << lr << ", " << o.epochs << " epochs, " << o.runs << " seeds; measured on the training set after epochs ";
  {
    std::vector<int> es;
    for (int e = 0; e <= o.epochs; ++e)
      if (measured(e, o.epochs)) es.push_back(e);
    if (es.size() <= 12) {
      for (size_t i = 0; i < es.size(); ++i) md << (i ? ", " : "") << es[i];
    } else {
      md << es.front() << ", " << es[1] << ", ..., " << es.back();
    }
  }
  md << " (" << nlog << " measurements per run).\n\nTime: " << fmt(secs, 3) << " s wall on " << o.jobs << " threads for "
     << settings.size() << " settings x " << o.runs << " seeds; " << measurements << " measurements took " << fmt(msecs, 3)
     << " s of thread time (" << fmt(1e3 * msecs / std::max(1, measurements), 3) << " ms each)"
     << (dense_checks ? ", the dense cross-check (below) " + fmt(dsecs, 3) + " s" : std::string())
     << ", training the rest.\n\n"
     << "## Protocol: " << o.protocol << "\n\n"
     << (code ? "The public code's defaults (nn_training.py, `--experiment coherence`): d = 30, hidden 120, n = 100, batch 10, "
                "lr 0.1, 50 epochs, PyTorch's default initialisation, coherence logged from epoch 5 on. The appendix (C.5) says "
                "d = 15, hidden 10, n = 50 with the other settings of C.4 (lr 0.01): `--protocol appendix`.\n"
              : "Appendix C.5: d = 15, hidden 10, n = 50, other settings as in C.4 (batch 10, lr 0.01, 50 epochs). The public "
                "code's defaults differ (d = 30, hidden 120, n = 100, lr 0.1): `--protocol code`.\n")
     << "\n## Choices (no source fixes these)\n\n"
     << "- per-sample Hessians: " << (o.gauss_newton ? "Gauss-Newton part 2 g_i g_i^T" : "the full Hessian of (f(x_i) - y_i)^2 with respect to (W1, b, W2), as the public code")
     << ", P = " << hidden * (d + 2) << " parameters; H = mean_i H_i (the Hessian of the mean-squared loss); S_ij = sqrt(Tr(H_i H_j)), "
        "set to 0 when Tr(H_i H_j) < 0 (" << negative << " such pairs i <= j over all measurements; the public code's sqrt gives "
        "NaN there, which its safe_eigh maps to 0).\n"
     << "- how they are computed: from their structure (experiments/structured_hessian.hpp), no P x P matrix formed: Tr(H_i H_j) "
        "in closed form, lambda_max(H_i) = ||g_i||^2 + sqrt(||g_i||^4 + 4 (||x_i||^2 + 1) r_i (r_i + 2 f(x_i))) (top root of the "
        "secular equation on the 2q-dimensional range of H_i), Tr(H) = (2/n) sum ||g_i||^2, lambda_max(H) by Lanczos with full "
        "reorthogonalisation to relative residual " << kLanczosTol << " (at most " << max_lanczos.load() << " steps were needed; "
        "the residual bound of every measurement is in the CSV). "
        "The test suite checks every formula against models/relu.hpp's dense hess_loss on small nets";
  if (dense_checks)
    md << "; in this run the dense computation (every H_i as a P x P matrix) was repeated at the end of seed 0 of each of the "
       << dense_checks << " settings: largest relative difference over the five quantities " << fmt(max_dense_diff, 3);
  md << ".\n"
     << "- double precision (the public code builds its Hessians in float32). A pre-activation exactly 0 counts as inactive "
        "(relu'(0) = 0, autograd's convention).\n"
     << "- seed " << o.seed << ": seed s of every setting uses the same data, initialisation and batch order.\n"
     << "- initialisation: " << (o.init == "default" ? "PyTorch's nn.Linear default (U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for W1, b and W2)" : "the (C, r) solution plus N(0, 0.01^2)") << ".\n"
     << "- learning rate " << lr << (o.lr_given ? " (--lr)" : code ? " (the code's default)" : " (\"other settings as in C.4\")")
     << "; SAM rho in {0.01, 0.05, 0.1}, the full step (gradient at w + rho g/(||g|| + 1e-12)), as the code.\n"
     << "- measurement times: after the epochs listed above"
     << (code ? "; the public code measures the coherence at the start of epochs 5..49 (after 5..49 epochs of training) and "
                "lambda_max(H), Tr(H), ER after every step, so its last coherence value is one epoch before the end; here "
                "every quantity is also measured after epoch " + std::to_string(o.epochs) + ", and Table 1 uses that."
              : ".")
     << "\n- ER: principal components of the hidden activations (n x hidden, centred) explaining 90% of their variance.\n"
     << "- contrastive term (Figure 4, third panel): lambda * ContrastiveLoss(pos_margin 0, neg_margin 1) of "
        "pytorch-metric-learning on the batch's hidden features relu(W1 x + b) with labels (y + 1)/2, added to the "
        "mean-squared loss of the SGD step (nn_training.py); library defaults as documented and in its source: LpDistance "
        "(L2-normalised embeddings, p = 2, power 1), all ordered pairs i != j, AvgNonZeroReducer (positive and negative "
        "terms each averaged over their pairs with loss > 0, then added). Choices no source fixes: a zero feature vector "
        "normalises to 0 (torch.nn.functional.normalize, eps = 1e-12), so its distance to any other u is 1 (it counts as a "
        "positive-pair loss of 1 and a negative-pair loss of 0); the derivative of d_ij at d_ij = 0 is 0 (torch.cdist); "
        "lambda = 0 is the SGD run itself. Gradient exact (tests: central differences, a hand-computed batch).\n\n"
     << "## Table 1 (end of training, epoch " << o.epochs << "), mean ± sd over " << o.runs << " seeds\n\n| method |";
  for (auto* c : cols) md << ' ' << c << " |";
  md << "\n|---|---|---|---|---|---|---|\n";
  for (size_t si = 0; si < 4; ++si) {
    md << "| " << settings[si].label << (table_diverged[si] ? " (" + std::to_string(table_diverged[si]) + " seeds diverged, left out)" : "") << " |";
    for (int q = 0; q < 6; ++q) md << ' ' << pm(table[si][size_t(q)]) << " |";
    md << "\n";
  }
  md << "| paper SGD → SAM 0.1 |";
  for (int q = 0; q < 6; ++q) md << ' ' << paper[0][q] << " → " << paper[3][q] << " |";
  md << "\n| trend of the paper (falls as rho grows) holds here? |";
  for (int q = 0; q < 6; ++q) {
    int falls = 0;
    for (size_t si = 1; si < 4; ++si) falls += table[si][size_t(q)].mean < table[si - 1][size_t(q)].mean;
    const bool all = falls == 3, overall = table[3][size_t(q)].mean < table[0][size_t(q)].mean;
    md << ' ' << (q == 2 ? "(ER: no trend claimed) " : "") << (all ? "yes, at every step" : overall ? "overall only (" + std::to_string(falls) + "/3 steps)" : "no (" + std::to_string(falls) + "/3 steps)") << " |";
  }
  md << "\n| (SAM 0.1 − SGD) / sd of the difference |";
  for (int q = 0; q < 6; ++q) {
    const double diff = table[3][size_t(q)].mean - table[0][size_t(q)].mean,
                 sd = std::sqrt((table[3][size_t(q)].sd * table[3][size_t(q)].sd + table[0][size_t(q)].sd * table[0][size_t(q)].sd) / std::max(1, o.runs));
    md << ' ' << (sd > 0 ? fmt(diff / sd, 3) : std::string("-")) << " |";
  }
  {
    std::ostringstream dv;
    for (size_t si = 0; si < settings.size(); ++si) {
      int bad = 0;
      for (int run = 0; run < o.runs; ++run) bad += !stats[si][size_t(run)].back().second.finite;
      if (bad) dv << (dv.tellp() > 0 ? ", " : "") << settings[si].label << ": " << bad << "/" << o.runs;
    }
    if (dv.tellp() > 0)
      md_diverged = "Runs that diverged (non-finite parameters; left out of the table, the along-training means and Figure 4): " + dv.str() + ".\n\n";
  }
  md << "\n\nThe paper's claim: every column except ER falls as rho grows. The last row is the change from SGD to SAM 0.1 "
        "divided by the standard error of that difference over " << o.runs << " seeds (|value| < 2: not resolved).\n\n" << md_diverged;

  // Figure 3 analogue: each quantity along training
  std::ostringstream f3;
  const char* colors[] = {"#1f4fd0", "#d03010", "#e08000", "#008a00", "#7030a0", "#00a0a0", "#808080", "#b000b0", "#604000"};
  f3 << "set multiplot layout 2,3 title 'Coherence along training (" << o.protocol << " protocol, mean over " << o.runs
     << " seeds)'\nset xlabel 'epoch'\nset grid\nset key font ',8'\n";
  const std::string datf = base_name + "-along-training.dat";
  for (int q = 0; q < 6; ++q) {
    const char* gp[] = {"coherence {/Symbol s}", "{/Symbol l}_{max}(S)", "effective rank ER", "max_i {/Symbol l}_{max}(H_i)",
                        "{/Symbol l}_{max}(H)", "Tr(H)"};
    f3 << "set title '" << gp[q] << "'\nset ylabel '" << gp[q] << "'\nplot ";
    for (size_t si = 0; si < 4; ++si)
      f3 << "'" << datf << "' index " << si << " using 1:" << q + 2 << " with linespoints lw 2 pt 7 ps 0.5 lc rgb '"
         << colors[si] << "' title '" << settings[si].label << "'" << (si < 3 ? ", " : "\n");
  }
  f3 << "unset multiplot\n";
  auto figs = render(dir, base_name + "-along-training", f3.str(), 1500, 900);

  // Figure 4: (lambda_max(S), max_i lambda_max(H_i)) from epoch >= fig_from, per panel
  std::vector<std::pair<std::string, std::string>> panels{{"table", "SGD and SAM (rho = 0.01, 0.05, 0.1)"}};
  if (!o.quick) panels.push_back({"lr", "SGD, learning rates 0.1, 0.2, 0.3"});
  panels.push_back({"contrastive", "SGD + contrastive loss (lambda = 0, 0.01, 0.1)"});
  std::ostringstream f4, fits;
  fits << "| panel | points | diverged (left out) | lambda_max(S) range | slope | intercept | R^2 |\n|---|---|---|---|---|---|---|\n";
  f4 << "set multiplot layout 1," << panels.size() << " title 'Figure 4: top per-sample curvature vs coherence'.\"\\n\".'(" << o.protocol
     << " protocol, epoch >= " << fig_from << ")'\nset xlabel '{/Symbol l}_{max}(S)'\nset ylabel 'max_i {/Symbol l}_{max}(H_i)'\n"
        "set grid\nset key below font ',8'\n";
  for (size_t p = 0; p < panels.size(); ++p) {
    std::vector<std::pair<double, double>> pts;
    int lost = 0;  // measurements of diverged runs
    std::ostringstream pd;
    std::vector<std::pair<size_t, std::string>> members;
    std::vector<size_t> member_points;
    for (size_t si = 0; si < settings.size(); ++si) {
      const auto& g = settings[si].groups;
      if (std::find(g.begin(), g.end(), panels[p].first) == g.end()) continue;
      const std::string label = panels[p].first == "contrastive" && settings[si].c.contrastive == 0 ? "SGD (lambda = 0)" : settings[si].label;
      members.emplace_back(si, label);
      const size_t before = pts.size();
      pd << "# " << label << "\n";
      for (int run = 0; run < o.runs; ++run)
        for (const auto& [e, s] : stats[si][size_t(run)])
          if (e >= fig_from && !s.finite) ++lost;
          else if (e >= fig_from) { pts.emplace_back(s.lmax_S, s.max_lmax_Hi); pd << s.lmax_S << ' ' << s.max_lmax_Hi << '\n'; }
      pd << "\n\n";
      member_points.push_back(pts.size() - before);
    }
    const std::string file = base_name + "-figure4-" + panels[p].first + ".dat";
    write_text(dir + "/" + file, pd.str());
    const Fit ft = fit(pts);
    double xlo = HUGE_VAL, xhi = -HUGE_VAL;
    for (auto [x, yv] : pts) { xlo = std::min(xlo, x); xhi = std::max(xhi, x); }
    fits << "| " << panels[p].second << " | " << ft.points << " | " << lost << " | "
         << (pts.empty() ? std::string("-") : fmt(xlo) + " – " + fmt(xhi)) << " | " << (ft.points >= 2 ? fmt(ft.slope) : "-") << " | "
         << (ft.points >= 2 ? fmt(ft.intercept) : "-") << " | " << (ft.points >= 2 ? fmt(ft.r2) : "-") << " |\n";
    f4 << "set title '" << panels[p].second << ": R^2 = " << fmt(ft.r2, 3) << "' font ',10'\nplot ";
    for (size_t k = 0; k < members.size(); ++k)
      if (member_points[k])  // a setting whose runs all diverged has no point
      f4 << "'" << file << "' index " << k << " using 1:2 with points pt 7 ps 0.6 lc rgb '" << colors[members[k].first % 9]
         << "' title '" << members[k].second << "', ";
    f4 << ft.slope << "*x+" << ft.intercept << " with lines lw 2 dt 2 lc rgb 'black' title 'fit: y = " << fmt(ft.slope, 3)
       << " x + " << fmt(ft.intercept, 3) << "'\n";
  }
  f4 << "unset multiplot\n";
  auto figs4 = render(dir, base_name + "-figure4", f4.str(), 650 * int(panels.size()), 560);
  figs.insert(figs.end(), figs4.begin(), figs4.end());
  md << "## Figure 4: regression of max_i lambda_max(H_i) on lambda_max(S) (every seed, epochs >= " << fig_from << ")\n\n"
     << fits.str() << "\nFiles: `" << base_name << ".csv` (every seed and measurement)";
  for (const auto& f : figs) md << ", [" << f << "](" << f << ")";
  md << "\n\n";
  for (const auto& f : figs)
    if (f.size() > 4 && f.substr(f.size() - 4) == ".png") md << "![" << f << "](" << f << ")\n\n";
  write_text(dir + "/" + base_name + ".md", md.str());
  log << "coherence: wrote " << dir << "/" << base_name << ".md\n";
  return md.str();
}

}  // namespace stabcheck::exper
