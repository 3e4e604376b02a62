// LEM-C6-TRACE-S1 — Lemma C.6 (cites Bhatia 2013):
//   for M_1, ..., M_k in R^{n x n}:  Tr[M_1 ... M_k] <= ||M_1 ... M_k||_{S_1}.
// ||.||_{S_1} under both readings of LEM-C5: R1 sum of singular values, R2 sum of eigenvalue moduli.
// The product and its trace are exact; k = 1..4 and n = 1..5 shrink toward 1. Factor families by shape,
// plus "psd-product" (M_k = (M_1 ... M_{k-1})^T, or M_1 = G G^T for k = 1: the product is PSD, equality
// under both readings).
#include "generators/kit.hpp"
#include "generators/lem_matrix_samples.hpp"
#include "generators/products.hpp"

namespace stabcheck::claim_lem_c6_trace_s1 {
namespace {

using gen::Shape;

auto bound(bool eig) {  // reading R2 when eig, else R1
  return [eig](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    Mat<T> P = gen::product(s.family_as<T>("M"));
    Real<T> s1 = Real<T>(0);
    for (const auto& x : eig ? eig_moduli(P) : svals(P)) s1 += x;
    // |Tr P| and both S_1 readings are <= sqrt(n) ||P||_F; rounding errors scale with ||P||
    auto scale = sqrt(real(T(fro2(P) * T(int(P.rows())))));
    return sides(real(T(P.trace())), s1, scale);
  };
}

/// One family per factor shape, then "psd-product".
std::vector<Family> families() {
  std::vector<Family> fs;
  for (Shape sh : gen::shapes())
    fs.push_back({.name = gen::shape_name(sh),
                  .description = "k = 1..4 " + gen::shape_name(sh) + " factors n x n, n = 1..5, each scaled 10^{0,+-2,+-6}",
                  .gen = gen::lem_factors(gen::square_chain(sh, 1, 4, 1, 5))});
  fs.push_back({.name = "psd-product",
                .description = "M_1..M_{k-1} general, M_k = (M_1 ... M_{k-1})^T (k = 1: M_1 = G G^T); product PSD (equality)",
                .gen = gen::lem_factors(gen::lem_psd_product_chain())});
  return fs;
}

Claim make() {
  return Claim{
      .id = "LEM-C6-TRACE-S1", .source = "Lemma C.6",
      .statement = "For M_1, ..., M_k in R^{n x n}: Tr[M_1 ... M_k] <= ||M_1 ... M_k||_{S_1}",
      .readings = {{.name = "R1", .text = "||M||_{S_1} = sum_i sigma_i(M) (singular values; LEM-C5 reading R1)", .chosen = true},
                   {.name = "R2", .text = "||M||_{S_1} = sum_i |lambda_i(M)| (eigenvalue moduli; LEM-C5 reading R2, literal)"}},
      .families = families(),
      .variants = {
          {.slug = "r1", .statement = "Tr[M_1 ... M_k] <= sum_i sigma_i(M_1 ... M_k)", .rel = Rel::Le,
           .eval = make_evaluator(bound(false)), .note = "R1 (singular values), primary reading", .checks = {"L.C6"}},
          {.slug = "r2", .statement = "Tr[M_1 ... M_k] <= sum_i |lambda_i(M_1 ... M_k)|", .rel = Rel::Le,
           .eval = make_evaluator(bound(true)), .note = "R2 (eigenvalue moduli), literal reading", .checks = {"L.C6"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_lem_c6_trace_s1
