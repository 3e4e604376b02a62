// Two-layer ReLU network f(x) = sum_j W2[j] relu(W1[j,:] . x + b[j])  (lemmas-and-relu.md §5),
// with exact per-sample gradients, per-sample Hessians (Gauss-Newton g g^T and the full Hessian of the
// squared loss) and the coherence quantities Tr(H_i H_k) in closed form, for every scalar type
//   double | Mpfr | Rat (exact) | Ball (rigorous, used when r is irrational, e.g. r = sqrt(2) or (d+1)^(1/4)).
//
// Parameters are ordered (W2, W1, b) as in eq. (9)/(68); inside W1 the order is row-major:
//   index(W2[j]) = j,  index(W1[j,l]) = m + j*d + l,  index(b[j]) = m + m*d + j   (0-based), D = m(d+2).
//
// The ReLU kink is explicit. A pre-activation exactly 0 is a *kink*, reported in Point::kinks, and:
//   * grad()       throws KinkError if a kink unit has W2[j] != 0 (f is not differentiable there);
//                  with W2[j] == 0 the gradient exists (all its entries of unit j are 0) and is returned;
//   * hess_f()     throws KinkError at any kink (W2 relu(w.x) is not twice differentiable at w.x = 0);
//   * hess_loss()  throws at a kink unless the residual f - y is exactly 0 and every kink unit has
//                  W2[j] == 0: then the kink contributes at third order only and the loss Hessian is 2w g g^T.
// No subgradient is ever substituted silently. For Ball scalars a sign that the enclosure cannot decide
// throws std::domain_error (raise the precision).
#pragma once
#include "core/ball.hpp"
#include "core/tier.hpp"
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace stabcheck::relu {

using Index = Eigen::Index;

// ---------------------------------------------------------------- scalars
/// Lift a scalar into its Real type (double, Mpfr, Ball); Ball stays Ball.
inline double lift(double x) { return x; }
inline Mpfr lift(const Mpfr& x) { return x; }
inline Ball lift(const Rat& q) { return Ball(q); }
inline Ball lift(const Ball& x) { return x; }
template <class S> using RealT = decltype(lift(std::declval<S>()));

/// Convert an exact rational into scalar type S.
template <class S> S from_q(const Rat& q) {
  if constexpr (std::is_same_v<S, Ball>) return Ball(q);
  else return from_rat<S>(q);
}
template <class S> Vec<S> from_q(const VecQ& v) {
  Vec<S> o(v.size());
  for (Index i = 0; i < v.size(); ++i) o(i) = from_q<S>(v(i));
  return o;
}
template <class S> Mat<S> from_q(const MatQ& v) {
  Mat<S> o(v.rows(), v.cols());
  for (Index i = 0; i < v.rows(); ++i)
    for (Index j = 0; j < v.cols(); ++j) o(i, j) = from_q<S>(v(i, j));
  return o;
}

enum class Sign { Neg, Zero, Pos, Unknown };
inline Sign sign_of(double x) { return x > 0 ? Sign::Pos : x < 0 ? Sign::Neg : Sign::Zero; }
inline Sign sign_of(const Mpfr& x) { return x > 0 ? Sign::Pos : x < 0 ? Sign::Neg : Sign::Zero; }
inline Sign sign_of(const Rat& x) { return x > 0 ? Sign::Pos : x < 0 ? Sign::Neg : Sign::Zero; }
inline Sign sign_of(const Ball& x) {
  if (x.certainly_positive()) return Sign::Pos;
  if (x.certainly_negative()) return Sign::Neg;
  if (arb_is_zero(x.get())) return Sign::Zero;
  return Sign::Unknown;
}
template <class S> bool is_zero(const S& x) { return sign_of(x) == Sign::Zero; }
/// 0, 1 or -1 when x is exactly that value, else 2.
template <class S> int unit_value(const S& x) {
  if constexpr (std::is_same_v<S, Ball>) {
    if (arb_is_zero(x.get())) return 0;
    if (arb_is_one(x.get())) return 1;
    if (arb_equal_si(x.get(), -1)) return -1;
    return 2;
  } else {
    if (x == 0) return 0;
    if (x == 1) return 1;
    if (x == -1) return -1;
    return 2;
  }
}

/// max of two reals; rigorous (the union-aware Arb max) for Balls.
template <class R> R max_of(const R& a, const R& b) {
  if constexpr (std::is_same_v<R, Ball>) return max(a, b);
  else return a > b ? a : b;
}
template <class R> R min_of(const R& a, const R& b) {
  if constexpr (std::is_same_v<R, Ball>) return min(a, b);
  else return a < b ? a : b;
}

template <class S> Mat<S> zeros(Index r, Index c) {
  Mat<S> o(r, c);
  for (Index i = 0; i < r; ++i)
    for (Index j = 0; j < c; ++j) o(i, j) = S(0);
  return o;
}
template <class S> Vec<S> zeros(Index r) {
  Vec<S> o(r);
  for (Index i = 0; i < r; ++i) o(i) = S(0);
  return o;
}

// ---------------------------------------------------------------- model
template <class S> struct Net {
  Mat<S> W1;  // m x d
  Vec<S> b;   // m
  Vec<S> W2;  // m
  Index m() const { return W1.rows(); }
  Index d() const { return W1.cols(); }
  Index nparams() const { return m() * (d() + 2); }
  Index iW2(Index j) const { return j; }
  Index iW1(Index j, Index l) const { return m() + j * d() + l; }
  Index ib(Index j) const { return m() + m() * d() + j; }
};

template <class S> Net<S> net_from_q(const Net<Rat>& q) { return Net<S>{from_q<S>(q.W1), from_q<S>(q.b), from_q<S>(q.W2)}; }

/// Net with parameters (W2 * s2, W1 * s1, b * s1) (e.g. the positive rescaling r, 1/r of ReLU).
template <class S> Net<S> scaled(const Net<S>& n, const S& s1, const S& s2) {
  Net<S> o = n;
  for (Index j = 0; j < n.m(); ++j) {
    for (Index l = 0; l < n.d(); ++l) o.W1(j, l) = n.W1(j, l) * s1;
    o.b(j) = n.b(j) * s1;
    o.W2(j) = n.W2(j) * s2;
  }
  return o;
}

enum class Act : signed char { Off = 0, On = 1, Kink = 2 };

struct KinkError : std::domain_error {
  Index unit;
  KinkError(Index j, const std::string& what) : std::domain_error(what), unit(j) {}
};

/// The network evaluated at one input.
template <class S> struct Point {
  Vec<S> z;                   // pre-activations W1 x + b
  std::vector<Act> act;       // Off (z < 0), On (z > 0), Kink (z == 0 exactly)
  S f;                        // output
  std::vector<Index> kinks;   // units with z == 0
  bool weighted_kink = false; // some kink unit has W2[j] != 0 (f not differentiable)
  Index active_count() const {
    Index c = 0;
    for (Act a : act) c += a == Act::On;
    return c;
  }
};

template <class S> Point<S> evaluate(const Net<S>& net, const Vec<S>& x) {
  if (x.size() != net.d()) throw std::invalid_argument("relu::evaluate: input dimension mismatch");
  Point<S> p;
  const Index m = net.m(), d = net.d();
  p.z.resize(m);
  p.act.assign(size_t(m), Act::Off);
  p.f = S(0);
  std::vector<int> xv(static_cast<size_t>(d));  // inputs 0, 1, -1 take a multiplication-free path (exact in every tier)
  for (Index l = 0; l < d; ++l) xv[size_t(l)] = unit_value(x(l));
  for (Index j = 0; j < m; ++j) {
    S z = net.b(j);
    for (Index l = 0; l < d; ++l) {
      const S& w = net.W1(j, l);
      switch (xv[size_t(l)]) {
        case 0: break;
        case 1: z += w; break;
        case -1: z -= w; break;
        default: z += w * x(l);
      }
    }
    p.z(j) = z;
    switch (sign_of(z)) {
      case Sign::Pos: p.act[size_t(j)] = Act::On; p.f += net.W2(j) * z; break;
      case Sign::Neg: break;
      case Sign::Zero:
        p.act[size_t(j)] = Act::Kink;
        p.kinks.push_back(j);
        if (!is_zero(net.W2(j))) p.weighted_kink = true;
        break;
      case Sign::Unknown:
        throw std::domain_error("relu: sign of the pre-activation of hidden unit " + std::to_string(j + 1) +
                                " is not decided by its enclosure (raise the precision)");
    }
  }
  return p;
}

template <class S> S output(const Net<S>& net, const Vec<S>& x) { return evaluate(net, x).f; }

inline std::string kink_text(Index j, const std::string& what) {
  return "ReLU kink: the pre-activation of hidden unit " + std::to_string(j + 1) + " is exactly 0 at this input; " + what +
         " (no subgradient is substituted)";
}

/// Gradient of f with respect to (W2, W1, b) at a precomputed point.
template <class S> Vec<S> grad(const Net<S>& net, const Vec<S>& x, const Point<S>& p) {
  const Index m = net.m(), d = net.d();
  Vec<S> g = zeros<S>(net.nparams());
  for (Index j = 0; j < m; ++j) {
    if (p.act[size_t(j)] == Act::Kink) {
      if (!is_zero(net.W2(j))) throw KinkError(j, kink_text(j, "W2 of that unit is not 0, so f is not differentiable"));
      continue;  // W2[j] == 0: f is differentiable, all entries of unit j are 0 (relu(0) = 0, W2[j] = 0)
    }
    if (p.act[size_t(j)] != Act::On) continue;
    g(net.iW2(j)) = p.z(j);
    for (Index l = 0; l < d; ++l) g(net.iW1(j, l)) = net.W2(j) * x(l);
    g(net.ib(j)) = net.W2(j);
  }
  return g;
}
template <class S> Vec<S> grad(const Net<S>& net, const Vec<S>& x) { return grad(net, x, evaluate(net, x)); }

/// ||grad f(x)||^2 in closed form: sum over active units of relu(z_j)^2 + W2_j^2 (||x||^2 + 1); with_bias = false
/// leaves out the b-block (parameters (W2, W1) only). Throws KinkError like grad().
template <class S> S grad_norm2(const Net<S>& net, const Vec<S>& x, const Point<S>& p, bool with_bias = true) {
  S xx = with_bias ? S(1) : S(0);
  for (Index l = 0; l < x.size(); ++l) xx += x(l) * x(l);
  S s = S(0);
  for (Index j = 0; j < net.m(); ++j) {
    if (p.act[size_t(j)] == Act::Kink && !is_zero(net.W2(j)))
      throw KinkError(j, kink_text(j, "W2 of that unit is not 0, so f is not differentiable"));
    if (p.act[size_t(j)] != Act::On) continue;
    s += p.z(j) * p.z(j) + net.W2(j) * net.W2(j) * xx;
  }
  return s;
}

/// Dense Hessian of f (D x D). Its only non-zeros are d2f/dW2[j]dW1[j,l] = 1_j x_l and d2f/dW2[j]db[j] = 1_j.
template <class S> Mat<S> hess_f(const Net<S>& net, const Vec<S>& x, const Point<S>& p) {
  const Index m = net.m(), d = net.d(), D = net.nparams();
  if (!p.kinks.empty())
    throw KinkError(p.kinks.front(), kink_text(p.kinks.front(), "f is not twice differentiable in that unit's parameters"));
  Mat<S> F = zeros<S>(D, D);
  for (Index j = 0; j < m; ++j) {
    if (p.act[size_t(j)] != Act::On) continue;
    for (Index l = 0; l < d; ++l) F(net.iW2(j), net.iW1(j, l)) = F(net.iW1(j, l), net.iW2(j)) = x(l);
    F(net.iW2(j), net.ib(j)) = F(net.ib(j), net.iW2(j)) = S(1);
  }
  return F;
}
template <class S> Mat<S> hess_f(const Net<S>& net, const Vec<S>& x) { return hess_f(net, x, evaluate(net, x)); }

template <class S> Mat<S> outer(const Vec<S>& g) {
  Mat<S> H(g.size(), g.size());
  for (Index a = 0; a < g.size(); ++a)
    for (Index c = 0; c < g.size(); ++c) H(a, c) = g(a) * g(c);
  return H;
}

/// Gauss-Newton per-sample Hessian H_i = g g^T (the paper's H_i at a zero-loss solution).
template <class S> Mat<S> hess_gn(const Net<S>& net, const Vec<S>& x) { return outer(grad(net, x)); }

/// Full Hessian of the per-sample loss  w (f(x) - y)^2  (w = 1: the squared loss; w = 1/2 gives g g^T at zero loss):
///   2w [ g g^T + (f - y) Hess f ].
template <class S> Mat<S> hess_loss(const Net<S>& net, const Vec<S>& x, const S& y, const S& w = S(1)) {
  Point<S> p = evaluate(net, x);
  Vec<S> g = grad(net, x, p);  // throws at a kink with W2 != 0
  S resid = p.f - y;
  Mat<S> H = outer(g);
  if (!p.kinks.empty()) {
    if (!is_zero(resid))
      throw KinkError(p.kinks.front(), kink_text(p.kinks.front(), "the residual is not 0, so the loss is not twice differentiable"));
  } else if (!is_zero(resid)) {
    Mat<S> F = hess_f(net, x, p);
    for (Index a = 0; a < H.rows(); ++a)
      for (Index c = 0; c < H.cols(); ++c) H(a, c) += resid * F(a, c);
  }
  S two_w = S(2) * w;
  for (Index a = 0; a < H.rows(); ++a)
    for (Index c = 0; c < H.cols(); ++c) H(a, c) *= two_w;
  return H;
}

// ---------------------------------------------------------------- datasets and closed forms
/// Per-dataset features from which gradients inner products and Tr(H_i H_k) follow without forming any
/// D x D matrix. X is n x d (one input per row).
template <class S> struct Features {
  Mat<S> R;    // n x m: relu(z_ij) = dF/dW2[j] at x_i
  Mat<S> Q;    // n x m: W2[j] 1[z_ij > 0]
  Mat<S> Ind;  // n x m: 1[z_ij > 0]
  Mat<S> K;    // n x n: x_i . x_k + 1
  Vec<S> f;    // outputs
  std::vector<std::vector<Index>> kinks;  // per sample
  std::vector<bool> weighted_kink;        // per sample
  Index n() const { return R.rows(); }
  Index m() const { return R.cols(); }
};

template <class S> Features<S> features(const Net<S>& net, const Mat<S>& X) {
  const Index n = X.rows(), m = net.m();
  Features<S> F;
  F.R = zeros<S>(n, m);
  F.Q = zeros<S>(n, m);
  F.Ind = zeros<S>(n, m);
  F.K = zeros<S>(n, n);
  F.f = zeros<S>(n);
  for (Index i = 0; i < n; ++i) {
    Vec<S> x = X.row(i).transpose();
    Point<S> p = evaluate(net, x);
    F.f(i) = p.f;
    F.kinks.push_back(p.kinks);
    F.weighted_kink.push_back(p.weighted_kink);
    for (Index j = 0; j < m; ++j)
      if (p.act[size_t(j)] == Act::On) {
        F.R(i, j) = p.z(j);
        F.Q(i, j) = net.W2(j);
        F.Ind(i, j) = S(1);
      }
  }
  for (Index i = 0; i < n; ++i)
    for (Index k = 0; k < n; ++k) {
      S s = S(1);
      for (Index l = 0; l < X.cols(); ++l) s += X(i, l) * X(k, l);
      F.K(i, k) = s;
    }
  return F;
}

namespace detail {
/// G_ik = u sum_j R_ij R_kj + v K_ik sum_j Q_ij Q_kj (symmetric).
template <class S> Mat<S> weighted_grad_gram(const Features<S>& F, const S& u, const S& v) {
  const Index n = F.n(), m = F.m();
  Mat<S> G(n, n);
  for (Index i = 0; i < n; ++i)
    for (Index k = i; k < n; ++k) {
      S a = S(0), q = S(0);
      for (Index j = 0; j < m; ++j) {
        a += F.R(i, j) * F.R(k, j);
        q += F.Q(i, j) * F.Q(k, j);
      }
      G(i, k) = u * a + v * F.K(i, k) * q;
      if (k != i) G(k, i) = G(i, k);
    }
  return G;
}
}  // namespace detail

/// G_ik = g_i . g_k = sum_j R_ij R_kj + (x_i.x_k + 1) sum_j Q_ij Q_kj. Throws at a weighted kink.
template <class S> Mat<S> grad_gram(const Features<S>& F) {
  for (Index i = 0; i < F.n(); ++i)
    if (F.weighted_kink[size_t(i)])
      throw KinkError(F.kinks[size_t(i)].front(), kink_text(F.kinks[size_t(i)].front(), "sample " + std::to_string(i + 1) + ": f is not differentiable"));
  return detail::weighted_grad_gram(F, S(1), S(1));
}

/// Gradient Gram of a positively rescaled net (r W1, r b, r^e W2), e in {-1, 0}, from the features of the unscaled
/// net (the activation pattern is invariant since r > 0):  G(r) = r^2 R R^T + r^{2e} K o (Q Q^T).
/// Exact when r^2 is rational, even if r is not (e.g. r = sqrt 2). With e = -1 this is the (C, r) construction's
/// Gram computed from the (C, 1) net.
template <class S> Mat<S> grad_gram_rescaled(const Features<S>& F, const S& r2, int e = -1) {
  return detail::weighted_grad_gram(F, r2, e == -1 ? S(S(1) / r2) : S(1));
}

enum class HessKind { GaussNewton, Loss };

/// T_ik = Tr(H_i H_k) in closed form.
///  GaussNewton: H_i = g_i g_i^T                      -> (g_i.g_k)^2
///  Loss:        H_i = 2w (g_i g_i^T + rho_i Hess f_i), rho_i = f(x_i) - y_i, and
///     Tr(H_i H_k) = 4w^2 [ (g_i.g_k)^2 + rho_k a_ik + rho_i a_ki + rho_i rho_k t_ik ],
///     a_ik = g_i^T (Hess f_k) g_i = 2 (x_i.x_k + 1) sum_j R_ij W2_j 1_kj,
///     t_ik = Tr(Hess f_i Hess f_k) = 2 (x_i.x_k + 1) sum_j 1_ij 1_kj.
template <class S>
Mat<S> trace_gram(const Net<S>& net, const Features<S>& F, HessKind kind, const Vec<S>* y = nullptr, const S& w = S(1)) {
  Mat<S> G = grad_gram(F);
  const Index n = F.n(), m = F.m();
  Mat<S> T(n, n);
  if (kind == HessKind::GaussNewton) {
    for (Index i = 0; i < n; ++i)
      for (Index k = 0; k < n; ++k) T(i, k) = G(i, k) * G(i, k);
    return T;
  }
  if (!y) throw std::invalid_argument("relu::trace_gram: the loss Hessian needs labels");
  Vec<S> rho(n);
  for (Index i = 0; i < n; ++i) {
    rho(i) = F.f(i) - (*y)(i);
    if (!F.kinks[size_t(i)].empty() && !is_zero(rho(i)))
      throw KinkError(F.kinks[size_t(i)].front(),
                      kink_text(F.kinks[size_t(i)].front(), "sample " + std::to_string(i + 1) + ": the residual is not 0, so the loss is not twice differentiable"));
  }
  Mat<S> A(n, n), Tf(n, n);  // A(i,k) = sum_j R_ij W2_j 1_kj ; Tf(i,k) = sum_j 1_ij 1_kj
  for (Index i = 0; i < n; ++i)
    for (Index k = 0; k < n; ++k) {
      S a = S(0), t = S(0);
      for (Index j = 0; j < m; ++j) {
        a += F.R(i, j) * net.W2(j) * F.Ind(k, j);
        t += F.Ind(i, j) * F.Ind(k, j);
      }
      A(i, k) = S(2) * F.K(i, k) * a;
      Tf(i, k) = S(2) * F.K(i, k) * t;
    }
  S c = S(4) * w * w;
  for (Index i = 0; i < n; ++i)
    for (Index k = 0; k < n; ++k)
      T(i, k) = c * (G(i, k) * G(i, k) + rho(k) * A(i, k) + rho(i) * A(k, i) + rho(i) * rho(k) * Tf(i, k));
  return T;
}

/// Dense reference: every per-sample Hessian as a D x D matrix and Tr(H_i H_k) = sum_ab (H_i)_ab (H_k)_ba.
template <class S>
Mat<S> trace_gram_dense(const Net<S>& net, const Mat<S>& X, HessKind kind, const Vec<S>* y = nullptr, const S& w = S(1)) {
  const Index n = X.rows();
  std::vector<Mat<S>> H;
  for (Index i = 0; i < n; ++i) {
    Vec<S> x = X.row(i).transpose();
    H.push_back(kind == HessKind::GaussNewton ? hess_gn(net, x) : hess_loss(net, x, (*y)(i), w));
  }
  Mat<S> T(n, n);
  for (Index i = 0; i < n; ++i)
    for (Index k = 0; k < n; ++k) T(i, k) = trace_prod(H[size_t(i)], H[size_t(k)]);
  return T;
}

/// SAM (65)-(66) for rank-one H_i = g_i g_i^T, from the gradient Gram G:
///   g_i^T (I + cH) g_k = G_ik + (c/n) (G G)_ik,   S_SAM,ik = |that|,   lambda_max(H_SAM,i) = that at i = k.
template <class S> Mat<S> sam_gram(const Mat<S>& G, const S& c) {
  const Index n = G.rows();
  Mat<S> P(n, n);
  S cn = c / S(int(n));
  for (Index i = 0; i < n; ++i)
    for (Index k = 0; k < n; ++k) {
      S s = S(0);
      for (Index l = 0; l < n; ++l) s += G(i, l) * G(l, k);
      P(i, k) = G(i, k) + cn * s;
    }
  return P;
}

/// Elementwise |.| (S_ij = |g_i.g_j| for rank-one H_i).
template <class S> Mat<S> abs_mat(const Mat<S>& G) {
  Mat<S> A(G.rows(), G.cols());
  for (Index i = 0; i < G.rows(); ++i)
    for (Index k = 0; k < G.cols(); ++k) {
      using std::abs;
      A(i, k) = abs(G(i, k));
    }
  return A;
}

// ---------------------------------------------------------------- at scale (double only)
/// Closed-form Tr(H_i H_k) for n samples in double, through dense n x m feature matrices and GEMMs
/// (O(n^2 (m + d)) time, O(n (m + n)) memory, no per-sample Hessian is ever formed).
/// Same conventions as trace_gram. Throws KinkError as the generic version.
struct ScaleResult {
  Mat<double> G;  // g_i . g_k
  Mat<double> T;  // Tr(H_i H_k)
};
ScaleResult trace_gram_fast(const Net<double>& net, const Mat<double>& X, HessKind kind, const Vec<double>* y = nullptr,
                            double w = 1.0);

/// Coherence (Dexter et al.) of a family given T = Tr(H_i H_k) and lambda_max(H_i):
///   S = sqrt(T) elementwise, sigma = lambda_max(S) / max_i lambda_max(H_i). T must be >= 0.
struct Coherence {
  Mat<double> S;
  double lmax_S = 0, max_lmax_H = 0, sigma = 0;
};
/// Gauss-Newton case: lambda_max(H_i) = ||g_i||^2 = G_ii.
Coherence coherence_gn(const Mat<double>& G);
/// SAM version for rank-one H_i: S_SAM = |G + (c/n) G^2|, lambda_max(H_SAM,i) = (G + (c/n)G^2)_ii.
Coherence coherence_sam_gn(const Mat<double>& G, double c);

}  // namespace stabcheck::relu
