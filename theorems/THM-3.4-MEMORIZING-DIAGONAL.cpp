// THM-3.4-MEMORIZING-DIAGONAL — Theorem 3.4, proof C.10, eqs. (68)-(70).
//   forward: memorizing (zero loss, pairwise disjoint active sets) => grad f(x_i) . grad f(x_k) = 0 (i != k)
//            => Tr(H_i H_k) = 0 (70) => S diagonal;
//   (69):    S_ik = ||H_i^{1/2} H_k^{1/2}||_F = sqrt(Tr(H_i H_k)) = |grad f(x_i) . grad f(x_k)|;
//   reverse: "If the coherence matrix is diagonal, then the solution is memorizing solution. As if we have two
//            data activation overlap, the gradient product will not be zero."
// H_i = g_i g_i^T (Gauss-Newton, zero loss), also the full Hessian of (f - y)^2 for the forward direction.
// Nets and inputs are exact rationals; datasets are labelled by the net itself (zero loss).
#include "generators/kit.hpp"
#include "models/relu.hpp"
#include "generators/relu_datasets.hpp"
#include "generators/relu_nets.hpp"

namespace stabcheck::claim_thm_3_4_memorizing_diagonal {
namespace {

using namespace relu;

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

const std::vector<std::string> kMemorizing = {"memorizing", "memorizing.paper"};
const std::vector<std::string> kReverseNets = {"boundary-pair", "opposite-pair", "small-int"};

Claim make() {
  return Claim{
      .id = "THM-3.4-MEMORIZING-DIAGONAL", .source = "Theorem 3.4, proof C.10, eqs. (68)-(70)",
      .statement =
          "Memorizing solution (zero loss, activations of the samples orthogonal) => grad f(x_i).grad f(x_j) = 0 => Tr(H_i H_j) = 0 (70): "
          "S is diagonal, with S_ij = ||H_i^{1/2} H_j^{1/2}||_F = sqrt(Tr(H_i H_j)) = |grad f(x_i).grad f(x_j)| (69). "
          "Reverse: S diagonal => memorizing, 'as if two data activations overlap, the gradient product will not be zero'",
      .families = {
          {.name = "memorizing",
           .description = "memorizing nets: 1-2 units per sample (W1 = t x_i, b = -t(d-1) - u) + dead units, d <= 6, n <= 5 distinct inputs",
           .gen = memorizing_gen(false), .reduce = drops(1)},
          {.name = "memorizing.paper", .description = "memorizing nets by the spec's recipe: W1_i = x_i, b_i in (-(d-1), -(d-2))",
           .gen = memorizing_gen(true), .reduce = drops(1)},
          {.name = "small-int",
           .description = "zero-loss nets, d <= 6, m <= 4, integer W1, W2 in [-2,2], integer b (odd pre-activations: no kinks), 2-4 inputs",
           .gen = small_int_gen(), .reduce = drops(2, 1)},
          {.name = "opposite-pair", .description = "as small-int (m <= 3), two inputs x, x' = -x except on k < d/2 coordinates (x.x' < 0)",
           .gen = opposite_pair_gen(), .reduce = drops(2, 1)},
          {.name = "boundary-pair",
           .description = "one unit shared by x and x' = -x except on k < d/2 coordinates, W2 set on the threshold g.g' = 0 when it is an integer",
           .gen = boundary_pair_gen()},
          {.name = "small-int.small", .description = "as small-int with d <= 3, m <= 3, 2-3 inputs (explicit D x D matrices)",
           .gen = small_int_gen(3, 3, 3), .reduce = drops(1, 1)},
          {.name = "memorizing.small", .description = "memorizing nets with d <= 3, n <= 3", .gen = memorizing_small_gen(), .reduce = drops(1)},
          {.name = "cr.targeted", .description = "(C,r) construction, two inputs of one block with x.x' + 1 = -r^4 when possible, d = 6..8",
           .gen = cr_block_pair_gen(false, false)},
          {.name = "cr.random", .description = "(C,r) construction, 2-5 random inputs, 2 <= C <= d <= 8, random r",
           .gen = cr_random_inputs_gen(false), .reduce = drops(2)},
          {.name = "cr.r4.random", .description = "(C,r) construction with r^4 = d + 1, 2-5 random inputs", .gen = cr_random_inputs_gen(true),
           .reduce = drops(2)},
          {.name = "cr.r4.far", .description = "(C,r) construction with r^4 = d + 1, two inputs of one block, all free coordinates opposite",
           .gen = cr_block_pair_gen(true, true)},
      },
      .variants = {
          {.slug = "forward.gradients-orthogonal", .statement = "memorizing => sum_{i != k} (g_i . g_k)^2 = 0", .rel = Rel::Eq,
           .eval = make_evaluator(forward_orthogonal), .note = "forward direction, closed-form gradient Gram", .families = kMemorizing,
           .checks = {"C.10-p1"}},
          {.slug = "forward.eq70", .statement = "memorizing => sum_{i != k} |Tr(H_i H_k)| = 0, H_i = g_i g_i^T formed explicitly", .rel = Rel::Eq,
           .eval = make_evaluator(forward_dense(HessKind::GaussNewton)), .note = "forward direction, eq. (70) on the explicit D x D matrices",
           .families = kMemorizing, .checks = {"(70)a", "(70)b", "C.10-p2"}},
          {.slug = "forward.eq70.loss-hessian",
           .statement = "memorizing => sum_{i != k} |Tr(H_i H_k)| = 0, H_i = full Hessian of (f(x_i) - y_i)^2 (explicit)", .rel = Rel::Eq,
           .eval = make_evaluator(forward_dense(HessKind::Loss)),
           .note = "forward direction with the full loss Hessian (equal to 2 g g^T at zero loss)", .families = kMemorizing,
           .checks = {"(70)b"}},
          {.slug = "eq69", .statement = "for all i, k: sqrt(Tr(H_i H_k)) = |g_i . g_k| = ||H_i^{1/2} H_k^{1/2}||_F  (lhs = sum of the two differences)",
           .rel = Rel::Eq, .eval = make_evaluator(eq69), .note = "(69) on explicit matrices, H^{1/2} = g g^T / ||g||",
           .families = {"memorizing.small", "small-int.small"}, .checks = {"(69)a", "(69)b", "(69)c", "(71)a"}},
          {.slug = "reverse.pairwise", .statement = "zero loss, overlapping active sets A(x_i), A(x_k) => g_i . g_k != 0  (lhs = #pairs violating)",
           .rel = Rel::Eq, .eval = make_evaluator(reverse_net(false, false)), .note = "the proof's justification of the reverse direction",
           .families = kReverseNets, .checks = {"C.10-p5"}},
          {.slug = "reverse.S-diagonal", .statement = "zero loss, S diagonal => active sets pairwise disjoint  (lhs = 1 if S diagonal with an overlap)",
           .rel = Rel::Eq, .eval = make_evaluator(reverse_net(true, false)), .note = "the reverse direction as stated", .families = kReverseNets,
           .checks = {"C.10-p4"}},
          {.slug = "reverse.pairwise.ip-ge-minus-1", .statement = "as reverse.pairwise, for pairs with x_i . x_k >= -1 only", .rel = Rel::Eq,
           .eval = make_evaluator(reverse_net(false, true)),
           .note = "repaired hypothesis: with x_i.x_k + 1 >= 0 every shared unit adds z_ij z_kj + W2_j^2 (x_i.x_k + 1) > 0", .families = kReverseNets},
          {.slug = "reverse.cr-construction",
           .statement = "(C,r) construction: x_i, x_k in one block (shared unit) => g_i . g_k != 0  (lhs = #pairs violating)", .rel = Rel::Eq,
           .eval = make_evaluator(reverse_cr), .note = "reverse direction inside the paper's construction, several r",
           .families = {"cr.targeted", "cr.random"}, .checks = {"C.10-p4"}},
          {.slug = "reverse.cr-construction.r4", .statement = "(C,r) construction with r^4 = d + 1: shared unit => g_i . g_k != 0", .rel = Rel::Eq,
           .eval = make_evaluator(reverse_cr),
           .note = "with the paper's r: g_i.g_k = r^2 + (x_i.x_k + 1)/r^2 and x_i.x_k + 1 >= 2C - d + 1 > -(d+1) = -r^4 in a block (checked, not assumed)",
           .families = {"cr.r4.random", "cr.r4.far"}, .checks = {"C.10-p4"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_3_4_memorizing_diagonal
