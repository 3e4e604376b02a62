// THM-3.6-SAM-COHERENCE — Theorem 3.6, proof C.12, eqs. (76)-(79).
// SAM coherence of the (C, r)-generalizing solution. The proof idealises: samples of one cluster share
// H_i = H_S = g g^T (s = Tr H_S = 2(d+1)^{1/2}), other clusters contribute 0, X_k ~ Bernoulli(2^{-C}) i.i.d.
//   (76) sum_k X_k sqrt(Tr[(I+cH)H_i(I+cH)H_j]) = (sum X_k) sqrt(Tr H_S^2) sqrt(1 + (2c/n) Tr H_S sum X_k
//        + (c^2/n^2) Tr H_S^2 sum_{k,k'} X_k X_k');
//   (77) Jensen: E[...] >= E[sum X_k] sqrt(Tr H_S^2) sqrt(1 + (2c/n) Tr H_S E[sum X_k] + (c^2/n^2) Tr H_S^2 E[sum X_k X_k']);
//   (78) E[sum X_k X_k']/n^2 = 2^{-2C} + (1/n)(2^{-C} - 2^{-2C}), and the lower bound (two equal forms);
//   (79) max_i lambda_max((I+cH)H_i) = max_i [||g_i||^2 + (c/n) sum_j (g_j.g_i)^2] = s (1 + c s / 2^C);
//   rho = 0 recovers SGD.
// Idealised claims are checked with exact rationals (s rational) or balls (s = 2(d+1)^{1/2}); the real-network
// versions on the literal (C, r) network with r^4 = d + 1.
#include "generators/kit.hpp"
#include "models/relu.hpp"
#include "models/relu_prob.hpp"
#include "generators/relu_datasets.hpp"
#include "generators/relu_nets.hpp"
#include <random>

namespace stabcheck::claim_thm_3_6_sam_coherence {
namespace {

using namespace relu;

template <class T> Mat<T> mmul(const Mat<T>& a, const Mat<T>& b) {
  Mat<T> c(a.rows(), b.cols());
  for (Index i = 0; i < a.rows(); ++i)
    for (Index j = 0; j < b.cols(); ++j) {
      T s = T(0);
      for (Index l = 0; l < a.cols(); ++l) s += a(i, l) * b(l, j);
      c(i, j) = s;
    }
  return c;
}
template <class T> T trace_(const Mat<T>& a) {
  T s = T(0);
  for (Index i = 0; i < a.rows(); ++i) s += a(i, i);
  return s;
}

enum class E76 { Identity, DistinctPairs, Expansion };

auto eq76(E76 which) {
  return [which](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    using R = Real<T>;
    Mat<T> A = s.mat_as<T>("A");
    Mat<T> HS = mmul<T>(A, Mat<T>(A.transpose()));
    const long n = s.integer("n"), m = s.integer("m");
    const T c = s.scalar_as<T>("c");
    const Index D = HS.rows();
    // idealised H = (1/n) sum_k X_k H_S = (m/n) H_S ; P = I + c H
    Mat<T> P = Mat<T>::Identity(D, D);
    for (Index i = 0; i < D; ++i)
      for (Index j = 0; j < D; ++j) P(i, j) += c * T(m) / T(n) * HS(i, j);
    Mat<T> PH = mmul<T>(P, HS);
    T tr_sam = trace_prod(PH, PH);  // Tr[(I+cH) H_S (I+cH) H_S]
    Mat<T> H2 = mmul<T>(HS, HS), H3 = mmul<T>(H2, HS), H4 = mmul<T>(H3, HS);
    const T t1 = trace_(HS), t2 = trace_(H2), t3 = trace_(H3), t4 = trace_(H4);
    const T nn = T(n), mm = T(m);
    if (which == E76::Expansion) {
      T rhs = t2 + T(2) * c / nn * t3 * mm + c * c / (nn * nn) * t4 * mm * mm;
      return sides(real(tr_sam), real(rhs), real(T(abs(tr_sam) + abs(rhs) + T(1))));
    }
    const T M2 = which == E76::Identity ? T(mm * mm) : T(mm * (mm - T(1)));  // sum_{k,k'} X_k X_k': all pairs | k != k'
    R lhs = real(mm) * sqrt(real(tr_sam));
    R rhs = real(mm) * sqrt(real(t2)) * sqrt(real(T(T(1) + T(2) * c / nn * t1 * mm + c * c / (nn * nn) * t2 * M2)));
    return sides(lhs, rhs);
  };
}

// ---------------------------------------------------------------- (77), (78) idealised expectations
template <class T> Real<T> s_of(const Sample& s) {
  using R = Real<T>;
  if (s.integer("s_mode") == 0) return real_of<T>(s.scalar("s"));
  return R(2) * sqrt(real_of<T>(Rat(s.integer("d") + 1)));
}

/// Law of the cluster size m: Bin(n, mu), or 1 + Bin(n-1, mu) (the row's own sample is always in its cluster).
template <class T> std::vector<std::pair<long, T>> law(long n, const T& mu, bool self) {
  std::vector<std::pair<long, T>> out;
  const long N = self ? n - 1 : n;
  for (long k = 0; k <= N; ++k) {
    T p = binom<T>(N, k);
    for (long e = 0; e < k; ++e) p *= mu;
    for (long e = 0; e < N - k; ++e) p *= T(T(1) - mu);
    out.push_back({self ? k + 1 : k, p});
  }
  return out;
}

enum class Pairs { All, Distinct };
template <class T> T M2_of(long m, Pairs pr) { return pr == Pairs::All ? T(m * m) : T(m * (m - 1)); }

/// The quantities of (77)-(78) for a sample: n, C, mu = 2^{-C}, s, c and the coefficients a = (2c/n) s and
/// b = (c^2/n^2) s^2 of the square root sqrt(1 + a m + b M2(m)).
template <class T> struct JensenParams {
  using R = Real<T>;
  long n, C;
  T mu;
  R sv, c, a, b;
  explicit JensenParams(const Sample& s)
      : n(s.integer("n")), C(s.integer("C")), mu(from_rat<T>(Rat(1, Int(1) << C))), sv(s_of<T>(s)), c(real_of<T>(s.scalar("c"))),
        a(R(2) * c / R(int(n)) * sv), b(c * c / R(int(n * n)) * sv * sv) {}
};

auto eq77(bool self, Pairs pr) {
  return [self, pr](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    using R = Real<T>;
    const JensenParams<T> j(s);
    R lhs = R(0);
    T Em = T(0), EM2 = T(0);
    for (const auto& [m, p] : law<T>(j.n, j.mu, self)) {
      lhs += real(p) * R(int(m)) * j.sv * sqrt(R(R(1) + j.a * R(int(m)) + j.b * real(M2_of<T>(m, pr))));
      Em += p * T(m);
      EM2 += p * M2_of<T>(m, pr);
    }
    R rhs = real(Em) * j.sv * sqrt(R(R(1) + j.a * real(Em) + j.b * real(EM2)));
    return sides(lhs, rhs);
  };
}

/// (78) right-hand side, second (factorised) form, with general s (the paper's 4(d+1) is s^2).
template <class R> R rhs78(long n, long C, const R& c, const R& s, bool first_form) {
  const R mu = R(1) / R(int(1L << C)), nn = R(int(n));
  if (first_form) return nn * mu * s * sqrt(R(R(1) + R(2) * c * mu * s + c * c * (mu * mu + (mu - mu * mu) / nn) * s * s));
  R one = R(1) + c * s * mu;
  return nn * mu * s * sqrt(R(one * one + c * c / nn * (mu - mu * mu) * s * s));
}

auto eq78_identity = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  const JensenParams<T> j(s);
  return sides(rhs78(j.n, j.C, j.c, j.sv, true), rhs78(j.n, j.C, j.c, j.sv, false));
};

auto eq78_bound(bool self) {
  return [self](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    using R = Real<T>;
    const JensenParams<T> j(s);
    R lhs = R(0);
    for (const auto& [m, p] : law<T>(j.n, j.mu, self))
      lhs += real(p) * R(int(m)) * j.sv * sqrt(R(R(1) + j.a * R(int(m)) + j.b * R(int(m * m))));
    return sides(lhs, rhs78(j.n, j.C, j.c, j.sv, false));
  };
}

/// E[sum_{k,k'} X_k X_k'] / n^2 by enumeration of {0,1}^n (n <= 12), vs 2^{-2C} + (1/n)(2^{-C} - 2^{-2C}).
auto double_sum(Pairs pr) {
  return [pr](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    const long n = s.integer("n"), C = s.integer("C");
    const T mu = from_rat<T>(Rat(1, Int(1) << C)), nn = T(n);
    T E = T(0);
    for (long mask = 0; mask < (1L << n); ++mask) {
      long m = __builtin_popcountl(mask);
      T p = T(1);
      for (long e = 0; e < m; ++e) p *= mu;
      for (long e = 0; e < n - m; ++e) p *= T(T(1) - mu);
      E += p * M2_of<T>(m, pr);
    }
    return sides(real(T(E / (nn * nn))), real(T(mu * mu + (mu - mu * mu) / nn)));
  };
}

// ---------------------------------------------------------------- real network
template <class T, class F> auto on_real_gram(const Sample& s, F&& f) {
  return with_cr_gram<T>(int(s.integer("d")), int(s.integer("C")), int(s.integer("m")), get_r(s), W2Sign::Pair, W2Mag::OverR, s.mat("X"),
                         std::forward<F>(f));
}

std::vector<long> units_of(const Sample& s) {
  std::vector<long> u;
  const MatQ& X = s.mat("X");
  for (Index i = 0; i < X.rows(); ++i) u.push_back(cr_unit(VecQ(X.row(i).transpose()), int(s.integer("C"))));
  return u;
}

/// max_i [G_ii + (c/n) sum_j G_ij^2] = max_i lambda_max((I+cH)H_i) for rank-one H_i.
template <class S> S max_lambda_sam(const Mat<S>& G, const S& c) {
  Mat<S> P = sam_gram(G, c);
  S mx = P(0, 0);
  for (Index i = 1; i < P.rows(); ++i)
    if (P(i, i) > mx) mx = P(i, i);
  return mx;
}

enum class E79 { ClosedForm, Upper };
auto eq79(E79 which) {
  return [which](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    const int d = int(s.integer("d")), C = int(s.integer("C"));
    auto units = units_of(s);
    std::vector<long> cnt(size_t(1) << C, 0);
    long mb = 0;
    for (long u : units) mb = std::max(mb, ++cnt[size_t(u)]);
    return on_real_gram<T>(s, [&](const auto& G, const auto&) {
      using S = typename std::decay_t<decltype(G)>::Scalar;
      using R = RealT<S>;
      const S c = from_q<S>(s.scalar("c"));
      Mat<S> P = sam_gram(G, c);
      R lhs = lift(S(P(0, 0)));
      for (Index i = 1; i < P.rows(); ++i) lhs = max_of(lhs, R(lift(S(P(i, i)))));
      const R sp = R(2) * sqrt(R(lift(S(d + 1)))), cr = lift(c);
      const R n = R(int(G.rows()));
      R rhs = which == E79::ClosedForm ? R(sp * (R(1) + cr * sp / R(int(1L << C)))) : R(sp * (R(1) + cr * sp * R(int(mb)) / n));
      return sides(lhs, rhs);
    });
  };
}

/// First equality of (79): eigenvalues of the explicit (I + cH) H_i versus g_i^T (I + cH) g_i (rational r).
auto eq79_rank_one = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  using R = Real<T>;
  Rat rq;
  if (!r_rational(get_r(s), rq)) throw std::invalid_argument("eq79 rank-one check needs a rational r");
  Net<T> net = cr_net<T>(int(s.integer("d")), int(s.integer("C")), int(s.integer("m")), from_rat<T>(rq));
  Mat<T> X = s.mat_as<T>("X");
  const Index n = X.rows(), D = net.nparams();
  const T c = s.scalar_as<T>("c");
  std::vector<Vec<T>> g;
  Mat<T> H = Mat<T>::Zero(D, D);
  for (Index i = 0; i < n; ++i) {
    g.push_back(grad(net, Vec<T>(X.row(i).transpose())));
    H += outer(g.back());
  }
  Mat<T> P = Mat<T>::Identity(D, D);
  for (Index a = 0; a < D; ++a)
    for (Index b = 0; b < D; ++b) P(a, b) += c / T(int(n)) * H(a, b);
  R lhs = R(0);
  for (Index i = 0; i < n; ++i) {
    Mat<T> M = mmul<T>(P, outer(g[size_t(i)]));
    auto ev = eig_moduli(M);
    for (const auto& e : ev) lhs = max_of(lhs, R(e));
  }
  Mat<T> G = grad_gram(features(net, X));
  R rhs = real(max_lambda_sam<T>(G, c));
  return sides(lhs, rhs);
};

auto cross_cluster_zero = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto units = units_of(s);
  return on_real_gram<T>(s, [&](const auto& G, const auto&) {
    using S = typename std::decay_t<decltype(G)>::Scalar;
    Mat<S> P = sam_gram(G, from_q<S>(s.scalar("c")));
    S off = S(0), diag = S(1);
    for (Index i = 0; i < P.rows(); ++i)
      for (Index k = 0; k < P.cols(); ++k) (units[size_t(i)] == units[size_t(k)] ? diag : off) += P(i, k) * P(i, k);
    return sides(lift(off), lift(S(0)), lift(diag));
  });
};

auto rho_zero = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  return on_real_gram<T>(s, [&](const auto& G, const auto&) {
    using S = typename std::decay_t<decltype(G)>::Scalar;
    using R = RealT<S>;
    Mat<S> P = sam_gram(G, S(0));  // c = rho/alpha = 0
    Mat<S> Ssam = abs_mat(P), Ssgd = abs_mat(G);
    S dev = S(0), scale = S(1);
    for (Index i = 0; i < P.rows(); ++i)
      for (Index k = 0; k < P.cols(); ++k) {
        dev += abs(S(Ssam(i, k) - Ssgd(i, k)));
        scale += Ssgd(i, k);
      }
    R sig_sam = lmax(Ssam) / lift(S(max_lambda_sam(G, S(0))));
    R mx = lift(S(G(0, 0)));
    for (Index i = 1; i < G.rows(); ++i) mx = max_of(mx, R(lift(S(G(i, i)))));
    R sig = lmax(Ssgd) / mx;
    return sides(R(lift(dev) + abs(R(sig_sam - sig))), R(0), R(lift(scale) + sig));
  });
};

/// (76) on the real network: for every i, sum_{k in block(i)} S_SAM,ik versus the idealised
/// m_i s sqrt(1 + (2c/n) s m_i + (c^2/n^2) s^2 m_i^2), m_i = |block(i)|, s = 2(d+1)^{1/2}.
auto eq76_real = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  const int d = int(s.integer("d"));
  auto units = units_of(s);
  return on_real_gram<T>(s, [&](const auto& G, const auto&) {
    using S = typename std::decay_t<decltype(G)>::Scalar;
    using R = RealT<S>;
    const S c = from_q<S>(s.scalar("c"));
    Mat<S> P = sam_gram(G, c);
    const Index n = P.rows();
    const R sp = R(2) * sqrt(R(lift(S(d + 1)))), cr = lift(c), nn = R(int(n));
    Deviation<R> dev{.scale = R(1)};
    for (Index i = 0; i < n; ++i) {
      S row = S(0);
      long m = 0;
      for (Index k = 0; k < n; ++k)
        if (units[size_t(k)] == units[size_t(i)]) { row += abs(P(i, k)); ++m; }
      R mr = R(int(m));
      R ideal = mr * sp * sqrt(R(R(1) + R(2) * cr / nn * sp * mr + cr * cr / (nn * nn) * sp * sp * mr * mr));
      dev.add(lift(row), ideal);
    }
    return dev.sides();
  });
};

// ---------------------------------------------------------------- (78) on the real network, exact expectation
/// E over n i.i.d. uniform inputs of sum_k S_SAM,1k for the literal network, exactly: with G the gradient Gram over
/// all 2^d inputs (entries >= 0, checked), S_SAM,1k = P_1k = G_1k + (c/n) sum_l G_1l G_lk, and by linearity
///   E = E[G11] + (n-1) E[G12] + (c/n) (E[G11^2] + (n-1)(E[G11 G12] + E[G12 G22] + E[G12^2]) + (n-1)(n-2) E[G12 G23]),
/// each expectation an average over all input pairs/triples of {-1,1}^d.
template <class S> S expected_row_sum(const Mat<S>& G, long n, const S& c) {
  const Index N = G.rows();
  S e11 = S(0), e12 = S(0), e11sq = S(0), e11_12 = S(0), e12_22 = S(0), e12sq = S(0), e12_23 = S(0);
  for (Index a = 0; a < N; ++a) {
    e11 += G(a, a);
    e11sq += G(a, a) * G(a, a);
    S col = S(0);
    for (Index b = 0; b < N; ++b) {
      if (sign_of(G(a, b)) == Sign::Neg || sign_of(G(a, b)) == Sign::Unknown)
        throw std::domain_error("expected_row_sum: a gradient product is not certainly >= 0, |P| != P");
      e12 += G(a, b);
      e12sq += G(a, b) * G(a, b);
      e11_12 += G(a, a) * G(a, b);
      e12_22 += G(a, b) * G(b, b);
      col += G(b, a);
    }
    e12_23 += col * col;
  }
  const S n1 = S(N), n2 = S(N) * S(N), n3 = n2 * S(N);
  e11 = e11 / n1;
  e11sq = e11sq / n1;
  e12 = e12 / n2;
  e12sq = e12sq / n2;
  e11_12 = e11_12 / n2;
  e12_22 = e12_22 / n2;
  e12_23 = e12_23 / n3;
  const S nm1 = S(n - 1), nm2 = S(n - 2), nn = S(n);
  return e11 + nm1 * e12 + c / nn * (e11sq + nm1 * (e11_12 + e12_22 + e12sq) + nm1 * nm2 * e12_23);
}

auto eq78_real = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  const int d = int(s.integer("d")), C = int(s.integer("C"));
  const long n = s.integer("n");
  return with_cr_gram<T>(d, C, int(s.integer("m")), get_r(s), W2Sign::Pair, W2Mag::OverR, all_points(d), [&](const auto& G, const auto&) {
    using S = typename std::decay_t<decltype(G)>::Scalar;
    using R = RealT<S>;
    const S c = from_q<S>(s.scalar("c"));
    R lhs = lift(expected_row_sum(G, n, c));
    R sp = R(2) * sqrt(R(lift(S(d + 1))));
    return sides(lhs, rhs78<R>(n, C, lift(c), sp, true));
  });
};

/// Monte Carlo estimate (4000 datasets) of the same expectation on the literal network (double): the mean with the
/// interval mean +/- 5 standard errors, which must contain the exact value (a statistical variant).
Estimate eq78_real_mc(const Sample& s) {
  const int d = int(s.integer("d")), C = int(s.integer("C")), n = int(s.integer("n"));
  const double c = s.scalar("c").convert_to<double>();
  const double r = std::pow(double(d + 1), 0.25);
  Net<double> net = cr_net<double>(d, C, 1 << C, r);
  // exact value (double) from all inputs
  Mat<double> Gall = grad_gram(features(net, from_q<double>(all_points(d))));
  const double exact = expected_row_sum(Gall, n, c);
  std::mt19937_64 rng(uint64_t(s.integer("mc_seed")));
  const long N = 4000;
  double sum = 0, sum2 = 0;
  Mat<double> X(n, d);
  for (long rep = 0; rep < N; ++rep) {
    for (int i = 0; i < n; ++i) {
      uint64_t bits = rng();
      for (int q = 0; q < d; ++q) X(i, q) = ((bits >> q) & 1) ? -1.0 : 1.0;
    }
    // network features of the n inputs (relu(z_ij), W2_j 1[z_ij > 0]); G = R R^T + (X X^T + 1) o (Q Q^T)
    Mat<double> Z = X * net.W1.transpose();
    Z.rowwise() += net.b.transpose();
    Mat<double> R = Z.cwiseMax(0.0), Q = (Z.array() > 0.0).cast<double>().matrix() * net.W2.asDiagonal();
    if ((Z.array() == 0.0).any()) throw std::logic_error("Monte Carlo: ReLU kink in the construction");
    // row 1 of G, then row 1 of P = G + (c/n) G^2 from the rows of G that row 1 touches
    Vec<double> g1 = R * R.row(0).transpose() + ((X * X.row(0).transpose()).array() + 1.0).matrix().cwiseProduct(Q * Q.row(0).transpose());
    Vec<double> p1 = g1;
    for (int l = 0; l < n; ++l) {
      if (g1(l) == 0) continue;
      Vec<double> gl = R * R.row(l).transpose() + ((X * X.row(l).transpose()).array() + 1.0).matrix().cwiseProduct(Q * Q.row(l).transpose());
      p1 += (c / n * g1(l)) * gl;
    }
    double row = p1.cwiseAbs().sum();
    sum += row;
    sum2 += row * row;
  }
  const double mean = sum / N, var = std::max(0.0, sum2 / N - mean * mean), se = std::sqrt(var / N);
  return Estimate{mean, mean - 5 * se, mean + 5 * se, exact};
}

const std::vector<std::string> kRealAll = {"real.random", "real.one-per-pattern", "real.same-block-pair", "real.d-eq-C"};

Claim make() {
  return Claim{
      .id = "THM-3.6-SAM-COHERENCE", .source = "Theorem 3.6, proof C.12, eqs. (76)-(79)",
      .statement =
          "(C,r)-generalizing solution under SAM (c = rho/alpha): idealised cluster H_i = H_j = H_S, other clusters 0, X_k ~ Bernoulli(2^{-C}): "
          "(76) row sum identity; (77) Jensen lower bound; (78) E[sum X_k X_k']/n^2 = 2^{-2C} + (1/n)(2^{-C} - 2^{-2C}) and "
          "E[row sum] >= (n/2^C) 2(d+1)^{1/2} sqrt((1 + c 2(d+1)^{1/2}/2^C)^2 + (c^2/n)(2^{-C} - 2^{-2C}) 4(d+1)); "
          "(79) max_i lambda_max((I+cH)H_i) = max_i [||g_i||^2 + (c/n) sum_j (g_j.g_i)^2] = 2(d+1)^{1/2}(1 + (c/2^C) 2(d+1)^{1/2}); rho = 0 recovers SGD",
      .readings = {
          {.name = "(i) all ordered pairs", .text = "the unreadable index set of sum_{k,k'} X_k X_k' is all ordered pairs (k, k'), k = k' included"},
          {.name = "(ii) distinct pairs", .text = "the index set is k != k'"},
      },
      // s = ||grad f||^2 = 2(d+1)^{1/2} is the construction's value at r^4 = d + 1 (C.1); the probability statement
      // "using the same method as in appendix" is the block-size bound of C.11
      .uses = {"EX-C1-CR-CONSTRUCTION", "THM-3.5-CHERNOFF"},
      .families = {
          {.name = "ideal.rank-one", .description = "H_S = g g^T, g in Z^D (|g_i| <= 3, D <= 4), n <= 8, cluster size m in 0..n, c in {0,1/100,1/2,1,2,10}",
           .gen = ideal_cluster_gen(true)},
          {.name = "ideal.general", .description = "H_S = A A^T, A in Z^{D x k}, k in {2,3} (rank >= 2 possible)", .gen = ideal_cluster_gen(false)},
          {.name = "jensen",
           .description = "n in {1,2,3,4,5,6,8,10,15,20,30}, C <= 4, c in {0,1/100,1/2,1,2,10}, s in {1, 1/10, 10, 100, 2(d+1)^{1/2} (d <= 20)}",
           .gen = jensen_gen()},
          {.name = "double-sum", .description = "n <= 12 (enumeration of {0,1}^n), C <= 4", .gen = double_sum_gen()},
          {.name = "real.random", .description = "(C,r) net, r^4 = d+1, 2 <= C <= 3, d <= 6, 1-8 uniform inputs", .gen = sam_dataset_gen(SamDataset::Random),
           .reduce = drops(1)},
          {.name = "real.one-per-pattern", .description = "(C,r) net, r^4 = d+1, one input per pattern (n = 2^C)",
           .gen = sam_dataset_gen(SamDataset::OnePerPattern)},
          {.name = "real.same-block-pair", .description = "(C,r) net, r^4 = d+1, two inputs of one block differing in the last coordinate",
           .gen = sam_dataset_gen(SamDataset::SameBlockPair)},
          {.name = "real.d-eq-C", .description = "(C,r) net, r^4 = d+1, d = C (every block holds copies of one point)", .gen = sam_dataset_gen(SamDataset::DEqC)},
          {.name = "real.rational-r", .description = "(C,r) net, r in {1, 2, 1/2, 3/2}, d <= 3, n <= 4 (explicit D x D matrices)",
           .gen = sam_dataset_gen(SamDataset::RationalR)},
          {.name = "real.expect", .description = "exact expectation over all inputs: 2 <= C <= d <= 5, n <= 60, r^4 = d+1", .gen = sam_expectation_gen(false)},
          {.name = "real.expect.d-eq-C", .description = "exact expectation over all inputs, d = C <= 4, n <= 60", .gen = sam_expectation_gen(true)},
          {.name = "real.expect.spec", .description = "(d, C, n) in {(5,3,50), (10,3,200)}, r^4 = d+1, Monte Carlo seed", .gen = sam_expectation_spec_gen()},
      },
      .variants = {
          {.slug = "eq76",
           .statement = "m sqrt(Tr[(I+cH)H_S(I+cH)H_S]) = m sqrt(Tr H_S^2) sqrt(1 + (2c/n) Tr H_S m + (c^2/n^2) Tr H_S^2 m^2), H = (m/n) H_S, H_S = g g^T",
           .rel = Rel::Eq, .eval = make_evaluator(eq76(E76::Identity)),
           .note = "(76) with sum_{k,k'} X_k X_k' over all ordered pairs (reading (i)) = m^2", .families = {"ideal.rank-one"},
           .checks = {"(76)c"}},
          {.slug = "eq76.distinct-pairs", .statement = "(76) with sum_{k != k'} X_k X_k' = m(m-1)", .rel = Rel::Eq,
           .eval = make_evaluator(eq76(E76::DistinctPairs)), .note = "reading (ii) of the unreadable index set", .families = {"ideal.rank-one"},
           .checks = {"(76)c"}},
          {.slug = "eq76.expansion",
           .statement = "Tr[(I+cH)H_S(I+cH)H_S] = Tr H_S^2 + (2c/n) Tr H_S^3 m + (c^2/n^2) Tr H_S^4 m^2, any PSD H_S", .rel = Rel::Eq,
           .eval = make_evaluator(eq76(E76::Expansion)), .note = "(76), first line", .families = {"ideal.rank-one", "ideal.general"},
           .checks = {"(76)a", "(76)b"}},
          {.slug = "eq76.general-HS", .statement = "(76) factorisation for H_S of any rank", .rel = Rel::Eq, .eval = make_evaluator(eq76(E76::Identity)),
           .note = "(76) uses Tr H_S^3 = Tr H_S Tr H_S^2, true for rank one only", .families = {"ideal.general"},
           .checks = {"(76)c"}},
          {.slug = "eq77",
           .statement = "E[m s sqrt(1 + (2c/n) s m + (c^2/n^2) s^2 m^2)] >= E[m] s sqrt(1 + (2c/n) s E[m] + (c^2/n^2) s^2 E[m^2]), m ~ Bin(n, 2^{-C})",
           .rel = Rel::Ge, .eval = make_evaluator(eq77(false, Pairs::All)), .note = "(77), Jensen, exact expectation", .families = {"jensen"},
           .checks = {"(77)"}},
          {.slug = "eq77.self-included", .statement = "(77) with m ~ 1 + Bin(n-1, 2^{-C}) (the row's own sample is in its cluster)", .rel = Rel::Ge,
           .eval = make_evaluator(eq77(true, Pairs::All)), .note = "(77) under the other law of the cluster size", .families = {"jensen"},
           .checks = {"(77)"}},
          {.slug = "eq77.distinct-pairs", .statement = "(77) with sum_{k != k'} X_k X_k' = m(m-1) in place of m^2, m ~ Bin(n, 2^{-C})", .rel = Rel::Ge,
           .eval = make_evaluator(eq77(false, Pairs::Distinct)), .note = "(77) under reading (ii)", .families = {"jensen"},
           .checks = {"(77)"}},
          {.slug = "eq77.distinct-pairs.self-included", .statement = "(77) with m(m-1), m ~ 1 + Bin(n-1, 2^{-C})", .rel = Rel::Ge,
           .eval = make_evaluator(eq77(true, Pairs::Distinct)), .note = "(77) under reading (ii) and the self-included law", .families = {"jensen"},
           .checks = {"(77)"}},
          {.slug = "eq78.double-sum",
           .statement = "E[sum_{k,k'} X_k X_k']/n^2 = 2^{-2C} + (1/n)(2^{-C} - 2^{-2C}), all ordered pairs (enumeration of {0,1}^n)", .rel = Rel::Eq,
           .eval = make_evaluator(double_sum(Pairs::All)), .note = "(77)->(78), reading (i)", .families = {"double-sum"},
           .checks = {"C.12-p4"}},
          {.slug = "eq78.double-sum.distinct-pairs", .statement = "E[sum_{k != k'} X_k X_k']/n^2 = 2^{-2C} + (1/n)(2^{-C} - 2^{-2C})", .rel = Rel::Eq,
           .eval = make_evaluator(double_sum(Pairs::Distinct)), .note = "(77)->(78), reading (ii)", .families = {"double-sum"},
           .checks = {"C.12-p4"}},
          {.slug = "eq78.identity", .statement = "the two forms of the (78) bound are equal (with 4(d+1) = s^2)", .rel = Rel::Eq,
           .eval = make_evaluator(eq78_identity), .note = "(78), algebra", .families = {"jensen"}, .checks = {"(78)b"}},
          {.slug = "eq78",
           .statement = "E[m s sqrt(1 + (2c/n) s m + (c^2/n^2) s^2 m^2)] >= (n/2^C) s sqrt((1 + c s/2^C)^2 + (c^2/n)(2^{-C} - 2^{-2C}) s^2), m ~ Bin(n, 2^{-C})",
           .rel = Rel::Ge, .eval = make_evaluator(eq78_bound(false)), .note = "(78), idealised", .families = {"jensen"},
           .checks = {"(78)a"}},
          {.slug = "eq78.self-included", .statement = "(78) with m ~ 1 + Bin(n-1, 2^{-C})", .rel = Rel::Ge, .eval = make_evaluator(eq78_bound(true)),
           .note = "(78), idealised, other law", .families = {"jensen"}, .checks = {"(78)a"}},
          {.slug = "eq78.real-network",
           .statement = "literal (C,r) net, r^4 = d+1, n i.i.d. uniform inputs: E[sum_k S_SAM,1k] >= (n/2^C) s sqrt(1 + (2c/2^C) s + c^2(2^{-2C} + (1/n)(2^{-C} - 2^{-2C})) s^2), "
                        "s = 2(d+1)^{1/2} (expectation exact over all inputs)",
           .rel = Rel::Ge, .eval = make_evaluator(eq78_real), .note = "does the idealised bound carry over to the real network?",
           .families = {"real.expect", "real.expect.spec"}, .checks = {"(78)a"}},
          {.slug = "eq78.real-network.d-eq-C", .statement = "as eq78.real-network with d = C (a block is one point, the idealisation is exact)",
           .rel = Rel::Ge, .eval = make_evaluator(eq78_real), .note = "repaired hypothesis d = C", .families = {"real.expect.d-eq-C"}},
          {.slug = "eq78.real-network.monte-carlo", .statement = "|Monte Carlo mean (4000 datasets) - exact E[sum_k S_SAM,1k]| / standard error <= 5",
           .rel = Rel::Eq, .statistical = {.estimate = eq78_real_mc, .method = "mean of 4000 datasets +/- 5 standard errors"},
           .note = "Monte Carlo of the real network's E[row sum] at the spec sizes, against the exact value (error budget: 5 standard errors)",
           .families = {"real.expect.spec"}, .checks = {"(78)a"}},
          {.slug = "eq79.rank-one-eigenvalue",
           .statement = "max_i lambda_max((I+cH)H_i) (eigenvalues of the explicit D x D matrices) = max_i [||g_i||^2 + (c/n) sum_j (g_j.g_i)^2]",
           .rel = Rel::Eq, .eval = make_evaluator(eq79_rank_one), .note = "(79), first equality", .families = {"real.rational-r"},
           .checks = {"(79)b"}},
          {.slug = "eq79", .statement = "max_i [||g_i||^2 + (c/n) sum_j (g_j.g_i)^2] = 2(d+1)^{1/2} (1 + (c/2^C) 2(d+1)^{1/2})", .rel = Rel::Eq,
           .eval = make_evaluator(eq79(E79::ClosedForm)), .note = "(79), closed form as printed", .families = kRealAll,
           .checks = {"(79)c"}},
          {.slug = "eq79.one-per-pattern", .statement = "(79) closed form on datasets with one input per pattern (n = 2^C)", .rel = Rel::Eq,
           .eval = make_evaluator(eq79(E79::ClosedForm)), .note = "(79) holds when the block sizes equal their mean n/2^C = 1",
           .families = {"real.one-per-pattern"}, .checks = {"(79)c"}},
          {.slug = "eq79.upper", .statement = "max_i lambda_max((I+cH)H_i) <= 2(d+1)^{1/2} (1 + c 2(d+1)^{1/2} max_p |S_p| / n)", .rel = Rel::Le,
           .eval = make_evaluator(eq79(E79::Upper)), .note = "repaired (79): the block fraction max_p |S_p|/n in place of 2^{-C}, as an upper bound",
           .families = kRealAll},
          {.slug = "cross-cluster-zero", .statement = "S_SAM,ik = 0 when x_i, x_k activate different units (lhs = sum of their squares)", .rel = Rel::Eq,
           .eval = make_evaluator(cross_cluster_zero), .note = "C.12: 'if two samples do not share the same activation, the element will be zero'",
           .families = kRealAll, .checks = {"C.12-p1"}},
          {.slug = "rho-zero", .statement = "c = 0: S_SAM = S entrywise and sigma_SAM = sigma", .rel = Rel::Eq, .eval = make_evaluator(rho_zero),
           .note = "sanity claim: rho = 0 recovers SGD", .families = kRealAll,
           .checks = {"C.12-p7"}},
          {.slug = "eq76.real-network",
           .statement = "for every i: sum_{k in block(i)} S_SAM,ik = m_i s sqrt(1 + (2c/n) s m_i + (c^2/n^2) s^2 m_i^2), m_i = |block(i)|", .rel = Rel::Eq,
           .eval = make_evaluator(eq76_real), .note = "(76) idealisation H_i = H_S on the real network", .families = kRealAll,
           .checks = {"C.12-p2"}},
          {.slug = "eq76.real-network.d-eq-C", .statement = "as eq76.real-network with d = C", .rel = Rel::Eq, .eval = make_evaluator(eq76_real),
           .note = "the idealisation is exact when a block is one point", .families = {"real.d-eq-C"},
           .checks = {"C.12-p2"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_3_6_sam_coherence
