// The contrastive loss of Figure 4's third panel and its exact gradient (see contrastive.hpp).
#include "experiments/contrastive.hpp"
#include <cmath>

namespace stabcheck::exper {

ContrastiveLossValue contrastive_loss(const relu::Net<double>& net, const Mat<double>& X, const Vec<double>& y,
                                      double pos_margin, double neg_margin, bool with_grad) {
  constexpr double eps = 1e-12;  // torch.nn.functional.normalize
  const Eigen::Index B = X.rows(), m = net.m(), d = net.d();
  ContrastiveLossValue out;
  out.grad = Vec<double>::Zero(net.nparams());
  Mat<double> Z = X * net.W1.transpose();
  Z.rowwise() += net.b.transpose();
  const Mat<double> H = Z.cwiseMax(0.0);
  Mat<double> U(B, m);
  Vec<double> norm(B);
  std::vector<int> label(static_cast<size_t>(B));
  for (Eigen::Index i = 0; i < B; ++i) {
    norm(i) = H.row(i).norm();
    out.zero_features += norm(i) <= eps;
    U.row(i) = H.row(i) / std::max(norm(i), eps);
    label[size_t(i)] = int(std::floor((y(i) + 1) / 2));  // (yb + 1) // 2
  }
  Mat<double> D = Mat<double>::Zero(B, B);
  double pos_sum = 0, neg_sum = 0;
  for (Eigen::Index i = 0; i < B; ++i)
    for (Eigen::Index j = 0; j < B; ++j) {
      if (i == j) continue;
      D(i, j) = (U.row(i) - U.row(j)).norm();
      if (label[size_t(i)] == label[size_t(j)]) {
        ++out.pos_pairs;
        const double l = std::max(D(i, j) - pos_margin, 0.0);
        out.pos_active += l > 0;
        pos_sum += l;
      } else {
        ++out.neg_pairs;
        const double l = std::max(neg_margin - D(i, j), 0.0);
        out.neg_active += l > 0;
        neg_sum += l;
      }
    }
  if (out.pos_pairs <= 1 && out.neg_pairs <= 1) return out;  // GenericPairLoss: no pairs, zero loss
  const double cp = out.pos_active ? 1.0 / out.pos_active : 0.0, cn = out.neg_active ? 1.0 / out.neg_active : 0.0;
  out.value = pos_sum * cp + neg_sum * cn;
  if (!with_grad) return out;
  // dL/du_i: each ordered pair (i, j) with loss > 0 contributes c (u_i - u_j) / d_ij to u_i and its negative to u_j,
  // c = 1/N_pos for a positive pair, -1/N_neg for a negative one.
  Mat<double> GU = Mat<double>::Zero(B, m);
  for (Eigen::Index i = 0; i < B; ++i)
    for (Eigen::Index j = 0; j < B; ++j) {
      if (i == j || !(D(i, j) > 0)) continue;  // torch.cdist: zero gradient at zero distance
      double c = 0;
      if (label[size_t(i)] == label[size_t(j)]) c = D(i, j) - pos_margin > 0 ? cp : 0;
      else c = neg_margin - D(i, j) > 0 ? -cn : 0;
      if (c == 0) continue;
      const Vec<double> e = (U.row(i) - U.row(j)).transpose() * (c / D(i, j));
      GU.row(i) += e.transpose();
      GU.row(j) -= e.transpose();
    }
  // through u = h / max(||h||, eps) and h = relu(z)
  Mat<double> GZ(B, m);
  for (Eigen::Index i = 0; i < B; ++i) {
    Vec<double> gh = GU.row(i).transpose();
    if (norm(i) > eps) gh = (gh - U.row(i).transpose() * U.row(i).dot(GU.row(i))) / norm(i);
    else gh /= eps;
    for (Eigen::Index k = 0; k < m; ++k) GZ(i, k) = Z(i, k) > 0 ? gh(k) : 0.0;
  }
  const Mat<double> gW1 = GZ.transpose() * X;  // m x d
  for (Eigen::Index k = 0; k < m; ++k) {
    out.grad.segment(net.iW1(k, 0), d) = gW1.row(k).transpose();
    out.grad(net.ib(k)) = GZ.col(k).sum();
  }
  return out;
}

}  // namespace stabcheck::exper
