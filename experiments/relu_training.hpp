// EXP-C4 and EXP-C5 (spec/experiments.md): training the two-layer ReLU network f(x) = W2 relu(W1 x + b) with the
// mean-squared loss on x uniform in {-1, 1}^d, y = x_1 x_2, by SGD, SAM (the full nonlinear step: gradient at
// w + rho g / ||g||) and noise injection (update (3): gradient at w + xi), and measuring along training the
// coherence quantities of the per-sample Hessians (Table 1, Figures 3 and 4). Double precision; parameters are
// ordered (W2, W1 row-major, b) as in models/relu.hpp, whose hess_loss gives the per-sample Hessians.
#pragma once
#include "models/relu.hpp"
#include "experiments/rng.hpp"
#include <ostream>
#include <string>
#include <vector>

namespace stabcheck::exper {

enum class Opt { SGD, SAM, Noise };
std::string opt_name(Opt o, double rho);

struct TrainConfig {
  int d = 100, hidden = 50, n = 100, batch = 10, epochs = 50;
  double lr = 0.01, rho = 0.01, noise = 0.01;
  double contrastive = 0;  // lambda of the contrastive term on the hidden features (experiments/contrastive.hpp)
  Opt opt = Opt::SGD;
  std::string init = "default";  // "default": PyTorch's nn.Linear init; "generalizing": (C=3, r=(d+1)^(1/4)) + N(0, 0.01^2)
};

struct Data {
  Mat<double> X;  // n x d, entries +-1
  Vec<double> y;  // x_1 x_2
};
Data make_data(int n, int d, Rng& rng);
relu::Net<double> init_net(const TrainConfig& c, Rng& rng);

/// Mean squared loss and sign accuracy on a data set.
struct Eval { double loss = 0, acc = 0; };
Eval evaluate(const relu::Net<double>& net, const Data& data);
/// Gradient of the batch mean of (f(x_i) - y_i)^2 over `rows`, in the (W2, W1, b) order of models/relu.hpp.
Vec<double> batch_grad(const relu::Net<double>& net, const Data& data, const std::vector<int>& rows);
relu::Net<double> add(const relu::Net<double>& net, const Vec<double>& delta);  // net + delta
/// One optimiser step on a batch. With c.contrastive = lambda > 0 the gradient of lambda * (contrastive loss of the
/// batch's hidden features, labels (y + 1)/2), taken at the current weights, is added (the public code's coherence loops).
void step(relu::Net<double>& net, const Data& data, const std::vector<int>& rows, const TrainConfig& c, Rng& rng);

/// Coherence quantities of the per-sample Hessians H_i = Hessian of (f(x_i) - y_i)^2 (full, or Gauss-Newton 2 g g^T).
struct CoherenceStats {
  double lmax_S = 0, max_lmax_Hi = 0, sigma = 0, lmax_H = 0, tr_H = 0;
  int er = 0;             // principal components explaining 90% of the variance of the hidden features
  int negative_pairs = 0; // pairs with Tr(H_i H_j) < 0 (full Hessians are indefinite off zero loss), S_ij set to 0
  bool finite = true;     // false when training diverged (non-finite parameters): every quantity is NaN
  int lanczos_steps = 0;  // structured path: Lanczos steps for lambda_max(H) and its residual bound
  double lanczos_residual = 0;
};
/// Dense reference: every per-sample Hessian as a P x P matrix (models/relu.hpp hess_loss / hess_gn).
CoherenceStats coherence_stats(const relu::Net<double>& net, const Data& data, bool gauss_newton = false);
/// The same quantities from the structure of the per-sample Hessians (experiments/structured_hessian.hpp); no P x P
/// matrix is formed. lambda_max(H) by Lanczos to relative residual `tol`.
CoherenceStats coherence_stats_structured(const relu::Net<double>& net, const Data& data, bool gauss_newton = false,
                                          double tol = 1e-10);
/// Effective rank: number of principal components explaining `threshold` of the variance of the rows of F.
int effective_rank(const Mat<double>& F, double threshold = 0.9);

/// `stabcheck experiment relu-training` (C.4) and `stabcheck experiment coherence` (C.5, Table 1, Figure 4).
struct ReluOptions {
  int runs = 5, epochs = 50, jobs = 2, log_every = 5;
  double lr = 0.01;
  bool lr_given = true, log_every_given = true;  // coherence: false lets --protocol choose them
  std::string protocol = "appendix";  // coherence: "appendix" (C.5: d = 15, hidden 10, n = 50, lr 0.01) or "code" (nn_training.py defaults)
  std::string init = "default";
  bool gauss_newton = false;
  bool quick = false;  // coherence: skip the learning-rate panel of Figure 4
  uint64_t seed = 1;
  std::string command;
};
std::string run_relu_training(const ReluOptions& o, const std::string& out, std::ostream& log);
std::string run_coherence(const ReluOptions& o, const std::string& out, std::ostream& log);

}  // namespace stabcheck::exper
