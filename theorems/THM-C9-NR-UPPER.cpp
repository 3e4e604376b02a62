// THM-C9-NR-UPPER — Theorem C.9 part 2, (48) (proof (64)-(67)), with (65)-(66):
//   Tr N_k <= eta^{2k} (1/B - 1/n)^k K lambda_max(H_SAM)^{4k} / sigma_SAM^{e k}
// readings: K in {(1/n) d^{3k+2} n^{4k} [chosen], n^k d^{3k+2}, d^{3k} n^{4k}}; e in {4 [chosen], 2};
// H_SAM = (I + c H) sum_i H_i [chosen] or (I + c H) H. sigma_SAM = Dexter coherence of {C H_i} (66).
// Mandatory scaling test H_i -> s H_i, eta -> eta/s, c -> c/s, s in {1, 1e-3, 1e-6}: the LHS and sigma_SAM are
// invariant, the RHS is multiplied by s^{2k}. Families are generated per s (eta and c are set relative to the
// scaled H, so the scaling is exactly the one of the spec).
#include "generators/kit.hpp"
#include "core/moments.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_thm_c9_nr_upper {
namespace {

using namespace stab;

const std::vector<std::string> kKinds = {"wishart", "rankone", "diagonal", "commuting", "clustered", "orthogonal", "independent"};
const std::vector<std::pair<int, std::string>> kScales = {{0, "s1"}, {-3, "s1e-3"}, {-6, "s1e-6"}};

Sample finish(Sample s, int code) {
  static const Rat u[] = {Rat(1), Rat(1, 2), Rat(3, 2), Rat(1, 10)};
  s.scalars["eta"] = u[code % 4] / mu_upper(s.family("H"), s.scalar("c"));
  return s;
}

enum class KF { Chosen, NkD, D3kN4k };

template <class T> Real<T> rhs_of(const Sample& s, KF kf, int sig_exp, bool sum) {
  auto m = mom::model_of<T>(s);
  const long k = s.integer("k");
  T base = m.eta * m.eta * (T(1) / m.B - T(1) / T(m.n));
  T n = T(m.n), d = T(m.d);
  T K = T(1);
  switch (kf) {
    case KF::Chosen: K = ipow(d, 3 * k + 2) * ipow(n, 4 * k) / n; break;
    case KF::NkD: K = ipow(n, k) * ipow(d, 3 * k + 2); break;
    case KF::D3kN4k: K = ipow(d, 3 * k) * ipow(n, 4 * k); break;
  }
  Mat<T> Hs = Mat<T>(m.C * m.Hbar) * (sum ? n : T(1));
  Hs = mom::sym(Hs);
  Real<T> lam = lmax(Hs);
  Real<T> sig = sigma_sam_tier<T>(s.family("H"), C_of(s));
  return real(T(ipow(base, k) * K)) * ipow(lam, 4 * k) / ipow(sig, long(sig_exp) * k);
}

template <KF F, int E, bool Sum> auto body() {
  return [](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    Real<T> lhs = real(T(mom::noise_powers(m, int(s.integer("k"))).back().trace()));
    return sides(lhs, rhs_of<T>(s, F, E, Sum));
  };
}

auto repaired = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const long k = s.integer("k");
  Real<T> lhs = real(T(mom::noise_powers(m, int(k)).back().trace()));
  Mat<T> N1 = mom::N_map(m, Mat<T>(Mat<T>::Identity(m.d, m.d)));
  Real<T> rhs = real(T(m.d)) * ipow(Real<T>(lmax(mom::sym(N1))), k);
  return sides(lhs, rhs);
};

Claim make() {
  Claim c;
  c.id = "THM-C9-NR-UPPER";
  c.source = "Theorem C.9 part 2, eq. (48) (proof (64)-(67)); definitions (65)-(66)";
  c.statement = "Tr N_k <= eta^{2k} (1/B - 1/n)^k (1/n) d^{3k+2} n^{4k} lambda_max(H_SAM)^{4k} / sigma_SAM^{4k}, "
                "H_SAM = (I + rho/alpha H) sum_i H_i, sigma_SAM = lambda_max(S_SAM)/max_i lambda_max((I + rho/alpha H) H_i)";
  std::map<std::string, std::vector<std::string>> by_s;
  std::vector<std::string> all;
  for (const auto& kind : kKinds)
    for (const auto& [e, sname] : kScales) {
      Base b;
      b.hkind = kind;
      b.n_lo = 2;
      b.n_hi = 4;
      b.d_lo = 1;
      b.d_hi = 3;
      b.brule = BRule::LessN;
      b.c_units = {Rat(1), Rat(0), Rat(1, 4), Rat(4)};
      b.scales = {e};
      b.k_lo = 1;
      b.k_hi = 4;
      b.ncodes = 4;
      std::string name = kind + "." + sname;
      c.families.push_back(family_of(name, describe(b) + "; eta = u/mu_max(H) and c = v/lambda_max(H) relative to the scaled H "
                                                          "(so eta -> eta/s, c -> c/s); u in {1,1/2,3/2,1/10}",
                                     b, finish));
      by_s[sname].push_back(name);
      all.push_back(name);
    }
  struct KR { KF f; const char* slug; const char* text; };
  const KR ks[] = {{KF::Chosen, "K-nd", "(1/n) d^{3k+2} n^{4k}"}, {KF::NkD, "K-nkd", "n^k d^{3k+2}"}, {KF::D3kN4k, "K-d3k-n4k", "d^{3k} n^{4k}"}};
  auto ev = [](KF f, int e, bool sum) -> Evaluator {
    if (f == KF::Chosen) return e == 4 ? (sum ? make_evaluator(body<KF::Chosen, 4, true>()) : make_evaluator(body<KF::Chosen, 4, false>()))
                                       : (sum ? make_evaluator(body<KF::Chosen, 2, true>()) : make_evaluator(body<KF::Chosen, 2, false>()));
    if (f == KF::NkD) return e == 4 ? (sum ? make_evaluator(body<KF::NkD, 4, true>()) : make_evaluator(body<KF::NkD, 4, false>()))
                                    : (sum ? make_evaluator(body<KF::NkD, 2, true>()) : make_evaluator(body<KF::NkD, 2, false>()));
    return e == 4 ? (sum ? make_evaluator(body<KF::D3kN4k, 4, true>()) : make_evaluator(body<KF::D3kN4k, 4, false>()))
                  : (sum ? make_evaluator(body<KF::D3kN4k, 2, true>()) : make_evaluator(body<KF::D3kN4k, 2, false>()));
  };
  for (const auto& kr : ks)
    for (int e : {4, 2})
      for (int sum = 1; sum >= 0; --sum) {
        Variant v;
        v.slug = std::string(kr.slug) + ".sig" + std::to_string(e) + "k." + (sum ? "sum" : "mean");
        const bool chosen = kr.f == KF::Chosen && e == 4 && sum;
        v.statement = "Tr N_k <= eta^{2k} (1/B - 1/n)^k " + std::string(kr.text) + " lambda_max(H_SAM)^{4k} / sigma_SAM^{" +
                      std::to_string(e) + "k}, H_SAM = C " + (sum ? "sum_i H_i" : "H") + ", k = 1..4, s in {1, 1e-3, 1e-6}";
        v.rel = Rel::Le;
        v.families = all;
        v.eval = ev(kr.f, e, sum);
        v.note = chosen ? "chosen reading [chosen]" : "alternative reading";
        v.expected = Verdict::Refuted;
        v.witness = "THM-C9-NR-UPPER/" + v.slug + "/wishart.s1e-6/1/0";
        c.variants.push_back(v);
      }
  for (const auto& [e, sname] : kScales) {
    Variant v;
    v.slug = "chosen." + sname;
    v.statement = "chosen reading, families at scale " + sname + " only";
    v.rel = Rel::Le;
    v.families = by_s[sname];
    v.eval = make_evaluator(body<KF::Chosen, 4, true>());
    v.note = "the mandatory scaling test: result per s";
    v.expected = e == 0 ? Verdict::Holds : Verdict::Refuted;
    v.witness = e == 0 ? "" : "THM-C9-NR-UPPER/" + v.slug + "/wishart." + sname + "/1/0";
    c.variants.push_back(v);
  }
  Variant r;
  r.slug = "repaired.d-lmaxN1";
  r.statement = "Tr N_k <= d (eta^2 q lambda_max(C (sum_i H_i^2) C))^k = d lambda_max(N(I))^k (scale invariant), k = 1..4";
  r.rel = Rel::Le;
  r.families = all;
  r.eval = make_evaluator(repaired);
  r.note = "repaired, dimensionally consistent bound (N positive: N^k(I) ⪯ lambda_max(N(I))^k I)";
  r.expected = Verdict::Holds;
  c.variants.push_back(r);
  // certified counterexamples found by the suite (stabcheck run, seed 1): replayed by ctest
  c.set_witnesses({
      {"K-nd.sig4k.sum", "THM-C9-NR-UPPER/K-nd.sig4k.sum/wishart.s1e-3/1/2/0.0.0.0.0.0"},
      {"K-nd.sig4k.mean", "THM-C9-NR-UPPER/K-nd.sig4k.mean/wishart.s1/1/11/1.2.3.4.0.3"},
      {"K-nd.sig2k.sum", "THM-C9-NR-UPPER/K-nd.sig2k.sum/wishart.s1e-3/1/3/0.0.0.0.0"},
      {"K-nd.sig2k.mean", "THM-C9-NR-UPPER/K-nd.sig2k.mean/wishart.s1e-3/1/0/0.0.0.0.0.0"},
      {"K-nkd.sig4k.sum", "THM-C9-NR-UPPER/K-nkd.sig4k.sum/wishart.s1e-3/1/0/0.0.0.0.0.0"},
      {"K-nkd.sig4k.mean", "THM-C9-NR-UPPER/K-nkd.sig4k.mean/wishart.s1/1/11/0.0.0.1.1"},
      {"K-nkd.sig2k.sum", "THM-C9-NR-UPPER/K-nkd.sig2k.sum/wishart.s1e-3/1/0/0.0.0.0.0.0"},
      {"K-nkd.sig2k.mean", "THM-C9-NR-UPPER/K-nkd.sig2k.mean/wishart.s1/1/11/0.0.0.1.1"},
      {"K-d3k-n4k.sig4k.sum", "THM-C9-NR-UPPER/K-d3k-n4k.sig4k.sum/wishart.s1e-3/1/1/0.0.0.0.0.0"},
      {"K-d3k-n4k.sig4k.mean", "THM-C9-NR-UPPER/K-d3k-n4k.sig4k.mean/wishart.s1e-3/1/0/0.0.0.0.0.0"},
      {"K-d3k-n4k.sig2k.sum", "THM-C9-NR-UPPER/K-d3k-n4k.sig2k.sum/wishart.s1e-3/1/3/0.0.0.0.0"},
      {"K-d3k-n4k.sig2k.mean", "THM-C9-NR-UPPER/K-d3k-n4k.sig2k.mean/wishart.s1e-3/1/0/0.0.0.0.0.0"},
      {"chosen.s1e-3", "THM-C9-NR-UPPER/chosen.s1e-3/wishart.s1e-3/1/2/0.0.0.0.0.0"},
      {"chosen.s1e-6", "THM-C9-NR-UPPER/chosen.s1e-6/wishart.s1e-6/1/0/0.0.0.0.0"},
  });
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c9_nr_upper
