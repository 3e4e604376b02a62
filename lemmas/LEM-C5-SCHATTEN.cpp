// LEM-C5-SCHATTEN — Lemma C.5:
//   for any M in R^{n x n}:  ||M||_F <= ||M||_{S_1} <= sqrt(n) ||M||_F,
//   "where ||M||_{S_p} is the p norm of the spectrum of M" (obtained from the l_1 - l_2 norm inequality).
// Two readings of "spectrum": R1 (standard Schatten norm) singular values, ||M||_{S_1} = sum_i sigma_i(M);
// R2 (literal) eigenvalues, sum_i |lambda_i(M)|. They agree for normal M. Each inequality is checked
// separately under each reading, on symmetric, general, nilpotent (strictly upper triangular) and
// non-normal (upper triangular D + N) matrices, plus the equality cases rank one (left) and c Q (right).
#include "generators/kit.hpp"
#include "generators/products.hpp"

namespace stabcheck::claim_lem_c5_schatten {
namespace {

using gen::Shape;

template <class R> R sum(const std::vector<R>& v) {
  R s = R(0);
  for (const auto& x : v) s += x;
  return s;
}

/// Reading R2 when eig, else R1; the left inequality when left, else the right one.
auto bound(bool eig, bool left) {
  return [eig, left](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    Mat<T> M = s.mat_as<T>("M");
    auto fro = sqrt(real(fro2(M)));
    auto s1 = eig ? sum(eig_moduli(M)) : sum(svals(M));
    auto sqrt_n = sqrt(real_of<T>(Rat(int(M.rows()))));
    auto scale = sqrt_n * fro;  // >= every quantity in play; rounding in sigma_i, lambda_i scales with ||M||
    return left ? sides(fro, s1, scale) : sides(s1, sqrt_n * fro, scale);
  };
}

Claim make() {
  Claim c;
  c.id = "LEM-C5-SCHATTEN";
  c.source = "Lemma C.5";
  c.statement = "For any M in R^{n x n}: ||M||_F <= ||M||_{S_1} <= sqrt(n) ||M||_F, ||M||_{S_p} the p norm of the spectrum of M";
  for (Shape sh : {Shape::Symmetric, Shape::General, Shape::Nilpotent, Shape::NonNormal, Shape::RankOne, Shape::Orthogonal}) {
    // principal submatrices stay in the family except for D + N (may become diagonal) and c Q
    const bool closed = sh != Shape::NonNormal && sh != Shape::Orthogonal;
    c.families.push_back({gen::shape_name(sh), gen::shape_name(sh) + " n x n, n = 1..6, scaled 10^{0,+-2,+-6}",
                          rc::gen::map(rc::gen::mapcat(gen::dim(1, 6), [sh](int n) { return gen::scaled(gen::square(sh, n)); }),
                                       [](const MatQ& m) {
                                         Sample s;
                                         s.mats["M"] = m;
                                         return s;
                                       }),
                          closed ? gen::drop_coordinate : nullptr});
  }
  struct Spec { const char* slug; bool eig, left; std::vector<std::string> fams; const char* note; Verdict expected; const char* witness; };
  const Spec specs[] = {
      {"r1.left", false, true, {}, "R1 (singular values), primary reading", Verdict::Holds, ""},
      {"r1.right", false, false, {}, "R1 (singular values), primary reading", Verdict::Holds, ""},
      {"r2.left", true, true, {}, "R2 (eigenvalue moduli), literal reading", Verdict::Refuted,
       "LEM-C5-SCHATTEN/r2.left/general/1/12/3.0.1.1.1.1.1"},
      {"r2.right", true, false, {}, "R2 (eigenvalue moduli), literal reading", Verdict::Holds, ""},
      {"r2.left.normal", true, true, {"symmetric", "scaled-orthogonal"},
       "repaired R2: M normal (then |lambda_i| = sigma_i and R2 = R1)", Verdict::Holds, ""},
  };
  for (const auto& sp : specs) {
    Variant v;
    v.slug = sp.slug;
    const std::string s1 = sp.eig ? "sum_i |lambda_i(M)|" : "sum_i sigma_i(M)";
    v.statement = sp.left ? "||M||_F <= " + s1 : s1 + " <= sqrt(n) ||M||_F";
    if (!sp.fams.empty()) v.statement += " (M normal: symmetric or c Q)";
    v.rel = Rel::Le;
    v.families = sp.fams;
    v.eval = make_evaluator(bound(sp.eig, sp.left));
    v.note = sp.note;
    v.expected = sp.expected;
    v.witness = sp.witness;
    c.variants.push_back(v);
  }
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_lem_c5_schatten
