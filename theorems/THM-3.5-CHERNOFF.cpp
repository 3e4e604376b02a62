// THM-3.5-CHERNOFF — Theorem 3.5, proof C.11, eqs. (71)-(75).
// Random dataset of n i.i.d. points uniform on {-1,1}^d, the (C, r)-generalizing solution (r^4 = d + 1 unless
// stated), H_i = g_i g_i^T, blocks S_p = samples whose first C coordinates match pattern p.
//   (a) S is block diagonal;
//   (b) (71) S_ij = 2(d+1)^{1/2} in a block, and the eigenvalue is 2(d+1)^{1/2} max_p |S_p|;
//   (c) (72)-(75) P(max_p |S_p| >= n mu + n eps) <= sum_p P(|S_p| >= n mu + n eps) <= 2^C exp(-2 eps^2 n)
//       = 2^C delta e^{-C} <= delta, mu = 2^{-C}, eps = sqrt((C + log(1/delta)) / (2n));
//   (d) with probability >= 1 - delta, lambda_max(S) <= 2(d+1)^{1/2} n (2^{-C} + eps).
// (a), (b) exact (rationals when r^2 is rational, rigorous balls otherwise); (c) exact binomial and multinomial
// tails; Monte Carlo (4000 datasets per sample, Clopper-Pearson limits) is evidence only: statistical variants
// (core/README.md), so a Monte Carlo violation is never certified.
#include "generators/kit.hpp"
#include "models/relu.hpp"
#include "models/relu_prob.hpp"
#include "generators/relu_datasets.hpp"
#include "generators/relu_nets.hpp"
#include <random>

namespace stabcheck::claim_thm_3_5_chernoff {
namespace {

using namespace relu;

// ---------------------------------------------------------------- (a), (b)
struct Blocks {
  std::vector<long> unit;  // block of each sample
  long max_size = 0;
};
Blocks blocks_of(const MatQ& X, int C) {
  Blocks b;
  std::vector<long> cnt(size_t(1) << C, 0);
  for (Index i = 0; i < X.rows(); ++i) {
    long u = cr_unit(VecQ(X.row(i).transpose()), C);
    b.unit.push_back(u);
    b.max_size = std::max(b.max_size, ++cnt[size_t(u)]);
  }
  return b;
}

/// Run f(G, r2, s_paper) with G the gradient Gram of the construction in the tier's scalar.
template <class T, class F> auto on_gram(const Sample& s, F&& f) {
  const int d = int(s.integer("d")), C = int(s.integer("C")), m = int(s.integer("m"));
  return with_cr_gram<T>(d, C, m, get_r(s), W2Sign::Pair, W2Mag::OverR, s.mat("X"), std::forward<F>(f));
}

auto block_diagonal = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto B = blocks_of(s.mat("X"), int(s.integer("C")));
  return on_gram<T>(s, [&](const auto& G, const auto&) {
    using S = typename std::decay_t<decltype(G)>::Scalar;
    S off = S(0), diag = S(1);
    for (Index i = 0; i < G.rows(); ++i)
      for (Index k = 0; k < G.cols(); ++k) (B.unit[size_t(i)] == B.unit[size_t(k)] ? diag : off) += G(i, k) * G(i, k);
    return sides(lift(off), lift(S(0)), lift(diag));
  });
};

enum class Entry { PaperValue, PaperIdenticalOnly, GeneralR, Exact };

/// sum over same-block pairs (i, k) of |S_ik - target|
auto eq71(Entry what) {
  return [what](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    const MatQ& X = s.mat("X");
    const int d = int(s.integer("d"));
    auto B = blocks_of(X, int(s.integer("C")));
    return on_gram<T>(s, [&](const auto& G, const auto& r2) {
      using S = typename std::decay_t<decltype(G)>::Scalar;
      using R = RealT<S>;
      const R paper = R(2) * sqrt(R(lift(S(d + 1))));
      Deviation<R> dev{.scale = R(1)};
      for (Index i = 0; i < G.rows(); ++i)
        for (Index k = 0; k < G.cols(); ++k) {
          if (B.unit[size_t(i)] != B.unit[size_t(k)]) continue;
          const bool same_point = X.row(i) == X.row(k);
          if (what == Entry::PaperIdenticalOnly && !same_point) continue;
          R Sik = lift(S(abs(G(i, k))));
          R target;
          if (what == Entry::PaperValue || what == Entry::PaperIdenticalOnly) target = paper;
          else if (what == Entry::GeneralR) target = lift(S(r2 + S(d + 1) / r2));
          else {
            const int ip = Rat(X.row(i).dot(X.row(k))).convert_to<int>();
            target = lift(S(abs(S(r2 + S(ip + 1) / r2))));
          }
          dev.add(Sik, target);
        }
      return dev.sides();
    });
  };
}

/// lambda_max(S) vs (2(d+1)^{1/2} or r^2 + (d+1)/r^2) max_p |S_p|
auto eigenvalue(bool general_r) {
  return [general_r](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    const int d = int(s.integer("d"));
    auto B = blocks_of(s.mat("X"), int(s.integer("C")));
    return on_gram<T>(s, [&](const auto& G, const auto& r2) {
      using S = typename std::decay_t<decltype(G)>::Scalar;
      using R = RealT<S>;
      Mat<S> Sm = abs_mat(G);
      R lm = lmax(Sm);
      R per = general_r ? R(lift(S(r2 + S(d + 1) / r2))) : R(R(2) * sqrt(R(lift(S(d + 1)))));
      return sides(lm, R(per * R(lift(S(int(B.max_size))))));
    });
  };
}

// ---------------------------------------------------------------- (c), (d)
/// mu, eps, the threshold n(mu + eps) and its ceiling k0, in the Real type R of tier T.
template <class T> struct Thr {
  using R = Real<T>;
  R mu, eps, t;
  long k0;
};
/// Smallest integer k with k >= a + sqrt(q) (q >= 0), exactly.
long ceil_plus_sqrt(const Rat& a, const Rat& q) {
  const double approx = a.convert_to<double>() + std::sqrt(q.convert_to<double>());
  long k = long(std::floor(approx)) - 2;
  auto above = [&](long k) { const Rat g = Rat(k) - a; return g >= 0 && g * g >= q; };
  while (above(k - 1)) --k;
  while (!above(k)) ++k;
  return k;
}

template <class T> Thr<T> threshold(const Sample& s) {
  using R = Real<T>;
  const long C = s.integer("C"), n = s.integer("n");
  const R delta = real_of<T>(s.scalar("delta"));
  Thr<T> th;
  th.mu = real_of<T>(Rat(1, Int(1) << C));
  th.eps = sqrt(R(R(R(int(C)) + log_(R(R(1) / delta))) / R(int(2 * n))));
  th.t = R(int(n)) * (th.mu + th.eps);
  // With delta = 1, n eps = sqrt(n C / 2) and the threshold can be an integer (n = 18, C = 1: 9 + 3 = 12), which no
  // enclosure decides and double rounds either way: k0 exactly. Otherwise ln(1/delta) is irrational
  // (Lindemann) and t is never an integer, so the rigorous ceiling of the enclosure decides.
  const Rat dq = s.scalar("delta");
  th.k0 = dq == Rat(1) ? ceil_plus_sqrt(Rat(n) / Rat(Int(1) << C), Rat(n * C, 2)) : ceil_long(th.t);
  return th;
}

enum class Tail { Hoeffding, Identity, AltExponent, Union, MaxBlock, LastStep };

auto tail_claim(Tail which) {
  return [which](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    using R = Real<T>;
    const long C = s.integer("C"), n = s.integer("n");
    const R delta = real_of<T>(s.scalar("delta"));
    Thr<T> th = threshold<T>(s);
    const T mu = from_rat<T>(Rat(1, Int(1) << C));
    const R chern = exp_(R(R(-2) * th.eps * th.eps * R(int(n))));
    const R de = delta * exp_(R(-int(C)));
    const R two_c = R(int(1L << C));
    switch (which) {
      case Tail::Hoeffding: return sides(real(binom_upper_tail<T>(n, mu, th.k0)), chern);
      case Tail::Identity: return sides(chern, de);
      case Tail::AltExponent: return sides(real(binom_upper_tail<T>(n, mu, th.k0)), exp_(R(R(-2) * th.eps * R(int(n * n)))));
      case Tail::Union: return sides(real(max_cell_tail<T>(n, 1L << C, th.k0)), R(two_c * real(binom_upper_tail<T>(n, mu, th.k0))));
      case Tail::MaxBlock: return sides(real(max_cell_tail<T>(n, 1L << C, th.k0)), delta);
      case Tail::LastStep: return sides(R(two_c * de), delta);
    }
    return sides(R(0), R(0));
  };
}

// Monte Carlo: N datasets of n i.i.d. uniform points of {-1,1}^d, deterministic from mc_seed.
constexpr long kMC = 4000;
constexpr double kAlpha = 1e-6;  // one-sided Clopper-Pearson level (evidence)

struct MCCounts { long block_events = 0, lambda_events = 0; double max_lmax_ratio = 0; };

/// Counts of {max_p |S_p| >= t} and {lambda_max(S) > 2(d+1)^{1/2} t}, t = n(mu + eps), for the literal
/// (C, r) network with r^4 = d + 1 (double). lambda_max(S) = max_p lambda_max(S_p) (S block diagonal); each
/// block is G_p = A A^T with A = [R_p, |W2_p| X_p, |W2_p| 1] read off the network's features (one active unit
/// per sample), so lambda_max(G_p) = lambda_max(A^T A), of size d + 2. S_p = G_p needs G_p >= 0 entrywise,
/// which is checked. Blocks with 2(d+1)^{1/2} |S_p| <= threshold cannot exceed it (lambda_max <= max row sum) and
/// are skipped.
MCCounts monte_carlo(int d, int C, int n, double t, uint64_t seed, bool lambda) {
  std::mt19937_64 rng(seed);
  const double r = std::pow(double(d + 1), 0.25), s_paper = 2 * std::sqrt(double(d + 1));
  Net<double> net = cr_net<double>(d, C, 1 << C, r);
  MCCounts out;
  Mat<double> X(n, d);
  for (long rep = 0; rep < kMC; ++rep) {
    for (int i = 0; i < n; ++i) {
      uint64_t bits = rng();
      for (int q = 0; q < d; ++q) X(i, q) = ((bits >> q) & 1) ? -1.0 : 1.0;
    }
    std::vector<std::vector<int>> blk(size_t(1) << C);
    for (int i = 0; i < n; ++i) blk[size_t(cr_unit(Vec<double>(X.row(i).transpose()), C))].push_back(i);
    size_t mx = 0;
    for (const auto& b : blk) mx = std::max(mx, b.size());
    if (double(mx) >= t) ++out.block_events;
    if (!lambda) continue;
    double lm = 0;
    for (size_t p = 0; p < blk.size(); ++p) {
      const auto& b = blk[p];
      if (b.empty() || double(b.size()) <= t) continue;  // lambda_max(S_p) <= s |S_p| (Cauchy-Schwarz, Perron)
      Mat<double> Xp(Index(b.size()), d);
      for (size_t i = 0; i < b.size(); ++i) Xp.row(Index(i)) = X.row(b[i]);
      Features<double> F = features(net, Xp);
      Mat<double> A(Index(b.size()), d + 2);
      for (size_t i = 0; i < b.size(); ++i) {
        A(Index(i), 0) = F.R(Index(i), Index(p));
        double w = std::abs(F.Q(Index(i), Index(p)));
        for (int q = 0; q < d; ++q) A(Index(i), q + 1) = w * Xp(Index(i), q);
        A(Index(i), d + 1) = w;
      }
      Mat<double> Gp = A * A.transpose();
      if (Gp.minCoeff() < 0) throw std::logic_error("Monte Carlo: a block of G has a negative entry, S_p != G_p");
      Mat<double> AtA = A.transpose() * A;
      lm = std::max(lm, lmax(AtA));
    }
    if (lm > s_paper * t) ++out.lambda_events;
  }
  return out;
}

enum class MC { BlockUpper, BlockVsExact, LambdaUpper };

/// The Monte Carlo estimates (a statistical variant, Variant::statistical): the event frequency over kMC datasets with
/// its Clopper-Pearson interval, against delta (BlockUpper, LambdaUpper: alpha = kAlpha per side) or against the exact
/// tail P(max block >= k0) (BlockVsExact: 1e-9 per side, the interval must contain it).
Statistical mc_claim(MC which) {
  auto estimate = [which](const Sample& s) {
    const int d = int(s.integer("d")), C = int(s.integer("C")), n = int(s.integer("n"));
    Thr<double> th = threshold<double>(s);
    MCCounts mc = monte_carlo(d, C, n, th.t, uint64_t(s.integer("mc_seed")), which == MC::LambdaUpper);
    const long k = which == MC::LambdaUpper ? mc.lambda_events : mc.block_events;
    const double alpha = which == MC::BlockVsExact ? 1e-9 : kAlpha;
    const double bound = which == MC::BlockVsExact ? max_cell_tail<double>(n, 1L << C, th.k0) : s.scalar("delta").convert_to<double>();
    return Estimate{double(k) / double(kMC), cp_lower(k, kMC, alpha), cp_upper(k, kMC, alpha), bound};
  };
  return {estimate, which == MC::BlockVsExact ? "two-sided Clopper-Pearson interval, 1e-9 per side, 4000 datasets"
                                              : "Clopper-Pearson interval, 1e-6 per side, 4000 datasets"};
}

const std::vector<std::string> kR4 = {"random", "one-per-pattern", "identical-within-block", "d-eq-C", "spec-n50"};
const std::vector<std::string> kAll = {"random", "one-per-pattern", "identical-within-block", "d-eq-C", "spec-n50", "random.general-r"};
const std::vector<std::string> kProb = {"prob.params", "prob.spec"};

Claim make() {
  return Claim{
      .id = "THM-3.5-CHERNOFF", .source = "Theorem 3.5, proof C.11, eqs. (71)-(75)",
      .statement =
          "Random dataset (n i.i.d. points of {-1,1}^d), (C,r)-generalizing solution: S is block diagonal with eigenvalue 2(d+1)^{1/2} max_p |S_p|, "
          "S_ij = grad f(x_i).grad f(x_j) = 2(d+1)^{1/2} in a block (71); P(max_p |S_p| >= n mu + n eps) <= sum_p P(|S_p| >= n mu + n eps) (73) "
          "<= 2^C exp(-2 eps^2 n) = 2^C delta e^{-C} <= delta (74)-(75), mu = 2^{-C}, eps = sqrt((C + log(1/delta))/(2n))",
      .readings = {
          {.name = "eigenvalue.equal", .text = "'with eigenvalue being 2(d+1)^{1/2} max_p |S_p|': lambda_max(S) = 2(d+1)^{1/2} max_p |S_p|"},
          {.name = "eigenvalue.le", .text = "the weaker lambda_max(S) <= 2(d+1)^{1/2} max_p |S_p|"},
          {.name = "exponent.eps2-n", .text = "OCR 'exp(-2en?)' read as exp(-2 eps^2 n)", .chosen = true},
          {.name = "exponent.eps-n2", .text = "OCR 'exp(-2en?)' read as exp(-2 eps n^2)"},
      },
      // S_ij = ||grad f||^2 = 2(d+1)^{1/2} within a block: the construction's gradient norm at r^4 = d + 1 (C.1)
      .uses = {"EX-C1-CR-CONSTRUCTION"},
      .families = {
          {.name = "random", .description = "2-7 dims, 2 <= C <= 4, 1-10 i.i.d. uniform points, r^4 = d + 1", .gen = dataset_random_gen(false),
           .reduce = drops(1)},
          {.name = "one-per-pattern", .description = "one point per pattern (n = 2^C), free coordinates random, r^4 = d + 1",
           .gen = dataset_one_per_pattern_gen()},
          {.name = "identical-within-block", .description = "copies (1-3) of one point per block, r^4 = d + 1",
           .gen = dataset_identical_within_block_gen()},
          {.name = "d-eq-C", .description = "d = C (a block is one point), 1-10 points, r^4 = d + 1", .gen = dataset_d_eq_c_gen()},
          {.name = "spec-n50", .description = "n = 50 uniform points, (d, C) = (5, 3) or (15, 2), r^4 = d + 1", .gen = dataset_spec_n50_gen(),
           .reduce = drops(1)},
          {.name = "random.general-r", .description = "as random, r in {1, 2, 1/2, 3/2, 2/3, sqrt2, sqrt3, 1/sqrt2, (d+1)^(1/4)}",
           .gen = dataset_random_gen(true), .reduce = drops(1)},
          {.name = "prob.spec", .description = "(d, C, n, delta) in {(5,3,50,1/10), (15,2,50,1/20), (10,3,200,1/10)}, Monte Carlo seed",
           .gen = chernoff_spec_gen()},
          {.name = "prob.params", .description = "C in 1..5, n in 1..200, delta in {1/10, 1/20, 1/2, 1/100, 1/1000, 1}", .gen = chernoff_params_gen()},
      },
      .variants = {
          {.slug = "a.block-diagonal", .statement = "sum over pairs in different blocks of S_ik^2 = 0", .rel = Rel::Eq,
           .eval = make_evaluator(block_diagonal), .note = "claim (a)", .families = kAll, .checks = {"C.11-p1"}},
          {.slug = "b.eq71", .statement = "S_ik = 2(d+1)^{1/2} for all i, k in one block (r^4 = d + 1; lhs = sum |S_ik - 2(d+1)^{1/2}|)", .rel = Rel::Eq,
           .eval = make_evaluator(eq71(Entry::PaperValue)), .note = "(71) as printed", .families = kR4, .checks = {"(71)b"}},
          {.slug = "b.eq71.identical-points", .statement = "S_ik = 2(d+1)^{1/2} for i, k with x_i = x_k (in particular i = k)", .rel = Rel::Eq,
           .eval = make_evaluator(eq71(Entry::PaperIdenticalOnly)), .note = "(71) restricted to identical inputs (= EX-C1 (c),(d))", .families = kR4,
           .checks = {"(71)b"}},
          {.slug = "b.eq71.general-r", .statement = "S_ik = r^2 + (d+1)/r^2 for all i, k in one block, any r", .rel = Rel::Eq,
           .eval = make_evaluator(eq71(Entry::GeneralR)), .note = "(71) for general r", .families = {"random.general-r"},
           .checks = {"(71)b"}},
          {.slug = "b.exact-entry", .statement = "S_ik = |r^2 + (x_i.x_k + 1)/r^2| for all i, k in one block, any r", .rel = Rel::Eq,
           .eval = make_evaluator(eq71(Entry::Exact)), .note = "repaired (71): the entry depends on x_i.x_k", .families = kAll},
          {.slug = "b.eigenvalue", .statement = "lambda_max(S) = 2(d+1)^{1/2} max_p |S_p|", .rel = Rel::Eq, .eval = make_evaluator(eigenvalue(false)),
           .note = "claim (b), equality reading", .families = kR4, .checks = {"C.11-p2"}},
          {.slug = "b.eigenvalue.identical-within-block",
           .statement = "lambda_max(S) = 2(d+1)^{1/2} max_p |S_p| when every block holds copies of one point", .rel = Rel::Eq,
           .eval = make_evaluator(eigenvalue(false)), .note = "repaired hypothesis for the equality (e.g. d = C)",
           .families = {"identical-within-block", "d-eq-C"}},
          {.slug = "b.eigenvalue-le", .statement = "lambda_max(S) <= 2(d+1)^{1/2} max_p |S_p|", .rel = Rel::Le, .eval = make_evaluator(eigenvalue(false)),
           .note = "claim (b), the weaker '<=' reading", .families = kR4, .checks = {"C.11-p2"}},
          {.slug = "b.eigenvalue-le.general-r", .statement = "lambda_max(S) <= (r^2 + (d+1)/r^2) max_p |S_p|, any r", .rel = Rel::Le,
           .eval = make_evaluator(eigenvalue(true)), .note = "'<=' reading for general r", .families = {"random.general-r"}},
          {.slug = "c.eq74", .statement = "P(Bin(n, 2^{-C}) >= n mu + n eps) <= exp(-2 eps^2 n)  (exact binomial tail)", .rel = Rel::Le,
           .eval = make_evaluator(tail_claim(Tail::Hoeffding)), .note = "(74), Chernoff-Hoeffding for one block", .families = kProb,
           .checks = {"(74)b"}},
          {.slug = "c.eq74.identity", .statement = "exp(-2 eps^2 n) = delta e^{-C}", .rel = Rel::Eq, .eval = make_evaluator(tail_claim(Tail::Identity)),
           .note = "(74), last equality", .families = kProb, .checks = {"(74)c"}},
          {.slug = "c.eq74.alt-exponent", .statement = "P(Bin(n, 2^{-C}) >= n mu + n eps) <= exp(-2 eps n^2)", .rel = Rel::Le,
           .eval = make_evaluator(tail_claim(Tail::AltExponent)), .note = "second OCR reading of the exponent 'exp(-2en?)'", .families = kProb,
           .checks = {"(74)b"}},
          {.slug = "c.eq73",
           .statement = "P(max_p |S_p| >= n mu + n eps) <= 2^C P(Bin(n, 2^{-C}) >= n mu + n eps)  (exact multinomial maximum)", .rel = Rel::Le,
           .eval = make_evaluator(tail_claim(Tail::Union)), .note = "(73), union bound", .families = kProb,
           .checks = {"(73)", "(75)a"}},
          {.slug = "c.eq75", .statement = "P(max_p |S_p| >= n mu + n eps) <= delta  (exact multinomial maximum)", .rel = Rel::Le,
           .eval = make_evaluator(tail_claim(Tail::MaxBlock)), .note = "(72)-(75) combined, decided exactly", .families = kProb,
           .checks = {"(75)c"}},
          {.slug = "c.eq75.last-step", .statement = "2^C delta e^{-C} <= delta", .rel = Rel::Le, .eval = make_evaluator(tail_claim(Tail::LastStep)),
           .note = "(75), last step", .families = kProb, .checks = {"(75)c"}},
          {.slug = "c.eq75.monte-carlo",
           .statement = "Clopper-Pearson upper limit (level 1 - 1e-6) of P(max_p |S_p| >= n mu + n eps) from 4000 datasets <= delta", .rel = Rel::Le,
           .statistical = mc_claim(MC::BlockUpper),
           .note = "Monte Carlo evidence (error budget: one-sided exact binomial CI, alpha = 1e-6; no rounding error in the counts); never a certificate",
           .families = {"prob.spec"}, .checks = {"(75)c"}},
          {.slug = "c.eq75.monte-carlo-vs-exact",
           .statement = "exact P(max_p |S_p| >= n mu + n eps) lies in the two-sided Clopper-Pearson interval (1e-9 per side) of the 4000-dataset estimate "
                        "(the interval must contain it)",
           .rel = Rel::Eq, .statistical = mc_claim(MC::BlockVsExact), .note = "consistency of the Monte Carlo machinery with the exact tail",
           .families = {"prob.spec"}, .checks = {"C.11-p3"}},
          {.slug = "d.lambda-max.monte-carlo",
           .statement = "Clopper-Pearson upper limit (1 - 1e-6) of P(lambda_max(S) > 2(d+1)^{1/2} n (2^{-C} + eps)) from 4000 datasets <= delta",
           .rel = Rel::Le, .statistical = mc_claim(MC::LambdaUpper),
           .note = "claim (d), Monte Carlo evidence on the literal network (r^4 = d+1); exactly, (d) follows from b.eigenvalue-le and c.eq75",
           .families = {"prob.spec"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_3_5_chernoff
