// THM-C8-MK-IDENTITY — Theorem C.8 part 1, (27)-(28):
//   M_k  R  Jbar^{2k} + eta^{2k} q^k sum_y C H_{y_k} C ... H_{y_1}^2 ... C H_{y_k} C  =  Jbar^{2k} + N_k,
// with the relation R garbled in the OCR: reading A "=" (exact identity), reading B "⪰" [chosen].
// M_k by enumeration (M_k = E[J^T M_{k-1} J] over the 2^n patterns), N_k by the recursion N_k = N(N_{k-1});
// the recursion is validated against the explicit n^k-term sum for tiny n, k.
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/stability.hpp"
#include "generators/c8_stability_claims.hpp"

namespace stabcheck::claim_thm_c8_mk_identity {
namespace {

using namespace stab;

const std::vector<std::string> kKinds = {"wishart", "lowrank", "rankone", "diagonal", "commuting",
                                          "clustered", "orthogonal", "independent", "pm-identity"};

enum class Glyph { Equal, Psd };  // the reading of the garbled relation R

auto body(Glyph glyph) {  // both readings in one body, compiled once per tier
  return [glyph](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    const int k = int(s.integer("k"));
    Mat<T> Mk = mom::enum_moments(m, k).back();
    Mat<T> rhs = mom::mean_part(m, k) + mom::noise_powers(m, k).back();
    // rounding scale from the inputs: |entries of M_k| <= (d^2 max|J^|^2)^k
    const T jb = jhat_bound(m);
    const Real<T> sc = real(T(ipow(T(m.d * m.d) * jb * jb, k) * T(m.d)));
    if (glyph == Glyph::Equal) {
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

Base base(const std::string& kind, int n_hi, int k_hi) {
  return Base{.hkind = kind, .n_lo = 1, .n_hi = n_hi, .d_lo = 1, .d_hi = 3, .c_units = {Rat(1, 2), Rat(0), Rat(2)}, .ncodes = 6,
              .k_lo = 1, .k_hi = k_hi};
}

std::vector<Family> families() {
  const Finish finish = eta_over_mu_max({Rat(1, 2), Rat(1), Rat(2), Rat(1, 10), Rat(3), Rat(19, 10)});
  std::vector<Family> f;
  for (const auto& kind : kKinds) {
    f.push_back(model_family(kind, base(kind, 4, 6), finish, "; eta mu_max in {1/2,1,2,1/10,3,19/10}"));
    f.push_back(model_family(kind + ".k1", base(kind, 4, 1), finish, "; k = 1 only"));
  }
  f.push_back(model_family("nk-sum", base("independent", 3, 4), finish, "; explicit n^k-term sum"));
  return f;
}

Claim make() {
  return Claim{
      .id = "THM-C8-MK-IDENTITY", .source = "Theorem C.8 part 1, eqs. (27)-(28)",
      .statement = "M_k R Jbar^{2k} + eta^{2k} (1/(Bn) - 1/n^2)^k sum_{y} (I+rho/alpha H) H_{y_k} ... H_{y_1}^2 ... H_{y_k} (I+rho/alpha H) "
                   "= Jbar^{2k} + N_k, R garbled ('=' or '⪰')",
      .readings = {{.name = "A", .text = "R is '=': M_k = Jbar^{2k} + N_k (exact identity)"},
                   {.name = "B", .text = "R is '⪰': M_k ⪰ Jbar^{2k} + N_k (PSD lower bound)", .chosen = true}},
      .uses = {"ID-33", "THM-C8-RECURSION"},
      .families = families(),
      .variants = {
          {.slug = "reading-A-equal",
           .statement = "max_ij |M_k - Jbar^{2k} - N_k| = 0, k = 1..6",
           .rel = Rel::Eq,
           .eval = make_evaluator(body(Glyph::Equal)),
           .note = "reading A: R is '='; the mixed L/N words of T^k(I) are dropped",
           .families = names_by_tag({kKinds}),
           .checks = {"(17)a", "(27)", "(28)"}},
          {.slug = "reading-A-equal.k1",
           .statement = "max_ij |M_1 - Jbar^2 - N_1| = 0 (k = 1, i.e. (34))",
           .rel = Rel::Eq,
           .eval = make_evaluator(body(Glyph::Equal)),
           .note = "repaired reading A: exact for k = 1 only (no mixed terms)",
           .families = names_by_tag({kKinds}, {".k1"}),
           .checks = {"(34)b"}},
          {.slug = "reading-B-psd",
           .statement = "lambda_min(M_k - Jbar^{2k} - N_k) >= 0, k = 1..6",
           .rel = Rel::Ge,
           .eval = make_evaluator(body(Glyph::Psd)),
           .note = "reading B [chosen]: R is '⪰' (mixed terms are PSD)",
           .families = names_by_tag({kKinds}),
           .checks = {"(17)a", "(27)", "(28)"}},
          {.slug = "nk-recursion",
           .statement = "max_ij |N(N_{k-1}) - eta^{2k} q^k sum_{y in [n]^k} C H_{y_k} C ... H_{y_1}^2 ... C H_{y_k} C| = 0, k = 1..4",
           .rel = Rel::Eq,
           .eval = make_evaluator(nk_body),
           .note = "the recursion N_k = N(N_{k-1}) equals the explicit n^k-term sum of (28)",
           .families = {"nk-sum"},
           .checks = {"(28)", "(61)d"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c8_mk_identity
