// EQ-38-39-PRUNING — the use of Lemma C.1 inside (38)-(40), proof of Theorem C.8 (spec lemmas-and-relu.md §2).
//
// P = I + cH, H = (1/n) sum_i H_i, m = 1 + c lambda_min(H) = lambda_min(P), y = (y_1..y_k) in [n]^k, and
//   C_P(y) = Tr[P H_yk P H_yk-1 ... P H_y1^2 P ... H_yk-1 P H_yk P] = ||P H_yk P ... P H_y1||_F^2,  C_I(y): P = I.
// (39) per sequence ("By continue pruning"):  C_P(y) >= (1 + c lambda_min(H))^{2k} C_I(y)   for every y.
// (40) summed:   sum_{y in [n]^k} C_P(y) >= (1 + c lambda_min(H))^{2k} sum_{y in [n]^k} C_I(y).
// (38) the links: peel the outer pair of P's with Lemma C.1, move H_yk^2 to the end by cyclicity, repeat.
//
// Links as checked here. After j-1 peels the trace is T_{j-1} = Tr[P X_j P R_j] with
//   M_j = H_{y_{k-j+1}} P H_{y_{k-j}} P ... P H_{y_1},  X_j = M_j M_j^T (PSD),
//   U_j = H_{y_k} H_{y_{k-1}} ... H_{y_{k-j+2}} (U_1 = I),  R_j = U_j^T U_j (PSD),
// and link j claims T_{j-1} >= m^2 T_j, T_j = Tr[X_j R_j]; T_0 = C_P(y), T_k = C_I(y).
//   link 1 (R = I): Tr[P^2 X_1] >= lambda_min(P^2) Tr X_1, Lemma C.1 with A = P^2, B = X_1 (PSD).
//   link j >= 2: Lemma C.1 twice with A = P: Tr[P (X P R)] >= m Tr[X P R] (half 1, B1 = X_j P R_j), then
//                Tr[P (R X)] >= m Tr[R X] (half 2, B2 = R_j X_j). B1, B2 are products of PSD matrices, not symmetric
//                in general. Variants record whether each B is PSD (symmetric and lambda_min >= 0) and whether its
//                symmetric part is PSD (the weaker condition under which Lemma C.1 holds for a non-symmetric B).
// Samples: n in {3,4} (H contains matrices that are not in the chain), d in {2,3}, k in {2,3} (separate
// families), c in {1/10, 1, 10}, H_i rank-one, full-rank (Wishart), weighted rank-one and the other family kinds;
// y drawn in [n]^k.
// Edge family: n in 1..3, d in 1..2, k in 1..3. After shrinking, counterexamples are reduced by deleting a
// coordinate or a member that y does not use (n stays >= 3 in the main families).
#include "generators/kit.hpp"
#include "generators/c9_chain_samples.hpp"
#include "generators/coherence.hpp"

namespace stabcheck::claim_eq_38_39_pruning {
namespace {

using c9::HKind;
using gen::FamilyKind;

template <class T> struct In {
  coh::Fam<T> h;
  Mat<T> H, P;
  Real<T> m;           // 1 + c lambda_min(H) = lambda_min(P)
  std::vector<int> y;  // 0-based, y[0] = y_1
  int k;
};
template <class T> In<T> load(const Sample& s) {
  In<T> in;
  in.h = coh::tier_family<T>(s.family("H"));
  in.H = coh::mean(in.h);
  T c = s.scalar_as<T>("c");
  in.P = coh::sam_P(in.H, c);
  in.m = real_of<T>(Rat(1)) + real(c) * lmin(in.H);
  in.k = int(s.integer("k"));
  for (int j = 1; j <= in.k; ++j) in.y.push_back(int(s.integer("y" + std::to_string(j))) - 1);
  return in;
}

/// Pi = prod_j ||P||_F^2 ||H_yj||_F^2: bounds every per-sequence quantity (first-order rounding errors of traces of
/// products such as Tr[X P R] are of order eps * Pi).
template <class T> T chain_prod(const In<T>& in) {
  T p = T(1), pf = fro2(in.P);
  for (int j : in.y) p = p * pf * fro2(in.h[size_t(j)]);
  return p;
}
template <class T> Real<T> chain_scale(const In<T>& in) { return real(chain_prod(in)); }
/// For squared Frobenius norms of products, ||L||_F^2 with L a product of the factors, the rounding error is of
/// order eps ||L||_F sqrt(Pi): the magnitude is the geometric mean sqrt(max(lhs, rhs) Pi) (never below max(lhs, rhs)).
template <class T> Real<T> norm_scale(const In<T>& in, const Real<T>& lhs, const Real<T>& rhs) {
  return sqrt(Real<T>(coh::max_real(abs(lhs), abs(rhs)) * chain_scale(in)));
}

/// M_j, U_j of link j (1-based): T_{j-1} = ||U_j P M_j||_F^2, T_j = ||U_j M_j||_F^2.
template <class T> std::pair<Mat<T>, Mat<T>> link_MU(const In<T>& in, int j) {
  const int k = in.k;
  Mat<T> M = in.h[size_t(in.y[size_t(k - j)])];
  for (int i = k - j - 1; i >= 0; --i) M = Mat<T>(M * in.P * in.h[size_t(in.y[size_t(i)])]);
  const Eigen::Index d = in.P.rows();
  Mat<T> U = Mat<T>::Identity(d, d);
  for (int i = k - 1; i >= k - j + 1; --i) U = Mat<T>(U * in.h[size_t(in.y[size_t(i)])]);
  return {M, U};
}
/// X_j = M_j M_j^T, R_j = U_j^T U_j.
template <class T> std::pair<Mat<T>, Mat<T>> link_XR(const In<T>& in, int j) {
  auto [M, U] = link_MU(in, j);
  return {Mat<T>(M * M.transpose()), Mat<T>(U.transpose() * U)};
}

auto per_sequence = [](auto tier, const Sample& s) {  // (39)
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  Real<T> lhs = real(coh::chain(in.h, in.P, in.y)), rhs = ipow(in.m, 2 * in.k) * real(coh::chain(in.h, in.y));
  return sides(lhs, rhs, norm_scale(in, lhs, rhs));
};

auto summed = [](auto tier, const Sample& s) {  // (40)
  using T = typename decltype(tier)::type;
  auto in = load<T>(s);
  T sh = T(0);
  for (const auto& m : in.h) sh += fro2(m);
  Real<T> scale = real(ipow(T(fro2(in.P) * sh), in.k));
  return sides(real(coh::chain_sum(in.h, in.P, in.k)), Real<T>(ipow(in.m, 2 * in.k) * real(coh::chain_sum(in.h, in.k))), scale);
};

enum class Part { Link, Half1, Half2 };
/// Link J (1-based) or one of its two Lemma C.1 applications: one body for every J and part, so that each tier is
/// compiled once (the parameters are the lambda's, not template arguments).
auto link(int J, Part part) {
  return [J, part](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto in = load<T>(s);
    const Mat<T>& P = in.P;
    if (part == Part::Link) {  // Tr[P X P R] = ||U P M||_F^2 >= m^2 Tr[X R] = m^2 ||U M||_F^2
      auto [M, U] = link_MU(in, J);
      Real<T> lhs = real(fro2(Mat<T>(U * P * M))), rhs = in.m * in.m * real(fro2(Mat<T>(U * M)));
      return sides(lhs, rhs, norm_scale(in, lhs, rhs));
    }
    auto [X, R] = link_XR(in, J);
    if (part == Part::Half1)  // Tr[P (X P R)] >= m Tr[X P R]
      return sides(real(trace_prod(P, Mat<T>(X * P * R))), Real<T>(in.m * real(T(Mat<T>(X * P * R).trace()))), chain_scale(in));
    else  // Tr[P (R X)] >= m Tr[R X]
      return sides(real(trace_prod(P, Mat<T>(R * X))), Real<T>(in.m * real(trace_prod(R, X))), chain_scale(in));
  };
}

enum class Which { X1, B1, B2 };
/// B of a Lemma C.1 application. strict: B PSD (symmetric and lambda_min >= 0), as
///   min(lambda_min(sym B), -||B - B^T||_F) >= 0;   otherwise: lambda_min(sym B) >= 0.
auto b_psd(int J, Which w, bool strict) {
  return [J, w, strict](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto in = load<T>(s);
    auto [X, R] = link_XR(in, J);
    Mat<T> B = w == Which::X1 ? X : w == Which::B1 ? Mat<T>(X * in.P * R) : Mat<T>(R * X);
    Mat<T> sym = (B + B.transpose()) / T(2);
    Real<T> lo = lmin(sym);
    Real<T> scale = sqrt(real(T(fro2(X) * fro2(in.P) * fro2(R)))) + sqrt(real(fro2(B)));
    if (strict) {
      Real<T> skew = sqrt(real(fro2(Mat<T>(B - B.transpose()))));
      return sides(Real<T>(coh::max_real(Real<T>(-lo), skew) * Real<T>(-1)), Real<T>(0), scale);
    } else {
      return sides(lo, Real<T>(0), scale);
    }
  };
}

std::string name(const c9::PruningKind& kd, int k) { return kd.name + ".k" + std::to_string(k); }

std::vector<Family> families() {
  std::vector<Family> out;
  for (const auto& kd : c9::pruning_kinds())
    for (int k : {2, 3})
      out.push_back({.name = name(kd, k),
                     .description = "H_i: " + kd.name + ", n in {3,4}, d in {2,3}, k = " + std::to_string(k) +
                                    ", c in {1, 1/10, 10}, y drawn in [n]^k",
                     .gen = c9::pruning_main(kd, k),
                     .reduce = [](const Sample& s) { return coh::reduce_family(s, 3, 1); }});
  out.push_back({.name = "edge",
                 .description = "smallest sizes: n in 1..3, d in 1..2, k in 1..3, any family kind, c in {1, 1/10, 10}",
                 .gen = c9::pruning_edge(),
                 .reduce = [](const Sample& s) { return coh::reduce_family(s, 1, 1); }});
  return out;
}

/// The variants of link J (J = 2, 3): the link, its two Lemma C.1 applications, and whether their B are PSD.
struct LinkPart {
  std::string suffix, statement, note;
  Evaluator eval;
};
std::vector<LinkPart> link_parts(int J) {
  const std::string j = std::to_string(J);
  return {
      {"", "Tr[P X_" + j + " P R_" + j + "] >= m^2 Tr[X_" + j + " R_" + j + "]",
       "link " + j + " of (38): the pair of P's around H_{y_{k-" + std::to_string(J - 1) + "}} peeled after moving the "
       "already-peeled factors to the end by cyclicity",
       make_evaluator(link(J, Part::Link))},
      {".half1", "Tr[P (X P R)] >= m Tr[X P R]  (link " + j + ", first Lemma C.1 application)",
       "Lemma C.1 lower bound with A = P, B1 = X P R", make_evaluator(link(J, Part::Half1))},
      {".half2", "Tr[P (R X)] >= m Tr[R X]  (link " + j + ", second Lemma C.1 application)",
       "Lemma C.1 lower bound with A = P, B2 = R X", make_evaluator(link(J, Part::Half2))},
      {".B1-psd", "B1 = X P R is PSD: symmetric and lambda_min >= 0 (min(lambda_min(sym B1), -||B1 - B1^T||_F) >= 0)",
       "records whether the B of the first application is PSD", make_evaluator(b_psd(J, Which::B1, true))},
      {".B1-sym-part-psd", "lambda_min((B1 + B1^T)/2) >= 0, B1 = X P R",
       "records whether B1 satisfies the weaker condition under which Lemma C.1 still holds (PSD symmetric part)",
       make_evaluator(b_psd(J, Which::B1, false))},
      {".B2-psd", "B2 = R X is PSD: symmetric and lambda_min >= 0", "records whether the B of the second application is PSD",
       make_evaluator(b_psd(J, Which::B2, true))},
      {".B2-sym-part-psd", "lambda_min((B2 + B2^T)/2) >= 0, B2 = R X", "records whether B2 has a PSD symmetric part",
       make_evaluator(b_psd(J, Which::B2, false))},
  };
}

Claim make() {
  const std::string m = "m = 1 + c lambda_min(H)";
  Claim c{
      .id = "EQ-38-39-PRUNING", .source = "Proof of Theorem C.8, eqs. (38)-(40) (Lemma C.1 applied repeatedly)",
      .statement = "Tr[(I+cH)H_yk...(I+cH)H_y1^2(I+cH)...H_yk(I+cH)] >= (1+c lambda_min(H))^{2k} Tr[H_yk...H_y1^2...H_yk] for every y (39), "
                   "and summed over y in [n]^k (40); c = rho/alpha",
      .uses = {"LEM-C1-TRACE-BOUNDS", "LEM-C2-CYCLIC"},
      .families = families(),
      .variants = {
          {.slug = "per-sequence", .statement = "C_P(y) >= m^{2k} C_I(y) for the drawn y, " + m, .rel = Rel::Ge,
           .eval = make_evaluator(per_sequence),
           .note = "(39) as printed. Only the first peel is a valid use of Lemma C.1 (B = X_1 PSD); a single sequence can "
                   "even have C_P(y) = 0 < C_I(y) (g_2^T P g_1 = 0 != g_2^T g_1 for rank-one H_i)",
           .checks = {"(39)"}},
          {.slug = "summed", .statement = "sum_{y in [n]^k} C_P(y) >= m^{2k} sum_y C_I(y) (Tr N_P^k(I) vs Tr N_I^k(I))", .rel = Rel::Ge,
           .eval = make_evaluator(summed), .note = "(40), what (29) uses; both sums by the recursion A -> P(sum_i H_i A H_i)P",
           .checks = {"(40)"}},
          {.slug = "per-sequence.commuting", .statement = "C_P(y) >= m^{2k} C_I(y), H_i pairwise commuting", .rel = Rel::Ge,
           .eval = make_evaluator(per_sequence),
           .note = "repaired hypothesis: when the H_i commute, P commutes with every factor and (39) follows from "
                   "P^{2k} >= m^{2k} I (commuting, aligned, orthogonal families)",
           .families = {"commuting.*", "orthogonal.*", "aligned.*"}},
          {.slug = "link1", .statement = "Tr[P X_1 P] >= m^2 Tr[X_1]  (outer pair of P peeled)", .rel = Rel::Ge,
           .eval = make_evaluator(link(1, Part::Link)), .note = "first line of (38): Lemma C.1 with A = P^2, B = X_1",
           .checks = {"(38)b"}},
          {.slug = "link1.B-psd", .statement = "B = X_1 = M_1 M_1^T is PSD (lambda_min(B) >= 0)", .rel = Rel::Ge,
           .eval = make_evaluator(b_psd(1, Which::X1, false)), .note = "records whether the B of the first Lemma C.1 application is PSD",
           .checks = {"(38)b"}},
      },
  };
  for (int j : {2, 3})
    for (const auto& p : link_parts(j))  // link j on the families with k >= j
      c.variants.push_back({.slug = "link" + std::to_string(j) + p.suffix,
                            .statement = p.statement,
                            .rel = Rel::Ge,
                            .eval = p.eval,
                            .note = p.note + (j == 2 ? " (k in {2,3})" : " (k = 3)"),
                            .families = {j == 2 ? "*.k[23]" : "*.k3"},
                            // (38)d: link 2 with its two applications and B flags; of link 3, the link itself
                            .checks = j == 2 || p.suffix.empty() ? std::vector<std::string>{"(38)d"} : std::vector<std::string>{}});
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_eq_38_39_pruning
