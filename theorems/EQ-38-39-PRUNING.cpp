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
#include "generators/coherence.hpp"
#include <map>

namespace stabcheck::claim_eq_38_39_pruning {
namespace {

using gen::FamilyKind;

const std::vector<Rat>& cvals() {
  static const std::vector<Rat> v = {Rat(1), Rat(1, 10), Rat(10)};
  return v;
}

/// Kinds of {H_i}: the six family kinds of generators/matrices.hpp, full-rank Wishart, and weighted rank-ones
/// w_i g_i g_i^T (w_i in {1,10,100}), which make P = I + cH strongly anisotropic.
enum class HKind { Family, Wishart, Weighted };
struct Kind38 { HKind h; FamilyKind fk; std::string name; };
std::vector<Kind38> kinds() {
  std::vector<Kind38> out;
  out.push_back({HKind::Wishart, FamilyKind::Independent, "full-rank"});
  for (FamilyKind fk : gen::family_kinds()) out.push_back({HKind::Family, fk, gen::family_kind_name(fk)});
  out.push_back({HKind::Weighted, FamilyKind::RankOnes, "rank-ones.weighted"});
  return out;
}
rc::Gen<std::vector<MatQ>> hfam(const Kind38& kd, int n, int d) {
  if (kd.h == HKind::Wishart) return rc::gen::container<std::vector<MatQ>>(size_t(n), gen::matrix(gen::Kind::Wishart, d));
  if (kd.h == HKind::Weighted) return coh::weighted_rank_ones(n, d);
  return gen::family(kd.fk, n, d);
}

Sample make_sample(const std::vector<MatQ>& h, const Rat& c, const std::vector<int>& y) {
  Sample s;
  s.families["H"] = h;
  s.scalars["c"] = c;
  s.ints["n"] = long(h.size());
  s.ints["d"] = long(h.at(0).rows());
  s.ints["k"] = long(y.size());
  for (size_t j = 0; j < y.size(); ++j) s.ints["y" + std::to_string(j + 1)] = y[j] + 1;  // 1-based in reports
  return s;
}

rc::Gen<Sample> rest(const Kind38& kd, int n, int d, int k) {
  return rc::gen::map(rc::gen::tuple(hfam(kd, n, d), rc::gen::inRange(0, int(cvals().size())),
                                     rc::gen::container<std::vector<int>>(size_t(k), rc::gen::inRange(0, n))),
                      [](const std::tuple<std::vector<MatQ>, int, std::vector<int>>& t) {
                        return make_sample(std::get<0>(t), cvals()[size_t(std::get<1>(t))], std::get<2>(t));
                      });
}

rc::Gen<Sample> gen_main(Kind38 kd, int k) {
  return rc::gen::mapcat(gen::dim(3, 4), [kd, k](int n) {
    return rc::gen::mapcat(gen::dim(2, 3), [kd, k, n](int d) { return rest(kd, n, d, k); });
  });
}

rc::Gen<Sample> gen_edge() {
  return rc::gen::mapcat(gen::dim(1, 3), [](int n) {
    return rc::gen::mapcat(gen::dim(1, 2), [n](int d) {
      return rc::gen::mapcat(gen::dim(1, 3), [n, d](int k) {
        return rc::gen::mapcat(rc::gen::inRange(0, int(kinds().size())),
                               [n, d, k](int w) { return rest(kinds()[size_t(w)], n, d, k); });
      });
    });
  });
}

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
template <int J, Part part> auto link() {
  return [](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto in = load<T>(s);
    const Mat<T>& P = in.P;
    if constexpr (part == Part::Link) {  // Tr[P X P R] = ||U P M||_F^2 >= m^2 Tr[X R] = m^2 ||U M||_F^2
      auto [M, U] = link_MU(in, J);
      Real<T> lhs = real(fro2(Mat<T>(U * P * M))), rhs = in.m * in.m * real(fro2(Mat<T>(U * M)));
      return sides(lhs, rhs, norm_scale(in, lhs, rhs));
    }
    auto [X, R] = link_XR(in, J);
    if constexpr (part == Part::Half1)  // Tr[P (X P R)] >= m Tr[X P R]
      return sides(real(trace_prod(P, Mat<T>(X * P * R))), Real<T>(in.m * real(T(Mat<T>(X * P * R).trace()))), chain_scale(in));
    else  // Tr[P (R X)] >= m Tr[R X]
      return sides(real(trace_prod(P, Mat<T>(R * X))), Real<T>(in.m * real(trace_prod(R, X))), chain_scale(in));
  };
}

enum class Which { X1, B1, B2 };
/// B of a Lemma C.1 application. strict: B PSD (symmetric and lambda_min >= 0), as
///   min(lambda_min(sym B), -||B - B^T||_F) >= 0;   otherwise: lambda_min(sym B) >= 0.
template <int J, Which w, bool strict> auto b_psd() {
  return [](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto in = load<T>(s);
    auto [X, R] = link_XR(in, J);
    Mat<T> B = w == Which::X1 ? X : w == Which::B1 ? Mat<T>(X * in.P * R) : Mat<T>(R * X);
    Mat<T> sym = (B + B.transpose()) / T(2);
    Real<T> lo = lmin(sym);
    Real<T> scale = sqrt(real(T(fro2(X) * fro2(in.P) * fro2(R)))) + sqrt(real(fro2(B)));
    if constexpr (strict) {
      Real<T> skew = sqrt(real(fro2(Mat<T>(B - B.transpose()))));
      return sides(Real<T>(coh::max_real(Real<T>(-lo), skew) * Real<T>(-1)), Real<T>(0), scale);
    } else {
      return sides(lo, Real<T>(0), scale);
    }
  };
}

Variant var(const std::string& slug, const std::string& statement, Rel rel, Evaluator ev, const std::string& note,
            std::vector<std::string> fams = {}) {
  Variant v;
  v.slug = slug;
  v.statement = statement;
  v.rel = rel;
  v.eval = std::move(ev);
  v.note = note;
  v.families = std::move(fams);
  return v;
}


Claim make() {
  Claim c;
  c.id = "EQ-38-39-PRUNING";
  c.source = "Proof of Theorem C.8, eqs. (38)-(40) (Lemma C.1 applied repeatedly)";
  c.statement =
      "Tr[(I+cH)H_yk...(I+cH)H_y1^2(I+cH)...H_yk(I+cH)] >= (1+c lambda_min(H))^{2k} Tr[H_yk...H_y1^2...H_yk] for every y (39), "
      "and summed over y in [n]^k (40); c = rho/alpha";
  std::vector<std::string> all, k23, k3, commuting;
  for (const auto& kd : kinds())
    for (int k : {2, 3}) {
      std::string name = kd.name + ".k" + std::to_string(k);
      c.families.push_back({name,
                            "H_i: " + kd.name + ", n in {3,4}, d in {2,3}, k = " + std::to_string(k) +
                                ", c in {1, 1/10, 10}, y drawn in [n]^k",
                            gen_main(kd, k), [](const Sample& s) { return coh::reduce_family(s, 3, 1); }});
      all.push_back(name);
      k23.push_back(name);
      if (k == 3) k3.push_back(name);
      if (kd.h == HKind::Family &&
          (kd.fk == FamilyKind::Commuting || kd.fk == FamilyKind::Aligned || kd.fk == FamilyKind::Orthogonal))
        commuting.push_back(name);
    }
  c.families.push_back({"edge", "smallest sizes: n in 1..3, d in 1..2, k in 1..3, any family kind, c in {1, 1/10, 10}", gen_edge(),
                        [](const Sample& s) { return coh::reduce_family(s, 1, 1); }});
  all.push_back("edge");

  const std::string m = "m = 1 + c lambda_min(H)";
  c.variants.push_back(var("per-sequence", "C_P(y) >= m^{2k} C_I(y) for the drawn y, " + m, Rel::Ge,
                           make_evaluator(per_sequence),
                           "(39) as printed. Only the first peel is a valid use of Lemma C.1 (B = X_1 PSD); a single sequence can "
                           "even have C_P(y) = 0 < C_I(y) (g_2^T P g_1 = 0 != g_2^T g_1 for rank-one H_i)", all));
  c.variants.push_back(var("summed", "sum_{y in [n]^k} C_P(y) >= m^{2k} sum_y C_I(y) (Tr N_P^k(I) vs Tr N_I^k(I))", Rel::Ge,
                           make_evaluator(summed), "(40), what (29) uses; both sums by the recursion A -> P(sum_i H_i A H_i)P", all));
  c.variants.push_back(var("per-sequence.commuting", "C_P(y) >= m^{2k} C_I(y), H_i pairwise commuting", Rel::Ge,
                           make_evaluator(per_sequence),
                           "repaired hypothesis: when the H_i commute, P commutes with every factor and (39) follows from "
                           "P^{2k} >= m^{2k} I (commuting, aligned, orthogonal families)",
                           commuting));
  c.variants.push_back(var("link1", "Tr[P X_1 P] >= m^2 Tr[X_1]  (outer pair of P peeled)", Rel::Ge,
                           make_evaluator(link<1, Part::Link>()), "first line of (38): Lemma C.1 with A = P^2, B = X_1", all));
  c.variants.push_back(var("link1.B-psd", "B = X_1 = M_1 M_1^T is PSD (lambda_min(B) >= 0)", Rel::Ge,
                           make_evaluator(b_psd<1, Which::X1, false>()),
                           "records whether the B of the first Lemma C.1 application is PSD", all));
  for (int j : {2, 3}) {
    const std::string J = std::to_string(j);
    const std::vector<std::string>& fams = j == 2 ? k23 : k3;
    const std::string where = j == 2 ? "k in {2,3}" : "k = 3";
    auto add = [&](const std::string& slug, const std::string& st, Evaluator ev, const std::string& note) {
      c.variants.push_back(var("link" + J + slug, st, Rel::Ge, std::move(ev), note + " (" + where + ")", fams));
    };
    add("", "Tr[P X_" + J + " P R_" + J + "] >= m^2 Tr[X_" + J + " R_" + J + "]",
        j == 2 ? make_evaluator(link<2, Part::Link>()) : make_evaluator(link<3, Part::Link>()),
        "link " + J + " of (38): the pair of P's around H_{y_{k-" + std::to_string(j - 1) + "}} peeled after moving the "
        "already-peeled factors to the end by cyclicity");
    add(".half1", "Tr[P (X P R)] >= m Tr[X P R]  (link " + J + ", first Lemma C.1 application)",
        j == 2 ? make_evaluator(link<2, Part::Half1>()) : make_evaluator(link<3, Part::Half1>()),
        "Lemma C.1 lower bound with A = P, B1 = X P R");
    add(".half2", "Tr[P (R X)] >= m Tr[R X]  (link " + J + ", second Lemma C.1 application)",
        j == 2 ? make_evaluator(link<2, Part::Half2>()) : make_evaluator(link<3, Part::Half2>()),
        "Lemma C.1 lower bound with A = P, B2 = R X");
    add(".B1-psd", "B1 = X P R is PSD: symmetric and lambda_min >= 0 (min(lambda_min(sym B1), -||B1 - B1^T||_F) >= 0)",
        j == 2 ? make_evaluator(b_psd<2, Which::B1, true>()) : make_evaluator(b_psd<3, Which::B1, true>()),
        "records whether the B of the first application is PSD");
    add(".B1-sym-part-psd", "lambda_min((B1 + B1^T)/2) >= 0, B1 = X P R",
        j == 2 ? make_evaluator(b_psd<2, Which::B1, false>()) : make_evaluator(b_psd<3, Which::B1, false>()),
        "records whether B1 satisfies the weaker condition under which Lemma C.1 still holds (PSD symmetric part)");
    add(".B2-psd", "B2 = R X is PSD: symmetric and lambda_min >= 0",
        j == 2 ? make_evaluator(b_psd<2, Which::B2, true>()) : make_evaluator(b_psd<3, Which::B2, true>()),
        "records whether the B of the second application is PSD");
    add(".B2-sym-part-psd", "lambda_min((B2 + B2^T)/2) >= 0, B2 = R X",
        j == 2 ? make_evaluator(b_psd<2, Which::B2, false>()) : make_evaluator(b_psd<3, Which::B2, false>()),
        "records whether B2 has a PSD symmetric part");
  }
  // Verdicts established by the suite's own runs (stabcheck run --claims 'EQ-*' --samples 300, seeds 1 and 2
  // agree on every variant); each refutation is certified, its witness is the seed-1 shrunk counterexample.
  // Every variant not listed holds.
  c.record_refutations({
      {"per-sequence", "EQ-38-39-PRUNING/per-sequence/full-rank.k3/1/59/12.3.6.9.5.9.9.8.7.10.6.9.13"},
      {"link2", "EQ-38-39-PRUNING/link2/full-rank.k2/1/8/1.0.2.6.12.14"},
      {"link2.half1", "EQ-38-39-PRUNING/link2.half1/full-rank.k2/1/8/1.0.2.6.12.14"},
      {"link2.half2", "EQ-38-39-PRUNING/link2.half2/full-rank.k2/1/8/1.0.2.6.12.14"},
      {"link2.B1-psd", "EQ-38-39-PRUNING/link2.B1-psd/full-rank.k2/1/0/0.0.0.0.1.1.1.1.2.2.2.2.3.2.3.3.3.4.4.4.4"},
      {"link2.B1-sym-part-psd", "EQ-38-39-PRUNING/link2.B1-sym-part-psd/full-rank.k2/1/0/0.0.0.0.1.1.1.1.2.2.2.2.3.2.3.3.3.4.4.4.4"},
      {"link2.B2-psd", "EQ-38-39-PRUNING/link2.B2-psd/full-rank.k2/1/0/0.0.0.0.1.1.1.1.2.2.2.2.3.3.3.3.3"},
      {"link2.B2-sym-part-psd", "EQ-38-39-PRUNING/link2.B2-sym-part-psd/full-rank.k2/1/0/0.0.0.0.1.1.1.1.2.2.2.2.3.3.3.3.3"},
      {"link3", "EQ-38-39-PRUNING/link3/full-rank.k3/1/59/11.3.5.9.9.8.7.10.6.9.15"},
      {"link3.half1", "EQ-38-39-PRUNING/link3.half1/full-rank.k3/1/59/11.3.5.9.9.8.7.14.16"},
      {"link3.half2", "EQ-38-39-PRUNING/link3.half2/full-rank.k3/1/40/0.3.5.6.13.15.17.1.4"},
      {"link3.B1-psd", "EQ-38-39-PRUNING/link3.B1-psd/full-rank.k3/1/0/0.0.0.0.1.1.1.1.1.1.2.2.3.3.3.3"},
      {"link3.B1-sym-part-psd", "EQ-38-39-PRUNING/link3.B1-sym-part-psd/full-rank.k3/1/0/0.0.0.0.1.1.1.1.1.1.2.2.3.3.3.3"},
      {"link3.B2-psd", "EQ-38-39-PRUNING/link3.B2-psd/full-rank.k3/1/0/0.0.0.0.1.1.1.1.1.1.2.2.3.3.3.3"},
      {"link3.B2-sym-part-psd", "EQ-38-39-PRUNING/link3.B2-sym-part-psd/full-rank.k3/1/0/0.0.0.0.1.1.1.1.1.1.2.2.3.3.3.3"},
  });
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_eq_38_39_pruning
