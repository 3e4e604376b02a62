// ID-33 — Definition 3 and identity (33):  E[H^2] = H^2 + (1/(Bn) - 1/n^2) sum_i H_i^2,
// and its generalisation E[H^ A H^] = H A H + q sum_i H_i A H_i (symmetric A), which the recursion uses.
// LHS by enumeration of the 2^n Bernoulli patterns (exact in the exact tier), RHS in closed form.
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_id_33 {
namespace {

using namespace stab;

const std::vector<std::string> kKinds = {"wishart", "lowrank", "rankone", "diagonal", "commuting",
                                          "clustered", "orthogonal", "aligned", "independent", "construction-b"};

Sample finish(Sample s, int code) {
  // eta is irrelevant for (33); B: integer (drawn) or, for code 1, the non-integer 2n/3
  if (code == 1) s.scalars["B"] = Rat(int(s.family("H").size()) * 2, 3);
  return s;
}

auto body(bool general) {  // (33) and its generalisation in one body, compiled once per tier
  return [general](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    auto ps = mom::patterns(m);
    Mat<T> A = general ? s.mat_as<T>("A") : Mat<T>(Mat<T>::Identity(m.d, m.d));
    Mat<T> lhs = mom::enum_E_HAH(ps, A);
    Mat<T> rhs = mom::closed_E_HAH(m, A);
    // rounding scale from the inputs: |entries of H^ A H^| <= d^2 ((n/B) hmax)^2 max|A|
    const T hb = (T(m.n) / m.B) * hmax_entry(m);
    const T sc = T(m.d * m.d) * hb * hb * (general ? max_entry(A) : T(1));
    return sides(max_abs_diff(lhs, rhs), Real<T>(real(T(0))), Real<T>(real(sc)));
  };
}

Claim make() {
  return Claim{
      .id = "ID-33", .source = "Definition 3 and eq. (33) (appendix C.8)",
      .statement = "E[H^2] = H^2 + (1/(Bn) - 1/n^2) sum_i H_i^2, H = (1/n) sum H_i, H^ = (1/B) sum x_i H_i, x_i ~ Bernoulli(B/n)",
      .families = with_matrix(per_kind(kKinds, {.n_lo = 1, .n_hi = 6, .d_lo = 1, .d_hi = 3, .scales = {0, -3, 3}, .ncodes = 2}, finish,
                                       "; code 1: B = 2n/3 (non-integer)"),
                              "A", gen::Kind::SymIndefinite),
      .variants = {
          {.slug = "as-stated",
           .statement = "max_ij |E[H^2] - H^2 - q sum_i H_i^2| = 0 (E by enumeration of the 2^n patterns)",
           .rel = Rel::Eq,
           .eval = make_evaluator(body(false)),
           .note = "the paper's identity (33)",
           .checks = {"(33)"}},
          {.slug = "general-A",
           .statement = "max_ij |E[H^ A H^] - H A H - q sum_i H_i A H_i| = 0 for symmetric (indefinite) A",
           .rel = Rel::Eq,
           .eval = make_evaluator(body(true)),
           .note = "the generalisation the recursion (35) relies on",
           .checks = {"(35)d"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_id_33
