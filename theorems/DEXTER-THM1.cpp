// DEXTER-THM1 — Dexter et al. Theorem 1 as quoted in (88) (SGD, c = 0):
//   lambda_max(H) >= 2/eta  or  lambda_max(H) >= (sigma/eta)(n/B - 1)^{-1/2}   =>   lim_k E||J^_k ... J^_1||_F^2 = infinity.
// Readings of the relation: '>=' [chosen] and '>' (OCR '>'); the equality cases are checked explicitly.
// Condition 1 <=> eta >= 2/lambda_max(H); condition 2 <=> eta >= eta* = sigma/(sqrt(n/B - 1) lambda_max(H)) (B < n).
// Samples sit exactly at the threshold when it is rational, otherwise at a rational proven >= it, and above it.
// Conclusion: div(T) = r(T) - 1 off r(T) = 1; at r(T) = 1 exactly 0 (polynomial growth) or -1 (bounded).
#include "generators/kit.hpp"
#include "core/moments.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_dexter_thm1 {
namespace {

using namespace stab;

const std::vector<std::string> kExact = {"diagonal", "aligned", "orthogonal", "construction-b"};
const std::vector<std::string> kGeneric = {"wishart", "rankone", "clustered", "independent"};
const Rat kRel[] = {Rat(1, 1000), Rat(1, 10), Rat(1)};

Sample cond1(Sample s, int code, bool at) {
  Threshold t = eta_gd_threshold(s.family("H"));
  s.scalars["eta"] = at ? place_above(t, Rat(0)) : place_above(t, kRel[code % 3]);
  return s;
}
Sample cond2(Sample s, int code, bool at) {
  Threshold t = eta_sigma_threshold(s.family("H"), s.scalar("B"), Rat(0));
  s.scalars["eta"] = at ? place_above(t, Rat(0)) : place_above(t, kRel[code % 3]);
  return s;
}

auto body = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto ri = mom::T_radius<T>(s);
  Real<T> one = Real<T>(real(T(1)));
  return sides(mom::divergence_margin(ri), Real<T>(real(T(0))), rmax_(one, ri.r));
};

Claim make() {
  Claim c;
  c.id = "DEXTER-THM1";
  c.source = "Dexter et al. (2024) Theorem 1, quoted as (88)";
  c.statement = "lambda_max(H) >= 2/eta or lambda_max(H) >= (sigma/eta)(n/B - 1)^{-1/2}  =>  lim_k E||J^_k ... J^_1||_F^2 = infinity (SGD)";
  std::vector<std::string> c1at, c1above, c2at, c2above, c1at_bn, c1at_bless, c2at_exact;
  auto add = [&](const std::string& kind, int cond, bool at, BRule br, const std::string& tag) {
    Base b;
    b.hkind = kind;
    b.n_lo = cond == 2 ? 2 : 1;
    b.n_hi = cond == 2 ? 6 : 4;
    b.d_lo = 1;
    b.d_hi = kind.rfind("construction", 0) == 0 ? 1 : 3;
    b.brule = br;
    b.c_units = {Rat(0)};
    b.ncodes = 3;
    std::string name = "cond" + std::to_string(cond) + "." + kind + tag + (at ? ".at" : ".above");
    std::string desc = describe(b) + (cond == 1 ? "; condition 1: eta vs 2/lambda_max(H)" : "; condition 2: eta vs sigma/(sqrt(n/B-1) lambda_max(H))") +
                       (at ? ", exactly at the threshold when rational (else just above)" : ", eta = threshold (1 + {1e-3, 1e-1, 1})");
    Finish f = cond == 1 ? Finish([at](Sample s, int code) { return cond1(std::move(s), code, at); })
                         : Finish([at](Sample s, int code) { return cond2(std::move(s), code, at); });
    c.families.push_back(family_of(name, desc, b, f));
    if (cond == 1) (at ? c1at : c1above).push_back(name);
    else (at ? c2at : c2above).push_back(name);
    if (cond == 1 && at) (br == BRule::EqualN ? c1at_bn : c1at_bless).push_back(name);
    if (cond == 2 && at && br == BRule::SquareRatio) c2at_exact.push_back(name);
  };
  for (const auto& k : kExact) {
    add(k, 1, true, BRule::EqualN, ".Bn");
    add(k, 1, true, BRule::LessN, "");
    add(k, 1, false, BRule::Any, "");
    add(k, 2, true, BRule::SquareRatio, "");
    add(k, 2, false, BRule::SquareRatio, "");
  }
  for (const auto& k : kGeneric) {
    add(k, 1, true, BRule::EqualN, ".Bn");
    add(k, 1, true, BRule::LessN, "");
    add(k, 1, false, BRule::Any, "");
    add(k, 2, true, BRule::LessN, "");
    add(k, 2, false, BRule::LessN, "");
  }
  auto cat = [](std::initializer_list<const std::vector<std::string>*> l) {
    std::vector<std::string> out;
    for (auto* v : l) out.insert(out.end(), v->begin(), v->end());
    return out;
  };
  const std::string concl = "div(T) >= 0 (div = r(T) - 1 off r(T) = 1; at r(T) = 1 exactly: 0 if Tr M_k grows polynomially, -1 if bounded)";
  auto add_v = [&](const std::string& slug, const std::string& hyp, std::vector<std::string> fams, const std::string& note, Verdict e,
                   const std::string& w) {
    Variant v;
    v.slug = slug;
    v.statement = hyp + "  =>  " + concl;
    v.rel = Rel::Ge;
    v.families = std::move(fams);
    v.eval = make_evaluator(body);
    v.note = note;
    v.expected = e;
    v.witness = w;
    c.variants.push_back(v);
  };
  add_v("ge", "lambda_max(H) >= 2/eta or lambda_max(H) >= (sigma/eta)(n/B-1)^{-1/2}", cat({&c1at, &c1above, &c2at, &c2above}),
        "reading '>=' [chosen], both conditions, thresholds including equality", Verdict::Refuted, "DEXTER-THM1/ge/cond1.diagonal.Bn.at/1/0/0.0");
  add_v("gt", "lambda_max(H) > 2/eta or lambda_max(H) > (sigma/eta)(n/B-1)^{-1/2}", cat({&c1above, &c2above}), "reading '>'",
        Verdict::Holds, "");
  add_v("ge.cond1", "lambda_max(H) >= 2/eta", cat({&c1at, &c1above}), "'>=' reading, condition 1 alone (equality with B = n included)",
        Verdict::Refuted, "DEXTER-THM1/ge.cond1/cond1.diagonal.Bn.at/1/0/0.0");
  add_v("ge.cond1.B-lt-n", "lambda_max(H) >= 2/eta, B < n", c1at_bless, "repaired: with noise (q > 0) the equality case of condition 1 diverges",
        Verdict::Holds, "");
  add_v("gt.cond1", "lambda_max(H) > 2/eta", c1above, "'>' reading, condition 1", Verdict::Holds, "");
  add_v("ge.cond2", "lambda_max(H) >= (sigma/eta)(n/B-1)^{-1/2}", cat({&c2at, &c2above}), "'>=' reading, condition 2 (equality included)",
        Verdict::Refuted, "DEXTER-THM1/ge.cond2/cond2.diagonal.at/1/37/0.0");
  add_v("ge.cond2.equality", "lambda_max(H) = (sigma/eta)(n/B-1)^{-1/2} exactly (rational thresholds)", c2at_exact,
        "the equality case of condition 2, separately", Verdict::Refuted, "DEXTER-THM1/ge.cond2.equality/cond2.diagonal.at/1/37/0.0");
  add_v("gt.cond2", "lambda_max(H) > (sigma/eta)(n/B-1)^{-1/2}", c2above, "'>' reading, condition 2", Verdict::Holds, "");
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_dexter_thm1
