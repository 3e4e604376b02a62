// Exact random matrices and families (architecture.md: "generate exact, evaluate fast, certify exact").
// Every generator is a RapidCheck Gen whose shrink tree works on structure: dimension (via mapcat),
// rank, integer factor entries (toward 0), exponents of prescribed spectra, scale exponents.
#pragma once
#include "core/sample.hpp"
#include "core/tier.hpp"
#include <rapidcheck.h>
#include <string>
#include <vector>

namespace stabcheck::gen {

/// Kinds of single matrices. PSD kinds first.
enum class Kind {
  Wishart,         // G G^T, G d x d small integers (full rank almost surely)
  LowRank,         // G G^T, G d x r, r < d
  RankOne,         // g g^T (Gauss-Newton)
  Diagonal,        // non-negative integer diagonal, zeros allowed
  Spectrum,        // Q diag(lambda) Q^T, Q exactly orthogonal rational (Cayley), lambda = 10^-e or 0, cond <= 1e12
  ScaledIdentity,  // c I (equality cases)
  Rational,        // G G^T / q with G rational (non-integer entries)
  SymIndefinite,   // symmetric with at least one negative eigenvalue guaranteed by construction
  NonSymPsdPart,   // P + K, P PSD, K skew: non-symmetric with PSD symmetric part
  Nilpotent,       // strictly upper triangular
  General          // arbitrary integer square
};
const std::vector<Kind>& psd_kinds();
std::string kind_name(Kind k);
bool kind_is_psd(Kind k);

rc::Gen<int> small_int(int bound = 3);                   // in [-bound, bound], shrinks toward 0
/// A continuous leaf (core/knobs.hpp): the integer drawn by g, which the adversarial search may replace by any rational
/// in [lo, hi]. Only for values that any rational in the range leaves inside the family (entries of factors).
rc::Gen<Rat> knob_entry(rc::Gen<int> g, int lo, int hi);
rc::Gen<Rat> entry(int bound = 3);                        // knob_entry(small_int(bound), -bound, bound)
/// Entries are `entry(bound)`: integers when sampled, any rational in [-bound, bound] under the search.
rc::Gen<MatQ> int_matrix(int rows, int cols, int bound = 3);
rc::Gen<MatQ> matrix(Kind k, int d);
/// Exactly orthogonal rational Q = (I - K)(I + K)^{-1} from a skew integer K (shrinks toward I).
rc::Gen<MatQ> orthogonal(int d);
/// Multiply by 10^s with s drawn from `exps` (shrinks toward the first entry, put 0 first).
rc::Gen<MatQ> scaled(rc::Gen<MatQ> g, std::vector<int> exps = {0, -2, 2, -6, 6});
rc::Gen<Rat> pow10(std::vector<int> exps);
rc::Gen<int> shape(int lo, int hi);                      // an integer in [lo, hi], a shape knob (core/knobs.hpp)
rc::Gen<int> dim(int lo, int hi);                        // shape(lo, hi): a dimension or count, shrinks toward lo

/// Families {H_1..H_n} of PSD d x d matrices.
enum class FamilyKind {
  Independent,  // each H_i from a PSD kind drawn per family
  RankOnes,     // g_i g_i^T
  Commuting,    // Q diag(l_i) Q^T with one Q
  Clustered,    // copies of a few base matrices (high coherence)
  Orthogonal,   // mutually orthogonal supports: Tr(H_i H_j) = 0 (low coherence)
  Aligned       // all multiples of one rank-one matrix
};
const std::vector<FamilyKind>& family_kinds();
std::string family_kind_name(FamilyKind k);
rc::Gen<std::vector<MatQ>> family(FamilyKind k, int n, int d);

/// Reductions for Family::reduce: every sample obtained by deleting coordinate i (row and column i of
/// every square matrix of the common dimension d >= 2, row i of every d x 1 vector, in `mats` and
/// `families`). Principal submatrices keep symmetry, PSD-ness, rank bounds and strict triangularity.
std::vector<Sample> drop_coordinate(const Sample& s);
/// Every sample obtained by deleting one member of each family with at least `min_n + 1` members.
std::vector<Sample> drop_member(const Sample& s, size_t min_n = 1);

// Exact helpers.
Rat pow10_exact(int e);

}  // namespace stabcheck::gen
