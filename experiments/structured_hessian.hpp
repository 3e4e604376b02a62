// Coherence quantities of EXP-C5 (spec/experiments.md) without forming any per-sample Hessian, for the public code's
// sizes (d = 30, hidden 120: P = 3840 parameters, where 100 dense P x P Hessians would take 11.8 GB).
//
// f(x) = sum_k a_k relu(w_k . x + b_k) (a = W2). Away from kinks the Hessian of (f(x_i) - y_i)^2 is
//   H_i = 2 g_i g_i^T + 2 r_i C_i,  g_i = grad f(x_i),  r_i = f(x_i) - y_i,
// where C_i (the Hessian of f) only couples a_k with (w_k, b_k), with value (x_i, 1), for the units k active at x_i.
//  * Tr(H_i H_j) = 4 [ (g_i.g_j)^2 + r_j g_i^T C_j g_i + r_i g_j^T C_i g_j + r_i r_j Tr(C_i C_j) ] with
//      g_i^T C_j g_i = 2 K_ij sum_k R_ik a_k 1_jk,  Tr(C_i C_j) = 2 K_ij sum_k 1_ik 1_jk,  K_ij = x_i.x_j + 1,
//      R_ik = relu(z_ik): O(n^2 m) for the whole n x n matrix.
//  * lambda_max(H_i) in closed form. H_i lives on span{e_{a_k}, (x_i, 1) in block k : k active} (orthogonal, dimension
//    2q; g_i lies in it). There 2 r_i C_i has eigenvalues +-delta, delta = 2 r_i s_i, s_i^2 = ||x_i||^2 + 1, each q times,
//    and H_i is a rank-one update of it; the secular equation is a quadratic, whose top root is
//      lambda_max(H_i) = ||g_i||^2 + sqrt(||g_i||^4 + 4 s_i^2 r_i (r_i + 2 f(x_i)))      (q >= 1; H_i = 0 when q = 0).
//    The other eigenvalues are the other root, +-delta (q - 1 times each) and 0.
//  * H = mean_i H_i: Tr(H) = (2/n) sum_i ||g_i||^2 (C_i has a zero diagonal); lambda_max(H) by Lanczos with full
//    reorthogonalisation on the O(n m d) product H v, stopped when the top Ritz pair's residual bound is <= tol |theta|.
// With gauss_newton the residuals are taken as 0 (H_i = 2 g_i g_i^T). A pre-activation of exactly 0 counts as inactive
// (relu'(0) = 0, as autograd). tests/test_experiment_coherence.cpp checks all of this against models/relu.hpp's dense
// hess_loss on small nets.
#pragma once
#include "models/relu.hpp"
#include <functional>

namespace stabcheck::exper {

/// Per-sample features of a net on a data set (rows of X).
struct HessianStructure {
  Mat<double> X, Z, R, Ind, K;  // inputs, pre-activations, relu(Z), 1[Z > 0], X X^T + 1
  Vec<double> a, f, r, g2;      // W2, outputs, residuals (0 for Gauss-Newton), ||g_i||^2
  int n() const { return int(X.rows()); }
  Eigen::Index nparams() const { return a.size() * (X.cols() + 2); }
};
HessianStructure hessian_structure(const relu::Net<double>& net, const Mat<double>& X, const Vec<double>& y,
                                   bool gauss_newton);

Mat<double> trace_products(const HessianStructure& s);   // T_ij = Tr(H_i H_j)
Vec<double> per_sample_lmax(const HessianStructure& s);  // lambda_max(H_i)
double mean_hessian_trace(const HessianStructure& s);    // Tr(H)
Vec<double> mean_hessian_apply(const HessianStructure& s, const Vec<double>& v);  // H v, (W2, W1, b) order

/// Largest eigenvalue of a symmetric operator by Lanczos with full reorthogonalisation.
struct TopEig {
  double value = 0, residual = 0;  // Ritz value; ||A y - theta y|| for its unit Ritz vector (an eigenvalue lies within)
  int steps = 0;
};
TopEig lanczos_top(const std::function<Vec<double>(const Vec<double>&)>& apply, Eigen::Index dim, double tol,
                   int max_steps, uint64_t seed);

}  // namespace stabcheck::exper
