// THM-C9-S-BOUND — (64) (auxiliary):
//   chosen:      lambda_max(S)^k <= Tr(S^k) <= ... <= n^{2k} (Tr H^2)^k <= n^{2k} d^k lambda_max(H)^{2k}
//   alternative: lambda_max(S)^{2k} <= Tr(S^{2k}) <= n^{2k} (Tr H^2)^k (<= n^{2k} d^k lambda_max(H)^{2k})
// S_ij = sqrt(Tr H_i H_j) (irrational entries: Arb balls in the exact tier). Note n^2 Tr H^2 = ||S||_F^2.
// Each step and the endpoints are checked, with the scaling test H_i -> s H_i, s in {1, 1e-3, 1e-6, 1e3}.
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/coherence.hpp"
#include "generators/c9_scaled_families.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_thm_c9_s_bound {
namespace {

using namespace stab;

const std::vector<std::string> kKinds = {"wishart", "lowrank", "rankone", "diagonal", "clustered", "orthogonal", "independent"};
const c9::Scales kScales = {{0, "s1"}, {-3, "s1e-3"}, {-6, "s1e-6"}, {3, "s1e3"}};

Sample finish(Sample s, int) { return s; }

using coh::trace_pow;  // Tr(A^k) for every scalar, Ball included (models/coherence.hpp)

enum class Q { LmaxS, TrS, NTrH2, NdLmaxH };

/// the four quantities of the chain, with the power p (k or 2k) on the S side
template <class T> Real<T> quantity(const Sample& s, Q q, long p) {
  auto m = mom::model_of<T>(s);
  const long k = s.integer("k");
  switch (q) {
    case Q::LmaxS: return ipow(Real<T>(lmax(coherence_S<T>(s.family("H")))), p);
    case Q::TrS: return trace_pow(coherence_S<T>(s.family("H")), p);
    case Q::NTrH2: return real(T(ipow(T(m.n), 2 * k) * ipow(T(trace_prod(m.Hbar, m.Hbar)), k)));
    case Q::NdLmaxH: return real(T(ipow(T(m.n), 2 * k) * ipow(T(m.d), k))) * ipow(Real<T>(lmax(m.Hbar)), 2 * k);
  }
  return Real<T>(real(T(0)));
}

/// quantity a <= quantity b at the power k (or 2k when `twice`): one body for every step, compiled once per tier.
auto body(Q a, Q b, bool twice) {
  return [a, b, twice](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    const long k = s.integer("k"), p = twice ? 2 * k : k;
    return sides(quantity<T>(s, a, p), quantity<T>(s, b, p));
  };
}

Base base(const std::string& kind, int e) {
  return Base{.hkind = kind, .n_lo = 1, .n_hi = 5, .d_lo = 1, .d_hi = 3, .scales = {e}, .k_lo = 1, .k_hi = 5};
}

Claim make() {
  Claim c{
      .id = "THM-C9-S-BOUND", .source = "Theorem C.9 proof, eq. (64) (auxiliary)",
      .statement = "lambda_max(S)^k <= Tr(S^k) <= ... <= n^{2k} (Tr H^2)^k <= n^{2k} d^k lambda_max(H)^{2k}",
      .readings = {{.name = "chosen",
                    .text = "lambda_max(S)^k <= Tr(S^k) <= ... <= n^{2k} (Tr H^2)^k <= n^{2k} d^k lambda_max(H)^{2k}",
                    .chosen = true},
                   {.name = "alt-2k", .text = "lambda_max(S)^{2k} <= Tr(S^{2k}) <= n^{2k} (Tr H^2)^k (LHS exponent 2k)"}},
      .families = c9::scaled_families(kKinds, kScales, base, "", finish),
      .variants = {
          {.slug = "chosen.endpoints", .statement = "lambda_max(S)^k <= n^{2k} d^k lambda_max(H)^{2k}, k = 1..5", .rel = Rel::Le,
           .eval = make_evaluator(body(Q::LmaxS, Q::NdLmaxH, false)), .note = "chosen reading, endpoints [chosen]"},
          {.slug = "chosen.step1", .statement = "lambda_max(S)^k <= Tr(S^k)", .rel = Rel::Le,
           .eval = make_evaluator(body(Q::LmaxS, Q::TrS, false)), .note = "chosen reading, first step", .checks = {"(64)L1"}},
          {.slug = "chosen.step2", .statement = "Tr(S^k) <= n^{2k} (Tr H^2)^k", .rel = Rel::Le,
           .eval = make_evaluator(body(Q::TrS, Q::NTrH2, false)), .note = "chosen reading, middle step", .checks = {"(64)L4"}},
          {.slug = "chosen.step3", .statement = "n^{2k} (Tr H^2)^k <= n^{2k} d^k lambda_max(H)^{2k}", .rel = Rel::Le,
           .eval = make_evaluator(body(Q::NTrH2, Q::NdLmaxH, false)), .note = "last step (Tr H^2 <= d lambda_max(H)^2)",
           .checks = {"(64)L5"}},
          {.slug = "alt-2k.endpoints", .statement = "lambda_max(S)^{2k} <= n^{2k} d^k lambda_max(H)^{2k}", .rel = Rel::Le,
           .eval = make_evaluator(body(Q::LmaxS, Q::NdLmaxH, true)), .note = "alternative reading (LHS exponent 2k), endpoints"},
          {.slug = "alt-2k.step1", .statement = "lambda_max(S)^{2k} <= Tr(S^{2k})", .rel = Rel::Le,
           .eval = make_evaluator(body(Q::LmaxS, Q::TrS, true)), .note = "alternative reading, first step"},
          {.slug = "alt-2k.step2", .statement = "Tr(S^{2k}) <= n^{2k} (Tr H^2)^k (= ||S||_F^{2k})", .rel = Rel::Le,
           .eval = make_evaluator(body(Q::TrS, Q::NTrH2, true)), .note = "alternative reading, middle step"},
      },
      .scaling = h_scaling(false),  // the scaling test: a best constant is unbounded where the ratio is not invariant
  };
  for (const auto& [e, sname] : kScales)
    c.variants.push_back({.slug = "chosen.endpoints." + sname, .statement = "chosen endpoints, families at scale " + sname + " only",
                          .rel = Rel::Le, .eval = make_evaluator(body(Q::LmaxS, Q::NdLmaxH, false)), .note = "scaling test per s",
                          .families = {"*." + sname}});
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c9_s_bound
