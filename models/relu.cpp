// Double-precision closed-form coherence at scale (n ~ 1000 samples, width ~ 500) through GEMMs.
#include "models/relu.hpp"
#include "core/linalg.hpp"
#include <Eigen/Dense>
#include <cmath>

namespace stabcheck::relu {

ScaleResult trace_gram_fast(const Net<double>& net, const Mat<double>& X, HessKind kind, const Vec<double>* y, double w) {
  const Index n = X.rows(), m = net.m();
  if (X.cols() != net.d()) throw std::invalid_argument("relu::trace_gram_fast: input dimension mismatch");
  Mat<double> Z = X * net.W1.transpose();
  Z.rowwise() += net.b.transpose();
  Mat<double> R = Mat<double>::Zero(n, m), Ind = Mat<double>::Zero(n, m);
  Vec<double> f = Vec<double>::Zero(n);
  std::vector<char> has_kink(size_t(n), 0);
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < m; ++j) {
      double z = Z(i, j);
      if (z > 0) { R(i, j) = z; Ind(i, j) = 1; f(i) += net.W2(j) * z; }
      else if (z == 0) {
        if (net.W2(j) != 0)
          throw KinkError(j, kink_text(j, "sample " + std::to_string(i + 1) + ": W2 of that unit is not 0, so f is not differentiable"));
        has_kink[size_t(i)] = 1;
      }
    }
  Mat<double> Q = Ind * net.W2.asDiagonal();
  Mat<double> K = X * X.transpose();
  K.array() += 1.0;
  ScaleResult out;
  out.G = R * R.transpose();
  out.G.noalias() += (Q * Q.transpose()).cwiseProduct(K);
  if (kind == HessKind::GaussNewton) {
    out.T = out.G.cwiseProduct(out.G);
    return out;
  }
  if (!y) throw std::invalid_argument("relu::trace_gram_fast: the loss Hessian needs labels");
  Vec<double> rho = f - *y;
  for (Index i = 0; i < n; ++i)
    if (has_kink[size_t(i)] && rho(i) != 0)
      throw KinkError(0, "ReLU kink at sample " + std::to_string(i + 1) + " with a non-zero residual: the loss is not twice differentiable");
  Mat<double> A = (R * net.W2.asDiagonal()) * Ind.transpose();  // sum_j R_ij W2_j 1_kj
  A = 2.0 * A.cwiseProduct(K);
  Mat<double> Tf = 2.0 * (Ind * Ind.transpose()).cwiseProduct(K);
  out.T = out.G.cwiseProduct(out.G);
  out.T += rho.asDiagonal() * A.transpose();   // rho_i a_ki  -> (i,k): rho_i A(k,i)
  out.T += A * rho.asDiagonal();               // rho_k a_ik  -> (i,k): A(i,k) rho_k
  out.T += (rho * rho.transpose()).cwiseProduct(Tf);
  out.T *= 4.0 * w * w;
  return out;
}

static Coherence coherence_from(const Mat<double>& P) {
  Coherence c;
  c.S = P.cwiseAbs();
  c.lmax_S = lmax(c.S);
  c.max_lmax_H = P.diagonal().maxCoeff();
  c.sigma = c.max_lmax_H > 0 ? c.lmax_S / c.max_lmax_H : 0.0;
  return c;
}

Coherence coherence_gn(const Mat<double>& G) { return coherence_from(G); }

Coherence coherence_sam_gn(const Mat<double>& G, double c) {
  const double n = double(G.rows());
  Mat<double> P = G + (c / n) * (G * G);
  return coherence_from(P);
}

}  // namespace stabcheck::relu

// ---------------------------------------------------------------- probability helpers (models/relu_prob.hpp)
#include "models/relu_prob.hpp"
#include <arb.h>
#include <arf.h>

namespace stabcheck::relu {

Ball log_(const Ball& x) { return log(x); }
Ball exp_(const Ball& x) { return exp(x); }
long ceil_long(double x) { return long(std::ceil(x)); }
long ceil_long(const Mpfr& x) { return ceil(x).convert_to<long>(); }
long ceil_long(const Ball& x) {
  Ball c;
  arb_ceil(c.get(), x.get(), ball_prec());
  if (!arb_is_exact(c.get()) || !arb_is_int(c.get()))
    throw std::domain_error("ceil of an enclosure that straddles an integer (the threshold is too close to an integer)");
  return arf_get_si(arb_midref(c.get()), ARF_RND_NEAR);
}

static double log_binom_cdf(long k, long N, double p) {  // log P(Bin(N, p) <= k)
  if (p <= 0) return 0.0;
  if (p >= 1) return k >= N ? 0.0 : -INFINITY;
  double lp = std::log(p), lq = std::log1p(-p), mx = -INFINITY;
  std::vector<double> t;
  for (long i = 0; i <= k; ++i) {
    double v = std::lgamma(double(N) + 1) - std::lgamma(double(i) + 1) - std::lgamma(double(N - i) + 1) + double(i) * lp +
               double(N - i) * lq;
    t.push_back(v);
    mx = std::max(mx, v);
  }
  double s = 0;
  for (double v : t) s += std::exp(v - mx);
  return mx + std::log(s);
}

double cp_upper(long k, long N, double alpha) {
  if (k >= N) return 1.0;
  double lo = double(k) / double(N), hi = 1.0, la = std::log(alpha);
  for (int it = 0; it < 200; ++it) {  // P(Bin(N,p) <= k) decreases in p
    double mid = 0.5 * (lo + hi);
    if (log_binom_cdf(k, N, mid) > la) lo = mid; else hi = mid;
  }
  return hi;
}

double cp_lower(long k, long N, double alpha) {
  if (k <= 0) return 0.0;
  // P(Bin(N,p) >= k) = 1 - P(Bin <= k-1) increases in p
  double lo = 0.0, hi = double(k) / double(N);
  for (int it = 0; it < 200; ++it) {
    double mid = 0.5 * (lo + hi);
    double upper_tail = -std::expm1(log_binom_cdf(k - 1, N, mid));
    if (upper_tail < alpha) lo = mid; else hi = mid;
  }
  return lo;
}

}  // namespace stabcheck::relu
