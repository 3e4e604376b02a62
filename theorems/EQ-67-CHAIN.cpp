// EQ-67-CHAIN — chain (67), proof of Theorem C.9 item 2, and the final bound (48) (spec lemmas-and-relu.md §4).
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
#include "generators/coherence.hpp"
#include <map>

namespace stabcheck::claim_eq_67_chain {
namespace {

using gen::FamilyKind;

const std::vector<Rat>& cvals() {
  static const std::vector<Rat> v = {Rat(0), Rat(1, 2), Rat(1)};
  return v;
}
const std::vector<Rat>& scales() {
  static const std::vector<Rat> v = {Rat(1), Rat(1, 10), Rat(10)};
  return v;
}

bool nonzero(const std::vector<MatQ>& h) {
  for (const auto& m : h)
    if (!m.isZero()) return true;
  return false;
}

using HGen = std::function<rc::Gen<std::vector<MatQ>>(int n, int d)>;

rc::Gen<Sample> gen_family(HGen hg) {
  return rc::gen::mapcat(gen::dim(2, 3), [hg](int n) {
    return rc::gen::mapcat(gen::dim(1, 3), [hg, n](int d) {
      return rc::gen::mapcat(gen::dim(1, 3), [hg, n, d](int k) {
        return rc::gen::map(
            rc::gen::tuple(rc::gen::suchThat(hg(n, d), nonzero), rc::gen::inRange(0, int(cvals().size())),
                           rc::gen::inRange(0, int(scales().size())), rc::gen::inRange(0, n),
                           rc::gen::container<std::vector<int>>(size_t(k), rc::gen::inRange(0, n))),
            [n, d, k](const std::tuple<std::vector<MatQ>, int, int, int, std::vector<int>>& t) {
              Sample s;
              s.families["H"] = std::get<0>(t);
              s.scalars["c"] = cvals()[size_t(std::get<1>(t))];
              s.scalars["t"] = scales()[size_t(std::get<2>(t))];
              s.scalars["B"] = Rat(1);
              s.scalars["eta"] = Rat(1);
              s.ints["n"] = n;
              s.ints["d"] = d;
              s.ints["k"] = k;
              s.ints["i"] = std::get<3>(t) + 1;  // 1-based in reports
              for (int j = 0; j < k; ++j) s.ints["y" + std::to_string(j + 1)] = std::get<4>(t)[size_t(j)] + 1;
              return s;
            });
      });
    });
  });
}

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
template <K64 w> auto l67e_64() {
  return [](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto in = load<T>(s);
    const long k = in.k;
    Real<T> ls = lmax(coh::coherence(in.h, in.P)), lh = lmax_HSAM(in);
    Real<T> lhs = ipow(ls, 2 * k);
    if constexpr (w == K64::A) return sides(lhs, Real<T>(ipow(rint<T>(in.n), 4 * k) * ipow(rint<T>(in.d), 2 * k) * ipow(lh, 4 * k)));
    else if constexpr (w == K64::B) return sides(lhs, Real<T>(rint<T>(in.n) * ipow(rint<T>(in.d), 2 * k) * ipow(lh, 4 * k)));
    else return sides(lhs, Real<T>(ipow(rint<T>(in.n), 2 * k) * ipow(rint<T>(in.d), k) * ipow(lh, 2 * k)));
  };
}
/// (48): Tr N_k <= eta^{2k} base^k d^{3k+2} lambda_max(H_SAM)^{4k} / sigma_SAM^{sexp k}
template <int sexp, bool printed_prefactor> auto final48() {
  return [](auto tier, const Sample& s) {
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

Variant var(const std::string& slug, const std::string& statement, Rel rel, Evaluator ev, const std::string& note) {
  Variant v;
  v.slug = slug;
  v.statement = statement;
  v.rel = rel;
  v.eval = std::move(ev);
  v.note = note;
  return v;
}


Claim make() {
  Claim c;
  c.id = "EQ-67-CHAIN";
  c.source = "Proof of Theorem C.9 item 2, chain (67), final bound (48); SAM coherence (65)-(66)";
  c.statement =
      "Tr N_k = eta^{2k}(1/(nB)-1/n^2)^k sum_y Tr[(I+cH)H_yk...H_y1^2...H_yk(I+cH)] <= ... <= "
      "eta^{2k}(1/B-1/n)^k d^{3k+2} lambda_max(H_SAM)^{4k} / sigma_SAM^{4k}  (48)";
  // after RapidCheck's shrinking: delete a coordinate, or a member that i and y do not use (n stays >= 2)
  auto reduce = [](const Sample& s) { return coh::reduce_family(s, 2, 1); };
  for (FamilyKind fk : gen::family_kinds())
    c.families.push_back({gen::family_kind_name(fk),
                          "H_i: " + gen::family_kind_name(fk) + " family (not all zero), n in {2,3}, d in 1..3, k in 1..3, "
                          "B = 1, eta = 1, c in {0, 1/2, 1}, all H_i scaled by t in {1, 1/10, 10}",
                          gen_family([fk](int n, int d) { return gen::family(fk, n, d); }), reduce});
  c.families.push_back({"rank-ones.weighted",
                        "H_i = w_i g_i g_i^T, w_i in {1, 10, 100} (P = I + cH far from a multiple of I), not all zero, "
                        "n in {2,3}, d in 1..3, k in 1..3, B = 1, eta = 1, c in {0, 1/2, 1}, t in {1, 1/10, 10}",
                        gen_family([](int n, int d) { return coh::weighted_rank_ones(n, d); }), reduce});
  c.variants.push_back(var("67a", "Tr N_k (recursion N_k = eta^2 q P(sum_i H_i N_{k-1} H_i)P) = eta^{2k} q^k sum_y C_P(y) (n^k terms)",
                           Rel::Eq, make_evaluator(l67a), "(67a): the definition (47)/(50) of N_k and its trace"));
  c.variants.push_back(var("67b.per-sequence", "C_P(y) <= prod_j ||P H_yj||_F^2 (e = 0), for the drawn y", Rel::Le,
                           make_evaluator(l67b_seq), "(67b) with the unreadable power d^e at e = 0 (the strongest reading)"));
  c.variants.push_back(var("67b.summed", "eta^{2k} q^k sum_y C_P(y) <= eta^{2k} q^k sum_y prod_j ||P H_yj||_F^2", Rel::Le,
                           make_evaluator(l67b_sum), "(67b) summed over y in [n]^k, e = 0"));
  c.variants.push_back(var("67c.factorisation", "sum_y prod_j ||P H_yj||_F^2 = (sum_i ||P H_i||_F^2)^k", Rel::Eq,
                           make_evaluator(l67c_fact), "(67c), first step (brute force over [n]^k)"));
  c.variants.push_back(var("67c.max", "eta^{2k} q^k (sum_i ||P H_i||_F^2)^k <= eta^{2k} (1/B-1/n)^k max_i ||P H_i||_F^{2k}",
                           Rel::Le, make_evaluator(l67c_max), "(67c), second step, with q^k n^k = (1/B - 1/n)^k"));
  c.variants.push_back(var("67d.per-matrix", "||P H_i||_F^2 <= d lambda_max(P H_i)^2 for the drawn i", Rel::Le,
                           make_evaluator(l67d_i),
                           "(67d): Frobenius norm replaced by the largest eigenvalue of the non-symmetric P H_i "
                           "(lambda_max(P H_i) <= ||P H_i||_2, with equality only when P H_i is normal)"));
  c.variants.push_back(var("67d.chain", "eta^{2k}(1/B-1/n)^k max_i ||P H_i||_F^{2k} <= eta^{2k}(1/B-1/n)^k d^k max_i lambda_max(P H_i)^{2k}",
                           Rel::Le, make_evaluator(l67d_chain), "(67d) as a link of the chain"));
  c.variants.push_back(var("67d.repaired-spectral-norm", "||P H_i||_F^2 <= d ||P H_i||_2^2 for the drawn i", Rel::Le,
                           make_evaluator(l67d_repaired),
                           "repaired (67d): with the spectral norm (largest singular value) in place of lambda_max"));
  c.variants.push_back(var("67e.64-on-SAM.a", "lambda_max(S_SAM)^{2k} <= n^{4k} d^{2k} lambda_max(H_SAM)^{4k}", Rel::Le,
                           make_evaluator(l67e_64<K64::A>()),
                           "(67e), second step: (64) reading (a) applied to the SAM family with exponent 2k, as (67) uses it"));
  c.variants.push_back(var("67e.64-on-SAM.b", "lambda_max(S_SAM)^{2k} <= n d^{2k} lambda_max(H_SAM)^{4k}", Rel::Le,
                           make_evaluator(l67e_64<K64::B>()), "(67e) with (64) reading (b), K = n d^{2k}"));
  c.variants.push_back(var("67e.64-on-SAM.repaired", "lambda_max(S_SAM)^{2k} <= n^{2k} d^k lambda_max(H_SAM)^{2k}", Rel::Le,
                           make_evaluator(l67e_64<K64::Repaired>()),
                           "repaired: the dimensionally consistent (64) (EQ-64-CHAIN end-to-end.repaired-2k.a) for the family "
                           "P^{1/2} H_i P^{1/2}, whose coherence matrix is S_SAM and whose mean is similar to H_SAM"));
  c.variants.push_back(var("final.printed", "Tr N_k <= eta^{2k} (1/B-1/n)^k d^{3k+2} lambda_max(H_SAM)^{4k} / sigma_SAM^{4k}",
                           Rel::Le, make_evaluator(final48<4, true>()),
                           "(48) as printed; Tr N_k has degree 2k in the H_i and the right side degree 4k, so it fails for small "
                           "H_i (already at t = 1 when lambda_max(H_SAM) < 1)"));
  c.variants.push_back(var("final.sigma-2k", "Tr N_k <= eta^{2k} (1/B-1/n)^k d^{3k+2} lambda_max(H_SAM)^{4k} / sigma_SAM^{2k}",
                           Rel::Le, make_evaluator(final48<2, true>()), "(48) with sigma_SAM exponent 2k (what (67e) yields)"));
  c.variants.push_back(var("final.prefactor-q", "Tr N_k <= eta^{2k} (1/(nB)-1/n^2)^k d^{3k+2} lambda_max(H_SAM)^{4k} / sigma_SAM^{4k}",
                           Rel::Le, make_evaluator(final48<4, false>()), "(48) with the prefactor of (47)"));
  c.variants.push_back(var("final.sigma-2k.prefactor-q",
                           "Tr N_k <= eta^{2k} (1/(nB)-1/n^2)^k d^{3k+2} lambda_max(H_SAM)^{4k} / sigma_SAM^{2k}", Rel::Le,
                           make_evaluator(final48<2, false>()), "(48), both alternative readings"));
  c.variants.push_back(var("final.repaired", "Tr N_k <= eta^{2k} (1/B-1/n)^k n^k d^k lambda_max(H_SAM)^{2k}", Rel::Le,
                           make_evaluator(final_repaired),
                           "repaired, dimensionally consistent (degree 2k in the H_i on both sides): by (67b)-(67c) and "
                           "sum_i ||P H_i||_F^2 <= sum_i lambda_max(H_i) Tr(P^2 H_i) <= n^2 lambda_max(H) Tr(P^2 H) <= "
                           "n^2 d lambda_max(H_SAM)^2"));
  c.variants.push_back(var("SAM-objects.sigma-ge-1", "sigma_SAM >= 1", Rel::Ge, make_evaluator(sam_sigma_ge1),
                           "(65)-(66): lambda_max(S_SAM) >= S_SAM,ii = ||P^{1/2} H_i P^{1/2}||_F >= lambda_max(P H_i)"));
  c.variants.push_back(var("SAM-objects.H_SAM-symmetric", "||(I+cH)H - H(I+cH)||_F^2 = 0", Rel::Eq, make_evaluator(sam_HSAM_sym),
                           "(66): H_SAM = (I+cH)H is symmetric"));
  // Verdicts established by the suite's own runs (stabcheck run --claims 'EQ-*' --samples 300, seeds 1 and 2
  // agree on every variant); each refutation is certified, its witness is the seed-1 shrunk counterexample.
  // Every variant not listed holds.
  c.record_refutations({
      {"67d.per-matrix", "EQ-67-CHAIN/67d.per-matrix/rank-ones.weighted/1/109/2.1.0.1.1.1.3.0.0.2.7.8.10"},
      {"67e.64-on-SAM.a", "EQ-67-CHAIN/67e.64-on-SAM.a/independent/1/32/0.0.0.1"},
      {"67e.64-on-SAM.b", "EQ-67-CHAIN/67e.64-on-SAM.b/independent/1/5/1.0.0.0.0.0.0.0.0.x0"},
      {"final.printed", "EQ-67-CHAIN/final.printed/independent/1/5/1.0.0.0.0.0.0.0.0.x0"},
      {"final.sigma-2k", "EQ-67-CHAIN/final.sigma-2k/independent/1/6/0.0.0.0.0"},
      {"final.prefactor-q", "EQ-67-CHAIN/final.prefactor-q/independent/1/4/1.0.0.0.0.x1"},
      {"final.sigma-2k.prefactor-q", "EQ-67-CHAIN/final.sigma-2k.prefactor-q/independent/1/6/0.0.0.0.0"},
  });
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_eq_67_chain
