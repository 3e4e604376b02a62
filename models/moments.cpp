// Non-template parts of the second-moment engine: exact spectral-radius decisions (Sturm sequences over Q),
// radius information per tier, exact coherence, rational helpers.
#include "models/moments.hpp"
#include "core/names.hpp"
#include "core/precision.hpp"
#include <arf.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include <flint/fmpq_poly.h>

namespace stabcheck::mom {

namespace {

void to_fmpq(fmpq_t out, const Rat& q) {
  fmpz_set_mpz(fmpq_numref(out), mpq_numref(q.backend().data()));
  fmpz_set_mpz(fmpq_denref(out), mpq_denref(q.backend().data()));
}
Rat from_fmpq(const fmpq_t x) {
  Rat r;
  fmpq_get_mpq(r.backend().data(), x);
  return r;
}

struct Poly {
  fmpq_poly_t p;
  Poly() { fmpq_poly_init(p); }
  Poly(const Poly& o) { fmpq_poly_init(p); fmpq_poly_set(p, o.p); }
  Poly& operator=(const Poly& o) { fmpq_poly_set(p, o.p); return *this; }
  ~Poly() { fmpq_poly_clear(p); }
};

Poly charpoly(const MatQ& a) {
  const slong m = a.rows();
  fmpq_mat_t M;
  fmpq_mat_init(M, m, m);
  for (slong i = 0; i < m; ++i)
    for (slong j = 0; j < m; ++j) to_fmpq(fmpq_mat_entry(M, i, j), a(i, j));
  Poly cp;
  fmpq_mat_charpoly(cp.p, M);
  fmpq_mat_clear(M);
  return cp;
}

/// The sign of the rational fill(v) writes.
template <class F> int fmpq_sign(F fill) {
  fmpq_t v;
  fmpq_init(v);
  fill(v);
  const int s = fmpq_sgn(v);
  fmpq_clear(v);
  return s;
}

int sgn_at(const Poly& f, const fmpq_t x) {
  return fmpq_sign([&](fmpq_t v) { fmpq_poly_evaluate_fmpq(v, f.p, x); });
}

int sgn_lead(const Poly& f) {
  const slong deg = fmpq_poly_degree(f.p);
  if (deg < 0) return 0;
  return fmpq_sign([&](fmpq_t c) { fmpq_poly_get_coeff_fmpq(c, f.p, deg); });
}

/// Number of distinct real roots of f in (beta, +inf); requires f(beta) != 0.
int real_roots_above(const Poly& f, const fmpq_t beta) {
  if (fmpq_poly_degree(f.p) <= 0) return 0;
  std::vector<Poly> seq;
  seq.push_back(f);
  Poly d;
  fmpq_poly_derivative(d.p, f.p);
  seq.push_back(d);
  while (true) {
    Poly r;
    fmpq_poly_rem(r.p, seq[seq.size() - 2].p, seq.back().p);
    if (fmpq_poly_is_zero(r.p)) break;
    fmpq_poly_neg(r.p, r.p);
    seq.push_back(r);
  }
  auto variations = [](const std::vector<int>& s) {
    int v = 0, last = 0;
    for (int x : s) {
      if (x == 0) continue;
      if (last != 0 && x != last) ++v;
      last = x;
    }
    return v;
  };
  std::vector<int> at_beta, at_inf;
  for (const auto& g : seq) {
    at_beta.push_back(sgn_at(g, beta));
    at_inf.push_back(sgn_lead(g));
  }
  return variations(at_beta) - variations(at_inf);
}

Int isqrt(const Int& v) { return boost::multiprecision::sqrt(v); }

}  // namespace

Ball spectral_radius(const MatQ& a) {
  auto mods = eig_moduli(a);
  Ball r = mods.at(0);
  for (size_t i = 1; i < mods.size(); ++i) r = max(r, mods[i]);
  return r;
}

RadiusVs radius_vs(const MatQ& A, const Rat& beta) {
  if (A.rows() != A.cols()) throw std::invalid_argument("radius_vs: non-square matrix");
  RadiusVs out;
  if (A.rows() == 0) return out;
  Poly p = charpoly(A);
  fmpq_t b;
  fmpq_init(b);
  to_fmpq(b, beta);
  // divide out (x - beta) while beta is a root
  Poly lin;
  {
    fmpq_t nb;
    fmpq_init(nb);
    fmpq_neg(nb, b);
    fmpq_poly_set_coeff_fmpq(lin.p, 0, nb);
    fmpq_poly_set_coeff_si(lin.p, 1, 1);
    fmpq_clear(nb);
  }
  while (fmpq_poly_degree(p.p) > 0 && sgn_at(p, b) == 0) {
    Poly qq, rr;
    fmpq_poly_divrem(qq.p, rr.p, p.p, lin.p);
    p = qq;
    ++out.multiplicity;
  }
  int above = real_roots_above(p, b);
  fmpq_clear(b);
  if (above > 0) {
    out.cmp = Cmp::Above;
  } else if (out.multiplicity > 0) {
    out.cmp = Cmp::Equal;
    const Eigen::Index m = A.rows();
    MatQ D = A - MatQ::Identity(m, m) * beta;
    int r1 = rank_exact(D);
    MatQ Dk = D;
    int idx = 1, prev = r1;
    while (true) {  // index = smallest j with rank(D^j) = rank(D^{j+1})
      Dk = Dk * D;
      int rk = rank_exact(Dk);
      if (rk == prev) break;
      prev = rk;
      ++idx;
    }
    out.index = idx;
  } else {
    out.cmp = Cmp::Below;
  }
  return out;
}

const Named<Growth> kGrowthNames[] = {{Growth::Zero, "r < beta (-> 0)"},
                                      {Growth::Bounded, "r = beta, index 1 (bounded)"},
                                      {Growth::Poly, "r = beta, index > 1 (polynomial growth)"},
                                      {Growth::Infinite, "r > beta (-> infinity)"}};

std::string growth_str(Growth g) { return name_in(kGrowthNames, g); }

Growth growth_of(const RadiusVs& rv) {
  switch (rv.cmp) {
    case Cmp::Below: return Growth::Zero;
    case Cmp::Above: return Growth::Infinite;
    case Cmp::Equal: return rv.index <= 1 ? Growth::Bounded : Growth::Poly;
  }
  return Growth::Zero;
}

RadiusInfo<double> radius_info(const Mat<double>& A, const Rat& beta, const std::function<MatQ()>& exact_matrix) {
  RadiusInfo<double> ri;
  ri.r = spectral_radius(A);
  const double b = beta.convert_to<double>();
  ri.excess = ri.r - b;
  if (std::fabs(ri.excess) <= 1e-9 * std::max(1.0, std::fabs(b))) {
    RadiusVs rv = radius_vs(exact_matrix(), beta);
    ri.exact = true;
    ri.growth = growth_of(rv);
    if (rv.cmp == Cmp::Equal) { ri.excess = 0; ri.r = b; }
    else if (rv.cmp == Cmp::Above && ri.excess <= 0) ri.excess = 1e-300;
    else if (rv.cmp == Cmp::Below && ri.excess >= 0) ri.excess = -1e-300;
  } else {
    ri.growth = ri.excess > 0 ? Growth::Infinite : Growth::Zero;
  }
  return ri;
}

RadiusInfo<Mpfr> radius_info(const Mat<Mpfr>& A, const Rat& beta, const std::function<MatQ()>& exact_matrix) {
  RadiusInfo<Mpfr> ri;
  ri.r = spectral_radius(A);
  const Mpfr b(beta);
  ri.excess = ri.r - b;
  Mpfr thr = pow(Mpfr(10), -Mpfr(0.8 * double(digits()))) * (b > 1 ? b : Mpfr(1));
  if (abs(ri.excess) <= thr) {
    RadiusVs rv = radius_vs(exact_matrix(), beta);
    ri.exact = true;
    ri.growth = growth_of(rv);
    if (rv.cmp == Cmp::Equal) { ri.excess = 0; ri.r = b; }
    else {
      // decide the excess rigorously at higher precision
      for (long prec = std::max<long>(ball_prec(), Precision::bits_for_digits(digits())), it = 0; it < 6; ++it, prec *= 2) {
        AtPrecision at({.bits = prec});
        Ball rb = spectral_radius(exact_matrix());
        Ball ex = rb - Ball(beta);
        if (ex.certainly_positive() || ex.certainly_negative()) { ri.excess = ex.mid(); ri.r = rb.mid(); break; }
      }
      if (rv.cmp == Cmp::Above && ri.excess <= 0) ri.excess = pow(Mpfr(10), -Mpfr(4 * double(digits())));
      if (rv.cmp == Cmp::Below && ri.excess >= 0) ri.excess = -pow(Mpfr(10), -Mpfr(4 * double(digits())));
    }
  } else {
    ri.growth = ri.excess > 0 ? Growth::Infinite : Growth::Zero;
  }
  return ri;
}

RadiusInfo<Ball> radius_info(const MatQ& A, const Rat& beta, const std::function<MatQ()>&) {
  RadiusInfo<Ball> ri;
  ri.r = spectral_radius(A);
  ri.excess = ri.r - Ball(beta);
  if (ri.excess.certainly_positive()) { ri.growth = Growth::Infinite; return ri; }
  if (ri.excess.certainly_negative()) { ri.growth = Growth::Zero; return ri; }
  RadiusVs rv = radius_vs(A, beta);
  ri.exact = true;
  ri.growth = growth_of(rv);
  if (rv.cmp == Cmp::Equal) {
    ri.excess = Ball(0);
    ri.r = Ball(beta);
    return ri;
  }
  for (long prec = 2 * ball_prec(), it = 0; it < 6; ++it, prec *= 2) {
    AtPrecision at({.bits = prec});
    Ball rb = spectral_radius(A);
    Ball ex = rb - Ball(beta);
    if (ex.certainly_positive() || ex.certainly_negative()) { ri.r = rb; ri.excess = ex; break; }
  }
  return ri;
}

// ------------------------------------------------------------------------------------------------------

std::optional<Rat> exact_sqrt(const Rat& q) {
  if (q < 0) return std::nullopt;
  Int a = numerator(q), b = denominator(q);
  Int sa = isqrt(a), sb = isqrt(b);
  if (sa * sa != a || sb * sb != b) return std::nullopt;
  return Rat(sa, sb);
}

namespace {
// An end of b's interval, exactly.
Rat ball_end(const Ball& b, bool upper) {
  arf_t lo, hi;
  arf_init(lo);
  arf_init(hi);
  arb_get_interval_arf(lo, hi, b.get(), ball_prec());
  Rat r = arf_rat(upper ? hi : lo);
  arf_clear(lo);
  arf_clear(hi);
  return r;
}
}  // namespace
Rat ball_lower(const Ball& b) { return ball_end(b, false); }
Rat ball_upper(const Ball& b) { return ball_end(b, true); }

Rat simplest_between(const Rat& lo, const Rat& hi) {
  fmpq_t a, b, m;
  fmpq_init(a);
  fmpq_init(b);
  fmpq_init(m);
  to_fmpq(a, lo);
  to_fmpq(b, hi);
  fmpq_simplest_between(m, a, b);
  Rat r = from_fmpq(m);
  fmpq_clear(a);
  fmpq_clear(b);
  fmpq_clear(m);
  return r;
}

Rat rat_above(const Ball& x, const Rat& rel) {
  Rat hi = ball_upper(x);
  Rat top = hi + abs(hi) * rel;
  if (top == hi) top = hi + rel;
  // strictly above the enclosure: simplest in (hi, top]
  Rat r = simplest_between(hi, top);
  if (r <= hi) r = top;
  return r;
}
Rat rat_below(const Ball& x, const Rat& rel) {
  Rat lo = ball_lower(x);
  Rat bot = lo - abs(lo) * rel;
  if (bot == lo) bot = lo - rel;
  Rat r = simplest_between(bot, lo);
  if (r >= lo) r = bot;
  return r;
}

namespace {
std::optional<Rat> exact_extreme(const MatQ& a, bool top) {
  const Eigen::Index d = a.rows();
  if (d == 0) return std::nullopt;
  // diagonal: read off
  bool diag = true;
  for (Eigen::Index i = 0; i < d && diag; ++i)
    for (Eigen::Index j = 0; j < d; ++j)
      if (i != j && a(i, j) != 0) { diag = false; break; }
  if (diag) {
    Rat best = a(0, 0);
    for (Eigen::Index i = 1; i < d; ++i) best = top ? (a(i, i) > best ? a(i, i) : best) : (a(i, i) < best ? a(i, i) : best);
    return best;
  }
  const auto ev = [&] {
    AtPrecision at({.bits = 256});
    return eigvals_sym(a);
  }();
  const Ball& e = top ? ev.back() : ev.front();
  Rat cand = simplest_between(ball_lower(e), ball_upper(e));
  MatQ s = a - MatQ::Identity(d, d) * cand;
  if (rank_exact(s) == d) return std::nullopt;  // not an eigenvalue
  Inertia in = inertia(s);
  if (top ? in.pos != 0 : in.neg != 0) return std::nullopt;
  return cand;
}
bool proportional(const MatQ& a, const MatQ& b, Rat& factor) {  // a = factor * b, b != 0
  Eigen::Index pi = -1, pj = -1;
  for (Eigen::Index i = 0; i < b.rows() && pi < 0; ++i)
    for (Eigen::Index j = 0; j < b.cols(); ++j)
      if (b(i, j) != 0) { pi = i; pj = j; break; }
  if (pi < 0) return false;
  factor = a(pi, pj) / b(pi, pj);
  return a == MatQ(b * factor);
}
}  // namespace

std::optional<Rat> exact_lmax(const MatQ& a) { return exact_extreme(a, true); }
std::optional<Rat> exact_lmin(const MatQ& a) { return exact_extreme(a, false); }

std::optional<Rat> coherence_exact(const std::vector<MatQ>& H) {
  struct Cluster { MatQ P; Rat sum_a = 0, max_a = 0; };
  std::vector<Cluster> cl;
  for (const auto& h : H) {
    if (h.isZero()) continue;
    bool placed = false;
    for (auto& c : cl) {
      Rat f;
      if (proportional(h, c.P, f)) {
        if (f <= 0) return std::nullopt;
        c.sum_a += f;
        if (f > c.max_a) c.max_a = f;
        placed = true;
        break;
      }
    }
    if (!placed) cl.push_back(Cluster{h, Rat(1), Rat(1)});
  }
  if (cl.empty()) return std::nullopt;
  for (size_t i = 0; i < cl.size(); ++i)
    for (size_t j = i + 1; j < cl.size(); ++j)
      if (trace_prod(cl[i].P, cl[j].P) != 0) return std::nullopt;
  Rat lS = -1, lH = -1;
  for (const auto& c : cl) {
    auto fro = exact_sqrt(trace_prod(c.P, c.P));
    auto lm = exact_lmax(c.P);
    if (!fro || !lm) return std::nullopt;
    Rat s = *fro * c.sum_a, hmax = *lm * c.max_a;
    if (s > lS) lS = s;
    if (hmax > lH) lH = hmax;
  }
  if (lH <= 0) return std::nullopt;
  return lS / lH;
}

}  // namespace stabcheck::mom
