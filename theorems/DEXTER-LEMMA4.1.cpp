// DEXTER-LEMMA4.1 — Dexter et al. Lemma 4.1 as quoted in (90)-(91) (SGD, c = 0; q = 1/(nB) - 1/n^2):
//  (1) lambda_max(H) >= 2/eta, or lim_k (eta^2 q)^k sum_y ||H_{y_1} ... H_{y_k}||_F^2 = infinity
//      =>  lim_k E||J^_k ... J^_1||_F^2 = infinity;
//  (2) eps/eta < lambda_i(H) < (2 - eps)/eta for all i, and lim_k (eta^2 q)^k sum_y ||H_{y_1} ... H_{y_k}||_F^2 = 0
//      =>  lim_k E||J^_k ... J^_1||_F^2 = 0.
// Readings: norms squared [chosen] / unsquared; in (2) an extra eps^{-k} [chosen] / no factor; '=' of (1) read '>='.
// (2)'s reading, settled 2026-12-08 (issue 31 item 5): the OCR shows a stray "1" above "lim" in (91) — a factor
// 1/eps^k set as a fraction over lim — and the paper's own convergence proof asks for Tr N_r <= C eps^r before (63);
// a quoted lemma that fails on a scalar case (the no-factor reading, refuted with d = 1) is the less plausible reading.
// Squared: (eta^2 q)^k sum_y ||P_y||_F^2 = Tr N^k(I) (N = eta^2 q N0), whose limit is decided by r(N) (exactly).
// Unsquared sum: rigorous bounds ||P_y||_F^2/(sqrt(d) h^k) <= ||P_y||_F <= sqrt(d) h^k, h = max_i lambda_max(H_i), give
//   lim = infinity if eta^2 q r(N0)/h > 1  and  lim = 0 if eta^2 q n h < 1;
// samples for the unsquared readings are scaled (H -> s H, eta -> eta/s, which leaves the process unchanged) until the
// relevant bound is certain.
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/lem_dexter.hpp"
#include "generators/stability.hpp"
#include <algorithm>

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

/// The families of one kind of {H_i}, in drawing order: `group` names the hypothesis they sample (the variants take
/// their families by group), the name is prefix + kind + suffix, and the description follows describe(base).
struct Row { const char* group; const char* prefix; const char* suffix; BRule brule; const char* desc; Finish finish; };
const Row kRows[] = {
    {"c1at", "cond1.", ".at.Bn", BRule::EqualN, "eta = 2/lambda_max(H) exactly when rational (else just above), B = n",
     [](Sample s, int k) { return dexter::cond1(std::move(s), k, true); }},
    {"c1at", "cond1.", ".at", BRule::LessN, "eta = 2/lambda_max(H) exactly when rational (else just above)",
     [](Sample s, int k) { return dexter::cond1(std::move(s), k, true); }},
    {"c1above", "cond1.", ".above", BRule::Any, "eta = (2/lambda_max(H))(1 + {1e-3, 1e-1, 1})",
     [](Sample s, int k) { return dexter::cond1(std::move(s), k, false); }},
    {"c2", "cond2.", "", BRule::LessN, "eta >= sqrt(theta/(q r(N0))), theta in {1.001, 1.1, 2}: r(N) > 1", cond2},
    {"c2u", "cond2-unsquared.", "", BRule::LessN,
     "eta = u/mu_max, u in {1/10,1/2,1}, then H -> H/10^e, eta -> 10^e eta until eta^2 q r(N0)/h > 2", cond2_unsquared},
    {"p2", "part2.", "", BRule::Any, "H made PD, eta = 2u/mu_max, eps = eps_max(1 - 1e-6), q: r(N) = theta, theta in {0.999, 0.9, 0.5}",
     [](Sample s, int k) { return part2(std::move(s), k, false); }},
    {"p2", "part2-intB.", "", BRule::LessN, "H made PD, integer B < n, eta = min(2u/mu_max, sqrt(theta/(q r(N0)))), eps = eps_max(1 - 1e-6)",
     part2_intB},
    {"p2e", "part2-eps.", "", BRule::Any, "as part2 with r(N) = theta eps", [](Sample s, int k) { return part2(std::move(s), k, true); }},
    {"p2u", "part2-unsquared.", "", BRule::Any, "part2 with theta = 0.999, then H -> 10^e H, eta -> eta/10^e until eta^2 q n h < 1/2",
     part2_unsquared},
};
std::string family_name(const Row& r, const std::string& kind) { return r.prefix + kind + r.suffix; }

std::vector<Family> families() {
  std::vector<Family> fs;
  for (const auto& kind : kKinds)
    for (const auto& r : kRows) {
      const Base b{.hkind = kind, .n_lo = 1, .n_hi = 4, .d_lo = 1, .d_hi = kind == "diagonal" ? 1 : 3, .brule = r.brule, .ncodes = 12};
      fs.push_back(model_family(family_name(r, kind), b, r.finish, std::string("; ") + r.desc));
    }
  return fs;
}
/// The families of the groups, group by group; within a group in drawing order, except that the integer-B families come
/// first (their counterexamples are preferred).
std::vector<std::string> groups(std::initializer_list<std::string> gs) {
  std::vector<std::string> out;
  for (const auto& g : gs) {
    std::vector<std::string> in;
    for (const auto& kind : kKinds)
      for (const auto& r : kRows)
        if (r.group == g) in.push_back(family_name(r, kind));
    std::stable_partition(in.begin(), in.end(), [](const std::string& n) { return n.find("-intB.") != std::string::npos; });
    out.insert(out.end(), in.begin(), in.end());
  }
  return out;
}

const std::string kDiv = "div(T) >= 0 (r(T) - 1 off r(T) = 1; at r(T) = 1: 0 if Tr M_k grows polynomially, -1 if bounded)";
const std::string kConv = "conv(T) <= 0 (r(T) - 1 off r(T) = 1; +1 at r(T) = 1)";

Claim make() {
  return Claim{
      .id = "DEXTER-LEMMA4.1", .source = "Dexter et al. (2024) Lemma 4.1, quoted as (90)-(91)",
      .statement = "(1) lambda_max(H) >= 2/eta or lim_k (eta^2/(nB) - eta^2/n^2)^k sum_y ||H_{y_1}...H_{y_k}||_F^2 = infinity => lim_k "
                   "E||J^_k...J^_1||_F^2 = infinity; (2) eps/eta < lambda_i(H) < (2-eps)/eta and that limit = 0 => lim_k E||J^_k...J^_1||_F^2 = 0",
      .readings = {{.name = "squared", .text = "(a) the norms inside the sums squared, ||H_{y_1}...H_{y_k}||_F^2", .chosen = true},
                   {.name = "unsquared", .text = "(a) the norms inside the sums unsquared, ||H_{y_1}...H_{y_k}||_F (as the OCR shows)"},
                   {.name = "no-factor", .text = "(b) in (2), no factor next to lim"},
                   {.name = "eps^-k", .text = "(b) in (2), the stray '1' read as a factor 1/eps^k", .chosen = true},
                   {.name = ">=", .text = "(c) the first condition of (1), printed 'lambda_max = 2/eta', read as lambda_max(H) >= 2/eta", .chosen = true}},
      .families = families(),
      .variants = {
          {.slug = "part1", .statement = "lambda_max(H) >= 2/eta or lim Tr N^k(I) = infinity  =>  " + kDiv, .rel = Rel::Ge,
           .eval = dexter::divergence_evaluator(), .note = "(1) as stated [chosen: squared norms, '=' read as '>=']",
           .families = groups({"c1at", "c1above", "c2"}), .checks = {"(90)"}},
          {.slug = "part1.gt", .statement = "lambda_max(H) > 2/eta or lim Tr N^k(I) = infinity  =>  " + kDiv, .rel = Rel::Ge,
           .eval = dexter::divergence_evaluator(), .note = "(1) with a strict first condition", .families = groups({"c1above", "c2"}),
           .checks = {"(90)"}},
          {.slug = "part1.cond2", .statement = "lim (eta^2 q)^k sum_y ||P_y||_F^2 = infinity  =>  " + kDiv, .rel = Rel::Ge,
           .eval = dexter::divergence_evaluator(), .note = "(1), second condition, squared [chosen]", .families = groups({"c2"}),
           .checks = {"(90)"}},
          {.slug = "part1.cond2.unsquared",
           .statement = "lim (eta^2 q)^k sum_y ||P_y||_F = infinity (certified: eta^2 q r(N0)/h > 1)  =>  " + kDiv, .rel = Rel::Ge,
           .eval = dexter::divergence_evaluator(), .note = "(1), second condition, unsquared reading (not scale invariant)",
           .families = groups({"c2u"}), .checks = {"(90)"}},
          {.slug = "part2", .statement = "eps/eta < lambda_i(H) < (2-eps)/eta and r(N) < 1  =>  " + kConv, .rel = Rel::Le,
           .eval = dexter::convergence_evaluator(), .note = "(2) without the stray factor (squared, no eps^{-k}; the spec's first choice)", .families = groups({"p2"}),
           .checks = {"(91)"}},
          {.slug = "part2.eps-k",
           .statement = "eps/eta < lambda_i(H) < (2-eps)/eta and lim eps^{-k} Tr N^k(I) = 0 (r(N) < eps)  =>  " + kConv, .rel = Rel::Le,
           .eval = dexter::convergence_evaluator(), .note = "(2) as printed [chosen]: squared, the stray '1' read as the factor 1/eps^k",
           .families = groups({"p2e"}), .checks = {"(91)"}},
          {.slug = "part2.unsquared",
           .statement = "eps/eta < lambda_i(H) < (2-eps)/eta and lim (eta^2 q)^k sum_y ||P_y||_F = 0 (certified: eta^2 q n h < 1)  =>  " + kConv,
           .rel = Rel::Le, .eval = dexter::convergence_evaluator(), .note = "(2), unsquared reading", .families = groups({"p2u"}),
           .checks = {"(91)"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_dexter_lemma4_1
