// The working precision of an evaluation: MPFR decimal digits and Arb ball bits. The runner's stages take it as an
// explicit argument (core/runner.cpp); claim code creates Mpfr values and Ball operations without a precision
// argument, so the one way to make a precision current is this scope: it sets what it is given and restores the
// previous precision when it ends, also when the evaluation throws. (MPFR's default precision is global: parallel
// workers run inside one scope; the ball precision is per thread.)
#pragma once
#include "core/ball.hpp"
#include "core/scalar.hpp"

namespace stabcheck {

struct Precision {
  unsigned digits = 0;  // MPFR decimal digits; 0 keeps the current ones
  long bits = 0;        // Arb ball bits; 0 keeps the current ones
  /// Ball bits that carry about `d` decimal digits, with a margin of 64 bits.
  static long bits_for_digits(unsigned d) { return long(d * 3.33) + 64; }
};

class AtPrecision {
 public:
  explicit AtPrecision(Precision p) : digits_(digits()), bits_(ball_prec()) {
    if (p.digits) set_digits(p.digits);
    if (p.bits) set_ball_prec(p.bits);
  }
  ~AtPrecision() {
    set_digits(digits_);
    set_ball_prec(bits_);
  }
  AtPrecision(const AtPrecision&) = delete;
  AtPrecision& operator=(const AtPrecision&) = delete;

 private:
  unsigned digits_;
  long bits_;
};

}  // namespace stabcheck
