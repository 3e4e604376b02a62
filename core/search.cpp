#include "core/search.hpp"
#include "core/hash.hpp"
#include <algorithm>
#include <chrono>
#include <deque>
#include <set>
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
    knobs::Settings s = start.shape;
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

/// The value of shape knob j at a start.
int shape_value(const SearchStart& st, size_t j) {
  for (const auto& [i, v] : st.shape)
    if (i == knobs::shape_index(int(j))) return int(v);
  return int(st.shapes[j].drawn);
}

/// st's shape settings with knob j at value v (dropped when v is the drawn value), in the order of Settings.
knobs::Settings with_shape(const SearchStart& st, size_t j, int v) {
  knobs::Settings out;
  for (size_t k = 0; k < st.shapes.size(); ++k) {
    const int value = k == j ? v : shape_value(st, k);
    if (Rat(value) != st.shapes[k].drawn) out.emplace_back(knobs::shape_index(int(k)), Rat(value));
  }
  return out;
}

/// The best point's continuous values carried to another start by key (a leaf the other start lacks is dropped).
std::vector<double> carried_point(const SearchStart& from, const knobs::Settings& at, const SearchStart& to) {
  std::vector<double> x = drawn_point(to);
  for (const auto& [i, v] : at) {
    if (knobs::is_shape(i) || size_t(i) >= from.leaves.size()) continue;
    for (size_t k = 0; k < to.leaves.size(); ++k)
      if (to.leaves[k].key == from.leaves[size_t(i)].key) x[k] = std::clamp(double(v), to.leaves[k].lo, to.leaves[k].hi);
  }
  return x;
}

/// Shape moves from the best point (of start *cur) within `budget` evaluations; returns the start of the best point.
const SearchStart* shape_moves(const SearchStart* cur, std::deque<SearchStart>& reshaped, const std::function<Probe(Sample)>& screen,
                               long budget, SearchStats& stats, std::optional<Probe>& best) {
  long spent = 0;
  std::set<knobs::Settings> visited{cur->shape};
  for (bool moved = true; moved && spent < budget && !(best && best->violated);) {
    moved = false;
    for (size_t j = 0; j < cur->shapes.size() && !moved && spent < budget; ++j) {
      const knobs::Leaf& l = cur->shapes[j];
      const int c = shape_value(*cur, j);
      for (int delta : {1, -1, 2, -2}) {
        const int v = c + delta;
        if (v < l.lo || v > l.hi || spent >= budget) continue;
        const knobs::Settings shape = with_shape(*cur, j, v);
        if (!visited.insert(shape).second) continue;
        SearchStart st;
        try {
          st = cur->reshape(shape);
        } catch (const std::exception&) { continue; }  // not a shape of the family
        const double before = best ? best->rel : HUGE_VAL;
        const knobs::Settings at = best ? best->settings : knobs::Settings{};
        Objective f{st, screen, 1, stats, best};
        const double rel = f(carried_point(*cur, at, st).data());
        ++spent;
        if (best && best->violated) return cur;
        if (rel <= before) {  // keep the shape (a tie walks a plateau); search its continuous knobs locally
          reshaped.push_back(std::move(st));
          cur = &reshaped.back();
          if (!cur->leaves.empty() && spent < budget && best) {
            Objective g{*cur, screen, std::max<long>(1, std::min(budget - spent, budget / 8)), stats, best};
            local(g, carried_point(*cur, best->settings, *cur));
            spent += g.used;
          }
          moved = true;
          break;
        }
      }
    }
  }
  return cur;
}

}  // namespace

SearchStart search_start(std::function<Sample()> build, long index, knobs::Settings shape) {
  const knobs::Resolved r = knobs::resolve([&] { build(); }, shape);
  SearchStart ss;
  ss.index = index;
  ss.shape = std::move(shape);
  ss.leaves = r.leaves;
  ss.shapes = r.shapes;
  ss.make = [build, shaped = r.values, leaves = r.leaves](const knobs::Settings& k) {
    std::map<uint64_t, Rat> values = shaped;
    values.merge(knobs::by_key(leaves, knobs::value_part(k)));
    knobs::Apply at(std::move(values));
    return build();
  };
  ss.reshape = [build, index](const knobs::Settings& s) { return search_start(build, index, s); };
  return ss;
}

std::optional<Probe> search(const std::vector<SearchStart>& starts, const std::function<Probe(Sample)>& screen, long budget,
                            uint64_t seed, SearchStats& stats) {
  const auto t0 = std::chrono::steady_clock::now();
  std::optional<Probe> best;
  std::vector<const SearchStart*> live;
  for (const auto& s : starts)
    if (!s.leaves.empty() || !s.shapes.empty()) live.push_back(&s);  // shape knobs only: searched by shape moves
  stats.starts += int(live.size());
  for (const auto* s : live) stats.dims = std::max(stats.dims, int(s->leaves.size() + s->shapes.size()));
  if (!live.empty() && budget > 0) {
    const long local_budget = (2 * budget / 3) / long(live.size());
    long used = 0;
    const SearchStart* best_start = live[0];
    for (size_t k = 0; k < live.size() && !(best && best->violated); ++k) {
      const double before = best ? best->rel : HUGE_VAL;
      Objective f{*live[k], screen, std::max<long>(1, local_budget), stats, best};
      if (live[k]->leaves.empty()) f(nullptr);  // shape knobs only: the start itself, then the shape moves
      else local(f, drawn_point(*live[k]));
      used += f.used;
      if (best && best->rel < before) best_start = live[k];
    }
    std::deque<SearchStart> reshaped;  // the starts the shape moves made (they own the best point's start)
    if (best && !best->violated && used < budget) {  // (a start without shape knobs makes no move)
      const long before = stats.evaluations;
      best_start = shape_moves(best_start, reshaped, screen, std::min(budget - used, budget / 6), stats, best);
      used += stats.evaluations - before;
    }
    if (!(best && best->violated) && used < budget && !best_start->leaves.empty()) {
      const SearchStart& st = *best_start;
      Objective f{st, screen, budget - used, stats, best};
      std::vector<double> x = drawn_point(st);
      if (best && best->settings.size() && best->index == st.index)  // continue from the best point when it came from this start
        x = carried_point(st, best->settings, st);
      global(f, x, seed);
    }
  }
  stats.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return best;
}

}  // namespace stabcheck
