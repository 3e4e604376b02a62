// THM-C8-TRACE-LB — Theorem C.8 part 2, (29):
//   Tr M_k >= eta^{2k} (1/(Bn) - 1/n^2)^k (1 + rho/alpha lambda_min(H))^{2k} Tr[sum_y H_{y_k} ... H_{y_1}^2 ... H_{y_k}],
// the last trace being Tr N0^k(I), N0(A) = sum_i H_i A H_i. LHS with the exact M_k (closed-form map,
// validated against enumeration by THM-C8-RECURSION and the unit tests), k = 1..8. Adversarial family:
// H_i = h I +- E_i with mean exactly h I and eta = 1/(h(1 + c h)), so that Jbar = 0 (mean and mixed terms vanish).
#include "generators/kit.hpp"
#include "core/moments.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_thm_c8_trace_lb {
namespace {

using namespace stab;

const std::vector<std::string> kKinds = {"wishart", "lowrank", "rankone", "diagonal", "commuting",
                                          "clustered", "orthogonal", "independent"};

Sample finish(Sample s, int code) {
  static const Rat u[] = {Rat(1), Rat(1, 2), Rat(2), Rat(3, 2), Rat(1, 10), Rat(3)};
  Rat mu = mu_upper(s.family("H"), s.scalar("c"));
  s.scalars["eta"] = u[code % 6] / mu;
  return s;
}

// pm-identity: H = h I exactly; eta = 1/(h (1 + c h)) gives Jbar = 0 (code 0), or a rational perturbation of it.
Sample finish_zero_mean(Sample s, int code) {
  MatQ H = mean_of(s.family("H"));
  Rat h = H(0, 0), c = s.scalar("c");
  static const Rat f[] = {Rat(1), Rat(101, 100), Rat(99, 100), Rat(11, 10)};
  s.scalars["eta"] = f[code % 4] / (h * (1 + c * h));
  return s;
}

template <bool Sgd> auto body() {
  return [](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    const int k = int(s.integer("k"));
    Real<T> lhs = real(T(mom::closed_moments(m, k).back().trace()));
    T f = T(1);
    for (int t = 0; t < k; ++t) f = f * m.eta * m.eta * m.q;
    Real<T> base = Real<T>(real(T(1))) + Real<T>(real(m.c)) * Real<T>(lmin(m.Hbar));
    Real<T> rhs = real(f) * ipow(base, 2L * k) * real(T(mom::sumHAH_powers(m.H, m.d, k).back().trace()));
    return sides(lhs, rhs);
  };
}

Claim make() {
  Claim c;
  c.id = "THM-C8-TRACE-LB";
  c.source = "Theorem C.8 part 2, eq. (29)";
  c.statement = "Tr[M_k] >= eta^{2k} (1/(Bn) - 1/n^2)^k (1 + rho/alpha lambda_min(H))^{2k} Tr[sum_{y_1..y_k} H_{y_k} ... H_{y_1}^2 ... H_{y_k}]";
  std::vector<std::string> sam, sgd;
  for (const auto& kind : kKinds) {
    Base b;
    b.hkind = kind;
    b.n_lo = 1;
    b.n_hi = 4;
    b.d_lo = 1;
    b.d_hi = 3;
    b.brule = BRule::LessN;
    b.c_units = {Rat(1), Rat(1, 4), Rat(4), Rat(20)};
    b.k_lo = 1;
    b.k_hi = 8;
    b.ncodes = 6;
    c.families.push_back(family_of(kind, describe(b) + "; eta mu_max in {1,1/2,2,3/2,1/10,3}", b, finish));
    sam.push_back(kind);
    Base b0 = b;
    b0.c_units = {Rat(0)};
    c.families.push_back(family_of(kind + ".sgd", describe(b0) + "; eta mu_max in {1,1/2,2,3/2,1/10,3}", b0, finish));
    sgd.push_back(kind + ".sgd");
  }
  for (int sgd_flag = 0; sgd_flag < 2; ++sgd_flag) {
    Base b;
    b.hkind = "pm-identity";
    b.n_lo = 2;
    b.n_hi = 4;
    b.d_lo = 2;
    b.d_hi = 3;
    b.brule = BRule::LessN;
    b.c_units = sgd_flag ? std::vector<Rat>{Rat(0)} : std::vector<Rat>{Rat(1), Rat(4), Rat(20)};
    b.k_lo = 1;
    b.k_hi = 8;
    b.ncodes = 4;
    std::string name = sgd_flag ? "jbar-zero.sgd" : "jbar-zero";
    c.families.push_back(family_of(name, describe(b) + "; H = hI exactly, eta = f/(h(1+ch)), f in {1, 1.01, 0.99, 1.1} (Jbar = 0 at f = 1)",
                                   b, finish_zero_mean));
    (sgd_flag ? sgd : sam).push_back(name);
  }
  Variant v;
  v.slug = "as-stated";
  v.statement = "Tr M_k >= eta^{2k} q^k (1 + c lambda_min(H))^{2k} Tr N0^k(I), SAM (c > 0), k = 1..8";
  v.rel = Rel::Ge;
  v.families = sam;
  v.eval = make_evaluator(body<false>());
  v.note = "the paper's statement (SAM)";
  v.expected = Verdict::Holds;
  c.variants.push_back(v);
  Variant g = derived(v, "sgd",
                          "Tr M_k >= eta^{2k} q^k Tr N0^k(I) (c = 0: then the bound is Tr M_k >= Tr N_k)");
  g.families = sgd;
  g.note = "the SGD special case rho = 0";
  c.variants.push_back(g);
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c8_trace_lb
