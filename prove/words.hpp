// Noncommutative words and trace polynomials for `stabcheck prove` (README, "Proofs (stabcheck prove)").
//
// A letter is a d x d real matrix variable; letter i has the codes 2i (the letter) and 2i+1 (its transpose); a
// symmetric letter is its own transpose and only uses 2i. A word is a string of codes (the matrix product, left to
// right), transposition reverses it and transposes every letter. tr(w) is invariant under cyclic rotation of w and
// under w -> w^T (real matrices), so a traced word is stored as its canonical representative: the lexicographically
// least word among all rotations of w and of w^T. Scalars (declared parameters and the eigenvalue scalars lmax(..),
// ...) commute with everything: a scalar monomial is the sorted string of their ids (with repetition).
#pragma once
#include <gmpxx.h>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace stabcheck::prove {

using Word = std::string;  // letter codes
using Mono = std::string;  // sorted scalar ids
using Q = mpq_class;

struct Letter {
  std::string name;
  bool symmetric = false;
};

struct Alphabet {
  std::vector<Letter> letters;
  std::vector<std::string> scalars;  // scalar names by id

  int add_letter(const std::string& name, bool symmetric);
  int add_scalar(const std::string& name);
  int find_letter(const std::string& name) const;  // -1 if absent
  int find_scalar(const std::string& name) const;
  char code(int letter, bool transposed = false) const {
    return char(2 * letter + (transposed && !letters[size_t(letter)].symmetric ? 1 : 0));
  }
  char transpose(char c) const { return letters[size_t((unsigned char)c) >> 1].symmetric ? c : char(c ^ 1); }
  Word transpose(const Word& w) const;
  Word canonical(const Word& w) const;  // least among rotations of w and w^T
  std::string token(char c) const;      // "X" or "X'"
  std::string word_str(const Word& w) const;
  std::string mono_str(const Mono& m) const;
};

Mono mono_mul(const Mono& a, const Mono& b);

/// A matrix-valued polynomial: sum of coef * scalar monomial * word.
struct NcPoly {
  std::map<std::pair<Mono, Word>, Q> t;
  static NcPoly constant(const Q& c);  // c * I
  static NcPoly letter(char code);
  static NcPoly scalar(const Mono& m, const Q& c = 1);  // c * m * I
  void add(const Mono& m, const Word& w, const Q& c);
  NcPoly operator+(const NcPoly& o) const;
  NcPoly operator-(const NcPoly& o) const;
  NcPoly operator*(const NcPoly& o) const;
  NcPoly scaled(const Q& c) const;
  NcPoly transposed(const Alphabet& a) const;
  bool operator==(const NcPoly& o) const { return t == o.t; }
  int degree() const;  // max |m| + |w|
};

/// Key of a trace-polynomial term: scalar monomial, and either no trace (a scalar term) or tr(canonical word).
struct TKey {
  Mono m;
  bool traced = false;
  Word w;
  auto operator<=>(const TKey&) const = default;
};

/// A scalar-valued polynomial linear in traces: sum of coef * monomial [* tr(word)].
struct TracePoly {
  std::map<TKey, Q> t;
  static TracePoly scalar(const Mono& m, const Q& c = 1);
  static TracePoly trace(const Alphabet& a, const NcPoly& p);  // tr(p), reduced
  void add(const TKey& k, const Q& c);
  TracePoly operator+(const TracePoly& o) const;
  TracePoly operator-(const TracePoly& o) const;
  TracePoly scaled(const Q& c) const;
  TracePoly times_scalar(const Mono& m, const Q& c) const;
  bool has_trace() const;
  bool is_zero() const { return t.empty(); }
  int degree() const;
};

/// Substitute every psd letter p (factor[p] >= 0) by F F' (F = factor letter); other codes are kept.
Word substitute(const Alphabet& a, const Word& w, const std::vector<int>& factor);
NcPoly substitute(const Alphabet& a, const NcPoly& p, const std::vector<int>& factor);
TracePoly substitute(const Alphabet& a, const TracePoly& p, const std::vector<int>& factor);

std::string to_string(const Alphabet& a, const TracePoly& p);

}  // namespace stabcheck::prove
