// THM-C8-PRUNE — proof steps (38)-(40) of Theorem C.8 (auxiliary):
//  (39) per index tuple y:  ||C H_{y_k} C ... C H_{y_1}||_F^2 >= (1 + c lambda_min(H))^{2k} ||H_{y_k} ... H_{y_1}||_F^2
//  (40) summed:             Tr N_k >= eta^{2k} q^k (1 + c lambda_min(H))^{2k} Tr N0^k(I),  N0(A) = sum_i H_i A H_i.
// Justification given: Lemma C.1 applied repeatedly. The C factors sit *between* non-commuting H's, where
// Lemma C.1 does not apply; commuting families are the repaired hypothesis.
#include "generators/kit.hpp"
#include "core/moments.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_thm_c8_prune {
namespace {

using namespace stab;

const std::vector<std::string> kNonCommuting = {"wishart", "lowrank", "rankone", "clustered", "independent", "pm-identity"};
const std::vector<std::string> kCommuting = {"diagonal", "commuting", "orthogonal", "aligned"};

// tuple y from the code: y_t = (code >> 2t) mod n (code 0: all ones); eta = 1/mu_max (irrelevant for (39))
Sample finish(Sample s, int code) {
  const int n = int(s.family("H").size());
  const int k = int(s.integer("k"));
  for (int t = 0; t < k; ++t) s.ints["y" + std::to_string(t + 1)] = (code >> (2 * t)) % n;
  Rat mu = mu_upper(s.family("H"), s.scalar("c"));
  s.scalars["eta"] = Rat(1) / mu;
  return s;
}

template <class T> Real<T> c_factor(const mom::Model<T>& m, long k) {
  Real<T> lmn = lmin(m.Hbar);
  Real<T> base = Real<T>(real(T(1))) + Real<T>(real(m.c)) * lmn;
  return ipow(base, 2 * k);
}

auto per_term = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const int k = int(s.integer("k"));
  Mat<T> P = Mat<T>::Identity(m.d, m.d), P0 = P;
  T bound = T(1), bound0 = T(1);  // submultiplicative Frobenius bounds: the rounding scale (products may cancel to 0)
  for (int t = 1; t <= k; ++t) {
    const auto& h = m.H[size_t(s.integer("y" + std::to_string(t)))];
    P = Mat<T>(m.C * h) * P;
    P0 = Mat<T>(h * P0);
    bound = bound * fro2(m.C) * fro2(h);
    bound0 = bound0 * fro2(h);
  }
  Real<T> lhs = real(fro2(P));
  Real<T> f = c_factor(m, k);
  Real<T> rhs = f * real(fro2(P0));
  return sides(lhs, rhs, Real<T>(real(bound) + f * real(bound0)));
};

auto summed = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const int k = int(s.integer("k"));
  Real<T> lhs = real(T(mom::noise_powers(m, k).back().trace()));
  T f = T(1);
  for (int t = 0; t < k; ++t) f = f * m.eta * m.eta * m.q;
  Real<T> rhs = real(f) * c_factor(m, k) * real(T(mom::sumHAH_powers(m.H, m.d, k).back().trace()));
  return sides(lhs, rhs);
};

Claim make() {
  Claim c;
  c.id = "THM-C8-PRUNE";
  c.source = "Theorem C.8 proof, eqs. (38)-(40) (auxiliary proof step)";
  c.statement = "(39) Tr[C H_{y_k} C ... C H_{y_1}^2 C ... H_{y_k} C] >= (1 + rho/alpha lambda_min(H))^{2k} Tr[H_{y_k} ... H_{y_1}^2 ... H_{y_k}] "
                "for every tuple y; (40) the same summed over y with eta^{2k} q^k";
  std::vector<std::string> nc, cm, nc1;
  auto add = [&](const std::string& kind, int klo, int khi, const std::string& suffix, std::vector<std::string>& into) {
    Base b;
    b.hkind = kind;
    b.n_lo = 1;
    b.n_hi = 4;
    b.d_lo = 1;
    b.d_hi = 3;
    b.brule = BRule::LessN;
    b.c_units = {Rat(1), Rat(1, 4), Rat(4), Rat(20)};
    b.k_lo = klo;
    b.k_hi = khi;
    b.ncodes = 64;
    c.families.push_back(family_of(kind + suffix, describe(b) + "; tuple y from the code", b, finish));
    into.push_back(kind + suffix);
  };
  for (const auto& k : kNonCommuting) add(k, 2, 3, "", nc);
  for (const auto& k : kCommuting) add(k, 2, 3, "", cm);
  for (const auto& k : kNonCommuting) add(k, 1, 1, ".k1", nc1);
  std::vector<std::string> all = nc;
  all.insert(all.end(), cm.begin(), cm.end());

  Variant p;
  p.slug = "per-term-(39)";
  p.statement = "||C H_{y_k} C ... C H_{y_1}||_F^2 >= (1 + c lambda_min(H))^{2k} ||H_{y_k} ... H_{y_1}||_F^2, k = 2, 3";
  p.rel = Rel::Ge;
  p.families = all;
  p.eval = make_evaluator(per_term);
  p.note = "as stated, every family";
  p.expected = Verdict::Refuted;
  p.witness = "THM-C8-PRUNE/per-term-(39)/lowrank/1/1/3.3.3.15";
  c.variants.push_back(p);
  Variant pc = derived(p, "per-term-(39).commuting",
                          p.statement + ", for commuting families (diagonal, shared eigenbasis, orthogonal, aligned)");
  pc.families = cm;
  pc.note = "repaired hypothesis: H_i commute with each other (and so with C)";
  c.variants.push_back(pc);
  Variant p1 = derived(p, "per-term-(39).k1",
                          "||C H_{y_1}||_F^2 >= (1 + c lambda_min(H))^2 ||H_{y_1}||_F^2 (k = 1: one C, on the outside)");
  p1.families = nc1;
  p1.note = "k = 1: Lemma C.1 applies directly";
  c.variants.push_back(p1);
  Variant s = derived(p, "summed-(40)",
                          "Tr N_k >= eta^{2k} q^k (1 + c lambda_min(H))^{2k} Tr N0^k(I), k = 2, 3");
  s.eval = make_evaluator(summed);
  s.note = "as stated, every family (holds although the per-term step (39) fails)";
  c.variants.push_back(s);
  Variant sc = derived(s, "summed-(40).commuting",
                          s.statement + ", for commuting families");
  sc.families = cm;
  sc.note = "repaired hypothesis: commuting H_i";
  c.variants.push_back(sc);
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c8_prune
