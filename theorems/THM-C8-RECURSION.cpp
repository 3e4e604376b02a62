// THM-C8-RECURSION — the one-step identity (34)/(35):
//   E[J^T M J] = Jbar M Jbar + eta^2 (1/(nB) - 1/n^2) (I + c H)(sum_i H_i M H_i)(I + c H),  J^ = I - eta H^ (I + c H).
// LHS by enumeration of the 2^n patterns, RHS in closed form; M any symmetric matrix (M_0 = I gives (34)).
// Two wrong placements are evaluated as well and must be found to differ.
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_thm_c8_recursion {
namespace {

using namespace stab;

const std::vector<std::string> kKinds = {"wishart", "lowrank", "rankone", "diagonal", "commuting",
                                          "clustered", "orthogonal", "independent", "pm-identity"};

Sample finish(Sample s, int code) {
  static const std::vector<Rat> u = {Rat(1, 2), Rat(1), Rat(2), Rat(1, 10), Rat(3)};
  s.scalars["eta"] = step_over_mu_max(s, u, size_t(code));  // an identity: any eta > 0
  if (code >= 5) s.scalars["B"] = Rat(int(s.family("H").size()) * 2, 3);
  return s;
}

enum class Form { Chosen, Reversed, Placement };

auto body(Form form, bool identity) {  // one body for every placement, compiled once per tier
  return [form, identity](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    Mat<T> A = identity ? Mat<T>(Mat<T>::Identity(m.d, m.d)) : s.mat_as<T>("A");
    Mat<T> lhs = mom::enum_E_JtAJ(mom::patterns(m), A);
    Mat<T> noise;
    const T f = m.eta * m.eta * m.q;
    if (form == Form::Chosen) {
      noise = mom::N_map(m, A);
    } else if (form == Form::Reversed) {  // sum_i H_i C M C H_i  (what J^ = I - eta C H^ would give)
      noise = mom::sumHAH(m.H, Mat<T>(Mat<T>(m.C * A) * m.C)) * f;
    } else {  // sum_i C H_i^2 M C
      Mat<T> s2 = Mat<T>::Zero(m.d, m.d);
      for (const auto& h : m.H) s2 += Mat<T>(h * h);
      noise = Mat<T>(Mat<T>(Mat<T>(m.C * s2) * A) * m.C) * f;
    }
    Mat<T> rhs = mom::L_map(m, A) + noise;
    // rounding scale from the inputs: |entries of J^T M J| <= d^2 max|J^|^2 max|M|
    const T jb = jhat_bound(m);
    const T sc = T(m.d * m.d) * jb * jb * max_entry(A);
    return sides(max_abs_diff(lhs, rhs), Real<T>(real(T(0))), Real<T>(real(sc)));
  };
}

Claim make() {
  const Base shape{.n_lo = 1, .n_hi = 5, .d_lo = 1, .d_hi = 3, .c_units = {Rat(1, 2), Rat(0), Rat(2)}, .scales = {0, -3, 3}, .ncodes = 10};
  return Claim{
      .id = "THM-C8-RECURSION", .source = "Theorem C.8 proof, eqs. (34)-(35)",
      .statement = "E[J^T M_{k-1} J] = Jbar M_{k-1} Jbar + eta^2 (1/(nB) - 1/n^2) (I + rho/alpha H)(sum_i H_i M_{k-1} H_i)(I + rho/alpha H)",
      .readings = {{.name = "I + rho/alpha H",
                    .text = "the OCR '(H aH)' next to the sum in (35) read as (I + rho/alpha H), which matches (34) and (36)",
                    .chosen = true}},
      .uses = {"ID-33"},
      .families = with_matrix(per_kind(kKinds, shape, finish, "; eta mu_max in {1/2,1,2,1/10,3}; codes >= 5: B = 2n/3; M symmetric indefinite"),
                              "A", gen::Kind::SymIndefinite),
      .variants = {
          {.slug = "as-stated",
           .statement = "max_ij |E[J^T M J] - Jbar M Jbar - eta^2 q C (sum H_i M H_i) C| = 0, M symmetric (C = I + cH outside)",
           .rel = Rel::Eq,
           .eval = make_evaluator(body(Form::Chosen, false)),
           .note = "chosen reading of the OCR '(H aH)': the factor is I + rho/alpha H; follows from J^T = I - eta C H^",
           .checks = {"(35)d", "(61)b"}},
          {.slug = "M0-identity-(34)",
           .statement = "max_ij |E[J^T J] - Jbar^2 - eta^2 q C (sum H_i^2) C| = 0",
           .rel = Rel::Eq,
           .eval = make_evaluator(body(Form::Chosen, true)),
           .note = "(34), the case M_0 = I",
           .checks = {"(34)a", "(52)b", "(80)c"}},
          {.slug = "wrong-reversed",
           .statement = "max_ij |E[J^T M J] - Jbar M Jbar - eta^2 q sum_i H_i C M C H_i| = 0 (C inside: the J^ = I - eta C H^ placement)",
           .rel = Rel::Eq,
           .eval = make_evaluator(body(Form::Reversed, false)),
           .note = "wrong placement (i), must differ",
           .checks = {"(35)d"}},
          {.slug = "wrong-placement",
           .statement = "max_ij |E[J^T M J] - Jbar M Jbar - eta^2 q C (sum_i H_i^2) M C| = 0",
           .rel = Rel::Eq,
           .eval = make_evaluator(body(Form::Placement, false)),
           .note = "wrong placement (ii), must differ",
           .checks = {"(35)d"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c8_recursion
