// EQ-64-CHAIN — chain (64), §C.9 ("relationship between eps and N_r"), spec lemmas-and-relu.md §3:
//
//   lambda_max(S)^k  <=(L1)  Tr(S^k)  =(L2)  sum_{y in [n]^k} ||H_y1^{1/2} H_y2^{1/2}||_F ... ||H_yk^{1/2} H_y1^{1/2}||_F
//                    [](L3)  sum_{y} Tr(H_y1 H_y2) ... Tr(H_yk H_y1)   [](L4)  n^{2k} (Tr(H^2))^k
//                    <=(L5)  K lambda_max(H)^{2k}
//
// S_ij = sqrt(Tr(H_i H_j)) = ||H_i^{1/2} H_j^{1/2}||_F (coherence matrix), H = (1/n) sum H_i.
// Readings (OCR): L3 relation in {<=, >=, =}; L4 in {=, <=}; L5 constant K in {(a) n^{2k} d^k, (b) n d^k};
// end-to-end lambda_max(S)^k <= K lambda_max(H)^{2k} under (a) and (b).
// Evaluation: sum_y prod Tr(H_yj H_yj+1) = Tr(G^k), G = S o S (exact rationals); Tr(S^k) and lambda_max(S)
// from S as a matrix of square roots (Mat<Ball> in the exact tier, eigenvalues by the Weyl bound).
// L2's middle term uses ||H_i^{1/2} H_j^{1/2}||_F = sqrt(Tr(H_i H_j)) and is summed by brute force over [n]^k.
// Samples: k = 1..6 (odd and even k in separate families), n, d in 1..4, all H_i scaled by
// t in {1, 1e-2, 1/2, 2, 1e2} (exact), H_i from the six family kinds of generators/matrices.hpp, plus rank-one
// families whose S is indefinite (n = 4, d in {2,3}, odd k).
#include "generators/kit.hpp"
#include "generators/c9_chain_samples.hpp"
#include "generators/coherence.hpp"

namespace stabcheck::claim_eq_64_chain {
namespace {

using gen::FamilyKind;

/// The sample's family (scaled by t) in tier T, with n, d, k.
template <class T> struct In {
  coh::Fam<T> h;
  long n, d, k;
};
template <class T> In<T> load(const Sample& s) {
  In<T> in{coh::tier_family<T>(s.family("H"), s.scalar("t")), long(s.family("H").size()), 0, s.integer("k")};
  in.d = long(in.h.at(0).rows());
  return in;
}

template <class T> Real<T> real_int(long v) { return real_of<T>(Rat(v)); }

// ---- the chain's terms ----
template <class T> Real<T> lmax_S_pow(const In<T>& in, long e) { return ipow(Real<T>(lmax(coh::coherence(in.h))), e); }
template <class T> Real<T> tr_S_pow(const In<T>& in) { return coh::trace_pow(coh::coherence(in.h), in.k); }
template <class T> Real<T> cyclic_S(const In<T>& in) { return coh::cyclic_sum(coh::coherence(in.h), int(in.k)); }
template <class T> T tr_G_pow(const In<T>& in) { return coh::trace_pow(coh::gram(in.h), in.k); }
/// n^{2k} (Tr H^2)^k = (1^T G 1)^k, exact.
template <class T> T n2k_trH2k(const In<T>& in) {
  Mat<T> H = coh::mean(in.h);
  return ipow(T(T(int(in.n * in.n)) * trace_prod(H, H)), in.k);
}
template <class T> Real<T> lmaxH(const In<T>& in) { return lmax(coh::mean(in.h)); }

enum class K { A, B };  // (a) n^{2k} d^k, (b) n d^k
template <class T> Real<T> Kconst(const In<T>& in, K which, long kk) {
  return which == K::A ? real_int<T>(1) * ipow(real_int<T>(in.n), 2 * kk) * ipow(real_int<T>(in.d), kk)
                       : real_int<T>(in.n) * ipow(real_int<T>(in.d), kk);
}

// ---- variant bodies ----
auto L1 = [](auto tier, const Sample& s) {  // lambda_max(S)^k <= Tr(S^k)
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  return sides(lmax_S_pow(in, in.k), tr_S_pow(in));
};
auto S_psd = [](auto tier, const Sample& s) {  // lambda_min(S) >= 0 (records whether S is indefinite)
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  auto ev = eigvals_sym(coh::coherence(in.h));
  return sides(ev.front(), Real<T>(0), coh::max_real(abs(ev.front()), abs(ev.back())));
};
auto L2 = [](auto tier, const Sample& s) {  // Tr(S^k) = sum_y prod_j S_{y_j y_j+1}
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  return sides(tr_S_pow(in), cyclic_S(in));
};
auto L3 = [](auto tier, const Sample& s) {  // sum_y prod S  [] sum_y prod Tr(H H) = Tr(G^k)
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  return sides(tr_S_pow(in), real(tr_G_pow(in)));
};
auto L4 = [](auto tier, const Sample& s) {  // Tr(G^k) [] n^{2k} (Tr H^2)^k
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  return sides(real(tr_G_pow(in)), real(n2k_trH2k(in)));
};
auto L5(K which) {  // n^{2k} (Tr H^2)^k <= K lambda_max(H)^{2k}
  return [which](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto in = load<T>(s);
    return sides(real(n2k_trH2k(in)), Real<T>(Kconst(in, which, in.k) * ipow(lmaxH(in), 2 * in.k)));
  };
}
auto end_to_end(K which) {  // lambda_max(S)^k <= K lambda_max(H)^{2k}
  return [which](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto in = load<T>(s);
    return sides(lmax_S_pow(in, in.k), Real<T>(Kconst(in, which, in.k) * ipow(lmaxH(in), 2 * in.k)));
  };
}
auto end_to_end_2k(K which) {  // lambda_max(S)^{2k} <= K lambda_max(H)^{2k}: both sides of degree 2k
  return [which](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto in = load<T>(s);
    return sides(lmax_S_pow(in, 2 * in.k), Real<T>(Kconst(in, which, in.k) * ipow(lmaxH(in), 2 * in.k)));
  };
}

/// after RapidCheck's shrinking: delete a coordinate or a member (PSD-ness and every hypothesis are kept)
std::vector<Sample> reduce(const Sample& s) { return coh::reduce_family(s, 1, 1); }

std::string name(FamilyKind fk, bool odd) { return gen::family_kind_name(fk) + (odd ? ".k-odd" : ".k-even"); }

std::vector<Family> families() {
  std::vector<Family> out;
  for (FamilyKind fk : gen::family_kinds())
    for (bool o : {true, false})
      out.push_back({.name = name(fk, o),
                     .description = "H_i: " + gen::family_kind_name(fk) + " family, n, d in 1..4, k in " +
                                    (o ? std::string("{1,3,5}") : std::string("{2,4,6}")) +
                                    ", all H_i scaled by t in {1, 1e-2, 1/2, 2, 1e2}",
                     .gen = c9::chain64([fk](int n, int d) { return gen::family(fk, n, d); }, 1, 4, 1, 4, o),
                     .reduce = reduce});
  // S indefinite: the case in which L1 for odd k could fail (rank-one families, n = 4, d in {2,3})
  out.push_back({.name = "rank-ones.S-indefinite.k-odd",
                 .description = "H_i = g_i g_i^T with an indefinite coherence matrix S (filtered), n = 4, d in {2,3}, k in {1,3,5}, "
                                "all H_i scaled by t in {1, 1e-2, 1/2, 2, 1e2}",
                 .gen = c9::chain64([](int, int d) { return coh::rank_ones_indefinite_S(d); }, 4, 4, 2, 3, true),
                 .reduce = reduce});
  return out;
}

Claim make() {
  return Claim{
      .id = "EQ-64-CHAIN", .source = "Section C.9, eq. (64) (bound on lambda_max(S) used in (67))",
      .statement = "lambda_max(S)^k <= Tr(S^k) = sum_y ||H_y1^{1/2}H_y2^{1/2}||_F...||H_yk^{1/2}H_y1^{1/2}||_F [~] "
                   "sum_y Tr(H_y1 H_y2)...Tr(H_yk H_y1) [=] n^{2k}(Tr H^2)^k <= n d^k lambda_max(H)^{2k} "
                   "(L3 relation unreadable, L4 printed '=', L5 constant printed 'n d^k')",
      .readings = {{.name = "L3.le", .text = "L3: sum_y prod ||H_yj^{1/2} H_yj+1^{1/2}||_F <= sum_y prod Tr(H_yj H_yj+1)"},
                   {.name = "L3.ge", .text = "L3: sum_y prod ||H_yj^{1/2} H_yj+1^{1/2}||_F >= sum_y prod Tr(H_yj H_yj+1)"},
                   {.name = "L3.eq", .text = "L3: sum_y prod ||H_yj^{1/2} H_yj+1^{1/2}||_F = sum_y prod Tr(H_yj H_yj+1)"},
                   {.name = "L4.eq", .text = "L4: sum_y prod Tr(H_yj H_yj+1) = n^{2k} (Tr H^2)^k (as printed)"},
                   {.name = "L4.le", .text = "L4: sum_y prod Tr(H_yj H_yj+1) <= n^{2k} (Tr H^2)^k"},
                   {.name = "a", .text = "L5 and end to end: K = n^{2k} d^k (from Tr H^2 <= d lambda_max(H)^2)"},
                   {.name = "b", .text = "L5 and end to end: K = n d^k (the literal OCR 'n d^k')"}},
      .families = families(),
      .variants = {
          {.slug = "L1.k-even", .statement = "lambda_max(S)^k <= Tr(S^k), k even", .rel = Rel::Le, .eval = make_evaluator(L1),
           .note = "L1 for even k: Tr(S^k) = sum_i lambda_i(S)^k >= lambda_max(S)^k whatever the signs", .families = {"*.k-even"},
           .checks = {"(64)L1"}},
          {.slug = "L1.k-odd", .statement = "lambda_max(S)^k <= Tr(S^k), k odd", .rel = Rel::Le, .eval = make_evaluator(L1),
           .note = "L1 for odd k: needs sum_{i>=2} lambda_i(S)^k >= 0, which can fail only when S is indefinite "
                   "(S_ij = sqrt(Tr H_i H_j) is an entrywise square root of a PSD Gram matrix, not PSD in general); "
                   "a counterexample therefore has S indefinite (see variant S-is-psd)",
           .families = {"*.k-odd"}, .checks = {"(64)L1"}},
          // S is PSD by construction: aligned (S = |g|^2 a a^T, rank one), orthogonal (blocks of rank one)
          {.slug = "L1.k-odd.S-psd-by-construction", .statement = "lambda_max(S)^k <= Tr(S^k), k odd, families with S PSD",
           .rel = Rel::Le, .eval = make_evaluator(L1),
           .note = "hypothesis probed: S PSD (aligned and orthogonal families, where S is PSD by construction)",
           .families = {name(FamilyKind::Orthogonal, true), name(FamilyKind::Aligned, true)}, .checks = {"(64)L1"}},
          {.slug = "L1.k-odd.S-indefinite", .statement = "lambda_max(S)^k <= Tr(S^k), k odd, S indefinite", .rel = Rel::Le,
           .eval = make_evaluator(L1),
           .note = "hypothesis probed: S indefinite (rank-one families filtered on lambda_min(S) < 0), the only case "
                   "in which L1 can fail for odd k",
           .families = {"rank-ones.S-indefinite.k-odd"}, .checks = {"(64)L1"}},
          {.slug = "S-is-psd", .statement = "lambda_min(S) >= 0", .rel = Rel::Ge, .eval = make_evaluator(S_psd),
           .note = "records whether S was indefinite in the samples (the note the spec asks for with L1); not a claim of the paper"},
          {.slug = "L2", .statement = "Tr(S^k) = sum_{y in [n]^k} prod_j sqrt(Tr(H_yj H_yj+1)) (cyclic)", .rel = Rel::Eq,
           .eval = make_evaluator(L2), .note = "trace of a matrix power as a cyclic sum over [n]^k, brute force (n^k <= 4096 terms)",
           .checks = {"(64)L2"}},
          {.slug = "L3.le", .statement = "Tr(S^k) <= sum_y prod_j Tr(H_yj H_yj+1) = Tr(G^k)", .rel = Rel::Le, .eval = make_evaluator(L3),
           .note = "L3 reading '<='; the sides have degrees k and 2k in the H_i, so no relation can hold at every scale t",
           .checks = {"(64)L3"}},
          {.slug = "L3.ge", .statement = "Tr(S^k) >= Tr(G^k)", .rel = Rel::Ge, .eval = make_evaluator(L3), .note = "L3 reading '>='",
           .checks = {"(64)L3"}},
          {.slug = "L3.eq", .statement = "Tr(S^k) = Tr(G^k)", .rel = Rel::Eq, .eval = make_evaluator(L3), .note = "L3 reading '='",
           .checks = {"(64)L3"}},
          {.slug = "L4.eq", .statement = "Tr(G^k) = n^{2k} (Tr H^2)^k", .rel = Rel::Eq, .eval = make_evaluator(L4),
           .note = "L4 as printed ('='); n^{2k}(Tr H^2)^k = (1^T G 1)^k, in general strictly larger than Tr(G^k) (e.g. n = 2, "
                   "H_1 = H_2 = 1, k = 1: 2 vs 4)",
           .checks = {"(64)L4"}},
          {.slug = "L4.le", .statement = "Tr(G^k) <= n^{2k} (Tr H^2)^k", .rel = Rel::Le, .eval = make_evaluator(L4),
           .note = "L4 reading '<=': Tr(G^k) <= (Tr G)^k <= (1^T G 1)^k for G PSD with non-negative entries",
           .checks = {"(64)L4"}},
          {.slug = "L5.a", .statement = "n^{2k} (Tr H^2)^k <= n^{2k} d^k lambda_max(H)^{2k}", .rel = Rel::Le,
           .eval = make_evaluator(L5(K::A)),
           .note = "L5 reading (a) K = n^{2k} d^k (from Tr H^2 <= d lambda_max(H)^2); tight at H = h I",
           .checks = {"(64)L5"}},
          {.slug = "L5.b", .statement = "n^{2k} (Tr H^2)^k <= n d^k lambda_max(H)^{2k}", .rel = Rel::Le, .eval = make_evaluator(L5(K::B)),
           .note = "L5 reading (b), the literal OCR 'n d^k': smaller than n^{2k} d^k, fails for n >= 2 (e.g. H_i = h I)",
           .checks = {"(64)L5"}},
          {.slug = "end-to-end.a", .statement = "lambda_max(S)^k <= n^{2k} d^k lambda_max(H)^{2k}", .rel = Rel::Le,
           .eval = make_evaluator(end_to_end(K::A)),
           .note = "what (64) delivers to (67), reading (a); degrees k (left) and 2k (right) in the H_i",
           .checks = {"(64)L5"}},
          {.slug = "end-to-end.b", .statement = "lambda_max(S)^k <= n d^k lambda_max(H)^{2k}", .rel = Rel::Le,
           .eval = make_evaluator(end_to_end(K::B)), .note = "end-to-end, reading (b); degrees k and 2k in the H_i",
           .checks = {"(64)L5"}},
          {.slug = "end-to-end.repaired-2k.a", .statement = "lambda_max(S)^{2k} <= n^{2k} d^k lambda_max(H)^{2k}", .rel = Rel::Le,
           .eval = make_evaluator(end_to_end_2k(K::A)),
           .note = "repaired (dimensionally consistent) end-to-end bound: lambda_max(S)^2 <= ||S||_F^2 = 1^T G 1 = "
                   "n^2 Tr H^2 <= n^2 d lambda_max(H)^2; equality for H_1 = ... = H_n = h I"},
          {.slug = "end-to-end.repaired-2k.b", .statement = "lambda_max(S)^{2k} <= n d^k lambda_max(H)^{2k}", .rel = Rel::Le,
           .eval = make_evaluator(end_to_end_2k(K::B)),
           .note = "reading (b) with the dimensionally consistent exponent: probes whether K = n d^k can be right at all"},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_eq_64_chain
