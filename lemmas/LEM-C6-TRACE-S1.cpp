// LEM-C6-TRACE-S1 — Lemma C.6 (cites Bhatia 2013):
//   for M_1, ..., M_k in R^{n x n}:  Tr[M_1 ... M_k] <= ||M_1 ... M_k||_{S_1}.
// ||.||_{S_1} under both readings of LEM-C5: R1 sum of singular values, R2 sum of eigenvalue moduli.
// The product and its trace are exact; k = 1..4 and n = 1..5 shrink toward 1. Factor families by shape,
// plus "psd-product" (M_k = (M_1 ... M_{k-1})^T, or M_1 = G G^T for k = 1: the product is PSD, equality
// under both readings).
#include "generators/kit.hpp"
#include "generators/products.hpp"

namespace stabcheck::claim_lem_c6_trace_s1 {
namespace {

using gen::Shape;

rc::Gen<Sample> factors(rc::Gen<std::vector<MatQ>> g) {
  return rc::gen::map(std::move(g), [](const std::vector<MatQ>& m) {
    Sample s;
    s.families["M"] = m;
    return s;
  });
}

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

Claim make() {
  Claim c;
  c.id = "LEM-C6-TRACE-S1";
  c.source = "Lemma C.6";
  c.statement = "For M_1, ..., M_k in R^{n x n}: Tr[M_1 ... M_k] <= ||M_1 ... M_k||_{S_1}";
  for (Shape sh : gen::shapes())
    c.families.push_back({gen::shape_name(sh), "k = 1..4 " + gen::shape_name(sh) + " factors n x n, n = 1..5, each scaled 10^{0,+-2,+-6}",
                          factors(gen::square_chain(sh, 1, 4, 1, 5))});
  c.families.push_back({"psd-product", "M_1..M_{k-1} general, M_k = (M_1 ... M_{k-1})^T (k = 1: M_1 = G G^T); product PSD (equality)",
                        factors(rc::gen::map(gen::square_chain(Shape::General, 1, 4, 1, 5), [](std::vector<MatQ> m) {
                          if (m.size() == 1) m[0] = MatQ(m[0] * m[0].transpose());
                          else m.back() = gen::product(std::vector<MatQ>(m.begin(), m.end() - 1)).transpose();
                          return m;
                        }))});
  Variant r1;
  r1.slug = "r1";
  r1.statement = "Tr[M_1 ... M_k] <= sum_i sigma_i(M_1 ... M_k)";
  r1.rel = Rel::Le;
  r1.eval = make_evaluator(bound(false));
  r1.note = "R1 (singular values), primary reading";
  r1.expected = Verdict::Holds;
  c.variants.push_back(r1);
  Variant r2 = r1;
  r2.slug = "r2";
  r2.statement = "Tr[M_1 ... M_k] <= sum_i |lambda_i(M_1 ... M_k)|";
  r2.eval = make_evaluator(bound(true));
  r2.note = "R2 (eigenvalue moduli), literal reading";
  c.variants.push_back(r2);
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_lem_c6_trace_s1
