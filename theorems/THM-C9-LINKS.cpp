// THM-C9-LINKS — Theorem C.9 proof (C.9), the links (52)a, (55)-(60), (61)a, (62)a-b, (63)a-b, (67)e1 and the prose
// sentences C.9-p1, -p2, -p3, -p4, -p5, each where it stands. Jbar = I - eta H (I + cH), c = rho/alpha, H the mean of the H_i,
// mu_i = lambda_i + c lambda_i^2 (the eigenvalues of H (I + cH)), N_r = N^r(I) (47), q = 1/(Bn) - 1/n^2.
//  (52)a  E[J^T J] = E[(I - eta H^ - eta c H^ H)^T (I - eta H^ - eta c H^ H)]: both sides enumerated over the 2^n batches,
//         the left one with the engine's J^ = I - eta H^ C, the right one with the printed product formed by hand.
//  (55)-(60) The OCR reads (54) "-(1-e'T=J>=<(1-¢)?%I", i.e. -(1-eps)^2 I ⪯ Jbar^2 ⪯ (1-eps)^2 I; (55) Jbar^2 ⪯ (1-eps)^2 I;
//         (56) (I - eta H(I + cH))^2 ⪯ (1-eps)^2 I; "By removing the square term," (57) I - eta H(I + cH) ⪯ (1-eps) I;
//         "Rearrange will give" (58) eps I ⪯ eta H(I + cH); "By decomposing each eigenvalue direction" (59) eps/eta <=
//         lambda_i + c lambda_i^2; "the same operation on the other direction" (60) lambda_i + c lambda_i^2 <= (2-eps)/eta.
//         The text introduces the chain with "The first condition (1-eps)^2 I is achieved when the condition of the
//         assumption is satisfied. We demonstrate why that is the case": the chain is written forward and used backward,
//         i.e. every step is used as an equivalence. Each step is one equivalence of its two lines: where both lines have
//         the same margin (lambda_min of the PSD gap, or min_i of the scalar gap, up to the factor eta > 0) the identity of
//         the margins is checked (both directions at once: (55), (56), (58), (59), (60); for (60) the other line is the
//         other half -(1-eps) I ⪯ Jbar of (54) in the project's reading); (57) is checked in both directions on samples
//         where its premise holds exactly ((56) => (57) with eps <= eps_max; (57) => (56) with eps <= eta mu_min and
//         eta mu_max up to 4): the backward direction fails (removing the square drops the lower half).
//  (61)a  E[J^_1^T..J^_k^T J^_k..J^_1] "=" E[J^_k^T (sum_{r<k} (1-eps)^{2(k-1-r)} C(k-1,r) N_r) J^_k]: M_k by the closed map
//         against the enumerated right side (as printed, expected refuted for k >= 2), and the monotone form "⪯" that
//         the induction needs where its hypothesis M_{k-1} ⪯ sum_r ... N_r holds (decided exactly).
//  (62)a  the second sum of (61), sum_{r=0}^{k-1} (1-eps)^{2(k-1-r)} C(k-1,r) N_{r+1}, re-indexed to sum_{r=1}^k
//         (1-eps)^{2(k-r)} C(k-1,r-1) N_r; (62)b regrouped to (1-eps)^{2k} N_0 + sum_{r=1}^{k-1} (1-eps)^{2(k-r)}
//         (C(k-1,r) + C(k-1,r-1)) N_r + N_k: exact matrix identities, each side summed term by term in its own loop.
//  (63)a  sum_r (1-eps)^{2(k-r)} C(k,r) Tr N_r <= C sum_r (1-eps)^{2(k-r)} C(k,r) eps^r, with the witness
//         C = max_{r<=k} Tr N_r / eps^r of "we can upper bound the term with constant C such that (1/eps^r) Tr[N_r] < C";
//         (63)b = C ((1-eps)^2 + eps)^k (binomial theorem): the sum term by term against the power.
//  (67)e1 max_i lambda_max(H_SAM,i) = lambda_max(S_SAM)/sigma_SAM: the left side through an exact LDL^T of each
//         H_i = L D L^T (lambda_max(C H_i) = lambda_max(D^{1/2} L^T C L D^{1/2}), a symmetric matrix), the right side with
//         the tier helpers stab::coherence_S and stab::sigma_sam_tier (which use the eigenvalue moduli of C H_i).
//  C.9-p1 "the eps can be larger [for SAM] as the term I - eta H is larger than I - eta H - eta^2 H^2 ... The deterministic
//         part ... can shrink faster": eps_max(c) = 1 - ||Jbar(c)||_2 with eps_max(c > 0) >= eps_max(0) at the same eta;
//         beside it, the form that holds when eta mu_max(c) <= 1 (every eigenvalue of Jbar in [0, 1)).
//  C.9-p2 "if we increase the batch size to n, we will have the term vanished": at B = n, q = 0, N_r = 0 (r = 1..k) and
//         the enumerated E[J^T J] equals Jbar^2.
//  C.9-p3 the end of the proof, before (64) (OCR "SAM has extra multiplication (1 4 £ H) ... this can potentially make the
//         process unstable as it amplify the noise through out the process and this fit in to our general believe that SAM
//         can make the optimization process less stable but still converge fast due to the shrink of the deterministic
//         term"). SAM (the sample, c > 0, C = I + cH ⪰ I) against SGD (the same H_i, eta and B, c = 0):
//         (i)  "amplify the noise": Tr N_k(c) >= Tr N_k(0), k = 1..6 (N_k = N^k(I) by the recursion), checked as
//              min_k (a_k - b_k)/(a_k + b_k) >= 0 (a term is 0 where both traces vanish, q = 0; the ratio does not
//              depend on eta);
//         (ii) "less stable", in the linear stability of Theorem C.8 (r(T) >= 1 diverges, T the second-moment map of M_k):
//              every step size at which SAM is stable is one at which SGD is, i.e. r(T_SGD) >= 1 => r(T_SAM) >= 1 (the
//              premise decided exactly at r = 1; d = 1: SAM is SGD at the larger step eta(1 + c lambda), and SGD's stable
//              steps form an interval). Chosen reading. The pointwise comparison r(T_SAM) >= r(T_SGD) at every eta is
//              not what the sentence says: r(T) is also the rate of Tr M_k, and the same sentence says SAM still
//              converges fast "due to the shrink of the deterministic term" (C.9-p1), i.e. a smaller r(T) where Jbar's
//              contraction dominates (small eta); that form is recorded as a control (reading not chosen, no .checks).
//         Both (i) and (ii) declare C.9-p3; "converge fast" is C.9-p1's content, checked there. Families: sam.* (eta
//         lambda_max(H) in {1/10..19/10}, c lambda_max in {1,1/4,4}) and p3-edge.* (eta just above SGD's edge r(T_SGD) = 1,
//         c lambda_max in {1/100,1/4,1,4}), where (ii) is tight.
//  C.9-p4 "The loss surface is sharper as it give larger eigenvalue in each direction": lambda_i((I + cH) H) >= lambda_i(H),
//         both spectra sorted.
//  C.9-p5 "if the solution give larger coherence measure, they both converge faster": read through (48), whose bound
//         falls with sigma at a fixed lambda_max(H_SAM): two families {H_i}, {H'_i} with the same mean H (the same
//         Jbar and the same eta, B, c), built as H_i = A_i + mean(B), H'_i = B_i + mean(A) from two drawn families; faster
//         convergence = smaller r(T), T the second-moment map of M_k. Checked: (sigma - sigma')(r(T) - r(T')) <= 0
//         (sigma_SAM for c > 0, sigma for c = 0).
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "models/coherence.hpp"
#include "generators/stability.hpp"
#include "generators/c8_stability_claims.hpp"
#include "core/knobs.hpp"

namespace stabcheck::claim_thm_c9_links {
namespace {

using namespace stab;
using V = std::vector<MatQ>;

const std::vector<std::string> kKinds = {"wishart", "diagonal", "pm-identity", "independent"};
const std::vector<std::string> kCohKinds = {"wishart", "diagonal", "independent"};

/// What a family guarantees exactly (ints "premise"), checked by the claim's hypothesis.
enum Premise : long { kNone = 0, kEpsMax = 1, kMuMin = 2, kContract = 3, kSameMean = 4, kBatchN = 5 };

Rat clamp_eps(Rat e) {
  if (e <= 0) e = Rat(1, 1000000);
  if (e >= 1) e = Rat(999999, 1000000);
  return e;
}

// ---------------------------------------------------------------- finishers
/// Any eps in (0, 1): at eps_max (exact when rational), eps_max (1 - 1/10), just above eps_max, 1/2, 1/10; eta mu_max in
/// {1, 1/2, 3/2, 19/10, 1/10, 5/2} (the last leaves ||Jbar|| < 1).
Sample finish_any(Sample s, int code) {
  static const std::vector<Rat> u = {Rat(1), Rat(1, 2), Rat(3, 2), Rat(19, 10), Rat(1, 10), Rat(5, 2)};
  make_pd(s);
  s.scalars["eta"] = step_over_mu_max(s, u, size_t(code / 5));
  const Threshold e = eps_max(s.family("H"), s.scalar("eta"), s.scalar("c"));
  Rat eps;
  switch (code % 5) {
    case 0: eps = e.exact ? *e.exact : place_below(e, Rat(1, 1000000000000LL)); break;
    case 1: eps = place_below(e, Rat(1, 10)); break;
    case 2: eps = place_above(e, Rat(1, 1000)); break;
    case 3: eps = Rat(1, 2); break;
    default: eps = Rat(1, 10); break;
  }
  s.scalars["eps"] = clamp_eps(eps);
  s.ints["premise"] = kNone;
  return s;
}

/// eps <= eps_max exactly (the hypothesis of Theorem C.9, i.e. (54)-(56) hold): eps = eps_max (exact when rational,
/// else just below), eps_max (1 - 1/10), eps_max (1 - 1/1000); eta mu_max in {1, 1/2, 3/2, 19/10, 1/10}.
Sample finish_eps_max(Sample s, int code) {
  static const std::vector<Rat> u = {Rat(1), Rat(1, 2), Rat(3, 2), Rat(19, 10), Rat(1, 10)};
  static const Rat rel[] = {Rat(0), Rat(1, 10), Rat(1, 1000)};
  make_pd(s);
  const auto& H = s.family("H");
  const Rat c = s.scalar("c");
  s.scalars["eta"] = step_over_mu_max(s, u, size_t(code % 5));
  Threshold e = eps_max(H, s.scalar("eta"), c);
  if (!e.ball.certainly_positive()) {  // a nearly singular mean: eta = 1/mu_max keeps eps_max > 0
    s.scalars["eta"] = Rat(1) / mu_upper(H, c);
    e = eps_max(H, s.scalar("eta"), c);
  }
  const Rat r = rel[(code / 5) % 3];
  Rat eps = r == 0 ? (e.exact ? *e.exact : place_below(e, Rat(1, 1000000000000LL))) : place_below(e, r);
  if (eps >= 1) eps = Rat(999999, 1000000);
  s.scalars["eps"] = eps;
  s.ints["premise"] = kEpsMax;
  return s;
}

/// eps <= eta mu_min exactly ((57)-(59) hold), eta mu_max in {5/2, 3, 1, 19/10, 4, 3/2} (so that (60), hence (56), often
/// fails): eps = eta mu(l) (1 - rel), l a rational lower bound of lambda_min(H) (exact when rational), rel in {0, 1/10, 1/1000}.
Sample finish_mu_min(Sample s, int code) {
  static const std::vector<Rat> u = {Rat(5, 2), Rat(3), Rat(1), Rat(19, 10), Rat(4), Rat(3, 2)};
  static const Rat rel[] = {Rat(0), Rat(1, 10), Rat(1, 1000)};
  make_pd(s);
  const Rat c = s.scalar("c"), eta = step_over_mu_max(s, u, size_t(code % 6));
  s.scalars["eta"] = eta;
  const Rat l = lmin_lower(mean_of(s.family("H")));
  Rat eps = eta * l * (1 + c * l) * (1 - rel[(code / 6) % 3]);
  if (eps >= 1) eps = Rat(999, 1000);
  s.scalars["eps"] = eps;
  s.ints["premise"] = kMuMin;
  return s;
}

/// C.9-p1: eta lambda_max(H) in {1/10, 1/2, 1, 3/2, 19/10} (the same eta for SAM and SGD).
Sample finish_same_eta(Sample s, int code) {
  static const Rat u[] = {Rat(1, 10), Rat(1, 2), Rat(1), Rat(3, 2), Rat(19, 10)};
  s.scalars["eta"] = knobs::scalar("eta lambda_max", Rat(1, 10), Rat(19, 10), u[code % 5]) / lmax_upper(mean_of(s.family("H")));
  s.ints["premise"] = kNone;
  return s;
}
/// eta mu_max(c) <= 1: eta = u / mu_upper(H, c), u in {1/10, 1/2, 1}.
Sample finish_contract(Sample s, int code) {
  static const Rat u[] = {Rat(1, 10), Rat(1, 2), Rat(1)};
  s.scalars["eta"] = knobs::scalar("eta mu_max", Rat(1, 10), Rat(1), u[code % 3]) / mu_upper(s.family("H"), s.scalar("c"));
  s.ints["premise"] = kContract;
  return s;
}
/// B = n: eta mu_max in {1, 1/2, 3/2}.
Sample finish_batch_n(Sample s, int code) {
  s.scalars["eta"] = step_over_mu_max(s, {Rat(1), Rat(1, 2), Rat(3, 2)}, size_t(code));
  s.ints["premise"] = kBatchN;
  return s;
}

/// C.9-p3: eta just above SGD's stability edge eta*_SGD, the first eta > 0 with r(T_SGD) = 1 (bisection in double on
/// the same H_i and B with c = 0, from eta = 3/lambda_max(H) up), eta = eta*_SGD (1 + u), u in {1/10^6, 1/1000, 1/10} (a
/// knob); whether SGD is unstable there is decided exactly by the variant (a sample where it is not is vacuous).
Sample finish_sgd_edge(Sample s, int code) {
  static const Rat u[] = {Rat(1, 1000000), Rat(1, 1000), Rat(1, 10)};
  make_pd(s);
  const auto H = s.family_as<double>("H");
  const double B = s.scalar("B").convert_to<double>();
  auto r = [&](double eta) { return mom::spectral_radius(mom::T_matrix(mom::make_model<double>(H, eta, B, 0.0))); };
  double lo = 0, hi = 3.0 / lmax_upper(mean_of(s.family("H"))).convert_to<double>();
  for (int i = 0; i < 30 && r(hi) < 1; ++i) hi *= 2;
  for (int i = 0; i < 60; ++i) {
    const double mid = (lo + hi) / 2;
    if (r(mid) < 1) lo = mid;
    else hi = mid;
  }
  s.scalars["eta"] = Rat(hi) * (1 + knobs::scalar("eta/eta*_SGD - 1", u[0], u[2], u[code % 3]));
  s.ints["premise"] = kNone;
  return s;
}

/// C.9-p5: families H_i = A_i + mean(B), H'_i = B_i + mean(A) (same mean), n = 2..4, d = 1..2, integer B < n,
/// c lambda_max in {1, 1/4, 4} (or 0), eta mu_max in {1/2, 1/4, 1/10}.
rc::Gen<Sample> same_mean_pair(const std::string& kind, bool sgd) {
  return rc::gen::mapcat(gen::dim(2, 4), [kind, sgd](int n) {
    return rc::gen::mapcat(gen::dim(1, 2), [kind, sgd, n](int d) {
      return rc::gen::map(
          rc::gen::tuple(hfamily(kind, n, d), hfamily(kind, n, d), gen::shape(1, n - 1), gen::shape(0, 2), gen::shape(0, 2)),
          [sgd, n](const std::tuple<V, V, int, int, int>& t) {
            const V& a = std::get<0>(t);
            const V& b = std::get<1>(t);
            const MatQ ma = mean_of(a), mb = mean_of(b);
            V F, G;
            for (int i = 0; i < n; ++i) {
              F.push_back(MatQ(a[size_t(i)] + mb));
              G.push_back(MatQ(b[size_t(i)] + ma));
            }
            if (mean_of(F).isZero()) {  // keep H != 0, the same shift for both
              F[0] += MatQ::Identity(F[0].rows(), F[0].cols());
              G[0] += MatQ::Identity(G[0].rows(), G[0].cols());
            }
            static const Rat cu[] = {Rat(1), Rat(1, 4), Rat(4)}, eu[] = {Rat(1, 2), Rat(1, 4), Rat(1, 10)};
            Sample s;
            s.families["H"] = F;
            s.families["H2"] = G;
            s.scalars["B"] = Rat(std::get<2>(t));
            const Rat c = sgd ? Rat(0) : cu[std::get<3>(t)] / lmax_upper(mean_of(F));
            s.scalars["c"] = c;
            s.scalars["eta"] = eu[std::get<4>(t)] / mu_upper(F, c);
            s.ints["premise"] = kSameMean;
            return s;
          });
    });
  });
}

/// The claim's hypothesis: each family's premise, exactly.
std::string hypothesis(const Sample& s) {
  const long p = s.ints.count("premise") ? s.integer("premise") : kNone;
  const auto& H = s.family("H");
  if (p == kEpsMax || p == kMuMin) {
    const Rat eps = s.scalar("eps"), eta = s.scalar("eta"), c = s.scalar("c");
    if (!(eps > 0 && eps < 1)) return "eps = " + rat_str(eps) + " is not in (0, 1)";
    if (p == kEpsMax) {
      const Threshold e = eps_max(H, eta, c);
      const bool ok = e.exact ? eps <= *e.exact : Ball(Ball(eps) - e.ball).certainly_negative();
      return ok ? "" : "eps <= eps_max is not certain: eps = " + rat_str(eps) + ", eps_max in " + e.ball.str(20);
    }
    const MatQ Hb = mean_of(H);
    bool ok;
    if (auto l = mom::exact_lmin(Hb)) {
      ok = eps <= eta * *l * (1 + c * *l);
    } else {
      const Ball lb = lmin(Hb);
      ok = Ball(Ball(eta) * lb * (Ball(1) + Ball(c) * lb) - Ball(eps)).certainly_positive();
    }
    return ok ? "" : "eps <= eta mu(lambda_min(H)) is not certain: eps = " + rat_str(eps);
  }
  if (p == kContract && s.scalar("eta") * mu_upper(H, s.scalar("c")) > 1) return "eta mu_max > 1";
  if (p == kSameMean && mean_of(H) != mean_of(s.family("H2"))) return "the two families have different means";
  if (p == kBatchN && s.scalar("B") != Rat(int(H.size()))) return "B != n";
  return "";
}

// ---------------------------------------------------------------- (55)-(60): the margins of the printed lines
template <class T> struct EpsLines {
  Real<T> m54, m55, m56, m57, m58, m59, m60lo, m60, eta;
};
/// Each line's margin (>= 0 iff the line holds): PSD lines by lambda_min of the gap, (59)/(60) by min_i of the gap.
template <class T> EpsLines<T> eps_lines(const Sample& s) {
  auto m = mom::model_of<T>(s);
  const T eps = s.scalar_as<T>("eps"), a = T(1) - eps;
  const Mat<T> I = Mat<T>::Identity(m.d, m.d);
  const Mat<T> J2 = m.Jbar * m.Jbar;
  const Mat<T> X = I - m.Hbar * m.eta - Mat<T>(m.Hbar * m.Hbar) * (m.eta * m.c);  // (56): Jbar replaced by its definition
  EpsLines<T> L;
  L.m55 = lmin(Mat<T>(I * (a * a) - J2));
  L.m54 = rmin_(Real<T>(lmin(Mat<T>(J2 + I * (a * a)))), L.m55);
  L.m56 = lmin(Mat<T>(I * (a * a) - X * X));
  L.m57 = lmin(Mat<T>(I * a - X));
  L.m58 = lmin(Mat<T>(Mat<T>(m.Hbar * Mat<T>(I + m.Hbar * m.c)) * m.eta - I * eps));
  L.m60lo = lmin(Mat<T>(I * a + m.Jbar));
  const Real<T> e = real(eps), c = real(m.c), two = real_of<T>(Rat(2));
  L.eta = real(m.eta);
  bool first = true;
  for (const auto& l : eigvals_sym(m.Hbar)) {
    const Real<T> mu = l + c * l * l;
    const Real<T> v59 = mu - e / L.eta, v60 = (two - e) / L.eta - mu;
    L.m59 = first ? v59 : rmin_(L.m59, v59);
    L.m60 = first ? v60 : rmin_(L.m60, v60);
    first = false;
  }
  return L;
}

enum class Line { L55, L56, L58, L59, L60 };

/// |margin(previous line) - f margin(line)| = 0, f = eta for (59) and (60), else 1.
auto eps_identity(Line which) {
  return [which](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    const EpsLines<T> L = eps_lines<T>(s);
    Real<T> a = L.m54, b = L.m55;
    switch (which) {
      case Line::L55: break;
      case Line::L56: a = L.m55; b = L.m56; break;
      case Line::L58: a = L.m57; b = L.m58; break;
      case Line::L59: a = L.m58; b = L.eta * L.m59; break;
      case Line::L60: a = L.m60lo; b = L.eta * L.m60; break;
    }
    const Real<T> one = real_of<T>(Rat(1));
    return sides(Real<T>(abs(Real<T>(a - b))), real_of<T>(Rat(0)), Real<T>(one + abs(a) + abs(b)));
  };
}

/// (57) in the direction the sample's premise gives: (56) => (57) on eps <= eps_max, (57) => (56) on eps <= eta mu_min.
auto step57(bool forward_only) {
  return [forward_only](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    const EpsLines<T> L = eps_lines<T>(s);
    const bool forward = forward_only || s.integer("premise") == kEpsMax;
    return sides(forward ? L.m57 : L.m56, real_of<T>(Rat(0)), real_of<T>(Rat(1)));
  };
}

// ---------------------------------------------------------------- (52)a
auto link52a = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const auto ps = mom::patterns(m);
  const Mat<T> I = Mat<T>::Identity(m.d, m.d);
  const Mat<T> lhs = mom::enum_E_JtAJ(ps, I);
  Mat<T> rhs = Mat<T>::Zero(m.d, m.d);
  for (const auto& p : ps) {
    const Mat<T> F = I - p.Hhat * m.eta - Mat<T>(p.Hhat * m.Hbar) * (m.eta * m.c);  // I - eta H^ - eta c H^ H
    rhs += Mat<T>(F.transpose() * F) * p.w;
  }
  const T jb = jhat_bound(m);
  return sides(max_abs_diff(lhs, rhs), real(T(0)), real(T(jb * jb)));
};

// ---------------------------------------------------------------- (61)-(63)
/// sum_{r=0}^{k} a^{k-r} C(k, r) N_r, a = (1 - eps)^2: the right side of (46) at k.
template <class T> Mat<T> bound46(const std::vector<Mat<T>>& N, int k, const T& a) {
  Mat<T> out = Mat<T>::Zero(N[0].rows(), N[0].cols());
  for (int r = 0; r <= k; ++r) out += N[size_t(r)] * T(from_rat<T>(binom<Rat>(k, r)) * ipow(a, k - r));
  return out;
}

/// (61)a as printed: M_k (closed map) = E[J^T B_{k-1} J] (enumeration), B_{k-1} the induction hypothesis' bound.
auto link61a = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const int k = int(s.integer("k"));
  const T a = (T(1) - s.scalar_as<T>("eps")) * (T(1) - s.scalar_as<T>("eps"));
  const Mat<T> Mk = mom::closed_moments(m, k).back();
  const Mat<T> rhs = mom::enum_E_JtAJ(mom::patterns(m), bound46(mom::noise_powers(m, k - 1), k - 1, a));
  return sides(max_abs_diff(Mk, rhs), real(T(0)), Real<T>(real_of<T>(Rat(1)) + max_abs(Mk) + max_abs(rhs)));
};

/// (61)a monotone: lambda_min(E[J^T B_{k-1} J] - M_k) >= 0 where M_{k-1} ⪯ B_{k-1} (decided exactly; elsewhere the
/// link's premise fails and the sample is vacuous: 0 >= 0).
auto link61a_monotone = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  const int k = int(s.integer("k"));
  {
    auto mq = mom::model_of<Rat>(s);
    const Rat aq = (1 - s.scalar("eps")) * (1 - s.scalar("eps"));
    const MatQ gap = bound46(mom::noise_powers(mq, k - 1), k - 1, aq) - mom::closed_moments(mq, k - 1).back();
    if (!is_psd_exact(gap)) return sides(real_of<T>(Rat(0)), real_of<T>(Rat(0)), real_of<T>(Rat(1)));
  }
  auto m = mom::model_of<T>(s);
  const T a = (T(1) - s.scalar_as<T>("eps")) * (T(1) - s.scalar_as<T>("eps"));
  const Mat<T> Mk = mom::closed_moments(m, k).back();
  const Mat<T> rhs = mom::enum_E_JtAJ(mom::patterns(m), bound46(mom::noise_powers(m, k - 1), k - 1, a));
  const Real<T> sc = Real<T>(real_of<T>(Rat(1)) + max_abs(Mk) + max_abs(rhs)) * real_of<T>(Rat(m.d));
  return sides(Real<T>(lmin(Mat<T>(rhs - Mk))), real_of<T>(Rat(0)), sc);
};

/// (62)a (regroup = false): the last line of (61) = the first line of (62); (62)b: the first line of (62) = its second.
auto link62(bool regroup) {
  return [regroup](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    const int k = int(s.integer("k"));
    const T a = (T(1) - s.scalar_as<T>("eps")) * (T(1) - s.scalar_as<T>("eps"));
    const auto N = mom::noise_powers(m, k);
    auto C = [](int n, int r) { return from_rat<T>(binom<Rat>(n, r)); };
    Real<T> sc = real_of<T>(Rat(1));
    auto term = [&](int r, const T& coef) {
      const Mat<T> t = N[size_t(r)] * coef;
      sc = sc + max_abs(t);
      return t;
    };
    Mat<T> first = Mat<T>::Zero(m.d, m.d), shifted = Mat<T>::Zero(m.d, m.d), reindexed = Mat<T>::Zero(m.d, m.d);
    for (int r = 0; r <= k - 1; ++r) first += term(r, T(ipow(a, k - r) * C(k - 1, r)));          // sum (1-e)^{2(k-r)} C(k-1,r) N_r
    for (int r = 0; r <= k - 1; ++r) shifted += term(r + 1, T(ipow(a, k - 1 - r) * C(k - 1, r)));  // ... N_{r+1}
    for (int r = 1; r <= k; ++r) reindexed += term(r, T(ipow(a, k - r) * C(k - 1, r - 1)));      // sum_{r=1}^k ... N_r
    const Mat<T> line62 = first + reindexed;
    if (!regroup) return sides(max_abs_diff(Mat<T>(first + shifted), line62), real(T(0)), sc);
    Mat<T> grouped = term(0, ipow(a, k)) + term(k, T(1));
    for (int r = 1; r <= k - 1; ++r) grouped += term(r, T(ipow(a, k - r) * T(C(k - 1, r) + C(k - 1, r - 1))));
    return sides(max_abs_diff(line62, grouped), real(T(0)), sc);
  };
}

/// (63)a (binomial = false): sum_r (1-e)^{2(k-r)} C(k,r) Tr N_r <= C sum_r (1-e)^{2(k-r)} C(k,r) e^r, C = max_{r<=k} Tr N_r/e^r;
/// (63)b: C sum_r (1-e)^{2(k-r)} C(k,r) e^r = C ((1-e)^2 + e)^k.
auto link63(bool binomial) {
  return [binomial](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    const int k = int(s.integer("k"));
    const T e = s.scalar_as<T>("eps"), a = (T(1) - e) * (T(1) - e);
    const auto N = mom::noise_powers(m, k);
    T Cw = T(0), lhs = T(0), sum = T(0);
    for (int r = 0; r <= k; ++r) {
      const T ratio = T(N[size_t(r)].trace()) / ipow(e, r);
      if (r == 0 || ratio > Cw) Cw = ratio;
    }
    for (int r = 0; r <= k; ++r) {
      const T coef = from_rat<T>(binom<Rat>(k, r)) * ipow(a, k - r);
      lhs += coef * T(N[size_t(r)].trace());
      sum += coef * ipow(e, r);
    }
    const T mid = Cw * sum;
    if (!binomial) return sides(real(lhs), real(mid));
    const T closed = Cw * ipow(T(a + e), k);
    return sides(real(T(abs(T(mid - closed)))), real(T(0)), real(T(mid + closed)));
  };
}

// ---------------------------------------------------------------- (67)e1
/// Exact LDL^T of a PSD matrix (no pivoting: a zero pivot of a PSD matrix has a zero column below it).
std::pair<MatQ, std::vector<Rat>> ldl_psd(const MatQ& A) {
  const Eigen::Index n = A.rows();
  MatQ L = MatQ::Identity(n, n);
  std::vector<Rat> D(size_t(n), Rat(0));
  for (Eigen::Index j = 0; j < n; ++j) {
    Rat dj = A(j, j);
    for (Eigen::Index k = 0; k < j; ++k) dj -= L(j, k) * L(j, k) * D[size_t(k)];
    D[size_t(j)] = dj;
    for (Eigen::Index i = j + 1; i < n; ++i) {
      if (dj == 0) continue;
      Rat v = A(i, j);
      for (Eigen::Index k = 0; k < j; ++k) v -= L(i, k) * L(j, k) * D[size_t(k)];
      L(i, j) = v / dj;
    }
  }
  return {L, D};
}

auto link67e1 = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  using R = Real<T>;
  const V& HQ = s.family("H");
  const MatQ CQ = C_of(s);
  R lhs = real_of<T>(Rat(0));
  for (const auto& h : HQ) {  // lambda_max(C H_i) = lambda_max(D^{1/2} L^T C L D^{1/2}), H_i = L D L^T
    const auto [L, D] = ldl_psd(h);
    const MatQ X = L.transpose() * CQ * L;
    Mat<R> M(X.rows(), X.cols());
    for (Eigen::Index i = 0; i < X.rows(); ++i)
      for (Eigen::Index j = 0; j < X.cols(); ++j)
        M(i, j) = stab::sqrt_nonneg<T>(from_rat<T>(D[size_t(i)] * D[size_t(j)])) * real_of<T>(X(i, j));
    lhs = rmax_(lhs, R(lmax(M)));
  }
  const R rhs = R(lmax(coherence_S<T>(HQ, &CQ))) / sigma_sam_tier<T>(HQ, CQ);
  return sides(R(abs(R(lhs - rhs))), real_of<T>(Rat(0)), R(lhs + rhs));
};

// ---------------------------------------------------------------- prose

/// C.9-p1: 1 - ||Jbar(c)||_2 >= 1 - ||I - eta H||_2.
auto p1 = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const Mat<T> Jsgd = Mat<T>::Identity(m.d, m.d) - m.Hbar * m.eta;
  const Real<T> one = real_of<T>(Rat(1)), nsam = spec_norm_sym(m.Jbar), nsgd = spec_norm_sym(Jsgd);
  return sides(Real<T>(one - nsam), Real<T>(one - nsgd), Real<T>(one + nsam + nsgd));
};

/// C.9-p2: |q| + sum_{r=1}^k max|N_r| + max|E[J^T J] - Jbar^2| = 0 at B = n.
auto p2 = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const int k = int(s.integer("k"));
  const auto N = mom::noise_powers(m, k);
  Real<T> dev = real(T(abs(m.q)));
  for (int r = 1; r <= k; ++r) dev = dev + max_abs(N[size_t(r)]);
  const Mat<T> J2 = m.Jbar * m.Jbar;
  dev = dev + max_abs_diff(mom::enum_E_JtAJ(mom::patterns(m), Mat<T>(Mat<T>::Identity(m.d, m.d))), J2);
  return sides(dev, real_of<T>(Rat(0)), Real<T>(real_of<T>(Rat(1)) + max_abs(J2)));
};

/// C.9-p4: min_i (lambda_i((I + cH) H) - lambda_i(H)) >= 0, spectra sorted.
auto p4 = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const auto sam = eigvals_sym(Mat<T>(m.C * m.Hbar)), sgd = eigvals_sym(m.Hbar);
  Real<T> gap = Real<T>(sam[0] - sgd[0]);
  for (size_t i = 1; i < sam.size(); ++i) gap = rmin_(gap, Real<T>(sam[i] - sgd[i]));
  return sides(gap, real_of<T>(Rat(0)), Real<T>(real_of<T>(Rat(1)) + abs(sam.back())));
};

/// C.9-p5: (sigma(H) - sigma(H')) (r(T_H) - r(T_H')) <= 0, sigma_SAM when sam.
auto p5(bool sam) {
  return [sam](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    using R = Real<T>;
    const MatQ CQ = C_of(s);
    auto sig = [&](const V& HQ) { return sam ? sigma_sam_tier<T>(HQ, CQ) : sigma_tier<T>(HQ); };
    const R s1 = sig(s.family("H")), s2 = sig(s.family("H2"));
    const R r1 = mom::T_radius<T>(s, Rat(1), "H").r, r2 = mom::T_radius<T>(s, Rat(1), "H2").r;
    return sides(R(R(s1 - s2) * R(r1 - r2)), real_of<T>(Rat(0)), R(R(s1 + s2) * R(r1 + r2)));
  };
}

/// C.9-p3 (i): min_{k=1..6} (Tr N_k(c) - Tr N_k(0)) / (Tr N_k(c) + Tr N_k(0)) >= 0 (0 where both vanish).
auto p3_noise = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  using R = Real<T>;
  auto m = mom::model_of<T>(s);
  const auto a = mom::noise_powers(m, 6), b = mom::noise_powers(mom::make_model<T>(m.H, m.eta, m.B, T(0)), 6);
  R gap = real_of<T>(Rat(0));
  for (int k = 1; k <= 6; ++k) {
    const T ta = a[size_t(k)].trace(), tb = b[size_t(k)].trace(), den = ta + tb;
    const R g = den == T(0) ? real_of<T>(Rat(0)) : R(real(T(T(ta - tb) / den)));
    gap = k == 1 ? g : rmin_(gap, g);
  }
  return sides(gap, real_of<T>(Rat(0)), real_of<T>(Rat(1)));
};

/// C.9-p3 (ii): r(T_SGD) >= 1 => r(T_SAM) >= 1 (threshold), or r(T_SAM) >= r(T_SGD) (pointwise, the control); SGD is
/// the sample with c = 0. Radii compared through their excess over 1 (exactly 0 when r = 1 is recognised).
auto p3_radius(bool pointwise) {
  return [pointwise](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    using R = Real<T>;
    Sample s0 = s;
    s0.scalars["c"] = Rat(0);
    const auto sam = mom::T_radius<T>(s, Rat(1)), sgd = mom::T_radius<T>(s0, Rat(1));
    const R zero = real_of<T>(Rat(0)), one = real_of<T>(Rat(1));
    if (pointwise) return sides(R(sam.excess), R(sgd.excess), R(one + abs(sam.r) + abs(sgd.r)));
    if (sgd.growth == mom::Growth::Zero) return sides(zero, zero, one);  // SGD stable: the premise fails, vacuous
    return sides(R(sam.excess), zero, R(one + abs(sam.r)));
  };
}

// ---------------------------------------------------------------- families
Base base(const std::string& kind, int n_hi, int k_lo, int k_hi, int ncodes, BRule brule = BRule::Any,
          std::vector<Rat> cu = {Rat(0), Rat(1), Rat(1, 4), Rat(4)}) {
  return Base{.hkind = kind, .n_lo = 1, .n_hi = n_hi, .d_lo = 1, .d_hi = 3, .brule = brule, .c_units = std::move(cu), .ncodes = ncodes,
              .k_lo = k_lo, .k_hi = k_hi};
}

std::vector<Family> families() {
  std::vector<Family> out;
  using Shape = std::function<Base(const std::string&)>;
  auto add = [&](const std::string& prefix, const std::vector<std::string>& kinds, const Shape& b, Finish f, const std::string& note) {
    for (const auto& kind : kinds) out.push_back(model_family(prefix + "." + kind, b(kind), f, note));
  };
  auto shape = [](int n_hi, int k_lo, int k_hi, int ncodes, BRule brule = BRule::Any,
                  std::vector<Rat> cu = {Rat(0), Rat(1), Rat(1, 4), Rat(4)}) -> Shape {
    return [=](const std::string& kind) { return base(kind, n_hi, k_lo, k_hi, ncodes, brule, cu); };
  };
  add("eps", kKinds, shape(4, 0, 0, 30), finish_any,
      "; H made PD; eta mu_max in {1,1/2,3/2,19/10,1/10,5/2}; eps at / just above eps_max, eps_max(1 - 1/10), 1/2, 1/10 (in (0,1))");
  add("hyp", kKinds, shape(4, 0, 0, 15), finish_eps_max,
      "; H made PD; eta mu_max in {1,1/2,3/2,19/10,1/10}; eps <= eps_max: eps_max (exact when rational), eps_max(1-1/10), eps_max(1-1/1000)");
  add("p57", kKinds, shape(4, 0, 0, 18), finish_mu_min,
      "; H made PD; eta mu_max in {5/2,3,1,19/10,4,3/2}; eps = eta mu(l)(1 - rel) <= eta mu_min, l <= lambda_min(H), rel in {0,1/10,1/1000}");
  add("k", kKinds, shape(3, 1, 4, 15), finish_eps_max, "; H made PD; k = 1..4; eps <= eps_max as for hyp.*");
  add("sam", kKinds, shape(4, 0, 0, 5, BRule::Any, {Rat(1), Rat(1, 4), Rat(4)}), finish_same_eta,
      "; eta lambda_max(H) in {1/10,1/2,1,3/2,19/10}");
  add("contract", kKinds, shape(4, 0, 0, 3, BRule::Any, {Rat(1), Rat(1, 4), Rat(4)}), finish_contract,
      "; eta mu_max(c) in {1/10,1/2,1} (every eigenvalue of Jbar in [0, 1))");
  add("batch-n", kKinds, shape(4, 1, 4, 3, BRule::EqualN), finish_batch_n, "; k = 1..4; eta mu_max in {1,1/2,3/2}");
  for (const auto& kind : kCohKinds)
    for (int sgd = 0; sgd < 2; ++sgd)
      out.push_back(Family{.name = "same-mean." + kind + (sgd ? ".sgd" : ""),
                           .description = "H_i = A_i + mean(B), H'_i = B_i + mean(A), A, B two " + kind +
                                          " families; n = 2..4, d = 1..2, integer B < n, " +
                                          (sgd ? "c = 0" : "c lambda_max in {1,1/4,4}") + ", eta mu_max in {1/2,1/4,1/10}",
                           .gen = same_mean_pair(kind, sgd == 1)});
  add("p3-edge", kKinds, shape(4, 0, 0, 3, BRule::Any, {Rat(1, 100), Rat(1, 4), Rat(1), Rat(4)}), finish_sgd_edge,
      "; H made PD; eta = eta*_SGD (1 + u), u in {1/10^6,1/1000,1/10}: just above SGD's stability edge r(T_SGD) = 1 (bisection)");
  return out;
}

Claim make() {
  const std::string ih = "sum_{r<k} (1-eps)^{2(k-1-r)} C(k-1,r) N_r";
  const std::string two = "(removing the square keeps only the upper half)";
  return Claim{
      .id = "THM-C9-LINKS", .source = "Theorem C.9 proof, eqs. (52)a, (55)-(63), (67)e1 and the prose of C.9 (links)",
      .statement = "(52)a E[J^T J] = E[(I - eta H^ - eta c H^ H)^T (I - eta H^ - eta c H^ H)]; (54)-(60) Jbar^2 ⪯ (1-eps)^2 I <=> ... <=> "
                   "eps/eta <= lambda_i + c lambda_i^2 <= (2-eps)/eta; (61)a E[J^T..J] = E[J^T (" + ih + ") J]; (62) re-index and "
                   "regroup; (63) sum (1-eps)^{2(k-r)} C(k,r) Tr N_r <= C sum (...) eps^r = C((1-eps)^2 + eps)^k; (67)e1; C.9 prose",
      .readings = {{.name = "(54) printed", .text = "-(1-eps)^2 I ⪯ Jbar^2 ⪯ (1-eps)^2 I (its left half is vacuous)", .chosen = true},
                   {.name = "(60) other half", .text = "(60) is the other half -(1-eps) I ⪯ Jbar of the two-sided bound, decomposed"},
                   {.name = "C.9-p5", .text = "same mean H, same eta, B, c: larger sigma (sigma_SAM) => r(T) no larger"},
                   {.name = "C.9-p3 noise", .text = "'amplify the noise': Tr N_k(c > 0) >= Tr N_k(0), same eta, B, H_i, k = 1..6",
                    .chosen = true},
                   {.name = "C.9-p3 less stable",
                    .text = "linear stability: r(T_SGD) >= 1 => r(T_SAM) >= 1 at the same eta, B, H_i (SAM's stable steps are SGD's)",
                    .chosen = true},
                   {.name = "C.9-p3 pointwise",
                    .text = "r(T_SAM) >= r(T_SGD) at every eta: contradicts the sentence's own 'but still converge fast' (control)"}},
      .uses = {"THM-C9-EPS-EQUIV", "THM-C9-NR-BOUND", "THM-C8-RECURSION", "LEM-C4-PASCAL", "EQ-67-CHAIN"},
      .families = families(),
      .variants = {
          {.slug = "52a",
           .statement = "E[J^T J] (engine's J^ = I - eta H^ C) = E[(I - eta H^ - eta c H^ H)^T (I - eta H^ - eta c H^ H)], both enumerated",
           .rel = Rel::Eq, .eval = make_evaluator(link52a), .note = "as printed: the base case with J substituted", .families = {"eps.*"},
           .checks = {"(52)a"}},
          {.slug = "55", .statement = "margin of (54) -(1-eps)^2 I ⪯ Jbar^2 ⪯ (1-eps)^2 I = margin of (55) Jbar^2 ⪯ (1-eps)^2 I",
           .rel = Rel::Eq, .eval = make_evaluator(eps_identity(Line::L55)),
           .note = "as printed: (54) <=> (55), equal margins (the left half of (54) is vacuous)", .families = {"eps.*"}, .checks = {"(55)"}},
          {.slug = "56", .statement = "lambda_min((1-eps)^2 I - Jbar^2) = lambda_min((1-eps)^2 I - (I - eta H - eta c H^2)^2)", .rel = Rel::Eq,
           .eval = make_evaluator(eps_identity(Line::L56)), .note = "as printed: (55) <=> (56), Jbar replaced by its definition",
           .families = {"eps.*"}, .checks = {"(56)"}},
          {.slug = "57.iff",
           .statement = "(56) => (57) on eps <= eps_max: lambda_min((1-eps) I - Jbar) >= 0; (57) => (56) on eps <= eta mu_min: "
                        "lambda_min((1-eps)^2 I - Jbar^2) >= 0",
           .rel = Rel::Ge, .eval = make_evaluator(step57(false)),
           .note = "as printed: 'By removing the square term' in the chain that shows the condition gives (55), so used both ways; "
                   "the way back fails when eta mu_max > 2 - eps " + two,
           .families = {"hyp.*", "p57.*"}, .checks = {"(57)"}},
          {.slug = "57.forward.repaired", .statement = "(56) => (57): eps <= eps_max  =>  lambda_min((1-eps) I - Jbar) >= 0", .rel = Rel::Ge,
           .eval = make_evaluator(step57(true)), .note = "repair: removing the square read one way only, (56) => (57)",
           .families = {"hyp.*"}},
          {.slug = "58", .statement = "lambda_min((1-eps) I - Jbar) = lambda_min(eta H(I + cH) - eps I)", .rel = Rel::Eq,
           .eval = make_evaluator(eps_identity(Line::L58)), .note = "as printed: (57) <=> (58), rearranged", .families = {"eps.*"},
           .checks = {"(58)"}},
          {.slug = "59", .statement = "lambda_min(eta H(I + cH) - eps I) = eta min_i (lambda_i + c lambda_i^2 - eps/eta)", .rel = Rel::Eq,
           .eval = make_evaluator(eps_identity(Line::L59)), .note = "as printed: (58) <=> (59), each eigenvalue direction",
           .families = {"eps.*"}, .checks = {"(59)"}},
          {.slug = "60", .statement = "lambda_min((1-eps) I + Jbar) = eta min_i ((2-eps)/eta - lambda_i - c lambda_i^2)", .rel = Rel::Eq,
           .eval = make_evaluator(eps_identity(Line::L60)),
           .note = "as printed under reading '(60) other half': the lower half -(1-eps) I ⪯ Jbar <=> (60)", .families = {"eps.*"},
           .checks = {"(60)"}},
          {.slug = "61a", .statement = "M_k (closed map) = E[J^T (" + ih + ") J] (enumeration), eps <= eps_max, k = 1..4", .rel = Rel::Eq,
           .eval = make_evaluator(link61a), .note = "as printed '=': the induction hypothesis substituted for M_{k-1}",
           .families = {"k.*"}, .checks = {"(61)a"}},
          {.slug = "61a.monotone.repaired",
           .statement = "lambda_min(E[J^T (" + ih + ") J] - M_k) >= 0 where M_{k-1} ⪯ " + ih + " (decided exactly; vacuous elsewhere)",
           .rel = Rel::Ge, .eval = make_evaluator(link61a_monotone),
           .note = "repair: '⪯' by monotonicity of A -> E[J^T A J], under the induction hypothesis", .families = {"k.*"}},
          {.slug = "62a", .statement = "(61) last line = (62) first line: the second sum re-indexed r + 1 -> r (matrices, exact)",
           .rel = Rel::Eq,
           .eval = make_evaluator(link62(false)), .note = "as printed", .families = {"k.*"}, .checks = {"(62)a"}},
          {.slug = "62b",
           .statement = "(62) first line = (1-eps)^{2k} N_0 + sum_{r=1}^{k-1} (1-eps)^{2(k-r)} (C(k-1,r) + C(k-1,r-1)) N_r + N_k",
           .rel = Rel::Eq, .eval = make_evaluator(link62(true)), .note = "as printed", .families = {"k.*"}, .checks = {"(62)b"}},
          {.slug = "63a",
           .statement = "sum_r (1-eps)^{2(k-r)} C(k,r) Tr N_r <= C sum_r (1-eps)^{2(k-r)} C(k,r) eps^r, C = max_{r<=k} Tr N_r/eps^r",
           .rel = Rel::Le, .eval = make_evaluator(link63(false)),
           .note = "as printed, with the witness C of 'upper bound the term with constant C' (a C for this k)", .families = {"k.*"},
           .checks = {"(63)a"}},
          {.slug = "63b", .statement = "C sum_r (1-eps)^{2(k-r)} C(k,r) eps^r = C ((1-eps)^2 + eps)^k", .rel = Rel::Eq,
           .eval = make_evaluator(link63(true)), .note = "as printed: binomial theorem, term by term against the power", .families = {"k.*"},
           .checks = {"(63)b"}},
          {.slug = "67e1",
           .statement = "max_i lambda_max(D_i^{1/2} L_i^T C L_i D_i^{1/2}) (H_i = L_i D_i L_i^T) = lambda_max(S_SAM) / sigma_SAM "
                        "(tier helpers)",
           .rel = Rel::Eq, .eval = make_evaluator(link67e1), .note = "as printed: the definition of sigma_SAM read back",
           .families = {"sam.*", "eps.*"}, .checks = {"(67)e1"}},
          {.slug = "p1", .statement = "1 - ||I - eta H(I + cH)||_2 >= 1 - ||I - eta H||_2 (eps_max of SAM >= eps_max of SGD, same eta, c > 0)",
           .rel = Rel::Ge, .eval = make_evaluator(p1),
           .note = "as printed: 'the eps can be larger' for SAM; fails once eta mu_max(c) > 1 pushes an eigenvalue of Jbar below "
                   "-||I - eta H||",
           .families = {"sam.*"}, .checks = {"C.9-p1"}},
          {.slug = "p1.contracting.repaired", .statement = "as p1 where eta mu_max(c) <= 1", .rel = Rel::Ge, .eval = make_evaluator(p1),
           .note = "repair: SAM's eps_max is the larger one while every eigenvalue of Jbar stays in [0, 1)", .families = {"contract.*"}},
          {.slug = "p2", .statement = "B = n: |q| + sum_{r=1}^k max|N_r| + max|E[J^T J] - Jbar^2| = 0 (enumeration)", .rel = Rel::Eq,
           .eval = make_evaluator(p2), .note = "as printed: 'increase the batch size to n ... the term vanished'", .families = {"batch-n.*"},
           .checks = {"C.9-p2"}},
          {.slug = "p4", .statement = "min_i (lambda_i((I + cH) H) - lambda_i(H)) >= 0, spectra sorted, c >= 0", .rel = Rel::Ge,
           .eval = make_evaluator(p4), .note = "as printed: 'larger eigenvalue in each direction'", .families = {"sam.*", "eps.*"},
           .checks = {"C.9-p4"}},
          {.slug = "p5.sam",
           .statement = "same mean H, eta, B, c > 0: (sigma_SAM(H_i) - sigma_SAM(H'_i)) (r(T) - r(T')) <= 0", .rel = Rel::Le,
           .eval = make_evaluator(p5(true)), .note = "as printed under reading 'C.9-p5': larger coherence, no slower convergence (SAM)",
           .families = {"same-mean.wishart", "same-mean.diagonal", "same-mean.independent"}, .checks = {"C.9-p5"}},
          {.slug = "p5.sgd", .statement = "same mean H, eta, B, c = 0: (sigma(H_i) - sigma(H'_i)) (r(T) - r(T')) <= 0", .rel = Rel::Le,
           .eval = make_evaluator(p5(false)), .note = "as printed under reading 'C.9-p5': larger coherence, no slower convergence (SGD)",
           .families = {"same-mean.*.sgd"}, .checks = {"C.9-p5"}},
          {.slug = "p3.noise",
           .statement = "min_{k=1..6} (Tr N_k(c) - Tr N_k(0)) / (Tr N_k(c) + Tr N_k(0)) >= 0, same eta, B, H_i, c > 0 (C = I + cH ⪰ I)",
           .rel = Rel::Ge, .eval = make_evaluator(p3_noise),
           .note = "as printed under reading 'C.9-p3 noise': SAM's extra (I + cH) 'amplify the noise', the noise traces of (67) "
                   "no smaller than SGD's",
           .families = {"sam.*", "p3-edge.*"}, .checks = {"C.9-p3"}},
          {.slug = "p3.less-stable",
           .statement = "r(T_SGD) >= 1 => r(T_SAM) >= 1 (margin: r(T_SAM) - 1 where r(T_SGD) >= 1, else 0), same eta, B, H_i, c > 0",
           .rel = Rel::Ge, .eval = make_evaluator(p3_radius(false)),
           .note = "as printed under reading 'C.9-p3 less stable': SAM diverges at every step size at which SGD does (its stable "
                   "steps are among SGD's; p3-edge.*: just above SGD's edge, c lambda_max down to 1/100)",
           .families = {"sam.*", "p3-edge.*"}, .checks = {"C.9-p3"}},
          {.slug = "p3.pointwise-radius",
           .statement = "r(T_SAM) >= r(T_SGD), same eta, B, H_i, c > 0", .rel = Rel::Ge, .eval = make_evaluator(p3_radius(true)),
           .note = "control (reading 'C.9-p3 pointwise', not chosen): fails at small eta, where SAM's Jbar contracts faster and r(T) "
                   "is smaller, the 'but still converge fast' of the same sentence",
           .families = {"sam.*"}},
      },
      .hypothesis = hypothesis,
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c9_links
