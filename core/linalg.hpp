// Spectral functions for every tier. Heavy Eigen instantiations live in one .cpp per tier
// (linalg_double.cpp, linalg_mpfr.cpp, linalg_exact.cpp) so claims compile against this light header.
// Exact tier: eigenvalues are rigorous enclosures (exact characteristic polynomial + Arb root isolation,
// or Rayleigh quotient + ball LDL^T for matrices of balls).
#pragma once
#include "core/tier.hpp"
#include <complex>
#include <functional>
#include <optional>
#include <vector>

namespace stabcheck {

// Eigenvalues of a symmetric matrix, ascending.
std::vector<double> eigvals_sym(const Mat<double>& a);
std::vector<Mpfr> eigvals_sym(const Mat<Mpfr>& a);
std::vector<Ball> eigvals_sym(const MatQ& a);
std::vector<Ball> eigvals_sym(const Mat<Ball>& a);  // symmetric ball matrix (e.g. coherence S)

template <class M> auto lmax(const M& a) { return eigvals_sym(a).back(); }
template <class M> auto lmin(const M& a) { return eigvals_sym(a).front(); }

// Singular values, descending.
std::vector<double> svals(const Mat<double>& a);
std::vector<Mpfr> svals(const Mat<Mpfr>& a);
std::vector<Ball> svals(const MatQ& a);

// Eigenvalue moduli |lambda_i| of a general square matrix (any order).
std::vector<double> eig_moduli(const Mat<double>& a);
std::vector<Mpfr> eig_moduli(const Mat<Mpfr>& a);
std::vector<Ball> eig_moduli(const MatQ& a);

/// Exact inertia of a symmetric rational matrix (Sylvester; exact LDL^T with 1x1/2x2 pivots).
struct Inertia { int neg = 0, zero = 0, pos = 0; };
Inertia inertia(const MatQ& a);
inline bool is_psd_exact(const MatQ& a) { return inertia(a).neg == 0; }
/// Exact rank of a rational matrix (fraction-free elimination).
int rank_exact(const MatQ& a);

// Matrices of balls (the exact tier's irrational values): every result encloses the exact result for every point
// matrix inside the inputs. Plain loops: Eigen's GEMM path needs more of the scalar type than Ball offers.
Ball indeterminate_ball();                                         // [+/- inf]: nothing is known
Mat<Ball> indeterminate_balls(Eigen::Index rows, Eigen::Index cols);
Mat<Ball> ball_matmul(const Mat<Ball>& a, const Mat<Ball>& b);
Ball det(const Mat<Ball>& a);                                      // arb_mat_det
Mat<Ball> inverse(const Mat<Ball>& a);                             // arb_mat_inv; indeterminate unless surely invertible
Mat<Ball> expm(const Mat<Ball>& a);                                // arb_mat_exp
std::vector<Ball> svals(const Mat<Ball>& a);                       // sqrt of the eigenvalues of a^T a (Weyl), descending

/// One distinct eigenvalue of a rational matrix, from the irreducible factors of its exact characteristic
/// polynomial: a linear factor gives a rational eigenvalue exactly (`exact`), the others Arb enclosures.
struct ExactEig {
  std::optional<Rat> exact;  // set when the eigenvalue is rational
  Ball re, mod;              // enclosures of its real part and its modulus (exact when `exact` is dyadic)
  int mult = 1;              // algebraic multiplicity
};
/// Distinct eigenvalues of a square rational matrix, ascending by real part (symmetric matrices: the spectrum).
std::vector<ExactEig> eig_distinct(const MatQ& a);
/// The same with each eigenvalue repeated by its multiplicity, ascending (symmetric `a`).
std::vector<ExactEig> eigvals_sym_exact(const MatQ& a);
/// q^(1/n) when it is rational (q >= 0, n >= 1), else nothing: square roots of perfect squares stay exact.
std::optional<Rat> exact_root(const Rat& q, long n);

/// f(A) of a symmetric rational A by Sylvester's formula over its distinct eigenvalues l_i (A is diagonalisable):
///   f(A) = sum_i f(l_i) prod_{j != i} (A - l_j I) / (l_i - l_j).
/// `exact_f(q)` returns f(q) when it is rational (0^p = 0, sqrt of a perfect square, exp(0) = 1); `ball_f` encloses
/// f on a ball. When every f(l_i) is rational the result is exact; otherwise an enclosure in which the terms with
/// f(l_i) = 0 exactly (the kernel of A under a power) vanish exactly. The caller checks the domain.
struct SymFn {
  bool exact = false;
  MatQ q;        // exact value (exact == true)
  Mat<Ball> b;   // enclosure (exact == false)
};
SymFn sym_matfn(const MatQ& a, const std::function<std::optional<Rat>(const Rat&)>& exact_f,
                const std::function<Ball(const Ball&)>& ball_f);

/// Eigen decomposition of a symmetric matrix: ascending values, orthonormal eigenvectors as columns (Mpfr: at the
/// current precision, used to seed rigorous enclosures). Callers use these, not Eigen's solvers: each solver is then
/// instantiated once, in linalg_double.cpp or linalg_mpfr.cpp.
void eig_sym_vectors(const Mat<double>& a, Vec<double>& values, Mat<double>& vectors);
void eig_sym_vectors(const Mat<Mpfr>& a, Vec<Mpfr>& values, Mat<Mpfr>& vectors);
/// Eigenvalues of a general real square matrix (Eigen's EigenSolver), in its order.
std::vector<std::complex<double>> eigvals(const Mat<double>& a);

}  // namespace stabcheck
