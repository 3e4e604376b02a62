// Scalar types of the three tiers and the Eigen traits that make them usable.
//   double  : screening
//   Mpfr    : deciding, precision chosen at run time (an AtPrecision scope, core/precision.hpp)
//   Rat     : exact rationals (GMP) for samples and certification
// Boost 1.74's eigen.hpp is incomplete for Eigen 3.4 (toolchain.md): we provide
// complete NumTraits ourselves and never include boost/multiprecision/eigen.hpp.
#pragma once
#include <Eigen/Core>
#include <boost/multiprecision/gmp.hpp>
#include <boost/multiprecision/mpfr.hpp>
#include <limits>
#include <string>

namespace stabcheck {

namespace bmp = boost::multiprecision;
using Mpfr = bmp::number<bmp::mpfr_float_backend<0>, bmp::et_off>;
using Rat = bmp::number<bmp::gmp_rational, bmp::et_off>;
using Int = bmp::number<bmp::gmp_int, bmp::et_off>;

/// Working precision of Mpfr values created from now on (decimal digits). Global, not per thread; called only by
/// AtPrecision (core/precision.hpp), the one way to make a precision current:
/// the runner changes it only between parallel phases.
void set_digits(unsigned digits);
unsigned digits();

/// Exact text of a rational: "p" or "p/q".
std::string rat_str(const Rat& q);
/// Parse "p", "p/q", "-p/q" or a finite decimal "1.25e-3" exactly; throws std::invalid_argument.
Rat parse_rat(const std::string& s);
/// Decimal text with `sig` significant digits.
std::string mpfr_str(const Mpfr& x, int sig = 20);
/// A decimal text ("-8.0503851570000e-51", "0.25", "[1.5 +/- 2e-30]") cut to `sig` significant digits, keeping
/// its exponent: "-8.05039e-51". Text that is not a plain decimal is returned unchanged.
std::string short_decimal(const std::string& s, int sig = 6);

}  // namespace stabcheck

namespace Eigen {

template <class Num, bool IsRational>
struct StabcheckMpTraits : GenericNumTraits<Num> {
  using Real = Num;
  using NonInteger = Num;
  using Literal = Num;
  using Nested = Num;
  enum {
    IsComplex = 0, IsInteger = 0, IsSigned = 1, RequireInitialization = 1,
    ReadCost = 4, AddCost = 16, MulCost = 32
  };
  static Num epsilon() {
    if (IsRational) return Num(0);
    return std::numeric_limits<Num>::epsilon();
  }
  static Num dummy_precision() { return epsilon() * 1000; }
  static Num highest() { return std::numeric_limits<Num>::max(); }
  static Num lowest() { return -std::numeric_limits<Num>::max(); }
  static Num infinity() { return std::numeric_limits<Num>::infinity(); }
  static Num quiet_NaN() { return std::numeric_limits<Num>::quiet_NaN(); }
  static int digits10() { return IsRational ? 1000000 : int(stabcheck::digits()); }
  static int digits() { return IsRational ? 1000000 : int(stabcheck::digits() * 3.3219280948873623) + 1; }
  static int min_exponent() { return std::numeric_limits<int>::min() / 4; }
  static int max_exponent() { return std::numeric_limits<int>::max() / 4; }
};

template <> struct NumTraits<stabcheck::Mpfr> : StabcheckMpTraits<stabcheck::Mpfr, false> {};
template <> struct NumTraits<stabcheck::Rat> : StabcheckMpTraits<stabcheck::Rat, true> {
  static stabcheck::Rat highest() { return stabcheck::Rat(1e300); }
  static stabcheck::Rat lowest() { return stabcheck::Rat(-1e300); }
  static stabcheck::Rat infinity() { return stabcheck::Rat(1e300); }
  static stabcheck::Rat quiet_NaN() { return stabcheck::Rat(0); }
};

}  // namespace Eigen

// Products over Mpfr, Rat and Ball without Eigen's blocked kernels (see the header); after the NumTraits above.
#include "core/eigen_products.hpp"
