// EXP-C3-PHASE: structured Monte Carlo, dense reference, exact boundary and theory (see phase_diagram.hpp).
#include "experiments/phase_diagram.hpp"
#include <Eigen/Dense>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace stabcheck::exper {

std::string method_name(Method m) { return m == Method::SGD ? "sgd" : m == Method::SAM ? "sam" : "noise"; }
std::string sampler_name(Sampler s) { return s == Sampler::Bernoulli ? "bernoulli" : "without-replacement"; }

namespace {
double log_choose(int a, int b) { return std::lgamma(a + 1.0) - std::lgamma(b + 1.0) - std::lgamma(a - b + 1.0); }
/// pmf of Bin(N, p) at x.
double binom_pmf(int N, double p, int x) {
  if (p <= 0) return x == 0;
  if (p >= 1) return x == N;
  return std::exp(log_choose(N, x) + x * std::log(p) + (N - x) * std::log1p(-p));
}
/// pmf of the number of marked items among B drawn without replacement from n, sigma of which are marked.
double hyper_pmf(int n, int sigma, int B, int x) {
  if (x < std::max(0, B - (n - sigma)) || x > std::min(sigma, B)) return 0;
  return std::exp(log_choose(sigma, x) + log_choose(n - sigma, B - x) - log_choose(n, B));
}
double c_of(const Cell& c) { return c.method == Method::SAM ? c.c : 0.0; }
/// Diagonal Jacobian factors: coordinate 1 is 1 - k1 X; a selected coordinate j >= 2 is multiplied by a.
double k1_of(const Cell& c) { return c.eta * (c.m() / c.B) * (1 + c_of(c) * c.lambda1); }
double a_of(const Cell& c) { return 1 - c.eta * (c.m() / c.B) * (1 + c_of(c) * c.m() / c.n); }
void check_cell(const Cell& c) {
  if (c.n < 1 || c.sigma < 1 || c.sigma > c.n || c.B < 1 || c.B > c.n)
    throw std::invalid_argument("phase diagram: need 1 <= sigma <= n and 1 <= B <= n");
}
}  // namespace

BatchDrawer::BatchDrawer(int n, int B, Sampler s) : n_(n), B_(B), s_(s), perm_(size_t(n)) {
  std::iota(perm_.begin(), perm_.end(), 0);
  batch_.reserve(size_t(n));
  if (s == Sampler::Bernoulli) {
    const double p = double(B) / n;
    double acc = 0;
    for (int k = 0; k <= n; ++k) cdf_.push_back(acc += binom_pmf(n, p, k));
    cdf_.back() = 2;  // every u < 1 falls in the table
  }
}

const std::vector<int>& BatchDrawer::draw(Rng& rng) {
  int K = B_;
  if (s_ == Sampler::Bernoulli) {  // K ~ Bin(n, B/n), then a uniform K-subset: the law of i.i.d. Bernoulli(B/n)
    const double u = rng.uniform();
    K = int(std::upper_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin());
  }
  batch_.clear();
  for (int t = 0; t < K; ++t) {  // partial Fisher-Yates
    const int j = t + int(rng.below(uint32_t(n_ - t)));
    std::swap(perm_[size_t(t)], perm_[size_t(j)]);
    batch_.push_back(perm_[size_t(t)]);
  }
  return batch_;
}

RunResult run_fast(const Cell& c, const Protocol& p, Rng& rng, const Trace& trace) {
  check_cell(c);
  const int d = c.d();
  std::vector<double> w(static_cast<size_t>(d));
  double nrm0 = 0;
  for (auto& x : w) { x = rng.uniform(); nrm0 += x * x; }
  BatchDrawer drawer(c.n, c.B, c.sampler);
  const double k1 = k1_of(c), a = a_of(c), thr = p.factor * nrm0;
  const bool noise = c.method == Method::Noise;
  double nrm = nrm0;
  for (int t = 1; t <= p.steps; ++t) {
    const auto& batch = drawer.draw(rng);
    if (noise) {
      for (auto& x : w) x += c.noise_std * rng.normal();
      int X = 0;
      for (int i : batch)
        if (i < c.sigma) ++X; else w[size_t(i - c.sigma + 1)] *= a;
      w[0] *= 1 - k1 * X;
      nrm = 0;
      for (double x : w) nrm += x * x;
    } else {
      int X = 0;
      for (int i : batch) {
        if (i < c.sigma) { ++X; continue; }
        double& x = w[size_t(i - c.sigma + 1)];
        const double old = x * x;
        x *= a;
        nrm += x * x - old;
      }
      if (X) {
        const double old = w[0] * w[0];
        w[0] *= 1 - k1 * X;
        nrm += w[0] * w[0] - old;
      }
      if ((t & 63) == 0) {  // bound the drift of the incremental norm
        nrm = 0;
        for (double x : w) nrm += x * x;
      }
    }
    if (trace) trace(t, w);
    if (nrm >= thr) return {true, t, nrm / nrm0};
  }
  return {false, p.steps, nrm / nrm0};
}

RunResult run_dense(const Cell& c, const Protocol& p, Rng& rng, const Trace& trace) {
  check_cell(c);
  using M = Eigen::MatrixXd;
  using V = Eigen::VectorXd;
  const int d = c.d();
  std::vector<M> Hs;  // the family as dense matrices, as the paper's code stores it
  for (int i = 0; i < c.n; ++i) {
    M h = M::Zero(d, d);
    h(c.coord(i), c.coord(i)) = c.m();
    Hs.push_back(h);
  }
  M H = M::Zero(d, d);
  for (const auto& h : Hs) H += h;
  H /= c.n;
  V w(d);
  for (int j = 0; j < d; ++j) w(j) = rng.uniform();
  const double nrm0 = w.squaredNorm();
  BatchDrawer drawer(c.n, c.B, c.sampler);
  const M I = M::Identity(d, d);
  std::vector<double> wv(static_cast<size_t>(d));
  for (int t = 1; t <= p.steps; ++t) {
    const auto& batch = drawer.draw(rng);
    M Hb = M::Zero(d, d);
    for (int i : batch) Hb += Hs[size_t(i)];
    Hb /= c.B;
    const M J = I - c.eta * Hb - c.eta * c_of(c) * Hb * H;
    V xi = V::Zero(d);
    if (c.method == Method::Noise)
      for (int j = 0; j < d; ++j) xi(j) = c.noise_std * rng.normal();
    w = J * (w + xi);
    if (trace) {
      for (int j = 0; j < d; ++j) wv[size_t(j)] = w(j);
      trace(t, wv);
    }
    const double nrm = w.squaredNorm();
    if (nrm >= p.factor * nrm0) return {true, t, nrm / nrm0};
  }
  return {false, p.steps, w.squaredNorm() / nrm0};
}

Exact exact_cell(const Cell& c) {
  check_cell(c);
  const double p = double(c.B) / c.n, k1 = k1_of(c), a = a_of(c);
  const bool bern = c.sampler == Sampler::Bernoulli;
  double EX, VX;
  if (bern) {
    EX = c.sigma * p;
    VX = c.sigma * p * (1 - p);
  } else {
    const double f = double(c.sigma) / c.n;
    EX = c.B * f;
    VX = c.n > 1 ? c.B * f * (1 - f) * double(c.n - c.B) / double(c.n - 1) : 0;
  }
  Exact e;
  e.r1 = 1 - 2 * k1 * EX + k1 * k1 * (VX + EX * EX);
  const double ninf = -std::numeric_limits<double>::infinity();
  double l1 = 0;
  for (int x = 0; x <= c.sigma; ++x) {
    const double pr = bern ? binom_pmf(c.sigma, p, x) : hyper_pmf(c.n, c.sigma, c.B, x);
    if (pr <= 0) continue;
    const double j = std::abs(1 - k1 * x);
    if (j == 0) { l1 = ninf; break; }
    l1 += pr * std::log(j);
  }
  e.r = e.r1;
  e.lyap = l1;
  if (c.d() >= 2) {
    e.r_rest = 1 - p + p * a * a;
    e.r = std::max(e.r, e.r_rest);
    const double lr = a == 0 ? (p > 0 ? ninf : 0.0) : p * std::log(std::abs(a));
    e.lyap = std::max(e.lyap, lr);
  }
  return e;
}

Theory theory_cell(const Cell& c) {
  check_cell(c);
  const double cc = c_of(c), lam = c.lambda1, n = c.n, B = c.B;
  Theory t;
  if (c.B < c.n) {
    const double lmin = c.d() >= 2 ? c.m() / c.n : lam;
    const double rhs = (c.sigma / c.eta) / std::sqrt(n / B - 1) / (1 + cc * lmin);  // (88) / (31)
    t.thm1 = lam >= rhs;
  }
  if (cc == 0 && c.eta * lam >= 2) t.thm1 = true;  // (88), first alternative
  t.thm87 = !(lam * (1 + cc * lam) < 2 * c.sigma / (c.eta * (n / B - 1 + c.sigma)));
  return t;
}

double thm1_sigma(int n, double B, double lam, double eta, double c) {
  if (c == 0 && eta * lam >= 2) return std::numeric_limits<double>::infinity();
  if (B >= n) return 0;
  const double K = eta * lam * std::sqrt(n / B - 1);
  return c == 0 ? K : (K + std::sqrt(K * K + 4 * K * c * lam)) / 2;  // sigma^2 - K sigma - K c lam <= 0 (lmin = lam/sigma)
}
double thm87_sigma(int n, double B, double lam, double eta, double c) {
  const double E = eta * lam * (1 + c * lam);
  if (E >= 2) return std::numeric_limits<double>::infinity();
  return E * (n / B - 1) / (2 - E);
}
namespace {
std::string num(double x) {
  std::ostringstream o;
  o.precision(17);
  o << x;
  return o.str();
}
}  // namespace
std::string thm1_sigma_gp(int n, double lam, double eta, double c) {
  if (c == 0 && eta * lam >= 2) return "1e9";
  const std::string K = "(" + num(eta * lam) + "*sqrt(" + num(n) + "/x-1))";
  if (c == 0) return K;
  return "((" + K + "+sqrt(" + K + "**2+4*" + K + "*" + num(c * lam) + "))/2)";
}
std::string thm87_sigma_gp(int n, double lam, double eta, double c) {
  const double E = eta * lam * (1 + c * lam);
  if (E >= 2) return "1e9";
  return "(" + num(E / (2 - E)) + "*(" + num(n) + "/x-1))";
}

double resolution_radius(const Protocol& p) { return std::pow(p.factor, 2.0 / p.steps); }

GridResult run_grid(const GridSpec& g) {
  if (g.B_max < 1 || g.B_max > g.n || g.sigma_max < 1 || g.sigma_max > g.n || g.runs < 1 || g.protocol.steps < 1)
    throw std::invalid_argument("phase diagram: need 1 <= B_max <= n, 1 <= sigma_max <= n, runs >= 1, steps >= 1");
  GridResult out;
  out.spec = g;
  auto range = [](int k) { std::vector<int> v(static_cast<size_t>(k)); std::iota(v.begin(), v.end(), 1); return v; };
  out.Bs = g.Bs.empty() ? range(g.B_max) : g.Bs;
  out.sigmas = g.sigmas.empty() ? range(g.sigma_max) : g.sigmas;
  for (int B : out.Bs)
    if (B < 1 || B > g.n) throw std::invalid_argument("phase diagram: batch sizes must lie in [1, n]");
  for (int s : out.sigmas)
    if (s < 1 || s > g.n) throw std::invalid_argument("phase diagram: coherence levels must lie in [1, n]");
  out.cells.resize(out.Bs.size() * out.sigmas.size());
  std::atomic<size_t> next{0};
  auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  auto work = [&] {
    for (size_t idx; (idx = next++) < out.cells.size();) {
      const Cell c{.n = g.n, .B = out.Bs[idx % out.Bs.size()], .sigma = out.sigmas[idx / out.Bs.size()], .lambda1 = g.lambda1,
                   .eta = g.eta, .c = g.c, .noise_std = g.noise_std, .method = g.method, .sampler = g.sampler};
      CellResult& r = out.cells[idx];
      r.B = c.B;
      r.sigma = c.sigma;
      double steps = 0;
      for (int run = 0; run < g.runs; ++run) {
        Rng rng(stream_key({g.seed, uint64_t(g.sampler), uint64_t(c.B), uint64_t(c.sigma), uint64_t(run)}));
        RunResult rr = run_fast(c, g.protocol, rng);
        if (rr.diverged) { ++r.diverged_runs; steps += rr.steps; }
      }
      r.mean_steps = r.diverged_runs ? steps / r.diverged_runs : 0;
      r.mc = cell_divergent(r.diverged_runs, g.runs);
      r.exact = exact_cell(c);
      r.theory = theory_cell(c);
    }
  };
  std::vector<std::thread> pool;
  for (int j = 1; j < std::max(1, g.jobs); ++j) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  out.cpu_seconds = double(std::clock() - c0) / CLOCKS_PER_SEC;
  return out;
}

namespace {
/// Typical-path prediction: the per-step log growth of ||w||^2 is 2 lyap; over the run it reaches log(factor).
bool lyap_divergent(const Exact& e, const Protocol& p) { return 2 * e.lyap * p.steps >= std::log(p.factor); }
}  // namespace

Agreement agreement(const GridResult& g) {
  Agreement a;
  const double res = resolution_radius(g.spec.protocol);
  for (const auto& c : g.cells) {
    const bool ex = c.exact.r > 1, ly = lyap_divergent(c.exact, g.spec.protocol);
    ++a.cells;
    a.mc_div += c.mc;
    a.exact_div += ex;
    a.thm87_div += c.theory.thm87;
    a.thm1_div += c.theory.thm1;
    a.lyap_div += ly;
    if (c.mc == ex) ++a.mc_vs_exact;
    else if (c.exact.r >= 1 && c.exact.r < res) ++a.mc_vs_exact_band;
    a.mc_vs_87 += c.mc == c.theory.thm87;
    a.exact_vs_87 += ex == c.theory.thm87;
    a.mc_vs_lyap += c.mc == ly;
    if (c.theory.thm1) { a.thm1_exact_ok += ex; a.thm1_mc_ok += c.mc; }
  }
  return a;
}

std::string grid_csv(const GridResult& g) {
  std::ostringstream o;
  o.precision(10);
  const double res = resolution_radius(g.spec.protocol);
  o << "B,sigma,d,diverged_runs,runs,mc_divergent,mean_steps_to_divergence,r_exact,r_e1,r_rest,lyapunov,"
       "exact_divergent,lyapunov_divergent,thm1_divergent,thm87_divergent,in_resolution_band\n";
  for (const auto& c : g.cells)
    o << c.B << ',' << c.sigma << ',' << g.spec.n - c.sigma + 1 << ',' << c.diverged_runs << ',' << g.spec.runs << ','
      << c.mc << ',' << c.mean_steps << ',' << c.exact.r << ',' << c.exact.r1 << ',' << c.exact.r_rest << ','
      << c.exact.lyap << ',' << (c.exact.r > 1) << ',' << lyap_divergent(c.exact, g.spec.protocol) << ','
      << c.theory.thm1 << ',' << c.theory.thm87 << ',' << (c.exact.r >= 1 && c.exact.r < res) << '\n';
  return o.str();
}

}  // namespace stabcheck::exper
