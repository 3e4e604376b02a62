// `stabcheck experiment phase-diagram`: every (learning rate, method, sampler) grid of EXP-C3-PHASE, its CSV,
// figures (one multi-panel figure per learning rate), the cross-check of the per-cell exact boundary against
// models/moments, and DIR/experiments/phase-diagram.md.
#pragma once
#include "experiments/phase_diagram.hpp"
#include <ostream>
#include <string>
#include <vector>

namespace stabcheck::exper {

struct PhaseOptions {
  std::vector<double> etas{0.05, 0.5};
  std::vector<Method> methods{Method::SGD, Method::SAM, Method::Noise};
  std::vector<Sampler> samplers{Sampler::WithoutReplacement, Sampler::Bernoulli};
  int n = 100, B_max = 49, sigma_max = 50, runs = 10, steps = 1000, jobs = 2;
  std::vector<int> Bs, sigmas;  // explicit sub-grid (sorted); empty: 1..B_max, 1..sigma_max
  double factor = 1000, lambda1 = 2, rho = 0.5, alpha = 0.1, noise_std = 1;
  uint64_t seed = 1;
  std::string command;  // the invocation, for the report
};

/// One row of the exact-boundary cross-check (closed form vs an independent computation).
struct CrossCheck {
  std::string what;  // "models/moments r(T)" or "subset enumeration"
  int n, B, sigma;
  std::string method, sampler;
  double closed, reference;
};
/// Closed-form r(T) per cell vs models/moments' r(T) of the dense family (Bernoulli; n = 100 with sigma >= 88, so
/// d <= 13, and n = 12) and vs enumeration of all B-subsets (without replacement, n = 10).
std::vector<CrossCheck> cross_check_boundary(double lambda1, double eta, double c);
/// r of A -> E[J^T A J] over all B-subsets of [n] (without replacement), by enumeration and models/moments' op_matrix.
double wor_radius_enumerated(const Cell& c);
/// r(T) of the construction's family under the Bernoulli sampler through models/moments (dense T on symmetric matrices).
double moments_radius(const Cell& c);

/// Runs everything, writes OUT/experiments/ (CSV, .gp, figures, phase-diagram.md); progress and a summary on `log`.
/// Returns the markdown summary.
std::string run_phase_diagram(const PhaseOptions& o, const std::string& out, std::ostream& log);

}  // namespace stabcheck::exper
