// Constructions and datasets for the 2-layer ReLU results (lemmas-and-relu.md §5):
//  * the (C, r)-generalizing solution (§C.1) for any d, 1 <= C <= d, r > 0, width m >= 2^C, in any scalar type,
//    with the OCR readings of W2 (sign (-1)^{a1+a2} or parity of all C bits; magnitude 1/r or 1);
//  * the printed example of §C.1 (d = 5, C = 3, r = 1, m = 10) as OCR'd, and its entry-by-entry comparison;
//  * memorizing solutions (pairwise disjoint active sets, zero loss) and small integer nets without kinks;
//  * datasets from {-1, 1}^d: all 2^d points, random (i.i.d. uniform) or distinct subsets;
//  * the encoding of r in samples (r^2 rational, or r^4 rational, e.g. r^4 = d + 1) and the tier dispatch
//    that evaluates in exact rationals when r is rational and in rigorous balls otherwise.
// Everything is exact (Rat) and RapidCheck generators shrink on structure (fewer points/units, smaller
// integers, inputs toward all +1).
#pragma once
#include "core/claim.hpp"
#include "models/relu.hpp"
#include "core/sample.hpp"
#include <rapidcheck.h>
#include <string>
#include <type_traits>
#include <vector>

namespace stabcheck::relu {

// ---------------------------------------------------------------- the (C, r) construction
enum class W2Sign { Pair, Parity };   // (-1)^{a1+a2} (chosen reading) | (-1)^{a1+...+aC}
enum class W2Mag { OverR, One };      // |W2| = 1/r (chosen reading) | |W2| = 1

/// Pattern bits of an input: a_q = 1 iff x_q < 0 (q = 1..C); the unit matched by x is j = sum_q 2^{q-1} a_q
/// (0-based). Works for any scalar with a sign.
template <class S> long cr_unit(const Vec<S>& x, int C) {
  long j = 0;
  for (int q = 0; q < C; ++q)
    if (sign_of(x(q)) == Sign::Neg) j |= 1L << q;
  return j;
}

/// (C, r)-generalizing solution: for a in {0,1}^C, row j = 1 + sum 2^{q-1} a_q (1-based) has
/// W1[j] = r[(-1)^{a_1}, ..., (-1)^{a_C}, 0, ..., 0], b[j] = -r(C - 1), W2[j] = (1/r or 1)(-1)^{a1+a2 or sum a};
/// rows j > 2^C are zero. Requires 1 <= C <= d, m >= 2^C, r > 0 (C >= 2 for the Pair reading).
template <class S> Net<S> cr_net(int d, int C, int m, const S& r, W2Sign sign = W2Sign::Pair, W2Mag mag = W2Mag::OverR) {
  if (C < 1 || C > d) throw std::invalid_argument("cr_net: need 1 <= C <= d");
  if (sign == W2Sign::Pair && C < 2) throw std::invalid_argument("cr_net: the (-1)^{a1+a2} reading needs C >= 2");
  if (m < (1L << C)) throw std::invalid_argument("cr_net: need width m >= 2^C");
  Net<S> n{zeros<S>(m, d), zeros<S>(m), zeros<S>(m)};
  const S w2mag = mag == W2Mag::OverR ? S(1) / r : S(1);
  for (long j = 0; j < (1L << C); ++j) {
    int par = 0;
    for (int q = 0; q < C; ++q) {
      int a = int((j >> q) & 1);
      n.W1(j, q) = a ? S(-r) : r;
      if (sign == W2Sign::Parity || q < 2) par += a;
    }
    n.b(j) = -r * S(C - 1);
    n.W2(j) = (par % 2) ? S(-w2mag) : w2mag;
  }
  return n;
}

/// Input number idx in {-1,1}^d: x_q = (-1)^{bit q-1 of idx}. Point idx activates unit idx mod 2^C.
VecQ pm1_point(int d, long idx);
/// All 2^d points, one per row, in index order.
MatQ all_points(int d);
/// Label y = x_1 x_2 (the target of the generalizing construction).
template <class S> S label_x1x2(const Vec<S>& x) { return x(0) * x(1); }

// ---------------------------------------------------------------- r in samples
/// r of the construction: mode 0: r^2 = q; mode 1: r^4 = q (q > 0 rational; e.g. r^4 = d + 1).
struct RSpec {
  int mode = 0;
  Rat q = 1;
  std::string str() const;
};
void put_r(Sample& s, const RSpec& r);      // ints "r_mode", scalars "r2" or "r4"
RSpec get_r(const Sample& s);
/// Exact square root of a non-negative rational if it is one.
bool rat_sqrt(const Rat& q, Rat& out);
/// r exactly, when rational.
bool r_rational(const RSpec& r, Rat& out);
/// r^2 exactly, when rational.
bool r2_rational(const RSpec& r, Rat& out);
/// r in a floating or ball type (S in double, Mpfr, Ball).
template <class S> S r_value(const RSpec& r) {
  if constexpr (std::is_same_v<S, Ball>) {
    Ball v(r.q);
    v = sqrt(v);
    return r.mode == 1 ? sqrt(v) : v;
  } else if constexpr (std::is_same_v<S, double>) {
    double v = std::sqrt(r.q.convert_to<double>());
    return r.mode == 1 ? std::sqrt(v) : v;
  } else {
    Mpfr v = sqrt(Mpfr(r.q));
    return r.mode == 1 ? Mpfr(sqrt(v)) : v;
  }
}
/// Evaluate f(r) in the scalar of tier T: double -> double, Mpfr -> Mpfr, Rat -> Rat when r is rational
/// (exact) and Ball otherwise (rigorous). f must return the same type for Rat and Ball (e.g. Sides<Ball>).
template <class T, class F> auto with_r(const RSpec& r, F&& f) {
  if constexpr (std::is_same_v<T, Rat>) {
    Rat rq;
    if (r_rational(r, rq)) return f(rq);
    return f(r_value<Ball>(r));
  } else {
    return f(r_value<T>(r));
  }
}
/// Gradient Gram G_ik = g_i . g_k of the (C, r) construction (width m, readings sign/mag) on the rows of X,
/// passed to f(G, r2) in the scalar of tier T:
///   double / Mpfr: the literal network with r = sqrt(r^2) (or (r^4)^{1/4});
///   exact (T = Rat): exact rationals through the positive rescaling of the r = 1 net when r^2 is rational
///   (grad_gram_rescaled), otherwise the literal network in rigorous Ball arithmetic.
/// Every input must be kink-free for the construction (true on {-1,1}^d: pre-activations are r times odd integers,
/// and the zero rows j > 2^C have W2 = 0).
template <class T, class F> auto with_cr_gram(int d, int C, int m, const RSpec& r, W2Sign sign, W2Mag mag, const MatQ& X, F&& f) {
  const int e = mag == W2Mag::OverR ? -1 : 0;
  if constexpr (std::is_same_v<T, Rat>) {
    Rat r2;
    if (r2_rational(r, r2)) {
      Net<Rat> base = cr_net<Rat>(d, C, m, Rat(1), sign, mag);
      Mat<Rat> G = grad_gram_rescaled(features(base, X), r2, e);
      return f(G, r2);
    }
    Ball rb = r_value<Ball>(r);
    Mat<Ball> G = grad_gram(features(cr_net<Ball>(d, C, m, rb, sign, mag), from_q<Ball>(X)));
    return f(G, Ball(rb * rb));
  } else {
    T rt = r_value<T>(r);
    Mat<T> G = grad_gram(features(cr_net<T>(d, C, m, rt, sign, mag), from_q<T>(X)));
    return f(G, T(rt * rt));
  }
}
/// Random r: rationals 1, 2, 1/2, 3/2, 2/3, sqrt 2, sqrt 3, 1/sqrt 2, and r^4 = d + 1 (the paper's choice).
rc::Gen<RSpec> r_gen(int d);

// ---------------------------------------------------------------- the printed example of §C.1
struct PrintedExample {
  int d = 5, C = 3, m = 10;
  MatQ W1;  // 10 x 5, as OCR'd
  VecQ W2;  // 10, as OCR'd
  std::string b_ocr;  // unreadable in the OCR: kept as text, not compared
};
PrintedExample printed_example();
struct Mismatch {
  std::string what;  // "W1" or "W2"
  int row = 0, col = 0;  // 1-based (col 0 for vectors)
  Rat printed, constructed;
  std::string str() const;
};
/// Entry-by-entry comparison of the printed W1, W2 with cr_net(5, 3, 10, r = 1, sign, mag).
std::vector<Mismatch> compare_printed(W2Sign sign, W2Mag mag = W2Mag::OverR);

// ---------------------------------------------------------------- nets and datasets in samples
void put_net(Sample& s, const Net<Rat>& n);   // mats "W1" (m x d), "b", "W2" (m x 1)
Net<Rat> get_net(const Sample& s);
template <class S> Net<S> net_as(const Sample& s) { return net_from_q<S>(get_net(s)); }

/// n points of {-1,1}^d (i.i.d. uniform; duplicates possible), rows; each coordinate shrinks toward +1.
rc::Gen<MatQ> points(int n, int d);
/// n distinct points (n <= 2^d); shrink toward small indices.
rc::Gen<MatQ> distinct_points(int n, int d);

/// Memorizing solution for distinct inputs X (n x d): every sample owns 1-2 units with
/// W1_j = t x_i, b_j = -t(d-1) - u (t in {1,2}, 0 <= u < t), so unit j is active exactly on x_i; plus 0-2 dead
/// units (always negative pre-activation); W2 small integers. Labels: y = f(x) (zero loss).
rc::Gen<Net<Rat>> memorizing_net(const MatQ& X);
/// The spec's recipe: unit i has W1_i = x_i, b_i in (-(d-1), -(d-2)) (rational), W2 small integers.
rc::Gen<Net<Rat>> memorizing_net_paper(const MatQ& X);
/// m x d net with W1, W2 integers in [-2, 2] and integer b chosen of the parity that makes every
/// pre-activation on {-1,1}^d odd (so never 0: no kinks).
rc::Gen<Net<Rat>> small_int_net(int m, int d);

/// Structure-preserving reductions (Family::reduce) for counterexample minimisation:
/// every sample with one row of matrix `key` deleted (rows of "y" too, when present), keeping >= min_rows rows;
std::vector<Sample> drop_row(const Sample& s, const std::string& key, long min_rows);
/// every sample with one hidden unit of its net (mats W1, b, W2) deleted, keeping >= min_units units; when the
/// sample has labels "y" they are recomputed as the new net's outputs on "X" (zero loss is kept).
std::vector<Sample> drop_unit(const Sample& s, long min_units);

/// Reductions of a ReLU sample: drop one input (row of X), keeping at least min_rows; with min_units > 0 also
/// drop one hidden unit, keeping at least min_units.
std::function<std::vector<Sample>(const Sample&)> drops(long min_rows, long min_units = 0);

/// Labels y_i = f(x_i) (zero loss), exact.
VecQ outputs(const Net<Rat>& n, const MatQ& X);
/// Active sets A(x_i) = {j : z_ij > 0} (exact).
std::vector<std::vector<Index>> active_sets(const Net<Rat>& n, const MatQ& X);

}  // namespace stabcheck::relu
