// Translation of a parsed bound (fuzz/ast.hpp) into a trace polynomial, or the atom that is outside the fragment.
#include "prove/fragment.hpp"
#include <stdexcept>

namespace stabcheck::prove {

std::string kind_str(MatrixVar::Kind k) {
  switch (k) {
    case MatrixVar::Kind::Sym: return "sym";
    case MatrixVar::Kind::General: return "general";
    case MatrixVar::Kind::Psd: return "psd";
  }
  return "?";
}
std::string kind_str(ScalarVar::Kind k) {
  switch (k) {
    case ScalarVar::Kind::Param: return "param";
    case ScalarVar::Kind::Lmax: return "lmax";
    case ScalarVar::Kind::Lmin: return "lmin";
    case ScalarVar::Kind::Op: return "op";
  }
  return "?";
}

TracePoly Fragment::target() const {
  TracePoly d = rel == Rel::Le ? rhs - lhs : lhs - rhs;
  return prove::substitute(alpha, d, factor_of);
}

Fragment Fragment::with_substitution(unsigned mask) const {
  Fragment g = *this;
  int i = 0;
  for (const auto& m : matrices)
    if (m.kind == MatrixVar::Kind::Psd) g.factor_of[size_t(m.letter)] = (mask >> i++) & 1 ? m.factor : -1;
  return g;
}
int Fragment::psd_count() const {
  int n = 0;
  for (const auto& m : matrices) n += m.kind == MatrixVar::Kind::Psd;
  return n;
}

namespace {

struct Outside {
  std::string why;
};

static Q to_q(const Rat& r) { return Q(r.backend().data()); }

struct Value {
  bool matrix = false;
  NcPoly m;     // matrix value
  TracePoly s;  // scalar value
};

struct Translator {
  const fuzz::Bound& b;
  Fragment f;

  explicit Translator(const fuzz::Bound& bb) : b(bb) {
    f.bound = b.text;
    f.where = b.where;
  }

  [[noreturn]] void out(const std::string& why) { throw Outside{why}; }
  std::string txt(const fuzz::Node& n) { return fuzz::to_string(n); }

  char letter_code(const fuzz::Decl& d) {
    int l = f.alpha.find_letter(d.name);
    if (l >= 0) return f.alpha.code(l);
    MatrixVar v;
    v.name = d.name;
    v.declared = fuzz::kind_name(d.kind);
    switch (d.kind) {
      case fuzz::Kind::Psd: case fuzz::Kind::Pd: case fuzz::Kind::PsdRank: case fuzz::Kind::RankOne:
      case fuzz::Kind::PsdDiag: case fuzz::Kind::Projector:
        v.kind = MatrixVar::Kind::Psd;
        break;
      case fuzz::Kind::Sym: case fuzz::Kind::Diag:
        v.kind = MatrixVar::Kind::Sym;
        break;
      case fuzz::Kind::General: case fuzz::Kind::Orthogonal:
        v.kind = MatrixVar::Kind::General;
        break;
      default:
        out("variable '" + d.name + "' of kind " + fuzz::kind_name(d.kind) + " (only square matrices)");
    }
    if (f.alpha.letters.size() + 2 > 60) out("more than 60 matrix letters");
    v.letter = f.alpha.add_letter(d.name, v.kind != MatrixVar::Kind::General);
    if (f.factor_of.size() < f.alpha.letters.size()) f.factor_of.resize(f.alpha.letters.size(), -1);
    f.factor_of[size_t(v.letter)] = -1;
    if (v.kind == MatrixVar::Kind::Psd) {
      v.factor = f.alpha.add_letter(d.name + "#", false);
      f.factor_of.resize(f.alpha.letters.size(), -1);
      f.factor_of[size_t(v.letter)] = v.factor;
    }
    f.factor_of.resize(f.alpha.letters.size(), -1);
    f.matrices.push_back(v);
    return f.alpha.code(v.letter);
  }

  int scalar_id(ScalarVar v) {
    int s = f.alpha.find_scalar(v.name);
    if (s >= 0) return s;
    if (f.alpha.scalars.size() >= 100) out("more than 100 scalars");
    s = f.alpha.add_scalar(v.name);
    f.scalars.push_back(std::move(v));
    return s;
  }

  Value scalar(const TracePoly& p) {
    Value v;
    v.s = p;
    return v;
  }
  Value matrix(const NcPoly& p) {
    Value v;
    v.matrix = true;
    v.m = p;
    return v;
  }

  bool psd_combination(const NcPoly& p) {  // positive multiples of PSD letters
    if (p.t.empty()) return false;
    for (const auto& [k, c] : p.t) {
      if (c <= 0 || !k.first.empty() || k.second.size() != 1) return false;
      int l = int((unsigned char)k.second[0]) >> 1;
      bool psd = false;
      for (const auto& m : f.matrices) psd = psd || (m.letter == l && m.kind == MatrixVar::Kind::Psd);
      if (!psd) return false;
    }
    return true;
  }

  Value eigen_scalar(const fuzz::Node& n, ScalarVar::Kind kind) {
    Value a = eval(*n.kids[0]);
    if (!a.matrix) out(n.name + " of a scalar");
    ScalarVar v;
    v.kind = kind;
    v.name = txt(n);
    v.declared = n.name;
    v.of = a.m;
    if (kind != ScalarVar::Kind::Op) {
      NcPoly s = f.substituted(a.m);
      if (!(s == s.transposed(f.alpha)))
        out(txt(n) + " of a matrix that is not symmetric as a polynomial (" + txt(*n.kids[0]) + ")");
      v.nonneg = psd_combination(a.m);
    } else {
      v.nonneg = true;
    }
    for (const auto& [k, c] : a.m.t)
      if (!k.first.empty()) out(txt(n) + " of a matrix with scalar parameters (" + txt(*n.kids[0]) + ")");
    int id = scalar_id(v);
    return scalar(TracePoly::scalar(Mono(1, char(id))));
  }

  Value mul(const Value& x, const Value& y, const fuzz::Node& n) {
    if (x.matrix && y.matrix) return matrix(x.m * y.m);
    if (!x.matrix && !y.matrix) {
      if (x.s.has_trace() && y.s.has_trace()) out("product of traces " + txt(n));
      const TracePoly& tr = x.s.has_trace() ? x.s : y.s;
      const TracePoly& sc = x.s.has_trace() ? y.s : x.s;
      TracePoly r;
      for (const auto& [k, c] : sc.t) r = r + tr.times_scalar(k.m, c);
      return scalar(r);
    }
    const Value& s = x.matrix ? y : x;
    const Value& m = x.matrix ? x : y;
    if (s.s.has_trace()) out("a trace times a matrix " + txt(n));
    NcPoly r;
    for (const auto& [k, c] : s.s.t) r = r + (NcPoly::scalar(k.m, c) * m.m);
    return matrix(r);
  }

  Value add(const Value& x, const Value& y, const Q& sign) {
    if (x.matrix != y.matrix) out("sum of a scalar and a matrix");
    if (x.matrix) return matrix(x.m + y.m.scaled(sign));
    return scalar(x.s + y.s.scaled(sign));
  }

  std::optional<Q> constant(const Value& v) {
    if (v.matrix) return std::nullopt;
    if (v.s.t.empty()) return Q(0);
    if (v.s.t.size() == 1 && !v.s.t.begin()->first.traced && v.s.t.begin()->first.m.empty()) return v.s.t.begin()->second;
    return std::nullopt;
  }

  Value eval(const fuzz::Node& n) {
    using fuzz::Op;
    switch (n.op) {
      case Op::Num: return scalar(TracePoly::scalar("", to_q(n.q)));
      case Op::Ident: return matrix(NcPoly::constant(1));
      case Op::Var: {
        const fuzz::Decl* d = b.decl(n.name);
        if (!d) {
          if (n.name == "d") return scalar([&] { TracePoly p; p.add({"", true, ""}, 1); return p; }());  // d = tr(I)
          out("unknown name '" + n.name + "'");
        }
        if (!d->count.empty()) out("family " + n.name);
        if (d->kind == fuzz::Kind::Scalar || d->kind == fuzz::Kind::Int) {
          ScalarVar v;
          v.name = d->name;
          v.declared = fuzz::kind_name(d->kind);
          v.lo = to_q(d->lo);
          v.hi = to_q(d->hi);
          int id = scalar_id(v);
          return scalar(TracePoly::scalar(Mono(1, char(id))));
        }
        if (d->kind == fuzz::Kind::Vec) out("vector '" + n.name + "' (only square matrices)");
        return matrix(NcPoly::letter(letter_code(*d)));
      }
      case Op::Index: case Op::IndexVar: out("family member " + txt(n));
      case Op::Sum: case Op::Prod: out(std::string(n.op == Op::Sum ? "sum" : "prod") + " over a family " + txt(n));
      case Op::Neg: {
        Value a = eval(*n.kids[0]);
        return a.matrix ? matrix(a.m.scaled(-1)) : scalar(a.s.scaled(-1));
      }
      case Op::Add: return add(eval(*n.kids[0]), eval(*n.kids[1]), 1);
      case Op::Sub: return add(eval(*n.kids[0]), eval(*n.kids[1]), -1);
      case Op::Mul: return mul(eval(*n.kids[0]), eval(*n.kids[1]), n);
      case Op::Div: {
        Value a = eval(*n.kids[0]);
        Value c = eval(*n.kids[1]);
        auto q = constant(c);
        if (!q || *q == 0) out("division by " + txt(*n.kids[1]) + " (only by nonzero numbers)");
        Q inv = 1 / *q;
        return a.matrix ? matrix(a.m.scaled(inv)) : scalar(a.s.scaled(inv));
      }
      case Op::Hadamard: out("Hadamard product " + txt(n));
      case Op::Transpose: {
        Value a = eval(*n.kids[0]);
        return a.matrix ? matrix(a.m.transposed(f.alpha)) : a;
      }
      case Op::Pow: {
        const fuzz::Node& base = *n.kids[0];
        if (!n.name.empty()) out("power by a parameter " + txt(n));
        if (denominator(n.q) != 1) out("real power " + txt(n));
        if (n.q < 0) out("inverse power " + txt(n));
        long k = numerator(n.q).convert_to<long>();
        if (base.op == Op::Call && base.name == "fro" && k == 2) {  // fro(P)^2 = tr(P' P)
          Value p = eval(*base.kids[0]);
          if (!p.matrix) out("fro of a scalar");
          return scalar(TracePoly::trace(f.alpha, p.m.transposed(f.alpha) * p.m));
        }
        Value a = eval(base);
        Value r = a.matrix ? matrix(NcPoly::constant(1)) : scalar(TracePoly::scalar("", 1));
        for (long i = 0; i < k; ++i) r = mul(r, a, n);
        if (r.matrix ? r.m.degree() > 64 : r.s.degree() > 64) out("degree above 64 in " + txt(n));
        return r;
      }
      case Op::Call: {
        const std::string& fn = n.name;
        if (fn == "tr") {
          Value a = eval(*n.kids[0]);
          if (!a.matrix) out("tr of a scalar");
          return scalar(TracePoly::trace(f.alpha, a.m));
        }
        if (fn == "transpose") {
          Value a = eval(*n.kids[0]);
          return a.matrix ? matrix(a.m.transposed(f.alpha)) : a;
        }
        if (fn == "lmax") return eigen_scalar(n, ScalarVar::Kind::Lmax);
        if (fn == "lmin") return eigen_scalar(n, ScalarVar::Kind::Lmin);
        if (fn == "op") return eigen_scalar(n, ScalarVar::Kind::Op);
        if (fn == "fro") out("fro " + txt(n) + " (only fro(P)^2 = tr(P'*P))");
        out(fn + " in " + txt(n));
      }
    }
    out("'" + txt(n) + "'");
  }

  void run() {
    switch (b.rel) {
      case fuzz::Relation::Le: f.rel = Rel::Le; break;
      case fuzz::Relation::Ge: f.rel = Rel::Ge; break;
      case fuzz::Relation::Eq: f.rel = Rel::Eq; break;
      case fuzz::Relation::Lt: case fuzz::Relation::Gt: out("strict relation " + fuzz::relation_str(b.rel) + " (only <=, >=, ==)");
      case fuzz::Relation::PsdLe: case fuzz::Relation::PsdGe: out("matrix relation " + fuzz::relation_str(b.rel));
    }
    Value l = eval(*b.lhs), r = eval(*b.rhs);
    if (l.matrix || r.matrix) out("matrix relation " + fuzz::relation_str(b.rel) + " (only scalar trace polynomials)");
    f.lhs = l.s;
    f.rhs = r.s;
    f.factor_of.resize(f.alpha.letters.size(), -1);
  }
};

}  // namespace

Translation translate(const fuzz::Bound& b) {
  Translation t;
  Translator tr(b);
  try {
    tr.run();
    t.fragment = std::move(tr.f);
  } catch (const Outside& o) {
    t.outside = "outside the fragment: " + o.why;
  }
  return t;
}

Translation translate(const std::string& bound, const std::string& where) {
  return translate(fuzz::parse_bound(bound, where));
}

}  // namespace stabcheck::prove
