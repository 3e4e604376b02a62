#include "core/search.hpp"
#include "core/hash.hpp"
#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlopt.h>

namespace stabcheck {

namespace {

/// The objective over one start's knobs: rounds x to the grid, rebuilds and screens the sample, keeps the best point.
struct Objective {
  const SearchStart& start;
  const std::function<Probe(Sample)>& screen;
  long budget;
  SearchStats& stats;
  std::optional<Probe>& best;
  long used = 0;

  double operator()(const double* x) {
    ++used;
    ++stats.evaluations;
    knobs::Settings s;
    for (size_t i = 0; i < start.leaves.size(); ++i) {
      const auto& l = start.leaves[i];
      Rat v = knobs::on_grid(std::clamp(x[i], l.lo, l.hi), kGridBits);
      if (v != l.drawn) s.emplace_back(int(i), v);
    }
    double rel = HUGE_VAL;
    try {
      Probe p = screen(start.make(s));
      p.settings = s;
      p.index = start.index;
      if (std::isfinite(p.rel)) {
        rel = p.rel;
        if (!best || (p.violated && !best->violated) || (p.violated == best->violated && p.rel < best->rel)) best = std::move(p);
      }
    } catch (const std::exception&) {
    }
    return rel;
  }
  bool done() const { return used >= budget || (best && best->violated); }
  nlopt_opt opt = nullptr;  // the local method's, stopped when done
};

double nlopt_objective(unsigned n, const double* x, double* grad, void* data) {
  (void)n;
  (void)grad;
  auto& f = *static_cast<Objective*>(data);
  const double v = f(x);
  if (f.done() && f.opt) nlopt_force_stop(f.opt);
  return v;
}

std::vector<double> drawn_point(const SearchStart& st) {
  std::vector<double> x;
  for (const auto& l : st.leaves) x.push_back(double(l.drawn));
  return x;
}

/// NLopt Subplex from x within the knobs' box.
void local(Objective& f, std::vector<double> x) {
  const unsigned n = unsigned(x.size());
  nlopt_opt o = nlopt_create(NLOPT_LN_SBPLX, n);
  std::vector<double> lo, hi, step;
  for (const auto& l : f.start.leaves) {
    lo.push_back(l.lo);
    hi.push_back(l.hi);
    step.push_back(std::max(0.25, (l.hi - l.lo) / 8));
  }
  nlopt_set_lower_bounds(o, lo.data());
  nlopt_set_upper_bounds(o, hi.data());
  nlopt_set_initial_step(o, step.data());
  nlopt_set_min_objective(o, nlopt_objective, &f);
  nlopt_set_maxeval(o, int(std::max<long>(1, f.budget - f.used)));
  f.opt = o;
  nlopt_set_xtol_abs1(o, std::ldexp(1.0, -kGridBits - 1));
  double val = 0;
  nlopt_optimize(o, x.data(), &val);  // the outcome is in f.best; NLopt's status adds nothing
  f.opt = nullptr;
  nlopt_destroy(o);
}

double uniform(uint64_t& s) { return double(splitmix64(s) >> 11) * 0x1.0p-53; }
double gaussian(uint64_t& s) {
  const double u = std::max(uniform(s), 1e-300), v = uniform(s);
  return std::sqrt(-2 * std::log(u)) * std::cos(6.283185307179586 * v);
}

/// (1+1) evolution strategy with the 1/5 success rule and restarts at uniform points of the box when the step
/// collapses: the global method (deterministic: its own generator, seeded by the caller).
void global(Objective& f, std::vector<double> x, uint64_t seed) {
  const size_t n = x.size();
  auto span = [&](size_t i) { return f.start.leaves[i].hi - f.start.leaves[i].lo; };
  double fx = f(x.data()), sigma = 0.25;
  std::vector<double> y(n);
  while (!f.done()) {
    for (size_t i = 0; i < n; ++i)
      y[i] = std::clamp(x[i] + sigma * span(i) * gaussian(seed), f.start.leaves[i].lo, f.start.leaves[i].hi);
    const double fy = f(y.data());
    if (fy <= fx) { x = y; fx = fy; sigma *= 1.5; }
    else sigma *= 0.9036;  // 1.5^(-1/4): stationary at a success rate of 1/5
    if (sigma * span(0) < std::ldexp(1.0, -kGridBits)) {  // collapsed: restart anywhere in the box
      for (size_t i = 0; i < n; ++i) x[i] = f.start.leaves[i].lo + uniform(seed) * span(i);
      fx = f(x.data());
      sigma = 0.25;
    }
  }
}

}  // namespace

std::optional<Probe> search(const std::vector<SearchStart>& starts, const std::function<Probe(Sample)>& screen, long budget,
                            uint64_t seed, SearchStats& stats) {
  const auto t0 = std::chrono::steady_clock::now();
  std::optional<Probe> best;
  std::vector<const SearchStart*> live;
  for (const auto& s : starts)
    if (!s.leaves.empty()) live.push_back(&s);
  stats.starts += int(live.size());
  for (const auto* s : live) stats.dims = std::max(stats.dims, int(s->leaves.size()));
  if (!live.empty() && budget > 0) {
    const long local_budget = (2 * budget / 3) / long(live.size());
    long used = 0;
    size_t best_start = 0;
    for (size_t k = 0; k < live.size() && !(best && best->violated); ++k) {
      const double before = best ? best->rel : HUGE_VAL;
      Objective f{*live[k], screen, std::max<long>(1, local_budget), stats, best};
      local(f, drawn_point(*live[k]));
      used += f.used;
      if (best && best->rel < before) best_start = k;
    }
    if (!(best && best->violated) && used < budget) {
      const SearchStart& st = *live[best_start];
      Objective f{st, screen, budget - used, stats, best};
      std::vector<double> x = drawn_point(st);
      if (best && best->settings.size())  // continue from the best point when it came from this start
        for (const auto& [i, v] : best->settings)
          if (size_t(i) < x.size()) x[size_t(i)] = double(v);
      global(f, x, seed);
    }
  }
  stats.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return best;
}

}  // namespace stabcheck
