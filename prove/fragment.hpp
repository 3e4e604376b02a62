// The provable fragment of the bound language (README, "Proofs (stabcheck prove)"): scalar bounds whose sides are
// rational combinations of traces of words in the matrix variables and their transposes, multiplied by
// polynomials in scalar parameters and in the eigenvalue scalars lmax(P), lmin(P), op(P).
#pragma once
#include "core/claim.hpp"
#include "fuzz/ast.hpp"
#include "prove/words.hpp"
#include <optional>
#include <string>
#include <vector>

namespace stabcheck::prove {

/// A matrix variable as the proof sees it: symmetric letter, general letter (with its transpose), or a PSD variable
/// replaced by F F' with a new general letter F (its `factor`).
struct MatrixVar {
  std::string name, declared;  // declared: the kind of --where
  enum class Kind { Sym, General, Psd } kind = Kind::Sym;
  int letter = -1;             // letter id of the variable
  int factor = -1;             // Psd: letter id of F
};
std::string kind_str(MatrixVar::Kind k);

/// A scalar: a declared parameter (range [lo, hi]) or an eigenvalue scalar standing for lmax(P), lmin(P), op(P)
/// with the constraints lambda I - P >= 0, P - lambda I >= 0, s^2 I - P'P >= 0 (and s I -+ (P + P')/2 >= 0).
struct ScalarVar {
  std::string name, declared;
  enum class Kind { Param, Lmax, Lmin, Op } kind = Kind::Param;
  std::optional<Q> lo, hi;     // Param
  NcPoly of;                   // Lmax/Lmin/Op: P over the declared letters
  bool nonneg = false;         // Lmax/Lmin of a nonnegative combination of PSD variables; Op always
};
std::string kind_str(ScalarVar::Kind k);

using stabcheck::Rel;  // lhs REL rhs, as in a claim's variant (core/claim.hpp; its text: rel_str)

struct Fragment {
  std::string bound, where;
  Alphabet alpha;                   // declared letters (PSD ones symmetric) and factor letters; scalars
  std::vector<MatrixVar> matrices;  // in order of first use
  std::vector<ScalarVar> scalars;   // ids = alpha.scalars ids
  TracePoly lhs, rhs;               // over the declared letters
  Rel rel = Rel::Le;
  std::vector<int> factor_of;       // by letter id: factor letter id of a substituted PSD letter, -1 otherwise

  /// The same fragment with the PSD variables whose bit is set in `mask` (bit i: the i-th PSD variable of `matrices`)
  /// substituted, A = F F', and the others localized (A a symmetric letter with the hypothesis A >= 0).
  Fragment with_substitution(unsigned mask) const;
  int psd_count() const;
  bool has_psd() const { return psd_count() > 0; }
  bool substituted(const MatrixVar& m) const { return m.kind == MatrixVar::Kind::Psd && factor_of[size_t(m.letter)] >= 0; }

  /// rhs - lhs (<=), lhs - rhs (>=, ==), PSD letters replaced by F F': what must be a certified nonnegative
  /// combination (or zero for ==).
  TracePoly target() const;
  NcPoly substituted(const NcPoly& p) const { return prove::substitute(alpha, p, factor_of); }
};

struct Translation {
  std::optional<Fragment> fragment;
  std::string outside;  // when !fragment: "outside the fragment: <reason naming the atom>"
};

/// Translate a parsed bound; never throws for a well-formed Bound.
Translation translate(const fuzz::Bound& b);
/// Parse (fuzz::parse_bound; throws fuzz::ParseError) and translate.
Translation translate(const std::string& bound, const std::string& where);

}  // namespace stabcheck::prove
