// The tracial Gram-matrix method: given the target f (a trace polynomial that must be >= 0), find PSD matrices G_k
// with   f == sum_k S_k * sum_{i,j} G_k[i][j] tr(u_i^T g_k u_j)   modulo cyclic equivalence and transposition, where
// S_k is a product of scalar hypotheses (t - lo >= 0, ...), g_k a matrix hypothesis (lambda I - P >= 0, ...) or I,
// and u_i = (scalar monomial) * (word). Untraced blocks sum_{i,j} G[i][j] m_i m_j cover the scalar terms of f.
// The linear constraints (one per cyclic class) are solved numerically by CSDP; prove/rationalize.hpp makes them exact.
#pragma once
#include "prove/fragment.hpp"
#include <Eigen/Core>
#include <string>
#include <vector>

namespace stabcheck::prove {

/// Hypotheses derived from the fragment (the checker derives the same from the certificate's declarations).
struct Hypotheses {
  struct Scalar {
    std::string id;
    TracePoly p;  // untraced terms only
    int degree = 0;
  };
  struct Matrix {
    std::string id;
    NcPoly g;  // symmetric, over the letters after substitution
    int degree = 0;
  };
  std::vector<Scalar> scalar;
  std::vector<Matrix> matrix;
};
Hypotheses hypotheses(const Fragment& f);

struct BasisElem {
  Mono m;
  Word w;
};

struct Block {
  bool traced = true;
  std::vector<int> sf;  // scalar hypotheses multiplied (indices into Hypotheses::scalar)
  int mf = -1;          // matrix hypothesis (index) or -1: I
  std::vector<BasisElem> basis;
};

/// Variable v of the SDP: the entry (i, j), i <= j, of block `block` (G_ij and G_ji together).
struct Var {
  int block, i, j;
};

struct GramProblem {
  std::vector<Block> blocks;
  std::vector<Var> vars;
  std::vector<TKey> classes;                       // one linear constraint per class
  std::vector<Q> rhs;                              // coefficient of the class in f
  std::vector<std::vector<std::pair<int, Q>>> rows;  // (var, coefficient) per class
  bool infeasible = false;                         // some term of f is produced by no Gram entry
  std::string note;
  int words() const;
  int max_block() const;
};

/// Build the Gram problem at degree D. pure: one traced (and if needed one untraced) block without hypotheses, with
/// the Newton-box and diagonal reductions (valid for a plain sum of hermitian squares); otherwise every product of
/// at most two scalar hypotheses with at most one matrix hypothesis whose degree fits.
/// chip: in the pure stage, only the right halves ("chips") of the rotations of the words of f and f^T (the Newton chip
/// heuristic) instead of every word of the Newton box.
GramProblem build_gram(const Fragment& f, const Hypotheses& h, const TracePoly& target, int degree, bool pure, bool chip = false);

/// Expansion of the block entry (i, j) (without the G factor): S * m_i m_j * tr(u_i^T g u_j), reduced.
TracePoly entry_expansion(const Fragment& f, const Hypotheses& h, const Block& b, int i, int j);

struct SdpResult {
  bool ok = false;
  std::string status;
  std::vector<Eigen::MatrixXd> X;  // per block: the (restricted) Gram matrix
  double seconds = 0;
};

/// Solve the feasibility SDP with CSDP (zero objective: the central path tends to the analytic centre, a point of
/// maximal rank). `restrict` (optional, per block n_k x r_k): search G_k = B_k H_k B_k^T and return the H_k.
SdpResult solve_sdp(const GramProblem& p, const std::vector<Eigen::MatrixXd>* restrict = nullptr);

}  // namespace stabcheck::prove
