// Samples of the matrix lemmas of §C.6 (LEM-C1, LEM-C2, LEM-C5, LEM-C6): RapidCheck pipelines that draw the
// matrices of one sample and name them. Exact and shrinkable like generators/matrices.hpp and products.hpp: every
// dimension through gen::dim (shrinks toward the lower end), entries toward 0, scales toward 10^0. Moved verbatim
// from the claim files: the samples and shrink trees are those of the claims' recorded counterexamples.
#pragma once
#include "generators/matrices.hpp"
#include "generators/products.hpp"
#include <utility>
#include <vector>

namespace stabcheck::gen {

/// LEM-C1: d in 1..6 (shrinks toward 1), then mats "A" = a `a_kind` d x d matrix scaled by 10^{0,+-2,+-6} and
/// "B" = a `b_kind` d x d matrix; for b_kind = Wishart, B is of one of the PSD kinds (psd_kinds(), drawn first).
inline rc::Gen<Sample> lem_trace_pair(Kind a_kind, Kind b_kind) {
  return rc::gen::mapcat(gen::dim(1, 6), [a_kind, b_kind](int d) {
    auto b = b_kind == Kind::Wishart
                 ? rc::gen::mapcat(rc::gen::inRange(0, int(gen::psd_kinds().size())),
                                   [d](int k) { return gen::matrix(gen::psd_kinds()[size_t(k)], d); })
                 : gen::matrix(b_kind, d);
    return rc::gen::map(rc::gen::pair(gen::scaled(gen::matrix(a_kind, d)), b), [](const std::pair<MatQ, MatQ>& p) {
      Sample s;
      s.mats["A"] = p.first;
      s.mats["B"] = p.second;
      return s;
    });
  });
}

/// LEM-C2: the first three matrices of a chain as mats "A", "B", "C".
inline rc::Gen<Sample> lem_abc_triple(rc::Gen<std::vector<MatQ>> g) {
  return rc::gen::map(std::move(g), [](const std::vector<MatQ>& m) {
    Sample s;
    s.mats["A"] = m[0];
    s.mats["B"] = m[1];
    s.mats["C"] = m[2];
    return s;
  });
}

/// LEM-C5: n in 1..6 (shrinks toward 1), then mats "M" = a `sh` n x n matrix scaled by 10^{0,+-2,+-6}.
inline rc::Gen<Sample> lem_square_m(Shape sh) {
  return rc::gen::map(rc::gen::mapcat(gen::dim(1, 6), [sh](int n) { return gen::scaled(gen::square(sh, n)); }),
                      [](const MatQ& m) {
                        Sample s;
                        s.mats["M"] = m;
                        return s;
                      });
}

/// LEM-C6: a chain of factors as the family "M".
inline rc::Gen<Sample> lem_factors(rc::Gen<std::vector<MatQ>> g) {
  return rc::gen::map(std::move(g), [](const std::vector<MatQ>& m) {
    Sample s;
    s.families["M"] = m;
    return s;
  });
}

/// LEM-C6: k = 1..4 general n x n factors, n = 1..5 (square_chain), with the product made PSD: M_k = (M_1 ... M_{k-1})^T,
/// or M_1 = G G^T for k = 1.
inline rc::Gen<std::vector<MatQ>> lem_psd_product_chain() {
  return rc::gen::map(gen::square_chain(Shape::General, 1, 4, 1, 5), [](std::vector<MatQ> m) {
    if (m.size() == 1) m[0] = MatQ(m[0] * m[0].transpose());
    else m.back() = gen::product(std::vector<MatQ>(m.begin(), m.end() - 1)).transpose();
    return m;
  });
}

}  // namespace stabcheck::gen
