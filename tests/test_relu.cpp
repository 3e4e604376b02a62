// Unit tests of the 2-layer ReLU model (models/relu.hpp), its probability helpers (models/relu_prob.hpp) and the
// constructions (generators/relu_nets.hpp).
#include "core/precision.hpp"
#include "generators/kit.hpp"
#include "models/relu.hpp"
#include "models/relu_prob.hpp"
#include "generators/relu_nets.hpp"
#include <gtest/gtest.h>
#include <chrono>
#include <random>

using namespace stabcheck;
using namespace stabcheck::relu;

namespace {

/// Random exact net with integer W1, W2 in [-3, 3] and half-integer b: on integer inputs no pre-activation is 0.
Net<Rat> random_net(std::mt19937_64& rng, int m, int d) {
  std::uniform_int_distribution<int> u(-3, 3);
  Net<Rat> n{MatQ(m, d), VecQ(m), VecQ(m)};
  for (int j = 0; j < m; ++j) {
    for (int l = 0; l < d; ++l) n.W1(j, l) = u(rng);
    n.b(j) = Rat(2 * u(rng) + 1, 2);
    n.W2(j) = u(rng);
  }
  return n;
}
MatQ random_inputs(std::mt19937_64& rng, int n, int d) {
  std::uniform_int_distribution<int> u(-2, 2);
  MatQ X(n, d);
  for (int i = 0; i < n; ++i)
    for (int l = 0; l < d; ++l) X(i, l) = u(rng);
  return X;
}

Mpfr f_of_params(const Net<Mpfr>& base, const Vec<Mpfr>& w, const Vec<Mpfr>& x) {
  Net<Mpfr> n = base;
  for (Index j = 0; j < n.m(); ++j) {
    n.W2(j) = w(n.iW2(j));
    for (Index l = 0; l < n.d(); ++l) n.W1(j, l) = w(n.iW1(j, l));
    n.b(j) = w(n.ib(j));
  }
  return output(n, x);
}
Vec<Mpfr> params_of(const Net<Mpfr>& n) {
  Vec<Mpfr> w(n.nparams());
  for (Index j = 0; j < n.m(); ++j) {
    w(n.iW2(j)) = n.W2(j);
    for (Index l = 0; l < n.d(); ++l) w(n.iW1(j, l)) = n.W1(j, l);
    w(n.ib(j)) = n.b(j);
  }
  return w;
}

}  // namespace

TEST(ReluModel, GradientMatchesFiniteDifferencesInMpfr) {
  AtPrecision at({.digits = 60});
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 5; ++trial) {
    const int m = 3 + trial % 2, d = 2 + trial % 3;
    Net<Mpfr> net = net_from_q<Mpfr>(random_net(rng, m, d));
    Vec<Mpfr> x = from_q<Mpfr>(VecQ(random_inputs(rng, 1, d).row(0).transpose()));
    Vec<Mpfr> gr = grad(net, x);
    Vec<Mpfr> w = params_of(net);
    const Mpfr h("1e-20");
    for (Index a = 0; a < w.size(); ++a) {
      Vec<Mpfr> wp = w, wm = w;
      wp(a) += h;
      wm(a) -= h;
      Mpfr fd = (f_of_params(net, wp, x) - f_of_params(net, wm, x)) / (2 * h);
      EXPECT_LT(double(abs(fd - gr(a))), 1e-30) << "parameter " << a;
    }
    // Hessian of f: finite differences of the gradient
    Mat<Mpfr> F = hess_f(net, x);
    for (Index a = 0; a < w.size(); ++a) {
      Vec<Mpfr> wp = w, wm = w;
      wp(a) += h;
      wm(a) -= h;
      Net<Mpfr> np = net, nm = net;
      for (Index j = 0; j < m; ++j) {
        np.W2(j) = wp(net.iW2(j)); nm.W2(j) = wm(net.iW2(j));
        for (Index l = 0; l < d; ++l) { np.W1(j, l) = wp(net.iW1(j, l)); nm.W1(j, l) = wm(net.iW1(j, l)); }
        np.b(j) = wp(net.ib(j)); nm.b(j) = wm(net.ib(j));
      }
      Vec<Mpfr> col = (grad(np, x) - grad(nm, x)) / (2 * h);
      for (Index b = 0; b < w.size(); ++b) EXPECT_LT(double(abs(col(b) - F(b, a))), 1e-30) << a << "," << b;
    }
    // full loss Hessian of (f - y)^2 against finite differences of its gradient 2 (f - y) g
    Mpfr y("0.37");
    Mat<Mpfr> HL = hess_loss(net, x, y);
    for (Index a = 0; a < w.size(); ++a) {
      Vec<Mpfr> wp = w, wm = w;
      wp(a) += h;
      wm(a) -= h;
      auto lg = [&](const Vec<Mpfr>& ww) {
        Net<Mpfr> nn = net;
        for (Index j = 0; j < m; ++j) {
          nn.W2(j) = ww(net.iW2(j));
          for (Index l = 0; l < d; ++l) nn.W1(j, l) = ww(net.iW1(j, l));
          nn.b(j) = ww(net.ib(j));
        }
        return Vec<Mpfr>(2 * (output(nn, x) - y) * grad(nn, x));
      };
      Vec<Mpfr> col = (lg(wp) - lg(wm)) / (2 * h);
      for (Index b = 0; b < w.size(); ++b) EXPECT_LT(double(abs(col(b) - HL(b, a))), 1e-25) << a << "," << b;
    }
  }
}

TEST(ReluModel, KinkIsReportedNotSmoothedOver) {
  // unit 1: z = x1 - x2 = 0 at x = (1, 1); unit 2: z = x1 + 1/2 > 0
  Net<Rat> q{MatQ(2, 2), VecQ(2), VecQ(2)};
  q.W1 << 1, -1, 1, 0;
  q.b << 0, Rat(1, 2);
  q.W2 << 2, 1;
  VecQ x(2);
  x << 1, 1;
  Point<Rat> p = evaluate(q, x);
  ASSERT_EQ(p.kinks.size(), 1u);
  EXPECT_EQ(p.kinks[0], 0);
  EXPECT_EQ(p.act[0], Act::Kink);
  EXPECT_TRUE(p.weighted_kink);
  try {
    grad(q, x);
    FAIL() << "no KinkError";
  } catch (const KinkError& e) {
    EXPECT_EQ(e.unit, 0);
    EXPECT_NE(std::string(e.what()).find("hidden unit 1"), std::string::npos) << e.what();
  }
  EXPECT_THROW(hess_f(q, x), KinkError);
  EXPECT_THROW(hess_loss(q, x, Rat(0)), KinkError);
  // the same in double and Mpfr
  EXPECT_THROW(grad(net_from_q<double>(q), from_q<double>(x)), KinkError);
  EXPECT_THROW(grad(net_from_q<Mpfr>(q), from_q<Mpfr>(x)), KinkError);
  // W2 = 0 on the kink unit: the gradient exists (entries of that unit 0), the Hessian of f does not,
  // the loss Hessian exists at zero residual only
  q.W2(0) = 0;
  p = evaluate(q, x);
  EXPECT_FALSE(p.weighted_kink);
  Vec<Rat> g = grad(q, x);
  EXPECT_EQ(g(q.iW2(0)), 0);
  EXPECT_EQ(g(q.iW1(0, 0)), 0);
  EXPECT_EQ(g(q.ib(0)), 0);
  EXPECT_EQ(g(q.iW2(1)), Rat(3, 2));
  EXPECT_THROW(hess_f(q, x), KinkError);
  Rat f = output(q, x);
  Mat<Rat> H = hess_loss(q, x, f);  // zero residual
  EXPECT_EQ(H, Mat<Rat>(Rat(2) * outer(g)));
  EXPECT_THROW(hess_loss(q, x, Rat(f + 1)), KinkError);
  // closed forms report it too
  MatQ X(1, 2);
  X.row(0) = x.transpose();
  Vec<Rat> y(1);
  y << f + 1;
  EXPECT_THROW(trace_gram(q, features(q, X), HessKind::Loss, &y), KinkError);
  q.W2(0) = 2;
  EXPECT_THROW(grad_gram(features(q, X)), KinkError);
  EXPECT_THROW(trace_gram_fast(net_from_q<double>(q), from_q<double>(X), HessKind::GaussNewton), KinkError);
  // a Ball whose sign is undecided is an error, not a kink
  Net<Ball> nb = net_from_q<Ball>(q);
  Ball wide = Ball::hull(Rat(-1, 1000), Rat(1, 1000));
  nb.b(0) = wide;
  EXPECT_THROW(evaluate(nb, from_q<Ball>(x)), std::domain_error);
}

TEST(ReluModel, ClosedFormCoherenceEqualsDenseExactly) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 12; ++trial) {
    const int m = 1 + trial % 4, d = 1 + trial % 3, n = 1 + trial % 5;
    Net<Rat> net = random_net(rng, m, d);
    MatQ X = random_inputs(rng, n, d);
    VecQ y(n);
    for (int i = 0; i < n; ++i) y(i) = Rat(int(rng() % 7) - 3, 2);
    Features<Rat> F = features(net, X);
    Mat<Rat> G = grad_gram(F);
    for (int i = 0; i < n; ++i)
      for (int k = 0; k < n; ++k) EXPECT_EQ(G(i, k), grad(net, VecQ(X.row(i).transpose())).dot(grad(net, VecQ(X.row(k).transpose()))));
    for (int i = 0; i < n; ++i) {
      VecQ x = X.row(i).transpose();
      EXPECT_EQ(grad_norm2(net, x, evaluate(net, x)), grad(net, x).squaredNorm());
      Vec<Rat> g = grad(net, x);
      EXPECT_EQ(grad_norm2(net, x, evaluate(net, x), false), Rat(g.squaredNorm() - g.tail(net.m()).squaredNorm()));
    }
    EXPECT_EQ(trace_gram(net, F, HessKind::GaussNewton), trace_gram_dense(net, X, HessKind::GaussNewton));
    EXPECT_EQ(trace_gram(net, F, HessKind::Loss, &y), trace_gram_dense(net, X, HessKind::Loss, &y));
    Rat half(1, 2);
    EXPECT_EQ(trace_gram(net, F, HessKind::Loss, &y, half), trace_gram_dense(net, X, HessKind::Loss, &y, half));
    // double fast path
    Vec<double> yd = from_q<double>(y);
    ScaleResult fast = trace_gram_fast(net_from_q<double>(net), from_q<double>(X), HessKind::Loss, &yd);
    Mat<double> dense = from_q<double>(MatQ(trace_gram_dense(net, X, HessKind::Loss, &y)));
    EXPECT_LT((fast.T - dense).cwiseAbs().maxCoeff(), 1e-9 * (1 + dense.cwiseAbs().maxCoeff()));
    EXPECT_LT((fast.G - from_q<double>(G)).cwiseAbs().maxCoeff(), 1e-9 * (1 + G.cast<double>().cwiseAbs().maxCoeff()));
  }
}

TEST(ReluModel, RescaledGramEqualsLiteralNetwork) {
  // exact for rational r
  for (int C = 2; C <= 3; ++C) {
    MatQ X = all_points(4);
    for (Rat r : {Rat(1), Rat(2), Rat(3, 2), Rat(1, 3)}) {
      Net<Rat> lit = cr_net<Rat>(4, C, (1 << C) + 1, r);
      Mat<Rat> G1 = grad_gram(features(lit, X));
      Mat<Rat> G2 = grad_gram_rescaled(features(cr_net<Rat>(4, C, (1 << C) + 1, Rat(1)), X), Rat(r * r));
      EXPECT_EQ(G1, G2);
      Net<Rat> lit1 = cr_net<Rat>(4, C, 1 << C, r, W2Sign::Pair, W2Mag::One);
      EXPECT_EQ(grad_gram(features(lit1, X)),
                grad_gram_rescaled(features(cr_net<Rat>(4, C, 1 << C, Rat(1), W2Sign::Pair, W2Mag::One), X), Rat(r * r), 0));
    }
  }
  // r = sqrt 2 in Mpfr against the exact rational Gram with r^2 = 2
  AtPrecision at({.digits = 50});
  MatQ X = all_points(3);
  Net<Mpfr> lit = cr_net<Mpfr>(3, 2, 4, Mpfr(sqrt(Mpfr(2))));
  Mat<Mpfr> G1 = grad_gram(features(lit, from_q<Mpfr>(X)));
  Mat<Rat> G2 = grad_gram_rescaled(features(cr_net<Rat>(3, 2, 4, Rat(1)), X), Rat(2));
  for (Index i = 0; i < G1.rows(); ++i)
    for (Index k = 0; k < G1.cols(); ++k) EXPECT_LT(double(abs(G1(i, k) - Mpfr(G2(i, k)))), 1e-40);
}

TEST(ReluConstruction, MatchesSpecExample) {
  Net<Rat> n = cr_net<Rat>(5, 3, 10, Rat(1));
  const int w1[8][3] = {{1, 1, 1}, {-1, 1, 1}, {1, -1, 1}, {-1, -1, 1}, {1, 1, -1}, {-1, 1, -1}, {1, -1, -1}, {-1, -1, -1}};
  const int w2[10] = {1, -1, -1, 1, 1, -1, -1, 1, 0, 0};
  for (int j = 0; j < 10; ++j) {
    for (int q = 0; q < 5; ++q) EXPECT_EQ(n.W1(j, q), (j < 8 && q < 3) ? Rat(w1[j][q]) : Rat(0)) << j << "," << q;
    EXPECT_EQ(n.W2(j), w2[j]) << j;
    EXPECT_EQ(n.b(j), j < 8 ? Rat(-2) : Rat(0)) << j;
  }
  // point idx activates unit idx mod 2^C; zero rows are kinks with W2 = 0 (gradient defined)
  MatQ X = all_points(5);
  for (Index i = 0; i < X.rows(); ++i) {
    VecQ x = X.row(i).transpose();
    Point<Rat> p = evaluate(n, x);
    EXPECT_EQ(p.active_count(), 1);
    EXPECT_EQ(p.act[size_t(i % 8)], Act::On);
    EXPECT_EQ(p.kinks.size(), 2u);
    EXPECT_FALSE(p.weighted_kink);
    EXPECT_EQ(p.f, x(0) * x(1));
    EXPECT_EQ(grad(n, x).squaredNorm(), Rat(1 + 6));
  }
}

TEST(ReluConstruction, PrintedExample) {
  auto mis = compare_printed(W2Sign::Pair);
  std::string all;
  for (const auto& m : mis) all += m.str() + "; ";
  std::cout << "[printed example vs construction, W2 sign (-1)^{a1+a2}] " << mis.size() << " mismatches: " << all << "\n";
  ASSERT_EQ(mis.size(), 2u) << all;
  EXPECT_EQ(mis[0].what, "W1");
  EXPECT_EQ(mis[0].row, 6);
  EXPECT_EQ(mis[0].col, 1);
  EXPECT_EQ(mis[0].printed, 1);
  EXPECT_EQ(mis[0].constructed, -1);
  EXPECT_EQ(mis[1].what, "W2");
  EXPECT_EQ(mis[1].row, 6);
  EXPECT_EQ(mis[1].printed, 1);
  EXPECT_EQ(mis[1].constructed, -1);
  auto mp = compare_printed(W2Sign::Parity);
  all.clear();
  for (const auto& m : mp) all += m.str() + "; ";
  std::cout << "[printed example vs construction, W2 sign parity of all C bits] " << mp.size() << " mismatches: " << all << "\n";
  EXPECT_EQ(mp.size(), 4u) << all;
  std::cout << "[printed example] b is unreadable in the OCR: " << printed_example().b_ocr << "\n";
}

TEST(ReluConstruction, GeneratorsAreKinkFreeAndMemorizing) {
  for (uint64_t seed = 0; seed < 60; ++seed) {
    rc::Random rnd(rc::Random::Key{seed, 1, 2, 3});
    int d = 1 + int(seed % 6), n = std::min(1 << d, 1 + int(seed % 5));
    MatQ X = distinct_points(n, d)(rnd, 50).value();
    for (int i = 0; i < n; ++i)
      for (int k = i + 1; k < n; ++k) EXPECT_NE(X.row(i), X.row(k));
    Net<Rat> net = memorizing_net(X)(rnd, 50).value();
    auto A = active_sets(net, X);
    std::vector<int> seen(size_t(net.m()), 0);
    for (const auto& a : A) {
      EXPECT_FALSE(a.empty());
      for (Index j : a) EXPECT_EQ(seen[size_t(j)]++, 0);
    }
    Net<Rat> sn = small_int_net(3, d)(rnd, 50).value();
    MatQ all = all_points(d);
    for (Index i = 0; i < all.rows(); ++i) EXPECT_TRUE(evaluate(sn, VecQ(all.row(i).transpose())).kinks.empty());
  }
}

TEST(ReluConstruction, ReductionsKeepSamplesConsistent) {
  std::mt19937_64 rng(3);
  Net<Rat> net = random_net(rng, 3, 2);
  MatQ X = random_inputs(rng, 3, 2);
  Sample s;
  put_net(s, net);
  s.mats["X"] = X;
  s.mats["y"] = outputs(net, X);
  auto rows = drop_row(s, "X", 1);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].mat("X").rows(), 2);
  EXPECT_EQ(rows[1].mat("y"), MatQ(outputs(net, rows[1].mat("X"))));
  EXPECT_TRUE(drop_row(rows[0], "X", 2).empty());
  auto units = drop_unit(s, 1);
  ASSERT_EQ(units.size(), 3u);
  for (const auto& t : units) {
    EXPECT_EQ(get_net(t).m(), 2);
    EXPECT_EQ(t.mat("y"), MatQ(outputs(get_net(t), X)));
  }
}

TEST(ReluProb, TailsMatchBruteForce) {
  // P(max cell >= k0) by enumeration of all K^n assignments
  for (long K : {2L, 4L})
    for (long n = 1; n <= 5; ++n)
      for (long k0 = 0; k0 <= n + 1; ++k0) {
        long total = 1, hit = 0;
        for (long e = 0; e < n; ++e) total *= K;
        for (long a = 0; a < total; ++a) {
          std::vector<long> cnt(size_t(K), 0);
          long v = a, mx = 0;
          for (long e = 0; e < n; ++e) { mx = std::max(mx, ++cnt[size_t(v % K)]); v /= K; }
          hit += mx >= k0;
        }
        EXPECT_EQ(max_cell_tail<Rat>(n, K, k0), Rat(hit, total)) << K << " " << n << " " << k0;
      }
  for (long n = 1; n <= 8; ++n)
    for (long k0 = 0; k0 <= n + 1; ++k0) {
      Rat p(1, 4), s = 0;
      for (long mask = 0; mask < (1L << n); ++mask) {
        long k = __builtin_popcountl(mask);
        if (k < k0) continue;
        Rat t = 1;
        for (long e = 0; e < n; ++e) t *= ((mask >> e) & 1) ? p : Rat(1) - p;
        s += t;
      }
      EXPECT_EQ(binom_upper_tail<Rat>(n, p, k0), s);
    }
  EXPECT_NEAR(cp_upper(0, 4000, 1e-6), 1 - std::pow(1e-6, 1.0 / 4000), 1e-9);
  EXPECT_LT(cp_lower(10, 4000, 1e-6), 10.0 / 4000);
  EXPECT_GT(cp_upper(10, 4000, 1e-6), 10.0 / 4000);
  EXPECT_EQ(ceil_long(Ball(Rat(7, 2))), 4);
  EXPECT_THROW(ceil_long(Ball::hull(Rat(29, 10), Rat(31, 10))), std::domain_error);
}

// Coherence at scale: n = 1000 samples, width 500, without forming any per-sample Hessian. The closed form is
// compared with per-pair gradient products on sampled pairs; timings are printed.
TEST(ReluScale, CoherenceN1000Width500) {
  const int n = 1000, m = 500, d = 20;
  std::mt19937_64 rng(5);
  std::normal_distribution<double> nd(0.0, 1.0);
  Net<double> net{Mat<double>(m, d), Vec<double>(m), Vec<double>(m)};
  for (int j = 0; j < m; ++j) {
    for (int l = 0; l < d; ++l) net.W1(j, l) = nd(rng) / std::sqrt(double(d));
    net.b(j) = 0.1 * nd(rng);
    net.W2(j) = nd(rng) / std::sqrt(double(m));
  }
  Mat<double> X(n, d);
  Vec<double> y(n);
  for (int i = 0; i < n; ++i) {
    for (int l = 0; l < d; ++l) X(i, l) = (rng() & 1) ? 1.0 : -1.0;
    y(i) = X(i, 0) * X(i, 1);
  }
  auto t0 = std::chrono::steady_clock::now();
  ScaleResult gn = trace_gram_fast(net, X, HessKind::GaussNewton);
  auto t1 = std::chrono::steady_clock::now();
  Coherence co = coherence_gn(gn.G);
  auto t2 = std::chrono::steady_clock::now();
  ScaleResult full = trace_gram_fast(net, X, HessKind::Loss, &y);
  auto t3 = std::chrono::steady_clock::now();
  Coherence sam = coherence_sam_gn(gn.G, 0.5);
  auto t4 = std::chrono::steady_clock::now();
  auto sec = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  std::cout << "[scale n=1000 width=500 d=20, double] Tr(H_i H_k) Gauss-Newton " << sec(t0, t1) << " s; S, lambda_max(S), sigma "
            << sec(t1, t2) << " s (sigma = " << co.sigma << "); full loss Hessians " << sec(t2, t3) << " s; SAM (c = 1/2) "
            << sec(t3, t4) << " s (sigma_SAM = " << sam.sigma << ")\n";
  // spot checks against explicit gradients (D = 11000) and, for the loss Hessian, against the closed form's
  // ingredients recomputed per pair
  std::vector<Vec<double>> g;
  std::vector<int> idx = {0, 1, 17, 500, 999};
  for (int i : idx) g.push_back(grad(net, Vec<double>(X.row(i).transpose())));
  for (size_t a = 0; a < idx.size(); ++a)
    for (size_t b = 0; b < idx.size(); ++b) {
      double gg = g[a].dot(g[b]);
      EXPECT_NEAR(gn.G(idx[a], idx[b]), gg, 1e-10 * (1 + std::abs(gg)));
      EXPECT_NEAR(gn.T(idx[a], idx[b]), gg * gg, 1e-10 * (1 + gg * gg));
    }
  // full Hessians at this size: dense check on a 40 x 30 slice of the same network
  Net<double> small{net.W1.topRows(30), net.b.head(30), net.W2.head(30)};
  Mat<double> Xs = X.topRows(40);
  Vec<double> ys = y.head(40);
  ScaleResult fs = trace_gram_fast(small, Xs, HessKind::Loss, &ys);
  Mat<double> dense = trace_gram_dense(small, Xs, HessKind::Loss, &ys);
  EXPECT_LT((fs.T - dense).cwiseAbs().maxCoeff(), 1e-10 * (1 + dense.cwiseAbs().maxCoeff()));
  EXPECT_GT(co.sigma, 1.0 - 1e-12);
  EXPECT_LE(co.sigma, double(n) + 1e-9);
  EXPECT_LT(sec(t0, t3), 60.0);
}
