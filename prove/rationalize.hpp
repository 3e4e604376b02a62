// From a numerical Gram solution to exact rational PSD Gram matrices satisfying the constraints exactly
// (Peyrl & Parrilo, "Computing sum of squares decompositions with rational coefficients", 2008, with facial
// reduction): (a) detect the numerical kernel of each Gram block, make it rational (reduced row echelon form with small
// denominators) and restrict the block to its complement, G = B H B^T, then re-solve the SDP on that face; (b) round
// H to dyadic rationals 2^-k; (c) project exactly onto the affine constraints (least-norm correction, exact rational
// elimination); (d) exact LDL^T. Several precisions k are tried.
#pragma once
#include "prove/gram.hpp"
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace stabcheck::prove {

using QMatrix = std::vector<std::vector<Q>>;

struct RationalResult {
  bool ok = false;
  std::vector<QMatrix> G;  // per block, full symmetric
  int facial_steps = 0;    // restrictions applied
  int bits = 0;            // rounding precision that succeeded
  int sdp_solves = 0;
  double sdp_seconds = 0;
  std::string note;        // why it failed
};

RationalResult rationalize(const GramProblem& p, std::chrono::steady_clock::time_point deadline);

/// Nearest rational with denominator <= max_den (continued fractions); nullopt if farther than tol.
std::optional<Q> small_rational(double x, long max_den, double tol);

}  // namespace stabcheck::prove
