// EXP-C4 / EXP-C5: ReLU training and coherence along training (see relu_training.hpp).
#include "experiments/relu_training.hpp"
#include "experiments/contrastive.hpp"
#include "experiments/structured_hessian.hpp"
#include "core/linalg.hpp"
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

namespace stabcheck::exper {

using relu::Net;

std::string opt_name(Opt o, double rho) {
  if (o == Opt::SGD) return "SGD";
  std::ostringstream s;
  s << (o == Opt::SAM ? "SAM rho=" : "noise s=") << rho;
  return s.str();
}

Data make_data(int n, int d, Rng& rng) {
  Data D;
  D.X.resize(n, d);
  D.y.resize(n);
  for (int i = 0; i < n; ++i) {
    for (int l = 0; l < d; ++l) D.X(i, l) = (rng.next() >> 63) ? 1.0 : -1.0;
    D.y(i) = D.X(i, 0) * D.X(i, 1);
  }
  return D;
}

Net<double> init_net(const TrainConfig& c, Rng& rng) {
  Net<double> net{Mat<double>(c.hidden, c.d), Vec<double>(c.hidden), Vec<double>(c.hidden)};
  if (c.init == "generalizing") {  // the (C, r) solution of C.1 with C = 3, r = (d+1)^(1/4), plus N(0, 0.01^2) (the code's "purturb")
    const int C = 3;
    if (c.hidden < (1 << C) || c.d < C) throw std::invalid_argument("--init generalizing needs hidden >= 8 and d >= 3");
    const double r = std::pow(c.d + 1.0, 0.25);
    net.W1.setZero();
    net.b.setZero();
    net.W2.setZero();
    for (int j = 0; j < (1 << C); ++j) {
      int a1 = 0, a2 = 0;
      for (int q = 0; q < C; ++q) {
        const int a = (j >> (C - 1 - q)) & 1;  // np.binary_repr: most significant bit first
        net.W1(j, q) = a ? -r : r;
        if (q == 0) a1 = a;
        if (q == 1) a2 = a;
      }
      net.b(j) = -r * (C - 1);
      net.W2(j) = ((a1 + a2) % 2 ? -1.0 : 1.0) / r;
    }
    for (int j = 0; j < c.hidden; ++j) {
      for (int l = 0; l < c.d; ++l) net.W1(j, l) += 0.01 * rng.normal();
      net.b(j) += 0.01 * rng.normal();
      net.W2(j) += 0.01 * rng.normal();
    }
    return net;
  }
  if (c.init != "default") throw std::invalid_argument("unknown --init '" + c.init + "' (default, generalizing)");
  // PyTorch nn.Linear: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and bias
  const double a1 = 1 / std::sqrt(double(c.d)), a2 = 1 / std::sqrt(double(c.hidden));
  for (int j = 0; j < c.hidden; ++j) {
    for (int l = 0; l < c.d; ++l) net.W1(j, l) = a1 * (2 * rng.uniform() - 1);
    net.b(j) = a1 * (2 * rng.uniform() - 1);
  }
  for (int j = 0; j < c.hidden; ++j) net.W2(j) = a2 * (2 * rng.uniform() - 1);
  return net;
}

namespace {
Mat<double> preact(const Net<double>& net, const Mat<double>& X) {
  Mat<double> Z = X * net.W1.transpose();
  Z.rowwise() += net.b.transpose();
  return Z;
}
Mat<double> hidden(const Net<double>& net, const Mat<double>& X) { return preact(net, X).cwiseMax(0.0); }
}  // namespace

Eval evaluate(const Net<double>& net, const Data& data) {
  const Vec<double> f = hidden(net, data.X) * net.W2;
  Eval e;
  for (Eigen::Index i = 0; i < f.size(); ++i) {
    e.loss += (f(i) - data.y(i)) * (f(i) - data.y(i));
    const double s = f(i) > 0 ? 1 : f(i) < 0 ? -1 : 0;  // torch.sign: 0 counts as wrong
    e.acc += s == data.y(i);
  }
  e.loss /= double(f.size());
  e.acc /= double(f.size());
  return e;
}

Vec<double> batch_grad(const Net<double>& net, const Data& data, const std::vector<int>& rows) {
  const Eigen::Index m = net.m(), d = net.d(), nb = Eigen::Index(rows.size());
  Mat<double> X(nb, d);
  Vec<double> y(nb);
  for (Eigen::Index i = 0; i < nb; ++i) { X.row(i) = data.X.row(rows[size_t(i)]); y(i) = data.y(rows[size_t(i)]); }
  const Mat<double> Z = preact(net, X), A = Z.cwiseMax(0.0);
  const Vec<double> r = (A * net.W2 - y) * (2.0 / double(nb));  // d/df of the batch mean of (f - y)^2
  Mat<double> G = (r * net.W2.transpose()).array() * (Z.array() > 0).cast<double>();  // nb x m: dL/dz
  Vec<double> g(net.nparams());
  g.segment(0, m) = A.transpose() * r;
  const Mat<double> gW1 = G.transpose() * X;  // m x d
  for (Eigen::Index j = 0; j < m; ++j) g.segment(net.iW1(j, 0), d) = gW1.row(j).transpose();
  g.segment(net.ib(0), m) = G.colwise().sum().transpose();
  return g;
}

Net<double> add(const Net<double>& net, const Vec<double>& delta) {
  Net<double> o = net;
  const Eigen::Index m = net.m(), d = net.d();
  for (Eigen::Index j = 0; j < m; ++j) {
    o.W2(j) += delta(net.iW2(j));
    for (Eigen::Index l = 0; l < d; ++l) o.W1(j, l) += delta(net.iW1(j, l));
    o.b(j) += delta(net.ib(j));
  }
  return o;
}

void step(Net<double>& net, const Data& data, const std::vector<int>& rows, const TrainConfig& c, Rng& rng) {
  Vec<double> g;
  if (c.opt == Opt::SGD) {
    g = batch_grad(net, data, rows);
  } else if (c.opt == Opt::SAM) {  // the full SAM step of the public code: gradient at w + rho g / (||g|| + 1e-12)
    const Vec<double> g0 = batch_grad(net, data, rows);
    g = batch_grad(add(net, g0 * (c.rho / (g0.norm() + 1e-12))), data, rows);
  } else {  // noise injection, update (3): gradient at w + xi, xi ~ N(0, noise^2 I)
    Vec<double> xi(net.nparams());
    for (Eigen::Index k = 0; k < xi.size(); ++k) xi(k) = c.noise * rng.normal();
    g = batch_grad(add(net, xi), data, rows);
  }
  if (c.contrastive != 0) {  // nn_training.py: lambda_metric * ContrastiveLoss(features(xb), (yb + 1) // 2), at w
    Mat<double> X(Eigen::Index(rows.size()), data.X.cols());
    Vec<double> y(Eigen::Index(rows.size()));
    for (size_t i = 0; i < rows.size(); ++i) { X.row(Eigen::Index(i)) = data.X.row(rows[i]); y(Eigen::Index(i)) = data.y(rows[i]); }
    g += c.contrastive * contrastive_loss(net, X, y).grad;
  }
  net = add(net, -c.lr * g);
}

int effective_rank(const Mat<double>& F, double threshold) {
  if (F.rows() < 2) return 0;
  const Mat<double> Fc = F.rowwise() - F.colwise().mean();
  const Mat<double> cov = Fc.transpose() * Fc / double(F.rows() - 1);
  const std::vector<double> ascending = eigvals_sym(cov);
  const Vec<double> ev = Eigen::Map<const Vec<double>>(ascending.data(), Eigen::Index(ascending.size())).reverse();
  const double total = ev.sum();
  if (!(total > 0)) return 0;
  double acc = 0;
  for (Eigen::Index k = 0; k < ev.size(); ++k) {
    acc += ev(k) / total;
    if (acc >= threshold) return int(k + 1);
  }
  return int(ev.size());
}

namespace {
/// Stats of a diverged run: non-finite parameters give NaN everywhere (eigensolvers must not see them).
bool diverged(const Net<double>& net, CoherenceStats& st, bool overflow = false) {
  if (!overflow && net.W1.allFinite() && net.b.allFinite() && net.W2.allFinite()) return false;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  st.finite = false;
  st.lmax_S = st.max_lmax_Hi = st.sigma = st.lmax_H = st.tr_H = st.lanczos_residual = nan;
  return true;
}
}  // namespace

CoherenceStats coherence_stats(const Net<double>& net, const Data& data, bool gauss_newton) {
  const Eigen::Index n = data.X.rows(), D = net.nparams();
  std::vector<Mat<double>> H;
  H.reserve(size_t(n));
  Mat<double> Hbar = Mat<double>::Zero(D, D);
  CoherenceStats st;
  if (diverged(net, st)) return st;
  for (Eigen::Index i = 0; i < n; ++i) {
    const Vec<double> x = data.X.row(i).transpose();
    H.push_back(gauss_newton ? Mat<double>(2.0 * relu::hess_gn(net, x)) : relu::hess_loss(net, x, data.y(i)));
    if (!H.back().allFinite() && diverged(net, st, true)) return st;
    Hbar += H.back() / double(n);
    st.max_lmax_Hi = std::max(st.max_lmax_Hi, lmax(H.back()));
  }
  Mat<double> S(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i; j < n; ++j) {
      const double t = (H[size_t(i)].array() * H[size_t(j)].array()).sum();  // Tr(H_i H_j), both symmetric
      if (t < 0) ++st.negative_pairs;
      S(i, j) = S(j, i) = std::sqrt(std::max(t, 0.0));
    }
  st.lmax_S = lmax(S);
  st.sigma = st.max_lmax_Hi > 0 ? st.lmax_S / st.max_lmax_Hi : 0;
  st.lmax_H = lmax(Hbar);
  st.tr_H = Hbar.trace();
  st.er = effective_rank(hidden(net, data.X));
  return st;
}

CoherenceStats coherence_stats_structured(const Net<double>& net, const Data& data, bool gauss_newton, double tol) {
  CoherenceStats st;
  if (diverged(net, st)) return st;
  const HessianStructure s = hessian_structure(net, data.X, data.y, gauss_newton);
  const Mat<double> T = trace_products(s);
  if (!T.allFinite() && diverged(net, st, true)) return st;  // finite parameters, overflowing products
  const Eigen::Index n = T.rows();
  Mat<double> S(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) {
      if (j >= i && T(i, j) < 0) ++st.negative_pairs;
      S(i, j) = std::sqrt(std::max(T(i, j), 0.0));
    }
  st.lmax_S = lmax(S);
  st.max_lmax_Hi = std::max(0.0, per_sample_lmax(s).maxCoeff());
  st.sigma = st.max_lmax_Hi > 0 ? st.lmax_S / st.max_lmax_Hi : 0;
  const TopEig top = lanczos_top([&](const Vec<double>& v) { return mean_hessian_apply(s, v); }, s.nparams(), tol, 400, 0x1A2C);
  st.lmax_H = top.value;
  st.lanczos_steps = top.steps;
  st.lanczos_residual = top.residual;
  st.tr_H = mean_hessian_trace(s);
  st.er = effective_rank(s.R);
  return st;
}

}  // namespace stabcheck::exper
