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

const std::vector<std::string> kProcessKinds = {"diagonal", "wishart", "rankone", "commuting", "clustered"};

std::vector<Family> families() {
  std::vector<Family> f = {{.name = "algebra",
                            .description = "(alpha, r) in {(4,2),(10,3/2),(2,4),(3/2,10),(8,4),(5/4,3),(3,5/4)}, e = eta^2 sd2 lmin^2 in "
                                           "{1,1/10,5,1/1000}, n 1..6, d 1..4",
                            .gen = gen_algebra()}};
  for (const auto& kind : kProcessKinds)
    f.push_back(model_family("process." + kind, {.hkind = kind, .n_lo = 2, .n_hi = 4, .d_lo = 1, .d_hi = 3, .brule = BRule::LessN, .ncodes = 3},
                             finish_process, "; H made PD; eta = eta*(1 + {1/10, 1, 1/2}) (r(T) > 1); sd2 = 1"));
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
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c7_2
