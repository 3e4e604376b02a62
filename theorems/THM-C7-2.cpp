// THM-C7-2 — Theorem C.7 part 2, (19)-(23): if Tr[Jbar^{2k}] <= C0 alpha^k then
//   lim_k E||w_k||^2_{Random, lower bound} / E||w_k||^2_{SGD, lower bound} = O(1), explicitly
//   1 + eta^2 sd2 lambda_min(H)^2 alpha/(alpha - 1) (alpha > r)  and  1 + eta^2 sd2 lambda_min(H)^2 r/(r - 1) (alpha < r),
//   r = (eta lambda_max/sigma)^2 (n/B - 1), ||w0|| = 1, C0 = 1.
// This compares two bound expressions. Checkable content:
//  (a) the algebra (21) -> (22)/(23): with the lower bounds of (21) (C0 = 1)
//        R(k) = alpha^k + K r^k + e (alpha (alpha^k - 1)/(alpha - 1) + K r (r^k - 1)/(r - 1)),  S(k) = alpha^k + K r^k,
//      K = 1/(n d^5), e = eta^2 sd2 lambda_min^2, the exact ratio R(k)/S(k) at k = 400 (alpha, r at least a factor 2
//      apart, so that the remainder is < 2^-400) equals the claimed limit;
//  (b) the process-level analogue: with E w0 w0^T = I and r(T) > 1, E||w_k||^2_(3)/E||w_k||^2_SGD = 1 + eta^2 sd2
//      sum_{j<k} Tr(M_j E[H^^2]) / Tr M_k stays bounded; its limit is L = 1 + eta^2 sd2 Tr(P E[H^^2])/((r(T) - 1) Tr P)
//      (P = lim T^k(I)/Tr T^k(I), the PSD Perron direction reached from I). Checked: the exact ratio at a k large enough that the transient is below
//      10^-45 (or within the estimated transient, k <= 3000) equals L (double/MPFR tiers; no exact tier for this limit).
//  (c) the theorem with its hypothesis AS STATED. OCR: "Suppose Tr[J**] < Coa* for some constants Cy and g" (Tr Jbar^{2k}
//      <= C0 alpha^k, an UPPER bound), but the proof substitutes it into the lower bound (17)/(21): "we impose assumption on
//      the growth of the Tr(.J?*) by assuming that it grow with pattern Cpa^k" (exact growth), which is what (a) reads.
//      Here C0, alpha only satisfy the stated bound: C0 = d x {1, 2, 10} (knob [1, 10]) and alpha = f ||Jbar||_2^2, f >= 1 a
//      knob (f = 1: alpha is the exact growth rate), checked exactly as the claim's hypothesis (C0 >= d and alpha I - Jbar^2
//      PSD, hence Tr Jbar^{2k} <= d ||Jbar||_2^{2k} <= C0 alpha^k for every k). The conclusion compares the lower bounds of
//      (21), which with the true process quantity (what (17) gives before the growth assumption) are
//        S*(k) = Tr Jbar^{2k} + r^k/(n d^5),  R*(k) = S*(k) + e sum_{t=1}^k (Tr Jbar^{2t} + r^t/(n d^5)),  e = eta^2 sd2 lmin(H)^2
//      (the print's range t = 1..k kept: the conclusion is about (21) as printed), Jbar = I - eta H, Tr Jbar^{2t} by matrix
//      powers. H = Q diag(lambda) Q^T (Q Cayley) with Jbar's spectrum mu_1 in {-3/2, -2, -3} (rho^2 = ||Jbar||_2^2 >= 9/4: a
//      divergent direction, eta lambda_1 > 2), the others copies of mu_1 or mu^2 <= 1; r (a free constant, as in (a)) at a
//      factor >= 2 from rho^2. lim R*/S* = 1 + e g/(g-1), g = max(||Jbar||_2^2, r) (> 1): the true growth, whatever bound is
//      assumed. Checked: R*(300)/S*(300) (double/MPFR), and in the exact tier an enclosure of the LIMIT (the ratio widened by
//      the rigorous remainder 2^-300 ((d + K)(302)/K + 2), K = 1/(n d^5), whose premises are checked exactly), against the
//      printed (22) 1 + e alpha/(alpha-1) (alpha > r) or (23) 1 + e r/(r-1) (alpha < r), with the hypothesis's alpha:
//        (c).as-stated.alpha-above-r  [Thm C.7.2]  REFUTED (certified): whenever alpha > ||Jbar||_2^2 (f > 1) the limit is
//            1 + e g/(g-1) != 1 + e alpha/(alpha-1). Witness: d = 1, H = 5/2, eta = 1 (Jbar = -3/2), sd2 = 1, r = 9/8, C0 = 1,
//            alpha = 45/16 >= 9/4: Tr Jbar^{2k} = (9/4)^k <= (45/16)^k, but lim ratio = 1 + (25/4)(9/5) = 12.25 and (22) gives
//            1 + (25/4)(45/29) = 10.698. Also rho^2 < r < alpha: (22) applies, the true growth is r. At f = 1 (the exact
//            growth) every sample agrees with (22): the conclusion depends on the exact growth, as (a) reads it.
//        (c).as-stated.alpha-below-r  [Thm C.7.2]  holds: rho^2 <= alpha < r forces g = r, and (23) does not involve alpha.
//        (c).repaired.exact-growth (repair, no ids): lim = 1 + e g/(g-1) with g = max(lambda_max(Jbar^2), r) from the matrix.
//        (c).repaired.lower-bound (repair, no ids): lim >= the printed value 1 + e a'/(a'-1), a' = max(alpha, r) (g <= a' and
//            x/(x-1) decreases): under the hypothesis as stated the printed constant bounds the limit from below only; the
//            "O(1)" (a finite limit) holds here since g > 1. Not sampled: g <= 1 (no divergence; ||Jbar||_2 <= 1, r <= 1), which
//            the stated hypothesis allows for any alpha > 1: then S*(k) -> 0 (g < 1) or stays bounded (g = 1) while the noise
//            sum in R* tends to a positive limit or grows like k, so the ratio tends to infinity (not O(1)); "divergence rate"
//            presupposes divergence, so part 2 is read for g > 1 (not checked there: the analysis only).
//      (b) does not involve alpha (its limit L is the process's own): an upper-bound hypothesis changes nothing there.
#include "generators/kit.hpp"
#include "core/knobs.hpp"
#include "models/moments.hpp"
#include "generators/stability.hpp"
#include "core/linalg.hpp"

namespace stabcheck::claim_thm_c7_2 {
namespace {

using namespace stab;

// ---- (a) ----
const std::pair<Rat, Rat> kAR[] = {{Rat(4), Rat(2)}, {Rat(10), Rat(3, 2)}, {Rat(2), Rat(4)}, {Rat(3, 2), Rat(10)},
                                   {Rat(8), Rat(4)}, {Rat(5, 4), Rat(3)}, {Rat(3), Rat(5, 4)}};
const Rat kE[] = {Rat(1), Rat(1, 10), Rat(5), Rat(1, 1000)};

rc::Gen<Sample> gen_algebra() {
  return rc::gen::map(rc::gen::tuple(rc::gen::inRange(0, 7), rc::gen::inRange(0, 4), gen::dim(1, 6), gen::dim(1, 4)),
                      [](const std::tuple<int, int, int, int>& t) {
                        Sample s;
                        s.scalars["alpha"] = kAR[std::get<0>(t)].first;
                        s.scalars["r"] = kAR[std::get<0>(t)].second;
                        s.scalars["e"] = kE[std::get<1>(t)];
                        s.ints["n"] = std::get<2>(t);
                        s.ints["d"] = std::get<3>(t);
                        return s;
                      });
}

auto algebra = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  const T a = s.scalar_as<T>("alpha"), r = s.scalar_as<T>("r"), e = s.scalar_as<T>("e");
  T K = T(1) / T(s.integer("n"));
  for (int i = 0; i < 5; ++i) K = K / T(s.integer("d"));
  const long k = 400;
  const T ak = ipow(a, k), rk = ipow(r, k);
  const T R = ak + K * rk + e * (a * (ak - T(1)) / (a - T(1)) + K * r * (rk - T(1)) / (r - T(1)));
  const T S = ak + K * rk;
  const T lim = a > r ? T(1) + e * a / (a - T(1)) : T(1) + e * r / (r - T(1));
  return sides(real(T(R / S)), real(lim));
};

// ---- (b) ----
Sample finish_process(Sample s, int code) {
  static const Rat th[] = {Rat(11, 10), Rat(2), Rat(3, 2)};
  make_pd(s);
  // eta above the Dexter threshold (so that r(T) > 1 by THM-C8-SIGMA-LB, c = 0)
  Threshold t = eta_sigma_threshold(s.family("H"), s.scalar("B"), Rat(0));
  s.scalars["eta"] = place_above(t, knobs::scalar("eta / eta*", Rat(11, 10), Rat(2), th[code % 3]) - 1);  // stays above eta*
  s.scalars["sd2"] = Rat(1);
  return s;
}

/// Perron data of T in double: r = r(T), and l2, the largest modulus among T's other eigenvalues.
struct Perron { double r = 0, l2 = 0; };
Perron perron(const Mat<double>& A) {
  const std::vector<std::complex<double>> ev = eigvals(A);
  size_t best = 0;
  for (size_t i = 1; i < ev.size(); ++i) if (std::abs(ev[i]) > std::abs(ev[best])) best = i;
  Perron p;
  p.r = std::abs(ev[best]);
  // the transient of the power iteration from I is governed by the largest modulus among the eigenvalues
  // other than r itself (all copies of r belong to the limit)
  for (const std::complex<double>& e : ev)
    if (std::abs(e - std::complex<double>(p.r, 0)) > 1e-8 * p.r) p.l2 = std::max(p.l2, std::abs(e));
  return p;
}

auto process = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  if constexpr (std::is_same_v<T, Rat>) {
    // no rigorous enclosure of this limit (its evaluator declares it): both sides are the whole real line
    Ball all;
    arb_zero_pm_inf(all.get());
    return sides(all, all);
  } else {
    auto m = mom::model_of<T>(s);
    auto md = mom::model_of<double>(s);
    Perron p = perron(mom::T_matrix(md));
    if (!(p.r > 1)) throw std::runtime_error("sample has r(T) <= 1");
    // transient of the ratio ~ (max(l2, 1)/r)^k: k for 1e-45, capped at 3000 (the tolerance below absorbs the rest)
    const double q = std::max(p.l2, 1.0) / p.r;
    const int K = std::min(3000, int(std::ceil(45.0 / std::max(1e-12, -std::log10(q)))) + 10);
    const double transient = std::pow(q, K) * double(K + 1) * 10.0;
    Mat<T> G = mom::closed_E_HAH(m, Mat<T>(Mat<T>::Identity(m.d, m.d)));
    // iterate normalised: A_j = M_j / Tr M_j, keep sum_{j<k} Tr(M_j G) / Tr M_k via the recursion
    // S_{k+1}/Tr M_{k+1} = (S_k/Tr M_k + Tr(A_k G)) * Tr M_k / Tr M_{k+1}
    Mat<T> A = Mat<T>::Identity(m.d, m.d) / T(m.d);
    T ratio = T(0);  // sum_{j<k} Tr(M_j G) / Tr M_k
    for (int j = 0; j < K; ++j) {
      T acc = ratio + trace_prod(A, G);
      Mat<T> next = mom::T_map(m, A);
      T growth = next.trace();
      ratio = acc / growth;
      A = next / growth;
    }
    T lhs = T(1) + m.eta * m.eta * s.scalar_as<T>("sd2") * ratio;
    // limit from the Perron data: P = lim T^k(I)/Tr T^k(I) (the normalised iterate A), r = Tr T(P)/Tr P
    Mat<T> TP = mom::T_map(m, A);
    const T r = TP.trace() / A.trace();
    T L = T(1) + m.eta * m.eta * s.scalar_as<T>("sd2") * trace_prod(A, G) / ((r - T(1)) * A.trace());
    // the tolerance never falls below the (estimated) transient at k = K
    T scale = (L < T(0) ? T(-L) : L) * T(std::max(1.0, transient * std::pow(10.0, 0.6 * (std::is_same_v<T, double> ? 16.0 : double(digits())))));
    return sides(real(lhs), real(L), real(scale));
  }
};

// ---- (c) the hypothesis as stated: Tr Jbar^{2k} <= C0 alpha^k, an upper bound ----
// H = Q diag(lambda) Q^T (Q exactly orthogonal, Cayley), Jbar = I - eta H with the prescribed spectrum mu_i = 1 - eta lambda_i:
// mu_1 in {-3/2, -2, -3} (eta lambda_1 > 2: a divergent direction), rho^2 = mu_1^2 = ||Jbar||_2^2 >= 9/4; the other mu_i are
// copies of mu_1 or in [-1, 9/10], so mu_i^2 <= 1 <= (4/9) rho^2. r = (r/rho^2) rho^2 with r/rho^2 in {1/4, 1/2} | {2} | {4}.
const Rat kTop[] = {Rat(-3, 2), Rat(-2), Rat(-3)};
const Rat kRest[] = {Rat(1, 2), Rat(0), Rat(-1, 2), Rat(9, 10), Rat(-1), Rat(1, 10)};  // code 6: a copy of mu_1
const Rat kEtaC[] = {Rat(1), Rat(1, 2), Rat(2)};
const Rat kC0[] = {Rat(1), Rat(2), Rat(10)};  // C0 / d
const Rat kSd2[] = {Rat(1), Rat(1, 10), Rat(5), Rat(1, 1000)};

/// Where alpha (>= rho^2) lies: above r with r < rho^2 (the exact growth when alpha = rho^2), above r with rho^2 < r
/// (alpha > r but the true growth is r), or below r (then rho^2 <= alpha < r).
enum class Place { AboveR, Between, BelowR };
struct PlaceData {
  std::vector<Rat> r_over_rho2, f_drawn;  // r / rho^2; drawn values of the knob f = alpha / rho^2
  Rat f_lo, f_hi;                         // the knob's range
};
PlaceData place_data(Place p) {
  switch (p) {
    case Place::AboveR: return {{Rat(1, 2), Rat(1, 4)}, {Rat(1), Rat(5, 4), Rat(2), Rat(4)}, Rat(1), Rat(4)};
    case Place::Between: return {{Rat(2)}, {Rat(5, 2), Rat(3), Rat(4)}, Rat(5, 2), Rat(4)};
    case Place::BelowR: return {{Rat(4)}, {Rat(1), Rat(5, 4), Rat(2), Rat(3)}, Rat(1), Rat(3)};
  }
  return {};
}

rc::Gen<Sample> gen_hypothesis(Place place) {
  return rc::gen::mapcat(gen::dim(1, 4), [place](int d) {
    auto codes = rc::gen::tuple(gen::shape(0, 2), gen::shape(0, 2), gen::shape(0, 3), gen::shape(0, 3), gen::shape(0, 2),
                                gen::shape(0, 1), gen::dim(1, 6));
    return rc::gen::map(rc::gen::tuple(gen::orthogonal(d), rc::gen::container<std::vector<int>>(size_t(d - 1), gen::shape(0, 6)), codes),
                        [place, d](const std::tuple<MatQ, std::vector<int>, std::tuple<int, int, int, int, int, int, int>>& t) {
                          const auto& [top, eta_c, sd2_c, f_c, c0_c, r_c, n] = std::get<2>(t);
                          const PlaceData pd = place_data(place);
                          const Rat eta = kEtaC[eta_c], mu1 = kTop[top], rho2 = mu1 * mu1;
                          MatQ lam = MatQ::Zero(d, d);
                          lam(0, 0) = (1 - mu1) / eta;
                          for (int i = 1; i < d; ++i) {
                            const int c = std::get<1>(t)[size_t(i - 1)];
                            lam(i, i) = (1 - (c == 6 ? mu1 : kRest[c])) / eta;
                          }
                          const MatQ& Q = std::get<0>(t);
                          Sample s;
                          s.mats["H"] = MatQ(Q * lam * Q.transpose());
                          s.scalars["eta"] = eta;
                          s.scalars["sd2"] = kSd2[sd2_c];
                          s.scalars["rho2"] = rho2;
                          s.scalars["r"] = pd.r_over_rho2[size_t(r_c) % pd.r_over_rho2.size()] * rho2;
                          const Rat f = pd.f_drawn[size_t(f_c) % pd.f_drawn.size()];
                          s.scalars["alpha"] = knobs::scalar("alpha / ||Jbar||_2^2", pd.f_lo, pd.f_hi, f) * rho2;
                          s.scalars["C0"] = knobs::scalar("C0 / d", Rat(1), Rat(10), kC0[c0_c]) * Rat(d);
                          s.ints["n"] = n;
                          return s;
                        });
  });
}

/// The claim's hypothesis on the samples of (c): C0 >= d and alpha I - Jbar^2 PSD (alpha >= ||Jbar||_2^2), which give
/// Tr Jbar^{2k} <= d ||Jbar||_2^{2k} <= C0 alpha^k for every k (exact).
std::string growth_hypothesis(const Sample& s) {
  if (!s.scalars.count("C0")) return "";
  const MatQ& H = s.mat("H");
  const long d = H.rows();
  const MatQ J = MatQ(MatQ::Identity(d, d) - H * s.scalar("eta"));
  if (s.scalar("C0") < Rat(d)) return "C0 < d";
  if (!is_psd_exact(MatQ(MatQ::Identity(d, d) * s.scalar("alpha") - J * J))) return "alpha < ||Jbar||_2^2";
  return "";
}

constexpr long kSteps = 300;  // k of the finite ratio: the remainder is below (1/2)^300 ~ 5e-91 (times d n d^5 <= 6144)

/// The lower bounds of (21) with the true Tr Jbar^{2t} (what (17) gives before the growth assumption is imposed):
///   S*(k) = Tr Jbar^{2k} + r^k/(n d^5),  R*(k) = S*(k) + e sum_{t=1}^k (Tr Jbar^{2t} + r^t/(n d^5)).
/// Returns N/S = sum_{t=1}^k (Tr Jbar^{2t} + r^t/(n d^5)) / S*(k) at k = kSteps, by matrix powers of Jbar^2, every term
/// divided by G^k, G = max(rho^2, r) (exact; a common factor, so that no tier overflows).
template <class T> T true_tail_ratio(const Sample& s) {
  const Mat<T> H = s.mat_as<T>("H");
  const long d = H.rows();
  const Mat<T> I = Mat<T>::Identity(d, d);
  const Mat<T> J = Mat<T>(I - H * s.scalar_as<T>("eta"));
  const Rat G = std::max(s.scalar("rho2"), s.scalar("r"));
  const T g = from_rat<T>(G), q = from_rat<T>(s.scalar("r") / G);
  T K = T(1) / T(s.integer("n"));
  for (int i = 0; i < 5; ++i) K = K / T(d);
  const Mat<T> B = Mat<T>(J * J) / g;
  Mat<T> P = I;
  T qt = T(1), U = T(0), V = T(0);  // V = S*(t)/G^t, U = sum_{j<=t} (Tr Jbar^{2j} + K r^j)/G^t
  for (long t = 1; t <= kSteps; ++t) {
    P = Mat<T>(P * B);
    qt = qt * q;
    V = P.trace() + K * qt;
    U = U / g + V;
  }
  return U / V;
}

/// A rigorous bound on |N/S - G/(G-1)| at k = kSteps (G/(G-1) = lim_k N/S), from the design, checked here exactly:
/// G = max(rho^2, r) >= 2; the eigenvalues of Jbar^2/G are 1 (rho^2 = G, then an eigenvalue) or <= 1/2; r/G is 1 or <= 1/2.
/// With V_t = S*(t)/G^t = D + eps_t (D >= K = 1/(n d^5) the dominant part, 0 <= eps_t <= (d + K) 2^-t) and
/// U_k = sum_{t<=k} V_t G^{t-k} = D L (1 - G^-k) + delta, 0 <= delta <= (d + K) k 2^-k (G/2 >= 1), L = G/(G-1) <= 2:
///   |U_k/V_k - L| <= 2^-k ((d + K)(k + 2)/K + 2).
Rat remainder_bound(const Sample& s) {
  const MatQ& H = s.mat("H");
  const long d = H.rows();
  const MatQ I = MatQ::Identity(d, d);
  const MatQ J = MatQ(I - H * s.scalar("eta"));
  const MatQ A = MatQ(J * J);
  const Rat rho2 = s.scalar("rho2"), r = s.scalar("r"), G = std::max(rho2, r), q = r / G;
  const MatQ top = MatQ(I * rho2 - A);
  const bool ok = G >= 2 && (q == 1 || q <= Rat(1, 2)) && (rho2 == G || rho2 <= G / 2) && is_psd_exact(top) &&
                  is_psd_exact(MatQ(top * MatQ(I * Rat(G / 2) - A))) && (q == 1 || rank_exact(top) < d);
  if (!ok) throw std::runtime_error("sample outside the design of the remainder bound");
  Rat K = Rat(1) / Rat(s.integer("n"));
  for (int i = 0; i < 5; ++i) K = K / Rat(d);
  return ipow(Rat(1, 2), kSteps) * ((Rat(d) + K) * Rat(kSteps + 2) / K + 2);
}

/// N/S at k = kSteps; in the exact tier widened by remainder_bound: an enclosure of the limit lim_k N/S itself.
template <class T> Real<T> tail_limit(const Sample& s) {
  const T x = true_tail_ratio<T>(s);
  if constexpr (std::is_same_v<T, Rat>) {
    const Rat b = remainder_bound(s);
    return real(x) + Ball::hull(-b, b);
  } else {
    return real(x);
  }
}

/// e = eta^2 sd2 lambda_min(H)^2 (from the matrix H)
template <class T> Real<T> e_of(const Sample& s) {
  const Real<T> lm = lmin(s.mat_as<T>("H"));
  return real(T(s.scalar_as<T>("eta") * s.scalar_as<T>("eta") * s.scalar_as<T>("sd2"))) * lm * lm;
}

/// The printed limit: (22) 1 + e alpha/(alpha - 1) if alpha > r, (23) 1 + e r/(r - 1) if alpha < r (equal at alpha = r).
template <class T> Real<T> printed_limit(const Sample& s) {
  const Rat a = s.scalar("alpha"), r = s.scalar("r"), x = a > r ? a : r;
  return real(T(1)) + e_of<T>(s) * real_of<T>(x / (x - 1));
}

auto as_stated = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  const Real<T> lhs = real(T(1)) + e_of<T>(s) * tail_limit<T>(s);
  return sides(lhs, printed_limit<T>(s));
};

auto exact_growth = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  const Real<T> lhs = real(T(1)) + e_of<T>(s) * tail_limit<T>(s);
  // the true growth from the matrix: g = max(lambda_max(Jbar^2), r) (rho^2 and r at least a factor 2 apart)
  const Mat<T> H = s.mat_as<T>("H");
  const Mat<T> J = Mat<T>(Mat<T>::Identity(H.rows(), H.rows()) - H * s.scalar_as<T>("eta"));
  const Real<T> lj = lmax(Mat<T>(J * J)), rr = real(s.scalar_as<T>("r"));
  const Real<T> g = lj > rr ? lj : rr, one = real(T(1));
  return sides(lhs, Real<T>(one + e_of<T>(s) * g / (g - one)));
};

const std::vector<std::string> kProcessKinds = {"diagonal", "wishart", "rankone", "commuting", "clustered"};

std::vector<Family> families() {
  std::vector<Family> f = {{.name = "algebra",
                            .description = "(alpha, r) in {(4,2),(10,3/2),(2,4),(3/2,10),(8,4),(5/4,3),(3,5/4)}, e = eta^2 sd2 lmin^2 in "
                                           "{1,1/10,5,1/1000}, n 1..6, d 1..4",
                            .gen = gen_algebra()}};
  for (const auto& kind : kProcessKinds)
    f.push_back(model_family("process." + kind, {.hkind = kind, .n_lo = 2, .n_hi = 4, .d_lo = 1, .d_hi = 3, .brule = BRule::LessN, .ncodes = 3},
                             finish_process, "; H made PD; eta = eta*(1 + {1/10, 1, 1/2}) (r(T) > 1); sd2 = 1"));
  const std::pair<const char*, Place> places[] = {{"hyp.r-below-rho2", Place::AboveR},
                                                  {"hyp.rho2-below-r-below-alpha", Place::Between},
                                                  {"hyp.alpha-below-r", Place::BelowR}};
  const char* place_text[] = {"r/rho^2 in {1/2, 1/4}, alpha/rho^2 in {1, 5/4, 2, 4} (knob [1, 4]): rho^2 <= alpha, r < rho^2",
                              "r = 2 rho^2, alpha/rho^2 in {5/2, 3, 4} (knob [5/2, 4]): rho^2 < r < alpha",
                              "r = 4 rho^2, alpha/rho^2 in {1, 5/4, 2, 3} (knob [1, 3]): rho^2 <= alpha < r"};
  for (size_t i = 0; i < 3; ++i)
    f.push_back({.name = places[i].first,
                 .description = std::string("H = Q diag(lambda) Q^T (Q Cayley), Jbar = I - eta H with spectrum mu_1 in {-3/2, -2, -3} "
                                            "(rho^2 = mu_1^2 = ||Jbar||_2^2), the others copies of mu_1 or in "
                                            "{1/2, 0, -1/2, 9/10, -1, 1/10}; "
                                            "eta in {1, 1/2, 2}, sd2 in {1, 1/10, 5, 1/1000}, d 1..4, n 1..6; C0/d in {1, 2, 10} "
                                            "(knob [1, 10]); ") + place_text[i],
                 .gen = gen_hypothesis(places[i].second)});
  return f;
}

Claim make() {
  return Claim{
      .id = "THM-C7-2", .source = "Theorem C.7 part 2, eqs. (19)-(23)",
      .statement = "If Tr[Jbar^{2k}] <= C0 alpha^k: lim_k E||w_k||^2_{Random, lower bound}/E||w_k||^2_{SGD, lower bound} = O(1), namely "
                   "1 + eta^2 sigma_delta^2 lambda_min^2 alpha/(alpha-1) (alpha > r) or 1 + eta^2 sigma_delta^2 lambda_min^2 r/(r-1) (alpha < r)",
      .uses = {"THM-C7-DECOMP", "THM-C8-SIGMA-LB"},
      .families = families(),
      .variants = {
          {.slug = "(a).algebra",
           .statement = "R(400)/S(400) = 1 + e alpha/(alpha-1) if alpha > r, 1 + e r/(r-1) if alpha < r (exact ratio; remainder < 2^-400)",
           .rel = Rel::Eq,
           .eval = make_evaluator(algebra),
           .note = "the algebra (21) -> (22)/(23)",
           .families = {"algebra"},
           .checks = {"Thm C.7.2", "(22)", "(23)"}},
          {.slug = "(b).process",
           .statement = "E||w_k||^2_(3)/E||w_k||^2_SGD (E w0 w0^T = I) at k with transient < 1e-40 = L = 1 + eta^2 sd2 Tr(P E[H^^2])/((r(T)-1) "
                        "Tr P): the ratio converges to a finite limit (O(1)) when r(T) > 1",
           .rel = Rel::Eq,
           // the limit in the double and MPFR tiers only: a violation would be an uncertified refutation
           .eval = make_evaluator(process, "the limit of the process ratio has no rigorous enclosure"),
           .note = "process-level analogue (double/MPFR tiers; a violation could not be certified)",
           .families = {"process.*"},
           .checks = {"Thm C.7.2"}},
          {.slug = "(c).as-stated.alpha-above-r",
           .statement = "C0 >= d, alpha >= ||Jbar||_2^2 (so Tr Jbar^{2k} <= C0 alpha^k for all k), alpha > r: R*(300)/S*(300) = "
                        "1 + e alpha/(alpha-1) (22), R*, S* the lower bounds of (21) with the true Tr Jbar^{2t}, e = eta^2 sd2 lmin(H)^2",
           .rel = Rel::Eq,
           .eval = make_evaluator(as_stated),
           .note = "the theorem with its hypothesis as stated (an upper bound on Tr Jbar^{2k}), (22) branch",
           .families = {"hyp.r-below-rho2", "hyp.rho2-below-r-below-alpha"},
           .checks = {"Thm C.7.2"}},
          {.slug = "(c).as-stated.alpha-below-r",
           .statement = "C0 >= d, alpha >= ||Jbar||_2^2 (so Tr Jbar^{2k} <= C0 alpha^k for all k), alpha < r: R*(300)/S*(300) = "
                        "1 + e r/(r-1) (23), R*, S* the lower bounds of (21) with the true Tr Jbar^{2t}, e = eta^2 sd2 lmin(H)^2",
           .rel = Rel::Eq,
           .eval = make_evaluator(as_stated),
           .note = "the theorem with its hypothesis as stated (an upper bound on Tr Jbar^{2k}), (23) branch",
           .families = {"hyp.alpha-below-r"},
           .checks = {"Thm C.7.2"}},
          {.slug = "(c).repaired.exact-growth",
           .statement = "R*(300)/S*(300) = 1 + e g/(g-1), g = max(lambda_max(Jbar^2), r): (22)/(23) with alpha the exact growth "
                        "rate of Tr Jbar^{2k}, whatever constant bounds it",
           .rel = Rel::Eq,
           .eval = make_evaluator(exact_growth),
           .note = "repair: the limit is set by the true growth max(||Jbar||_2^2, r), not by the alpha of an upper bound",
           .families = {"hyp.*"}},
          {.slug = "(c).repaired.lower-bound",
           .statement = "C0 >= d, alpha >= ||Jbar||_2^2: R*(300)/S*(300) >= 1 + e max(alpha, r)/(max(alpha, r)-1), the printed "
                        "(22)/(23) value as a lower bound of the limit",
           .rel = Rel::Ge,
           .eval = make_evaluator(as_stated),
           .note = "repair: under the upper-bound hypothesis the printed constants bound the limit from below (random "
                   "perturbation diverges faster by at least that factor)",
           .families = {"hyp.*"}},
      },
      .hypothesis = growth_hypothesis,
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c7_2
