// Ball: a rigorous real enclosure (Arb's arb_t) used by the certification tier.
// Every operation returns a ball that contains the exact result of the same operation
// on every point of the inputs, so a sign decided on a Ball is a proof.
#pragma once
#include "core/scalar.hpp"
#include <arb.h>
#include <string>

namespace stabcheck {

/// Working precision (bits) of Ball arithmetic in this thread.
long ball_prec();
void set_ball_prec(long bits);

class Ball {
 public:
  Ball() { arb_init(x_); }
  Ball(int v) { arb_init(x_); arb_set_si(x_, v); }          // NOLINT: implicit by design
  Ball(long v) { arb_init(x_); arb_set_si(x_, v); }         // NOLINT
  explicit Ball(const Rat& q);
  explicit Ball(double v);                                   // exact (doubles are binary rationals)
  Ball(const Ball& o) { arb_init(x_); arb_set(x_, o.x_); }
  Ball(Ball&& o) noexcept { arb_init(x_); arb_swap(x_, o.x_); }
  Ball& operator=(const Ball& o) { arb_set(x_, o.x_); return *this; }
  Ball& operator=(Ball&& o) noexcept { arb_swap(x_, o.x_); return *this; }
  ~Ball() { arb_clear(x_); }

  arb_ptr get() { return x_; }
  arb_srcptr get() const { return x_; }

  /// Ball [lo, hi] from two rationals (lo <= hi).
  static Ball hull(const Rat& lo, const Rat& hi);

  Ball& operator+=(const Ball& o) { arb_add(x_, x_, o.x_, ball_prec()); return *this; }
  Ball& operator-=(const Ball& o) { arb_sub(x_, x_, o.x_, ball_prec()); return *this; }
  Ball& operator*=(const Ball& o) { arb_mul(x_, x_, o.x_, ball_prec()); return *this; }
  Ball& operator/=(const Ball& o) { arb_div(x_, x_, o.x_, ball_prec()); return *this; }
  friend Ball operator+(Ball a, const Ball& b) { return a += b; }
  friend Ball operator-(Ball a, const Ball& b) { return a -= b; }
  friend Ball operator*(Ball a, const Ball& b) { return a *= b; }
  friend Ball operator/(Ball a, const Ball& b) { return a /= b; }
  friend Ball operator-(Ball a) { arb_neg(a.x_, a.x_); return a; }

  bool certainly_negative() const { return arb_is_negative(x_); }
  bool certainly_positive() const { return arb_is_positive(x_); }
  bool certainly_nonnegative() const { return arb_is_nonnegative(x_); }
  bool contains_zero() const { return arb_contains_zero(x_); }
  bool is_exact() const { return arb_is_exact(x_); }
  bool is_finite() const { return arb_is_finite(x_); }
  /// Comparisons needed by generic code; true only when certain.
  friend bool operator<(const Ball& a, const Ball& b) { return arb_lt(a.x_, b.x_); }
  friend bool operator>(const Ball& a, const Ball& b) { return arb_gt(a.x_, b.x_); }
  friend bool operator<=(const Ball& a, const Ball& b) { return arb_le(a.x_, b.x_); }
  friend bool operator>=(const Ball& a, const Ball& b) { return arb_ge(a.x_, b.x_); }

  double mid_double() const;
  Mpfr mid() const;
  Mpfr lower() const;   // rounded down: a true lower bound
  Mpfr upper() const;   // rounded up: a true upper bound
  /// Enclosure as text "[mid +/- rad]" with `digits` digits.
  std::string str(long digits = 30) const;
  /// Rigorous relative width rad/|mid| (inf if mid == 0 and rad > 0).
  double rel_width() const;

 private:
  arb_t x_;
};

/// The exact rational value of an Arb float (a dyadic number), e.g. a ball's midpoint.
Rat arf_rat(const arf_t x);
inline Rat mid_rat(const Ball& b) { return arf_rat(arb_midref(b.get())); }

Ball sqrt(const Ball& a);   // of the non-negative part (inputs known >= 0 in theory: clamps below at 0)
Ball abs(const Ball& a);
Ball pow(const Ball& a, long k);
Ball log(const Ball& a);  // arb_log: indeterminate (an infinite ball) unless a > 0
Ball exp(const Ball& a);
Ball max(const Ball& a, const Ball& b);
Ball min(const Ball& a, const Ball& b);
Ball union_of(const Ball& a, const Ball& b);

}  // namespace stabcheck

namespace Eigen {
template <> struct NumTraits<stabcheck::Ball> : GenericNumTraits<stabcheck::Ball> {
  using Real = stabcheck::Ball;
  using NonInteger = stabcheck::Ball;
  using Literal = stabcheck::Ball;
  using Nested = stabcheck::Ball;
  enum { IsComplex = 0, IsInteger = 0, IsSigned = 1, RequireInitialization = 1, ReadCost = 4, AddCost = 16, MulCost = 32 };
  static stabcheck::Ball epsilon() { return stabcheck::Ball(0); }
  static stabcheck::Ball dummy_precision() { return stabcheck::Ball(0); }
  static int digits10() { return 30; }
};
}  // namespace Eigen
