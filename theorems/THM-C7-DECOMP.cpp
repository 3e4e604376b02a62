// THM-C7-DECOMP — Theorem C.7 proof, (14)-(16), noise-injected SGD (update (3), reconstructed from (14)):
//   w_{t+1} = J^_t w_t - eta H^_t delta_t,  J^_t = I - eta H^_t,  E delta = 0, E delta delta^T = sd2 I, independent.
// (15) E||w_k||^2 = w0^T M_k w0 + eta^2 sd2 sum_{t=1}^k Tr(M_{k-t} E[H^^2])   (cross terms vanish)
// (16) second term >= eta^2 sd2 lambda_min(H)^2 sum_{t=1}^k Tr M_{k-t}
// LHS of (15) independently: the forward covariance recursion Sigma_{t+1} = E[J^ Sigma_t J^^T] + eta^2 sd2 E[H^^2]
// (enumeration of the 2^n patterns), E||w_k||^2 = Tr Sigma_k; RHS with the closed-form M_j.
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/stability.hpp"

namespace stabcheck::claim_thm_c7_decomp {
namespace {

using namespace stab;

const std::vector<std::string> kKinds = {"wishart", "lowrank", "rankone", "diagonal", "commuting", "clustered", "independent"};

Sample finish(Sample s, int code) {
  static const std::vector<Rat> u = {Rat(1, 2), Rat(1), Rat(3, 2), Rat(2), Rat(1, 10)};
  static const Rat sd[] = {Rat(1), Rat(1, 100), Rat(100)};
  const auto& H = s.family("H");
  s.scalars["eta"] = step_over_mu_max(s, u, size_t(code));  // no hypothesis on eta (SGD: c = 0)
  s.scalars["sd2"] = sd[(code / 5) % 3];
  const int d = int(H[0].rows());
  MatQ w0(d, 1);
  for (int i = 0; i < d; ++i) w0(i, 0) = Rat(((code + 3 * i) % 5) - 2 == 0 ? 1 : ((code + 3 * i) % 5) - 2);
  s.mats["w0"] = w0;
  return s;
}

template <class T> T second_term(const mom::Model<T>& m, const std::vector<Mat<T>>& M, const Mat<T>& G, int k, const T& sd2) {
  T sum = T(0);
  for (int t = 1; t <= k; ++t) sum += trace_prod(M[size_t(k - t)], G);
  return m.eta * m.eta * sd2 * sum;
}

auto decomp = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const int k = int(s.integer("k"));
  const T sd2 = s.scalar_as<T>("sd2");
  Mat<T> w0 = s.mat_as<T>("w0");
  auto ps = mom::patterns(m);
  Mat<T> G = mom::enum_E_Hhat2(ps);
  Mat<T> Sig = Mat<T>(w0 * w0.transpose());
  for (int t = 0; t < k; ++t) Sig = mom::enum_E_JAJt(ps, Sig) + G * (m.eta * m.eta * sd2);
  T lhs = Sig.trace();
  auto M = mom::closed_moments(m, k);
  Mat<T> GQ = mom::closed_E_HAH(m, Mat<T>(Mat<T>::Identity(m.d, m.d)));
  T rhs = T((w0.transpose() * M[size_t(k)] * w0)(0, 0)) + second_term(m, M, GQ, k, sd2);
  return sides(real(lhs), real(rhs));
};

auto lower16 = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const int k = int(s.integer("k"));
  const T sd2 = s.scalar_as<T>("sd2");
  auto M = mom::closed_moments(m, k);
  Mat<T> G = mom::closed_E_HAH(m, Mat<T>(Mat<T>::Identity(m.d, m.d)));
  Real<T> lhs = real(second_term(m, M, G, k, sd2));
  T trs = T(0);
  for (int t = 1; t <= k; ++t) trs += M[size_t(k - t)].trace();
  Real<T> lmn = lmin(m.Hbar);
  Real<T> rhs = real(T(m.eta * m.eta * sd2 * trs)) * lmn * lmn;
  return sides(lhs, rhs);
};

Claim make() {
  return Claim{
      .id = "THM-C7-DECOMP", .source = "Theorem C.7 proof, eqs. (14)-(16)",
      .statement = "E||w_k||^2 = w0^T M_k w0 + eta^2 sigma_delta^2 sum_{t=1}^k Tr(M_{k-t} E[H^^2]) (15), and the second term is >= "
                   "eta^2 sigma_delta^2 lambda_min(H)^2 sum_t Tr M_{k-t} (16)",
      .readings = {{.name = "Tr(E[.] E[H^^2])",
                    .text = "the OCR 'E[Tr(...)]E[H_t^2]' of (16) read as Tr(E[J^_{t+1}^T ... J^_{t+1}] E[H^_t^2])",
                    .chosen = true}},
      .uses = {"LEM-C2-CYCLIC", "LEM-C1-TRACE-BOUNDS:lower.B-psd", "ID-33"},  // (16)d: Lemma C.1 with B = E[H^^2] PSD
      .families = per_kind(kKinds, {.n_lo = 1, .n_hi = 4, .d_lo = 1, .d_hi = 3, .ncodes = 15, .k_lo = 1, .k_hi = 6}, finish,
                           "; eta mu_max in {1/2,1,3/2,2,1/10}, sigma_delta^2 in {1, 1e-2, 1e2}, w0 small integers"),
      .variants = {
          {.slug = "(15)",
           .statement = "Tr Sigma_k (forward covariance recursion, enumeration) = w0^T M_k w0 + eta^2 sd2 sum_{t=1}^k Tr(M_{k-t} E[H^^2]), "
                        "k = 1..6",
           .rel = Rel::Eq,
           .eval = make_evaluator(decomp),
           .note = "the exact decomposition (cross terms vanish)",
           .checks = {"(16)c"}},
          {.slug = "(16)",
           .statement = "eta^2 sd2 sum_t Tr(M_{k-t} E[H^^2]) >= eta^2 sd2 lambda_min(H)^2 sum_t Tr M_{k-t}",
           .rel = Rel::Ge,
           .eval = make_evaluator(lower16),
           .note = "the lower bound (16), read as Tr(E[.] E[H^^2])",
           .checks = {"(16)d"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c7_decomp
