// Figure 4's third panel (spec/experiments.md EXP-C5): SGD on the mean-squared loss plus lambda times a contrastive
// loss on the hidden features h_i = relu(W1 x_i + b), as the public code's coherence loop (nn_training.py) does it with
// pytorch-metric-learning's ContrastiveLoss(pos_margin = 0, neg_margin = 1) and that library's defaults:
//   * distance LpDistance(normalize_embeddings = True, p = 2, power = 1): d_ij = ||u_i - u_j||, u = h / max(||h||, eps),
//     eps = 1e-12 (torch.nn.functional.normalize; a zero feature vector maps to 0);
//   * every ordered pair (i, j), i != j, of the batch; positive pairs (same label) lose relu(d_ij - pos_margin),
//     negative pairs relu(neg_margin - d_ij);
//   * reducer AvgNonZeroReducer: the positive and the negative terms are each the mean over the pairs whose loss is
//     > 0 (0 when there is none), and the loss is their sum. The counts are piecewise constant, so the gradient treats
//     them as constants (as autograd does).
// Labels are (y + 1) / 2 for y in {-1, 1}. The gradient is exact with respect to (W1, b) through the normalisation and
// the ReLU (relu'(0) = 0 and d d_ij / d u = 0 at d_ij = 0, torch's conventions); W2 does not enter the loss.
#pragma once
#include "models/relu.hpp"
#include <vector>

namespace stabcheck::exper {

struct ContrastiveLossValue {
  double value = 0;
  Vec<double> grad;          // in the (W2, W1, b) order of models/relu.hpp (the W2 block is 0)
  int pos_pairs = 0, neg_pairs = 0;    // ordered pairs of each kind
  int pos_active = 0, neg_active = 0;  // of them, pairs with loss > 0 (the reducer's divisors)
  int zero_features = 0;               // samples whose hidden feature vector has norm <= eps
};

/// The loss and its gradient on the batch (rows of X, labels y in {-1, 1}).
ContrastiveLossValue contrastive_loss(const relu::Net<double>& net, const Mat<double>& X, const Vec<double>& y,
                                      double pos_margin = 0, double neg_margin = 1, bool with_grad = true);

}  // namespace stabcheck::exper
