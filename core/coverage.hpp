// Coverage of a variant's samples (issue 7, item 6): what a "holds" rests on. Features of each exact
// sample are computed in double (cheap; for bucketing only, never for a verdict):
//   dimension   largest max(rows, cols) over the sample's matrices (named matrices and family members);
//   rank        smallest numerical rank over its square matrices: the number of |eigenvalues| (symmetric)
//               or singular values (otherwise) above d * 2^-46 * the largest one;
//   condition   largest condition number on the range over its square matrices, max/min over those
//               nonzero values, bucketed by decade floor(log10 cond);
//   sigma       coherence of the family "H" (Dexter et al.): lambda_max(S) / max_i lambda_max(H_i),
//               S_ij = sqrt(Tr(H_i H_j)), when the sample has a family "H" with a nonzero member.
// Relative slack is bucketed per family by decade floor(log10 slack); "near equality" counts samples with
// |relative slack| <= 1e-6. The slack used is the most precise one the run computed for the sample: D digits
// when the double screen deferred it to multiprecision, the double screen otherwise.
#pragma once
#include "core/sample.hpp"
#include <climits>
#include <map>
#include <string>
#include <vector>

namespace stabcheck {

constexpr double kNearEquality = 1e-6;  // |relative slack| at or below this counts as near equality
constexpr long kNone = -1;              // feature not defined for the sample (dimension, rank, sigma bucket)
constexpr int kNoDecade = INT_MIN;      // condition number not defined (no nonzero square matrix)

struct SampleFeatures {
  long dimension = kNone, rank = kNone;
  int cond_decade = kNoDecade;
  long sigma_bucket = kNone;
  double sigma = 0;
};
SampleFeatures features_of(const Sample& s);

/// Edges of the sigma buckets: bucket 0 is sigma = 1 (to 1e-9), bucket k >= 1 is [edge[k-1], edge[k]) (edges
/// and decades up to a relative 1e-9, so that a computed 1.9999999999999996 counts as 2).
const std::vector<double>& sigma_edges();
long sigma_bucket(double sigma);

/// Distribution of the relative slack of one family's samples.
struct SlackHistogram {
  long negative = 0;                // violated (confirmed or not): slack < 0 beyond the working tolerance
  long zero = 0;                    // equality (0, or within the tolerance of the deciding precision)
  long unevaluated = 0;             // generation or evaluation failed, or NaN
  std::map<int, long> decades;      // floor(log10 slack), clamped to [kMinDecade, kMaxDecade]
  static constexpr int kMinDecade = -30, kMaxDecade = 3;
  void add(double rel_slack, bool violated);
  long total() const;
};

struct Coverage {
  std::map<long, long> dimension;    // feature value (kNone: undefined) -> samples
  std::map<long, long> rank;
  std::map<int, long> cond_decade;   // kNoDecade: undefined
  std::map<long, long> sigma;        // sigma bucket (kNone: no family "H")
  double sigma_min = 0, sigma_max = 0;  // over the samples that have sigma (0, 0 if none)
  long near_equality = 0;            // |relative slack| <= kNearEquality
  std::map<std::string, SlackHistogram> slack;  // per family
  void add(const SampleFeatures& f);
};

std::string feature_label(long v);      // "n/a" for kNone
std::string cond_label(int decade);     // "[1e3,1e4)", "n/a"
std::string sigma_label(long bucket);   // "1", "[1,1.5)", ..., ">=10", "n/a"
std::string decade_label(int decade);   // "[1e-7,1e-6)", "<1e-30" (clamped), ">=1e3"

}  // namespace stabcheck
