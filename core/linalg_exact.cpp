// Rigorous spectra for the exact tier.
//  * Rational matrix: exact characteristic polynomial of the integerised matrix (FLINT), squarefree
//    factorisation, Arb root isolation of each factor (arb_fmpz_poly_complex_roots requires squarefree
//    input); each root is repeated by its multiplicity. Every eigenvalue gets a certified ball.
//  * Symmetric ball matrix A = M + E (|E_ij| <= rad_ij): Weyl's inequality |lambda_i(A) - lambda_i(M)|
//    <= ||E||_2 <= ||rad||_F, with the exact dyadic midpoint M handled as a rational matrix.
#include "core/linalg.hpp"
#include <acb.h>
#include <arb_mat.h>
#include <arb_fmpz_poly.h>
#include <flint/fmpz_mat.h>
#include <flint/fmpz_poly.h>
#include <flint/fmpz_poly_factor.h>
#include <algorithm>
#include <stdexcept>

namespace stabcheck {

namespace {

void fmpz_from(fmpz_t out, const Int& z) { fmpz_set_mpz(out, z.backend().data()); }

/// Characteristic polynomial of the integerised matrix den * a (exact, FLINT); `den` is the common denominator,
/// so the eigenvalues of `a` are the roots divided by den.
void integer_charpoly(const MatQ& a, fmpz_poly_t cp, fmpz_t fden) {
  const slong d = a.rows();
  if (a.cols() != d) throw std::invalid_argument("eigenvalues of a non-square matrix");
  Int den = 1;
  for (slong i = 0; i < d; ++i)
    for (slong j = 0; j < d; ++j) den = boost::multiprecision::lcm(den, Int(denominator(a(i, j))));
  fmpz_mat_t m;
  fmpz_mat_init(m, d, d);
  for (slong i = 0; i < d; ++i)
    for (slong j = 0; j < d; ++j) {
      Int v = numerator(a(i, j)) * (den / Int(denominator(a(i, j))));
      fmpz_from(fmpz_mat_entry(m, i, j), v);
    }
  fmpz_mat_charpoly(cp, m);
  fmpz_mat_clear(m);
  fmpz_from(fden, den);
}

/// The exact characteristic polynomial of den * a (integer_charpoly), factored squarefree or into irreducibles over Q;
/// FLINT's memory is freed on every exit, exceptions included.
struct FactoredCharpoly {
  fmpz_poly_t cp;
  fmpz_t den;
  fmpz_poly_factor_t fac;
  FactoredCharpoly(const MatQ& a, bool irreducible) {
    fmpz_poly_init(cp);
    fmpz_init(den);
    fmpz_poly_factor_init(fac);
    integer_charpoly(a, cp, den);
    if (irreducible) fmpz_poly_factor(fac, cp);
    else fmpz_poly_factor_squarefree(fac, cp);
  }
  ~FactoredCharpoly() {
    fmpz_poly_factor_clear(fac);
    fmpz_clear(den);
    fmpz_poly_clear(cp);
  }
  FactoredCharpoly(const FactoredCharpoly&) = delete;
  FactoredCharpoly& operator=(const FactoredCharpoly&) = delete;
};

Rat rat_of(const fmpz_t num, const fmpz_t den) {
  Int n, d;
  fmpz_get_mpz(n.backend().data(), num);
  fmpz_get_mpz(d.backend().data(), den);
  return Rat(n, d);
}

/// All complex roots of the squarefree integer polynomial p (rigorous, Arb). Arb 2.23's arb_fmpz_poly_complex_roots
/// crashes (SIGSEGV in acb_poly_set_fmpz_poly) on some polynomials whose roots are huge, e.g. degree 6 with roots near
/// 2^178 (found by the search in THM-C9-CONVERGENCE, tests/test_linalg.cpp keeps it): when the roots' binary size s
/// (Fujiwara's bound) exceeds 32, the roots of p(2^s y) are isolated instead and multiplied by 2^s, exactly.
void isolate_roots(acb_ptr roots, const fmpz_poly_t p, slong prec) {
  const slong deg = fmpz_poly_degree(p);
  const slong lead = fmpz_bits(fmpz_poly_lead(p));
  slong s = 0;
  for (slong k = 0; k < deg; ++k) {
    const slong b = fmpz_bits(p->coeffs + k);
    if (b > lead) s = std::max(s, (b - lead + (deg - k) - 1) / (deg - k));
  }
  if (s <= 32) {
    arb_fmpz_poly_complex_roots(roots, p, 0, prec);
    return;
  }
  fmpz_poly_t q;
  fmpz_poly_init(q);
  fmpz_poly_set(q, p);
  for (slong k = 1; k <= deg; ++k) fmpz_mul_2exp(q->coeffs + k, q->coeffs + k, ulong(s * k));
  arb_fmpz_poly_complex_roots(roots, q, 0, prec);
  for (slong r = 0; r < deg; ++r) acb_mul_2exp_si(roots + r, roots + r, s);
  fmpz_poly_clear(q);
}

/// Complex roots (with multiplicity) of the characteristic polynomial of `a`, already divided by
/// the common denominator.
std::vector<acb_struct*> char_roots_raw(const MatQ& a, std::vector<acb_struct>& store) {
  const slong d = a.rows();
  FactoredCharpoly fc(a, false);
  const auto& fac = fc.fac;
  store.assign(d, acb_struct{});
  for (auto& z : store) acb_init(&z);
  slong pos = 0;
  for (slong f = 0; f < fac->num; ++f) {
    slong deg = fmpz_poly_degree(fac->p + f);
    if (deg <= 0) continue;
    acb_ptr roots = _acb_vec_init(deg);
    isolate_roots(roots, fac->p + f, ball_prec());
    for (slong e = 0; e < fac->exp[f]; ++e)
      for (slong r = 0; r < deg; ++r) {
        if (pos >= d) throw std::logic_error("charpoly root count mismatch");
        acb_div_fmpz(&store[pos], roots + r, fc.den, ball_prec());
        ++pos;
      }
    _acb_vec_clear(roots, deg);
  }
  if (pos != d) throw std::logic_error("charpoly root count mismatch");
  std::vector<acb_struct*> out;
  for (auto& z : store) out.push_back(&z);
  return out;
}

struct AcbVec {
  std::vector<acb_struct> store;
  ~AcbVec() { for (auto& z : store) acb_clear(&z); }
};

void sort_by_mid(std::vector<Ball>& v) {
  std::sort(v.begin(), v.end(), [](const Ball& x, const Ball& y) { return x.mid() < y.mid(); });
}

}  // namespace

namespace {
/// f(ball, root) over the roots of a's characteristic polynomial.
template <class F> std::vector<Ball> map_char_roots(const MatQ& a, F f) {
  AcbVec store;
  auto roots = char_roots_raw(a, store.store);
  std::vector<Ball> out;
  for (auto* z : roots) {
    Ball b;
    f(b.get(), z);
    out.push_back(b);
  }
  return out;
}
}  // namespace

std::vector<Ball> eigvals_sym(const MatQ& a) {
  auto out = map_char_roots(a, [](arb_ptr re, const acb_struct* z) { arb_set(re, acb_realref(z)); });
  sort_by_mid(out);
  return out;
}

std::vector<Ball> eig_moduli(const MatQ& a) {
  return map_char_roots(a, [](arb_ptr m, const acb_struct* z) { acb_abs(m, z, ball_prec()); });
}

std::vector<Ball> svals(const MatQ& a) {
  MatQ g = a.transpose() * a;
  std::vector<Ball> ev = eigvals_sym(g);
  std::vector<Ball> out;
  for (auto it = ev.rbegin(); it != ev.rend(); ++it) out.push_back(sqrt(*it));
  return out;
}

std::vector<Ball> eigvals_sym(const Mat<Ball>& a) {
  const Eigen::Index d = a.rows();
  MatQ mid(d, d);
  Ball radf2 = 0;
  for (Eigen::Index i = 0; i < d; ++i)
    for (Eigen::Index j = 0; j < d; ++j) {
      mid(i, j) = mid_rat(a(i, j));
      Ball r;  // exact value of the radius
      arf_set_mag(arb_midref(r.get()), arb_radref(a(i, j).get()));
      radf2 += r * r;
    }
  // symmetrise the midpoint (the ball matrix is symmetric; its midpoints may differ by rounding,
  // which the Weyl bound must then include)
  MatQ sym = (mid + mid.transpose()) / Rat(2);
  for (Eigen::Index i = 0; i < d; ++i)
    for (Eigen::Index j = 0; j < d; ++j) {
      Ball diff(Rat(mid(i, j) - sym(i, j)));
      radf2 += diff * diff;
    }
  Ball eps = sqrt(radf2);
  std::vector<Ball> out = eigvals_sym(sym);
  for (Ball& b : out) arb_add_error(b.get(), eps.get());
  return out;
}

std::vector<ExactEig> eig_distinct(const MatQ& a) {
  const slong d = a.rows();
  std::vector<ExactEig> out;
  if (d == 0) return out;
  // Irreducible factors over Q: the linear ones are the rational eigenvalues; an irreducible factor is separable
  // and coprime to the others, so its roots are distinct from every other eigenvalue.
  FactoredCharpoly fc(a, true);
  const auto& fac = fc.fac;
  const auto& fden = fc.den;
  for (slong f = 0; f < fac->num; ++f) {
    const fmpz_poly_struct* p = fac->p + f;
    slong deg = fmpz_poly_degree(p);
    if (deg <= 0) continue;
    if (deg == 1) {  // c1 x + c0: root -c0/c1 of den*a, eigenvalue -c0/(c1 den) of a
      ExactEig e;
      fmpz_t num, dd;
      fmpz_init(num);
      fmpz_init(dd);
      fmpz_neg(num, p->coeffs + 0);
      fmpz_mul(dd, p->coeffs + 1, fden);
      e.exact = rat_of(num, dd);
      fmpz_clear(num);
      fmpz_clear(dd);
      e.re = Ball(*e.exact);
      e.mod = abs(e.re);
      e.mult = int(fac->exp[f]);
      out.push_back(std::move(e));
      continue;
    }
    acb_ptr roots = _acb_vec_init(deg);
    arb_fmpz_poly_complex_roots(roots, p, 0, ball_prec());
    for (slong r = 0; r < deg; ++r) {
      acb_div_fmpz(roots + r, roots + r, fden, ball_prec());
      ExactEig e;
      arb_set(e.re.get(), acb_realref(roots + r));
      acb_abs(e.mod.get(), roots + r, ball_prec());
      e.mult = int(fac->exp[f]);
      out.push_back(std::move(e));
    }
    _acb_vec_clear(roots, deg);
  }
  std::sort(out.begin(), out.end(), [](const ExactEig& x, const ExactEig& y) {
    if (x.exact && y.exact) return *x.exact < *y.exact;
    return x.re.mid() < y.re.mid();
  });
  return out;
}

std::vector<ExactEig> eigvals_sym_exact(const MatQ& a) {
  std::vector<ExactEig> out;
  for (const auto& e : eig_distinct(a))
    for (int k = 0; k < e.mult; ++k) {
      out.push_back(e);
      out.back().mult = 1;
    }
  return out;
}

std::optional<Rat> exact_root(const Rat& q, long n) {
  if (q < 0 || n < 1) return std::nullopt;
  if (n == 1 || q == 0) return q;
  Int num = numerator(q), den = denominator(q), rn, rd;
  if (!mpz_root(rn.backend().data(), num.backend().data(), (unsigned long)n)) return std::nullopt;
  if (!mpz_root(rd.backend().data(), den.backend().data(), (unsigned long)n)) return std::nullopt;
  return Rat(rn, rd);
}

Ball indeterminate_ball() {
  Ball b;
  arb_indeterminate(b.get());
  return b;
}

Mat<Ball> indeterminate_balls(Eigen::Index rows, Eigen::Index cols) {
  Mat<Ball> m(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = indeterminate_ball();
  return m;
}

Mat<Ball> ball_matmul(const Mat<Ball>& a, const Mat<Ball>& b) {
  Mat<Ball> c(a.rows(), b.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < b.cols(); ++j) {
      Ball acc(0);
      for (Eigen::Index k = 0; k < a.cols(); ++k) acc += a(i, k) * b(k, j);
      c(i, j) = acc;
    }
  return c;
}

namespace {
struct ArbMat {  // RAII arb_mat_t copy of a Mat<Ball>
  arb_mat_t a;
  ArbMat(Eigen::Index r, Eigen::Index c) { arb_mat_init(a, r, c); }
  explicit ArbMat(const Mat<Ball>& m) : ArbMat(m.rows(), m.cols()) {
    for (Eigen::Index i = 0; i < m.rows(); ++i)
      for (Eigen::Index j = 0; j < m.cols(); ++j) arb_set(arb_mat_entry(a, i, j), m(i, j).get());
  }
  ~ArbMat() { arb_mat_clear(a); }
  Mat<Ball> get() const {
    Mat<Ball> m(arb_mat_nrows(a), arb_mat_ncols(a));
    for (Eigen::Index i = 0; i < m.rows(); ++i)
      for (Eigen::Index j = 0; j < m.cols(); ++j) arb_set(m(i, j).get(), arb_mat_entry(a, i, j));
    return m;
  }
};
}  // namespace

Ball det(const Mat<Ball>& m) {
  ArbMat a(m);
  Ball d;
  arb_mat_det(d.get(), a.a, ball_prec());
  return d;
}

Mat<Ball> inverse(const Mat<Ball>& m) {
  ArbMat a(m), out(m.rows(), m.cols());
  if (!arb_mat_inv(out.a, a.a, ball_prec())) return indeterminate_balls(m.rows(), m.cols());
  return out.get();
}

Mat<Ball> expm(const Mat<Ball>& m) {
  ArbMat a(m), out(m.rows(), m.cols());
  arb_mat_exp(out.a, a.a, ball_prec());
  return out.get();
}

std::vector<Ball> svals(const Mat<Ball>& m) {
  Mat<Ball> g = ball_matmul(m.transpose(), m);
  auto ev = eigvals_sym(g);
  std::vector<Ball> out;
  for (auto it = ev.rbegin(); it != ev.rend(); ++it) out.push_back(sqrt(*it));
  return out;
}


SymFn sym_matfn(const MatQ& a, const std::function<std::optional<Rat>(const Rat&)>& exact_f,
                const std::function<Ball(const Ball&)>& ball_f) {
  const Eigen::Index d = a.rows();
  if (a.cols() != d || a != a.transpose()) throw std::invalid_argument("matrix function of a non-symmetric matrix");
  auto ev = eig_distinct(a);
  std::vector<std::optional<Rat>> fq(ev.size());
  bool all_exact = true;
  for (size_t i = 0; i < ev.size(); ++i) {
    if (ev[i].exact) fq[i] = exact_f(*ev[i].exact);
    all_exact &= bool(fq[i]);
  }
  SymFn out;
  const MatQ id = MatQ::Identity(d, d);
  if (all_exact) {  // every eigenvalue rational with a rational image: exact rational arithmetic throughout
    out.exact = true;
    out.q = MatQ::Zero(d, d);
    for (size_t i = 0; i < ev.size(); ++i) {
      if (*fq[i] == 0) continue;
      MatQ term = id * *fq[i];
      for (size_t j = 0; j < ev.size(); ++j)
        if (j != i) term = MatQ(term * (a - id * *ev[j].exact)) / (*ev[i].exact - *ev[j].exact);
      out.q += term;
    }
    return out;
  }
  Mat<Ball> ab(d, d), idb(d, d);
  for (Eigen::Index i = 0; i < d; ++i)
    for (Eigen::Index j = 0; j < d; ++j) {
      ab(i, j) = Ball(a(i, j));
      idb(i, j) = Ball(i == j ? 1 : 0);
    }
  out.b = Mat<Ball>(d, d);
  for (Eigen::Index i = 0; i < d; ++i)
    for (Eigen::Index j = 0; j < d; ++j) out.b(i, j) = Ball(0);
  for (size_t i = 0; i < ev.size(); ++i) {
    if (fq[i] && *fq[i] == 0) continue;  // e.g. a power at a zero eigenvalue: the kernel contributes exactly 0
    Ball fi = fq[i] ? Ball(*fq[i]) : ball_f(ev[i].re);
    Mat<Ball> term = idb * fi;
    for (size_t j = 0; j < ev.size(); ++j) {
      if (j == i) continue;
      Mat<Ball> shifted = ab - idb * ev[j].re;
      Ball gap = ev[i].re - ev[j].re;
      term = ball_matmul(term, shifted);
      for (Eigen::Index r = 0; r < d; ++r)
        for (Eigen::Index c = 0; c < d; ++c) term(r, c) /= gap;
    }
    out.b += term;
  }
  return out;
}

Inertia inertia(const MatQ& in) {
  if (in.rows() != in.cols()) throw std::invalid_argument("inertia of a non-square matrix");
  MatQ a = in;
  Inertia res;
  while (a.rows() > 0) {
    const Eigen::Index m = a.rows();
    Eigen::Index p = -1;
    for (Eigen::Index i = 0; i < m; ++i)
      if (a(i, i) != 0) { p = i; break; }
    if (p >= 0) {  // 1x1 pivot
      (a(p, p) > 0 ? res.pos : res.neg) += 1;
      MatQ s(m - 1, m - 1);
      std::vector<Eigen::Index> idx;
      for (Eigen::Index i = 0; i < m; ++i) if (i != p) idx.push_back(i);
      for (Eigen::Index r = 0; r < m - 1; ++r)
        for (Eigen::Index c = 0; c < m - 1; ++c)
          s(r, c) = a(idx[r], idx[c]) - a(idx[r], p) * a(p, idx[c]) / a(p, p);
      a = std::move(s);
      continue;
    }
    Eigen::Index pi = -1, pj = -1;  // all diagonal zero: 2x2 pivot [[0,b],[b,0]] (one +, one -)
    for (Eigen::Index i = 0; i < m && pi < 0; ++i)
      for (Eigen::Index j = i + 1; j < m; ++j)
        if (a(i, j) != 0) { pi = i; pj = j; break; }
    if (pi < 0) { res.zero += int(m); break; }
    res.pos += 1;
    res.neg += 1;
    const Rat b = a(pi, pj);
    std::vector<Eigen::Index> idx;
    for (Eigen::Index i = 0; i < m; ++i) if (i != pi && i != pj) idx.push_back(i);
    MatQ s(m - 2, m - 2);
    // P^{-1} = [[0, 1/b],[1/b, 0]];  S = A22 - A21 P^{-1} A12
    for (Eigen::Index r = 0; r < m - 2; ++r)
      for (Eigen::Index c = 0; c < m - 2; ++c)
        s(r, c) = a(idx[r], idx[c]) - (a(idx[r], pi) * a(pj, idx[c]) + a(idx[r], pj) * a(pi, idx[c])) / b;
    a = std::move(s);
  }
  return res;
}

int rank_exact(const MatQ& in) {
  MatQ a = in;
  int rank = 0;
  Eigen::Index rows = a.rows(), cols = a.cols();
  for (Eigen::Index c = 0; c < cols && rank < rows; ++c) {
    Eigen::Index p = -1;
    for (Eigen::Index r = rank; r < rows; ++r) if (a(r, c) != 0) { p = r; break; }
    if (p < 0) continue;
    a.row(p).swap(a.row(rank));
    for (Eigen::Index r = rank + 1; r < rows; ++r) {
      if (a(r, c) == 0) continue;
      Rat f = a(r, c) / a(rank, c);
      for (Eigen::Index k = c; k < cols; ++k) a(r, k) -= f * a(rank, k);
    }
    ++rank;
  }
  return rank;
}

}  // namespace stabcheck
