// THM-C8-DIVERGENCE — Theorem C.8 part 4, (31)/(44):
//   if lambda_max(H) >= (sigma/eta) (n/B - 1)^{-1/2} (1 + rho/alpha lambda_min(H))^{-1}
//   then lim_k E||J^_k ... J^_1||_F^2 = lim_k Tr M_k = infinity.
// Hypothesis  <=>  eta >= eta* = sigma / (sqrt(n/B - 1) lambda_max(H) (1 + c lambda_min(H))), B < n.
// Samples put eta exactly at eta* when eta* is rational (d = 1, aligned, orthogonal, the construction, with
// n/B - 1 a square), otherwise at a rational proven >= eta*; and at eta*(1 + 10^-3), (1 + 10^-1), 2 eta*.
// Conclusion through r(T) with exact boundary recognition (core/moments.hpp):
//   div(T) = r(T) - 1 off the boundary; at r(T) = 1 exactly: 0 if Tr M_k grows polynomially, -1 if bounded.
#include "generators/kit.hpp"
#include "core/moments.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_thm_c8_divergence {
namespace {

using namespace stab;

const std::vector<std::string> kExact = {"diagonal", "aligned", "orthogonal", "construction-a", "construction-b"};
const std::vector<std::string> kGeneric = {"wishart", "lowrank", "rankone", "commuting", "clustered", "independent"};

Sample finish_at(Sample s, int) {
  Threshold t = eta_sigma_threshold(s.family("H"), s.scalar("B"), s.scalar("c"));
  s.scalars["eta"] = place_above(t, Rat(0));
  return s;
}
Sample finish_above(Sample s, int code) {
  static const Rat rel[] = {Rat(1, 1000), Rat(1, 10), Rat(1)};
  Threshold t = eta_sigma_threshold(s.family("H"), s.scalar("B"), s.scalar("c"));
  s.scalars["eta"] = place_above(t, rel[code % 3]);
  return s;
}

auto body = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  if constexpr (std::is_same_v<T, double>) {  // the sample must satisfy the hypothesis (generator invariant)
    Threshold t = eta_sigma_threshold(s.family("H"), s.scalar("B"), s.scalar("c"));
    if (Ball(s.scalar("eta")) < t.ball) throw std::logic_error("sample violates the hypothesis eta >= eta*");
  }
  auto ri = mom::T_radius<T>(s);
  Real<T> one = Real<T>(real(T(1)));
  return sides(mom::divergence_margin(ri), Real<T>(real(T(0))), rmax_(one, ri.r));
};

Claim make() {
  Claim c;
  c.id = "THM-C8-DIVERGENCE";
  c.source = "Theorem C.8 part 4, eqs. (31)/(44)";
  c.statement = "lambda_max(H) >= (sigma/eta)(n/B - 1)^{-1/2}(1 + rho/alpha lambda_min(H))^{-1}  =>  lim_k E||J^_k ... J^_1||_F^2 = infinity";
  std::vector<std::string> at, above, at_exact;
  auto add = [&](const std::string& kind, BRule br, bool exact_kind) {
    for (int place = 0; place < 2; ++place) {
      Base b;
      b.hkind = kind;
      b.n_lo = 2;
      b.n_hi = exact_kind ? 6 : 4;
      b.d_lo = 1;
      b.d_hi = kind.rfind("construction", 0) == 0 ? 1 : 3;
      b.brule = br;
      b.c_units = {Rat(0), Rat(1), Rat(1, 4), Rat(4)};
      b.ncodes = 3;
      std::string name = kind + (place ? ".above" : ".at");
      std::string desc = describe(b) + (place ? "; eta = eta* (1 + {1e-3, 1e-1, 1}) (rational, proven >= )"
                                              : "; eta = eta* exactly when rational, else the simplest rational proven >= eta*");
      c.families.push_back(family_of(name, desc, b, place ? Finish(finish_above) : Finish(finish_at)));
      (place ? above : at).push_back(name);
      if (!place && exact_kind) at_exact.push_back(name);
    }
  };
  for (const auto& k : kExact) add(k, BRule::SquareRatio, true);
  for (const auto& k : kGeneric) add(k, BRule::LessN, false);
  std::vector<std::string> ge = at;
  ge.insert(ge.end(), above.begin(), above.end());

  const std::string concl = "div(T) >= 0, div(T) = r(T) - 1 off r(T) = 1; at r(T) = 1 exactly: 0 if Tr M_k grows polynomially, -1 if bounded";
  Variant v;
  v.slug = "ge";
  v.statement = "eta >= eta*  =>  " + concl;
  v.rel = Rel::Ge;
  v.families = ge;
  v.eval = make_evaluator(body);
  v.note = "reading '>=' [chosen] (OCR 'Z'/'2'), thresholds including equality";
  v.expected = Verdict::Refuted;
  v.witness = "THM-C8-DIVERGENCE/ge/diagonal.at/1/31/0.0.0";
  c.variants.push_back(v);
  Variant e = v;
  e.slug = "ge.equality";
  e.statement = "eta = eta* (exactly, rational thresholds)  =>  " + concl;
  e.families = at_exact;
  e.note = "the equality case of the '>=' reading, separately";
  e.witness = "THM-C8-DIVERGENCE/ge.equality/diagonal.at/1/31/0.0.0";
  c.variants.push_back(e);
  Variant g = derived(v, "gt",
                          "eta > eta*  =>  " + concl);
  g.families = above;
  g.note = "reading '>' (strict)";
  c.variants.push_back(g);
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c8_divergence
