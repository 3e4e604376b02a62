#include "models/thresholds.hpp"
#include "core/linalg.hpp"
#include "models/coherence.hpp"
#include "models/moments.hpp"
#include <cmath>

namespace stabcheck::stab {

using V = std::vector<MatQ>;

MatQ mean_of(const V& H) { return coh::mean<Rat>(H); }

Rat lmax_upper(const MatQ& a) {
  if (auto e = mom::exact_lmax(a)) return *e;
  return mom::rat_above(lmax(a), Rat(1, 1000000000));
}
Rat lmin_lower(const MatQ& a) {
  if (auto e = mom::exact_lmin(a)) return *e;
  return mom::rat_below(lmin(a), Rat(1, 1000000000));
}

Rat mu_upper(const V& H, const Rat& c) {
  Rat l = lmax_upper(mean_of(H));
  if (l < 0) l = 0;
  return l * (1 + c * l);
}

Rat q_of(int n, const Rat& B) { return 1 / (B * n) - Rat(1) / (Rat(n) * n); }

Ball sigma_ball(const V& H) {
  if (auto e = mom::coherence_exact(H)) return Ball(*e);
  return coh::sigma<Rat>(H);  // lambda_max(S) / max_i lambda_max(H_i), S_ij = sqrt(Tr H_i H_j) as balls
}

Ball sqrt_ratio_ball(int n, const Rat& B) {
  Rat r = Rat(n) / B - 1;
  if (auto e = mom::exact_sqrt(r)) return Ball(*e);
  return sqrt(Ball(r));
}

bool exact_ball(const Ball& x, Rat* value) {
  if (!x.is_exact()) return false;
  if (value) *value = mom::ball_lower(x);
  return true;
}

Rat at_or_above(const Ball& x, const Rat& rel) {
  Rat v;
  if (rel == 0 && exact_ball(x, &v)) return v;
  return mom::rat_above(x, rel == 0 ? Rat(1, 1000000000000LL) : rel);
}
Rat at_or_below(const Ball& x, const Rat& rel) {
  Rat v;
  if (rel == 0 && exact_ball(x, &v)) return v;
  return mom::rat_below(x, rel == 0 ? Rat(1, 1000000000000LL) : rel);
}

Threshold eta_sigma_threshold(const V& H, const Rat& B, const Rat& c) {
  const int n = int(H.size());
  MatQ Hb = mean_of(H);
  auto sig = mom::coherence_exact(H);
  auto lmx = mom::exact_lmax(Hb);
  auto lmn = c == 0 ? std::optional<Rat>(Rat(0)) : mom::exact_lmin(Hb);
  auto sq = mom::exact_sqrt(Rat(n) / B - 1);
  Threshold t;
  if (sig && lmx && lmn && sq && *lmx > 0 && *sq > 0) {
    t.exact = *sig / (*sq * *lmx * (1 + c * *lmn));
    t.ball = Ball(*t.exact);
    return t;
  }
  Ball sb = sig ? Ball(*sig) : sigma_ball(H);
  auto ev = eigvals_sym(Hb);
  Ball lmax_b = lmx ? Ball(*lmx) : ev.back(), lmin_b = lmn ? Ball(*lmn) : ev.front();
  t.ball = sb / (sqrt_ratio_ball(n, B) * lmax_b * (Ball(1) + Ball(c) * lmin_b));
  return t;
}

Threshold eta_gd_threshold(const V& H) {
  MatQ Hb = mean_of(H);
  Threshold t;
  if (auto l = mom::exact_lmax(Hb)) {
    t.exact = 2 / *l;
    t.ball = Ball(*t.exact);
  } else {
    t.ball = Ball(2) / lmax(Hb);
  }
  return t;
}

Rat place_above(const Threshold& t, const Rat& rel) {
  if (t.exact) return rel == 0 ? *t.exact : *t.exact * (1 + rel);
  if (rel == 0) return mom::rat_above(t.ball, Rat(1, 1000000000000LL));
  return mom::rat_above(t.ball * Ball(1 + rel), Rat(1, 1000000000000LL));
}
Rat place_below(const Threshold& t, const Rat& rel) {
  if (t.exact) return *t.exact * (1 - rel);
  return mom::rat_below(t.ball * Ball(1 - rel), Rat(1, 1000000000000LL));
}

Threshold eps_max(const V& H, const Rat& eta, const Rat& c) {
  MatQ Hb = mean_of(H);
  auto lmx = mom::exact_lmax(Hb), lmn = mom::exact_lmin(Hb);
  Threshold t;
  if (lmx && lmn) {
    auto mu = [&](const Rat& l) { return l * (1 + c * l); };
    Rat a = abs(1 - eta * mu(*lmn)), b = abs(1 - eta * mu(*lmx));
    t.exact = 1 - (a > b ? a : b);
    t.ball = Ball(*t.exact);
    return t;
  }
  auto ev = eigvals_sym(Hb);
  auto mu = [&](const Ball& l) { return l * (Ball(1) + Ball(c) * l); };
  Ball a = abs(Ball(1) - Ball(eta) * mu(ev.front())), b = abs(Ball(1) - Ball(eta) * mu(ev.back()));
  t.ball = Ball(1) - max(a, b);
  return t;
}

Ball noise_unit_radius(const V& H, const Rat& c) {
  MatQ Hb = mean_of(H);
  const int d = int(Hb.rows());
  MatQ C = MatQ::Identity(d, d) + Hb * c;
  MatQ A = mom::op_matrix<Rat>(d, [&](const MatQ& a) { return MatQ(C * mom::sumHAH(H, a) * C); });
  return mom::spectral_radius(A);
}

Rat eta_balanced(const V& H, const Rat& c) {
  const MatQ Hb = mean_of(H);
  const Rat lo = lmin_lower(Hb), hi = lmax_upper(Hb);
  const double v = 2.0 / double(lo * (1 + c * lo) + hi * (1 + c * hi));
  const double scale = std::pow(10.0, 5 - std::floor(std::log10(v)));
  return Rat(std::llround(v * scale)) / Rat(std::llround(scale));
}

Rat B_for_q(int n, const Rat& q) {
  Rat B = Rat(n) / (Rat(n) * n * q + 1);
  if (B < 1) B = 1;
  if (B > n) B = n;
  return B;
}

}  // namespace stabcheck::stab
