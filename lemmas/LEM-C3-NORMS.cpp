// LEM-C3-NORMS — Lemma C.3 ("l_inf - l_1 norm inequality"; the title is garbled in the OCR):
//   for any x in R^d:  ||x||_inf <= ||x||_1 <= sqrt(d) ||x||_2.
// Both inequalities checked exactly on rational vectors: max_i |x_i| <= sum_i |x_i| and, squared,
// (sum_i |x_i|)^2 <= d sum_i x_i^2. Families include d = 1, the zero vector, one non-zero entry
// (equality in the first) and constant vectors (equality in the second).
#include "generators/kit.hpp"
#include "generators/c8_norm_vectors.hpp"

namespace stabcheck::claim_lem_c3_norms {
namespace {

auto bound(bool second) {  // both inequalities in one body, compiled once per tier
  return [second](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    Mat<T> x = s.mat_as<T>("x");
    T inf = T(0), one = T(0);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      T a = abs(x(i, 0));
      one += a;
      if (a > inf) inf = a;
    }
    if (second) return sides(real(T(one * one)), real(T(T(int(x.rows())) * fro2(x))));  // ||x||_1^2 <= d ||x||_2^2
    else return sides(real(inf), real(one));                                                    // ||x||_inf <= ||x||_1
  };
}

Claim make() {
  return Claim{
      .id = "LEM-C3-NORMS", .source = "Lemma C.3",
      .statement = "For any x in R^d: ||x||_inf <= ||x||_1 <= sqrt(d) ||x||_2",
      .families = {
          {.name = "integer",
           .description = "integer entries in [-3,3], d = 1..8, scaled 10^{0,+-2,+-6}",
           .gen = gen::scaled_vectors(1, 8, gen::int_column)},
          {.name = "rational",
           .description = "entries p/q, p in [-5,5], q in 2..7, d = 1..8, scaled",
           .gen = gen::scaled_vectors(1, 8, gen::rational_column)},
          {.name = "d1", .description = "d = 1 (integer entry, scaled)", .gen = gen::scaled_vectors(1, 1, gen::int_column)},
          {.name = "zero", .description = "the zero vector, d = 1..8", .gen = gen::scaled_vectors(1, 8, gen::zero_column)},
          {.name = "one-nonzero",
           .description = "v e_i, v in 1..9, d = 1..8, scaled (equality in ||x||_inf <= ||x||_1)",
           .gen = gen::scaled_vectors(1, 8, gen::one_nonzero_column)},
          {.name = "constant",
           .description = "v (1, ..., 1), v = p/q, d = 1..8, scaled (equality in ||x||_1 <= sqrt(d) ||x||_2)",
           .gen = gen::scaled_vectors(1, 8, gen::constant_column)},
      },
      .variants = {
          {.slug = "inf-le-1",
           .statement = "max_i |x_i| <= sum_i |x_i|",
           .rel = Rel::Le,
           .eval = make_evaluator(bound(false)),
           .note = "first inequality, exact",
           .checks = {"L.C3.1"}},
          {.slug = "1-le-sqrt-d-2",
           .statement = "(sum_i |x_i|)^2 <= d sum_i x_i^2   (i.e. ||x||_1 <= sqrt(d) ||x||_2, squared: exact)",
           .rel = Rel::Le,
           .eval = make_evaluator(bound(true)),
           .note = "second inequality, squared so that both sides are rational",
           .checks = {"L.C3.2"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_lem_c3_norms
