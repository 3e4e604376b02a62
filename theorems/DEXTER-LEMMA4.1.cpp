// DEXTER-LEMMA4.1 — Dexter et al. Lemma 4.1 as quoted in (90)-(91) (SGD, c = 0; q = 1/(nB) - 1/n^2):
//  (1) lambda_max(H) >= 2/eta, or lim_k (eta^2 q)^k sum_y ||H_{y_1} ... H_{y_k}||_F^2 = infinity
//      =>  lim_k E||J^_k ... J^_1||_F^2 = infinity;
//  (2) eps/eta < lambda_i(H) < (2 - eps)/eta for all i, and lim_k (eta^2 q)^k sum_y ||H_{y_1} ... H_{y_k}||_F^2 = 0
//      =>  lim_k E||J^_k ... J^_1||_F^2 = 0.
// Readings: norms squared [chosen] / unsquared; in (2) no factor [chosen] / an extra eps^{-k}; '=' of (1) read '>='.
// Squared: (eta^2 q)^k sum_y ||P_y||_F^2 = Tr N^k(I) (N = eta^2 q N0), whose limit is decided by r(N) (exactly).
// Unsquared sum: rigorous bounds ||P_y||_F^2/(sqrt(d) h^k) <= ||P_y||_F <= sqrt(d) h^k, h = max_i lambda_max(H_i), give
//   lim = infinity if eta^2 q r(N0)/h > 1  and  lim = 0 if eta^2 q n h < 1;
// samples for the unsquared readings are scaled (H -> s H, eta -> eta/s, which leaves the process unchanged) until the
// relevant bound is certain.
#include "generators/kit.hpp"
#include "core/moments.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_dexter_lemma4_1 {
namespace {

using namespace stab;

const std::vector<std::string> kKinds = {"diagonal", "wishart", "rankone", "commuting", "clustered", "independent"};

Ball n0_radius(const std::vector<MatQ>& H) { return noise_unit_radius(H, Rat(0)); }
Rat hmax_upper(const std::vector<MatQ>& H) {
  Rat h = 0;
  for (const auto& m : H) h = std::max(h, lmax_upper(m));
  return h;
}
void scale_process(Sample& s, const Rat& f) {  // H -> f H, eta -> eta/f
  for (auto& h : s.families.at("H")) h *= f;
  s.scalars["eta"] = s.scalar("eta") / f;
}

Sample cond1(Sample s, int code, bool at) {
  static const Rat rel[] = {Rat(1, 1000), Rat(1, 10), Rat(1)};
  Threshold t = eta_gd_threshold(s.family("H"));
  s.scalars["eta"] = at ? place_above(t, Rat(0)) : place_above(t, rel[code % 3]);
  return s;
}
// r(N) >= theta > 1 with integer B < n: eta >= sqrt(theta / (q r(N0)))
Sample cond2(Sample s, int code) {
  static const Rat th[] = {Rat(1001, 1000), Rat(11, 10), Rat(2)};
  const auto& H = s.family("H");
  Rat q = q_of(int(H.size()), s.scalar("B"));
  Rat rho_lo = mom::rat_below(n0_radius(H), Rat(1, 1000000000));
  if (rho_lo <= 0) rho_lo = Rat(1, 1000000);
  s.scalars["eta"] = mom::rat_above(sqrt(Ball(th[code % 3] / (q * rho_lo))), Rat(1, 1000000000));
  return s;
}
// stable-looking base, then scaled down until eta^2 q r(N0)/h > 2 is certain (unsquared sum -> infinity)
Sample cond2_unsquared(Sample s, int code) {
  static const Rat u[] = {Rat(1, 10), Rat(1, 2), Rat(1)};
  const auto& H0 = s.family("H");
  s.scalars["eta"] = u[code % 3] / mu_upper(H0, Rat(0));
  Rat q = q_of(int(H0.size()), s.scalar("B"));
  for (int e = 0; e < 60; ++e) {
    const auto& H = s.family("H");
    Ball g = Ball(s.scalar("eta") * s.scalar("eta") * q) * n0_radius(H) / Ball(hmax_upper(H));
    if (g > Ball(2)) break;
    scale_process(s, Rat(1, 10));
  }
  return s;
}
// (2): eta = 2u/mu_max, eps strictly inside, q so that r(N) = theta x bound (bound 1, or eps for the eps^{-k} reading)
Sample part2(Sample s, int code, bool eps_k) {
  static const Rat u[] = {Rat(9, 10), Rat(1, 2), Rat(19, 20), Rat(99, 100)};
  static const Rat th[] = {Rat(999, 1000), Rat(9, 10), Rat(1, 2)};
  make_pd(s);
  const auto& H = s.family("H");
  const int n = int(H.size());
  const Rat eta = 2 * u[code % 4] / mu_upper(H, Rat(0));
  s.scalars["eta"] = eta;
  Threshold e = eps_max(H, eta, Rat(0));
  Rat eps = place_below(e, Rat(1, 1000000));  // strictly inside: eps/eta < lambda_i < (2 - eps)/eta
  if (eps <= 0) eps = Rat(1, 1000000000);
  s.scalars["eps"] = eps;
  Rat rho_up = mom::rat_above(n0_radius(H), Rat(1, 1000000000));
  Rat q = th[(code / 4) % 3] * (eps_k ? eps : Rat(1)) / (eta * eta * rho_up);
  s.scalars["B"] = n == 1 ? Rat(1) : B_for_q(n, q);
  return s;
}
// (2) with an integer B < n: eta = min(2u/mu_max, sqrt(theta/(q r(N0)))), eps strictly inside
Sample part2_intB(Sample s, int code) {
  static const Rat u[] = {Rat(99, 100), Rat(9, 10), Rat(19, 20), Rat(1, 2)};
  static const Rat th[] = {Rat(999, 1000), Rat(9, 10), Rat(1, 2)};
  make_pd(s);
  const auto& H = s.family("H");
  const Rat q = q_of(int(H.size()), s.scalar("B"));
  Rat eta = 2 * u[code % 4] / mu_upper(H, Rat(0));
  Rat rho_up = mom::rat_above(n0_radius(H), Rat(1, 1000000000));
  Rat eta_n = mom::rat_below(sqrt(Ball(th[(code / 4) % 3] / (q * rho_up))), Rat(1, 1000000000));
  if (eta_n < eta) eta = eta_n;
  s.scalars["eta"] = eta;
  Rat eps = place_below(eps_max(H, eta, Rat(0)), Rat(1, 1000000));
  if (eps <= 0) eps = Rat(1, 1000000000);
  s.scalars["eps"] = eps;
  return s;
}
// (2) unsquared: the chosen-reading base with r(N) close to 1, scaled up until eta^2 q n h < 1/2 (unsquared sum -> 0)
Sample part2_unsquared(Sample s, int code) {
  s = part2(std::move(s), (code % 4), false);  // theta = 999/1000
  const auto& H0 = s.family("H");
  const int n = int(H0.size());
  Rat q = q_of(n, s.scalar("B"));
  for (int e = 0; e < 60; ++e) {
    Rat k = s.scalar("eta") * s.scalar("eta") * q * n * hmax_upper(s.family("H"));
    if (k < Rat(1, 2)) break;
    scale_process(s, Rat(10));
  }
  return s;
}

auto div_body = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto ri = mom::T_radius<T>(s);
  return sides(mom::divergence_margin(ri), real_of<T>(Rat(0)), rmax_(real_of<T>(Rat(1)), ri.r));
};
auto conv_body = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto ri = mom::T_radius<T>(s);
  return sides(mom::convergence_margin(ri), real_of<T>(Rat(0)), rmax_(real_of<T>(Rat(1)), ri.r));
};

Claim make() {
  Claim c;
  c.id = "DEXTER-LEMMA4.1";
  c.source = "Dexter et al. (2024) Lemma 4.1, quoted as (90)-(91)";
  c.statement = "(1) lambda_max(H) >= 2/eta or lim_k (eta^2/(nB) - eta^2/n^2)^k sum_y ||H_{y_1}...H_{y_k}||_F^2 = infinity => lim_k "
                "E||J^_k...J^_1||_F^2 = infinity; (2) eps/eta < lambda_i(H) < (2-eps)/eta and that limit = 0 => lim_k E||J^_k...J^_1||_F^2 = 0";
  std::map<std::string, std::vector<std::string>> F;
  auto add = [&](const std::string& group, const std::string& name, const std::string& desc, Base b, Finish f) {
    c.families.push_back(family_of(name, describe(b) + "; " + desc, b, std::move(f)));
    if (name.find("-intB.") != std::string::npos) {  // integer-B families first: their counterexamples are preferred
      auto& g = F[group];
      size_t pos = 0;
      while (pos < g.size() && g[pos].find("-intB.") != std::string::npos) ++pos;
      g.insert(g.begin() + std::ptrdiff_t(pos), name);
    } else {
      F[group].push_back(name);
    }
  };
  for (const auto& kind : kKinds) {
    Base b;
    b.hkind = kind;
    b.n_lo = 1;
    b.n_hi = 4;
    b.d_lo = 1;
    b.d_hi = kind == "diagonal" ? 1 : 3;
    b.ncodes = 12;
    Base bn = b;
    bn.brule = BRule::EqualN;
    Base bl = b;
    bl.brule = BRule::LessN;
    add("c1at", "cond1." + kind + ".at.Bn", "eta = 2/lambda_max(H) exactly when rational (else just above), B = n", bn,
        [](Sample s, int k) { return cond1(std::move(s), k, true); });
    add("c1at", "cond1." + kind + ".at", "eta = 2/lambda_max(H) exactly when rational (else just above)", bl,
        [](Sample s, int k) { return cond1(std::move(s), k, true); });
    add("c1above", "cond1." + kind + ".above", "eta = (2/lambda_max(H))(1 + {1e-3, 1e-1, 1})", b,
        [](Sample s, int k) { return cond1(std::move(s), k, false); });
    add("c2", "cond2." + kind, "eta >= sqrt(theta/(q r(N0))), theta in {1.001, 1.1, 2}: r(N) > 1", bl, cond2);
    add("c2u", "cond2-unsquared." + kind, "eta = u/mu_max, u in {1/10,1/2,1}, then H -> H/10^e, eta -> 10^e eta until eta^2 q r(N0)/h > 2", bl,
        cond2_unsquared);
    add("p2", "part2." + kind, "H made PD, eta = 2u/mu_max, eps = eps_max(1 - 1e-6), q: r(N) = theta, theta in {0.999, 0.9, 0.5}", b,
        [](Sample s, int k) { return part2(std::move(s), k, false); });
    add("p2", "part2-intB." + kind, "H made PD, integer B < n, eta = min(2u/mu_max, sqrt(theta/(q r(N0)))), eps = eps_max(1 - 1e-6)", bl,
        part2_intB);
    add("p2e", "part2-eps." + kind, "as part2 with r(N) = theta eps", b, [](Sample s, int k) { return part2(std::move(s), k, true); });
    add("p2u", "part2-unsquared." + kind, "part2 with theta = 0.999, then H -> 10^e H, eta -> eta/10^e until eta^2 q n h < 1/2", b,
        part2_unsquared);
  }
  auto cat = [&](std::initializer_list<const char*> groups) {
    std::vector<std::string> out;
    for (const char* g : groups) out.insert(out.end(), F[g].begin(), F[g].end());
    return out;
  };
  const std::string div = "div(T) >= 0 (r(T) - 1 off r(T) = 1; at r(T) = 1: 0 if Tr M_k grows polynomially, -1 if bounded)";
  const std::string conv = "conv(T) <= 0 (r(T) - 1 off r(T) = 1; +1 at r(T) = 1)";
  auto add_v = [&](const std::string& slug, const std::string& st, Rel rel, Evaluator ev, std::vector<std::string> fams,
                   const std::string& note, Verdict e, const std::string& w) {
    Variant v;
    v.slug = slug;
    v.statement = st;
    v.rel = rel;
    v.eval = std::move(ev);
    v.families = std::move(fams);
    v.note = note;
    v.expected = e;
    v.witness = w;
    c.variants.push_back(v);
  };
  add_v("part1", "lambda_max(H) >= 2/eta or lim Tr N^k(I) = infinity  =>  " + div, Rel::Ge, make_evaluator(div_body), cat({"c1at", "c1above", "c2"}),
        "(1) as stated [chosen: squared norms, '=' read as '>=']", Verdict::Refuted, "DEXTER-LEMMA4.1/part1/cond1.diagonal.at.Bn/1/0/0.0");
  add_v("part1.gt", "lambda_max(H) > 2/eta or lim Tr N^k(I) = infinity  =>  " + div, Rel::Ge, make_evaluator(div_body), cat({"c1above", "c2"}),
        "(1) with a strict first condition", Verdict::Holds, "");
  add_v("part1.cond2", "lim (eta^2 q)^k sum_y ||P_y||_F^2 = infinity  =>  " + div, Rel::Ge, make_evaluator(div_body), cat({"c2"}),
        "(1), second condition, squared [chosen]", Verdict::Holds, "");
  add_v("part1.cond2.unsquared", "lim (eta^2 q)^k sum_y ||P_y||_F = infinity (certified: eta^2 q r(N0)/h > 1)  =>  " + div, Rel::Ge,
        make_evaluator(div_body), cat({"c2u"}), "(1), second condition, unsquared reading (not scale invariant)", Verdict::Refuted,
        "DEXTER-LEMMA4.1/part1.cond2.unsquared/cond2-unsquared.diagonal/1/0/0.0.0");
  add_v("part2", "eps/eta < lambda_i(H) < (2-eps)/eta and r(N) < 1  =>  " + conv, Rel::Le, make_evaluator(conv_body), cat({"p2"}),
        "(2) as stated [chosen: squared, no eps^{-k}]", Verdict::Refuted, "DEXTER-LEMMA4.1/part2/part2-intB.diagonal/1/2/5.2.5.1.4.1.2.2.0.0");
  add_v("part2.eps-k", "eps/eta < lambda_i(H) < (2-eps)/eta and lim eps^{-k} Tr N^k(I) = 0 (r(N) < eps)  =>  " + conv, Rel::Le,
        make_evaluator(conv_body), cat({"p2e"}), "(2) with the factor eps^{-k} (stray '1' read as 1/eps^k)", Verdict::Holds, "");
  add_v("part2.unsquared", "eps/eta < lambda_i(H) < (2-eps)/eta and lim (eta^2 q)^k sum_y ||P_y||_F = 0 (certified: eta^2 q n h < 1)  =>  " + conv,
        Rel::Le, make_evaluator(conv_body), cat({"p2u"}), "(2), unsquared reading", Verdict::Refuted,
        "DEXTER-LEMMA4.1/part2.unsquared/part2-unsquared.diagonal/1/2/1.1.0.0");
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_dexter_lemma4_1
