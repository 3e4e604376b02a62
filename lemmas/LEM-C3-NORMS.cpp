// LEM-C3-NORMS — Lemma C.3 ("l_inf - l_1 norm inequality"; the title is garbled in the OCR):
//   for any x in R^d:  ||x||_inf <= ||x||_1 <= sqrt(d) ||x||_2.
// Both inequalities checked exactly on rational vectors: max_i |x_i| <= sum_i |x_i| and, squared,
// (sum_i |x_i|)^2 <= d sum_i x_i^2. Families include d = 1, the zero vector, one non-zero entry
// (equality in the first) and constant vectors (equality in the second).
#include "generators/kit.hpp"

namespace stabcheck::claim_lem_c3_norms {
namespace {

rc::Gen<Sample> vec(rc::Gen<MatQ> g) {
  return rc::gen::map(std::move(g), [](const MatQ& x) {
    Sample s;
    s.mats["x"] = x;
    return s;
  });
}

/// A d x 1 vector built from d, d = 1..8 (shrinks toward 1), scaled by 10^{0,+-2,+-6}.
template <class F> rc::Gen<Sample> vectors(int d_lo, int d_hi, F make) {
  return vec(rc::gen::mapcat(gen::dim(d_lo, d_hi), [make](int d) { return gen::scaled(make(d)); }));
}

template <bool Second> auto bound() {
  return [](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    Mat<T> x = s.mat_as<T>("x");
    T inf = T(0), one = T(0);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      T a = abs(x(i, 0));
      one += a;
      if (a > inf) inf = a;
    }
    if constexpr (Second) return sides(real(T(one * one)), real(T(T(int(x.rows())) * fro2(x))));  // ||x||_1^2 <= d ||x||_2^2
    else return sides(real(inf), real(one));                                                    // ||x||_inf <= ||x||_1
  };
}

Claim make() {
  Claim c;
  c.id = "LEM-C3-NORMS";
  c.source = "Lemma C.3";
  c.statement = "For any x in R^d: ||x||_inf <= ||x||_1 <= sqrt(d) ||x||_2";
  auto ints = [](int d) { return gen::int_matrix(d, 1); };
  c.families.push_back({"integer", "integer entries in [-3,3], d = 1..8, scaled 10^{0,+-2,+-6}", vectors(1, 8, ints)});
  c.families.push_back({"rational", "entries p/q, p in [-5,5], q in 2..7, d = 1..8, scaled",
                        vectors(1, 8, [](int d) {
                          return rc::gen::map(rc::gen::pair(gen::int_matrix(d, 1, 5), rc::gen::inRange(2, 8)),
                                              [](const std::pair<MatQ, int>& p) { return MatQ(p.first / Rat(p.second)); });
                        })});
  c.families.push_back({"d1", "d = 1 (integer entry, scaled)", vectors(1, 1, ints)});
  c.families.push_back({"zero", "the zero vector, d = 1..8", vectors(1, 8, [](int d) { return rc::gen::just(MatQ(MatQ::Zero(d, 1))); })});
  c.families.push_back({"one-nonzero", "v e_i, v in 1..9, d = 1..8, scaled (equality in ||x||_inf <= ||x||_1)",
                        vectors(1, 8, [](int d) {
                          return rc::gen::map(rc::gen::pair(rc::gen::inRange(0, d), gen::small_int(9)), [d](const std::pair<int, int>& p) {
                            MatQ x = MatQ::Zero(d, 1);
                            x(p.first, 0) = p.second == 0 ? 1 : p.second;
                            return x;
                          });
                        })});
  c.families.push_back({"constant", "v (1, ..., 1), v = p/q, d = 1..8, scaled (equality in ||x||_1 <= sqrt(d) ||x||_2)",
                        vectors(1, 8, [](int d) {
                          return rc::gen::map(rc::gen::pair(gen::small_int(9), rc::gen::inRange(1, 8)), [d](const std::pair<int, int>& p) {
                            return MatQ(MatQ::Constant(d, 1, Rat(p.first, p.second)));
                          });
                        })});
  Variant first;
  first.slug = "inf-le-1";
  first.statement = "max_i |x_i| <= sum_i |x_i|";
  first.rel = Rel::Le;
  first.eval = make_evaluator(bound<false>());
  first.note = "first inequality, exact";
  first.expected = Verdict::Holds;
  c.variants.push_back(first);
  Variant second = first;
  second.slug = "1-le-sqrt-d-2";
  second.statement = "(sum_i |x_i|)^2 <= d sum_i x_i^2   (i.e. ||x||_1 <= sqrt(d) ||x||_2, squared: exact)";
  second.eval = make_evaluator(bound<true>());
  second.note = "second inequality, squared so that both sides are rational";
  c.variants.push_back(second);
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_lem_c3_norms
