// LEM-C5-SCHATTEN — Lemma C.5:
//   for any M in R^{n x n}:  ||M||_F <= ||M||_{S_1} <= sqrt(n) ||M||_F,
//   "where ||M||_{S_p} is the p norm of the spectrum of M" (obtained from the l_1 - l_2 norm inequality).
// Two readings of "spectrum": R1 (standard Schatten norm) singular values, ||M||_{S_1} = sum_i sigma_i(M);
// R2 (literal) eigenvalues, sum_i |lambda_i(M)|. They agree for normal M. Each inequality is checked
// separately under each reading, on symmetric, general, nilpotent (strictly upper triangular) and
// non-normal (upper triangular D + N) matrices, plus the equality cases rank one (left) and c Q (right).
#include "generators/kit.hpp"
#include "generators/lem_matrix_samples.hpp"
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

std::vector<Family> families() {
  std::vector<Family> fs;
  for (Shape sh : {Shape::Symmetric, Shape::General, Shape::Nilpotent, Shape::NonNormal, Shape::RankOne, Shape::Orthogonal}) {
    // principal submatrices stay in the family except for D + N (may become diagonal) and c Q
    const bool closed = sh != Shape::NonNormal && sh != Shape::Orthogonal;
    fs.push_back({.name = gen::shape_name(sh),
                  .description = gen::shape_name(sh) + " n x n, n = 1..6, scaled 10^{0,+-2,+-6}",
                  .gen = gen::lem_square_m(sh),
                  .reduce = closed ? gen::drop_coordinate : nullptr});
  }
  return fs;
}

/// The readings x the two inequalities, and R2's left inequality repaired for normal M; `checks`: the derivation ids.
struct Inequality { const char* slug; bool eig, left, normal; const char* note; std::vector<std::string> checks; };
const Inequality kInequalities[] = {
    {"r1.left", false, true, false, "R1 (singular values), primary reading", {"L.C5.1"}},
    {"r1.right", false, false, false, "R1 (singular values), primary reading", {"L.C5.2"}},
    {"r2.left", true, true, false, "R2 (eigenvalue moduli), literal reading", {"L.C5.1"}},
    {"r2.right", true, false, false, "R2 (eigenvalue moduli), literal reading", {"L.C5.2"}},
    {"r2.left.normal", true, true, true, "repaired R2: M normal (then |lambda_i| = sigma_i and R2 = R1)", {}},
};

Claim make() {
  Claim c{
      .id = "LEM-C5-SCHATTEN", .source = "Lemma C.5",
      .statement = "For any M in R^{n x n}: ||M||_F <= ||M||_{S_1} <= sqrt(n) ||M||_F, ||M||_{S_p} the p norm of the spectrum of M",
      .readings = {{.name = "R1", .text = "singular values: ||M||_{S_1} = sum_i sigma_i(M) (standard meaning of Schatten norms)", .chosen = true},
                   {.name = "R2", .text = "eigenvalues (literal): ||M||_{S_1} = sum_i |lambda_i(M)|"}},
      .uses = {"LEM-C3-NORMS"},
      .families = families(),
  };
  for (const auto& r : kInequalities) {
    const std::string s1 = r.eig ? "sum_i |lambda_i(M)|" : "sum_i sigma_i(M)";
    c.variants.push_back({.slug = r.slug,
                          .statement = (r.left ? "||M||_F <= " + s1 : s1 + " <= sqrt(n) ||M||_F") +
                                       (r.normal ? " (M normal: symmetric or c Q)" : ""),
                          .rel = Rel::Le,
                          .eval = make_evaluator(bound(r.eig, r.left)),
                          .note = r.note,
                          .families = r.normal ? std::vector<std::string>{"symmetric", "scaled-orthogonal"} : std::vector<std::string>{},
                          .checks = r.checks});
  }
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_lem_c5_schatten
