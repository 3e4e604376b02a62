// THM-3.3-LINKS — the links of C.10-C.13 (and C.1) that THM-3.3, THM-3.4, THM-3.5, THM-3.6 and EX-C1 leave unchecked where
// they stand. c = rho/alpha; the construction of C.13 is THM-3.3's (H_i = m e1 e1^T for i <= sigma, m = n lambda1/sigma).
//  C.13-p5 "E[Tr[J^_k^T..J^_1^T J^_1..J^_k]] = Tr[E[(J^T J)]^k] as all matrix involved are commuting with i.i.d sampled"
//          (OCR "Te[E[(JT.J1)?*]]"): the left side by brute force over the (2^n)^k batch sequences, against
//          Tr[(E J^T J)^k] (the spec's reading, E J^T J enumerated, then powered) and against Tr E[(J^T J)^k] (the power
//          inside the expectation, as the OCR places it). n <= 4, n k <= 8.
//  (80)a   E[J^T J] = E[(I - eta H^ - eta c H H^)(I - eta H^ - eta c H^ H)] (J substituted; the OCR does not show which
//          factor carries H H^ and which H^ H, they commute on the construction; the transpose is the first factor);
//  (80)b   = E[I - 2 eta H^ - eta c (H^ H + H H^) + eta^2 H^2 + eta^2 c (H^2 H + H H^2) + eta^2 c^2 H H^2 H] (expanded):
//          every expectation enumerated over the 2^n batches, each side formed in its own way.
//  (83)-(86) the rearrangements of (82) e1-entry (81) < 1 read in the OCR as
//          (83) -2 eta l (1 + c l) + eta^2 l^2 (1 + c l)^2 + eta^2 (n/B - 1)(1 + c l)^2 l^2/sigma < 0,
//          (84) -2 + eta l (1 + c l) + eta (n/B - 1)(1 + c l) l/sigma < 0  ("divide ... by eta l (1 + c l)"),
//          (85) eta l (1 + c l)((n/B - 1)/sigma + 1) < 2,  (86) (eta l/sigma)(1 + c l)(n/B - 1 + sigma) < 2  (l = lambda1);
//          each step is checked as one equivalence: the margins (right minus left) of the two lines are equal, up to the
//          factor eta l (1 + c l) > 0 of (84) (strict inequalities: equal signs), exact rationals.
//  C.13-p7 "The additional term (1 + c lambda1) ... gives a more restricted learning rate choice compared to the SGD":
//          the learning-rate threshold of (87), 2 sigma/(l (1 + c l)(n/B - 1 + sigma)), is <= its value at c = 0.
//  C.10-p3 "The corresponding coherence measure is small compared to other solution": for H_i = g_i g_i^T,
//          sigma = lambda_max(|G|)/max_i G_ii is 1 on memorizing nets (S diagonal, rank-one H_i) and >= 1 on other nets
//          (small integer nets, the (C, r) generalizing solution): a memorizing solution attains the smallest coherence.
//  (74)a   P(|S_i| >= n mu + n eps) = P((1/n) sum_k X_k >= mu + eps), mu = 2^{-C}, eps = sqrt((C + log 1/delta)/(2n)): the
//          binomial tail above ceil(n(mu + eps)) against the enumeration of the 2^n outcomes of the indicators X_k with the
//          event decided on the mean (n <= 12).
//  (75)b   sum_{i=1}^{2^C} P(|S_i| >= n mu + n eps) <= sum_{i=1}^{2^C} delta e^{-C} (the OCR of (75) is unreadable here;
//          the spec's reading), exact binomial tails.
//  C.12-p3 "this is a convex function in terms of the random variables and therefore we can lower bound it by taking the
//          expectation first": (77) puts E[sum X_k] and E[sum_{k,k'} X_k X_k'] (all ordered pairs) into
//          G(u, v) = u s sqrt(1 + (2c/n) s u + (c^2/n^2) s^2 v), rank-one H_S (s = Tr H_S): Jensen needs G convex on the
//          convex hull of the support {(m, m^2)}; checked by midpoint convexity at u = 1, v in {1, 2} (n >= 2; (1, 2) is
//          the midpoint of (0, 0) and (2, 4)). Beside it the sentence's literal reading, convexity of
//          F(X) = G(sum X_k, (sum X_k)^2) in the X_k (a function of m = sum X_k: midpoints of m in 0..n).
//  (79)a   substitute H = (1/n) sum_j g_j g_j^T: (I + cH) H_i, with H_i the Hessian of (1/2)(f - y)^2 at zero loss and H their
//          mean, equals (I + (c/n) sum_j g_j g_j^T) g_i g_i^T for every i (explicit D x D matrices; then so do the maxima
//          of their lambda_max), (C, r) net with rational r.
//  C.1-p4  Tr[grad f grad f^T] = ||grad f||^2: the diagonal of the explicit outer product of grad() summed, against the
//          model's closed form relu(z)^2 + W2^2 (||x||^2 + 1) over the active units.
//  (9), (68) the gradient of f(x) = W2 ReLU(W1 x + b) w.r.t. (W2, W1, b), printed twice alike (OCR "Relu(W1,1 x_i) ..
//          W2,1 1[W1,1 x_i > 0] x_i .. W2,j 1[W1,d x_i > 0]"), read with the bias inside ReLU and 1[.] and units 1..m (the
//          project's reading): the formula written from the print against exact directional derivatives. Inside the
//          activation pattern f is of degree <= 2 along any direction v, so (f(w + tv) - f(w - tv))/(2t) is exact for a
//          rational t with |t u_j| < |z_j| (u_j the change of pre-activation j, decided exactly); every coordinate direction
//          and one random V, rational nets (pre-activations odd multiples of 1/4) and small integer nets.
//  C.1-p2  "And the Hessian is grad f grad f^T (for zero loss solution)": no loss is printed in C.1/C.10. Under the chosen
//          reading C1-p2.half, l_i = (1/2)(f - y)^2 (the convention of the spec's H_i and of (79)a), the exact Hessian equals
//          g g^T; under C1-p2.mse, l_i = (f - y)^2 (C.4 says 'mse loss'), it is 2 g g^T (refuted, repaired beside). The Hessian from exact second differences:
//          l is a polynomial of degree <= 4 along v inside the pattern, so the 5-point stencil is l''(0) exactly; entries by
//          polarization over e_a, e_a + e_b; zero-loss points are labelled small nets and the (C, r) net on y = x1 x2.
//  (8)     the printed b of the example (d = 5, C = 3, r = 1, m = 10); the OCR of (8) is unreadable, the prose gives
//          "b[j] = -r(C - 1)" and "For k > C ... b[k] = 0": b = -r(C-1) on the 2^C pattern rows, 0 on the rest, written into
//          the construction's net, which then has exactly one active unit per x in {-1,1}^d and zero loss on y = x1 x2 (the
//          example itself, and every (C, r) net of "small"/"single-x").
//  C.3-p1  "We use m = 2 so that the sharpness of the minima (lambda_max(H)) is controlled to be 2" on C.3's construction
//          (H_i = m e1 e1^T, i <= sigma, m e_{i-sigma+1} e^T otherwise; H the mean): lambda_max(H) = 2 sigma/n, refuted unless
//          sigma = n; the repair m = 2n/sigma beside.
//  C.3-p2  "We set the learning rate to be smaller than 1 [to] make sure diverging behavior arise due to noise not the
//          sharpness": eta < 1 => eta lambda_max(H) < 2 (strictness decided exactly), for m = 2n/sigma (lambda_max(H) = 2)
//          and for the printed m = 2.
//  C.12-p6 "The additional higher order interacting term give strong additional bias toward solution with lower C ... the
//          term become more significant when the data dimension ... becomes higher": read on (79)c,
//          2(d+1)^{1/2}(1 + (c/2^C) 2(d+1)^{1/2}): the term (c/2^C)(2(d+1)^{1/2})^2 and its size relative to 2(d+1)^{1/2},
//          (c/2^C) 2(d+1)^{1/2}, strictly decrease from C to C + 1 and increase from d to d + 1 (c > 0: at c = 0 there is no
//          such term); tier square roots, strictness decided exactly (the term is rational, the ratio compared squared).
//  Not declared: C.12-p5 "With probability 1 - delta, the eigenvalue of the coherence matrix is upper bounded by
//          d O(C^{-1}(d+1)^{1/2} sqrt((1 + ...) + ...(1/2^C - 1/2^{2C}))(d + 1))": an O(.) with no constant, nothing to compute.
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "models/relu.hpp"
#include "models/relu_prob.hpp"
#include "generators/construction.hpp"
#include "generators/relu_construction_grid.hpp"
#include "generators/relu_datasets.hpp"
#include "generators/relu_nets.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_thm_3_3_links {
namespace {

using namespace relu;

// ---------------------------------------------------------------- C.13
/// The construction with a step count k (ints "k"): n in 1..4, k in 1..min(3, 8/n), grid of THM-3.3 otherwise.
rc::Gen<Sample> construction_with_k(char variant) {
  return rc::gen::mapcat(construction::n_sigma(1, 4), [variant](std::pair<int, int> ns) {
    const int n = ns.first, sigma = ns.second, kmax = std::max(1, std::min(3, 8 / n));
    return rc::gen::map(rc::gen::tuple(rc::gen::inRange(1, n + 1), rc::gen::inRange(0, 4), rc::gen::inRange(0, 5), rc::gen::inRange(0, 7),
                                       gen::dim(1, 3), gen::dim(1, kmax)),
                        [variant, n, sigma](const std::tuple<int, int, int, int, int, int>& t) {
                          const Rat B(std::get<0>(t)), l = construction::kGridLambda1[std::get<1>(t)];
                          const Rat c = construction::kGridCLambda1[std::get<2>(t)] / l;
                          Sample s;
                          s.families["H"] = construction::family(variant, n, sigma, l, std::get<4>(t));
                          s.scalars["B"] = B;
                          s.scalars["c"] = c;
                          s.scalars["eta"] = construction::eta_threshold_87(n, B, sigma, l, c) * construction::kGridEtaFactor[std::get<3>(t)];
                          s.scalars["lambda1"] = l;
                          s.ints["sigma"] = sigma;
                          s.ints["k"] = std::get<5>(t);
                          return s;
                        });
  });
}

/// C.13-p5: |E Tr[J_1^T..J_k^T J_k..J_1] - Tr[(E J^T J)^k]| (inside = false) or - Tr E[(J^T J)^k] (inside = true).
auto power_trace(bool inside) {
  return [inside](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    const int k = int(s.integer("k"));
    const T lhs = T(mom::brute_moment(m, k).trace());
    const auto ps = mom::patterns(m);
    const Mat<T> I = Mat<T>::Identity(m.d, m.d);
    T rhs = T(0);
    if (!inside) {
      const Mat<T> E = mom::enum_E_JtAJ(ps, I);
      Mat<T> P = I;
      for (int j = 0; j < k; ++j) P = Mat<T>(P * E);
      rhs = T(P.trace());
    } else {
      for (const auto& p : ps) {
        const Mat<T> JJ = p.J.transpose() * p.J;
        Mat<T> P = I;
        for (int j = 0; j < k; ++j) P = Mat<T>(P * JJ);
        rhs += T(P.trace()) * p.w;
      }
    }
    return sides(real(T(abs(T(lhs - rhs)))), real(T(0)), real(T(T(1) + abs(lhs) + abs(rhs))));
  };
}

/// (80)a (expand = false): E[J^T J] = E[(I - eta H^ - eta c H H^)(I - eta H^ - eta c H^ H)]; (80)b: that = the expansion.
auto link80(bool expand) {
  return [expand](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    const Mat<T> I = Mat<T>::Identity(m.d, m.d), H = m.Hbar;
    const T eta = m.eta, c = m.c;
    Mat<T> lhs = Mat<T>::Zero(m.d, m.d), rhs = Mat<T>::Zero(m.d, m.d);
    for (const auto& p : mom::patterns(m)) {
      const Mat<T>& Hh = p.Hhat;
      const Mat<T> F1 = I - Hh * eta - Mat<T>(H * Hh) * (eta * c), F2 = I - Hh * eta - Mat<T>(Hh * H) * (eta * c);
      const Mat<T> sub = F1 * F2;
      if (!expand) {
        lhs += Mat<T>(p.J.transpose() * p.J) * p.w;
        rhs += sub * p.w;
      } else {
        const Mat<T> Hh2 = Hh * Hh;
        const Mat<T> ex = I - Hh * T(2 * eta) - Mat<T>(Hh * H + H * Hh) * (eta * c) + Hh2 * (eta * eta) +
                          Mat<T>(Hh2 * H + H * Hh2) * (eta * eta * c) + Mat<T>(Mat<T>(H * Hh2) * H) * (eta * eta * c * c);
        lhs += sub * p.w;
        rhs += ex * p.w;
      }
    }
    const T jb = stab::jhat_bound(m);
    return sides(stab::max_abs_diff(lhs, rhs), real(T(0)), real(T(jb * jb)));
  };
}

enum class Step { S83, S84, S85, S86 };

/// The margins of (82)-(86) (right side minus left side) and the identity between two consecutive ones.
auto rearrangement(Step step) {
  return [step](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    const int n = int(s.family("H").size()), sigma = int(s.integer("sigma"));
    const T B = s.scalar_as<T>("B"), l = s.scalar_as<T>("lambda1"), eta = s.scalar_as<T>("eta"), c = s.scalar_as<T>("c");
    const T sg = T(sigma), nb = T(n) / B - T(1), k1 = T(1) + c * l;
    const T m82 = T(1) - from_rat<T>(construction::e1_entry_81(n, s.scalar("B"), sigma, s.scalar("lambda1"), s.scalar("eta"), s.scalar("c")));
    const T m83 = -(T(-2) * eta * l * k1 + eta * eta * l * l * k1 * k1 + eta * eta * nb * k1 * k1 * l * l / sg);
    const T m84 = -(T(-2) + eta * l * k1 + eta * nb * k1 * l / sg);
    const T m85 = T(2) - eta * l * k1 * (nb / sg + T(1));
    const T m86 = T(2) - eta * l / sg * k1 * (nb + sg);
    const T f = eta * l * k1;  // the divisor of (84), > 0
    T a = m82, b = m83;
    switch (step) {
      case Step::S83: break;
      case Step::S84: a = m83; b = f * m84; break;
      case Step::S85: a = m84; b = m85; break;
      case Step::S86: a = m85; b = m86; break;
    }
    const T bad = step == Step::S84 && !(f > T(0)) ? T(1) : T(0);
    return sides(real(T(abs(T(a - b)) + bad)), real(T(0)), real(T(T(1) + abs(a) + abs(b))));
  };
}

/// C.13-p7: 2 sigma/(l (1 + c l)(n/B - 1 + sigma)) <= 2 sigma/(l (n/B - 1 + sigma)).
auto sam_threshold = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  const int n = int(s.family("H").size()), sigma = int(s.integer("sigma"));
  const T B = s.scalar_as<T>("B"), l = s.scalar_as<T>("lambda1"), c = s.scalar_as<T>("c");
  const T den = l * (T(n) / B - T(1) + T(sigma));
  return sides(real(T(T(2 * sigma) / (den * (T(1) + c * l)))), real(T(T(2 * sigma) / den)));
};

// ---------------------------------------------------------------- C.10-p3
/// sigma = lambda_max(|G|) / max_i G_ii for H_i = g_i g_i^T, from a gradient Gram in any scalar.
template <class S> RealT<S> sigma_of_gram(const Mat<S>& G) {
  using R = RealT<S>;
  R mx = lift(S(G(0, 0)));
  for (Index i = 1; i < G.rows(); ++i) mx = max_of(mx, R(lift(S(G(i, i)))));
  return R(R(lmax(abs_mat(G))) / mx);
}

/// sigma of the sample's net: a labelled net (mats W1, b, W2, X) or the (C, r) construction on X.
auto coherence_of_net = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  if (!s.mats.count("W1"))
    return with_cr_gram<T>(int(s.integer("d")), int(s.integer("C")), int(s.integer("m")), get_r(s), W2Sign::Pair, W2Mag::OverR, s.mat("X"),
                           [](const auto& G, const auto&) {
                             using S = typename std::decay_t<decltype(G)>::Scalar;
                             using R = RealT<S>;
                             return sides(sigma_of_gram<S>(G), R(1));
                           });
  {  // every gradient 0: no coherence (0/0); such a net is vacuous here (decided exactly)
    const MatQ G = grad_gram(features(get_net(s), s.mat("X")));
    bool any = false;
    for (Index i = 0; i < G.rows(); ++i) any = any || G(i, i) != 0;
    if (!any) return sides(real_of<T>(Rat(1)), real_of<T>(Rat(1)));
  }
  const Mat<T> G = grad_gram(features(net_as<T>(s), from_q<T>(s.mat("X"))));
  return sides(Real<T>(sigma_of_gram<T>(G)), real_of<T>(Rat(1)));
};

// ---------------------------------------------------------------- C.11 (74)a, (75)b
/// Smallest integer k >= a + sqrt(q) (q >= 0), exactly.
long ceil_plus_sqrt(const Rat& a, const Rat& q) {
  const double approx = a.convert_to<double>() + std::sqrt(q.convert_to<double>());
  long k = long(std::floor(approx)) - 2;
  auto above = [&](long v) { const Rat g = Rat(v) - a; return g >= 0 && g * g >= q; };
  while (above(k - 1)) --k;
  while (!above(k)) ++k;
  return k;
}
/// ceil(n (mu + eps)), mu = 2^{-C}, eps = sqrt((C + log(1/delta))/(2n)) (n eps = sqrt(n C/2) at delta = 1).
long tail_start(long C, long n, const Rat& delta) {
  const Rat mu = Rat(1, Int(1) << C);
  if (delta == 1) return ceil_plus_sqrt(Rat(n) * mu, Rat(n * C, 2));
  const Ball eps = sqrt(Ball(Ball(Ball(Rat(C)) + log_(Ball(Rat(1) / delta))) / Ball(Rat(2 * n))));
  return ceil_long(Ball(Ball(Rat(n)) * (Ball(mu) + eps)));
}
/// [j/n >= mu + eps], decided exactly: (j/n - mu) >= 0 and 2n (j/n - mu)^2 - C >= log(1/delta).
bool mean_event(long j, long n, long C, const Rat& delta) {
  const Rat v = Rat(j, n) - Rat(1, Int(1) << C);
  if (v < 0) return false;
  const Rat w = 2 * Rat(n) * v * v - Rat(C);
  if (delta == 1) return w >= 0;
  const Ball gap = Ball(w) - log_(Ball(Rat(1) / delta));
  if (gap.certainly_nonnegative()) return true;
  if (gap.certainly_negative()) return false;
  throw std::domain_error("(74)a: the event j/n >= mu + eps is not decided by the enclosure");
}

/// ints "C" <= 4, "n" <= 12 (the 2^n outcomes are enumerated), scalar "delta".
rc::Gen<Sample> tail_enum_gen() {
  const std::vector<Rat> deltas = {Rat(1, 10), Rat(1, 20), Rat(1, 2), Rat(1, 100), Rat(1, 1000), Rat(1)};
  return rc::gen::map(rc::gen::tuple(gen::dim(1, 4), gen::dim(1, 12), rc::gen::inRange(0, int(deltas.size()))),
                      [deltas](const std::tuple<int, int, int>& t) {
                        const int C = std::get<0>(t);
                        return chernoff_sample(ChernoffSpec{C, C, std::get<1>(t), deltas[size_t(std::get<2>(t))]}, 1);
                      });
}

/// (74)a: P(Bin(n, mu) >= ceil(n(mu + eps))) = sum over x in {0,1}^n of P(x) [mean(x) >= mu + eps].
auto link74a = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  const long C = s.integer("C"), n = s.integer("n");
  const Rat delta = s.scalar("delta");
  const T mu = from_rat<T>(Rat(1, Int(1) << C));
  const T lhs = binom_upper_tail<T>(n, mu, tail_start(C, n, delta));
  std::vector<T> w(size_t(n + 1));
  std::vector<bool> ev(size_t(n + 1));
  for (long j = 0; j <= n; ++j) {
    w[size_t(j)] = ipow(mu, j) * ipow(T(T(1) - mu), n - j);
    ev[size_t(j)] = mean_event(j, n, C, delta);
  }
  T rhs = T(0);
  for (long x = 0; x < (1L << n); ++x) {
    const long j = __builtin_popcountl(static_cast<unsigned long>(x));
    if (ev[size_t(j)]) rhs += w[size_t(j)];
  }
  return sides(real(T(abs(T(lhs - rhs)))), real(T(0)), real(T(T(1) + lhs + rhs)));
};

/// (75)b: 2^C P(Bin(n, mu) >= n mu + n eps) <= 2^C delta e^{-C}.
auto link75b = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  using R = Real<T>;
  const long C = s.integer("C"), n = s.integer("n");
  const Rat delta = s.scalar("delta");
  const T two_c = T(1L << C);
  const T tail = binom_upper_tail<T>(n, from_rat<T>(Rat(1, Int(1) << C)), tail_start(C, n, delta));
  return sides(real(T(two_c * tail)), R(real(two_c) * real_of<T>(delta) * exp_(R(real_of<T>(Rat(-C))))));
};

// ---------------------------------------------------------------- C.12-p3
/// s = Tr H_S of the jensen family: a rational, or 2(d+1)^{1/2}.
template <class T> Real<T> s_of(const Sample& s) {
  using R = Real<T>;
  if (s.integer("s_mode") == 0) return real_of<T>(s.scalar("s"));
  return R(real_of<T>(Rat(2)) * sqrt(real_of<T>(Rat(s.integer("d") + 1))));
}

/// G(u, v) = u s sqrt(1 + (2c/n) s u + (c^2/n^2) s^2 v).
template <class T> Real<T> G77(const Sample& s, const Rat& u, const Rat& v) {
  using R = Real<T>;
  const R sv = s_of<T>(s), c = real_of<T>(s.scalar("c")), n = real_of<T>(Rat(s.integer("n")));
  const R a = R(real_of<T>(Rat(2)) * c / n * sv), b = R(c * c / (n * n) * sv * sv);
  return R(real_of<T>(u) * sv * sqrt(R(real_of<T>(Rat(1)) + a * real_of<T>(u) + b * real_of<T>(v))));
}

/// Jensen's premise for (77): G(1, 3/2) <= (G(1, 1) + G(1, 2))/2 (n >= 2); n = 1: G(1/2, 1/2) <= (G(0, 0) + G(1, 1))/2.
auto convex_77 = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  using R = Real<T>;
  const R half = real_of<T>(Rat(1, 2));
  if (s.integer("n") == 1) return sides(G77<T>(s, Rat(1, 2), Rat(1, 2)), R(half * R(G77<T>(s, 0, 0) + G77<T>(s, 1, 1))));
  return sides(G77<T>(s, 1, Rat(3, 2)), R(half * R(G77<T>(s, 1, 1) + G77<T>(s, 1, 2))));
};

/// The literal sentence: phi(m) = G(m, m^2) midpoint-convex: min over m1 < m2 in 0..n, m2 - m1 in {1, 2} or (0, n), of
/// (phi(m1) + phi(m2))/2 - phi((m1 + m2)/2) >= 0.
auto convex_in_X = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  using R = Real<T>;
  const long n = s.integer("n");
  auto phi = [&](const Rat& m) { return G77<T>(s, m, m * m); };
  R gap = real_of<T>(Rat(0)), sc = real_of<T>(Rat(1));
  bool first = true;
  auto pair = [&](long m1, long m2) {
    const R lo = phi(Rat(m1)), hi = phi(Rat(m2)), mid = phi(Rat(m1 + m2, 2));
    const R g = R(real_of<T>(Rat(1, 2)) * R(lo + hi) - mid);
    gap = first ? g : stab::rmin_(gap, g);
    sc = sc + lo + hi;
    first = false;
  };
  for (long m1 = 0; m1 < n; ++m1)
    for (long dm = 1; dm <= 2 && m1 + dm <= n; ++dm) pair(m1, m1 + dm);
  pair(0, n);
  return sides(gap, real_of<T>(Rat(0)), sc);
};

// ---------------------------------------------------------------- (79)a, C.1-p4
/// The (C, r) net with C = 2 (width 4), d in {2, 3}, r in {1, 2, 1/2, 3/2}, 1-3 inputs, scalar c.
rc::Gen<Sample> small_cr_sam_gen() {
  return rc::gen::mapcat(gen::dim(2, 3), [](int d) {
    return rc::gen::mapcat(gen::dim(1, 3), [d](int n) {
      return rc::gen::map(rc::gen::tuple(rc::gen::inRange(0, 4), points(n, d), sam_c_gen()), [d](const std::tuple<int, MatQ, Rat>& t) {
        static const Rat r2[] = {Rat(1), Rat(4), Rat(1, 4), Rat(9, 4)};
        Sample s = cr_sample(d, 2, 4, RSpec{0, r2[std::get<0>(t)]}, std::get<1>(t));
        s.scalars["c"] = std::get<2>(t);
        return s;
      });
    });
  });
}

/// max_i max|(I + cH) H_i - (I + (c/n) sum_j g_j g_j^T) g_i g_i^T|, H_i the zero-loss Hessian of (1/2)(f - y)^2, H the mean.
auto link79a = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  Rat rq;
  if (!r_rational(get_r(s), rq)) throw std::invalid_argument("(79)a needs a rational r");
  const Net<T> net = cr_net<T>(int(s.integer("d")), int(s.integer("C")), int(s.integer("m")), from_rat<T>(rq));
  const Mat<T> X = s.mat_as<T>("X");
  const Index n = X.rows(), D = net.nparams();
  const T c = s.scalar_as<T>("c");
  std::vector<Mat<T>> Hs, Gs;
  Mat<T> H = Mat<T>::Zero(D, D), Gsum = Mat<T>::Zero(D, D);
  for (Index i = 0; i < n; ++i) {
    const Vec<T> x = X.row(i).transpose();
    Hs.push_back(hess_loss(net, x, output(net, x), T(T(1) / T(2))));
    Gs.push_back(outer(grad(net, x)));
    H += Hs.back();
    Gsum += Gs.back();
  }
  const Mat<T> I = Mat<T>::Identity(D, D);
  const Mat<T> P = I + H * T(c / T(int(n))), P2 = I + Gsum * T(c / T(int(n)));
  Real<T> dev = real(T(0)), sc = real(T(1));
  for (Index i = 0; i < n; ++i) {
    const Mat<T> a = P * Hs[size_t(i)], b = P2 * Gs[size_t(i)];
    dev = dev + stab::max_abs_diff(a, b);
    sc = sc + stab::max_abs(a) + stab::max_abs(b);
  }
  return sides(dev, real(T(0)), sc);
};

/// C.1-p4: sum over the inputs of |sum_a (g g^T)_aa - closed-form ||grad f||^2|.
auto link_c1p4 = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  return with_r<T>(get_r(s), [&](auto r) {
    using S = decltype(r);
    using R = RealT<S>;
    const int d = int(s.integer("d"));
    const Net<S> net = cr_net<S>(d, int(s.integer("C")), int(s.integer("m")), r);
    std::vector<Vec<S>> xs;
    if (s.mats.count("x")) {
      xs.push_back(from_q<S>(VecQ(s.mat("x").col(0))));
    } else {
      const MatQ A = all_points(d);
      for (Index i = 0; i < A.rows(); ++i) xs.push_back(from_q<S>(VecQ(A.row(i).transpose())));
    }
    Deviation<R> dev{.scale = R(1)};
    for (const auto& x : xs) {
      const Point<S> p = evaluate(net, x);
      const Vec<S> g = grad(net, x, p);
      S tr = S(0);
      for (Index a = 0; a < g.size(); ++a) tr += g(a) * g(a);  // (g g^T)_aa
      dev.add(lift(tr), lift(grad_norm2(net, x, p, true)));
    }
    return dev.sides();
  });
};

// ---------------------------------------------------------------- (9)/(68), C.1-p2: exact differences inside a pattern
/// A rational net at one rational input and a direction: W1 in Z/2, x in Z^d, b in (2Z+1)/4 (every pre-activation is
/// an odd multiple of 1/4, never 0), W2 in Z; mats "W1", "b", "W2", "x" (d x 1), "V" (D x 1, D = m(d+2)).
rc::Gen<Sample> grad_point_gen() {
  return rc::gen::mapcat(gen::dim(1, 3), [](int d) {
    return rc::gen::mapcat(gen::dim(1, 4), [d](int m) {
      return rc::gen::map(rc::gen::tuple(gen::int_matrix(m, d, 3), gen::int_matrix(m, 1, 3), gen::int_matrix(m, 1, 2),
                                         gen::int_matrix(d, 1, 2), gen::int_matrix(m * (d + 2), 1, 2)),
                          [](const std::tuple<MatQ, MatQ, MatQ, MatQ, MatQ>& t) {
                            const MatQ& bi = std::get<1>(t);
                            VecQ b(bi.rows());
                            for (Index j = 0; j < bi.rows(); ++j) b(j) = (2 * bi(j, 0) + 1) / 4;
                            const Net<Rat> net{MatQ(std::get<0>(t) / Rat(2)), b, VecQ(std::get<2>(t).col(0))};
                            Sample s;
                            put_net(s, net);
                            s.mats["x"] = std::get<3>(t);
                            s.mats["V"] = std::get<4>(t);
                            return s;
                          });
    });
  });
}

/// (9) = (68) as printed, the bias read inside ReLU and the indicator (the OCR omits it), units 1..m, parameters
/// (W2, W1, b) in sequence, W1 row by row (the blocks W2_j 1[W1_j x + b_j > 0] x): written here from the print.
template <class T> Vec<T> grad_printed(const Net<T>& net, const Vec<T>& x) {
  const Index m = net.W1.rows(), d = net.W1.cols();
  Vec<T> g(m * (d + 2));
  for (Index j = 0; j < m; ++j) {
    T z = net.b(j);
    for (Index l = 0; l < d; ++l) z += net.W1(j, l) * x(l);
    const bool on = z > T(0);                                                 // 1[W1_j x + b_j > 0]
    g(j) = on ? z : T(0);                                                     // ReLU(W1_j x + b_j)
    for (Index l = 0; l < d; ++l) g(m + j * d + l) = on ? T(net.W2(j) * x(l)) : T(0);  // W2_j 1[.] x
    g(m + m * d + j) = on ? net.W2(j) : T(0);                                  // W2_j 1[.]
  }
  return g;
}

/// The net with parameters w + t v (v in the model's order (W2, W1, b), relu.hpp).
template <class T> Net<T> moved(const Net<T>& net, const Vec<T>& v, const T& t) {
  Net<T> o = net;
  for (Index j = 0; j < net.m(); ++j) {
    o.W2(j) += t * v(net.iW2(j));
    for (Index l = 0; l < net.d(); ++l) o.W1(j, l) += t * v(net.iW1(j, l));
    o.b(j) += t * v(net.ib(j));
  }
  return o;
}

/// The largest step t <= 1 (exact) such that no pre-activation of q at any x of xs changes sign on w + s v, |s| <= reach t:
/// t = min_j |z_j| / (2 reach |u_j|), u_j = v_{W1_j} . x + v_{b_j}. Requires every z_j != 0.
Rat inside_step(const Net<Rat>& q, const std::vector<VecQ>& xs, const VecQ& v, int reach) {
  Rat t = 1;
  for (const auto& x : xs) {
    const Point<Rat> p = evaluate(q, x);
    for (Index j = 0; j < q.m(); ++j) {
      Rat u = v(q.ib(j));
      for (Index l = 0; l < q.d(); ++l) u += v(q.iW1(j, l)) * x(l);
      if (u == 0) continue;
      const Rat cap = abs(Rat(p.z(j))) / (2 * reach * abs(u));
      if (cap < t) t = cap;
    }
  }
  return t;
}

VecQ unit_dir(Index D, Index a) {
  VecQ e = VecQ::Zero(D);
  e(a) = 1;
  return e;
}

/// (9)/(68): sum over the inputs (mats "x", or the rows of "X") and over the D coordinate directions and V (when given)
/// of |(f(w + tv) - f(w - tv))/(2t) - <printed gradient, v>|. Inside the activation pattern f is of degree <= 2 along v,
/// so the central difference is the exact directional derivative. An input with a pre-activation exactly 0 (only a
/// searched knob can put one there) is skipped.
auto link9 = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  const Net<Rat> q = get_net(s);
  const Net<T> net = net_from_q<T>(q);
  const MatQ X = s.mats.count("x") ? MatQ(s.mat("x").transpose()) : s.mat("X");
  const Index D = q.nparams();
  std::vector<VecQ> dirs;
  for (Index a = 0; a < D; ++a) dirs.push_back(unit_dir(D, a));
  if (s.mats.count("V")) dirs.push_back(VecQ(s.mat("V").col(0)));
  T dev = T(0), sc = T(1);
  for (Index i = 0; i < X.rows(); ++i) {
    const VecQ xq = X.row(i).transpose();
    if (!evaluate(q, xq).kinks.empty()) continue;
    const Vec<T> x = from_q<T>(xq), g = grad_printed(net, x);
    for (const auto& vq : dirs) {
      const T t = from_rat<T>(inside_step(q, {xq}, vq, 1));
      const Vec<T> v = from_q<T>(vq);
      const T fp = output(moved(net, v, t), x), fm = output(moved(net, v, T(-t)), x);
      const T cd = (fp - fm) / (T(2) * t);
      T ip = T(0);
      for (Index a = 0; a < D; ++a) ip += g(a) * v(a);
      dev += abs(T(cd - ip));
      sc += abs(cd) + abs(ip) + (abs(fp) + abs(fm)) / t;
    }
  }
  return sides(real(dev), real(T(0)), real(sc));
};

/// The zero-loss points of C.1-p2: a labelled net (mats W1, b, W2, X, y = f(X)) or the (C, r) net (rational r) on X with
/// y = x1 x2; the exact net and its (input, label) pairs.
std::pair<Net<Rat>, std::vector<std::pair<VecQ, Rat>>> zero_loss_points(const Sample& s) {
  const MatQ& X = s.mat("X");
  Net<Rat> q;
  if (s.mats.count("W1")) {
    q = get_net(s);
  } else {
    Rat rq;
    if (!r_rational(get_r(s), rq)) throw std::invalid_argument("C.1-p2 needs a rational r");
    q = cr_net<Rat>(int(s.integer("d")), int(s.integer("C")), int(s.integer("m")), rq);
  }
  std::vector<std::pair<VecQ, Rat>> pts;
  for (Index i = 0; i < X.rows(); ++i) {
    const VecQ x = X.row(i).transpose();
    pts.push_back({x, s.mats.count("y") ? Rat(s.mat("y")(i, 0)) : label_x1x2(x)});
  }
  return {q, pts};
}

/// C.1-p2: sum over the inputs of max_ab |Hess l_i - k g_i g_i^T|_ab, l_i = w (f(x_i) - y_i)^2 at zero loss. The Hessian
/// from exact second differences: along v inside the pattern l is a polynomial of degree <= 4 in t, so the 5-point
/// stencil (-l(2t) + 16 l(t) - 30 l(0) + 16 l(-t) - l(-2t))/(12 t^2) is l''(0) = v^T Hess v exactly; Hess_ab by
/// polarization over v = e_a, e_a + e_b. g_i = relu::grad (the model). An input with a pre-activation exactly 0 is skipped.
auto link_c1p2(const Rat& w, const Rat& k) {
  return [w, k](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    const auto qp = zero_loss_points(s);
    const Net<Rat>& q = qp.first;
    const Net<T> net = net_from_q<T>(q);
    const Index D = q.nparams();
    const T wt = from_rat<T>(w), kt = from_rat<T>(k);
    T dev = T(0), sc = T(1);
    for (const auto& pt : qp.second) {
      const VecQ& xq = pt.first;
      const Rat& yq = pt.second;
      if (!evaluate(q, xq).kinks.empty()) continue;
      const Vec<T> x = from_q<T>(xq);
      const T y = from_rat<T>(yq);
      auto loss = [&](const Net<T>& n) { const T r = output(n, x) - y; return T(wt * r * r); };
      auto second = [&](const VecQ& vq) {  // v^T Hess v, exact stencil
        const T t = from_rat<T>(inside_step(q, {xq}, vq, 2));
        const Vec<T> v = from_q<T>(vq);
        const T l2 = loss(moved(net, v, T(2 * t))), l1 = loss(moved(net, v, t)), l0 = loss(net);
        const T m1 = loss(moved(net, v, T(-t))), m2 = loss(moved(net, v, T(-2 * t)));
        sc += (abs(l2) + abs(l1) + abs(l0) + abs(m1) + abs(m2)) / (t * t);
        return T((-l2 + T(16) * l1 - T(30) * l0 + T(16) * m1 - m2) / (T(12) * t * t));
      };
      std::vector<T> diag(static_cast<size_t>(D));
      for (Index a = 0; a < D; ++a) diag[size_t(a)] = second(unit_dir(D, a));
      const Vec<T> g = grad(net, x);
      T worst = T(0);
      for (Index a = 0; a < D; ++a)
        for (Index b = a; b < D; ++b) {
          T h = diag[size_t(a)];
          if (b != a) {
            VecQ v = unit_dir(D, a);
            v(b) = 1;
            h = (second(v) - diag[size_t(a)] - diag[size_t(b)]) / T(2);
          }
          const T gg = kt * g(a) * g(b);
          const T e = abs(T(h - gg));
          if (e > worst) worst = e;
          sc += abs(gg);
        }
      dev += worst;
    }
    return sides(real(dev), real(T(0)), real(sc));
  };
}

/// Small labelled nets (small_int_net, d <= 3, m <= 3, 2-3 inputs of {-1,1}^d, y = f(X)): the D x D Hessians stay small.
rc::Gen<Sample> labelled_small_gen() { return small_int_gen(3, 3, 3); }

// ---------------------------------------------------------------- (8)
/// (8) read from the prose b[j] = -r(C - 1) for the 2^C pattern rows and b = 0 below ("For k > C ... b[k] = 0"; the OCR
/// of (8) is unreadable): sum over the inputs of |#active units - 1| + (f(x) - x1 x2)^2, W1 and W2 of the construction.
auto link8 = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  return with_r<T>(get_r(s), [&](auto r) {
    using S = decltype(r);
    using R = RealT<S>;
    const int d = int(s.integer("d")), C = int(s.integer("C"));
    Net<S> net = cr_net<S>(d, C, int(s.integer("m")), r);
    for (Index j = 0; j < net.m(); ++j) net.b(j) = j < (Index(1) << C) ? S(-r * S(C - 1)) : S(0);
    const MatQ X = s.mats.count("x") ? MatQ(s.mat("x").transpose()) : all_points(d);
    long bad = 0;
    S loss = S(0), sc = S(1);
    for (Index i = 0; i < X.rows(); ++i) {
      const Vec<S> x = from_q<S>(VecQ(X.row(i).transpose()));
      const Point<S> p = evaluate(net, x);
      bad += std::labs(long(p.active_count()) - 1);
      const S y = label_x1x2(x);
      loss += (p.f - y) * (p.f - y);
      sc += p.f * p.f + y * y;
    }
    return sides(R(lift(S(from_q<S>(Rat(bad)) + loss))), R(0), R(lift(sc)));
  });
};

// ---------------------------------------------------------------- C.3-p1, C.3-p2
/// C.3's construction (H_i = m e1 e1^T for i <= sigma, m e_{i-sigma+1} e^T otherwise: variant (b)): ints "n", "sigma",
/// "m_mode" (0: m = 2 as printed, 1: m = 2n/sigma), scalar "eta" < 1.
rc::Gen<Sample> c3_gen() {
  static const std::vector<Rat> etas = {Rat(1, 2),           Rat(9, 10),  Rat(99, 100), Rat(999, 1000),
                                        Rat(999999, 1000000), Rat(1, 10), Rat(1, 100)};
  return rc::gen::mapcat(construction::n_sigma(1, 10), [](std::pair<int, int> ns) {
    return rc::gen::map(rc::gen::pair(rc::gen::inRange(0, 2), rc::gen::inRange(0, int(etas.size()))), [ns](const std::pair<int, int>& p) {
      Sample s;
      s.ints["n"] = ns.first;
      s.ints["sigma"] = ns.second;
      s.ints["m_mode"] = p.first;
      s.scalars["eta"] = etas[size_t(p.second)];
      return s;
    });
  });
}

/// H = (1/n) sum_i H_i of C.3's construction with m = 2 (printed) or m = 2n/sigma, exact.
MatQ c3_hbar(const Sample& s, bool printed_m) {
  const int n = int(s.integer("n")), sigma = int(s.integer("sigma"));
  const Rat m = printed_m ? Rat(2) : Rat(2 * n, sigma);
  const std::vector<MatQ> H = construction::family('b', n, sigma, m * Rat(sigma) / Rat(n));
  MatQ Hb = MatQ::Zero(H[0].rows(), H[0].cols());
  for (const auto& h : H) Hb += h;
  return MatQ(Hb / Rat(n));
}

/// C.3-p1: |lambda_max(H) - 2| (m = 2 as printed, or m = 2n/sigma).
auto c3_lmax(bool printed_m) {
  return [printed_m](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    using R = Real<T>;
    const R l = lmax(from_rat<T>(c3_hbar(s, printed_m)));
    return sides(R(abs(R(l - real_of<T>(Rat(2))))), real_of<T>(Rat(0)), R(real_of<T>(Rat(3)) + abs(l)));
  };
}

/// C.3-p2: eta lambda_max(H) < 2 for eta < 1 (lambda_max(H) = 2 at m = 2n/sigma; 2 sigma/n at the printed m = 2), H of
/// m_mode; the strictness decided exactly (H is diagonal: lambda_max = its largest diagonal entry) and added as 0/1.
auto c3_eta = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  using R = Real<T>;
  const MatQ Hq = c3_hbar(s, s.integer("m_mode") == 0);
  const Rat eta = s.scalar("eta");
  Rat mx = Hq(0, 0);
  bool diagonal = true;
  for (Index i = 0; i < Hq.rows(); ++i)
    for (Index j = 0; j < Hq.cols(); ++j) {
      if (i != j && Hq(i, j) != 0) diagonal = false;
      if (i == j && Hq(i, i) > mx) mx = Hq(i, i);
    }
  const Rat bad = diagonal && eta < 1 && eta * mx < 2 ? Rat(0) : Rat(1);
  return sides(R(real_of<T>(eta) * lmax(from_rat<T>(Hq)) + real_of<T>(bad)), real_of<T>(Rat(2)));
};

// ---------------------------------------------------------------- C.12-p6
/// ints "C" in 1..10, "d" in C+1..64, scalar "c" > 0.
rc::Gen<Sample> c12_grid_gen() {
  static const std::vector<Rat> cs = {Rat(1, 100), Rat(1, 2), Rat(1), Rat(2), Rat(10), Rat(1, 1000)};
  return rc::gen::mapcat(gen::dim(1, 10), [](int C) {
    return rc::gen::map(rc::gen::pair(gen::dim(C + 1, 64), rc::gen::inRange(0, int(cs.size()))), [C](const std::pair<int, int>& p) {
      Sample s;
      s.ints["C"] = C;
      s.ints["d"] = p.first;
      s.scalars["c"] = cs[size_t(p.second)];
      return s;
    });
  });
}

/// The higher-order term of (79)c, (c/2^C)(2(d+1)^{1/2})^2, and its size relative to the leading 2(d+1)^{1/2},
/// (c/2^C) 2(d+1)^{1/2} (tier square roots).
template <class T> std::pair<Real<T>, Real<T>> term79(const Rat& c, long C, long d) {
  using R = Real<T>;
  const R cc = real_of<T>(c / Rat(Int(1) << C)), s2 = R(real_of<T>(Rat(2)) * sqrt(real_of<T>(Rat(d + 1))));
  return {R(cc * s2 * s2), R(cc * s2)};
}

/// C.12-p6: in_C: the term and its relative size at C + 1 minus at C (both must be < 0: the bias toward lower C);
/// else at d minus at d + 1 (< 0: grows with d). The larger of the two differences, plus 1 unless both are strictly
/// negative, decided exactly (the term 4c(d+1)/2^C is rational, the relative size compared through its square).
auto c12p6(bool in_C) {
  return [in_C](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    using R = Real<T>;
    const long C = s.integer("C"), d = s.integer("d");
    const Rat c = s.scalar("c");
    const long C1 = in_C ? C + 1 : C, d1 = in_C ? d : d + 1;  // the larger parameter
    const auto [t0, r0] = term79<T>(c, C, d);
    const auto [t1, r1] = term79<T>(c, C1, d1);
    const R dt = in_C ? R(t1 - t0) : R(t0 - t1), dr = in_C ? R(r1 - r0) : R(r0 - r1);
    auto tq = [&](long CC, long dd) { return c * 4 * Rat(dd + 1) / Rat(Int(1) << CC); };           // the term, exact
    auto rq2 = [&](long CC, long dd) { const Rat u = c / Rat(Int(1) << CC); return u * u * 4 * Rat(dd + 1); };  // relative^2
    const bool strict = in_C ? (tq(C1, d1) < tq(C, d) && rq2(C1, d1) < rq2(C, d)) : (tq(C, d) < tq(C1, d1) && rq2(C, d) < rq2(C1, d1));
    return sides(R(stab::rmax_(dt, dr) + real_of<T>(Rat(strict ? 0 : 1))), real_of<T>(Rat(0)), R(real_of<T>(Rat(1)) + t0 + t1 + r0 + r1));
  };
}

Claim make() {
  const std::vector<std::string> kCons = {"construction-a", "construction-b"};
  return Claim{
      .id = "THM-3.3-LINKS",
      .source = "Appendix C.13 (80)-(86) and prose, C.12 (79)a, convexity and prose, C.11 (74)a/(75)b, C.10 (68), C.3, "
                "C.1 (8), (9) (links)",
      .statement = "C.13: E Tr[J^T..J] = Tr[(E J^T J)^k]; (80) J substituted and expanded; (82) <=> (83) <=> (84) <=> (85) <=> (86); SAM's "
                   "threshold of (87) below SGD's; C.10: the memorizing solution's coherence is small; C.11 (74)a, (75)b; C.12: convexity "
                   "for Jensen in (77), (79)a H = (1/n) sum g g^T, the higher-order term favours lower C and grows with d; C.1: "
                   "Tr[grad f grad f^T] = ||grad f||^2, the gradient (9) = (68), the zero-loss Hessian g g^T, the bias (8); C.3: m = 2 "
                   "gives lambda_max(H) = 2, eta < 1 keeps eta lambda_max(H) < 2",
      .readings = {{.name = "C.13-p5 outside", .text = "Tr[(E[J^T J])^k] (the spec's reading)", .chosen = true},
                   {.name = "C.13-p5 inside", .text = "Tr[E[(J^T J)^k]] (the power where the OCR 'Te[E[(JT.J1)?*]]' places it)"},
                   {.name = "C.12-p3 Jensen", .text = "G(u, v) convex on the hull of the support of (sum X_k, sum X_k X_k'), what (77) uses",
                    .chosen = true},
                   {.name = "C.12-p3 in X", .text = "the function of (76) convex in the X_k themselves"},
                   {.name = "(9)/(68) bias inside", .text = "ReLU(W1_j x + b_j) and 1[W1_j x + b_j > 0], units 1..m (the OCR omits b)",
                    .chosen = true},
                   {.name = "C1-p2.half", .text = "per-sample loss (1/2)(f(x_i) - y_i)^2 (no loss is printed in C.1/C.10)",
                    .chosen = true},
                   {.name = "C1-p2.mse", .text = "per-sample loss (f(x_i) - y_i)^2 (C.4 names an 'mse loss' for the experiments)"},
                   {.name = "(8) prose", .text = "b[j] = -r(C-1) on the 2^C pattern rows, 0 on the others (prose of C.1; (8) unreadable)",
                    .chosen = true},
                   {.name = "C.12-p6 (79)c", .text = "the term (c/2^C)(2(d+1)^{1/2})^2 of (79)c, absolute and relative to 2(d+1)^{1/2}",
                    .chosen = true}},
      .uses = {"THM-3.3", "THM-3.4-MEMORIZING-DIAGONAL", "THM-3.5-CHERNOFF", "THM-3.6-SAM-COHERENCE", "EX-C1-CR-CONSTRUCTION"},
      .families = {
          {.name = "construction-a",
           .description = "THM-3.3's grid, variant (a): n 1..6, sigma in [1,n], d 1..3, B in [1,n], lambda1 in {1,2,1/2,3}, "
                          "c lambda1 in {0,1/2,1,1/10,3}, eta = eta*_(87) x {1, 1-1e-3, 1+1e-3, 0.9, 1.1, 1/2, 2}",
           .gen = construction::eta_grid_87('a')},
          {.name = "construction-b", .description = "as construction-a, variant (b) (H_i = m e_{i-sigma+1} e^T), d = n - sigma + 1",
           .gen = construction::eta_grid_87('b')},
          {.name = "power-a", .description = "as construction-a with n 1..4 and k in 1..min(3, 8/n)", .gen = construction_with_k('a')},
          {.name = "power-b", .description = "as construction-b with n 1..4 and k in 1..min(3, 8/n)", .gen = construction_with_k('b')},
          {.name = "memorizing", .description = "memorizing nets (disjoint active sets, zero loss) on n <= min(2^d, 5) inputs, d <= 6",
           .gen = memorizing_gen(false), .reduce = drops(1)},
          {.name = "memorizing.paper", .description = "memorizing nets by the spec's recipe W1_i = x_i", .gen = memorizing_gen(true),
           .reduce = drops(1)},
          {.name = "small-int", .description = "small integer nets (m <= 4, d <= 6) on 2-4 i.i.d. inputs, labelled by themselves",
           .gen = small_int_gen(), .reduce = drops(2, 1)},
          {.name = "cr.r4.random", .description = "(C,r) generalizing solution, r^4 = d + 1, 2-5 random inputs, 2 <= C <= d <= 8",
           .gen = cr_random_inputs_gen(true), .reduce = drops(2)},
          {.name = "tail.enum", .description = "C in 1..4, n in 1..12, delta in {1/10,1/20,1/2,1/100,1/1000,1}", .gen = tail_enum_gen()},
          {.name = "prob.params", .description = "C in 1..5, n in 1..200, delta in {1/10,1/20,1/2,1/100,1/1000,1}",
           .gen = chernoff_params_gen()},
          {.name = "jensen",
           .description = "n in {1,2,3,4,5,6,8,10,15,20,30}, C <= 4, c in {0,1/100,1/2,1,2,10}, s in {1,1/10,10,100,2(d+1)^{1/2} (d <= 20)}",
           .gen = jensen_gen()},
          {.name = "cr.sam.small",
           .description = "(C,r) net, C = 2 (width 4), d in {2,3}, r in {1,2,1/2,3/2}, 1-3 inputs, c in {0,1/100,1/2,1,2,10}",
           .gen = small_cr_sam_gen()},
          {.name = "single-x", .description = "(C,r) net, one x in {-1,1}^d, 2 <= C <= d <= 6, width 2^C + {0,1,2}, random r",
           .gen = cr_single_x_gen()},
          {.name = "small", .description = "(C,r) net, all 2^d inputs, 2 <= C <= d <= 6, width 2^C + {0,1,2}, random r",
           .gen = cr_small_gen(6, false)},
          {.name = "grad.point",
           .description = "rational net, d <= 3, m <= 4: W1 in Z/2, b in (2Z+1)/4, W2 in Z (|.| <= 3), one x in Z^d (|x_l| <= 2), "
                          "a direction V",
           .gen = grad_point_gen()},
          {.name = "labelled.small",
           .description = "small integer nets (m <= 3, d <= 3) on 2-3 inputs of {-1,1}^d, labelled by themselves",
           .gen = labelled_small_gen(), .reduce = drops(2, 1)},
          {.name = "example.d5C3", .description = "the printed example's construction: d = 5, C = 3, r = 1, m = 10, all 32 inputs",
           .gen = rc::gen::just(cr_sample(5, 3, 10, RSpec{0, Rat(1)}))},
          {.name = "c3",
           .description = "C.3's construction (b): n 1..10, sigma in [1,n], m = 2 or 2n/sigma, eta in {1/2,9/10,..,1-1e-6,1/10,1/100}",
           .gen = c3_gen()},
          {.name = "c12.grid", .description = "C in 1..10, d in C+1..64, c in {1/100,1/2,1,2,10,1/1000}", .gen = c12_grid_gen()},
      },
      .variants = {
          {.slug = "C13-p5", .statement = "E Tr[J_1^T..J_k^T J_k..J_1] (brute force over (2^n)^k batches) = Tr[(E J^T J)^k]", .rel = Rel::Eq,
           .eval = make_evaluator(power_trace(false)), .note = "as printed under the spec's reading: commuting, i.i.d. factors",
           .families = {"power-a", "power-b"}, .checks = {"C.13-p5"}},
          {.slug = "C13-p5.inside", .statement = "E Tr[J_1^T..J_k^T J_k..J_1] = Tr E[(J^T J)^k] (one J^ raised to the power k)", .rel = Rel::Eq,
           .eval = make_evaluator(power_trace(true)),
           .note = "as printed under the reading 'C.13-p5 inside': fails for k >= 2 as soon as J^ is random (B < n)",
           .families = {"power-a", "power-b"}, .checks = {"C.13-p5"}},
          {.slug = "80a", .statement = "E[J^T J] = E[(I - eta H^ - eta c H H^)(I - eta H^ - eta c H^ H)] (enumeration)", .rel = Rel::Eq,
           .eval = make_evaluator(link80(false)), .note = "as printed: J substituted", .families = kCons, .checks = {"(80)a"}},
          {.slug = "80b",
           .statement = "E[(I - eta H^ - eta c H H^)(I - eta H^ - eta c H^ H)] = E[I - 2 eta H^ - eta c (H^ H + H H^) + eta^2 H^2 + eta^2 c "
                        "(H^2 H + H H^2) + eta^2 c^2 H H^2 H]",
           .rel = Rel::Eq, .eval = make_evaluator(link80(true)), .note = "as printed: expanded", .families = kCons, .checks = {"(80)b"}},
          {.slug = "83", .statement = "1 - (81) = -[-2 eta l (1+cl) + eta^2 l^2 (1+cl)^2 + eta^2 (n/B-1)(1+cl)^2 l^2/sigma]  ((82) <=> (83))",
           .rel = Rel::Eq, .eval = make_evaluator(rearrangement(Step::S83)), .note = "as printed: 1 subtracted", .families = kCons,
           .checks = {"(83)"}},
          {.slug = "84", .statement = "margin(83) = eta l (1+cl) margin(84), eta l (1+cl) > 0  ((83) <=> (84))", .rel = Rel::Eq,
           .eval = make_evaluator(rearrangement(Step::S84)), .note = "as printed: divided by eta lambda1 (1 + c lambda1)", .families = kCons,
           .checks = {"(84)"}},
          {.slug = "85", .statement = "margin(84) = 2 - eta l (1+cl)((n/B-1)/sigma + 1)  ((84) <=> (85))", .rel = Rel::Eq,
           .eval = make_evaluator(rearrangement(Step::S85)), .note = "as printed: rearranged", .families = kCons, .checks = {"(85)"}},
          {.slug = "86", .statement = "margin(85) = 2 - (eta l/sigma)(1+cl)(n/B - 1 + sigma)  ((85) <=> (86))", .rel = Rel::Eq,
           .eval = make_evaluator(rearrangement(Step::S86)), .note = "as printed: rearranged", .families = kCons, .checks = {"(86)"}},
          {.slug = "C13-p7", .statement = "2 sigma/(l (1 + c l)(n/B - 1 + sigma)) <= 2 sigma/(l (n/B - 1 + sigma)), c >= 0", .rel = Rel::Le,
           .eval = make_evaluator(sam_threshold), .note = "as printed: SAM's learning-rate threshold of (87) is below SGD's", .families = kCons,
           .checks = {"C.13-p7"}},
          {.slug = "C10-p3.memorizing", .statement = "sigma = lambda_max(|G|)/max_i G_ii = 1 on memorizing nets (H_i = g_i g_i^T)",
           .rel = Rel::Eq,
           .eval = make_evaluator(coherence_of_net), .note = "as printed: the memorizing solution's coherence is the smallest possible",
           .families = {"memorizing", "memorizing.paper"}, .checks = {"C.10-p3"}},
          {.slug = "C10-p3.others", .statement = "sigma = lambda_max(|G|)/max_i G_ii >= 1 on other nets (small integer nets, (C,r) solution)",
           .rel = Rel::Ge, .eval = make_evaluator(coherence_of_net), .note = "as printed: other solutions are not below the memorizing one",
           .families = {"small-int", "cr.r4.random"}, .checks = {"C.10-p3"}},
          {.slug = "74a", .statement = "P(Bin(n, 2^{-C}) >= ceil(n(mu + eps))) = sum_{x in {0,1}^n} P(x) [mean(x) >= mu + eps]", .rel = Rel::Eq,
           .eval = make_evaluator(link74a), .note = "as printed: the event restated on the mean", .families = {"tail.enum"},
           .checks = {"(74)a"}},
          {.slug = "75b", .statement = "2^C P(Bin(n, 2^{-C}) >= n mu + n eps) <= 2^C delta e^{-C}", .rel = Rel::Le,
           .eval = make_evaluator(link75b), .note = "as printed (the spec's reading of the unreadable middle line)",
           .families = {"prob.params"},
           .checks = {"(75)b"}},
          {.slug = "C12-p3.jensen", .statement = "G(1, 3/2) <= (G(1, 1) + G(1, 2))/2, G(u, v) = u s sqrt(1 + (2c/n) s u + (c^2/n^2) s^2 v)",
           .rel = Rel::Le, .eval = make_evaluator(convex_77),
           .note = "as printed under reading 'C.12-p3 Jensen': G is concave in v for c > 0, so the convexity (77) takes from Jensen fails",
           .families = {"jensen"}, .checks = {"C.12-p3"}},
          {.slug = "C12-p3.in-X", .statement = "phi(m) = G(m, m^2) midpoint-convex on 0..n (F(X) = phi(sum X_k) convex in the X_k)",
           .rel = Rel::Ge,
           .eval = make_evaluator(convex_in_X), .note = "as printed under reading 'C.12-p3 in X' (true, but it gives Jensen at E X, not (77))",
           .families = {"jensen"}, .checks = {"C.12-p3"}},
          {.slug = "79a",
           .statement = "(I + cH) H_i = (I + (c/n) sum_j g_j g_j^T) g_i g_i^T for every i (H_i zero-loss Hessians, H their mean)",
           .rel = Rel::Eq, .eval = make_evaluator(link79a), .note = "as printed: H = (1/n) sum g g^T substituted", .families = {"cr.sam.small"},
           .checks = {"(79)a"}},
          {.slug = "C1-p4", .statement = "sum_a (grad f grad f^T)_aa = relu(z)^2 + W2^2 (||x||^2 + 1) over the active unit, every input",
           .rel = Rel::Eq,
           .eval = make_evaluator(link_c1p4), .note = "as printed: Tr[grad f grad f^T] = ||grad f||^2", .families = {"single-x", "small"},
           .checks = {"C.1-p4"}},
          {.slug = "9-68",
           .statement = "(f(w + tv) - f(w - tv))/(2t) = <(9), v> for every coordinate direction v and a random V, t exact inside "
                        "the pattern",
           .rel = Rel::Eq, .eval = make_evaluator(link9),
           .note = "as printed ((9) and (68) print the same vector) under reading '(9)/(68) bias inside': exact directional derivatives",
           .families = {"grad.point", "small-int"}, .checks = {"(9)", "(68)"}},
          {.slug = "C1-p2.half",
           .statement = "Hess[(1/2)(f(x_i) - y_i)^2] = g_i g_i^T at zero loss (exact 5-point second differences, polarized)",
           .rel = Rel::Eq, .eval = make_evaluator(link_c1p2(Rat(1, 2), Rat(1))),
           .note = "as printed under reading 'C1-p2.half': the Hessian is grad f grad f^T",
           .families = {"labelled.small", "cr.sam.small"},
           .checks = {"C.1-p2"}},
          {.slug = "C1-p2.mse", .statement = "Hess[(f(x_i) - y_i)^2] = g_i g_i^T at zero loss (exact second differences)", .rel = Rel::Eq,
           .eval = make_evaluator(link_c1p2(Rat(1), Rat(1))),
           .note = "as printed under reading 'C1-p2.mse': the Hessian of (f - y)^2 is 2 g g^T, a factor 2 off",
           .families = {"labelled.small", "cr.sam.small"}, .checks = {"C.1-p2"}},
          {.slug = "C1-p2.mse.repaired-2ggT", .statement = "Hess[(f(x_i) - y_i)^2] = 2 g_i g_i^T at zero loss (exact second differences)",
           .rel = Rel::Eq, .eval = make_evaluator(link_c1p2(Rat(1), Rat(2))), .note = "repair of the factor under reading 'C1-p2.mse'",
           .families = {"labelled.small", "cr.sam.small"}},
          {.slug = "8",
           .statement = "b[j] = -r(C-1) (j <= 2^C), 0 below: sum_x |#active units - 1| + (f(x) - x1 x2)^2 = 0 over the inputs",
           .rel = Rel::Eq, .eval = make_evaluator(link8),
           .note = "as printed under reading '(8) prose': with that bias the example's network has one active unit and zero loss",
           .families = {"example.d5C3", "small", "single-x"}, .checks = {"(8)"}},
          {.slug = "C3-p1", .statement = "m = 2 => lambda_max(H) = 2, H = (1/n) sum_i H_i of C.3's construction", .rel = Rel::Eq,
           .eval = make_evaluator(c3_lmax(true)), .note = "as printed: lambda_max(H) = 2 sigma/n, which is 2 only when sigma = n",
           .families = {"c3"}, .checks = {"C.3-p1"}},
          {.slug = "C3-p1.repaired-m-2n-over-sigma", .statement = "m = 2n/sigma => lambda_max(H) = 2", .rel = Rel::Eq,
           .eval = make_evaluator(c3_lmax(false)), .note = "repair: m = 2n/sigma (EXP-C3's choice, C.13's m = n lambda1/sigma)",
           .families = {"c3"}},
          {.slug = "C3-p2", .statement = "eta < 1 => eta lambda_max(H) < 2 (strict, decided exactly), C.3's H with m = 2n/sigma or m = 2",
           .rel = Rel::Le, .eval = make_evaluator(c3_eta),
           .note = "as printed: below 1 the deterministic part I - eta H is stable, a divergence comes from the noise", .families = {"c3"},
           .checks = {"C.3-p2"}},
          {.slug = "C12-p6.lower-C",
           .statement = "(c/2^C)(2(d+1)^{1/2})^2 and (c/2^C) 2(d+1)^{1/2} strictly decrease from C to C + 1 (c > 0, C < d)",
           .rel = Rel::Le,
           .eval = make_evaluator(c12p6(true)), .note = "as printed under reading 'C.12-p6 (79)c': the term biases toward lower C",
           .families = {"c12.grid"}, .checks = {"C.12-p6"}},
          {.slug = "C12-p6.grows-with-d",
           .statement = "(c/2^C)(2(d+1)^{1/2})^2 and (c/2^C) 2(d+1)^{1/2} strictly increase from d to d + 1 (c > 0)", .rel = Rel::Le,
           .eval = make_evaluator(c12p6(false)), .note = "as printed under reading 'C.12-p6 (79)c': the term grows with d",
           .families = {"c12.grid"}, .checks = {"C.12-p6"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_3_3_links
