// DEXTER-THM1 — Dexter et al. Theorem 1 as quoted in (88) (SGD, c = 0):
//   lambda_max(H) >= 2/eta  or  lambda_max(H) >= (sigma/eta)(n/B - 1)^{-1/2}   =>   lim_k E||J^_k ... J^_1||_F^2 = infinity.
// Readings of the relation: '>=' [chosen] and '>' (OCR '>'); the equality cases are checked explicitly.
// Condition 1 <=> eta >= 2/lambda_max(H); condition 2 <=> eta >= eta* = sigma/(sqrt(n/B - 1) lambda_max(H)) (B < n).
// Samples sit exactly at the threshold when it is rational, otherwise at a rational proven >= it, and above it.
// Conclusion: div(T) = r(T) - 1 off r(T) = 1; at r(T) = 1 exactly 0 (polynomial growth) or -1 (bounded).
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/lem_dexter.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_dexter_thm1 {
namespace {

using namespace stab;

const std::vector<std::string> kExact = {"diagonal", "aligned", "orthogonal", "construction-b"};
const std::vector<std::string> kGeneric = {"wishart", "rankone", "clustered", "independent"};

/// The families of one kind of {H_i}: condition 1 or 2, at or above its threshold, with the rule of B (for the kinds with
/// an exact threshold, condition 2 needs n/B - 1 a rational square to sit exactly at it).
struct Row { int cond; bool at; BRule exact_rule, generic_rule; const char* tag; };
const Row kRows[] = {
    {1, true, BRule::EqualN, BRule::EqualN, ".Bn"},
    {1, true, BRule::LessN, BRule::LessN, ""},
    {1, false, BRule::Any, BRule::Any, ""},
    {2, true, BRule::SquareRatio, BRule::LessN, ""},
    {2, false, BRule::SquareRatio, BRule::LessN, ""},
};
struct Cell { std::string kind; Row row; BRule brule; std::string name; };
/// Every family, in the order it is drawn: kinds with an exact threshold first, then the generic ones; per kind, kRows.
std::vector<Cell> cells() {
  std::vector<Cell> out;
  for (const auto* kinds : {&kExact, &kGeneric})
    for (const auto& k : *kinds)
      for (const auto& r : kRows)
        out.push_back({k, r, kinds == &kExact ? r.exact_rule : r.generic_rule,
                       "cond" + std::to_string(r.cond) + "." + k + r.tag + (r.at ? ".at" : ".above")});
  return out;
}
/// Names of the families of condition `cond` at (or above) the threshold, in drawing order, whose B rule passes `rule`.
std::vector<std::string> group(int cond, bool at, bool (*rule)(BRule) = nullptr) {
  std::vector<std::string> out;
  for (const auto& c : cells())
    if (c.row.cond == cond && c.row.at == at && (!rule || rule(c.brule))) out.push_back(c.name);
  return out;
}
std::vector<std::string> join(std::initializer_list<std::vector<std::string>> l) {
  std::vector<std::string> out;
  for (const auto& v : l) out.insert(out.end(), v.begin(), v.end());
  return out;
}

Sample cond2(Sample s, int code, bool at) {
  static const std::vector<Rat> rel = {Rat(1, 1000), Rat(1, 10), Rat(1)};
  Threshold t = eta_sigma_threshold(s.family("H"), s.scalar("B"), Rat(0));
  s.scalars["eta"] = at ? place_above(t, Rat(0)) : step_above(t, rel, size_t(code));
  return s;
}

std::vector<Family> families() {
  std::vector<Family> fs;
  for (const auto& c : cells()) {
    const Base b{.hkind = c.kind, .n_lo = c.row.cond == 2 ? 2 : 1, .n_hi = c.row.cond == 2 ? 6 : 4, .d_lo = 1,
                 .d_hi = c.kind.rfind("construction", 0) == 0 ? 1 : 3, .brule = c.brule, .c_units = {Rat(0)}, .ncodes = 3};
    const bool at = c.row.at;
    fs.push_back(model_family(c.name, b,
                              c.row.cond == 1 ? Finish([at](Sample s, int code) { return dexter::cond1(std::move(s), code, at); })
                                              : Finish([at](Sample s, int code) { return cond2(std::move(s), code, at); }),
                              std::string(c.row.cond == 1 ? "; condition 1: eta vs 2/lambda_max(H)"
                                                          : "; condition 2: eta vs sigma/(sqrt(n/B-1) lambda_max(H))") +
                                  (at ? ", exactly at the threshold when rational (else just above)" : ", eta = threshold (1 + {1e-3, 1e-1, 1})")));
  }
  return fs;
}

bool b_less_n(BRule r) { return r == BRule::LessN; }
bool b_square_ratio(BRule r) { return r == BRule::SquareRatio; }

const std::string kConcl = "div(T) >= 0 (div = r(T) - 1 off r(T) = 1; at r(T) = 1 exactly: 0 if Tr M_k grows polynomially, -1 if bounded)";
/// One reading of the theorem: a hypothesis (conditions, relation), the families that satisfy it, and the derivation ids
/// it checks (the quotation (88); none for a single condition or a repair).
struct Hypothesis { const char* slug; const char* hyp; std::vector<std::string> fams; const char* note; std::vector<std::string> checks; };

Claim make() {
  const std::vector<std::string> c1at = group(1, true), c1above = group(1, false), c2at = group(2, true), c2above = group(2, false);
  const Hypothesis hyps[] = {
      {"ge", "lambda_max(H) >= 2/eta or lambda_max(H) >= (sigma/eta)(n/B-1)^{-1/2}", join({c1at, c1above, c2at, c2above}),
       "reading '>=' [chosen], both conditions, thresholds including equality", {"(88)"}},
      {"gt", "lambda_max(H) > 2/eta or lambda_max(H) > (sigma/eta)(n/B-1)^{-1/2}", join({c1above, c2above}), "reading '>'", {"(88)"}},
      {"ge.cond1", "lambda_max(H) >= 2/eta", join({c1at, c1above}), "'>=' reading, condition 1 alone (equality with B = n included)"},
      {"ge.cond1.B-lt-n", "lambda_max(H) >= 2/eta, B < n", group(1, true, b_less_n),
       "repaired: with noise (q > 0) the equality case of condition 1 diverges"},
      {"gt.cond1", "lambda_max(H) > 2/eta", c1above, "'>' reading, condition 1"},
      {"ge.cond2", "lambda_max(H) >= (sigma/eta)(n/B-1)^{-1/2}", join({c2at, c2above}), "'>=' reading, condition 2 (equality included)"},
      {"ge.cond2.equality", "lambda_max(H) = (sigma/eta)(n/B-1)^{-1/2} exactly (rational thresholds)", group(2, true, b_square_ratio),
       "the equality case of condition 2, separately"},
      {"gt.cond2", "lambda_max(H) > (sigma/eta)(n/B-1)^{-1/2}", c2above, "'>' reading, condition 2"},
  };
  Claim c{
      .id = "DEXTER-THM1", .source = "Dexter et al. (2024) Theorem 1, quoted as (88)",
      .statement = "lambda_max(H) >= 2/eta or lambda_max(H) >= (sigma/eta)(n/B - 1)^{-1/2}  =>  lim_k E||J^_k ... J^_1||_F^2 = infinity (SGD)",
      .readings = {{.name = ">=", .text = "lambda_max(H) >= 2/eta or lambda_max(H) >= (sigma/eta)(n/B - 1)^{-1/2} (equality included)", .chosen = true},
                   {.name = ">", .text = "lambda_max(H) > 2/eta or lambda_max(H) > (sigma/eta)(n/B - 1)^{-1/2} (the OCR's '>')"}},
      .families = families(),
  };
  for (const auto& h : hyps)
    c.variants.push_back({.slug = h.slug,
                          .statement = std::string(h.hyp) + "  =>  " + kConcl,
                          .rel = Rel::Ge,
                          .eval = dexter::divergence_evaluator(),
                          .note = h.note,
                          .families = h.fams,
                          .checks = h.checks});
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_dexter_thm1
