// Adversarial local search (fuzz/sampling.hpp): NLopt Subplex on the relative slack, over parameters
// that keep every declared kind exactly, then rationalisation of the optimum.
#include "core/gauss_jordan.hpp"
#include "core/linalg.hpp"
#include "fuzz/eval.hpp"
#include "fuzz/sampling.hpp"
#include "generators/matrices.hpp"
#include <cmath>
#include <nlopt.h>

namespace stabcheck::fuzz {

namespace {

using MatD = Mat<double>;

/// One declared matrix (or family member) and its slice of the parameter vector.
struct Slot {
  const Decl* decl;
  int member = -1;     // family member, -1 for a single matrix
  int d = 0, cols = 0; // factor G is d x cols (PSD kinds), or the shape of the free matrix
  size_t offset = 0, size = 0;
  Rat shift = 0;       // pd: A = G G^T + shift I
  int rank = 0;        // projector: rank of the fixed diagonal
  bool flip = false;   // orthogonal: negate the first column (det -1)
};

// Entry k of a skew matrix from d(d-1)/2 parameters; Cayley Q = (I - K)(I + K)^{-1}.
template <class F> Mat<F> cayley(const F* p, int d) {
  Mat<F> k = Mat<F>::Zero(d, d);
  int t = 0;
  for (int i = 0; i < d; ++i)
    for (int j = i + 1; j < d; ++j) { k(i, j) = p[t]; k(j, i) = -p[t]; ++t; }
  return stabcheck::cayley(k);
}

template <class F> Mat<F> realize(const Slot& s, const F* p) {
  const int d = s.d;
  auto full = [&](int rows, int cols) {
    Mat<F> m(rows, cols);
    for (int i = 0; i < rows; ++i)
      for (int j = 0; j < cols; ++j) m(i, j) = p[i * cols + j];
    return m;
  };
  switch (s.decl->kind) {
    case Kind::Psd:
    case Kind::PsdRank:
    case Kind::RankOne: {
      Mat<F> g = full(d, s.cols);
      return g * g.transpose();
    }
    case Kind::Pd: {
      Mat<F> g = full(d, d);
      Mat<F> a = g * g.transpose();
      for (int i = 0; i < d; ++i) a(i, i) += F(s.shift);
      return a;
    }
    case Kind::Sym: {
      Mat<F> m(d, d);
      int t = 0;
      for (int i = 0; i < d; ++i)
        for (int j = i; j < d; ++j) { m(i, j) = p[t]; m(j, i) = p[t]; ++t; }
      return m;
    }
    case Kind::Diag:
    case Kind::PsdDiag: {  // non-negative entries as squares
      Mat<F> m = Mat<F>::Zero(d, d);
      for (int i = 0; i < d; ++i) m(i, i) = s.decl->kind == Kind::PsdDiag ? F(p[i] * p[i]) : p[i];
      return m;
    }
    case Kind::Projector: {
      Mat<F> q = cayley(p, d);
      Mat<F> dd = Mat<F>::Zero(d, d);
      for (int i = 0; i < s.rank; ++i) dd(i, i) = F(1);
      return q * dd * q.transpose();
    }
    case Kind::Orthogonal: {
      Mat<F> q = cayley(p, d);
      if (s.flip) q.col(0) = -q.col(0);
      return q;
    }
    case Kind::General: return full(d, d);
    case Kind::Vec: return full(d, 1);
    default: break;
  }
  throw std::logic_error("not a matrix kind");
}

MatQ to_q(const MatD& m) {
  MatQ q(m.rows(), m.cols());
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) q(i, j) = Rat(m(i, j));
  return q;
}

struct Problem {
  std::shared_ptr<const Bound> b;
  Sample base;                 // ints, d, and anything not optimised
  std::vector<Slot> slots;
  std::vector<std::pair<std::string, size_t>> scalars;  // name, offset
  size_t n = 0;
  long evals = 0;

  Sample sample_double(const double* x) const {
    Sample s = base;
    for (const auto& sl : slots) {
      MatQ m = to_q(realize<double>(sl, x + sl.offset));
      if (sl.member < 0) s.mats[sl.decl->name] = m;
      else s.families[sl.decl->name][size_t(sl.member)] = m;
    }
    for (const auto& [name, off] : scalars) s.scalars[name] = Rat(x[off]);
    return s;
  }
  Sample sample_exact(const std::vector<Rat>& x) const {
    Sample s = base;
    for (const auto& sl : slots) {
      MatQ m = realize<Rat>(sl, x.data() + sl.offset);
      if (sl.member < 0) s.mats[sl.decl->name] = m;
      else s.families[sl.decl->name][size_t(sl.member)] = m;
    }
    for (const auto& [name, off] : scalars) s.scalars[name] = x[off];
    return s;
  }
};

double objective(unsigned n, const double* x, double*, void* data) {
  auto* p = static_cast<Problem*>(data);
  ++p->evals;
  double r = relative_slack(*p->b, p->sample_double(x));
  if (std::isnan(r)) return 1e3;
  return std::max(-1e3, std::min(1e3, r));
}

// Initial parameters of a slot from the start matrix (eigen-factorisation for PSD kinds).
void start_params(const Slot& s, const MatQ& a0, std::vector<double>& x) {
  MatD a = a0.unaryExpr([](const Rat& q) { return q.convert_to<double>(); });
  double* p = x.data() + s.offset;
  const int d = s.d;
  auto factor = [&](const MatD& m, int cols) {
    Vec<double> values;
    MatD vectors;
    eig_sym_vectors(m, values, vectors);
    for (int j = 0; j < cols; ++j) {
      int k = d - 1 - j;  // largest eigenvalues first
      double l = std::sqrt(std::max(0.0, values(k)));
      for (int i = 0; i < d; ++i) p[i * cols + j] = l * vectors(i, k);
    }
  };
  switch (s.decl->kind) {
    case Kind::Psd:
    case Kind::PsdRank:
    case Kind::RankOne: factor(a, s.cols); break;
    case Kind::Pd: factor(a - s.shift.convert_to<double>() * MatD::Identity(d, d), d); break;
    case Kind::Sym: {
      int t = 0;
      for (int i = 0; i < d; ++i)
        for (int j = i; j < d; ++j) p[t++] = a(i, j);
      break;
    }
    case Kind::Diag:
      for (int i = 0; i < d; ++i) p[i] = a(i, i);
      break;
    case Kind::PsdDiag:
      for (int i = 0; i < d; ++i) p[i] = std::sqrt(std::max(0.0, a(i, i)));
      break;
    case Kind::General:
    case Kind::Vec:
      for (Eigen::Index i = 0; i < a.rows(); ++i)
        for (Eigen::Index j = 0; j < a.cols(); ++j) p[i * a.cols() + j] = a(i, j);
      break;
    default: break;  // projector / orthogonal: Cayley parameters stay at their (perturbed) zero start
  }
}

size_t slot_size(const Decl& x, int d, int& cols) {
  switch (x.kind) {
    case Kind::Psd: cols = d; return size_t(d * d);
    case Kind::Pd: cols = d; return size_t(d * d);
    case Kind::PsdRank: cols = std::min(x.rank, d); return size_t(d * cols);
    case Kind::RankOne: cols = 1; return size_t(d);
    case Kind::Sym: return size_t(d * (d + 1) / 2);
    case Kind::Diag:
    case Kind::PsdDiag: return size_t(d);
    case Kind::Projector:
    case Kind::Orthogonal: return size_t(d * (d - 1) / 2);
    case Kind::General: return size_t(d * d);
    case Kind::Vec: return size_t(d);
    default: return 0;
  }
}

Rat round_to(double v, long den) { return Rat(Int(std::llround(v * double(den))), Int(den)); }

Sample search_from(std::shared_ptr<const Bound> b, const Sample& start, const std::vector<int>& noise, SearchOptions opt) {
  Problem pr;
  pr.b = b;
  pr.base = start;
  long dim = start.ints.count("d") ? start.ints.at("d") : 1;
  for (const Decl& x : b->decls) {
    if (x.kind == Kind::Int) continue;
    if (x.kind == Kind::Scalar) { pr.scalars.emplace_back(x.name, pr.n); pr.n += 1; continue; }
    int members = x.count.empty() ? 1 : int(start.families.at(x.name).size());
    for (int m = 0; m < members; ++m) {
      Slot s;
      s.decl = &x;
      s.member = x.count.empty() ? -1 : m;
      s.d = int(dim);
      s.offset = pr.n;
      s.size = slot_size(x, s.d, s.cols);
      const MatQ& a0 = x.count.empty() ? start.mats.at(x.name) : start.families.at(x.name)[size_t(m)];
      if (x.kind == Kind::Pd) {
        auto ev = eigvals_sym(a0.unaryExpr([](const Rat& q) { return q.convert_to<double>(); }).eval());
        s.shift = round_to(std::max(ev.front() / 2, 1e-6), 1L << 30);
        if (s.shift <= 0) s.shift = Rat(1, 1000000);
      }
      if (x.kind == Kind::Projector) s.rank = int(std::lround(a0.trace().convert_to<double>()));
      if (x.kind == Kind::Orthogonal) s.flip = !noise.empty() && noise[0] % 2 != 0;
      pr.slots.push_back(s);
      pr.n += s.size;
    }
  }
  std::vector<double> x(pr.n, 0.0), lo(pr.n, -1e6), hi(pr.n, 1e6);
  for (const auto& s : pr.slots)
    start_params(s, s.member < 0 ? start.mats.at(s.decl->name) : start.families.at(s.decl->name)[size_t(s.member)], x);
  for (const auto& [name, off] : pr.scalars) {
    const Decl* dcl = b->decl(name);
    x[off] = start.scalars.at(name).convert_to<double>();
    lo[off] = dcl->lo.convert_to<double>();
    hi[off] = dcl->hi.convert_to<double>();
  }
  double mag = 0;
  for (double v : x) mag = std::max(mag, std::abs(v));
  if (mag == 0) mag = 1;
  std::vector<double> step(pr.n);
  for (size_t i = 0; i < pr.n; ++i) {
    double nz = noise.empty() ? 0 : noise[i % noise.size()] / 100.0;  // in [-1, 1]
    x[i] += 0.05 * mag * nz;
    x[i] = std::min(hi[i], std::max(lo[i], x[i]));
    step[i] = 0.2 * std::max(std::abs(x[i]), 0.1 * mag);
    if (hi[i] - lo[i] < 2e6) step[i] = std::max(1e-9, std::min(step[i], 0.25 * (hi[i] - lo[i])));
  }
  if (pr.n == 0) return start;
  nlopt_opt o = nlopt_create(NLOPT_LN_SBPLX, unsigned(pr.n));
  nlopt_set_min_objective(o, objective, &pr);
  nlopt_set_lower_bounds(o, lo.data());
  nlopt_set_upper_bounds(o, hi.data());
  nlopt_set_initial_step(o, step.data());
  nlopt_set_maxeval(o, opt.max_evals);
  nlopt_set_stopval(o, opt.stop_slack);
  nlopt_set_xtol_rel(o, 1e-10);
  double fmin = 0;
  nlopt_optimize(o, x.data(), &fmin);  // any result code: x holds the best point found
  nlopt_destroy(o);
  // Rationalise: the simplest dyadic rounding (denominator 1, 2, 4, ...) that still violates.
  std::vector<Rat> q(pr.n);
  Sample best;
  for (long den = 1; den <= (1L << 30); den *= 2) {
    for (size_t i = 0; i < pr.n; ++i) q[i] = round_to(x[i], den);
    for (const auto& [name, off] : pr.scalars) {
      const Decl* dcl = b->decl(name);
      if (q[off] < dcl->lo) q[off] = dcl->lo;
      if (q[off] > dcl->hi) q[off] = dcl->hi;
    }
    try {
      best = pr.sample_exact(q);
    } catch (const std::exception&) {
      continue;  // e.g. a singular I + K at a coarse rounding
    }
    if (fmin >= 0) {
      if (den >= (1L << 20) && in_domain(*b, best)) return best;  // no violation: the optimum itself
      continue;
    }
    double r = relative_slack(*b, best);
    if (r < -1e-9 && in_domain(*b, best)) return best;
  }
  return in_domain(*b, best) ? best : start;
}

}  // namespace

rc::Gen<Sample> local_search_gen(std::shared_ptr<const Bound> b, int dlo, int dhi, SearchOptions opt) {
  auto starts = rc::gen::mapcat(rc::gen::inRange(0, 3), [b, dlo, dhi](int k) {
    return sample_gen(b, dlo, dhi, k == 0 ? Style::Mixed : k == 1 ? Style::Commuting : Style::Aligned);
  });
  auto noise = rc::gen::container<std::vector<int>>(64, rc::gen::inRange(-100, 101));
  // No shrinking through the search (each candidate would cost a search): the runner shrinks the result by
  // its reductions only.
  return rc::gen::noShrink(rc::gen::map(rc::gen::pair(starts, noise), [b, opt](const std::pair<Sample, std::vector<int>>& p) {
    return search_from(b, p.first, p.second, opt);
  }));
}

}  // namespace stabcheck::fuzz
