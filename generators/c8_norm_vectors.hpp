// Samples of the vector-norm lemma LEM-C3-NORMS (Lemma C.3): one rational d x 1 vector "x" per sample, d drawn
// through gen::dim (shrinks toward the lower end), entries toward 0, the scale 10^e through gen::scaled (toward 10^0).
// Moved verbatim from the claim file: the samples and shrink trees are those of the claim's recorded runs.
#pragma once
#include "core/sample.hpp"
#include "generators/matrices.hpp"
#include <utility>

namespace stabcheck::gen {

/// The sample holding the vector x (mats "x").
inline rc::Gen<Sample> vector_sample(rc::Gen<MatQ> g) {
  return rc::gen::map(std::move(g), [](const MatQ& x) {
    Sample s;
    s.mats["x"] = x;
    return s;
  });
}

/// A d x 1 vector make(d), d in [d_lo, d_hi] (shrinks toward d_lo), scaled by 10^{0,+-2,+-6}.
template <class F> rc::Gen<Sample> scaled_vectors(int d_lo, int d_hi, F make) {
  return vector_sample(rc::gen::mapcat(gen::dim(d_lo, d_hi), [make](int d) { return gen::scaled(make(d)); }));
}

/// Integer entries in [-3, 3].
inline rc::Gen<MatQ> int_column(int d) { return gen::int_matrix(d, 1); }
/// Entries p/q, p in [-5, 5], one q in 2..7 for the whole vector.
inline rc::Gen<MatQ> rational_column(int d) {
  return rc::gen::map(rc::gen::pair(gen::int_matrix(d, 1, 5), rc::gen::inRange(2, 8)),
                      [](const std::pair<MatQ, int>& p) { return MatQ(p.first / Rat(p.second)); });
}
/// The zero vector.
inline rc::Gen<MatQ> zero_column(int d) { return rc::gen::just(MatQ(MatQ::Zero(d, 1))); }
/// v e_i, v in 1..9 (a drawn 0 becomes 1): equality in ||x||_inf <= ||x||_1.
inline rc::Gen<MatQ> one_nonzero_column(int d) {
  return rc::gen::map(rc::gen::pair(rc::gen::inRange(0, d), gen::small_int(9)), [d](const std::pair<int, int>& p) {
    MatQ x = MatQ::Zero(d, 1);
    x(p.first, 0) = p.second == 0 ? 1 : p.second;
    return x;
  });
}
/// v (1, ..., 1), v = p/q, p in [-9, 9], q in 1..7: equality in ||x||_1 <= sqrt(d) ||x||_2.
inline rc::Gen<MatQ> constant_column(int d) {
  return rc::gen::map(rc::gen::pair(gen::small_int(9), rc::gen::inRange(1, 8)), [d](const std::pair<int, int>& p) {
    return MatQ(MatQ::Constant(d, 1, Rat(p.first, p.second)));
  });
}

}  // namespace stabcheck::gen
