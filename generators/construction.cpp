#include "generators/construction.hpp"
#include "generators/matrices.hpp"
#include <stdexcept>

namespace stabcheck::construction {

std::vector<MatQ> family(char variant, int n, int sigma, const Rat& lambda1, int d) {
  if (sigma < 1 || sigma > n) throw std::invalid_argument("construction: sigma must be in [1, n]");
  const int dd = dim_of(variant, n, sigma, d);
  if (dd < 1) throw std::invalid_argument("construction: d >= 1 required");
  const Rat m = m_of(n, sigma, lambda1);
  std::vector<MatQ> out;
  for (int i = 1; i <= n; ++i) {
    MatQ h = MatQ::Zero(dd, dd);
    if (i <= sigma) h(0, 0) = m;
    else if (variant == 'b') h(i - sigma, i - sigma) = m;
    out.push_back(h);
  }
  return out;
}

Rat e1_entry_binomial(int n, const Rat& B, int sigma, const Rat& lambda1, const Rat& eta, const Rat& c) {
  const Rat p = B / Rat(n), m = m_of(n, sigma, lambda1);
  const Rat a = eta * (m / B) * (1 + c * lambda1);  // J_11 = 1 - a X
  const Rat EX = Rat(sigma) * p, EX2 = Rat(sigma) * p * (1 - p) + EX * EX;
  return 1 - 2 * a * EX + a * a * EX2;
}

Rat e1_entry_81(int n, const Rat& B, int sigma, const Rat& l, const Rat& eta, const Rat& c) {
  const Rat q = 1 / (B * n) - Rat(1) / (Rat(n) * n), m = m_of(n, sigma, l);
  return 1 - 2 * eta * l - 2 * eta * c * l * l + eta * eta * l * l + 2 * eta * eta * c * l * l * l +
         eta * eta * c * c * l * l * l * l + eta * eta * q * (1 + c * l) * (1 + c * l) * Rat(sigma) * m * m;
}

Rat criterion_87_rhs(int n, const Rat& B, int sigma, const Rat& eta) {
  return 2 * Rat(sigma) / (eta * (Rat(n) / B - 1 + sigma));
}

Rat eta_threshold_87(int n, const Rat& B, int sigma, const Rat& l, const Rat& c) {
  return 2 * Rat(sigma) / (l * (1 + c * l) * (Rat(n) / B - 1 + sigma));
}

std::vector<DiagMoment> diag_moments(char variant, int n, const Rat& B, int sigma, const Rat& l, const Rat& eta,
                                     const Rat& c, int d) {
  const int dd = dim_of(variant, n, sigma, d);
  const Rat p = B / Rat(n), m = m_of(n, sigma, l);
  std::vector<DiagMoment> out;
  // direction 1: X ~ Bin(sigma, p) copies of m; H_11 = lambda1
  {
    const Rat a = eta * (m / B) * (1 + c * l);
    DiagMoment dm{0, 0};
    for (int x = 0; x <= sigma; ++x) {
      Rat pr = binom<Rat>(sigma, x);
      for (int i = 0; i < x; ++i) pr *= p;
      for (int i = 0; i < sigma - x; ++i) pr *= (1 - p);
      Rat j = 1 - a * x;
      dm.a += pr * j * j;
      dm.b += pr * abs(j);
    }
    out.push_back(dm);
  }
  for (int j = 2; j <= dd; ++j) {
    if (variant == 'b') {  // one copy of m e_j e_j^T; H_jj = m/n
      const Rat a = eta * (m / B) * (1 + c * m / Rat(n));
      Rat jj = 1 - a;
      out.push_back(DiagMoment{p * jj * jj + (1 - p), p * abs(jj) + (1 - p)});
    } else {
      out.push_back(DiagMoment{1, 1});  // neutral direction
    }
  }
  return out;
}

rc::Gen<std::pair<int, int>> n_sigma(int n_lo, int n_hi) {
  return rc::gen::mapcat(gen::dim(n_lo, n_hi), [](int n) {
    return rc::gen::map(rc::gen::inRange(1, n + 1), [n](int s) { return std::make_pair(n, s); });
  });
}

}  // namespace stabcheck::construction
