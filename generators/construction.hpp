// The paper's coherence construction (THM-3.3 / C.13 eqs. 80-87; C.3; Dexter et al. Thm 2 witness).
// Fix n, an integer sigma in [1, n] and lambda1 > 0; m = n lambda1 / sigma.
//   H_i = m e_1 e_1^T                for i <= sigma,
//   variant (a) (C.13 text):  H_i = 0                        for i > sigma   (any d >= 1),
//   variant (b) (C.3):        H_i = m e_{i-sigma+1} e^T_{i-sigma+1} for i > sigma, d = n - sigma + 1.
// Then lambda_max(H) = lambda1, lambda_max(S) = m sigma, max_i lambda_max(H_i) = m, coherence = sigma.
#pragma once
#include "core/tier.hpp"
#include <rapidcheck.h>
#include <vector>

namespace stabcheck::construction {

/// The family; `d` is used by variant 'a' only (variant 'b' has d = n - sigma + 1).
std::vector<MatQ> family(char variant, int n, int sigma, const Rat& lambda1, int d = 1);
inline Rat m_of(int n, int sigma, const Rat& lambda1) { return Rat(n) * lambda1 / Rat(sigma); }
inline int dim_of(char variant, int n, int sigma, int d = 1) { return variant == 'b' ? n - sigma + 1 : d; }

/// Exact e_1 entry of E[J^T J] by the binomial moments of the number X ~ Bin(sigma, B/n) of selected copies:
/// J_11 = 1 - eta (m/B) X (1 + c lambda1).
Rat e1_entry_binomial(int n, const Rat& B, int sigma, const Rat& lambda1, const Rat& eta, const Rat& c);
/// The paper's expression (81).
Rat e1_entry_81(int n, const Rat& B, int sigma, const Rat& lambda1, const Rat& eta, const Rat& c);
/// (87): the threshold 2 sigma / (eta (n/B - 1 + sigma)) that lambda1 (1 + c lambda1) must stay below.
Rat criterion_87_rhs(int n, const Rat& B, int sigma, const Rat& eta);
/// The learning rate at which (87) holds with equality: eta* = 2 sigma / (lambda1 (1 + c lambda1)(n/B - 1 + sigma)).
Rat eta_threshold_87(int n, const Rat& B, int sigma, const Rat& lambda1, const Rat& c);

/// Exact per-direction moments of the diagonal J^ on the construction: for each j, a_j = E[J^_jj^2] and
/// b_j = E|J^_jj| (binomial distribution of the selected copies). Since J^ is diagonal and the steps i.i.d.,
/// E||J^_k...J^_1||_F^2 = sum_j a_j^k and max_j b_j^k <= E||J^_k...J^_1||_F <= sum_j b_j^k.
struct DiagMoment { Rat a, b; };
std::vector<DiagMoment> diag_moments(char variant, int n, const Rat& B, int sigma, const Rat& lambda1, const Rat& eta,
                                     const Rat& c, int d = 1);

/// Shrinkable draw of (n, sigma): n in [n_lo, n_hi], sigma in [1, n] (shrinks toward 1).
rc::Gen<std::pair<int, int>> n_sigma(int n_lo, int n_hi);

}  // namespace stabcheck::construction
