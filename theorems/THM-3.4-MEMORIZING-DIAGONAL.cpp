// THM-3.4-MEMORIZING-DIAGONAL — Theorem 3.4, proof C.10, eqs. (68)-(70).
//   forward: memorizing (zero loss, pairwise disjoint active sets) => grad f(x_i) . grad f(x_k) = 0 (i != k)
//            => Tr(H_i H_k) = 0 (70) => S diagonal;
//   (69):    S_ik = ||H_i^{1/2} H_k^{1/2}||_F = sqrt(Tr(H_i H_k)) = |grad f(x_i) . grad f(x_k)|;
//   reverse: "If the coherence matrix is diagonal, then the solution is memorizing solution. As if we have two
//            data activation overlap, the gradient product will not be zero."
// H_i = g_i g_i^T (Gauss-Newton, zero loss), also the full Hessian of (f - y)^2 for the forward direction.
// Nets and inputs are exact rationals; datasets are labelled by the net itself (zero loss).
#include "generators/kit.hpp"
#include "core/relu.hpp"
#include "generators/relu_nets.hpp"

namespace stabcheck::claim_thm_3_4_memorizing_diagonal {
namespace {

using namespace relu;


Sample net_sample(const Net<Rat>& net, const MatQ& X) {
  Sample s;
  put_net(s, net);
  s.mats["X"] = X;
  s.mats["y"] = outputs(net, X);
  return s;
}

rc::Gen<Sample> memorizing_gen(bool paper) {
  return rc::gen::mapcat(gen::dim(1, 6), [paper](int d) {
    int nmax = std::min(1 << d, 5);
    return rc::gen::mapcat(gen::dim(1, nmax), [d, paper](int n) {
      return rc::gen::mapcat(distinct_points(n, d), [paper](const MatQ& X) {
        auto g = paper ? memorizing_net_paper(X) : memorizing_net(X);
        return rc::gen::map(g, [X](const Net<Rat>& net) { return net_sample(net, X); });
      });
    });
  });
}

rc::Gen<Sample> small_int_gen(int dmax = 6, int mmax = 4, int nmax = 4) {
  return rc::gen::mapcat(gen::dim(1, dmax), [mmax, nmax](int d) {
    return rc::gen::mapcat(gen::dim(1, mmax), [d, nmax](int m) {
      return rc::gen::mapcat(gen::dim(2, nmax), [d, m](int n) {
        return rc::gen::map(rc::gen::pair(small_int_net(m, d), points(n, d)),
                            [](const std::pair<Net<Rat>, MatQ>& p) { return net_sample(p.first, p.second); });
      });
    });
  });
}

/// Two inputs with a negative inner product (x' = -x except on k coordinates), random small integer net: the
/// only pairs for which a shared unit can have g.g' = 0 are those with x.x' + 1 < 0.
rc::Gen<Sample> opposite_pair_gen() {
  return rc::gen::mapcat(gen::dim(2, 6), [](int d) {
    return rc::gen::mapcat(gen::dim(1, 3), [d](int m) {
      return rc::gen::map(rc::gen::tuple(small_int_net(m, d), points(1, d), rc::gen::inRange(0, (d + 1) / 2)),
                          [d](const std::tuple<Net<Rat>, MatQ, int>& t) {
                            MatQ X(2, d);
                            X.row(0) = std::get<1>(t).row(0);
                            X.row(1) = -X.row(0);
                            for (int q = 0; q < std::get<2>(t); ++q) X(1, q) = X(0, q);
                            return net_sample(std::get<0>(t), X);
                          });
    });
  });
}

/// One hidden unit shared by x and x' = -x except on k coordinates; W1 small integers, b of the parity that keeps
/// pre-activations odd (no kinks), W2 = q when -z z'/(x.x' + 1) = q^2 is a perfect square, i.e. exactly at the
/// threshold g.g' = z z' + W2^2 (x.x' + 1) = 0 that the reverse direction excludes; otherwise W2 small random.
rc::Gen<Sample> boundary_pair_gen() {
  return rc::gen::mapcat(gen::dim(2, 6), [](int d) {
    return rc::gen::map(rc::gen::tuple(gen::int_matrix(1, d, 2), gen::small_int(3), gen::small_int(2), points(1, d), rc::gen::inRange(0, (d + 1) / 2)),
                        [d](const std::tuple<MatQ, int, int, MatQ, int>& t) {
                          MatQ X(2, d);
                          X.row(0) = std::get<3>(t).row(0);
                          X.row(1) = -X.row(0);
                          for (int q = 0; q < std::get<4>(t); ++q) X(1, q) = X(0, q);
                          Net<Rat> net{std::get<0>(t), VecQ(1), VecQ(1)};
                          Int par = 0;
                          for (int l = 0; l < d; ++l) par += Int(numerator(net.W1(0, l)));
                          Int b = std::get<1>(t);
                          if (((par + b) % 2) == 0) b += (b >= 0 ? 1 : -1);
                          net.b(0) = Rat(b);
                          net.W2(0) = std::get<2>(t);
                          Rat z = Rat(net.W1.row(0).dot(X.row(0))) + net.b(0), z2 = Rat(net.W1.row(0).dot(X.row(1))) + net.b(0);
                          Rat ip = Rat(X.row(0).dot(X.row(1))) + 1;
                          Rat q;
                          if (z > 0 && z2 > 0 && ip < 0 && rat_sqrt(Rat(-z * z2 / ip), q) && denominator(q) == 1) net.W2(0) = q;
                          return net_sample(net, X);
                        });
  });
}

rc::Gen<Sample> memorizing_small_gen() {
  return rc::gen::mapcat(gen::dim(1, 3), [](int d) {
    return rc::gen::mapcat(gen::dim(1, std::min(1 << d, 3)), [d](int n) {
      return rc::gen::mapcat(distinct_points(n, d), [](const MatQ& X) {
        return rc::gen::map(memorizing_net(X), [X](const Net<Rat>& net) { return net_sample(net, X); });
      });
    });
  });
}

// (C, r) construction samples: ints d, C, m; r; mats X.
Sample cr_sample(int d, int C, int extra, const RSpec& r, const MatQ& X) {
  Sample s;
  s.ints["d"] = d;
  s.ints["C"] = C;
  s.ints["m"] = (1L << C) + extra;
  put_r(s, r);
  s.mats["X"] = X;
  return s;
}

rc::Gen<Sample> cr_random_gen(bool r4) {
  return rc::gen::mapcat(gen::dim(2, 8), [r4](int d) {
    return rc::gen::mapcat(gen::dim(2, d), [d, r4](int C) {
      auto rg = r4 ? rc::gen::just(RSpec{1, Rat(d + 1)}) : r_gen(d);
      return rc::gen::mapcat(gen::dim(2, 5), [d, C, rg](int n) {
        return rc::gen::map(rc::gen::tuple(rc::gen::inRange(0, 2), rg, points(n, d)), [d, C](const std::tuple<int, RSpec, MatQ>& t) {
          return cr_sample(d, C, std::get<0>(t), std::get<1>(t), std::get<2>(t));
        });
      });
    });
  });
}

/// Two inputs in the same block: x' = x with f of the free coordinates C+1..d flipped. "targeted" picks f so that
/// x.x' + 1 = -r^4 when that is possible (the only way g.g' = r^2 + (x.x'+1)/r^2 can vanish), else f at random;
/// "far" flips every free coordinate (the most negative inner product).
rc::Gen<Sample> cr_pair_gen(bool r4, bool far) {
  return rc::gen::mapcat(gen::dim(6, 8), [r4, far](int d) {
    return rc::gen::mapcat(gen::dim(2, 3), [d, r4, far](int C) {
      auto rg = r4 ? rc::gen::just(RSpec{1, Rat(d + 1)}) : r_gen(d);
      return rc::gen::map(rc::gen::tuple(rg, points(1, d), rc::gen::inRange(0, d - C + 1)),
                          [d, C, far](const std::tuple<RSpec, MatQ, int>& t) {
                            const RSpec& r = std::get<0>(t);
                            MatQ X(2, d);
                            X.row(0) = std::get<1>(t).row(0);
                            X.row(1) = X.row(0);
                            int f = std::get<2>(t);
                            Rat r4v = r.mode == 0 ? Rat(r.q * r.q) : r.q;  // r^4
                            // x.x' = d - 2f; want d - 2f + 1 = -r^4, i.e. f = (d + 1 + r^4) / 2
                            Rat ft = (Rat(d + 1) + r4v) / 2;
                            if (denominator(ft) == 1 && ft <= d - C) f = int(numerator(ft));
                            if (far) f = d - C;
                            for (int q = C; q < C + f; ++q) X(1, q) = -X(1, q);
                            return cr_sample(d, C, 0, r, X);
                          });
    });
  });
}

// ---------------------------------------------------------------- bodies
template <class T> Mat<T> gram_of(const Sample& s) {
  Net<T> net = net_as<T>(s);
  return grad_gram(features(net, from_q<T>(s.mat("X"))));
}

void require_memorizing(const Sample& s) {
  Net<Rat> net = get_net(s);
  const MatQ& X = s.mat("X");
  auto A = active_sets(net, X);
  std::vector<int> owner(size_t(net.m()), -1);
  for (size_t i = 0; i < A.size(); ++i)
    for (Index j : A[i]) {
      if (owner[size_t(j)] >= 0) throw std::logic_error("generator bug: sample is not memorizing");
      owner[size_t(j)] = int(i);
    }
  if (outputs(net, X) != VecQ(s.mat("y").col(0))) throw std::logic_error("generator bug: loss is not zero");
}

auto forward_orthogonal = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  require_memorizing(s);
  Mat<T> G = gram_of<T>(s);
  T off = T(0), diag = T(0);
  for (Index i = 0; i < G.rows(); ++i)
    for (Index k = 0; k < G.cols(); ++k) (i == k ? diag : off) += G(i, k) * G(i, k);
  return sides(real(off), real(T(0)), real(T(diag + T(1))));
};

auto forward_dense(HessKind kind) {
  return [kind](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    require_memorizing(s);
    Net<T> net = net_as<T>(s);
    Vec<T> y = from_q<T>(VecQ(s.mat("y").col(0)));
    Mat<T> Tm = trace_gram_dense(net, from_q<T>(s.mat("X")), kind, &y);
    T off = T(0), diag = T(0);
    for (Index i = 0; i < Tm.rows(); ++i)
      for (Index k = 0; k < Tm.cols(); ++k) (i == k ? diag : off) += abs(Tm(i, k));
    return sides(real(off), real(T(0)), real(T(diag + T(1))));
  };
}

// (69): three forms of S_ik, from the explicit matrices
auto eq69 = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  using R = Real<T>;
  Net<T> net = net_as<T>(s);
  Mat<T> X = from_q<T>(s.mat("X"));
  const Index n = X.rows();
  std::vector<Vec<T>> g;
  std::vector<Mat<T>> H;
  std::vector<Mat<R>> Hh;  // H^{1/2} = g g^T / ||g||
  for (Index i = 0; i < n; ++i) {
    g.push_back(grad(net, Vec<T>(X.row(i).transpose())));
    H.push_back(outer(g.back()));
    T n2 = T(0);
    for (Index a = 0; a < g.back().size(); ++a) n2 += g.back()(a) * g.back()(a);
    Mat<R> h = to_real(H.back());
    if (!is_zero(n2)) {
      R nr = sqrt(real(n2));
      for (Index a = 0; a < h.rows(); ++a)
        for (Index b = 0; b < h.cols(); ++b) h(a, b) = h(a, b) / nr;
    }
    Hh.push_back(h);
  }
  R dev = R(0), scale = R(1);
  for (Index i = 0; i < n; ++i)
    for (Index k = 0; k < n; ++k) {
      R a = sqrt(real(trace_prod(H[size_t(i)], H[size_t(k)])));
      T gg = T(0);
      for (Index a = 0; a < g[size_t(i)].size(); ++a) gg += g[size_t(i)](a) * g[size_t(k)](a);
      R b = real(T(abs(gg)));
      R c2 = R(0);  // ||H_i^{1/2} H_k^{1/2}||_F^2
      const Mat<R>& A = Hh[size_t(i)];
      const Mat<R>& B = Hh[size_t(k)];
      for (Index a = 0; a < A.rows(); ++a)
        for (Index bb = 0; bb < B.cols(); ++bb) {
          R e = R(0);
          for (Index q = 0; q < A.cols(); ++q) e += A(a, q) * B(q, bb);
          c2 += e * e;
        }
      R c = sqrt(c2);
      dev += abs(R(a - b)) + abs(R(b - c));
      scale += a + b + c;
    }
  return sides(dev, R(0), scale);
};

template <class T> bool zero_in_tier(const T& v, const T& scale) {
  if constexpr (std::is_same_v<T, Rat>) return v == 0;
  else if constexpr (std::is_same_v<T, double>) return std::abs(v) <= 1e-12 * scale;
  else return abs(v) <= Mpfr(pow(Mpfr(10), Mpfr(-int(0.8 * digits())))) * scale;
}

/// Pairs (i < k) whose active sets overlap and whose gradients are orthogonal (optionally only pairs with
/// x_i . x_k >= -1); mode "diag": 1 if S is diagonal and some active sets overlap.
auto reverse_net(bool diag_mode, bool restrict_ip) {
  return [diag_mode, restrict_ip](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    Net<Rat> q = get_net(s);
    const MatQ& Xq = s.mat("X");
    auto A = active_sets(q, Xq);
    Mat<T> G = gram_of<T>(s);
    long bad = 0, overlaps = 0, offnz = 0;
    for (Index i = 0; i < G.rows(); ++i)
      for (Index k = i + 1; k < G.rows(); ++k) {
        bool ov = false;
        for (Index j : A[size_t(i)])
          for (Index j2 : A[size_t(k)]) ov = ov || j == j2;
        T sc = T(abs(G(i, i))) + T(abs(G(k, k))) + T(1);
        bool zero = zero_in_tier(G(i, k), sc);
        if (!zero) ++offnz;
        if (!ov) continue;
        if (restrict_ip && Rat(Xq.row(i).dot(Xq.row(k))) < -1) continue;
        ++overlaps;
        if (zero) ++bad;
      }
    long lhs = diag_mode ? long(offnz == 0 && overlaps > 0) : bad;
    return sides(real_of<T>(Rat(lhs)), real_of<T>(Rat(0)), real_of<T>(Rat(1)));
  };
}

auto reverse_cr = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  const int d = int(s.integer("d")), C = int(s.integer("C")), m = int(s.integer("m"));
  const MatQ& X = s.mat("X");
  return with_cr_gram<T>(d, C, m, get_r(s), W2Sign::Pair, W2Mag::OverR, X, [&](const auto& G, const auto& r2) {
    using S = typename std::decay_t<decltype(G)>::Scalar;
    using R = RealT<S>;
    long bad = 0;
    for (Index i = 0; i < G.rows(); ++i)
      for (Index k = i + 1; k < G.rows(); ++k) {
        // in the construction, x_i and x_k share their (only) active unit iff their first C coordinates agree
        if (cr_unit(VecQ(X.row(i).transpose()), C) != cr_unit(VecQ(X.row(k).transpose()), C)) continue;
        Sign sg = sign_of(G(i, k));
        if constexpr (std::is_same_v<S, Ball>) {
          if (sg == Sign::Unknown) throw std::domain_error("sign of g_i.g_k undecided by its enclosure");
          if (sg == Sign::Zero) ++bad;
        } else if constexpr (std::is_same_v<S, Rat>) {
          if (sg == Sign::Zero) ++bad;
        } else {
          if (zero_in_tier(S(G(i, k)), S(S(abs(G(i, i))) + S(abs(G(k, k)))))) ++bad;
        }
      }
    return sides(R(bad), R(0), R(1));
  });
};

Claim make() {
  Claim c;
  c.id = "THM-3.4-MEMORIZING-DIAGONAL";
  c.source = "Theorem 3.4, proof C.10, eqs. (68)-(70)";
  c.statement =
      "Memorizing solution (zero loss, activations of the samples orthogonal) => grad f(x_i).grad f(x_j) = 0 => Tr(H_i H_j) = 0 (70): "
      "S is diagonal, with S_ij = ||H_i^{1/2} H_j^{1/2}||_F = sqrt(Tr(H_i H_j)) = |grad f(x_i).grad f(x_j)| (69). "
      "Reverse: S diagonal => memorizing, 'as if two data activations overlap, the gradient product will not be zero'";
  c.families.push_back(fam("memorizing", "memorizing nets: 1-2 units per sample (W1 = t x_i, b = -t(d-1) - u) + dead units, d <= 6, n <= 5 distinct inputs",
                           memorizing_gen(false), drops(1)));
  c.families.push_back(fam("memorizing.paper", "memorizing nets by the spec's recipe: W1_i = x_i, b_i in (-(d-1), -(d-2))", memorizing_gen(true), drops(1)));
  c.families.push_back(fam("small-int", "zero-loss nets, d <= 6, m <= 4, integer W1, W2 in [-2,2], integer b (odd pre-activations: no kinks), 2-4 inputs",
                           small_int_gen(), drops(2, 1)));
  c.families.push_back(fam("opposite-pair", "as small-int (m <= 3), two inputs x, x' = -x except on k < d/2 coordinates (x.x' < 0)", opposite_pair_gen(),
                           drops(2, 1)));
  c.families.push_back(fam("boundary-pair", "one unit shared by x and x' = -x except on k < d/2 coordinates, W2 set on the threshold g.g' = 0 when it is an integer",
                           boundary_pair_gen()));
  c.families.push_back(fam("small-int.small", "as small-int with d <= 3, m <= 3, 2-3 inputs (explicit D x D matrices)", small_int_gen(3, 3, 3), drops(1, 1)));
  c.families.push_back(fam("memorizing.small", "memorizing nets with d <= 3, n <= 3", memorizing_small_gen(), drops(1)));
  c.families.push_back(fam("cr.targeted", "(C,r) construction, two inputs of one block with x.x' + 1 = -r^4 when possible, d = 6..8", cr_pair_gen(false, false)));
  c.families.push_back(fam("cr.random", "(C,r) construction, 2-5 random inputs, 2 <= C <= d <= 8, random r", cr_random_gen(false), drops(2)));
  c.families.push_back(fam("cr.r4.random", "(C,r) construction with r^4 = d + 1, 2-5 random inputs", cr_random_gen(true), drops(2)));
  c.families.push_back(fam("cr.r4.far", "(C,r) construction with r^4 = d + 1, two inputs of one block, all free coordinates opposite", cr_pair_gen(true, true)));

  auto add = [&](const std::string& slug, const std::string& st, auto body, Verdict exp, const std::string& note,
                 std::vector<std::string> fams) {
    Variant v;
    v.slug = slug;
    v.statement = st;
    v.rel = Rel::Eq;
    v.eval = make_evaluator(body);
    v.expected = exp;
    v.note = note;
    v.families = std::move(fams);
    c.variants.push_back(v);
  };
  const std::vector<std::string> mem = {"memorizing", "memorizing.paper"};
  add("forward.gradients-orthogonal", "memorizing => sum_{i != k} (g_i . g_k)^2 = 0", forward_orthogonal, Verdict::Holds,
      "forward direction, closed-form gradient Gram", mem);
  add("forward.eq70", "memorizing => sum_{i != k} |Tr(H_i H_k)| = 0, H_i = g_i g_i^T formed explicitly", forward_dense(HessKind::GaussNewton),
      Verdict::Holds, "forward direction, eq. (70) on the explicit D x D matrices", mem);
  add("forward.eq70.loss-hessian", "memorizing => sum_{i != k} |Tr(H_i H_k)| = 0, H_i = full Hessian of (f(x_i) - y_i)^2 (explicit)",
      forward_dense(HessKind::Loss), Verdict::Holds, "forward direction with the full loss Hessian (equal to 2 g g^T at zero loss)", mem);
  add("eq69", "for all i, k: sqrt(Tr(H_i H_k)) = |g_i . g_k| = ||H_i^{1/2} H_k^{1/2}||_F  (lhs = sum of the two differences)", eq69,
      Verdict::Holds, "(69) on explicit matrices, H^{1/2} = g g^T / ||g||", {"memorizing.small", "small-int.small"});
  add("reverse.pairwise", "zero loss, overlapping active sets A(x_i), A(x_k) => g_i . g_k != 0  (lhs = #pairs violating)", reverse_net(false, false),
      Verdict::Refuted, "the proof's justification of the reverse direction", {"boundary-pair", "opposite-pair", "small-int"});
  add("reverse.S-diagonal", "zero loss, S diagonal => active sets pairwise disjoint  (lhs = 1 if S diagonal with an overlap)",
      reverse_net(true, false), Verdict::Refuted, "the reverse direction as stated", {"boundary-pair", "opposite-pair", "small-int"});
  add("reverse.pairwise.ip-ge-minus-1", "as reverse.pairwise, for pairs with x_i . x_k >= -1 only", reverse_net(false, true), Verdict::Holds,
      "repaired hypothesis: with x_i.x_k + 1 >= 0 every shared unit adds z_ij z_kj + W2_j^2 (x_i.x_k + 1) > 0", {"boundary-pair", "opposite-pair", "small-int"});
  add("reverse.cr-construction", "(C,r) construction: x_i, x_k in one block (shared unit) => g_i . g_k != 0  (lhs = #pairs violating)", reverse_cr,
      Verdict::Refuted, "reverse direction inside the paper's construction, several r", {"cr.targeted", "cr.random"});
  add("reverse.cr-construction.r4", "(C,r) construction with r^4 = d + 1: shared unit => g_i . g_k != 0", reverse_cr, Verdict::Holds,
      "with the paper's r: g_i.g_k = r^2 + (x_i.x_k + 1)/r^2 and x_i.x_k + 1 >= 2C - d + 1 > -(d+1) = -r^4 in a block (checked, not assumed)",
      {"cr.r4.random", "cr.r4.far"});
  // certified counterexamples found by the suite (stabcheck run, seed 1): replayed by ctest
  c.set_witnesses({
      {"reverse.pairwise", "THM-3.4-MEMORIZING-DIAGONAL/reverse.pairwise/boundary-pair/1/10/3"},
      {"reverse.S-diagonal", "THM-3.4-MEMORIZING-DIAGONAL/reverse.S-diagonal/boundary-pair/1/10/3"},
      {"reverse.cr-construction", "THM-3.4-MEMORIZING-DIAGONAL/reverse.cr-construction/cr.targeted/1/5/0.0.0.0.0.0"},
  });
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_3_4_memorizing_diagonal
