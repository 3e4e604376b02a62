// The bound language of `stabcheck fuzz`: a conjectured matrix inequality, parsed and type-checked
// once into an AST before any sampling (grammar: README, "Fuzzing your own bounds").
#pragma once
#include "core/scalar.hpp"
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace stabcheck::fuzz {

/// Every user-input error of the language: "column N: expected X, found Y" and friends.
/// `column` is 1-based in `text` (0: no position, e.g. a declaration-level error).
struct ParseError : std::invalid_argument {
  ParseError(const std::string& msg, std::string text, int column);
  std::string text;
  int column;
  /// "msg\n  text\n  ^" (caret under the column) for the terminal.
  std::string pretty() const;
};

/// Declared kind of a variable (--where 'A: psd, B: sym, t: scalar in [0,1], k: int in [1,4]').
enum class Kind { Psd, Pd, PsdRank, RankOne, Sym, Diag, PsdDiag, Projector, Orthogonal, General, Vec, Scalar, Int };
std::string kind_name(Kind k);

struct Decl {
  std::string name;
  Kind kind = Kind::Psd;
  int rank = 0;               // PsdRank: the rank r (matrices have rank min(r, d))
  Rat lo = 0, hi = 1;         // Scalar / Int: range (inclusive)
  std::string count;          // families H[1..n]: the integer parameter or literal giving n; empty: single
  bool is_matrix() const { return kind != Kind::Scalar && kind != Kind::Int; }
  bool symmetric() const {
    return kind == Kind::Psd || kind == Kind::Pd || kind == Kind::PsdRank || kind == Kind::RankOne ||
           kind == Kind::Sym || kind == Kind::Diag || kind == Kind::PsdDiag || kind == Kind::Projector;
  }
  bool psd() const {
    return kind == Kind::Psd || kind == Kind::Pd || kind == Kind::PsdRank || kind == Kind::RankOne || kind == Kind::PsdDiag ||
           kind == Kind::Projector;
  }
};

/// Static shape: a scalar, or a matrix whose sides are 1 or the shared dimension d.
struct Shape {
  bool matrix = false;
  bool rows_d = true, cols_d = true;   // d x d by default; vectors are d x 1
  bool scalar_like() const { return !matrix || (!rows_d && !cols_d); }
  bool square() const { return matrix && rows_d == cols_d; }
  std::string str() const;
};

enum class Op {
  Num,        // literal (exact rational `q`)
  Var,        // declared matrix/scalar/int, or the dimension `d`
  Ident,      // `I`: identity d x d
  Index,      // H[i]: member of a family (kids: none; `name` the family, `index` the bound index name)
  IndexVar,   // i inside sum/prod
  Neg, Add, Sub, Mul, Div, Hadamard, Pow, Transpose,
  Call,       // name(kids...)
  Sum, Prod,  // sum(i=1..n, body): name = index variable, kids = {lo, hi, body}
};

struct Node;
using NodeP = std::shared_ptr<Node>;
struct Node {
  Op op = Op::Num;
  std::string name;       // variable, function, index or family name
  std::string index;      // Index: the index variable
  Rat q = 0;              // Num: the value; Pow: the exponent when it is a literal
  int column = 0;
  std::vector<NodeP> kids;
  Shape shape;
  bool sym = false;       // statically known symmetric
  bool psd = false;       // statically known PSD (for real powers / sqrtm)
};

enum class Relation { Le, Ge, Lt, Gt, Eq, PsdLe, PsdGe };
std::string relation_str(Relation r);

/// A parsed, checked bound: lhs REL rhs with its declarations.
struct Bound {
  std::string text, where;
  NodeP lhs, rhs;
  Relation rel = Relation::Le;
  std::vector<Decl> decls;         // in declaration order
  bool matrix_relation = false;    // <<=, >>=, or == between matrices
  bool partial = false;            // uses inv, division, logm, log, negative powers: samples are filtered by domain
  bool irrational_matrix_fn = false;  // uses sqrtm/logm/real powers (certification may not be possible)
  const Decl* decl(const std::string& name) const;
};

/// Parse declarations "A: psd, B: sym, t: scalar in [0, 1], k: int in [1, 4], H[1..k]: psd, x: vec".
std::vector<Decl> parse_where(const std::string& where);
/// Parse and check a bound against its declarations; throws ParseError.
Bound parse_bound(const std::string& text, const std::string& where);

/// Canonical text of a node (used for symmetry detection and tests).
std::string to_string(const Node& n);

}  // namespace stabcheck::fuzz
