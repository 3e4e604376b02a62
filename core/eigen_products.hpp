// Matrix products over the multiprecision scalars (Mpfr, Rat, Ball) evaluated coefficient by coefficient.
//
// Eigen sends a dynamic-size product to its cache-blocked kernels (gebp_kernel, general_matrix_vector_product)
// whenever rows + cols + depth >= 20 at run time, so every translation unit that multiplies Mat<Mpfr>, Mat<Rat> or
// Mat<Ball> instantiated those kernels, whatever the sizes: about 900 KB of object code and a tenth of the clean
// build. Blocking buys nothing when each multiply-add is an MPFR/GMP/Arb call, so for scalars that need
// initialisation (NumTraits<S>::RequireInitialization, which double and float do not) the GEMM and GEMV products
// below take Eigen's own coefficient-based path (the one it already takes for small sizes). Every TU sees this
// through core/scalar.hpp, right after <Eigen/Core>, so the choice is the same everywhere (one definition rule).
// Exact scalars (Rat) give the same values; Mpfr sums in another order (each sum still correctly rounded per
// operation); Ball enclosures stay rigorous.
#pragma once
#include <Eigen/Core>

namespace stabcheck::detail {
template <class Lhs, class Rhs>
concept CoeffProduct = bool(Eigen::NumTraits<typename Lhs::Scalar>::RequireInitialization) &&
                       bool(Eigen::NumTraits<typename Rhs::Scalar>::RequireInitialization);

/// Coefficient-based evaluation of lhs * rhs for the GEMM and GEMV product kinds.
template <class Lhs, class Rhs>
struct CoeffProductImpl {
  using Scalar = typename Eigen::Product<Lhs, Rhs>::Scalar;
  using Lazy = Eigen::internal::generic_product_impl<Lhs, Rhs, Eigen::DenseShape, Eigen::DenseShape,
                                                     Eigen::CoeffBasedProductMode>;
  template <class Dst>
  static void evalTo(Dst& dst, const Lhs& lhs, const Rhs& rhs) {
    Lazy::eval_dynamic(dst, lhs, rhs, Eigen::internal::assign_op<typename Dst::Scalar, Scalar>());
  }
  template <class Dst>
  static void addTo(Dst& dst, const Lhs& lhs, const Rhs& rhs) {
    Lazy::eval_dynamic(dst, lhs, rhs, Eigen::internal::add_assign_op<typename Dst::Scalar, Scalar>());
  }
  template <class Dst>
  static void subTo(Dst& dst, const Lhs& lhs, const Rhs& rhs) {
    Lazy::eval_dynamic(dst, lhs, rhs, Eigen::internal::sub_assign_op<typename Dst::Scalar, Scalar>());
  }
  template <class Dst>
  static void scaleAndAddTo(Dst& dst, const Lhs& lhs, const Rhs& rhs, const Scalar& alpha) {
    typename Dst::PlainObject product(dst.rows(), dst.cols());
    evalTo(product, lhs, rhs);
    dst += alpha * product;
  }
};
}  // namespace stabcheck::detail

namespace Eigen::internal {
template <typename Lhs, typename Rhs>
  requires stabcheck::detail::CoeffProduct<Lhs, Rhs>
struct generic_product_impl<Lhs, Rhs, DenseShape, DenseShape, GemmProduct>
    : stabcheck::detail::CoeffProductImpl<Lhs, Rhs> {};
template <typename Lhs, typename Rhs>
  requires stabcheck::detail::CoeffProduct<Lhs, Rhs>
struct generic_product_impl<Lhs, Rhs, DenseShape, DenseShape, GemvProduct>
    : stabcheck::detail::CoeffProductImpl<Lhs, Rhs> {};
}  // namespace Eigen::internal
