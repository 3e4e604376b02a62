// Exact, shrinkable samples for the stochastic linear-stability claims (spec/stability.md).
// A sample holds the family "H" (n PSD d x d rational matrices) and the rational scalars
//   eta (learning rate), B (batch parameter), c (= rho/alpha; 0 for SGD)
// plus claim-specific scalars/ints set by a per-claim `finish` function. Every scalar is derived
// deterministically from the drawn structure and a drawn integer `code` (shrinks toward 0), so that
// shrinking n, d, the integer entries, or the code keeps the sample inside the claim's hypothesis.
#pragma once
#include "models/moments.hpp"
#include "models/thresholds.hpp"
#include "generators/coherence.hpp"
#include "generators/matrices.hpp"
#include <functional>
#include <type_traits>
#include <string>
#include <vector>

namespace stabcheck::stab {

/// Families of {H_i}: wishart (G G^T / d), lowrank, rankone, diagonal, commuting, clustered,
/// orthogonal, aligned, independent (mixed kinds), construction-a / construction-b (THM-3.3, random
/// sigma in [1, n]), pm-identity (H_i = h I +- E with mean exactly h I: makes Jbar = 0 reachable).
const std::vector<std::string>& hkinds();
rc::Gen<std::vector<MatQ>> hfamily(const std::string& kind, int n, int d);

enum class BRule {
  Any,          // integer B in [1, n]
  LessN,        // integer B in [1, n - 1]  (n >= 2)
  EqualN,       // B = n (no noise)
  SquareRatio   // (n, B) with n/B - 1 a rational square: (2,1), (4,2), (5,1), (5,4), (6,3), (10,2)
};

struct Base {
  std::string hkind = "wishart";
  int n_lo = 1, n_hi = 4, d_lo = 1, d_hi = 3;
  BRule brule = BRule::Any;
  std::vector<Rat> c_units = {Rat(0)};  // c = u / lambda_max(H) (0: SGD)
  std::vector<int> scales = {0};         // H scaled by 10^e (the first entry is where shrinking goes)
  int ncodes = 1;                        // finisher codes drawn in [0, ncodes)
  int k_lo = 0, k_hi = 0;                // optional step count "k" (ints), drawn so it shrinks to k_lo
};

/// Draws H, B, c (and k, code) and hands the sample to `finish(sample, code)`, which must set eta and
/// any claim-specific parameter. The sample's ints hold "code" and (if k_hi > 0) "k".
using Finish = std::function<Sample(Sample, int)>;
rc::Gen<Sample> model_gen(const Base& b, Finish finish);

// ---- tier helpers for claim bodies ----

/// Rigorous max for balls, plain max otherwise.
inline Ball rmax_(const Ball& a, const Ball& b) { return max(a, b); }
inline double rmax_(double a, double b) { return a > b ? a : b; }
inline Mpfr rmax_(const Mpfr& a, const Mpfr& b) { return a > b ? a : b; }
inline Ball rmin_(const Ball& a, const Ball& b) { return min(a, b); }
inline double rmin_(double a, double b) { return a < b ? a : b; }
inline Mpfr rmin_(const Mpfr& a, const Mpfr& b) { return a < b ? a : b; }

/// sqrt of a quantity that is >= 0 exactly (clamped), into the Real type.
template <class T> Real<T> sqrt_nonneg(const T& x) {
  if constexpr (std::is_same_v<T, Rat>) {
    if (auto e = mom::exact_sqrt(x < 0 ? Rat(0) : x)) return Ball(*e);
    return sqrt(Ball(x < 0 ? Rat(0) : x));
  } else {
    using std::sqrt;
    return x > T(0) ? T(sqrt(x)) : T(0);
  }
}

// Coherence (Dexter et al.) and its SAM version (65)-(66): models/coherence.hpp (stabcheck::coh) for the
// eigenvalue parts, exact Gram entries here, and the exact shortcut mom::coherence_exact for structured families.
/// S_ij = sqrt(Tr(A_i A_j)) with A_i = H_i, or A_i = C H_i for S_SAM (65). The Gram entries are computed exactly
/// from the exact family (an exact zero stays zero; rounding happens once, before the square root).
template <class T> Mat<Real<T>> coherence_S(const std::vector<MatQ>& HQ, const MatQ* CQ = nullptr) {
  std::vector<MatQ> A;
  for (const auto& h : HQ) A.push_back(CQ ? MatQ(*CQ * h) : h);
  const int n = int(A.size());
  Mat<Real<T>> S(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = i; j < n; ++j) {
      Real<T> v = sqrt_nonneg<T>(from_rat<T>(trace_prod(A[size_t(i)], A[size_t(j)])));
      S(i, j) = v;
      S(j, i) = v;
    }
  return S;
}
/// C = I + c H of the sample (exact).
inline MatQ C_of(const Sample& s) {
  MatQ Hb = mean_of(s.family("H"));
  Rat c = s.scalars.count("c") ? s.scalar("c") : Rat(0);
  return MatQ(MatQ::Identity(Hb.rows(), Hb.cols()) + Hb * c);
}
/// sigma = lambda_max(S) / max_i lambda_max(H_i); exact (a rational) when coherence_exact applies.
template <class T> Real<T> sigma_tier(const std::vector<MatQ>& HQ) {
  if (auto e = mom::coherence_exact(HQ)) return real_of<T>(*e);
  return Real<T>(lmax(coherence_S<T>(HQ))) / coh::max_lmax<T>(coh::tier_family<T>(HQ));
}
/// sigma_SAM = lambda_max(S_SAM) / max_i lambda_max(C H_i)  (66).
template <class T> Real<T> sigma_sam_tier(const std::vector<MatQ>& HQ, const MatQ& CQ) {
  return Real<T>(lmax(coherence_S<T>(HQ, &CQ))) / coh::max_lmax_sam<T>(coh::tier_family<T>(HQ), from_rat<T>(CQ));
}

/// max_ij |a_ij - b_ij| and max_ij |a_ij| (exact in the exact tier).
template <class T> Real<T> max_abs_diff(const Mat<T>& a, const Mat<T>& b) {
  T m = T(0);
  for (Eigen::Index i = 0; i < a.size(); ++i) {
    T v = a(i) - b(i);
    if (v < T(0)) v = -v;
    if (v > m) m = v;
  }
  return real(m);
}
template <class T> Real<T> max_abs(const Mat<T>& a) {
  T m = T(0);
  for (Eigen::Index i = 0; i < a.size(); ++i) {
    T v = a(i) < T(0) ? T(-a(i)) : a(i);
    if (v > m) m = v;
  }
  return real(m);
}
/// |x| in the scalar type (exact for Rat).
template <class T> T tabs(const T& x) { return x < T(0) ? T(-x) : x; }
/// sum_ij |a_ij|, in the scalar type (exact for Rat): the rounding scale of an identity summed entrywise.
template <class T> T abs_sum(const Mat<T>& a) {
  T s = T(0);
  for (Eigen::Index i = 0; i < a.size(); ++i) s += tabs(T(a(i)));
  return s;
}
/// Largest absolute entry, in the scalar type (exact for Rat).
template <class T> T max_entry(const Mat<T>& a) {
  T m = T(0);
  for (Eigen::Index i = 0; i < a.size(); ++i) {
    T v = a(i) < T(0) ? T(-a(i)) : a(i);
    if (v > m) m = v;
  }
  return m;
}
/// Bounds from the inputs for the rounding scale of identities (never from the computed results, which may
/// cancel to exact zero): hmax = max_i max|H_i|, |H^| <= (n/B) hmax entrywise, |J^| <= 1 + eta d (n/B) hmax max|C|.
template <class T> T hmax_entry(const mom::Model<T>& m) {
  T h = T(0);
  for (const auto& x : m.H) { T v = max_entry(x); if (v > h) h = v; }
  return h;
}
template <class T> T jhat_bound(const mom::Model<T>& m) {
  return T(1) + m.eta * T(m.d) * (T(m.n) / m.B) * hmax_entry(m) * max_entry(m.C);
}

/// Integer power of a tier real.
template <class R> R rpow(const R& x, long k) { return ipow(x, k); }

/// Attach a matrix `name` of the sample's dimension d drawn from `kind`.
rc::Gen<Sample> with_matrix(rc::Gen<Sample> g, const std::string& name, gen::Kind kind);
/// Short description of a base ("wishart, n 1..4, d 1..3, B in [1,n], c/lmax in {0,1/2}").
std::string describe(const Base& b);
/// The family `name` drawn by model_gen(b, finish), described by describe(b) + note: the description is written from
/// the base the generator draws, so the two cannot disagree.
Family model_family(const std::string& name, const Base& b, Finish finish, const std::string& note);
/// One model family per kind, named by the kind: `shape` with its hkind set to each kind in turn (model_family).
std::vector<Family> per_kind(const std::vector<std::string>& kinds, Base shape, const Finish& finish, const std::string& note);
/// The families with a matrix `name` of each sample's dimension d drawn from `kind` attached (with_matrix above).
std::vector<Family> with_matrix(std::vector<Family> fs, const std::string& name, gen::Kind kind);
/// The SAM family `name`, which draws c = u / lambda_max(H) with u in sam_c_units, and its SGD twin "NAME.sgd" with
/// c = 0; `b` gives the rest (its c_units are replaced). Descriptions: describe() + suffix.
std::vector<Family> sam_sgd_pair(const std::string& name, Base b, const std::vector<Rat>& sam_c_units, const Finish& finish,
                                 const std::string& suffix);
/// sam_sgd_pair for every kind, kinds outer, each pair named by its kind ("KIND", "KIND.sgd"); `shape` gives the rest.
std::vector<Family> sam_and_sgd(const std::vector<std::string>& kinds, Base shape, const std::vector<Rat>& sam_c_units,
                                const Finish& finish, const std::string& suffix);

/// The scaling of spec/stability.md's mandatory scaling test: H_i -> s H_i, and with `step` eta -> eta/s, c -> c/s,
/// which leaves J^ and every eta mu_i and c lambda_i unchanged (each family's placement of eta and c relative to H holds).
Scaling h_scaling(bool step = true);


/// Steps from a table, indexed by a sample's code, that the adversarial search may move (core/knobs.hpp); only for
/// claims without a hypothesis the knob's range could leave. Knob names key the replay tokens: keep them.
/// eta = u / mu_upper(H, c), u = table[index % |table|]; knob "eta mu_max" between the table's extremes.
Rat step_over_mu_max(const Sample& s, const std::vector<Rat>& table, size_t index);
/// place_above(t, rel), rel = table[index % |table|] > 0; knob "eta/eta* - 1" in [2^-10, max]: stays above t.
Rat step_above(const Threshold& t, const std::vector<Rat>& table, size_t index);
/// place_below(t, rel), rel = table[index % |table|] > 0; knob "1 - eta/eta*" in [2^-10, max]: stays below t.
Rat step_below(const Threshold& t, const std::vector<Rat>& table, size_t index);

/// Make the mean H positive definite (needed by hypotheses with epsilon in (0,1)): if singular, add
/// t I to H_1 with t = Tr(H)/d (or 1), so that the mean becomes H + (t/n) I.
void make_pd(Sample& s);

/// Overwrite/insert scalars.
inline Sample with(Sample s, const std::string& k, const Rat& v) { s.scalars[k] = v; return s; }

}  // namespace stabcheck::stab
