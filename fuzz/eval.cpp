// The one translation unit that instantiates the bound evaluator for the three tiers.
//   double / Mpfr : everything in the tier's floating type.
//   Rat (exact)   : values stay exact rationals while the operations are rational (+, -, *, /, inverse,
//                   integer powers, tr, det, Hadamard); spectra, norms, sqrt and matrix functions give Arb
//                   balls (core/linalg.hpp), and from there the value is a Ball (matrix).
#include "fuzz/eval.hpp"
#include "core/gauss_jordan.hpp"
#include "core/linalg.hpp"
#include "models/moments.hpp"
#include "generators/coherence.hpp"
#include "generators/matrices.hpp"
#include <cmath>
#include <limits>

namespace stabcheck::fuzz {

Rel engine_relation(Relation r) {
  switch (r) {
    case Relation::Le:
    case Relation::Lt:
    case Relation::PsdLe:
    case Relation::PsdGe: return Rel::Le;
    case Relation::Ge:
    case Relation::Gt: return Rel::Ge;
    case Relation::Eq: return Rel::Eq;
  }
  return Rel::Le;
}

namespace {

template <class T> constexpr bool kExact = std::is_same_v<T, Rat>;

/// A value: scalar or matrix, exact (T) or, in the exact tier, an enclosure (Real<T> = Ball).
template <class T> struct V {
  using R = Real<T>;
  bool mat = false, exact = true;
  T s{};
  Mat<T> m;
  R r{};
  Mat<R> mr;
};

template <class T> V<T> vs(T x) { V<T> v; v.s = std::move(x); return v; }
template <class T> V<T> vm(Mat<T> x) { V<T> v; v.mat = true; v.m = std::move(x); return v; }
template <class T> V<T> vr(Real<T> x) {
  if constexpr (kExact<T>) { V<T> v; v.exact = false; v.r = std::move(x); return v; }
  else return vs<T>(std::move(x));
}
template <class T> V<T> vmr(Mat<Real<T>> x) {
  if constexpr (kExact<T>) { V<T> v; v.mat = true; v.exact = false; v.mr = std::move(x); return v; }
  else return vm<T>(std::move(x));
}
template <class T> Real<T> RS(const V<T>& v) {
  if constexpr (kExact<T>) return v.exact ? real(v.s) : v.r;
  else return v.s;
}
template <class T> Mat<Real<T>> RM(const V<T>& v) {
  if constexpr (kExact<T>) return v.exact ? to_real(v.m) : v.mr;
  else return v.m;
}

// ------------------------------------------------------------------ tier primitives
Ball indeterminate() { return indeterminate_ball(); }
Mat<Ball> indeterminate(Eigen::Index r, Eigen::Index c) { return indeterminate_balls(r, c); }


/// Gauss-Jordan (core/gauss_jordan.hpp), exact for Rat; a singular matrix is outside the bound's domain.
template <class F> Mat<F> inv_ge(const Mat<F>& a) {
  try {
    return inverse_gauss(a);
  } catch (const std::domain_error&) {
    throw DomainError("inverse of a singular matrix");
  }
}
template <class F> Mat<F> matmul(const Mat<F>& a, const Mat<F>& b) {
  if constexpr (std::is_same_v<F, Ball>) return ball_matmul(a, b);
  else return a * b;
}

// Scalar functions.
double rpow(double x, const Rat& p) { return std::pow(x, p.convert_to<double>()); }
Mpfr rpow(const Mpfr& x, const Rat& p) { return boost::multiprecision::pow(x, Mpfr(p)); }
Ball rpow(const Ball& x, const Rat& p) {
  Ball r;
  Ball e(p);
  arb_pow(r.get(), x.get(), e.get(), ball_prec());
  return r;
}
double rexp(double x) { return std::exp(x); }
Mpfr rexp(const Mpfr& x) { return boost::multiprecision::exp(x); }
Ball rexp(const Ball& x) { Ball r; arb_exp(r.get(), x.get(), ball_prec()); return r; }
double rlog(double x) { return std::log(x); }
Mpfr rlog(const Mpfr& x) { return boost::multiprecision::log(x); }
Ball rlog(const Ball& x) { Ball r; arb_log(r.get(), x.get(), ball_prec()); return r; }
double rsqrt(double x) { return std::sqrt(x); }
Mpfr rsqrt(const Mpfr& x) { return boost::multiprecision::sqrt(x); }
Ball rsqrt(const Ball& x) { return sqrt(x); }
bool surely_negative(double x) { return x < 0; }
bool surely_negative(const Mpfr& x) { return x < 0; }
bool surely_negative(const Ball& x) { return x.certainly_negative(); }
bool surely_nonpositive(double x) { return x <= 0; }
bool surely_nonpositive(const Mpfr& x) { return x <= 0; }
bool surely_nonpositive(const Ball& x) { return arb_is_nonpositive(x.get()); }

// Functions of symmetric matrices f(A) = Q f(Lambda) Q^T in the floating tiers.
template <class F, class Fn> Mat<F> sym_fn(const Mat<F>& a, Fn f) {
  Vec<F> w;
  Mat<F> q;
  eig_sym_vectors(a, w, q);
  Vec<F> fw(w.size());
  for (Eigen::Index i = 0; i < w.size(); ++i) fw(i) = f(w(i));
  return matmul<F>(matmul<F>(q, Mat<F>(fw.asDiagonal())), q.transpose());
}

// Exact values of scalar functions where they are rational (square roots of perfect squares, 0^p = 0, ...).
std::optional<Rat> exact_rpow(const Rat& q, const Rat& p) {
  if (q == 0) return p > 0 ? std::optional<Rat>(Rat(0)) : std::nullopt;
  long den = long(denominator(p).convert_to<long>()), num = long(numerator(p).convert_to<long>());
  auto r = exact_root(q, den);
  if (!r) return std::nullopt;
  return num >= 0 ? ipow(*r, num) : Rat(1) / ipow(*r, -num);
}

// ------------------------------------------------------------------ the evaluator
template <class T> struct Eval {
  using R = Real<T>;
  const Bound& b;
  const Sample& s;
  std::map<std::string, Mat<T>> mats;
  std::map<std::string, std::vector<Mat<T>>> fams;
  std::map<std::string, long> idx;
  long dim = 0;

  Eval(const Bound& bound, const Sample& sample) : b(bound), s(sample) {
    for (const auto& [k, m] : s.mats) { mats[k] = from_rat<T>(m); if (!dim && m.rows() == m.cols()) dim = m.rows(); if (!dim) dim = m.rows(); }
    for (const auto& [k, f] : s.families) {
      auto& v = fams[k];
      for (const auto& m : f) { v.push_back(from_rat<T>(m)); if (!dim) dim = m.rows(); }
    }
    if (!dim) { auto it = s.ints.find("d"); dim = it == s.ints.end() ? 1 : it->second; }
  }

  long integer(const Node& n) {
    if (n.op == Op::Num) return long(numerator(n.q).convert_to<long>());
    return s.integer(n.name);
  }

  T tier_rat(const Rat& q) { return from_rat<T>(q); }

  // Symmetric eigenvalues (ascending), or eigenvalue moduli (ascending) for a matrix that is not symmetric.
  // Exact tier: rational eigenvalues of a rational matrix stay exact (an exact zero eigenvalue is 0, not a ball).
  std::vector<V<T>> spectrum(const Node& arg, const V<T>& v) {
    std::vector<V<T>> out;
    if (v.exact) {
      const bool sym = arg.sym || symmetric(v.m);
      if constexpr (kExact<T>) {
        auto ev = sym ? eigvals_sym_exact(v.m) : eigvals_sym_exact_moduli(v.m);
        for (const auto& e : ev) out.push_back(e.exact ? vs<T>(sym ? *e.exact : Rat(abs(*e.exact))) : vr<T>(sym ? e.re : e.mod));
        return out;
      } else {
        std::vector<R> ev;
        if (sym) ev = eigvals_sym(v.m);
        else {
          ev = eig_moduli(v.m);
          std::sort(ev.begin(), ev.end(), [](const R& x, const R& y) { return x < y; });
        }
        for (auto& e : ev) out.push_back(vs<T>(e));
        return out;
      }
    }
    if constexpr (kExact<T>) {
      if (arg.sym) for (auto& e : eigvals_sym(v.mr)) out.push_back(vr<T>(e));
      else out.assign(size_t(v.mr.rows()), vr<T>(indeterminate()));
    }
    return out;
  }
  static std::vector<ExactEig> eigvals_sym_exact_moduli(const MatQ& m) {
    std::vector<ExactEig> out;
    for (const auto& e : eig_distinct(m))
      for (int k = 0; k < e.mult; ++k) out.push_back(e);
    std::sort(out.begin(), out.end(), [](const ExactEig& x, const ExactEig& y) {
      if (x.exact && y.exact) return abs(*x.exact) < abs(*y.exact);
      return x.mod.mid() < y.mod.mid();
    });
    return out;
  }
  bool symmetric(const Mat<T>& m) {
    if constexpr (kExact<T>) return m == m.transpose();
    else {
      using std::abs;
      T asym = T(0), mag = T(0);
      for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j) { asym += abs(m(i, j) - m(j, i)); mag += abs(m(i, j)); }
      T tol = std::is_same_v<T, double> ? T(1e-12) : T(std::pow(10.0, -0.6 * double(digits())));
      return asym <= tol * mag;
    }
  }
  // Singular values, descending; exact tier: square roots of the rational eigenvalues of A^T A that are
  // perfect squares stay exact.
  std::vector<V<T>> singular(const V<T>& v) {
    std::vector<V<T>> out;
    if (v.exact) {
      if constexpr (kExact<T>) {
        MatQ g = v.m.transpose() * v.m;
        auto ev = eigvals_sym_exact(g);
        for (auto it = ev.rbegin(); it != ev.rend(); ++it) {
          std::optional<Rat> r = it->exact ? exact_root(*it->exact, 2) : std::nullopt;
          out.push_back(r ? vs<T>(*r) : vr<T>(sqrt(it->re)));
        }
      } else {
        for (auto& x : svals(v.m)) out.push_back(vs<T>(x));
      }
      return out;
    }
    if constexpr (kExact<T>) for (auto& x : stabcheck::svals(v.mr)) out.push_back(vr<T>(x));
    return out;
  }
  // sqrt and x^p of a scalar: exact when the result is rational.
  V<T> scalar_pow(const V<T>& x, const Rat& p) {
    if constexpr (kExact<T>) {
      if (x.exact && x.s >= 0) {
        if (auto r = exact_rpow(x.s, p)) return vs<T>(*r);
      }
    }
    return vr<T>(rpow(RS(x), p));
  }
  V<T> scalar_sqrt(const V<T>& x) {
    if constexpr (kExact<T>) {
      if (x.exact && x.s >= 0) {
        if (auto r = exact_root(x.s, 2)) return vs<T>(*r);
      }
    }
    return vr<T>(rsqrt(RS(x)));
  }

  V<T> scalar_of(V<T> v) {  // 1 x 1 matrix -> scalar
    if (!v.mat) return v;
    if (v.exact) return vs<T>(v.m(0, 0));
    return vr<T>(RM(v)(0, 0));
  }

  V<T> add(const V<T>& x, const V<T>& y, int sign) {
    if (x.exact && y.exact) {
      if (x.mat) return vm<T>(sign > 0 ? Mat<T>(x.m + y.m) : Mat<T>(x.m - y.m));
      return vs<T>(sign > 0 ? T(x.s + y.s) : T(x.s - y.s));
    }
    if (x.mat) return vmr<T>(sign > 0 ? Mat<R>(RM(x) + RM(y)) : Mat<R>(RM(x) - RM(y)));
    return vr<T>(sign > 0 ? R(RS(x) + RS(y)) : R(RS(x) - RS(y)));
  }
  V<T> mul(const V<T>& x, const V<T>& y) {
    if (x.exact && y.exact) {
      if (x.mat && y.mat) return vm<T>(matmul<T>(x.m, y.m));
      if (x.mat) return vm<T>(x.m * y.s);
      if (y.mat) return vm<T>(y.m * x.s);
      return vs<T>(x.s * y.s);
    }
    if (x.mat && y.mat) return vmr<T>(matmul<R>(RM(x), RM(y)));
    if (x.mat) return vmr<T>(RM(x) * RS(y));
    if (y.mat) return vmr<T>(RM(y) * RS(x));
    return vr<T>(RS(x) * RS(y));
  }
  V<T> neg(const V<T>& x) {
    if (x.exact) return x.mat ? vm<T>(-x.m) : vs<T>(-x.s);
    return x.mat ? vmr<T>(-RM(x)) : vr<T>(-RS(x));
  }
  V<T> inverse(const V<T>& x) {
    if (!x.mat) {
      if (x.exact) {
        if (x.s == 0) throw DomainError("division by zero");
        return vs<T>(T(1) / x.s);
      }
      return vr<T>(R(1) / RS(x));
    }
    if (x.exact) {
      return vm<T>(inv_ge(x.m));
    }
    if constexpr (kExact<T>) return vmr<T>(stabcheck::inverse(x.mr));
    return x;
  }
  V<T> ipower(const V<T>& x, long k) {
    if (k < 0) return ipower(inverse(x), -k);
    if (!x.mat) {
      if (x.exact) return vs<T>(ipow(x.s, k));
      return vr<T>(ipow(RS(x), k));
    }
    V<T> r = x.exact ? vm<T>(Mat<T>::Identity(x.m.rows(), x.m.cols())) : vmr<T>(Mat<R>::Identity(x.mr.rows(), x.mr.cols()));
    V<T> p = x;
    while (k > 0) {
      if (k & 1) r = mul(r, p);
      k >>= 1;
      if (k) p = mul(p, p);
    }
    return r;
  }
  // f(A) for symmetric A: `kind` 0 sqrt/real power p, 1 exp, 2 log.
  V<T> matfn(const V<T>& x, int kind, const Rat& p) {
    if constexpr (kExact<T>) {
      if (x.exact && x.m == x.m.transpose()) {
        // Exact spectrum (core/linalg.hpp sym_matfn): rational eigenvalues stay exact, a zero eigenvalue
        // contributes exactly 0 to a positive power, the others are Arb enclosures at the ball precision.
        Inertia in = inertia(x.m);
        if (kind == 0 && in.neg > 0) throw DomainError("real power of a matrix that is not PSD");
        if ((kind == 2 || (kind == 0 && p < 0)) && (in.neg > 0 || in.zero > 0))
          throw DomainError(kind == 2 ? "logm of a matrix that is not positive definite" : "negative power of a singular matrix");
        std::function<std::optional<Rat>(const Rat&)> ef;
        std::function<Ball(const Ball&)> bf;
        if (kind == 0) {
          ef = [p](const Rat& q) { return exact_rpow(q, p); };
          bf = [p](const Ball& w) { return rpow(w, p); };
        } else if (kind == 1) {
          ef = [](const Rat& q) { return q == 0 ? std::optional<Rat>(Rat(1)) : std::nullopt; };
          bf = [](const Ball& w) { return rexp(w); };
        } else {
          ef = [](const Rat& q) { return q == 1 ? std::optional<Rat>(Rat(0)) : std::nullopt; };
          bf = [](const Ball& w) { return rlog(w); };
        }
        SymFn f = sym_matfn(x.m, ef, bf);
        return f.exact ? vm<T>(f.q) : vmr<T>(f.b);
      }
      if (kind == 1) return vmr<T>(stabcheck::expm(RM(x)));
      // An irrational argument: no rigorous enclosure of sqrtm / logm / real powers (declared by no_enclosure()).
      return vmr<T>(indeterminate(RM(x).rows(), RM(x).cols()));
    } else {
      const Mat<T>& a = x.m;
      if (kind == 1) return vm<T>(sym_fn(a, [](const T& w) { return T(rexp(w)); }));
      if (kind == 2) {
        auto ev = eigvals_sym(a);
        if (!(ev.front() > 0)) throw DomainError("logm of a matrix that is not positive definite");
        return vm<T>(sym_fn(a, [](const T& w) { return T(rlog(w)); }));
      }
      auto ev = eigvals_sym(a);
      if (p < 0 && !(ev.front() > 0)) throw DomainError("negative power of a singular matrix");
      return vm<T>(sym_fn(a, [&](const T& w) { return w > 0 ? T(rpow(w, p)) : T(0); }));
    }
  }

  V<T> var(const Node& n) {
    if (n.name == "d" && !b.decl("d")) return vs<T>(T(dim));
    const Decl* d = b.decl(n.name);
    if (d->kind == Kind::Int) return vs<T>(T(s.integer(n.name)));
    if (d->kind == Kind::Scalar) return vs<T>(from_rat<T>(s.scalar(n.name)));
    auto it = mats.find(n.name);
    if (it == mats.end()) throw std::invalid_argument("sample has no matrix '" + n.name + "'");
    return vm<T>(it->second);
  }

  // Magnitude that rounding errors scale with, per node (double tier only): the value's size, or the size
  // before cancellation (|a| + |b| for a + b, |A||B| for products, sqrt(d)|A| for tr, ...), whichever is larger.
  std::map<const Node*, double> mag;
  double loop_mag = 0;  // sum/prod: accumulated magnitude of the body

  V<T> eval(const Node& n) {
    V<T> r = eval_impl(n);
    if constexpr (std::is_same_v<T, double>) mag[&n] = magnitude(n, r);
    return r;
  }

  double magnitude(const Node& n, const V<T>& r) {
    double actual = r.mat ? std::sqrt(double(r.m.cwiseProduct(r.m).sum())) : std::abs(double(r.s));
    auto m = [&](size_t i) { auto it = mag.find(n.kids[i].get()); return it == mag.end() ? 0.0 : it->second; };
    double sd = std::sqrt(double(dim)), st = actual;
    switch (n.op) {
      case Op::Neg:
      case Op::Transpose: st = m(0); break;
      case Op::Add:
      case Op::Sub: st = m(0) + m(1); break;
      case Op::Mul:
      case Op::Hadamard: st = m(0) * m(1); break;
      case Op::Pow:
        if (!n.name.empty()) st = std::pow(m(0), double(s.integer(n.name)));
        else if (n.q > 0) st = std::pow(m(0), n.q.convert_to<double>());
        break;
      case Op::Sum:
      case Op::Prod: st = loop_mag; break;
      case Op::Call:
        if (!n.index.empty()) break;
        if (n.name == "tr" || n.name == "nuc" || n.name == "schatten") st = sd * m(0);
        else if (n.name == "det") st = std::pow(m(0), double(dim));
        else if (n.name == "lmax" || n.name == "lmin" || n.name == "eig" || n.name == "rho" || n.name == "op" || n.name == "fro" ||
                 n.name == "abs")
          st = m(0);
        else if (n.name == "sqrt") st = std::sqrt(m(0));
        else if (n.name == "min" || n.name == "max") { st = 0; for (size_t i = 0; i < n.kids.size(); ++i) st = std::max(st, m(i)); }
        break;
      default: break;
    }
    return std::isfinite(st) ? std::max(st, actual) : actual;
  }

  V<T> eval_impl(const Node& n) {
    switch (n.op) {
      case Op::Num: return vs<T>(from_rat<T>(n.q));
      case Op::Var: return var(n);
      case Op::Ident: return vm<T>(Mat<T>::Identity(dim, dim));
      case Op::IndexVar: return vs<T>(T(idx.at(n.name)));
      case Op::Index: {
        long i = idx.count(n.index) ? idx.at(n.index) : std::stol(n.index);
        const auto& f = fams.at(n.name);
        if (i < 1 || i > long(f.size())) throw DomainError("index " + std::to_string(i) + " of " + n.name + " out of range 1.." + std::to_string(f.size()));
        return vm<T>(f[size_t(i - 1)]);
      }
      case Op::Neg: return neg(eval(*n.kids[0]));
      case Op::Add: return add(eval(*n.kids[0]), eval(*n.kids[1]), 1);
      case Op::Sub: return add(eval(*n.kids[0]), eval(*n.kids[1]), -1);
      case Op::Mul: {
        V<T> r = mul(eval(*n.kids[0]), eval(*n.kids[1]));
        return n.shape.matrix ? r : scalar_of(r);
      }
      case Op::Div: {
        V<T> den = scalar_of(eval(*n.kids[1]));
        if constexpr (!kExact<T>) { if (den.s == 0) throw DomainError("division by zero"); }
        else if (!den.exact && RS(den).contains_zero()) {
          V<T> num = eval(*n.kids[0]);
          return num.mat ? vmr<T>(indeterminate(RM(num).rows(), RM(num).cols())) : vr<T>(indeterminate());
        }
        return mul(eval(*n.kids[0]), inverse(den));
      }
      case Op::Hadamard: {
        V<T> x = eval(*n.kids[0]), y = eval(*n.kids[1]);
        if (x.exact && y.exact) return vm<T>(x.m.cwiseProduct(y.m));
        return vmr<T>(RM(x).cwiseProduct(RM(y)));
      }
      case Op::Transpose: {
        V<T> x = eval(*n.kids[0]);
        if (!x.mat) return x;
        return x.exact ? vm<T>(x.m.transpose()) : vmr<T>(RM(x).transpose());
      }
      case Op::Pow: {
        // fro(X)^(2k) and sqrt(x)^(2k) stay exact: (sum X_ij^2)^k, x^k.
        const Node& base = *n.kids[0];
        if (n.name.empty() && denominator(n.q) == 1 && numerator(n.q) > 0 && numerator(n.q) % 2 == 0 && base.op == Op::Call &&
            (base.name == "fro" || base.name == "sqrt")) {
          V<T> x = eval(*base.kids[0]);
          long k = long(numerator(n.q).convert_to<long>()) / 2;
          if (base.name == "fro") {
            if (x.exact) return ipower(vs<T>(T(x.m.cwiseProduct(x.m).sum())), k);
          } else {
            x = scalar_of(x);
            if (surely_negative(RS(x))) throw DomainError("sqrt of a negative number");
            return ipower(x, k);
          }
        }
        V<T> x = eval(*n.kids[0]);
        if (!x.mat) x = scalar_of(x);
        if (!n.name.empty()) return ipower(x, s.integer(n.name));
        if (denominator(n.q) == 1) return ipower(x, long(numerator(n.q).convert_to<long>()));
        if (!x.mat) {  // real power of a scalar
          R v = RS(x);
          if (surely_negative(v)) throw DomainError("real power of a negative number");
          if (n.q < 0 && surely_nonpositive(v)) throw DomainError("negative power of zero");
          return scalar_pow(x, n.q);
        }
        return matfn(x, 0, n.q);
      }
      case Op::Sum:
      case Op::Prod: {
        long lo = integer(*n.kids[0]), hi = integer(*n.kids[1]);
        std::optional<V<T>> acc;
        double lm = n.op == Op::Sum ? 0.0 : 1.0;
        for (long i = lo; i <= hi; ++i) {
          idx[n.name] = i;
          V<T> t = eval(*n.kids[2]);
          if constexpr (std::is_same_v<T, double>) lm = n.op == Op::Sum ? lm + mag[n.kids[2].get()] : lm * mag[n.kids[2].get()];
          acc = !acc ? t : n.op == Op::Sum ? add(*acc, t, 1) : mul(*acc, t);
        }
        loop_mag = lm;
        idx.erase(n.name);
        if (acc) return *acc;
        // empty range: 0 or 1 (a zero / identity matrix for matrix bodies)
        if (!n.shape.matrix) return vs<T>(T(n.op == Op::Sum ? 0 : 1));
        Eigen::Index r = n.shape.rows_d ? dim : 1, c = n.shape.cols_d ? dim : 1;
        return vm<T>(n.op == Op::Sum ? Mat<T>(Mat<T>::Zero(r, c)) : Mat<T>(Mat<T>::Identity(r, c)));
      }
      case Op::Call: return call(n);
    }
    throw std::logic_error("unhandled node");
  }

  // The paper's objects on a family (models/coherence.hpp, models/moments.hpp), evaluated in the tier.
  V<T> builtin(const Node& n) {
    const std::string& f = n.name;
    const auto& h = fams.at(n.index);
    if (h.empty()) throw DomainError(f + " of an empty family");
    auto exact_arg = [&](size_t i) -> T {
      V<T> v = scalar_of(eval(*n.kids[i]));
      if (!v.exact) throw DomainError(f + ": argument " + std::to_string(i + 2) + " must be rational");
      return v.s;
    };
    if (f == "mean") return vm<T>(coh::mean(h));
    if (f == "sigma") {
      if (!(coh::max_lmax(h) > R(0))) throw DomainError("sigma of a zero family");
      return vr<T>(coh::sigma(h));
    }
    if (f == "lmaxS") return vr<T>(lmax(coh::coherence(h)));
    if (f == "sigma_sam" || f == "lmaxS_sam" || f == "chain") {
      T c = exact_arg(0);
      Mat<T> P = coh::sam_P(coh::mean(h), c);
      if (f == "lmaxS_sam") return vr<T>(lmax(coh::coherence(h, P)));
      if (f == "chain") return vs<T>(coh::chain_sum(h, P, int(integer(*n.kids[1]))));
      if (!(coh::max_lmax_sam(h, P) > R(0))) throw DomainError("sigma_sam of a zero family");
      return vr<T>(coh::sigma_sam(h, P));
    }
    mom::Model<T> m = mom::make_model<T>(h, exact_arg(0), exact_arg(1), exact_arg(2));
    if (f == "Jbar") return vm<T>(m.Jbar);
    int k = int(integer(*n.kids[3]));
    if (k < 0 || k > 12) throw DomainError(f + ": index out of range 0..12");
    if (f == "M") return vm<T>(mom::closed_moments(m, k).back());
    return vm<T>(mom::noise_powers(m, k).back());
  }

  V<T> call(const Node& n) {
    const std::string& f = n.name;
    if (!n.index.empty()) return builtin(n);
    auto arg = [&](size_t i) { return eval(*n.kids[i]); };
    if (f == "tr") {
      V<T> x = arg(0);
      return x.exact ? vs<T>(x.m.trace()) : vr<T>(RM(x).trace());
    }
    if (f == "det") {
      V<T> x = arg(0);
      if (x.exact) return vs<T>(det_gauss(x.m));
      if constexpr (kExact<T>) return vr<T>(stabcheck::det(x.mr));
    }
    if (f == "lmax" || f == "lmin" || f == "eig") {
      V<T> x = arg(0);
      auto ev = spectrum(*n.kids[0], x);
      long k = f == "lmax" ? 1 : f == "lmin" ? long(ev.size()) : integer(*n.kids[1]);
      if (k < 1 || k > long(ev.size())) throw DomainError("eig(., " + std::to_string(k) + ") of a " + std::to_string(ev.size()) + " x " + std::to_string(ev.size()) + " matrix");
      return ev[ev.size() - size_t(k)];
    }
    if (f == "rho") {
      V<T> x = arg(0);
      if (x.exact) {
        if constexpr (kExact<T>) {  // the largest modulus; exact when it is a rational eigenvalue's
          auto mo = eigvals_sym_exact_moduli(x.m);
          if (mo.empty()) return vs<T>(T(0));
          const ExactEig& top = mo.back();
          bool clear = bool(top.exact);
          for (size_t i = 0; clear && i + 1 < mo.size(); ++i) clear = mo[i].exact || arb_le(mo[i].mod.get(), top.mod.get());
          if (clear) return vs<T>(Rat(abs(*top.exact)));
          R best = R(0);
          for (const auto& e : mo) best = max(best, e.mod);
          return vr<T>(best);
        } else {
          R best = R(0);
          for (const auto& m : eig_moduli(x.m)) best = best > m ? best : m;
          return vr<T>(best);
        }
      }
      if constexpr (kExact<T>) return vr<T>(indeterminate());
    }
    if (f == "fro") {
      V<T> x = arg(0);
      if (x.exact) return scalar_sqrt(vs<T>(T(x.m.cwiseProduct(x.m).sum())));
      Mat<R> m = RM(x);
      return vr<T>(rsqrt(R(m.cwiseProduct(m).sum())));
    }
    if (f == "op" || f == "nuc" || f == "schatten") {
      V<T> x = arg(0);
      auto sv = singular(x);
      if (f == "op") return sv.empty() ? vs<T>(T(0)) : sv.front();
      V<T> acc = vs<T>(T(0));
      if (f == "nuc") { for (const auto& v : sv) acc = add(acc, v, 1); return acc; }
      Rat p = n.kids[1]->q;
      for (const auto& v : sv) acc = add(acc, denominator(p) == 1 ? ipower(v, long(numerator(p).convert_to<long>())) : scalar_pow(v, p), 1);
      return scalar_pow(acc, Rat(1) / p);
    }
    if (f == "inv") return inverse(arg(0));
    if (f == "sqrtm") return matfn(arg(0), 0, Rat(1, 2));
    if (f == "expm") return matfn(arg(0), 1, 0);
    if (f == "logm") return matfn(arg(0), 2, 0);
    if (f == "abs" || f == "sqrt" || f == "exp" || f == "log") {
      V<T> x = scalar_of(arg(0));
      if (f == "abs") {
        using std::abs;
        return x.exact ? vs<T>(T(abs(x.s))) : vr<T>(R(abs(RS(x))));
      }
      R v = RS(x);
      if (f == "sqrt") {
        if (surely_negative(v)) throw DomainError("sqrt of a negative number");
        return scalar_sqrt(x);
      }
      if (f == "exp") return vr<T>(rexp(v));
      if (surely_nonpositive(v)) throw DomainError("log of a non-positive number");
      return vr<T>(rlog(v));
    }
    if (f == "min" || f == "max") {
      std::vector<V<T>> xs;
      bool all_exact = true;
      for (size_t i = 0; i < n.kids.size(); ++i) { xs.push_back(scalar_of(arg(i))); all_exact &= xs.back().exact; }
      if (all_exact) {
        T best = xs[0].s;
        for (const auto& x : xs) best = (f == "min") == (x.s < best) ? x.s : best;
        return vs<T>(best);
      }
      R best = RS(xs[0]);
      for (const auto& x : xs) {
        if constexpr (kExact<T>) best = f == "min" ? min(best, RS(x)) : max(best, RS(x));
        else best = (f == "min") == (RS(x) < best) ? RS(x) : best;
      }
      return vr<T>(best);
    }
    throw std::logic_error("function '" + f + "' has no evaluator");
  }
};

// Top-level additive terms of a side, with signs: rounding errors scale with sum |term|.
void terms(const NodeP& n, int sign, std::vector<std::pair<int, const Node*>>& out) {
  if (n->op == Op::Add || n->op == Op::Sub) {
    terms(n->kids[0], sign, out);
    terms(n->kids[1], n->op == Op::Add ? sign : -sign, out);
  } else if (n->op == Op::Neg) {
    terms(n->kids[0], -sign, out);
  } else {
    out.emplace_back(sign, n.get());
  }
}

template <class R> R rabs(const R& x) { using std::abs; return abs(x); }

template <class T> Real<T> fro_of(const Mat<Real<T>>& m) { return rsqrt(Real<T>(m.cwiseProduct(m).sum())); }

}  // namespace

/// Rounding-error scale of the bound on a sample: magnitudes of the top-level terms of both sides
/// (matrix relations: of both sides), from a double evaluation.
double scale_of(const Bound& b, const Sample& s) {
  Eval<double> e(b, s);
  double sc = 0;
  if (b.matrix_relation) {
    e.eval(*b.lhs);
    e.eval(*b.rhs);
    return e.mag[b.lhs.get()] + e.mag[b.rhs.get()];
  }
  std::vector<std::pair<int, const Node*>> t;
  terms(b.lhs, 1, t);
  terms(b.rhs, 1, t);
  for (auto [sg, n] : t) {
    e.eval(*n);
    sc += e.mag[n];
  }
  return sc;
}

template <class T> Sides<Real<T>> bound_sides(const Bound& b, const Sample& s) {
  using R = Real<T>;
  Eval<T> e(b, s);
  double dscale = 0;
  try {
    dscale = scale_of(b, s);
  } catch (const std::exception&) {
    dscale = 0;  // the double evaluation failed (e.g. a pivot that is zero in double): magnitudes of the tier
  }
  if (b.matrix_relation) {
    V<T> lv = e.eval(*b.lhs), rv = e.eval(*b.rhs);
    auto zero = [&] { return Mat<T>(Mat<T>::Zero(e.dim, e.dim)); };
    if (!lv.mat) lv = vm<T>(zero());  // the literal 0 of 0 <<= X
    if (!rv.mat) rv = vm<T>(zero());
    Mat<R> x = RM(lv), y = RM(rv);
    R scale = fro_of<T>(x) + fro_of<T>(y);
    if (dscale > 0 && std::isfinite(dscale)) scale = R(dscale);
    if (b.rel == Relation::Eq) {
      auto out = sides(fro_of<T>(Mat<R>(x - y)), R(0), scale);
      if constexpr (kExact<T>) if (lv.exact && rv.exact) out.cmp = lv.m == rv.m ? 0 : -1;  // rhs - lhs = -||X - Y||_F
      return out;
    }
    const bool le = b.rel == Relation::PsdLe;  // X <<= Y  <=>  Y - X PSD
    const bool sym = b.lhs->sym && b.rhs->sym;
    R lo;
    if constexpr (kExact<T>) {
      if (lv.exact && rv.exact) {  // exact spectrum (charpoly + root isolation) and exact inertia; asymmetry is exact too
        MatQ zq = le ? MatQ(rv.m - lv.m) : MatQ(lv.m - rv.m);
        if (zq == zq.transpose()) {
          Inertia in = inertia(zq);  // sign of lmin(Z) exactly: an exactly singular PSD Z is an equality
          auto out = sides(R(0), R(eigvals_sym(zq).front()), scale);
          out.cmp = in.neg > 0 ? -1 : in.zero > 0 ? 0 : 1;
          return out;
        }
        MatQ zs = (zq + zq.transpose()) / Rat(2), za = (zq - zq.transpose()) / Rat(2);
        Rat f2 = za.cwiseProduct(za).sum();
        auto out = sides(R(0), R(min(eigvals_sym(zs).front(), Ball(-sqrt(Ball(f2))))), scale);
        out.cmp = -1;  // not symmetric: violated
        return out;
      }
    }
    Mat<R> z = le ? Mat<R>(y - x) : Mat<R>(x - y);
    if (sym) return sides(R(0), R(eigvals_sym(z).front()), scale);
    Mat<R> zs = (z + z.transpose()) * real_of<T>(Rat(1, 2)), za = (z - z.transpose()) * real_of<T>(Rat(1, 2));
    lo = eigvals_sym(zs).front();
    R asym = fro_of<T>(za);
    if constexpr (kExact<T>) lo = min(lo, R(-asym));
    else lo = lo < -asym ? lo : R(-asym);
    return sides(R(0), lo, scale);
  }
  std::vector<std::pair<int, const Node*>> tl, tr;
  terms(b.lhs, 1, tl);
  terms(b.rhs, 1, tr);
  R lhs = R(0), rhs = R(0), scale = R(0);
  bool exact_l = true, exact_r = true;
  T lq = T(0), rq = T(0);
  // One side: its value, the sum of its terms' magnitudes into `scale`, and its exact value while every term is exact.
  auto add_side = [&](const std::vector<std::pair<int, const Node*>>& ts, R& side, T& q, bool& exact) {
    for (auto [sg, n] : ts) {
      V<T> v = e.scalar_of(e.eval(*n));
      R x = RS(v);
      side += sg > 0 ? x : R(-x);
      scale += rabs(x);
      if (v.exact) q += sg > 0 ? v.s : T(-v.s); else exact = false;
    }
  };
  add_side(tl, lhs, lq, exact_l);
  add_side(tr, rhs, rq, exact_r);
  if (dscale > 0 && std::isfinite(dscale)) scale = R(dscale);
  if (b.rel == Relation::Lt || b.rel == Relation::Gt) {
    // A strict bound is violated by equality: an equality within the working tolerance (floating tiers)
    // or exact (exact tier) is reported as a violation of size `scale` (at least 1).
    R diff = b.rel == Relation::Lt ? R(rhs - lhs) : R(lhs - rhs);
    R unit = scale > R(0) ? scale : R(1);
    bool equal = false;
    if constexpr (kExact<T>) equal = exact_l && exact_r && lq == rq;
    else if constexpr (std::is_same_v<T, double>) equal = rabs(diff) <= 1e-14 * unit;
    else equal = rabs(diff) <= Mpfr(std::pow(10.0, -0.6 * double(digits()) / double(conditioning(b, s)))) * unit;  // effective digits
    if (equal) {
      auto out = b.rel == Relation::Lt ? sides(R(unit), R(0), unit) : sides(R(0), R(unit), unit);
      if constexpr (kExact<T>) out.cmp = b.rel == Relation::Lt ? -1 : 1;
      return out;
    }
  }
  auto out = sides(lhs, rhs, scale);
  if constexpr (kExact<T>) {  // both sides rational: the sign of rhs - lhs exactly (Ball(1/3) is not exact)
    if (exact_l && exact_r) out.cmp = rq > lq ? 1 : rq < lq ? -1 : 0;
  }
  return out;
}

template Sides<double> bound_sides<double>(const Bound&, const Sample&);
template Sides<Mpfr> bound_sides<Mpfr>(const Bound&, const Sample&);
template Sides<Ball> bound_sides<Rat>(const Bound&, const Sample&);

namespace {

bool is_spectral(const std::string& f) { return f == "lmax" || f == "lmin" || f == "eig" || f == "rho"; }

/// Statically rational: built from the sample's exact entries by rational operations only (the exact tier keeps such a
/// value exact; square roots of perfect squares may stay exact at run time too, but that is not known here).
bool rational_node(const Node& n) {
  auto kids = [&] { for (const auto& k : n.kids) if (!rational_node(*k)) return false; return true; };
  switch (n.op) {
    case Op::Num: case Op::Var: case Op::Ident: case Op::Index: case Op::IndexVar: return true;
    case Op::Neg: case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: case Op::Hadamard: case Op::Transpose:
    case Op::Sum: case Op::Prod: return kids();
    case Op::Pow: {
      if (!n.name.empty() || denominator(n.q) == 1) {
        const Node& base = *n.kids[0];  // fro(X)^(2k), sqrt(x)^(2k) are evaluated exactly
        if (denominator(n.q) == 1 && numerator(n.q) % 2 == 0 && base.op == Op::Call && (base.name == "fro" || base.name == "sqrt"))
          return rational_node(*base.kids[0]);
        return kids();
      }
      return false;
    }
    case Op::Call:
      if (!n.index.empty()) return (n.name == "mean" || n.name == "Jbar" || n.name == "M" || n.name == "N" || n.name == "chain") && kids();
      return (n.name == "tr" || n.name == "det" || n.name == "inv" || n.name == "min" || n.name == "max" || n.name == "abs") && kids();
  }
  return false;
}

std::string no_enclosure_of(const Node& n) {
  for (const auto& k : n.kids)
    if (auto r = no_enclosure_of(*k); !r.empty()) return r;
  const bool matrix_power = n.op == Op::Pow && n.name.empty() && denominator(n.q) != 1 && n.kids[0]->shape.matrix;
  if ((n.op == Op::Call && (n.name == "sqrtm" || n.name == "logm")) || matrix_power)
    if (!rational_node(*n.kids[0]))
      return (matrix_power ? std::string("a real matrix power") : n.name) + " of an irrational matrix has no rigorous enclosure";
  if (n.op == Op::Call && n.index.empty() && is_spectral(n.name) && !n.kids[0]->sym && !rational_node(*n.kids[0]))
    return n.name + " of an irrational matrix not known to be symmetric has no rigorous enclosure";
  return "";
}

unsigned conditioning_of(const Node& n, long dim) {
  unsigned kid = 1;
  for (const auto& k : n.kids) kid = std::max(kid, conditioning_of(*k, dim));
  unsigned f = 1;
  if (n.op == Op::Pow && n.name.empty() && denominator(n.q) != 1 && n.q > 0 && n.q < 1)
    f = unsigned(std::ceil(1.0 / n.q.convert_to<double>() - 1e-12));  // x^p at x = 0: an input error e becomes e^p
  if (n.op == Op::Call && n.index.empty()) {
    if (n.name == "sqrtm" || n.name == "sqrt") f = 2;
    else if (is_spectral(n.name) && !n.kids[0]->sym) f = unsigned(std::max(1L, dim));  // a Jordan block of size d: e^(1/d)
  }
  return std::min(16u, f * kid);
}

}  // namespace

std::string no_enclosure(const Bound& b) {
  if (auto r = no_enclosure_of(*b.lhs); !r.empty()) return r;
  return no_enclosure_of(*b.rhs);
}

unsigned conditioning(const Bound& b, const Sample& s) {
  long dim = 0;
  for (const auto& [k, m] : s.mats) dim = std::max<long>(dim, long(m.rows()));
  for (const auto& [k, f] : s.families)
    for (const auto& m : f) dim = std::max<long>(dim, long(m.rows()));
  return std::max(conditioning_of(*b.lhs, dim), conditioning_of(*b.rhs, dim));
}

Evaluator make_bound_evaluator(std::shared_ptr<const Bound> b) {
  Evaluator ev;
  ev.conditioning = [b](const Sample& s) { return conditioning(*b, s); };
  ev.no_enclosure = no_enclosure(*b);
  ev.screen = [b](const Sample& s) { return bound_sides<double>(*b, s); };
  ev.decide = [b](const Sample& s) {
    try {
      return bound_sides<Mpfr>(*b, s);
    } catch (const std::exception&) {
      Mpfr nan = std::numeric_limits<Mpfr>::quiet_NaN();
      return sides(nan, nan);
    }
  };
  ev.certify = [b](const Sample& s) {
    try {
      return bound_sides<Rat>(*b, s);
    } catch (const std::exception&) {
      return sides(indeterminate(), indeterminate());
    }
  };
  return ev;
}

double relative_slack(const Bound& b, const Sample& s) {
  try {
    auto sd = bound_sides<double>(b, s);
    Rel rel = engine_relation(b.rel);
    double sl = rel == Rel::Le ? sd.rhs - sd.lhs : rel == Rel::Ge ? sd.lhs - sd.rhs : -std::abs(sd.lhs - sd.rhs);
    double sc = sd.scale ? std::abs(*sd.scale) : std::max(std::abs(sd.lhs), std::abs(sd.rhs));
    if (std::isnan(sl) || std::isnan(sc)) return std::numeric_limits<double>::quiet_NaN();
    if (sc > 0 && std::isfinite(sc)) return sl / sc;
    return sl == 0 ? 0.0 : sl > 0 ? INFINITY : -INFINITY;
  } catch (const std::exception&) {
    return std::numeric_limits<double>::quiet_NaN();
  }
}

bool in_domain(const Bound& b, const Sample& s) {
  if (!b.partial) return true;
  try {
    bound_sides<Rat>(b, s);
    return true;
  } catch (const DomainError&) {
    return false;
  }
}

}  // namespace stabcheck::fuzz
