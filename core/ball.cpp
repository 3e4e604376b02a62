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

Ball Ball::hull(const Rat& lo, const Rat& hi) {
  Ball a(lo), b(hi), r;
  arb_union(r.get(), a.get(), b.get(), ball_prec());
  return r;
}

double Ball::mid_double() const { return arf_get_d(arb_midref(x_), ARF_RND_NEAR); }

static Mpfr arf_to_mpfr(const arf_t a, mpfr_rnd_t rnd) {
  Mpfr out;
  arf_get_mpfr(out.backend().data(), a, rnd);
  return out;
}

Mpfr Ball::mid() const { return arf_to_mpfr(arb_midref(x_), MPFR_RNDN); }
Mpfr Ball::lower() const {
  arf_t t;
  arf_init(t);
  arb_get_lbound_arf(t, x_, ball_prec());
  Mpfr r = arf_to_mpfr(t, MPFR_RNDD);
  arf_clear(t);
  return r;
}
Mpfr Ball::upper() const {
  arf_t t;
  arf_init(t);
  arb_get_ubound_arf(t, x_, ball_prec());
  Mpfr r = arf_to_mpfr(t, MPFR_RNDU);
  arf_clear(t);
  return r;
}

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

Ball sqrt(const Ball& a) {
  Ball r;
  arb_sqrtpos(r.get(), a.get(), ball_prec());
  return r;
}
Ball abs(const Ball& a) {
  Ball r;
  arb_abs(r.get(), a.get());
  return r;
}
Ball pow(const Ball& a, long k) {
  Ball r;
  arb_pow_ui(r.get(), a.get(), (ulong)k, ball_prec());
  return r;
}
Ball max(const Ball& a, const Ball& b) {
  Ball r;
  arb_max(r.get(), a.get(), b.get(), ball_prec());
  return r;
}
Ball min(const Ball& a, const Ball& b) {
  Ball r;
  arb_min(r.get(), a.get(), b.get(), ball_prec());
  return r;
}
Ball union_of(const Ball& a, const Ball& b) {
  Ball r;
  arb_union(r.get(), a.get(), b.get(), ball_prec());
  return r;
}

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
