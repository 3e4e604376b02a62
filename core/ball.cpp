#include "core/ball.hpp"
#include <arf.h>
#include <cmath>
#include <stdexcept>

namespace stabcheck {

namespace {
thread_local long g_ball_prec = 400;
}
long ball_prec() { return g_ball_prec; }
void set_ball_prec(long bits) { g_ball_prec = bits; }

Ball::Ball(const Rat& q) {
  arb_init(x_);
  fmpq_t f;
  fmpq_init(f);
  fmpz_set_mpz(fmpq_numref(f), mpq_numref(q.backend().data()));
  fmpz_set_mpz(fmpq_denref(f), mpq_denref(q.backend().data()));
  arb_set_fmpq(x_, f, ball_prec());
  fmpq_clear(f);
}

Ball::Ball(double v) {
  if (!std::isfinite(v)) throw std::domain_error("Ball from non-finite double");
  arb_init(x_);
  arb_set_d(x_, v);
}

Ball Ball::hull(const Rat& lo, const Rat& hi) { return union_of(Ball(lo), Ball(hi)); }

double Ball::mid_double() const { return arf_get_d(arb_midref(x_), ARF_RND_NEAR); }

static Mpfr arf_to_mpfr(const arf_t a, mpfr_rnd_t rnd) {
  Mpfr out;
  arf_get_mpfr(out.backend().data(), a, rnd);
  return out;
}

Mpfr Ball::mid() const { return arf_to_mpfr(arb_midref(x_), MPFR_RNDN); }
namespace {
// The lower or upper end of x's interval, rounded outwards.
Mpfr bound_of(const arb_t x, bool upper) {
  arf_t t;
  arf_init(t);
  if (upper) arb_get_ubound_arf(t, x, ball_prec());
  else arb_get_lbound_arf(t, x, ball_prec());
  Mpfr r = arf_to_mpfr(t, upper ? MPFR_RNDU : MPFR_RNDD);
  arf_clear(t);
  return r;
}
}  // namespace
Mpfr Ball::lower() const { return bound_of(x_, false); }
Mpfr Ball::upper() const { return bound_of(x_, true); }

std::string Ball::str(long digits) const {
  char* s = arb_get_str(x_, digits, 0);
  std::string out(s);
  flint_free(s);
  return out;
}

double Ball::rel_width() const {
  double rad = mag_get_d(arb_radref(x_));
  double m = std::fabs(mid_double());
  if (rad == 0) return 0;
  return m == 0 ? INFINITY : rad / m;
}

namespace {
// r = op(arguments...) at the current ball precision, the one shape of every function below.
template <class Op, class... A>
Ball apply(Op op, const A&... a) {
  Ball r;
  op(r.get(), a.get()..., ball_prec());
  return r;
}
}  // namespace
Ball sqrt(const Ball& a) { return apply(arb_sqrtpos, a); }
Ball abs(const Ball& a) { return apply([](arb_ptr r, arb_srcptr x, slong) { arb_abs(r, x); }, a); }
Ball pow(const Ball& a, long k) {
  return apply([k](arb_ptr r, arb_srcptr x, slong prec) { arb_pow_ui(r, x, (ulong)k, prec); }, a);
}
Ball log(const Ball& a) { return apply(arb_log, a); }
Ball exp(const Ball& a) { return apply(arb_exp, a); }
Ball max(const Ball& a, const Ball& b) { return apply(arb_max, a, b); }
Ball min(const Ball& a, const Ball& b) { return apply(arb_min, a, b); }
Ball union_of(const Ball& a, const Ball& b) { return apply(arb_union, a, b); }

Rat arf_rat(const arf_t x) {
  fmpz_t man, ex;
  fmpz_init(man);
  fmpz_init(ex);
  arf_get_fmpz_2exp(man, ex, x);
  Int m;
  fmpz_get_mpz(m.backend().data(), man);
  long e = fmpz_get_si(ex);
  fmpz_clear(man);
  fmpz_clear(ex);
  Rat r(m);
  Int p = Int(1) << (e >= 0 ? e : -e);
  return e >= 0 ? r * Rat(p) : r / Rat(p);
}

}  // namespace stabcheck
