// Structured per-sample Hessians of the two-layer ReLU net (see structured_hessian.hpp).
#include "experiments/structured_hessian.hpp"
#include "experiments/rng.hpp"
#include "core/linalg.hpp"
#include <cmath>
#include <limits>

namespace stabcheck::exper {

HessianStructure hessian_structure(const relu::Net<double>& net, const Mat<double>& X, const Vec<double>& y,
                                   bool gauss_newton) {
  HessianStructure s;
  s.X = X;
  s.Z = X * net.W1.transpose();
  s.Z.rowwise() += net.b.transpose();
  s.R = s.Z.cwiseMax(0.0);
  s.Ind = (s.Z.array() > 0).cast<double>().matrix();
  s.K = (X * X.transpose()).array() + 1.0;
  s.a = net.W2;
  s.f = s.R * s.a;
  s.r = gauss_newton ? Vec<double>(Vec<double>::Zero(X.rows())) : Vec<double>(s.f - y);
  // ||g_i||^2 = sum_k relu(z_ik)^2 + (||x_i||^2 + 1) sum_k 1_ik a_k^2
  s.g2 = s.R.rowwise().squaredNorm() + s.K.diagonal().cwiseProduct(s.Ind * s.a.cwiseAbs2());
  return s;
}

Mat<double> trace_products(const HessianStructure& s) {
  const Mat<double> Ra = s.R * s.a.asDiagonal(), Qa = s.Ind * s.a.asDiagonal();
  const Mat<double> G = s.R * s.R.transpose() + s.K.cwiseProduct(Qa * Qa.transpose());  // g_i . g_j
  const Mat<double> A = 2.0 * s.K.cwiseProduct(Ra * s.Ind.transpose());                 // g_i^T C_j g_i
  const Mat<double> Tc = 2.0 * s.K.cwiseProduct(s.Ind * s.Ind.transpose());              // Tr(C_i C_j)
  const int n = s.n();
  Mat<double> T(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      T(i, j) = 4 * (G(i, j) * G(i, j) + s.r(j) * A(i, j) + s.r(i) * A(j, i) + s.r(i) * s.r(j) * Tc(i, j));
  return T;
}

Vec<double> per_sample_lmax(const HessianStructure& s) {
  Vec<double> l(s.n());
  for (int i = 0; i < s.n(); ++i) {
    if (s.Ind.row(i).sum() == 0) { l(i) = 0; continue; }  // no active unit: H_i = 0
    const double g2 = s.g2(i), s2 = s.K(i, i), r = s.r(i);
    l(i) = g2 + std::sqrt(std::max(0.0, g2 * g2 + 4 * s2 * r * (r + 2 * s.f(i))));
  }
  return l;
}

double mean_hessian_trace(const HessianStructure& s) { return 2 * s.g2.mean(); }

Vec<double> mean_hessian_apply(const HessianStructure& s, const Vec<double>& v) {
  const Eigen::Index m = s.a.size(), d = s.X.cols();
  const Vec<double> va = v.segment(0, m), vb = v.segment(m + m * d, m);
  const Mat<double> Vw = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(v.data() + m, m, d);
  Mat<double> P = s.X * Vw.transpose();  // P_ik = (x_i, 1) . v_{w_k}
  P.rowwise() += vb.transpose();
  const Mat<double> IndP = s.Ind.cwiseProduct(P);
  const Vec<double> gv = s.R * va + IndP * s.a;  // g_i . v
  // 2 sum_i (g_i.v) g_i + 2 sum_i r_i C_i v, then / n
  const Vec<double> c = 2.0 * gv, cr = 2.0 * s.r;
  Vec<double> out(v.size());
  out.segment(0, m) = s.R.transpose() * c + IndP.transpose() * cr;
  const Mat<double> Wi = s.Ind.transpose() * c.asDiagonal();   // m x n: 2 (g_i.v) 1_ik
  const Mat<double> Wr = s.Ind.transpose() * cr.asDiagonal();  // m x n: 2 r_i 1_ik
  const Mat<double> gW = s.a.asDiagonal() * (Wi * s.X) + va.asDiagonal() * (Wr * s.X);  // m x d
  for (Eigen::Index k = 0; k < m; ++k) out.segment(m + k * d, d) = gW.row(k).transpose();
  out.segment(m + m * d, m) = s.a.cwiseProduct(Wi.rowwise().sum()) + va.cwiseProduct(Wr.rowwise().sum());
  return out / double(s.n());
}

TopEig lanczos_top(const std::function<Vec<double>(const Vec<double>&)>& apply, Eigen::Index dim, double tol,
                   int max_steps, uint64_t seed) {
  TopEig out;
  const int kmax = int(std::min<Eigen::Index>(dim, max_steps));
  Mat<double> Q(dim, kmax);
  Rng rng(seed);
  Vec<double> q(dim);
  for (Eigen::Index i = 0; i < dim; ++i) q(i) = rng.normal();
  q.normalize();
  std::vector<double> alpha, beta;
  for (int k = 0; k < kmax; ++k) {
    Q.col(k) = q;
    Vec<double> w = apply(q);
    alpha.push_back(q.dot(w));
    for (int pass = 0; pass < 2; ++pass)  // full reorthogonalisation, twice
      w -= Q.leftCols(k + 1) * (Q.leftCols(k + 1).transpose() * w);
    const double b = w.norm();
    if (!std::isfinite(b) || !std::isfinite(alpha.back())) {
      out.value = out.residual = std::numeric_limits<double>::quiet_NaN();
      out.steps = k + 1;
      return out;
    }
    // Ritz values of the (k+1) x (k+1) tridiagonal matrix
    Mat<double> T = Mat<double>::Zero(k + 1, k + 1);
    for (int i = 0; i <= k; ++i) {
      T(i, i) = alpha[size_t(i)];
      if (i < k) T(i, i + 1) = T(i + 1, i) = beta[size_t(i)];
    }
    Vec<double> ritz;
    Mat<double> vectors;
    eig_sym_vectors(T, ritz, vectors);
    const Eigen::Index top = k;  // eigenvalues ascending
    out.value = ritz(top);
    out.residual = b * std::abs(vectors(k, top));
    out.steps = k + 1;
    if (out.residual <= tol * std::max(std::abs(out.value), 1e-300) || b <= 1e-14 * std::max(std::abs(out.value), 1e-300))
      break;
    beta.push_back(b);
    q = w / b;
  }
  return out;
}

}  // namespace stabcheck::exper
