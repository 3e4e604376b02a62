// Lexer, recursive-descent parser and static checker of the bound language (fuzz/ast.hpp).
// Every error names the column, what was expected and what was found; nothing is sampled before
// the bound has passed these checks.
#include "fuzz/ast.hpp"
#include "core/names.hpp"
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace stabcheck::fuzz {

ParseError::ParseError(const std::string& msg, std::string t, int col)
    : std::invalid_argument(col > 0 ? "column " + std::to_string(col) + ": " + msg : msg), text(std::move(t)), column(col) {}

std::string ParseError::pretty() const {
  std::string out = what();
  if (column > 0 && !text.empty() && text.find('\n') == std::string::npos)
    out += "\n  " + text + "\n  " + std::string(size_t(std::min<int>(column - 1, int(text.size()))), ' ') + "^";
  return out;
}

// The kinds of a declaration: each kind's name, then the further spellings the parser accepts ('psd rank r' and
// 'psd diag' are parsed as 'psd' followed by 'rank r' or 'diag').
const Named<Kind> kKindNames[] = {
    {Kind::Psd, "psd"},           {Kind::Pd, "pd"},         {Kind::PsdRank, "psd rank r"},   {Kind::PsdDiag, "psd diag"},
    {Kind::RankOne, "rankone"},   {Kind::Sym, "sym"},       {Kind::Diag, "diag"},            {Kind::Projector, "projector"},
    {Kind::Orthogonal, "orthogonal"}, {Kind::General, "general"}, {Kind::Vec, "vec"},         {Kind::Scalar, "scalar"},
    {Kind::Int, "int"},           {Kind::RankOne, "rank1"}, {Kind::Sym, "symmetric"},        {Kind::Diag, "diagonal"},
    {Kind::Vec, "vector"},        {Kind::Scalar, "real"},   {Kind::Int, "integer"}};
const std::string kKindList =
    "psd, pd, psd rank r, psd diag, rankone, sym, diag, projector, orthogonal, general, vec, scalar in [a,b], int in [a,b]";

std::string kind_name(Kind k) { return name_in(kKindNames, k); }

std::string Shape::str() const {
  if (!matrix) return "scalar";
  return std::string(rows_d ? "d" : "1") + " x " + (cols_d ? "d" : "1") + " matrix";
}

std::string relation_str(Relation r) {
  switch (r) {
    case Relation::Le: return "<=";
    case Relation::Ge: return ">=";
    case Relation::Lt: return "<";
    case Relation::Gt: return ">";
    case Relation::Eq: return "==";
    case Relation::PsdLe: return "<<=";
    case Relation::PsdGe: return ">>=";
  }
  return "?";
}

const Decl* Bound::decl(const std::string& name) const {
  for (const auto& d : decls) if (d.name == name) return &d;
  return nullptr;
}

namespace {

enum class Tok { Num, Ident, Sym, End };
struct Token {
  Tok kind = Tok::End;
  std::string text;
  int column = 0;  // 1-based
};

std::string describe(const Token& t) {
  if (t.kind == Tok::End) return "end of input";
  if (t.kind == Tok::Num) return "number '" + t.text + "'";
  if (t.kind == Tok::Ident) return "name '" + t.text + "'";
  return "'" + t.text + "'";
}

// Input limits. The parser, to_string and the evaluators recurse over the AST, and the symmetry check of a product
// (canonical) is quadratic in its length: without limits '-' x 4000 or '(' x 3000 overflowed the stack and a product
// of 2000 factors took 14 s to parse (libFuzzer, README "Memory and parser safety").
constexpr size_t kMaxChars = 1000;  // a bound, or its declarations
constexpr int kMaxNesting = 64;     // parentheses, function calls and signs inside one another

std::vector<Token> lex(const std::string& s) {
  if (s.size() > kMaxChars)
    throw ParseError("expected at most " + std::to_string(kMaxChars) + " characters, found " + std::to_string(s.size()), s,
                     int(kMaxChars) + 1);
  static const std::vector<std::string> syms = {"<<=", ">>=", "<=", ">=", "==", "..", ".*", "+", "-", "*", "/", "^", "'",
                                                "(", ")", "[", "]", ",", "<", ">", "=", ":"};
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = (unsigned char)s[i];
    if (std::isspace(c)) { ++i; continue; }
    Token t;
    t.column = int(i) + 1;
    if (std::isdigit(c) || (c == '.' && i + 1 < s.size() && std::isdigit((unsigned char)s[i + 1]))) {
      size_t j = i;
      while (j < s.size() && std::isdigit((unsigned char)s[j])) ++j;
      if (j < s.size() && s[j] == '.' && !(j + 1 < s.size() && s[j + 1] == '.') && !(j + 1 < s.size() && s[j + 1] == '*')) {
        ++j;
        while (j < s.size() && std::isdigit((unsigned char)s[j])) ++j;
      }
      if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
        size_t k = j + 1;
        if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
        if (k < s.size() && std::isdigit((unsigned char)s[k])) {
          while (k < s.size() && std::isdigit((unsigned char)s[k])) ++k;
          j = k;
        }
      }
      t.kind = Tok::Num;
      t.text = s.substr(i, j - i);
      i = j;
    } else if (std::isalpha(c) || c == '_') {
      size_t j = i;
      while (j < s.size() && (std::isalnum((unsigned char)s[j]) || s[j] == '_')) ++j;
      t.kind = Tok::Ident;
      t.text = s.substr(i, j - i);
      i = j;
    } else {
      bool found = false;
      for (const auto& sy : syms)
        if (s.compare(i, sy.size(), sy) == 0) {
          t.kind = Tok::Sym;
          t.text = sy;
          i += sy.size();
          found = true;
          break;
        }
      if (!found) {
        std::string ch = (c < 0x80 && std::isprint(c)) ? std::string(1, char(c)) : "non-ASCII character";
        throw ParseError("expected a number, a name, an operator or a parenthesis, found '" + ch + "'", s, t.column);
      }
    }
    out.push_back(t);
  }
  Token end;
  end.column = int(s.size()) + 1;
  out.push_back(end);
  return out;
}

struct Fn {
  int min_args, max_args;
};
const std::map<std::string, Fn>& functions() {
  static const std::map<std::string, Fn> f = {
      {"tr", {1, 1}},    {"det", {1, 1}},   {"lmax", {1, 1}},   {"lmin", {1, 1}},     {"eig", {2, 2}},
      {"fro", {1, 1}},   {"op", {1, 1}},    {"nuc", {1, 1}},    {"schatten", {2, 2}}, {"rho", {1, 1}},
      {"inv", {1, 1}},   {"transpose", {1, 1}}, {"sqrtm", {1, 1}}, {"expm", {1, 1}},  {"logm", {1, 1}},
      {"hadamard", {2, 2}}, {"abs", {1, 1}}, {"sqrt", {1, 1}},  {"exp", {1, 1}},      {"log", {1, 1}},
      {"min", {2, 16}},  {"max", {2, 16}},  {"sum", {2, 2}},    {"prod", {2, 2}},
      // the paper's objects on a family H[1..n] (models/coherence.hpp, models/moments.hpp)
      {"mean", {1, 1}},  {"sigma", {1, 1}}, {"sigma_sam", {2, 2}}, {"lmaxS", {1, 1}}, {"lmaxS_sam", {2, 2}},
      {"chain", {3, 3}}, {"Jbar", {4, 4}},  {"M", {5, 5}},      {"N", {5, 5}}};
  return f;
}

std::string function_list() {
  std::string s;
  for (const auto& [k, v] : functions()) s += (s.empty() ? "" : ", ") + k;
  return s;
}

// Closest known function name (edit distance <= 2) for "did you mean" hints.
std::string suggest(const std::string& w, const std::vector<std::string>& names) {
  auto dist = [](const std::string& a, const std::string& b) {
    std::vector<size_t> p(b.size() + 1), c(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) p[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      c[0] = i;
      for (size_t j = 1; j <= b.size(); ++j)
        c[j] = std::min({p[j] + 1, c[j - 1] + 1, p[j - 1] + (std::tolower(a[i - 1]) == std::tolower(b[j - 1]) ? 0 : 1)});
      std::swap(p, c);
    }
    return p[b.size()];
  };
  std::string best;
  size_t bd = 3;
  for (const auto& n : names) {
    size_t dd = dist(w, n);
    if (dd < bd) { bd = dd; best = n; }
  }
  return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

Rat number_value(const Token& t, const std::string& text) {
  size_t e = t.text.find_first_of("eE");
  if (t.text.size() > 40 || (e != std::string::npos && std::abs(std::atol(t.text.c_str() + e + 1)) > 60))
    throw ParseError("expected a number of at most 40 characters and exponent |e| <= 60, found '" + t.text + "'", text, t.column);
  // exact decimal: digits [. digits] [e[+-]digits]
  const std::string& x = t.text;
  size_t i = 0;
  Int mant = 0;
  long scale = 0;
  bool any = false;
  for (; i < x.size() && std::isdigit((unsigned char)x[i]); ++i, any = true) mant = mant * 10 + (x[i] - '0');
  if (i < x.size() && x[i] == '.')
    for (++i; i < x.size() && std::isdigit((unsigned char)x[i]); ++i, any = true) { mant = mant * 10 + (x[i] - '0'); --scale; }
  if (i < x.size() && (x[i] == 'e' || x[i] == 'E')) scale += std::atol(x.c_str() + i + 1), i = x.size();
  if (!any || i != x.size()) throw ParseError("expected a number, found '" + t.text + "'", text, t.column);
  Int p = boost::multiprecision::pow(Int(10), unsigned(scale < 0 ? -scale : scale));
  return scale >= 0 ? Rat(mant * p) : Rat(mant, p);
}

bool is_integer(const Rat& q) { return denominator(q) == 1; }

class Parser {
 public:
  Parser(const std::string& text, const std::vector<Decl>& decls) : text_(text), decls_(decls), toks_(lex(text)) {}

  Bound parse() {
    Bound b;
    b.text = text_;
    b.decls = decls_;
    b.lhs = expr();
    const Token& r = peek();
    static const std::map<std::string, Relation> rels = {{"<=", Relation::Le}, {">=", Relation::Ge}, {"<", Relation::Lt},
                                                         {">", Relation::Gt},  {"==", Relation::Eq}, {"<<=", Relation::PsdLe},
                                                         {">>=", Relation::PsdGe}};
    if (r.kind != Tok::Sym || !rels.count(r.text)) {
      if (r.kind == Tok::Sym && r.text == "=")
        throw ParseError("expected a relation (<=, >=, <, >, ==, <<=, >>=), found '=' (write '==' for equality)", text_, r.column);
      throw ParseError("expected a relation (<=, >=, <, >, ==, <<=, >>=) or an operator, found " + describe(r), text_, r.column);
    }
    next();
    b.rel = rels.at(r.text);
    b.rhs = expr();
    if (peek().kind != Tok::End)
      throw ParseError("expected an operator or end of input, found " + describe(peek()), text_, peek().column);
    b.partial = partial_;
    b.irrational_matrix_fn = irrational_;
    check_relation(b, r);
    return b;
  }

 private:
  const std::string& text_;
  const std::vector<Decl>& decls_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  std::vector<std::string> indices_;  // bound index variables (sum/prod), innermost last
  bool partial_ = false, irrational_ = false;
  int depth_ = 0;  // nesting of unary(), through which every recursion of the parser passes

  const Token& peek(size_t k = 0) const { return toks_[std::min(pos_ + k, toks_.size() - 1)]; }
  Token next() { Token t = peek(); if (pos_ < toks_.size() - 1) ++pos_; return t; }
  bool accept(const std::string& sym) {
    if (peek().kind == Tok::Sym && peek().text == sym) { next(); return true; }
    return false;
  }
  Token expect(const std::string& sym, const std::string& what = "") {
    if (peek().kind == Tok::Sym && peek().text == sym) return next();
    throw ParseError("expected " + (what.empty() ? "'" + sym + "'" : what) + ", found " + describe(peek()), text_, peek().column);
  }
  [[noreturn]] void fail(const std::string& msg, int col) { throw ParseError(msg, text_, col); }

  const Decl* find(const std::string& n) const {
    for (const auto& d : decls_) if (d.name == n) return &d;
    return nullptr;
  }

  NodeP make(Op op, int col, std::vector<NodeP> kids = {}) {
    auto n = std::make_shared<Node>();
    n->op = op;
    n->column = col;
    n->kids = std::move(kids);
    return n;
  }

  // expr := term (('+'|'-') term)*
  NodeP expr() {
    NodeP a = term();
    for (;;) {
      const Token& t = peek();
      if (t.kind == Tok::Sym && (t.text == "+" || t.text == "-")) {
        next();
        NodeP b = term();
        a = binary(t.text == "+" ? Op::Add : Op::Sub, a, b, t.column);
      } else {
        return a;
      }
    }
  }
  // term := unary (('*'|'/'|'.*') unary)*
  NodeP term() {
    NodeP a = unary();
    for (;;) {
      const Token& t = peek();
      if (t.kind == Tok::Sym && (t.text == "*" || t.text == "/" || t.text == ".*")) {
        next();
        NodeP b = unary();
        a = binary(t.text == "*" ? Op::Mul : t.text == "/" ? Op::Div : Op::Hadamard, a, b, t.column);
      } else {
        return a;
      }
    }
  }
  NodeP unary() {
    struct Nest {
      int& d;
      ~Nest() { --d; }
    } nest{++depth_};
    if (depth_ > kMaxNesting)
      fail("expected at most " + std::to_string(kMaxNesting) + " nested parentheses, function calls or signs, found more", peek().column);
    if (peek().kind == Tok::Sym && peek().text == "-") {
      int col = next().column;
      NodeP a = unary();
      NodeP n = make(Op::Neg, col, {a});
      n->shape = a->shape;
      n->sym = a->sym;
      return n;
    }
    if (peek().kind == Tok::Sym && peek().text == "+") { next(); return unary(); }
    return power();
  }
  // power := postfix ('^' exponent)?   exponent: [-]number, (number/number), an int parameter, or T
  NodeP power() {
    NodeP a = postfix();
    while (peek().kind == Tok::Sym && peek().text == "^") {
      int col = next().column;
      if (peek().kind == Tok::Ident && peek().text == "T" && !find("T")) {
        next();
        a = transpose(a, col);
        continue;
      }
      NodeP e = make(Op::Pow, col, {a});
      bool neg = false;
      if (accept("-")) neg = true;
      const Token& t = peek();
      if (t.kind == Tok::Num) {
        next();
        e->q = number_value(t, text_);
      } else if (t.kind == Tok::Sym && t.text == "(") {
        next();
        bool n2 = accept("-");
        Token a1 = peek();
        if (a1.kind != Tok::Num) fail("expected a number in the exponent, found " + describe(a1), a1.column);
        next();
        Rat q = number_value(a1, text_);
        if (accept("/")) {
          Token a2 = peek();
          if (a2.kind != Tok::Num) fail("expected a number after '/' in the exponent, found " + describe(a2), a2.column);
          next();
          Rat den = number_value(a2, text_);
          if (den == 0) fail("expected a non-zero denominator in the exponent, found 0", a2.column);
          q /= den;
        }
        expect(")", "')' closing the exponent");
        e->q = n2 ? Rat(-q) : q;
      } else if (t.kind == Tok::Ident) {
        const Decl* d = find(t.text);
        if (!d || d->kind != Kind::Int)
          fail("expected a number, '(p/q)', 'T' or an integer parameter as exponent, found " + describe(t), t.column);
        next();
        e->name = t.text;
        if (neg) fail("expected a non-negative integer parameter as exponent, found '-" + t.text + "'", t.column);
      } else {
        fail("expected an exponent (a number, '(p/q)', 'T' or an integer parameter), found " + describe(t), t.column);
      }
      if (neg) e->q = -e->q;
      check_pow(e, a);
      a = e;
    }
    return a;
  }
  NodeP postfix() {
    NodeP a = primary();
    while (peek().kind == Tok::Sym && peek().text == "'") a = transpose(a, next().column);
    return a;
  }
  NodeP transpose(NodeP a, int col) {
    NodeP n = make(Op::Transpose, col, {a});
    n->shape = a->shape;
    std::swap(n->shape.rows_d, n->shape.cols_d);
    n->sym = a->sym;
    n->psd = a->psd;
    return n;
  }

  // The number token t (the next one), consumed.
  NodeP number_node(const Token& t) {
    next();
    NodeP n = make(Op::Num, t.column);
    n->q = number_value(t, text_);
    return n;
  }

  NodeP primary() {
    Token t = peek();
    if (t.kind == Tok::Num) {
      NodeP n = number_node(t);
      n->name = t.text;
      return n;
    }
    if (t.kind == Tok::Sym && t.text == "(") {
      next();
      NodeP a = expr();
      expect(")", "')'");
      return a;
    }
    if (t.kind == Tok::Ident) {
      next();
      if (peek().kind == Tok::Sym && peek().text == "(") return call(t);
      if (peek().kind == Tok::Sym && peek().text == "[") return indexed(t);
      for (auto it = indices_.rbegin(); it != indices_.rend(); ++it)
        if (*it == t.text) {
          NodeP n = make(Op::IndexVar, t.column);
          n->name = t.text;
          return n;
        }
      const Decl* d = find(t.text);
      if (d) {
        if (!d->count.empty())
          fail("expected an index after family '" + t.text + "' (write " + t.text + "[i] inside sum(i=1.." + d->count + ", ...)), found " + describe(peek()), peek().column);
        NodeP n = make(Op::Var, t.column);
        n->name = t.text;
        n->shape.matrix = d->is_matrix();
        if (d->kind == Kind::Vec) n->shape.cols_d = false;
        n->sym = d->symmetric();
        n->psd = d->psd();
        return n;
      }
      if (t.text == "I") {
        NodeP n = make(Op::Ident, t.column);
        n->shape.matrix = true;
        n->sym = n->psd = true;
        return n;
      }
      if (t.text == "d") {
        NodeP n = make(Op::Var, t.column);
        n->name = "d";
        return n;
      }
      if (functions().count(t.text))
        fail("expected '(' after function '" + t.text + "', found " + describe(peek()), peek().column);
      std::vector<std::string> names;
      for (const auto& dd : decls_) names.push_back(dd.name);
      std::string hint = suggest(t.text, names);
      fail("unknown variable '" + t.text + "'" + hint + "; declare it with --where '" + t.text +
               ": psd' (kinds: " + kKindList + ")",
           t.column);
    }
    fail("expected a number, a variable, a function call or '(', found " + describe(t), t.column);
  }

  NodeP indexed(const Token& t) {
    const Decl* d = find(t.text);
    if (!d || d->count.empty()) fail("'" + t.text + "' is not a declared family (declare it as --where '" + t.text + "[1..n]: psd')", t.column);
    expect("[");
    Token ix = peek();
    NodeP n = make(Op::Index, t.column);
    n->name = t.text;
    if (ix.kind == Tok::Ident && std::find(indices_.begin(), indices_.end(), ix.text) != indices_.end()) {
      n->index = ix.text;
    } else if (ix.kind == Tok::Num && is_integer(number_value(ix, text_)) && number_value(ix, text_) >= 1) {
      n->index = ix.text;
    } else {
      fail("expected an index variable of an enclosing sum/prod or a positive integer, found " + describe(ix), ix.column);
    }
    next();
    expect("]", "']'");
    n->shape.matrix = true;
    n->sym = d->symmetric();
    n->psd = d->psd();
    return n;
  }

  NodeP call(const Token& t) {
    const auto& fs = functions();
    auto it = fs.find(t.text);
    if (it == fs.end()) {
      std::vector<std::string> names;
      for (const auto& [k, v] : fs) names.push_back(k);
      static const std::map<std::string, std::string> aliases = {
          {"trace", "tr"}, {"Tr", "tr"}, {"lambda_max", "lmax"}, {"lambdamax", "lmax"}, {"lambda_min", "lmin"},
          {"lambdamin", "lmin"}, {"norm", "op"}, {"opnorm", "op"}, {"frob", "fro"}, {"frobenius", "fro"}, {"inverse", "inv"},
          {"determinant", "det"}, {"nuclear", "nuc"}, {"exp_m", "expm"}, {"sqrt_m", "sqrtm"}, {"eigmax", "lmax"}, {"eigmin", "lmin"}};
      auto al = aliases.find(t.text);
      std::string hint = al != aliases.end() ? " (did you mean '" + al->second + "'?)" : suggest(t.text, names);
      fail("unknown function '" + t.text + "'" + hint + "; known: " + function_list(), t.column);
    }
    expect("(");
    NodeP n = make(Op::Call, t.column);
    n->name = t.text;
    if (t.text == "sum" || t.text == "prod") return sum_prod(n);
    if (family_builtin(t.text)) return builtin(n, it->second);
    if (!(peek().kind == Tok::Sym && peek().text == ")")) {
      n->kids.push_back(expr());
      while (accept(",")) n->kids.push_back(expr());
    }
    expect(")", n->kids.size() < size_t(it->second.max_args) ? "',' or ')'" : "')'");
    int na = int(n->kids.size());
    if (na < it->second.min_args || na > it->second.max_args)
      fail("expected " + std::to_string(it->second.min_args) +
               (it->second.max_args != it->second.min_args ? " to " + std::to_string(it->second.max_args) : "") +
               " argument(s) of " + t.text + ", found " + std::to_string(na),
           t.column);
    check_call(n);
    return n;
  }

  static bool family_builtin(const std::string& f) {
    static const std::set<std::string> b = {"mean", "sigma", "sigma_sam", "lmaxS", "lmaxS_sam", "chain", "Jbar", "M", "N"};
    return b.count(f) > 0;
  }
  // Built-ins of the paper on a family: mean(H), sigma(H), sigma_sam(H, c), lmaxS(H), lmaxS_sam(H, c),
  // chain(H, c, k), Jbar(H, eta, B, c), M(H, eta, B, c, k), N(H, eta, B, c, r). The family name is kept in
  // `index`; scalar arguments are expressions, the last of chain/M/N an integer literal or int parameter.
  NodeP builtin(NodeP n, const Fn& fn) {
    const std::string& f = n->name;
    Token h = peek();
    const Decl* d = h.kind == Tok::Ident ? find(h.text) : nullptr;
    if (!d || d->count.empty() || !d->psd())
      fail("expected a PSD family (declared as H[1..n]: psd) as argument 1 of " + f + ", found " + describe(h), h.column);
    next();
    n->index = h.text;
    while (accept(",")) n->kids.push_back(expr());
    expect(")", "')'");
    int na = int(n->kids.size()) + 1;
    if (na != fn.min_args) fail("expected " + std::to_string(fn.min_args) + " argument(s) of " + f + ", found " + std::to_string(na), n->column);
    bool last_int = f == "chain" || f == "M" || f == "N";
    for (size_t i = 0; i < n->kids.size(); ++i) {
      const NodeP& k = n->kids[i];
      if (!k->shape.scalar_like()) fail(f + " needs scalar arguments after the family, found a " + shp(k), k->column);
      if (last_int && i + 1 == n->kids.size()) {
        const Decl* kd = k->op == Op::Var ? find(k->name) : nullptr;
        bool ok = (k->op == Op::Num && is_integer(k->q) && k->q >= 0 && k->q <= 12) || (kd && kd->kind == Kind::Int);
        if (!ok) fail("expected an integer in [0, 12] or an int parameter as the last argument of " + f + ", found '" + to_string(*k) + "'", k->column);
      }
    }
    bool matrix = f == "mean" || f == "Jbar" || f == "M" || f == "N";
    n->shape.matrix = matrix;
    n->sym = matrix;
    n->psd = f == "mean" || f == "M" || f == "N";
    if (f == "sigma" || f == "sigma_sam") partial_ = true;  // needs some H_i != 0
    return n;
  }

  // sum(i=1..n, body) / prod(i=1..n, body)
  NodeP sum_prod(NodeP n) {
    n->op = n->name == "sum" ? Op::Sum : Op::Prod;
    Token iv = peek();
    if (iv.kind != Tok::Ident) fail("expected an index variable (as in " + n->name + "(i=1..n, ...)), found " + describe(iv), iv.column);
    next();
    expect("=", "'=' after the index variable");
    NodeP lo = bound_expr();
    expect("..", "'..' in the index range");
    NodeP hi = bound_expr();
    expect(",", "',' after the index range");
    indices_.push_back(iv.text);
    NodeP body = expr();
    indices_.pop_back();
    expect(")", "')'");
    std::string fam_name = n->name;
    n->name = iv.text;
    n->kids = {lo, hi, body};
    n->shape = body->shape;
    if (n->op == Op::Prod && body->shape.matrix && !body->shape.square())
      fail("prod of non-square matrices (" + body->shape.str() + ")", n->column);
    n->sym = n->op == Op::Sum && body->sym;
    n->psd = n->op == Op::Sum && body->psd;
    return n;
  }
  NodeP bound_expr() {
    Token t = peek();
    if (t.kind == Tok::Num) {
      NodeP n = number_node(t);
      if (!is_integer(n->q) || n->q > 1000 || n->q < -1000) fail("expected an integer index bound in [-1000, 1000], found " + describe(t), t.column);
      return n;
    }
    if (t.kind == Tok::Ident) {
      const Decl* d = find(t.text);
      if (!d || d->kind != Kind::Int) fail("expected an integer or an int parameter as index bound, found " + describe(t), t.column);
      next();
      NodeP n = make(Op::Var, t.column);
      n->name = t.text;
      return n;
    }
    fail("expected an integer or an int parameter as index bound, found " + describe(t), t.column);
  }

  // ---------------------------------------------------------------- static checks
  static std::string shp(const NodeP& n) { return n->shape.str(); }

  NodeP binary(Op op, NodeP a, NodeP b, int col) {
    NodeP n = make(op, col, {a, b});
    const Shape &x = a->shape, &y = b->shape;
    bool xs = x.scalar_like(), ys = y.scalar_like();
    switch (op) {
      case Op::Add:
      case Op::Sub:
        if (xs && ys) { n->shape = Shape{}; break; }
        if (xs != ys)
          fail(std::string("cannot ") + (op == Op::Add ? "add" : "subtract") + " a " + (xs ? "scalar" : "matrix") + " and a " +
                   (ys ? "scalar" : "matrix") + " (write c*I for a multiple of the identity)",
               col);
        if (x.rows_d != y.rows_d || x.cols_d != y.cols_d) fail("dimension mismatch: " + shp(a) + " " + (op == Op::Add ? "+" : "-") + " " + shp(b), col);
        n->shape = x;
        n->sym = a->sym && b->sym;
        n->psd = op == Op::Add && a->psd && b->psd;
        break;
      case Op::Mul:
        if (xs || ys) {
          n->shape = xs ? y : x;
          if (xs && ys) n->shape = Shape{};
          n->sym = (xs || a->sym) && (ys || b->sym);
          n->psd = false;
          if (xs && !ys) n->psd = b->psd && a->op == Op::Num && a->q >= 0;
          if (ys && !xs) n->psd = a->psd && b->op == Op::Num && b->q >= 0;
          break;
        }
        if (x.cols_d != y.rows_d) fail("dimension mismatch: (" + shp(a) + ") * (" + shp(b) + ")", col);
        n->shape.matrix = true;
        n->shape.rows_d = x.rows_d;
        n->shape.cols_d = y.cols_d;
        if (n->shape.scalar_like()) n->shape = Shape{};  // row * column: a scalar
        break;
      case Op::Div:
        if (!ys) fail("division by a matrix (" + shp(b) + "): write inv(" + to_string(*b) + ") or " + to_string(*b) + "^-1", col);
        n->shape = xs ? Shape{} : x;
        n->sym = a->sym;
        partial_ = true;
        break;
      case Op::Hadamard:
        if (xs || ys) fail("Hadamard product '.*' needs two matrices, found " + shp(a) + " and " + shp(b), col);
        if (x.rows_d != y.rows_d || x.cols_d != y.cols_d) fail("dimension mismatch: " + shp(a) + " .* " + shp(b), col);
        n->shape = x;
        n->sym = a->sym && b->sym;
        n->psd = a->psd && b->psd;  // Schur product theorem
        break;
      default: break;
    }
    if (op == Op::Mul && n->shape.matrix) {
      n->sym = n->sym || canonical(*n, false) == canonical(*n, true);
      n->psd = n->psd || congruence_psd(*n);
    }
    return n;
  }

  void check_pow(NodeP e, NodeP a) {
    e->shape = a->shape.scalar_like() ? Shape{} : a->shape;
    bool by_param = !e->name.empty();
    bool integer = by_param || is_integer(e->q);
    if (!by_param && (e->q > 64 || e->q < -64)) fail("expected an exponent between -64 and 64, found " + rat_str(e->q), e->column);
    if (a->shape.scalar_like()) {
      if (!integer || e->q < 0) partial_ = true;
      return;
    }
    if (!a->shape.square()) fail("power of a non-square matrix (" + shp(a) + ")", e->column);
    if (integer) {
      if (e->q < 0) partial_ = true;
      e->sym = a->sym;
      e->psd = a->psd || (a->sym && !by_param && denominator(e->q) == 1 && (numerator(e->q) % 2 == 0));
      return;
    }
    if (!a->psd)
      fail("real power " + rat_str(e->q) + " of a matrix not known to be PSD (" + to_string(*a) +
               "): declare it psd/pd or use an integer exponent",
           e->column);
    e->sym = e->psd = true;
    irrational_ = true;
    if (e->q < 0) partial_ = true;
  }

  void check_call(NodeP n) {
    const std::string& f = n->name;
    auto& k = n->kids;
    auto need_matrix = [&](size_t i) {
      if (k[i]->shape.scalar_like()) fail(f + " needs a matrix argument, found a scalar (" + to_string(*k[i]) + ")", k[i]->column);
    };
    auto need_square = [&](size_t i) {
      need_matrix(i);
      if (!k[i]->shape.square()) fail(f + " needs a square matrix, found a " + shp(k[i]), k[i]->column);
    };
    auto need_scalar = [&](size_t i) {
      if (!k[i]->shape.scalar_like()) fail(f + " needs a scalar argument, found a " + shp(k[i]) + " (" + to_string(*k[i]) + ")", k[i]->column);
    };
    auto need_literal = [&](size_t i, bool integer, Rat lo) {
      if (k[i]->op != Op::Num || (integer && !is_integer(k[i]->q)) || k[i]->q < lo)
        fail("expected " + std::string(integer ? "an integer" : "a number") + " >= " + rat_str(lo) + " as argument " +
                 std::to_string(i + 1) + " of " + f + ", found '" + to_string(*k[i]) + "'",
             k[i]->column);
    };
    // The scalar-valued functions of a matrix: of a square one or of any shape, and eig(A, k) and schatten(A, p) with a
    // literal second argument >= 1 (k an integer).
    struct ScalarOf { bool square = false, literal = false, integer = false; };
    static const std::map<std::string, ScalarOf> kScalarOf = {
        {"tr", {.square = true}},   {"det", {.square = true}}, {"lmax", {.square = true}},
        {"lmin", {.square = true}}, {"rho", {.square = true}}, {"eig", {.square = true, .literal = true, .integer = true}},
        {"fro", {}},                {"op", {}},                {"nuc", {}},
        {"schatten", {.literal = true}}};
    if (const auto it = kScalarOf.find(f); it != kScalarOf.end()) {
      it->second.square ? need_square(0) : need_matrix(0);
      if (it->second.literal) need_literal(1, it->second.integer, 1);
      n->shape = Shape{};
    } else if (f == "inv") {
      need_square(0);
      n->shape = k[0]->shape;
      n->sym = k[0]->sym;
      n->psd = k[0]->psd;
      partial_ = true;
    } else if (f == "transpose") {
      NodeP t = transpose(k[0], n->column);
      *n = *t;
    } else if (f == "sqrtm") {
      need_square(0);
      if (!k[0]->psd) fail("sqrtm of a matrix not known to be PSD (" + to_string(*k[0]) + "): declare it psd/pd", k[0]->column);
      n->shape = k[0]->shape;
      n->sym = n->psd = true;
      irrational_ = true;
    } else if (f == "expm" || f == "logm") {
      need_square(0);
      if (!k[0]->sym) fail(f + " of a matrix not known to be symmetric (" + to_string(*k[0]) + ")", k[0]->column);
      n->shape = k[0]->shape;
      n->sym = true;
      n->psd = f == "expm";
      irrational_ = true;
      if (f == "logm") partial_ = true;
    } else if (f == "hadamard") {
      NodeP h = binary(Op::Hadamard, k[0], k[1], n->column);
      *n = *h;
    } else if (f == "abs" || f == "sqrt" || f == "exp" || f == "log") {
      need_scalar(0);
      n->shape = Shape{};
      if (f == "log" || f == "sqrt") partial_ = true;
    } else if (f == "min" || f == "max") {
      for (size_t i = 0; i < k.size(); ++i) need_scalar(i);
      n->shape = Shape{};
    }
  }

  void check_relation(Bound& b, const Token& r) {
    bool ls = b.lhs->shape.scalar_like(), rs = b.rhs->shape.scalar_like();
    bool psd_rel = b.rel == Relation::PsdLe || b.rel == Relation::PsdGe;
    auto zero = [](const NodeP& n) { return n->op == Op::Num && n->q == 0; };
    if (psd_rel) {
      // X >>= 0 / 0 <<= X: the literal 0 is the zero matrix.
      if (ls && rs) fail("relation " + r.text + " (PSD order) needs matrices, found two scalars (use <= or >=)", r.column);
      if (ls && !zero(b.lhs)) fail("relation " + r.text + " between a scalar and a matrix (write c*I for a multiple of the identity)", r.column);
      if (rs && !zero(b.rhs)) fail("relation " + r.text + " between a matrix and a scalar (write c*I for a multiple of the identity)", r.column);
      const NodeP& m = ls ? b.rhs : b.lhs;
      if (!m->shape.square()) fail("PSD order needs square matrices, found a " + m->shape.str(), r.column);
      if (!ls && !rs && (b.lhs->shape.rows_d != b.rhs->shape.rows_d || b.lhs->shape.cols_d != b.rhs->shape.cols_d))
        fail("dimension mismatch: " + b.lhs->shape.str() + " " + r.text + " " + b.rhs->shape.str(), r.column);
      b.matrix_relation = true;
      return;
    }
    if (b.rel == Relation::Eq && !ls && !rs) {
      if (b.lhs->shape.rows_d != b.rhs->shape.rows_d || b.lhs->shape.cols_d != b.rhs->shape.cols_d)
        fail("dimension mismatch: " + b.lhs->shape.str() + " == " + b.rhs->shape.str(), r.column);
      b.matrix_relation = true;
      return;
    }
    if (!ls && !rs)
      fail("relation " + r.text + " between matrices: use <<= or >>= for the PSD order, or compare scalars such as tr(.), lmax(.)", r.column);
    if (!ls || !rs)
      fail("relation " + r.text + " between a " + (ls ? "scalar" : "matrix") + " and a " + (rs ? "scalar" : "matrix") +
               " (compare scalars such as tr(.), lmax(.), or use <<= / >>= with matrices)",
           r.column);
  }

  // Canonical text of a product/sum (or of its transpose) for symmetry detection: (XYZ)' = Z'Y'X'.
  static void factors(const Node& n, std::vector<const Node*>& out) {
    if (n.op == Op::Mul && n.kids[0]->shape.matrix && n.kids[1]->shape.matrix) {
      factors(*n.kids[0], out);
      factors(*n.kids[1], out);
    } else {
      out.push_back(&n);
    }
  }
  static std::string canonical(const Node& n, bool t) {
    if (n.op == Op::Transpose) return canonical(*n.kids[0], !t);
    if (n.op == Op::Mul && n.shape.matrix && n.kids[0]->shape.matrix && n.kids[1]->shape.matrix) {
      std::vector<const Node*> f;
      factors(n, f);
      if (t) std::reverse(f.begin(), f.end());
      std::string s = "(";
      for (size_t i = 0; i < f.size(); ++i) s += (i ? "*" : "") + canonical(*f[i], t);
      return s + ")";
    }
    if (n.sym || !n.shape.matrix) return to_string(n);
    return to_string(n) + (t ? "'" : "");
  }
  // X' P X (P psd) and X' X are PSD: palindromic factor lists with a PSD middle (or none).
  static bool congruence_psd(const Node& n) {
    std::vector<const Node*> f;
    factors(n, f);
    size_t k = f.size();
    for (size_t i = 0; i < k / 2; ++i)
      if (canonical(*f[i], false) != canonical(*f[k - 1 - i], true)) return false;
    return k % 2 == 0 || f[k / 2]->psd;
  }
};

}  // namespace

std::string to_string(const Node& n) {
  auto k = [&](size_t i) { return to_string(*n.kids[i]); };
  switch (n.op) {
    case Op::Num: return rat_str(n.q);
    case Op::Var: return n.name;
    case Op::Ident: return "I";
    case Op::Index: return n.name + "[" + n.index + "]";
    case Op::IndexVar: return n.name;
    case Op::Neg: return "(-" + k(0) + ")";
    case Op::Add: return "(" + k(0) + " + " + k(1) + ")";
    case Op::Sub: return "(" + k(0) + " - " + k(1) + ")";
    case Op::Mul: return "(" + k(0) + "*" + k(1) + ")";
    case Op::Div: return "(" + k(0) + "/" + k(1) + ")";
    case Op::Hadamard: return "(" + k(0) + " .* " + k(1) + ")";
    case Op::Pow: return k(0) + "^" + (n.name.empty() ? "(" + rat_str(n.q) + ")" : n.name);
    case Op::Transpose: return k(0) + "'";
    case Op::Call: {
      std::string s = n.name + "(" + n.index;
      for (size_t i = 0; i < n.kids.size(); ++i) s += (i || !n.index.empty() ? ", " : "") + k(i);
      return s + ")";
    }
    case Op::Sum:
    case Op::Prod:
      return std::string(n.op == Op::Sum ? "sum" : "prod") + "(" + n.name + "=" + k(0) + ".." + k(1) + ", " + k(2) + ")";
  }
  return "?";
}

// Declarations: NAME[ '[1..' COUNT ']' ] ':' KIND, separated by commas; KIND is psd | pd | psd rank R | psd diag |
// rankone | sym | diag | projector | orthogonal | general | vec | scalar in [a, b] | int in [a, b].
std::vector<Decl> parse_where(const std::string& where) {
  std::vector<Token> t = lex(where);
  size_t p = 0;
  auto peek = [&]() -> const Token& { return t[std::min(p, t.size() - 1)]; };
  auto fail = [&](const std::string& m, int col) -> void { throw ParseError(m + " in --where", where, col); };
  auto expect_sym = [&](const std::string& s, const std::string& what) {
    if (peek().kind == Tok::Sym && peek().text == s) { ++p; return; }
    fail("expected " + what + ", found " + describe(peek()), peek().column);
  };
  auto number = [&]() -> Rat {
    bool neg = false;
    if (peek().kind == Tok::Sym && peek().text == "-") { neg = true; ++p; }
    if (peek().kind != Tok::Num) fail("expected a number, found " + describe(peek()), peek().column);
    Rat q = number_value(peek(), where);
    ++p;
    if (peek().kind == Tok::Sym && peek().text == "/" && p + 1 < t.size() && t[p + 1].kind == Tok::Num) {
      ++p;
      Rat den = number_value(peek(), where);
      if (den == 0) fail("expected a non-zero denominator, found 0", peek().column);
      q /= den;
      ++p;
    }
    return neg ? Rat(-q) : q;
  };
  static const std::set<std::string> reserved = {"I", "d", "T"};
  std::vector<Decl> out;
  std::vector<std::vector<std::string>> pending;  // names sharing a kind: "A, B: psd"
  std::vector<std::pair<std::string, std::string>> group;  // (name, count)
  std::vector<int> group_cols;
  while (peek().kind != Tok::End) {
    const Token& nm = peek();
    if (nm.kind != Tok::Ident) fail("expected a variable name, found " + describe(nm), nm.column);
    if (reserved.count(nm.text) || functions().count(nm.text))
      fail("'" + nm.text + "' is reserved (I: identity, d: dimension, T: transpose, and function names)", nm.column);
    for (const auto& d : out)
      if (d.name == nm.text) fail("'" + nm.text + "' is declared twice", nm.column);
    ++p;
    std::string count;
    if (peek().kind == Tok::Sym && peek().text == "[") {
      ++p;
      if (!(peek().kind == Tok::Num && peek().text == "1")) fail("expected '1' (families are indexed 1..n), found " + describe(peek()), peek().column);
      ++p;
      expect_sym("..", "'..'");
      if (peek().kind != Tok::Ident && peek().kind != Tok::Num) fail("expected the family size (an int parameter or an integer), found " + describe(peek()), peek().column);
      count = peek().text;
      ++p;
      expect_sym("]", "']'");
    }
    group.emplace_back(nm.text, count);
    group_cols.push_back(nm.column);
    if (peek().kind == Tok::Sym && peek().text == ",") { ++p; continue; }  // "A, B: psd"
    expect_sym(":", "':' after the variable name");
    const Token& k = peek();
    if (k.kind != Tok::Ident) fail("expected a kind (" + kKindList + "), found " + describe(k), k.column);
    ++p;
    Decl d;
    const std::optional<Kind> kind = value_in(kKindNames, k.text);
    if (!kind) {
      std::vector<std::string> names;  // the one-word spellings, in alphabetical order
      for (const std::string& n : spellings_in(kKindNames))
        if (n.find(' ') == std::string::npos) names.push_back(n);
      std::sort(names.begin(), names.end());
      fail("unknown kind '" + k.text + "'" + suggest(k.text, names) + " (kinds: " + kKindList + ")", k.column);
    }
    d.kind = *kind;
    if (d.kind == Kind::Psd && peek().kind == Tok::Ident && peek().text == "rank") {
      ++p;
      Rat r = number();
      if (denominator(r) != 1 || r < 1 || r > 8) fail("expected a rank between 1 and 8, found " + rat_str(r), t[p - 1].column);
      d.kind = r == 1 ? Kind::RankOne : Kind::PsdRank;
      d.rank = int(numerator(r).convert_to<long>());
    }
    if (d.kind == Kind::Psd && peek().kind == Tok::Ident && (peek().text == "diag" || peek().text == "diagonal")) {
      ++p;
      d.kind = Kind::PsdDiag;  // diagonal with non-negative entries
    }
    if (d.kind == Kind::Scalar || d.kind == Kind::Int) {
      if (peek().kind == Tok::Ident && peek().text == "in") {
        ++p;
        expect_sym("[", "'[' opening the range");
        d.lo = number();
        expect_sym(",", "',' in the range");
        d.hi = number();
        expect_sym("]", "']' closing the range");
        if (d.hi < d.lo) fail("empty range [" + rat_str(d.lo) + ", " + rat_str(d.hi) + "]", k.column);
      } else {
        d.lo = d.kind == Kind::Int ? 1 : 0;
        d.hi = d.kind == Kind::Int ? 4 : 1;
      }
      if (d.kind == Kind::Int && (denominator(d.lo) != 1 || denominator(d.hi) != 1))
        fail("int range needs integer end points", k.column);
      if (d.kind == Kind::Int && (d.lo < -64 || d.hi > 64)) fail("int range must lie in [-64, 64]", k.column);
      if (d.kind == Kind::Scalar && (abs(d.lo) > Rat(1000000) || abs(d.hi) > Rat(1000000))) fail("scalar range must lie in [-1e6, 1e6]", k.column);
    }
    for (size_t g = 0; g < group.size(); ++g) {
      Decl dd = d;
      dd.name = group[g].first;
      dd.count = group[g].second;
      if (!dd.count.empty() && !dd.is_matrix()) fail("families H[1..n] must be matrices, found kind '" + kind_name(dd.kind) + "'", group_cols[g]);
      if (!dd.count.empty() && !std::isdigit((unsigned char)dd.count[0])) {
        bool ok = false;
        for (const auto& o : out) ok |= o.name == dd.count && o.kind == Kind::Int;
        if (!ok) fail("family size '" + dd.count + "' is not a declared int parameter (declare it first: 'n: int in [1, 4], " + dd.name + "[1..n]: psd')", group_cols[g]);
      }
      out.push_back(dd);
    }
    group.clear();
    group_cols.clear();
    if (peek().kind == Tok::End) break;
    expect_sym(",", "',' between declarations");
  }
  if (!group.empty()) fail("expected ':' and a kind after '" + group.back().first + "', found end of input", int(where.size()) + 1);
  return out;
}

Bound parse_bound(const std::string& text, const std::string& where) {
  std::vector<Decl> decls = parse_where(where);
  Parser p(text, decls);
  Bound b = p.parse();
  b.where = where;
  return b;
}

}  // namespace stabcheck::fuzz
