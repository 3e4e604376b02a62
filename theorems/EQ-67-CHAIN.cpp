// EQ-67-CHAIN — chain (67), proof of Theorem C.9 item 2, and the final bound (48) (spec lemmas-and-relu.md §4).
// (48) is read once, by THM-C9-NR-UPPER (all its readings of K, the sigma_SAM exponent and H_SAM): the final.* variants
// here are the end of chain (67) under this file's H_SAM = (I + cH)H and K = d^{3k+2}, and declare no id of their own.
//
// P = I + cH, q = 1/(nB) - 1/n^2, N_0 = I, N_k = eta^{2k} q^k sum_{y in [n]^k} P H_yk P ... P H_y1^2 P ... H_yk P  (47)/(50);
// C_P(y) = ||P H_yk P ... P H_y1||_F^2. SAM coherence objects (65)-(66): H_SAM,i = P H_i, H_SAM = P H (symmetric),
// S_SAM,ij = sqrt(Tr(P H_i P H_j)), sigma_SAM = lambda_max(S_SAM) / max_i lambda_max(P H_i)
// (lambda_max = largest eigenvalue, P H_i has a real spectrum; not the spectral norm).
//   (67a) Tr N_k = eta^{2k} q^k sum_y C_P(y)                                      (definition)
//   (67b) C_P(y) <= d^e prod_j ||P H_yj||_F^2, e = 0                               (power of d unreadable)
//   (67c) sum_y prod_j ||P H_yj||_F^2 = (sum_i ||P H_i||_F^2)^k <= n^k max_i ||P H_i||_F^{2k}
//         (and q^k n^k = (1/B - 1/n)^k)
//   (67d) ||P H_i||_F^2 <= d lambda_max(P H_i)^2                                  (Frobenius norm -> eigenvalue)
//   (67e) max_i lambda_max(H_SAM,i) = lambda_max(S_SAM)/sigma_SAM (the definition (66) of sigma_SAM: an identity by
//         construction, nothing to check), then (64) on the SAM family:
//         lambda_max(S_SAM)^{2k} <= K lambda_max(H_SAM)^{4k}, K = n^{4k} d^{2k} (reading (a)) or n d^{2k} (reading (b))
//   (48)  Tr N_k <= eta^{2k} (1/B - 1/n)^k d^{3k+2} lambda_max(H_SAM)^{4k} / sigma_SAM^{4k}
//         readings: sigma exponent 4k (printed) or 2k; prefactor (1/B - 1/n)^k (printed) or (1/(nB) - 1/n^2)^k.
// Samples: k in {1,2,3}, n in {2,3}, B = 1, eta = 1, d in {1,2,3} (the spec's grid has d in {1,2}; d = 3 added),
// c in {0, 1/2, 1}, all H_i scaled by t in {1, 1/10, 10}; six family kinds (rank-one g g^T among them, for (67d));
// plus weighted rank-one families w_i g_i g_i^T (w_i in {1,10,100}: g_i far from an eigenvector of P, for (67d));
// an index i and a sequence y are drawn for the per-matrix and per-sequence links. Some H_i != 0 (sigma_SAM defined).
#include "generators/kit.hpp"
#include "generators/c9_chain_samples.hpp"
#include "generators/coherence.hpp"

namespace stabcheck::claim_eq_67_chain {
namespace {

using gen::FamilyKind;

template <class T> struct In {
  coh::Fam<T> h;
  Mat<T> H, P;
  T eta, B, q, nq;  // q = 1/(nB) - 1/n^2, nq = n q = 1/B - 1/n
  long n, d, k;
  int i;
  std::vector<int> y;
};
template <class T> In<T> load(const Sample& s) {
  In<T> in;
  in.h = coh::tier_family<T>(s.family("H"), s.scalar("t"));
  in.H = coh::mean(in.h);
  in.P = coh::sam_P(in.H, s.scalar_as<T>("c"));
  in.n = long(in.h.size());
  in.d = long(in.H.rows());
  in.k = s.integer("k");
  in.eta = s.scalar_as<T>("eta");
  in.B = s.scalar_as<T>("B");
  const Rat n = Rat(in.n), B = s.scalar("B");
  in.q = from_rat<T>(Rat(1) / (n * B) - Rat(1) / (n * n));
  in.nq = from_rat<T>(Rat(1) / B - Rat(1) / n);
  in.i = int(s.integer("i")) - 1;
  for (long j = 1; j <= in.k; ++j) in.y.push_back(int(s.integer("y" + std::to_string(j))) - 1);
  return in;
}

template <class T> T pref(const In<T>& in, const T& base) { return ipow(T(in.eta * in.eta * base), in.k); }  // eta^{2k} base^k
template <class T> Real<T> rint(long v) { return real_of<T>(Rat(v)); }

template <class T> T trN(const In<T>& in) {  // Tr N_k by the recursion N_k = eta^2 q P (sum_i H_i N_{k-1} H_i) P
  Mat<T> a = Mat<T>::Identity(in.d, in.d);
  for (long j = 0; j < in.k; ++j) a = coh::noise_map(in.h, in.P, a) * T(in.eta * in.eta * in.q);
  return T(a.trace());
}
template <class T> T sum_chain_brute(const In<T>& in) {  // sum_y C_P(y), n^k <= 27 terms
  T s = T(0);
  coh::for_each_sequence(int(in.n), int(in.k), [&](const std::vector<int>& y) { s += coh::chain(in.h, in.P, y); });
  return s;
}
template <class T> std::vector<T> fro2_PH(const In<T>& in) {
  std::vector<T> out;
  for (const auto& m : in.h) out.push_back(fro2(Mat<T>(in.P * m)));
  return out;
}
template <class T> T sum_prod_brute(const In<T>& in) {  // sum_y prod_j ||P H_yj||_F^2
  auto f = fro2_PH(in);
  T s = T(0);
  coh::for_each_sequence(int(in.n), int(in.k), [&](const std::vector<int>& y) {
    T p = T(1);
    for (int j : y) p = p * f[size_t(j)];
    s += p;
  });
  return s;
}
template <class T> T max_fro2_PH(const In<T>& in) {
  auto f = fro2_PH(in);
  T m = f[0];
  for (const auto& x : f) if (x > m) m = x;
  return m;
}
/// Magnitude for the rounding of Tr N_k: eta^{2k} q^k (sum_i ||P H_i||_F^2)^k (>= Tr N_k by (67b)-(67c)).
template <class T> T scale_N(const In<T>& in) {
  T s = T(0);
  for (const auto& x : fro2_PH(in)) s += x;
  return T(pref(in, in.q) * ipow(s, in.k));
}
template <class T> Real<T> lmax_HSAM(const In<T>& in) { return lmax(Mat<T>(in.P * in.H)); }  // symmetric: P, H commute

// ---- links ----
auto l67a = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  return sides(real(trN(in)), real(T(pref(in, in.q) * sum_chain_brute(in))), real(scale_N(in)));
};
auto l67b_seq = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  T p = T(1);
  for (int j : in.y) p = p * fro2(Mat<T>(in.P * in.h[size_t(j)]));
  return sides(real(coh::chain(in.h, in.P, in.y)), real(p));
};
auto l67b_sum = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  return sides(real(T(pref(in, in.q) * sum_chain_brute(in))), real(T(pref(in, in.q) * sum_prod_brute(in))));
};
auto l67c_fact = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  T sum = T(0);
  for (const auto& x : fro2_PH(in)) sum += x;
  return sides(real(sum_prod_brute(in)), real(ipow(sum, in.k)));
};
auto l67c_max = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  T sum = T(0);
  for (const auto& x : fro2_PH(in)) sum += x;
  return sides(real(T(pref(in, in.q) * ipow(sum, in.k))), real(T(pref(in, in.nq) * ipow(max_fro2_PH(in), in.k))));
};
auto l67d_i = [](auto tier, const Sample& s) {  // ||P H_i||_F^2 <= d lambda_max(P H_i)^2
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  Mat<T> ph = in.P * in.h[size_t(in.i)];
  Real<T> l = coh::lmax_real_spectrum<T>(ph);
  return sides(real(fro2(ph)), Real<T>(rint<T>(in.d) * l * l));
};
auto l67d_chain = [](auto tier, const Sample& s) {  // eta^{2k}(1/B-1/n)^k max_i ||P H_i||_F^{2k} <= ... d^k max_i lambda_max(P H_i)^{2k}
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  Real<T> l = coh::max_lmax_sam(in.h, in.P);
  return sides(real(T(pref(in, in.nq) * ipow(max_fro2_PH(in), in.k))),
               Real<T>(real(pref(in, in.nq)) * ipow(rint<T>(in.d), in.k) * ipow(l, 2 * in.k)));
};
auto l67d_repaired = [](auto tier, const Sample& s) {  // ||P H_i||_F^2 <= d ||P H_i||_2^2
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  Mat<T> ph = in.P * in.h[size_t(in.i)];
  Real<T> sv = svals(ph).front();
  return sides(real(fro2(ph)), Real<T>(rint<T>(in.d) * sv * sv));
};
enum class K64 { A, B, Repaired };
auto l67e_64(K64 w) {  // one body for the three readings, compiled once per tier
  return [w](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto in = load<T>(s);
    const long k = in.k;
    Real<T> ls = lmax(coh::coherence(in.h, in.P)), lh = lmax_HSAM(in);
    Real<T> lhs = ipow(ls, 2 * k);
    if (w == K64::A) return sides(lhs, Real<T>(ipow(rint<T>(in.n), 4 * k) * ipow(rint<T>(in.d), 2 * k) * ipow(lh, 4 * k)));
    else if (w == K64::B) return sides(lhs, Real<T>(rint<T>(in.n) * ipow(rint<T>(in.d), 2 * k) * ipow(lh, 4 * k)));
    else return sides(lhs, Real<T>(ipow(rint<T>(in.n), 2 * k) * ipow(rint<T>(in.d), k) * ipow(lh, 2 * k)));
  };
}
/// (48): Tr N_k <= eta^{2k} base^k d^{3k+2} lambda_max(H_SAM)^{4k} / sigma_SAM^{sexp k}
auto final48(int sexp, bool printed_prefactor) {
  return [sexp, printed_prefactor](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto in = load<T>(s);
    const long k = in.k;
    Real<T> rhs = real(pref(in, printed_prefactor ? in.nq : in.q)) * ipow(rint<T>(in.d), 3 * k + 2) *
                  ipow(lmax_HSAM(in), 4 * k) / ipow(coh::sigma_sam(in.h, in.P), sexp * k);
    return sides(real(trN(in)), rhs, Real<T>(real(scale_N(in)) + abs(rhs)));
  };
}
auto final_repaired = [](auto tier, const Sample& s) {  // Tr N_k <= eta^{2k} (1/B-1/n)^k n^k d^k lambda_max(H_SAM)^{2k}
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  const long k = in.k;
  Real<T> rhs = real(pref(in, in.nq)) * ipow(rint<T>(in.n), k) * ipow(rint<T>(in.d), k) * ipow(lmax_HSAM(in), 2 * k);
  return sides(real(trN(in)), rhs, Real<T>(real(scale_N(in)) + abs(rhs)));
};
auto sam_sigma_ge1 = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  return sides(coh::sigma_sam(in.h, in.P), rint<T>(1));
};
auto sam_HSAM_sym = [](auto tier, const Sample& s) {  // (I + cH) H = H (I + cH)
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  Mat<T> a = in.P * in.H, b = in.H * in.P;
  return sides(real(fro2(Mat<T>(a - b))), rint<T>(0), real(T(fro2(a) + fro2(b))));
};

/// after RapidCheck's shrinking: delete a coordinate, or a member that i and y do not use (n stays >= 2)
std::vector<Sample> reduce(const Sample& s) { return coh::reduce_family(s, 2, 1); }

std::vector<Family> families() {
  std::vector<Family> out;
  for (FamilyKind fk : gen::family_kinds())
    out.push_back({.name = gen::family_kind_name(fk),
                   .description = "H_i: " + gen::family_kind_name(fk) + " family (not all zero), n in {2,3}, d in 1..3, k in 1..3, "
                                  "B = 1, eta = 1, c in {0, 1/2, 1}, all H_i scaled by t in {1, 1/10, 10}",
                   .gen = c9::chain67([fk](int n, int d) { return gen::family(fk, n, d); }),
                   .reduce = reduce});
  out.push_back({.name = "rank-ones.weighted",
                 .description = "H_i = w_i g_i g_i^T, w_i in {1, 10, 100} (P = I + cH far from a multiple of I), not all zero, "
                                "n in {2,3}, d in 1..3, k in 1..3, B = 1, eta = 1, c in {0, 1/2, 1}, t in {1, 1/10, 10}",
                 .gen = c9::chain67([](int n, int d) { return coh::weighted_rank_ones(n, d); }),
                 .reduce = reduce});
  return out;
}

Claim make() {
  return Claim{
      .id = "EQ-67-CHAIN", .source = "Proof of Theorem C.9 item 2, chain (67), final bound (48); SAM coherence (65)-(66)",
      .statement = "Tr N_k = eta^{2k}(1/(nB)-1/n^2)^k sum_y Tr[(I+cH)H_yk...H_y1^2...H_yk(I+cH)] <= ... <= "
                   "eta^{2k}(1/B-1/n)^k d^{3k+2} lambda_max(H_SAM)^{4k} / sigma_SAM^{4k}  (48)",
      .readings = {{.name = "67b.e0", .text = "(67b) C_P(y) <= d^e prod_j ||P H_yj||_F^2 with the unreadable power at e = 0"},
                   {.name = "64.a", .text = "(67e) uses (64) with K = n^{2k} d^k (EQ-64-CHAIN reading (a))"},
                   {.name = "64.b", .text = "(67e) uses (64) with K = n d^k (EQ-64-CHAIN reading (b))"},
                   {.name = "sigma-4k", .text = "(48) with sigma_SAM^{4k} (printed)"},
                   {.name = "sigma-2k", .text = "(48) with sigma_SAM^{2k}"},
                   {.name = "prefactor-printed", .text = "(48) with the prefactor (1/B - 1/n)^k (printed)"},
                   {.name = "prefactor-q", .text = "(48) with the prefactor (1/(nB) - 1/n^2)^k of (47)"}},
      .uses = {"EQ-64-CHAIN", "THM-C9-S-BOUND"},
      .families = families(),
      .variants = {
          {.slug = "67a", .statement = "Tr N_k (recursion N_k = eta^2 q P(sum_i H_i N_{k-1} H_i)P) = eta^{2k} q^k sum_y C_P(y) (n^k terms)",
           .rel = Rel::Eq, .eval = make_evaluator(l67a), .note = "(67a): the definition (47)/(50) of N_k and its trace",
           .checks = {"(67)a", "(61)d"}},
          {.slug = "67b.per-sequence", .statement = "C_P(y) <= prod_j ||P H_yj||_F^2 (e = 0), for the drawn y", .rel = Rel::Le,
           .eval = make_evaluator(l67b_seq), .note = "(67b) with the unreadable power d^e at e = 0 (the strongest reading)",
           .checks = {"(67)b"}},
          {.slug = "67b.summed", .statement = "eta^{2k} q^k sum_y C_P(y) <= eta^{2k} q^k sum_y prod_j ||P H_yj||_F^2", .rel = Rel::Le,
           .eval = make_evaluator(l67b_sum), .note = "(67b) summed over y in [n]^k, e = 0", .checks = {"(67)b"}},
          {.slug = "67c.factorisation", .statement = "sum_y prod_j ||P H_yj||_F^2 = (sum_i ||P H_i||_F^2)^k", .rel = Rel::Eq,
           .eval = make_evaluator(l67c_fact), .note = "(67c), first step (brute force over [n]^k)",
           .checks = {"(67)c1"}},
          {.slug = "67c.max", .statement = "eta^{2k} q^k (sum_i ||P H_i||_F^2)^k <= eta^{2k} (1/B-1/n)^k max_i ||P H_i||_F^{2k}",
           .rel = Rel::Le, .eval = make_evaluator(l67c_max), .note = "(67c), second step, with q^k n^k = (1/B - 1/n)^k",
           .checks = {"(67)c2"}},
          {.slug = "67d.per-matrix", .statement = "||P H_i||_F^2 <= d lambda_max(P H_i)^2 for the drawn i", .rel = Rel::Le,
           .eval = make_evaluator(l67d_i),
           .note = "(67d): Frobenius norm replaced by the largest eigenvalue of the non-symmetric P H_i "
                   "(lambda_max(P H_i) <= ||P H_i||_2, with equality only when P H_i is normal)",
           .checks = {"(67)d"}},
          {.slug = "67d.chain",
           .statement = "eta^{2k}(1/B-1/n)^k max_i ||P H_i||_F^{2k} <= eta^{2k}(1/B-1/n)^k d^k max_i lambda_max(P H_i)^{2k}",
           .rel = Rel::Le, .eval = make_evaluator(l67d_chain), .note = "(67d) as a link of the chain",
           .checks = {"(67)d"}},
          {.slug = "67d.repaired-spectral-norm", .statement = "||P H_i||_F^2 <= d ||P H_i||_2^2 for the drawn i", .rel = Rel::Le,
           .eval = make_evaluator(l67d_repaired),
           .note = "repaired (67d): with the spectral norm (largest singular value) in place of lambda_max"},
          {.slug = "67e.64-on-SAM.a", .statement = "lambda_max(S_SAM)^{2k} <= n^{4k} d^{2k} lambda_max(H_SAM)^{4k}", .rel = Rel::Le,
           .eval = make_evaluator(l67e_64(K64::A)),
           .note = "(67e), second step: (64) reading (a) applied to the SAM family with exponent 2k, as (67) uses it",
           .checks = {"(67)e2"}},
          {.slug = "67e.64-on-SAM.b", .statement = "lambda_max(S_SAM)^{2k} <= n d^{2k} lambda_max(H_SAM)^{4k}", .rel = Rel::Le,
           .eval = make_evaluator(l67e_64(K64::B)), .note = "(67e) with (64) reading (b), K = n d^{2k}",
           .checks = {"(67)e2"}},
          {.slug = "67e.64-on-SAM.repaired", .statement = "lambda_max(S_SAM)^{2k} <= n^{2k} d^k lambda_max(H_SAM)^{2k}", .rel = Rel::Le,
           .eval = make_evaluator(l67e_64(K64::Repaired)),
           .note = "repaired: the dimensionally consistent (64) (EQ-64-CHAIN end-to-end.repaired-2k.a) for the family "
                   "P^{1/2} H_i P^{1/2}, whose coherence matrix is S_SAM and whose mean is similar to H_SAM"},
          {.slug = "final.printed", .statement = "Tr N_k <= eta^{2k} (1/B-1/n)^k d^{3k+2} lambda_max(H_SAM)^{4k} / sigma_SAM^{4k}",
           .rel = Rel::Le, .eval = make_evaluator(final48(4, true)),
           .note = "(48) as printed; Tr N_k has degree 2k in the H_i and the right side degree 4k, so it fails for small "
                   "H_i (already at t = 1 when lambda_max(H_SAM) < 1)"},
          {.slug = "final.sigma-2k", .statement = "Tr N_k <= eta^{2k} (1/B-1/n)^k d^{3k+2} lambda_max(H_SAM)^{4k} / sigma_SAM^{2k}",
           .rel = Rel::Le, .eval = make_evaluator(final48(2, true)), .note = "(48) with sigma_SAM exponent 2k (what (67e) yields)"},
          {.slug = "final.prefactor-q",
           .statement = "Tr N_k <= eta^{2k} (1/(nB)-1/n^2)^k d^{3k+2} lambda_max(H_SAM)^{4k} / sigma_SAM^{4k}", .rel = Rel::Le,
           .eval = make_evaluator(final48(4, false)), .note = "(48) with the prefactor of (47)"},
          {.slug = "final.sigma-2k.prefactor-q",
           .statement = "Tr N_k <= eta^{2k} (1/(nB)-1/n^2)^k d^{3k+2} lambda_max(H_SAM)^{4k} / sigma_SAM^{2k}", .rel = Rel::Le,
           .eval = make_evaluator(final48(2, false)), .note = "(48), both alternative readings"},
          {.slug = "final.repaired", .statement = "Tr N_k <= eta^{2k} (1/B-1/n)^k n^k d^k lambda_max(H_SAM)^{2k}", .rel = Rel::Le,
           .eval = make_evaluator(final_repaired),
           .note = "repaired, dimensionally consistent (degree 2k in the H_i on both sides): by (67b)-(67c) and "
                   "sum_i ||P H_i||_F^2 <= sum_i lambda_max(H_i) Tr(P^2 H_i) <= n^2 lambda_max(H) Tr(P^2 H) <= "
                   "n^2 d lambda_max(H_SAM)^2"},
          {.slug = "SAM-objects.sigma-ge-1", .statement = "sigma_SAM >= 1", .rel = Rel::Ge, .eval = make_evaluator(sam_sigma_ge1),
           .note = "(65)-(66): lambda_max(S_SAM) >= S_SAM,ii = ||P^{1/2} H_i P^{1/2}||_F >= lambda_max(P H_i)"},
          {.slug = "SAM-objects.H_SAM-symmetric", .statement = "||(I+cH)H - H(I+cH)||_F^2 = 0", .rel = Rel::Eq,
           .eval = make_evaluator(sam_HSAM_sym), .note = "(66): H_SAM = (I+cH)H is symmetric"},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_eq_67_chain
