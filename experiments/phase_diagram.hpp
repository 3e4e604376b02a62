// EXP-C3-PHASE (spec/experiments.md, stability.md "EXP-C3-PHASE"): the (B, sigma) stability phase diagram on the
// coherence construction, variant (b):  n samples, d = n - sigma + 1,
//   H_i = m e_1 e_1^T (i <= sigma),  H_i = m e_{i-sigma+1} e_{i-sigma+1}^T (i > sigma),  m = n lambda1 / sigma,
// so H = diag(lambda1, m/n, ..., m/n) and lambda_max(H) = lambda1 (= 2 in the paper's code).
//
// Updates (the public code):  SGD  w <- (I - eta Hb) w;   SAM  w <- (I - eta Hb - eta c Hb H) w  (c = rho/alpha);
// noise injection  w <- (I - eta Hb)(w + xi), xi ~ N(0, I).  Hb = (1/B) sum of the selected H_i, where the batch is
//   Bernoulli (Definition 3: each sample independently with probability B/n; drawn here as K ~ Bin(n, B/n) and
//   then a uniform K-subset, which is the same law) or without replacement (B distinct samples, the code).
// Everything is diagonal: a step touches coordinate 1 (through the number X of selected copies among the first
// sigma samples) and one coordinate per other selected sample, so a step costs O(B) (O(d) with noise), not a
// dense d x d product. run_dense() is the literal dense implementation on the same random stream (tests, bench).
//
// Exact mean-square boundary: J is diagonal and the steps are i.i.d., so T(A)_jk = E[J_j J_k] A_jk and
//   r(T) = max_j E[J_j^2]  (Cauchy-Schwarz),
//   E[J_1^2] = 1 - 2 k E X + k^2 E X^2,  k = eta (m/B)(1 + c lambda1),
//   E[J_j^2] = 1 - p + p (1 - eta (m/B)(1 + c m/n))^2,  p = B/n  (j >= 2),
// with X ~ Bin(sigma, B/n) (Bernoulli) or X ~ Hypergeometric(n, sigma, B) (without replacement).
#pragma once
#include "experiments/rng.hpp"
#include <functional>
#include <string>
#include <vector>

namespace stabcheck::exper {

enum class Method { SGD, SAM, Noise };
enum class Sampler { Bernoulli, WithoutReplacement };
std::string method_name(Method m);    // "sgd" | "sam" | "noise"
std::string sampler_name(Sampler s);  // "bernoulli" | "without-replacement"

/// One cell of the grid: the construction and the optimiser.
struct Cell {
  int n = 100, B = 1, sigma = 1;
  double lambda1 = 2, eta = 0.5, c = 0;  // c = rho / alpha (SAM only; 0 otherwise)
  double noise_std = 1;                  // noise injection only
  Method method = Method::SGD;
  Sampler sampler = Sampler::WithoutReplacement;
  int d() const { return n - sigma + 1; }
  double m() const { return double(n) * lambda1 / double(sigma); }
  /// Diagonal of H: (lambda1, m/n, ..., m/n).
  double h(int j) const { return j == 0 ? lambda1 : m() / double(n); }
  /// Coordinate touched by sample i (0-based): 0 for the first sigma samples, else i - sigma + 1.
  int coord(int i) const { return i < sigma ? 0 : i - sigma + 1; }
};

/// Draws the batch of one step (indices into 0..n-1, distinct) from a random stream. Keeps a permutation
/// between steps (partial Fisher-Yates on any permutation gives a uniform subset).
class BatchDrawer {
 public:
  BatchDrawer(int n, int B, Sampler s);
  const std::vector<int>& draw(Rng& rng);

 private:
  int n_, B_;
  Sampler s_;
  std::vector<double> cdf_;  // Bin(n, B/n) for the Bernoulli sampler
  std::vector<int> perm_, batch_;
};

struct RunResult {
  bool diverged = false;
  int steps = 0;       // updates performed (the step at which the run was declared divergent, or all of them)
  double ratio = 0;    // final ||w||^2 / ||w0||^2
};

/// Protocol of one run: w0 with i.i.d. uniform [0,1) entries; after each update, diverged iff
/// ||w||^2 >= factor ||w0||^2 (stop at once). `trace` (optional) sees w after every update.
struct Protocol {
  int steps = 1000;
  double factor = 1000;
};
using Trace = std::function<void(int step, const std::vector<double>& w)>;

/// Structured simulation: O(B) per step (O(d) with noise injection).
RunResult run_fast(const Cell& c, const Protocol& p, Rng& rng, const Trace& trace = {});
/// Literal dense implementation (Eigen, Hb as a d x d matrix, J = I - eta Hb - eta c Hb H, w <- J (w + xi)),
/// consuming the same random stream as run_fast.
RunResult run_dense(const Cell& c, const Protocol& p, Rng& rng, const Trace& trace = {});

/// Exact mean-square quantities of a cell (see the header comment).
struct Exact {
  double r = 0;       // r(T) = max_j E[J_j^2]
  double r1 = 0;      // E[J_1^2] (the e_1 entry, (81) for the Bernoulli sampler)
  double r_rest = 0;  // E[J_j^2], j >= 2 (0 when d = 1)
  double lyap = 0;    // max_j E log|J_j| (per-step growth rate of a typical path; -inf if some J_j is 0 a.s.-often)
};
Exact exact_cell(const Cell& c);

/// Theory's predictions on the cell (true: "diverges").
struct Theory {
  bool thm1 = false;   // SGD/noise: DEXTER-THM1 (88) sufficient condition; SAM: THM-C8 (31)
  bool thm87 = false;  // THM-3.3 (87) violated (= DEXTER-THM2 with c = 0): the e_1 entry of E[J^T J] >= 1
};
Theory theory_cell(const Cell& c);
/// The curves in the (B, sigma) plane (B real): sigma below thm1_sigma(B) => THM1 predicts divergence;
/// sigma above thm87_sigma(B) => (87) predicts stability (returns +inf when (87) fails for every sigma).
double thm1_sigma(int n, double B, double lambda1, double eta, double c);
double thm87_sigma(int n, double B, double lambda1, double eta, double c);
/// Gnuplot expressions of the same curves in x = B.
std::string thm1_sigma_gp(int n, double lambda1, double eta, double c);
std::string thm87_sigma_gp(int n, double lambda1, double eta, double c);

/// Resolution of the 1000-step, 1000x rule: r^{steps/2} < factor <=> r < factor^{2/steps} (1.0139 for the paper).
double resolution_radius(const Protocol& p);

// ------------------------------------------------------------------------------------------------ the grid
struct GridSpec {
  int n = 100, B_max = 49, sigma_max = 50, runs = 10;
  std::vector<int> Bs, sigmas;  // explicit grid values (a sub-grid); empty: 1..B_max and 1..sigma_max
  double lambda1 = 2, eta = 0.5, c = 0, noise_std = 1;
  Method method = Method::SGD;
  Sampler sampler = Sampler::WithoutReplacement;
  Protocol protocol;
  uint64_t seed = 1;
  int jobs = 2;
};
struct CellResult {
  int B = 0, sigma = 0, diverged_runs = 0;
  double mean_steps = 0;  // mean steps to divergence over the diverged runs (0 if none)
  bool mc = false;        // cell divergent: more than half the runs diverge (>= 6 of 10)
  Exact exact;
  Theory theory;
};
struct GridResult {
  GridSpec spec;
  std::vector<int> Bs, sigmas;    // the grid's values
  std::vector<CellResult> cells;  // sigma-major: index i_sigma * Bs.size() + i_B
  double seconds = 0;             // wall time of the Monte Carlo
  double cpu_seconds = 0;         // CPU time of the process during the Monte Carlo (all threads)
};
/// Monte Carlo over the whole grid (jobs threads; each (cell, run) has its own stream, so results do not
/// depend on jobs) plus the exact boundary and theory per cell.
GridResult run_grid(const GridSpec& g);
/// Cell verdict rule: divergent iff diverged_runs > runs / 2.
inline bool cell_divergent(int diverged_runs, int runs) { return 2 * diverged_runs > runs; }

/// Agreement counts over a grid.
struct Agreement {
  int cells = 0, mc_div = 0, exact_div = 0, thm87_div = 0, thm1_div = 0, lyap_div = 0;
  int mc_vs_exact = 0, mc_vs_exact_band = 0;   // agreements; and disagreements inside the resolution band
  int mc_vs_87 = 0, exact_vs_87 = 0, mc_vs_lyap = 0;
  int thm1_exact_ok = 0, thm1_mc_ok = 0;       // of the cells where THM1 predicts divergence: exact / MC also diverge
};
Agreement agreement(const GridResult& g);

/// Per-cell CSV (header + one row per cell).
std::string grid_csv(const GridResult& g);

}  // namespace stabcheck::exper
