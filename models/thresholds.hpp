// Exact thresholds of the stability claims (spec/stability.md): rational bounds of the spectrum of the mean H, the noise
// constant q, and the real thresholds eta*, 2/lambda_max, epsilon_max as exact rationals when every ingredient is
// rational and rigorous Arb balls always; and their placement as rationals strictly on one side. Finishers of
// generators/stability.hpp use them to put a sample inside (or just outside) a claim's hypothesis.
#pragma once
#include "core/ball.hpp"
#include "core/tier.hpp"
#include <optional>
#include <vector>

namespace stabcheck::stab {

/// Rational upper bound of lambda_max(A) (exact when rational), and lower bound of lambda_min(A).
Rat lmax_upper(const MatQ& a);
Rat lmin_lower(const MatQ& a);
/// Mean of the family.
MatQ mean_of(const std::vector<MatQ>& H);
/// Rational upper bound of max_i mu_i, mu_i = lambda_i(H) (1 + c lambda_i(H)).
Rat mu_upper(const std::vector<MatQ>& H, const Rat& c);
/// q = 1/(Bn) - 1/n^2.
Rat q_of(int n, const Rat& B);

/// Rigorous enclosure of sigma (exact ball when coherence_exact applies).
Ball sigma_ball(const std::vector<MatQ>& H);
/// Rigorous enclosure of sqrt(n/B - 1) (exact when a perfect square).
Ball sqrt_ratio_ball(int n, const Rat& B);

/// The value of a rigorous real threshold placed as a rational: code picks exactly the threshold when it is
/// exact (ball of zero radius), otherwise a rational strictly above (below) at relative distance rel.
Rat at_or_above(const Ball& x, const Rat& rel);
Rat at_or_below(const Ball& x, const Rat& rel);
/// True when the ball is an exact rational.
bool exact_ball(const Ball& x, Rat* value = nullptr);

/// A real threshold: exact rational when every ingredient is rational, always a rigorous ball.
struct Threshold {
  std::optional<Rat> exact;
  Ball ball;
};
/// eta* = sigma / (sqrt(n/B - 1) lambda_max(H) (1 + c lambda_min(H)))  (THM-C8-DIVERGENCE, Dexter Thm 1 with c = 0).
Threshold eta_sigma_threshold(const std::vector<MatQ>& H, const Rat& B, const Rat& c);
/// eta = 2 / lambda_max(H)  (Dexter Thm 1 first condition, c = 0).
Threshold eta_gd_threshold(const std::vector<MatQ>& H);
/// rel = 0: exactly at the threshold if exact, otherwise the simplest rational just above (relative 1e-12);
/// rel > 0: a rational >= threshold (1 + rel) (exact product when exact). Always >= the threshold.
Rat place_above(const Threshold& t, const Rat& rel);
/// rel > 0: a rational <= threshold (1 - rel). Always < the threshold.
Rat place_below(const Threshold& t, const Rat& rel);

/// epsilon_max = 1 - ||Jbar||_2 = 1 - max(|1 - eta mu(lambda_min)|, |1 - eta mu(lambda_max)|), mu(l) = l (1 + c l).
Threshold eps_max(const std::vector<MatQ>& H, const Rat& eta, const Rat& c);
/// r(N_1), N_1(A) = C (sum_i H_i A H_i) C, C = I + c H (so r(N) = eta^2 q r(N_1)): rigorous ball.
Ball noise_unit_radius(const std::vector<MatQ>& H, const Rat& c);
/// eta ~ 2 / (mu(lambda_min(H)) + mu(lambda_max(H))), mu(l) = l (1 + c l), rounded to 6 significant digits: the step
/// that balances the two ends of the spectrum of Jbar (eigenvalues about +-(1 - eps_max)), adversarial for bounds
/// that replace Jbar by its norm (THM-C9-NR-BOUND).
Rat eta_balanced(const std::vector<MatQ>& H, const Rat& c);
/// Batch parameter giving the noise constant q (B = n/(n^2 q + 1), clamped to [1, n]).
Rat B_for_q(int n, const Rat& q);

}  // namespace stabcheck::stab
