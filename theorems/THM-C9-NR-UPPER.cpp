// THM-C9-NR-UPPER — Theorem C.9 part 2, (48) (proof (64)-(67)), with (65)-(66):
//   Tr N_k <= eta^{2k} (1/B - 1/n)^k K lambda_max(H_SAM)^{4k} / sigma_SAM^{e k}
// readings: K in {(1/n) d^{3k+2} n^{4k} [chosen], n^k d^{3k+2}, d^{3k} n^{4k}}; e in {4 [chosen], 2};
// H_SAM = (I + c H) sum_i H_i [chosen] or (I + c H) H. sigma_SAM = Dexter coherence of {C H_i} (66).
// Mandatory scaling test H_i -> s H_i, eta -> eta/s, c -> c/s, s in {1, 1e-3, 1e-6}: the LHS and sigma_SAM are
// invariant, the RHS is multiplied by s^{2k}. Families are generated per s (eta and c are set relative to the
// scaled H, so the scaling is exactly the one of the spec).
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/c9_scaled_families.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_thm_c9_nr_upper {
namespace {

using namespace stab;

const std::vector<std::string> kKinds = {"wishart", "rankone", "diagonal", "commuting", "clustered", "orthogonal", "independent"};
const c9::Scales kScales = {{0, "s1"}, {-3, "s1e-3"}, {-6, "s1e-6"}};

Sample finish(Sample s, int code) {
  static const std::vector<Rat> u = {Rat(1), Rat(1, 2), Rat(3, 2), Rat(1, 10)};
  s.scalars["eta"] = step_over_mu_max(s, u, size_t(code));  // (48) has no hypothesis on eta
  return s;
}

enum class KF { Chosen, NkD, D3kN4k };

template <class T> Real<T> rhs_of(const Sample& s, KF kf, int sig_exp, bool sum) {
  auto m = mom::model_of<T>(s);
  const long k = s.integer("k");
  T base = m.eta * m.eta * (T(1) / m.B - T(1) / T(m.n));
  T n = T(m.n), d = T(m.d);
  T K = T(1);
  switch (kf) {
    case KF::Chosen: K = ipow(d, 3 * k + 2) * ipow(n, 4 * k) / n; break;
    case KF::NkD: K = ipow(n, k) * ipow(d, 3 * k + 2); break;
    case KF::D3kN4k: K = ipow(d, 3 * k) * ipow(n, 4 * k); break;
  }
  Mat<T> Hs = Mat<T>(m.C * m.Hbar) * (sum ? n : T(1));
  Hs = mom::sym(Hs);
  Real<T> lam = lmax(Hs);
  Real<T> sig = sigma_sam_tier<T>(s.family("H"), C_of(s));
  return real(T(ipow(base, k) * K)) * ipow(lam, 4 * k) / ipow(sig, long(sig_exp) * k);
}

/// Tr N_k against the bound of reading (f, e, sum): one body for all twelve readings, compiled once per tier.
auto body(KF f, int e, bool sum) {
  return [f, e, sum](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    Real<T> lhs = real(T(mom::noise_powers(m, int(s.integer("k"))).back().trace()));
    return sides(lhs, rhs_of<T>(s, f, e, sum));
  };
}

auto repaired = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const long k = s.integer("k");
  Real<T> lhs = real(T(mom::noise_powers(m, int(k)).back().trace()));
  Mat<T> N1 = mom::N_map(m, Mat<T>(Mat<T>::Identity(m.d, m.d)));
  Real<T> rhs = real(T(m.d)) * ipow(Real<T>(lmax(mom::sym(N1))), k);
  return sides(lhs, rhs);
};

/// The readings of the polynomial factor K (slug, formula).
struct KReading {
  KF f;
  const char* slug;
  const char* text;
};
const KReading kKReadings[] = {{KF::Chosen, "K-nd", "(1/n) d^{3k+2} n^{4k}"},
                               {KF::NkD, "K-nkd", "n^k d^{3k+2}"},
                               {KF::D3kN4k, "K-d3k-n4k", "d^{3k} n^{4k}"}};

Base base(const std::string& kind, int e) {
  return Base{.hkind = kind, .n_lo = 2, .n_hi = 4, .d_lo = 1, .d_hi = 3, .brule = BRule::LessN,
              .c_units = {Rat(1), Rat(0), Rat(1, 4), Rat(4)}, .scales = {e}, .ncodes = 4, .k_lo = 1, .k_hi = 4};
}

Claim make() {
  Claim c{
      .id = "THM-C9-NR-UPPER", .source = "Theorem C.9 part 2, eq. (48) (proof (64)-(67)); definitions (65)-(66)",
      .statement = "Tr N_k <= eta^{2k} (1/B - 1/n)^k (1/n) d^{3k+2} n^{4k} lambda_max(H_SAM)^{4k} / sigma_SAM^{4k}, "
                   "H_SAM = (I + rho/alpha H) sum_i H_i, sigma_SAM = lambda_max(S_SAM)/max_i lambda_max((I + rho/alpha H) H_i)",
      .readings = {{.name = "K-nd", .text = "K = (1/n) d^{3k+2} n^{4k}", .chosen = true},
                   {.name = "K-nkd", .text = "K = n^k d^{3k+2}"},
                   {.name = "K-d3k-n4k", .text = "K = d^{3k} n^{4k} (the last line of (67))"},
                   {.name = "sig4k", .text = "sigma_SAM exponent 4k", .chosen = true},
                   {.name = "sig2k", .text = "sigma_SAM exponent 2k"},
                   {.name = "sum", .text = "H_SAM = (I + rho/alpha H) sum_i H_i (as (66) prints it)", .chosen = true},
                   {.name = "mean", .text = "H_SAM = (I + rho/alpha H) H"}},
      .uses = {"THM-C9-S-BOUND", "EQ-64-CHAIN", "EQ-67-CHAIN"},
      .families = c9::scaled_families(kKinds, kScales, base,
                                       "; eta = u/mu_max(H) and c = v/lambda_max(H) relative to the scaled H "
                                       "(so eta -> eta/s, c -> c/s); u in {1,1/2,3/2,1/10}",
                                       finish),
      .scaling = h_scaling(),  // the mandatory scaling test: a best constant is unbounded where the ratio is not invariant
  };
  for (const auto& kr : kKReadings)
    for (int e : {4, 2})
      for (int sum = 1; sum >= 0; --sum)
        c.variants.push_back({.slug = std::string(kr.slug) + ".sig" + std::to_string(e) + "k." + (sum ? "sum" : "mean"),
                              .statement = "Tr N_k <= eta^{2k} (1/B - 1/n)^k " + std::string(kr.text) +
                                           " lambda_max(H_SAM)^{4k} / sigma_SAM^{" + std::to_string(e) + "k}, H_SAM = C " +
                                           (sum ? "sum_i H_i" : "H") + ", k = 1..4, s in {1, 1e-3, 1e-6}",
                              .rel = Rel::Le,
                              .eval = make_evaluator(body(kr.f, e, sum)),
                              .note = kr.f == KF::Chosen && e == 4 && sum ? "chosen reading [chosen]" : "alternative reading",
                              .checks = {"(48)"}});
  for (const auto& [e, sname] : kScales)
    c.variants.push_back({.slug = "chosen." + sname,
                          .statement = "chosen reading, families at scale " + sname + " only",
                          .rel = Rel::Le,
                          .eval = make_evaluator(body(KF::Chosen, 4, true)),
                          .note = "the mandatory scaling test: result per s",
                          .families = {"*." + sname}});
  c.variants.push_back({.slug = "repaired.d-lmaxN1",
                        .statement = "Tr N_k <= d (eta^2 q lambda_max(C (sum_i H_i^2) C))^k = d lambda_max(N(I))^k (scale invariant), k = 1..4",
                        .rel = Rel::Le,
                        .eval = make_evaluator(repaired),
                        .note = "repaired, dimensionally consistent bound (N positive: N^k(I) ⪯ lambda_max(N(I))^k I)"});
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c9_nr_upper
