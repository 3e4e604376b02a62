// Square matrices by algebraic shape and chains of conformable factors (LEM-C2, LEM-C5, LEM-C6).
// Exact and shrinkable like generators/matrices.hpp: the number of factors and every dimension are
// drawn with gen::dim (shrink toward the lower end), entries shrink toward 0, scales toward 10^0.
#pragma once
#include "generators/matrices.hpp"

namespace stabcheck::gen {

enum class Shape {
  General,     // arbitrary small-integer square
  Symmetric,   // G + G^T (indefinite in general)
  Psd,         // G G^T
  Nilpotent,   // strictly upper triangular (all eigenvalues 0)
  NonNormal,   // upper triangular D + N with N != 0 strictly upper: real eigenvalues diag(D), not normal
  RankOne,     // u v^T (non-symmetric rank one)
  Orthogonal   // c Q, Q exactly orthogonal rational, c in 1..4 (all singular values and |eigenvalues| equal)
};
const std::vector<Shape>& shapes();
std::string shape_name(Shape s);
rc::Gen<MatQ> square(Shape s, int d);

/// Default overall scales 10^e of every factor.
inline std::vector<int> default_scales() { return {0, -2, 2, -6, 6}; }

/// Cyclic rectangular chain: k general factors, M_i of size d_i x d_{i+1 mod k} with each d_i in [lo, hi],
/// so that every cyclic product is square. Each factor scaled by 10^e, e in `scales`.
rc::Gen<std::vector<MatQ>> cyclic_chain(int k, int lo, int hi, std::vector<int> scales = default_scales());
/// k in [k_lo, k_hi] square d x d factors of one shape, d in [d_lo, d_hi], each scaled by 10^e.
rc::Gen<std::vector<MatQ>> square_chain(Shape s, int k_lo, int k_hi, int d_lo, int d_hi,
                                        std::vector<int> scales = default_scales());

/// M_1 M_2 ... M_k (k >= 1), in any tier.
template <class T> Mat<T> product(const std::vector<Mat<T>>& ms) {
  Mat<T> p = ms.at(0);
  for (size_t i = 1; i < ms.size(); ++i) p = Mat<T>(p * ms[i]);
  return p;
}

}  // namespace stabcheck::gen
