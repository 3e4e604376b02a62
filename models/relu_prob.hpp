// Probability helpers for the ReLU results (THM-3.5 (72)-(75), THM-3.6 (77)-(78)):
// exact binomial / multinomial-maximum tails in any tier type, transcendental functions for the Real
// types (double, Mpfr, Ball = rigorous Arb), a rigorous ceiling, and Clopper-Pearson limits for
// Monte Carlo evidence.
#pragma once
#include "core/ball.hpp"
#include "core/tier.hpp"
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace stabcheck::relu {

inline double log_(double x) { return std::log(x); }
inline Mpfr log_(const Mpfr& x) { return log(x); }
Ball log_(const Ball& x);
inline double exp_(double x) { return std::exp(x); }
inline Mpfr exp_(const Mpfr& x) { return exp(x); }
Ball exp_(const Ball& x);
/// ceil(x) as an integer; for a Ball throws std::domain_error unless every point of the ball has the same ceiling.
long ceil_long(double x);
long ceil_long(const Mpfr& x);
long ceil_long(const Ball& x);

/// p^0 .. p^n in T.
template <class T> std::vector<T> powers(const T& p, long n) {
  std::vector<T> v(size_t(n + 1), T(1));
  for (long i = 1; i <= n; ++i) v[size_t(i)] = v[size_t(i - 1)] * p;
  return v;
}

/// P(Bin(n, p) >= k0), exact in the arithmetic of T (double, Mpfr, Rat).
template <class T> T binom_upper_tail(long n, const T& p, long k0) {
  if (k0 <= 0) return T(1);
  if (k0 > n) return T(0);
  std::vector<T> pp = powers(p, n), pq = powers(T(T(1) - p), n);
  T s = T(0), c = binom<T>(n, k0);
  for (long k = k0; k <= n; ++k) {
    s += c * pp[size_t(k)] * pq[size_t(n - k)];
    c = c * T(n - k) / T(k + 1);
  }
  return s;
}

/// P(max_c N_c >= k0) where (N_1..N_K) ~ Multinomial(n; 1/K, ..., 1/K): the largest block of n uniform
/// samples among K = 2^C patterns. Dynamic programming over cells (each cell receives Binomial(remaining,
/// 1/(cells left)) samples), exact in T. O(K n k0) operations.
template <class T> T max_cell_tail(long n, long K, long k0) {
  if (k0 <= 0) return T(1);
  if (k0 > n) return T(0);
  // binomial coefficients C(s, j), j < k0, s <= n
  std::vector<std::vector<T>> bc(size_t(n + 1));
  for (long s = 0; s <= n; ++s) {
    bc[size_t(s)].assign(size_t(std::min(s, k0 - 1) + 1), T(0));
    T c = T(1);
    for (long j = 0; j <= s && j < k0; ++j) {
      bc[size_t(s)][size_t(j)] = c;
      c = c * T(s - j) / T(j + 1);
    }
  }
  std::vector<T> cur(size_t(n + 1), T(0)), nxt(size_t(n + 1), T(0));
  cur[size_t(n)] = T(1);  // probability that all cells so far are < k0 and s samples remain
  for (long c = 0; c < K; ++c) {
    const long left = K - c;
    for (auto& v : nxt) v = T(0);
    if (left == 1) {  // the last cell takes all remaining samples
      for (long s = 0; s < k0 && s <= n; ++s) nxt[0] += cur[size_t(s)];
    } else {
      T p = T(1) / T(left);
      std::vector<T> pp = powers(p, n), pq = powers(T(T(1) - p), n);
      for (long s = 0; s <= n; ++s) {
        if (cur[size_t(s)] == T(0)) continue;
        for (long j = 0; j <= s && j < k0; ++j)
          nxt[size_t(s - j)] += cur[size_t(s)] * bc[size_t(s)][size_t(j)] * pp[size_t(j)] * pq[size_t(s - j)];
      }
    }
    std::swap(cur, nxt);
  }
  return T(1) - cur[0];
}

/// One-sided Clopper-Pearson limits for k successes in N trials at level 1 - alpha:
/// upper: the p with P(Bin(N, p) <= k) = alpha (1 if k = N); lower: P(Bin(N, p) >= k) = alpha (0 if k = 0).
double cp_upper(long k, long N, double alpha);
double cp_lower(long k, long N, double alpha);

}  // namespace stabcheck::relu
