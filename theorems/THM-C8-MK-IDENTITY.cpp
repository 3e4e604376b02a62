// THM-C8-MK-IDENTITY — Theorem C.8 part 1, (27)-(28):
//   M_k  R  Jbar^{2k} + eta^{2k} q^k sum_y C H_{y_k} C ... H_{y_1}^2 ... C H_{y_k} C  =  Jbar^{2k} + N_k,
// with the relation R garbled in the OCR: reading A "=" (exact identity), reading B "⪰" [chosen].
// M_k by enumeration (M_k = E[J^T M_{k-1} J] over the 2^n patterns), N_k by the recursion N_k = N(N_{k-1});
// the recursion is validated against the explicit n^k-term sum for tiny n, k.
#include "generators/kit.hpp"
#include "core/moments.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_thm_c8_mk_identity {
namespace {

using namespace stab;

const std::vector<std::string> kKinds = {"wishart", "lowrank", "rankone", "diagonal", "commuting",
                                          "clustered", "orthogonal", "independent", "pm-identity"};

Sample finish(Sample s, int code) {
  static const Rat u[] = {Rat(1, 2), Rat(1), Rat(2), Rat(1, 10), Rat(3), Rat(19, 10)};
  Rat mu = mu_upper(s.family("H"), s.scalar("c"));
  s.scalars["eta"] = u[code % 6] / mu;
  return s;
}

enum class Reading { Equal, Psd };

template <Reading R> auto body() {
  return [](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    const int k = int(s.integer("k"));
    Mat<T> Mk = mom::enum_moments(m, k).back();
    Mat<T> rhs = mom::mean_part(m, k) + mom::noise_powers(m, k).back();
    // rounding scale from the inputs: |entries of M_k| <= (d^2 max|J^|^2)^k
    const T jb = jhat_bound(m);
    const Real<T> sc = real(T(ipow(T(m.d * m.d) * jb * jb, k) * T(m.d)));
    if constexpr (R == Reading::Equal) {
      return sides(max_abs_diff(Mk, rhs), Real<T>(real(T(0))), sc);
    } else {
      Mat<T> D = Mk - rhs;
      return sides(Real<T>(lmin(D)), Real<T>(real(T(0))), sc);
    }
  };
}

auto nk_body = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const int k = int(s.integer("k"));
  Mat<T> rec = mom::noise_powers(m, k).back();
  Mat<T> sum = mom::noise_explicit(m, k);
  // rounding scale from the inputs: |entries of N(A)| <= eta^2 q n d^4 max|C|^2 hmax^2 max|A|
  const T cm = max_entry(m.C), hm = hmax_entry(m);
  const T f = m.eta * m.eta * m.q * T(m.n) * T(m.d * m.d * m.d * m.d) * cm * cm * hm * hm;
  return sides(max_abs_diff(rec, sum), Real<T>(real(T(0))), Real<T>(real(T(ipow(f, k)))));
};

Claim make() {
  Claim c;
  c.id = "THM-C8-MK-IDENTITY";
  c.source = "Theorem C.8 part 1, eqs. (27)-(28)";
  c.statement = "M_k R Jbar^{2k} + eta^{2k} (1/(Bn) - 1/n^2)^k sum_{y} (I+rho/alpha H) H_{y_k} ... H_{y_1}^2 ... H_{y_k} (I+rho/alpha H) "
                "= Jbar^{2k} + N_k, R garbled ('=' or '⪰')";
  std::vector<std::string> all, k1;
  for (const auto& kind : kKinds) {
    Base b;
    b.hkind = kind;
    b.n_lo = 1;
    b.n_hi = 4;
    b.d_lo = 1;
    b.d_hi = 3;
    b.c_units = {Rat(1, 2), Rat(0), Rat(2)};
    b.k_lo = 1;
    b.k_hi = 6;
    b.ncodes = 6;
    c.families.push_back(family_of(kind, describe(b) + "; eta mu_max in {1/2,1,2,1/10,3,19/10}", b, finish));
    all.push_back(kind);
    Base b1 = b;
    b1.k_lo = 1;
    b1.k_hi = 1;
    c.families.push_back(family_of(kind + ".k1", describe(b1) + "; k = 1 only", b1, finish));
    k1.push_back(kind + ".k1");
  }
  Base bn;
  bn.hkind = "independent";
  bn.n_lo = 1;
  bn.n_hi = 3;
  bn.d_lo = 1;
  bn.d_hi = 3;
  bn.c_units = {Rat(1, 2), Rat(0), Rat(2)};
  bn.k_lo = 1;
  bn.k_hi = 4;
  bn.ncodes = 6;
  c.families.push_back(family_of("nk-sum", describe(bn) + "; explicit n^k-term sum", bn, finish));

  Variant a;
  a.slug = "reading-A-equal";
  a.statement = "max_ij |M_k - Jbar^{2k} - N_k| = 0, k = 1..6";
  a.rel = Rel::Eq;
  a.families = all;
  a.eval = make_evaluator(body<Reading::Equal>());
  a.note = "reading A: R is '='; the mixed L/N words of T^k(I) are dropped";
  a.expected = Verdict::Refuted;
  a.witness = "THM-C8-MK-IDENTITY/reading-A-equal/wishart/1/0/2.0.0.0.1.1";
  c.variants.push_back(a);
  Variant a1 = derived(a, "reading-A-equal.k1",
                          "max_ij |M_1 - Jbar^2 - N_1| = 0 (k = 1, i.e. (34))");
  a1.families = k1;
  a1.note = "repaired reading A: exact for k = 1 only (no mixed terms)";
  c.variants.push_back(a1);
  Variant b = derived(a, "reading-B-psd",
                          "lambda_min(M_k - Jbar^{2k} - N_k) >= 0, k = 1..6");
  b.rel = Rel::Ge;
  b.eval = make_evaluator(body<Reading::Psd>());
  b.note = "reading B [chosen]: R is '⪰' (mixed terms are PSD)";
  c.variants.push_back(b);
  Variant nk;
  nk.slug = "nk-recursion";
  nk.statement = "max_ij |N(N_{k-1}) - eta^{2k} q^k sum_{y in [n]^k} C H_{y_k} C ... H_{y_1}^2 ... C H_{y_k} C| = 0, k = 1..4";
  nk.rel = Rel::Eq;
  nk.families = {"nk-sum"};
  nk.eval = make_evaluator(nk_body);
  nk.note = "the recursion N_k = N(N_{k-1}) equals the explicit n^k-term sum of (28)";
  nk.expected = Verdict::Holds;
  c.variants.push_back(nk);
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c8_mk_identity
