// Spectral functions for every tier. Heavy Eigen instantiations live in one .cpp per tier
// (linalg_double.cpp, linalg_mpfr.cpp, linalg_exact.cpp) so claims compile against this light header.
// Exact tier: eigenvalues are rigorous enclosures (exact characteristic polynomial + Arb root isolation,
// or Rayleigh quotient + ball LDL^T for matrices of balls).
#pragma once
#include "core/tier.hpp"
#include <complex>
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

/// Eigen decomposition at the current Mpfr precision (used to seed rigorous enclosures).
void eig_sym_vectors(const Mat<Mpfr>& a, Vec<Mpfr>& values, Mat<Mpfr>& vectors);

}  // namespace stabcheck
