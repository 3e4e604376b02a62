// THM-C7-LINKS — Theorem C.7 proof (noise-injected SGD), eqs. (14)-(25), link by link. Update (3), reconstructed from
// (14) as in THM-C7-DECOMP:  w_t = J^_t w_{t-1} - eta H^_t delta_t,  J^_t = I - eta H^_t (SGD, c = 0), delta_t i.i.d.,
// independent of the batches, E delta = 0, E delta delta^T = sd2 I. The noise is the explicit law delta = sd eps, eps
// uniform on {-1, 1}^d (sd rational, sd2 = sd^2): its mean and second moment are enumerated, never assumed.
//   (14)    w_k = J^_k..J^_1 w0 - eta sum_t (prod_{t'=t+1}^k J^_t') H^_t delta_t, pathwise: on every one of the (2^n)^k
//           batch sequences, the coefficients of (w0, delta_1..delta_k) from iterating (3) step by step (left products)
//           against the unrolled form (suffix products built from the left end). Reading: the product is J^_k..J^_{t+1}
//           (latest factor on the left, as in the first term J^_k..J^_1 w0).
//   (15)a   E||w_k||^2 (forward second moments of (3), one step at a time) = E||(14)||^2 (brute force over the batch
//           sequences, every product of two terms of (14) with the enumerated moments of delta, cross terms included);
//   (15)b   E||(14)||^2 = w0^T M_k w0 (closed-form map) + eta^2 E||sum_t P_t H^_t delta_t||^2 (every (s, t) pair);
//   (16)a   eta^2 E||sum_t P_t H^_t delta_t||^2 = eta^2 E[sum_t delta_t^T H^_t (J^_{t+1}..J^_k^2..J^_{t+1}) H^_t delta_t]
//           (the palindrome built as J^_{t+1} W_{t+1} J^_{t+1}, the quadratic forms averaged over the 2^d values of delta);
//   (16)b   = eta^2 E[sum_t Tr((J^_{t+1}..J^_k^2..J^_{t+1}) H^_t delta_t delta_t^T H^_t)] (trace with E delta delta^T);
//   (17)b   Tr N_t >= (eta^2 (n/B - 1) lambda_max(H)^2 / sigma^2)^t, t = 1..8, in its own form (N_t the noise part of
//           M_t, c = 0), sigma the Dexter coherence (stab::sigma_tier). OCR "η^{2t} 1 ... (n/B − 1)^t λmax(H)^{2t}", the
//           1/σ^{2t} as in derivations.tsv;
//   (19)    eta^2 sd2 lmin^2 sum_{t=1}^k eta^{2t} sigma^{-2t} (n/B-1)^t lmax^{2t} = eta^2 sd2 lmin^2 r (r^k - 1)/(r - 1),
//           r = ((eta/sigma) lmax(H))^2 (n/B - 1), the sum term by term in the print's factors. OCR of the numerator:
//           "(n)\maX)Q(% B 1)((3)'max)2k(% B l)k — 1)": the parenthesised "(n)" is read as the stacked fraction eta/sigma
//           (rendered "(3)", "F", "2" elsewhere in the same chain; r of (21) is "(2 Apax(H))?(% — 1)"); eta is placed
//           at eta*(1 +- {1/10, 1/2, 1}) of the Dexter threshold eta* (r = (eta/eta*)^2 stays away from 1);
//   (20)    sum_{t=1}^k C0 alpha^t = C0 alpha (alpha^k - 1)/(alpha - 1), C0 = d, alpha = lambda_max(Jbar^2) (H made PD
//           and eta mu_max != 2, so alpha != 1);
//   (21)    E||w_k||^2 >= C0 alpha^k + r^k/(n d^5) + eta^2 sd2 lmin(H)^2 (C0 alpha (alpha^k - 1)/(alpha - 1)
//           + r (r^k - 1)/((r - 1) n d^5)) (OCR "Elwlwy] > Coa® ... nd® oa—1 nd® r—1"), with C0 = d, alpha =
//           lambda_max(Jbar^2), which satisfy the theorem's hypothesis Tr Jbar^{2k} <= C0 alpha^k (an UPPER bound that the
//           proof uses as a lower bound). The geometric sums are evaluated as sums (they equal the printed closed forms,
//           (19)/(20), and stay defined at alpha = 1 or r = 1). E||w_k||^2 by the forward second moments of (3), with
//           E w0 w0^T = I (the proof's first term is a trace) [chosen] or w0 = e_1 (||w0|| = 1, set before (22)). Two
//           errors, each isolated by a diagnostic variant (no ids): C0 alpha^k >= Tr Jbar^{2k} is used as a lower bound,
//           and the noise sum runs over t = 1..k where (16) gives Tr M_0 .. Tr M_{k-1}; the repair fixes both;
//   C.7-p1  "there exist eps and C with E[J^_1^T..J^_k^T J^_k..J^_1] <= C((1-eps)^2+eps)^k", read in trace form
//           Tr M_k <= C((1-eps)^2+eps)^k and checked through the witnesses of (46)+(63): eps = eps_max = 1 - ||Jbar||_2
//           (or eps_max/1000) and C = max_{r<=k} Tr N_r / eps^r (the smallest C with Tr N_r <= C eps^r, r <= k), k = 1..6;
//   (24)b   C r^k + eta^2 sd2 lmax sum_{t=1}^k C r^t = C r^k + eta^2 sd2 lmax r (1 - r^k)/(1 - r), r = (1-eps)^2 + eps,
//           with the witnesses of C.7-p1 and lmax = lambda_max(H) (the print leaves it unspecified; a common factor).
//           OCR: "=Cr* + P' Apax————" over "r(1 −1rk)" and "1−r": no C in the closed form, as in (25) ("η²σ²λmax r/(1−r)");
//           checked as printed (no C), and the identity with C beside it as the repair.
//   (24)a   E||w_k||^2 <= C r^k + eta^2 sd2 lmax sum_{t=1}^k C r^t (OCR "Elwfwi] < Cr¥ + 0 Amax Y Cr'" with "t=1" under the
//           sum), through the witnesses of C.7-p1 (eps = eps_max or eps_max/1000, C = max_{r<=k} Tr N_r/eps^r, r = (1-eps)^2
//           + eps), k = 1..6, E||w_k||^2 exact by the forward moments of (3) with E w0 w0^T = I (the first term is then Tr M_k,
//           the trace form of C.7-p1; for ||w0|| = 1 it is w0^T M_k w0 <= Tr M_k). "lambda_max": the proof bounds the (16)c
//           term eta^2 sd2 sum_t Tr(M_{k-t} E[H^^2]) from above, so the constant it needs is lambda_max(E[H^^2]) (the
//           covariance of the injected noise H^ delta per unit sd2) [chosen]; the paper's lambda_max elsewhere ((17)-(19)) is
//           lambda_max(H), checked as the alternative reading (dimensionally off: the twin lower bound (16)d has lmin(H)^2).
//           The print's range t = 1..k (r^1 .. r^k) is one factor r short of the terms Tr M_{k-t} <= C r^{k-t}, t = 1..k, that
//           (16) gives; the repair sums r^0 .. r^{k-1}.
//   (25)    lim_k E||w_k||^2 <= eta^2 sd2 lmax r/(1 - r) (OCR "éggaEhugwk]§7fAnwx1ij"; THM-C7-3: "η²σ²λmax r/(1−r)"), no C,
//           under the convergence criterion: families lim.* with r(T) < 1 (exact) and eps = eps_max or eps_max/1000; the
//           limit is exact, eta^2 sd2 Tr((Id - T)^{-1}(I) E[H^^2]) (THM-C7-3 `limit`). Checked as printed (no C) with
//           lambda_max(E[H^^2]) [chosen] and lambda_max(H); a diagnostic restores C (r/(1-r) kept), the repair is the limit of
//           the repaired (24)a, C/(1 - r). For the limit C must hold for every r: the finisher finds the least R <= 6 with
//           N_R <= eps^R I (exact), and then C = max_{s<R} Tr N_s/eps^s (N is a positive map: N_{qR+s} <= eps^{qR} N_s).
#include "generators/kit.hpp"
#include "core/knobs.hpp"
#include "models/moments.hpp"
#include "generators/stability.hpp"
#include "generators/c8_stability_claims.hpp"

namespace stabcheck::claim_thm_c7_links {
namespace {

using namespace stab;

template <class R> R rabs(const R& x) {
  using std::abs;
  return abs(x);
}
template <class T> Real<T> rzero() { return real(T(0)); }

/// sides of an identity lhs = rhs: |lhs - rhs| against 0, the error scale |lhs| + |rhs|.
template <class R> Sides<R> equal_sides(const R& lhs, const R& rhs) { return sides(rabs(R(lhs - rhs)), R(0), R(rabs(lhs) + rabs(rhs))); }

// ---------------------------------------------------------------------------------------------------------------
// The noise: delta = sd eps, eps uniform on {-1, 1}^d; its values, mean and second moment by enumeration.
// ---------------------------------------------------------------------------------------------------------------
template <class T> struct Noise {
  std::vector<Mat<T>> values;  // d x 1
  T prob = T(0);
  Mat<T> mean, second;         // E delta (d x 1), E delta delta^T
};
template <class T> Noise<T> noise_of(int d, const T& sd) {
  Noise<T> z;
  z.prob = T(1) / T(1L << d);
  z.mean = Mat<T>::Zero(d, 1);
  z.second = Mat<T>::Zero(d, d);
  for (long e = 0; e < (1L << d); ++e) {
    Mat<T> v(d, 1);
    for (int i = 0; i < d; ++i) v(i, 0) = (e >> i & 1) ? sd : T(-sd);
    z.mean += v * z.prob;
    z.second += Mat<T>(v * v.transpose()) * z.prob;
    z.values.push_back(v);
  }
  return z;
}

// ---------------------------------------------------------------------------------------------------------------
// (14)-(16): sums over the (2^n)^k batch sequences
// ---------------------------------------------------------------------------------------------------------------
enum Want : unsigned { kUnrolled = 1, kSquare = 2, kNoisePairs = 4, kNoiseQuad = 8, kNoiseTrace = 16 };

template <class T> struct PathSums {
  T diff = T(0), mag = T(0);  // (14): sum |iterated - unrolled| over sequences and coefficients; sum of magnitudes
  T square = T(0);            // E ||(14)||^2, every product of two terms of (14)
  T pairs = T(0);             // eta^2 E ||sum_t P_t H^_t delta_t||^2, every (s, t) pair
  T quad = T(0);              // eta^2 E sum_t delta_t^T H^_t W_t H^_t delta_t (quadratic forms over the law of delta)
  T trace = T(0);             // eta^2 E sum_t Tr(W_t H^_t E[delta delta^T] H^_t)
};

template <class T> PathSums<T> path_sums(const mom::Model<T>& m, const Mat<T>& w0, const Noise<T>& z, int k, unsigned want) {
  const auto ps = mom::patterns(m);
  const size_t P = ps.size();
  size_t total = 1;
  for (int t = 0; t < k; ++t) total *= P;
  if (total > 4096) throw std::invalid_argument("too many batch sequences");
  const int d = m.d;
  const T eta = m.eta, eta2 = m.eta * m.eta;
  const Mat<T> I = Mat<T>::Identity(d, d);
  const Mat<T> mm = Mat<T>(z.mean * z.mean.transpose());  // E delta_t delta_s^T, s != t (independent)
  PathSums<T> out;
  std::vector<size_t> x(size_t(k) + 1, 0);
  for (size_t seq = 0; seq < total; ++seq) {
    size_t rest = seq;
    T w = T(1);
    for (int t = 1; t <= k; ++t) {
      x[size_t(t)] = rest % P;
      rest /= P;
      w = w * ps[x[size_t(t)]].w;
    }
    auto J = [&](int t) -> const Mat<T>& { return ps[x[size_t(t)]].J; };
    auto H = [&](int t) -> const Mat<T>& { return ps[x[size_t(t)]].Hhat; };
    // the unrolled form (14): P_t = J^_k ... J^_{t+1}, built from the left end; B_t = P_t H^_t; a = P_0 w0
    std::vector<Mat<T>> Pt(size_t(k) + 1), Bt(size_t(k) + 1);
    Pt[size_t(k)] = I;
    for (int t = k; t >= 1; --t) Pt[size_t(t - 1)] = Mat<T>(Pt[size_t(t)] * J(t));
    for (int t = 1; t <= k; ++t) Bt[size_t(t)] = Mat<T>(Pt[size_t(t)] * H(t));
    const Mat<T> a = Mat<T>(Pt[0] * w0);
    if (want & kUnrolled) {
      // update (3) step by step, w as its coefficients on (1, delta_1, ..., delta_k): w_t = J^_t w_{t-1} - eta H^_t delta_t
      Mat<T> X = Mat<T>::Zero(d, 1 + k * d), Y(d, 1 + k * d);
      X.col(0) = w0.col(0);
      for (int t = 1; t <= k; ++t) {
        X = Mat<T>(J(t) * X);
        X.block(0, 1 + (t - 1) * d, d, d) -= H(t) * eta;
      }
      Y.col(0) = a.col(0);
      for (int t = 1; t <= k; ++t) Y.block(0, 1 + (t - 1) * d, d, d) = Bt[size_t(t)] * T(-eta);
      for (Eigen::Index i = 0; i < X.size(); ++i) {
        out.diff += tabs(T(X(i) - Y(i)));
        out.mag += tabs(X(i)) + tabs(Y(i));
      }
    }
    if (want & (kSquare | kNoisePairs)) {
      // E over delta of (sum_s B_s delta_s)^T (sum_t B_t delta_t) = sum_{s,t} Tr(B_s^T B_t E[delta_t delta_s^T])
      T noise = T(0);
      for (int s = 1; s <= k; ++s)
        for (int t = 1; t <= k; ++t)
          noise += trace_prod(Mat<T>(Bt[size_t(s)].transpose() * Bt[size_t(t)]), s == t ? z.second : mm);
      out.pairs += w * eta2 * noise;
      if (want & kSquare) {
        T cross = T(0);  // a^T B_t E[delta_t]
        for (int t = 1; t <= k; ++t) cross += Mat<T>(a.transpose() * Bt[size_t(t)] * z.mean)(0, 0);
        out.square += w * (Mat<T>(a.transpose() * a)(0, 0) - T(2) * eta * cross + eta2 * noise);
      }
    }
    if (want & (kNoiseQuad | kNoiseTrace)) {
      // W_t = J^_{t+1} ... J^_k J^_k ... J^_{t+1} (the palindrome of (16)), W_k = I, W_t = J^_{t+1} W_{t+1} J^_{t+1}
      std::vector<Mat<T>> W(size_t(k) + 1);
      W[size_t(k)] = I;
      for (int t = k - 1; t >= 1; --t) W[size_t(t)] = Mat<T>(J(t + 1) * W[size_t(t + 1)] * J(t + 1));
      for (int t = 1; t <= k; ++t) {
        const Mat<T> Q = Mat<T>(H(t) * W[size_t(t)] * H(t));
        if (want & kNoiseQuad) {
          T qf = T(0);  // sum over the law of delta of delta^T Q delta, entry by entry
          for (const auto& v : z.values)
            for (int i = 0; i < d; ++i)
              for (int j = 0; j < d; ++j) qf += v(i, 0) * Q(i, j) * v(j, 0);
          out.quad += w * eta2 * z.prob * qf;
        }
        if (want & kNoiseTrace) out.trace += w * eta2 * trace_prod(W[size_t(t)], Mat<T>(H(t) * z.second * H(t)));
      }
    }
  }
  return out;
}

/// E||w_k||^2 of (3) by its forward moments, one step at a time (2^n patterns per step): mu = E w, S = E w w^T,
///   mu' = Jbar mu - eta H E[delta],  S' = E[J^ S J^^T] - eta E[J^ mu E[delta]^T H^ + transpose] + eta^2 E[H^ E[dd^T] H^].
template <class T> T forward_second_moment(const mom::Model<T>& m, const Mat<T>& S0, const Mat<T>& mu0, const Noise<T>& z, int k) {
  const auto ps = mom::patterns(m);
  Mat<T> S = S0, mu = mu0;
  for (int t = 0; t < k; ++t) {
    Mat<T> next = Mat<T>::Zero(m.d, m.d);
    for (const auto& p : ps) {
      const Mat<T> c = Mat<T>(p.J * mu * z.mean.transpose() * p.Hhat);
      next += (Mat<T>(p.J * S * p.J.transpose()) - (c + Mat<T>(c.transpose())) * m.eta +
               Mat<T>(p.Hhat * z.second * p.Hhat) * (m.eta * m.eta)) * p.w;
    }
    mu = Mat<T>(m.Jbar * mu) - Mat<T>(m.Hbar * z.mean) * m.eta;
    S = next;
  }
  return S.trace();
}

enum class Link { U14, A15, B15, A16, B16 };

auto process_link(Link link) {
  return [link](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    const int k = int(s.integer("k"));
    const Mat<T> w0 = s.mat_as<T>("w0");
    const Noise<T> z = noise_of<T>(m.d, s.scalar_as<T>("sd"));
    switch (link) {
      case Link::U14: {
        const PathSums<T> p = path_sums(m, w0, z, k, kUnrolled);
        return sides(real(p.diff), rzero<T>(), real(p.mag));
      }
      case Link::A15: {  // E||w_k||^2 (forward moments of (3)) = E||(14)||^2
        const T lhs = forward_second_moment(m, Mat<T>(w0 * w0.transpose()), w0, z, k);
        return equal_sides(real(lhs), real(path_sums(m, w0, z, k, kSquare).square));
      }
      case Link::B15: {  // E||(14)||^2 = w0^T M_k w0 + eta^2 E||sum_t P_t H^_t delta_t||^2
        const PathSums<T> p = path_sums(m, w0, z, k, kSquare);
        const T signal = Mat<T>(w0.transpose() * mom::closed_moments(m, k).back() * w0)(0, 0);
        return equal_sides(real(p.square), real(T(signal + p.pairs)));
      }
      case Link::A16: {
        const PathSums<T> p = path_sums(m, w0, z, k, kNoisePairs | kNoiseQuad);
        return equal_sides(real(p.pairs), real(p.quad));
      }
      case Link::B16: {
        const PathSums<T> p = path_sums(m, w0, z, k, kNoiseQuad | kNoiseTrace);
        return equal_sides(real(p.quad), real(p.trace));
      }
    }
    return sides(rzero<T>(), rzero<T>());
  };
}

// ---------------------------------------------------------------------------------------------------------------
// (17)b, (19): the Dexter ratio r = eta^2 (n/B - 1) lambda_max(H)^2 / sigma^2
// ---------------------------------------------------------------------------------------------------------------
template <class T> Real<T> dexter_ratio(const mom::Model<T>& m, const Sample& s) {
  const Real<T> sig = sigma_tier<T>(s.family("H"));
  const Real<T> lm = lmax(m.Hbar);
  return real(T(m.eta * m.eta * (T(m.n) / m.B - T(1)))) * lm * lm / (sig * sig);
}

auto noise_lower = [](auto tier, const Sample& s) {  // (17)b: Tr N_k >= r^k
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const int k = int(s.integer("k"));
  return sides(real(T(mom::noise_powers(m, k).back().trace())), ipow(dexter_ratio(m, s), k));
};

auto geometric19 = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const int k = int(s.integer("k"));
  const Real<T> sig = sigma_tier<T>(s.family("H")), lm = lmax(m.Hbar), ln = lmin(m.Hbar);
  const T sd = s.scalar_as<T>("sd");
  const Real<T> pre = real(T(m.eta * m.eta * sd * sd)) * ln * ln;
  Real<T> sum = rzero<T>();  // term by term, in the print's factors eta^{2t} sigma^{-2t} (n/B - 1)^t lambda_max^{2t}
  for (int t = 1; t <= k; ++t)
    sum += real(T(ipow(T(m.eta * m.eta), t) * ipow(T(T(m.n) / m.B - T(1)), t))) * ipow(lm, 2 * t) / ipow(sig, 2 * t);
  const Real<T> r = dexter_ratio(m, s), one = real(T(1));
  return equal_sides(Real<T>(pre * sum), Real<T>(pre * r * (ipow(r, k) - one) / (r - one)));
};

// ---------------------------------------------------------------------------------------------------------------
// (20), (21): C0 alpha^k with alpha = lambda_max(Jbar^2)
// ---------------------------------------------------------------------------------------------------------------
auto geometric20 = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const int k = int(s.integer("k"));
  const Real<T> alpha = lmax(Mat<T>(m.Jbar * m.Jbar)), C0 = real(T(m.d)), one = real(T(1));
  Real<T> sum = rzero<T>();
  for (int t = 1; t <= k; ++t) sum += C0 * ipow(alpha, t);
  return equal_sides(sum, Real<T>(C0 * alpha * (ipow(alpha, k) - one) / (alpha - one)));
};

enum class Hyp { Upper, Lower };  // C0 = d (Tr Jbar^{2k} <= C0 alpha^k, the hypothesis) | C0 = 1 (>=, what the proof uses)

/// (21): E||w_k||^2 >= C0 alpha^k + r^k/(n d^5) + eta^2 sd2 lmin(H)^2 sum_{t in range} (C0 alpha^t + r^t/(n d^5)),
/// range t = 1..k (printed) or d + sum_{t=1}^{k-1} (the range of (16): Tr M_0 = d, Tr M_1 .. Tr M_{k-1});
/// E w0 w0^T = I (iso) or w0 = e_1.
auto bound21(Hyp hyp, bool printed_range, bool iso) {
  return [hyp, printed_range, iso](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    const int k = int(s.integer("k"));
    const T sd = s.scalar_as<T>("sd");
    const Noise<T> z = noise_of<T>(m.d, sd);
    Mat<T> S0 = Mat<T>::Identity(m.d, m.d), mu0 = Mat<T>::Zero(m.d, 1);
    if (!iso) {
      S0 = Mat<T>::Zero(m.d, m.d);
      S0(0, 0) = T(1);
      mu0(0, 0) = T(1);
    }
    const T lhs = forward_second_moment(m, S0, mu0, z, k);
    const Real<T> alpha = lmax(Mat<T>(m.Jbar * m.Jbar)), r = dexter_ratio(m, s), ln = lmin(m.Hbar);
    const Real<T> C0 = real(T(hyp == Hyp::Upper ? T(m.d) : T(1)));
    T nd5 = T(m.n);
    for (int i = 0; i < 5; ++i) nd5 = nd5 * T(m.d);
    const Real<T> K = real(T(T(1) / nd5));
    // printed: sum_{t=1}^k; repaired: Tr M_0 = d, then t = 1..k-1 (the terms Tr M_0 .. Tr M_{k-1} of (16))
    Real<T> sum = printed_range ? rzero<T>() : real(T(m.d));
    for (int t = 1; t <= (printed_range ? k : k - 1); ++t) sum += C0 * ipow(alpha, t) + K * ipow(r, t);
    const Real<T> rhs = C0 * ipow(alpha, k) + K * ipow(r, k) + real(T(m.eta * m.eta * sd * sd)) * ln * ln * sum;
    return sides(real(lhs), rhs);
  };
}

// ---------------------------------------------------------------------------------------------------------------
// C.7-p1 and (24)b: eps from the sample, C = max_{r<=k} Tr N_r / eps^r, rho = (1-eps)^2 + eps
// ---------------------------------------------------------------------------------------------------------------
template <class T> T witness_C(const std::vector<Mat<T>>& N, const T& eps) {
  T C = T(0), e = T(1);
  for (const auto& Nr : N) {
    const T v = T(Nr.trace() / e);
    if (v > C) C = v;
    e = e * eps;
  }
  return C;
}

auto p1 = [](auto tier, const Sample& s) {  // Tr M_k <= C ((1-eps)^2 + eps)^k
  using T = typename decltype(tier)::type;
  auto m = mom::model_of<T>(s);
  const int k = int(s.integer("k"));
  const T eps = s.scalar_as<T>("eps");
  const T C = witness_C(mom::noise_powers(m, k), eps);
  const T rho = T((T(1) - eps) * (T(1) - eps) + eps);
  return sides(real(T(mom::closed_moments(m, k).back().trace())), real(T(C * ipow(rho, k))));
};

auto geometric24 = [](bool with_C) {
  return [with_C](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    const int k = int(s.integer("k"));
    const T eps = s.scalar_as<T>("eps"), sd = s.scalar_as<T>("sd");
    const T C = witness_C(mom::noise_powers(m, k), eps);
    const T rho = T((T(1) - eps) * (T(1) - eps) + eps);
    const Real<T> pre = real(T(m.eta * m.eta * sd * sd)) * lmax(m.Hbar);
    T sum = T(0);
    for (int t = 1; t <= k; ++t) sum += C * ipow(rho, t);
    const T head = T(C * ipow(rho, k));
    const T closed = T((with_C ? C : T(1)) * rho * (T(1) - ipow(rho, k)) / (T(1) - rho));
    return equal_sides(Real<T>(real(head) + pre * real(sum)), Real<T>(real(head) + pre * real(closed)));
  };
};

// ---------------------------------------------------------------------------------------------------------------
// (24)a, (25): the noise-term constant "lambda_max", E||w_k||^2 and its exact limit
// ---------------------------------------------------------------------------------------------------------------
enum class Lmax { HatSecond, H };  // lambda_max(E[H^^2]) (the proof's (16)c factor) [chosen] | lambda_max(H)

template <class T> Real<T> lmax_of(const mom::Model<T>& m, Lmax which) {
  if (which == Lmax::H) return lmax(m.Hbar);
  return lmax(mom::closed_E_HAH(m, Mat<T>(Mat<T>::Identity(m.d, m.d))));
}

/// (24)a: E||w_k||^2 (E w0 w0^T = I, forward moments of (3)) <= C rho^k + eta^2 sd2 lmax sum_{t in range} C rho^t,
/// C, eps the witnesses of C.7-p1; range t = 1..k (printed) or t = 0..k-1 (the terms Tr M_{k-t}, t = 1..k, of (16)).
auto bound24(Lmax which, bool printed_range) {
  return [which, printed_range](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    const int k = int(s.integer("k"));
    const T eps = s.scalar_as<T>("eps"), sd = s.scalar_as<T>("sd");
    const T lhs = forward_second_moment(m, Mat<T>(Mat<T>::Identity(m.d, m.d)), Mat<T>(Mat<T>::Zero(m.d, 1)), noise_of<T>(m.d, sd), k);
    const T C = witness_C(mom::noise_powers(m, k), eps);
    const T rho = T((T(1) - eps) * (T(1) - eps) + eps);
    T sum = T(0);
    for (int t = printed_range ? 1 : 0; t <= (printed_range ? k : k - 1); ++t) sum += C * ipow(rho, t);
    const Real<T> rhs = real(T(C * ipow(rho, k))) + real(T(m.eta * m.eta * sd * sd * sum)) * lmax_of(m, which);
    return sides(real(lhs), rhs);
  };
}

/// lim_k E||w_k||^2 = eta^2 sd2 Tr((Id - T)^{-1}(I) E[H^^2]) (r(T) < 1; THM-C7-3 `limit`, exact linear solve).
template <class T> T exact_limit(const mom::Model<T>& m, const T& sd) {
  const Mat<T> I = Mat<T>::Identity(m.d, m.d);
  return T(m.eta * m.eta * sd * sd * trace_prod(mom::resolvent_one(mom::T_matrix(m), I), mom::closed_E_HAH(m, I)));
}

/// C valid for every r >= 0: max_{s<R} Tr N_s / eps^s, where the sample's R has lambda_max(N_R) <= eps^R (exact, in
/// the finisher and the hypothesis). N is a positive map, so N_{qR+s} <= lambda_max(N_R)^q N_s <= eps^{qR} N_s.
template <class T> T witness_C_all(const mom::Model<T>& m, const Sample& s, const T& eps) {
  return witness_C(mom::noise_powers(m, int(s.integer("R")) - 1), eps);
}

enum class Form25 { Printed, WithC, Repaired };  // r/(1-r) | C r/(1-r) | C/(1-r)

/// (25): lim_k E||w_k||^2 <= eta^2 sd2 lmax [C] r/(1 - r), or C/(1 - r) (the sum over t >= 0 of C r^t), r = (1-eps)^2 + eps.
auto bound25(Lmax which, Form25 form) {
  return [which, form](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto m = mom::model_of<T>(s);
    const T eps = s.scalar_as<T>("eps"), sd = s.scalar_as<T>("sd");
    const T rho = T((T(1) - eps) * (T(1) - eps) + eps);
    const T C = form == Form25::Printed ? T(1) : witness_C_all(m, s, eps);
    const T geo = form == Form25::Repaired ? T(T(1) / (T(1) - rho)) : T(rho / (T(1) - rho));
    return sides(real(exact_limit(m, sd)), real(T(m.eta * m.eta * sd * sd * C * geo)) * lmax_of(m, which));
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Families
// ---------------------------------------------------------------------------------------------------------------
const Rat kSd[] = {Rat(1), Rat(1, 10), Rat(10)};

/// w0 small nonzero integers (as THM-C7-DECOMP).
void set_w0(Sample& s, int code) {
  const int d = int(s.family("H")[0].rows());
  MatQ w0(d, 1);
  for (int i = 0; i < d; ++i) w0(i, 0) = Rat(((code + 3 * i) % 5) - 2 == 0 ? 1 : ((code + 3 * i) % 5) - 2);
  s.mats["w0"] = w0;
}

// (14)-(16): any eta; at most 64 batch sequences (k <= 2 when n = 3)
Sample finish_proc(Sample s, int code) {
  static const std::vector<Rat> u = {Rat(1, 2), Rat(1), Rat(3, 2), Rat(2), Rat(1, 10)};
  s.scalars["eta"] = step_over_mu_max(s, u, size_t(code));
  s.scalars["sd"] = kSd[(code / 5) % 3];
  set_w0(s, code);
  if (s.family("H").size() >= 3 && s.integer("k") > 2) s.ints["k"] = 2;
  return s;
}

// (19): eta at eta*(1 + {1/10, 1/2, 1}) or eta*(1 - {1/10, 1/2, 3/4}) (r = (eta/eta*)^2 away from 1); H made PD
Sample finish_threshold(Sample s, int code) {
  static const std::vector<Rat> up = {Rat(1, 10), Rat(1, 2), Rat(1)};
  static const std::vector<Rat> dn = {Rat(1, 10), Rat(1, 2), Rat(3, 4)};
  make_pd(s);
  const Threshold t = eta_sigma_threshold(s.family("H"), s.scalar("B"), Rat(0));
  s.scalars["eta"] = code % 2 == 0 ? step_above(t, up, size_t(code / 2)) : step_below(t, dn, size_t(code / 2));
  s.scalars["sd"] = kSd[(code / 2) % 3];
  return s;
}

// (20)-(21): H made PD, eta = u / mu_max with u != 2 (no knob: alpha = lambda_max(Jbar^2) != 1: alpha < 1 for u < 2,
// alpha >= (u - 1)^2 > 1 for u > 2)
Sample finish_mu(Sample s, int code) {
  static const Rat u[] = {Rat(1, 2), Rat(1), Rat(3, 2), Rat(5, 2), Rat(3), Rat(1, 10)};
  make_pd(s);
  s.scalars["eta"] = u[code % 6] / mu_upper(s.family("H"), Rat(0));
  s.scalars["sd"] = kSd[(code / 6) % 3];
  return s;
}

// C.7-p1, (24)b: as THM-C9-NR-BOUND with c = 0: H made PD, eta mu_max in [1/10, 19/10] or the balanced step,
// eps = eps_max (exact when rational, else just below) or eps_max/1000
Sample finish_eps(Sample s, int code, bool small, bool balanced) {
  static const Rat u[] = {Rat(1), Rat(1, 2), Rat(3, 2), Rat(19, 10), Rat(1, 10)};
  if (balanced) code = 5;
  make_pd(s);
  const auto& H = s.family("H");
  s.scalars["eta"] = code % 6 == 5 ? eta_balanced(H, Rat(0))
                                    : knobs::scalar("eta mu_max", Rat(1, 10), Rat(19, 10), u[code % 6]) / mu_upper(H, Rat(0));
  Threshold e = eps_max(H, s.scalar("eta"), Rat(0));
  if (!e.ball.certainly_positive()) {
    s.scalars["eta"] = Rat(1) / mu_upper(H, Rat(0));
    e = eps_max(H, s.scalar("eta"), Rat(0));
  }
  Rat eps = e.exact ? *e.exact : place_below(e, Rat(1, 1000000000000LL));
  if (small) eps = place_below(e, knobs::scalar("1 - eps/eps_max", Rat(1, 2), Rat(1023, 1024), Rat(999, 1000)));
  if (eps >= 1) eps = Rat(999999, 1000000);
  s.scalars["eps"] = eps;
  s.scalars["sd"] = kSd[(code / 6) % 3];
  return s;
}

/// (25): the smallest R in 1..6 with lambda_max(N_R) <= eps^R (exact), 0 if none.
int noise_index(const Sample& s, const Rat& eps) {
  const auto m = mom::model_of<Rat>(s);
  const auto N = mom::noise_powers(m, 6);
  for (int R = 1; R <= 6; ++R)
    if (is_psd_exact(MatQ(MatQ::Identity(m.d, m.d) * ipow(eps, R) - N[size_t(R)]))) return R;
  return 0;
}
bool converges(const Sample& s) { return mom::radius_vs(mom::T_matrix(mom::model_of<Rat>(s)), Rat(1)).cmp == mom::Cmp::Below; }

// (25): H made PD, eta = u/mu_max (u in {1, 1/2, 3/2, 19/10, 1/10}), halved until the convergence criterion r(T) < 1
// holds and some R <= 6 has lambda_max(N_R) <= eps^R (exact; then C = max_{s<R} Tr N_s/eps^s is valid for every r),
// eps = eps_max (exact when rational, else just below) or eps_max/1000
Sample finish_lim(Sample s, int code, bool small) {
  static const Rat u[] = {Rat(1), Rat(1, 2), Rat(3, 2), Rat(19, 10), Rat(1, 10)};
  make_pd(s);
  const auto H = s.family("H");
  s.scalars["eta"] = knobs::scalar("eta mu_max", Rat(1, 10), Rat(19, 10), u[code % 5]) / mu_upper(H, Rat(0));
  s.scalars["sd"] = kSd[(code / 5) % 3];
  for (int it = 0; it < 48; ++it, s.scalars["eta"] = s.scalar("eta") / 2) {
    const Threshold e = eps_max(H, s.scalar("eta"), Rat(0));
    if (!e.ball.certainly_positive()) continue;
    Rat eps = small ? place_below(e, Rat(999, 1000)) : e.exact ? *e.exact : place_below(e, Rat(1, 1000000000000LL));
    if (eps >= 1) eps = Rat(999999, 1000000);
    const int R = noise_index(s, eps);
    if (R == 0 || !converges(s)) continue;
    s.scalars["eps"] = eps;
    s.ints["R"] = R;
    return s;
  }
  throw std::runtime_error("finish_lim: no step with r(T) < 1 and lambda_max(N_R) <= eps^R");
}

/// eps in (0, 1) and ||Jbar||_2 <= 1 - eps (samples with an "eps"); with an "R" (the lim families of (25)) also R the
/// least R <= 6 with N_R <= eps^R I and r(T) < 1 (exact); the other families have no hypothesis.
std::string hypothesis(const Sample& s) {
  if (!s.scalars.count("eps")) return "";
  const Rat eps = s.scalar("eps");
  if (!(eps > 0 && eps < 1)) return "eps = " + rat_str(eps) + " is not in (0, 1)";
  const Threshold e = eps_max(s.family("H"), s.scalar("eta"), Rat(0));
  const bool within = e.exact ? eps <= *e.exact : Ball(Ball(eps) - e.ball).certainly_negative();
  if (!within) return "||Jbar||_2 <= 1 - eps is not certain: eps = " + rat_str(eps);
  if (!s.ints.count("R")) return "";
  const long R = s.integer("R");
  if (R < 1 || R > 6 || noise_index(s, eps) != int(R)) return "R = " + std::to_string(R) + " is not the least R with N_R <= eps^R I";
  return converges(s) ? "" : "r(T) < 1 fails";
}

const std::vector<std::string> kProc = {"wishart", "rankone", "diagonal", "commuting", "independent"};
const std::vector<std::string> kSgd = {"wishart", "lowrank", "rankone", "diagonal", "commuting",
                                       "clustered", "orthogonal", "aligned", "independent", "construction-b"};
const std::vector<std::string> kThr = {"wishart", "rankone", "diagonal", "clustered", "independent", "construction-b"};
const std::vector<std::string> kMu = {"wishart", "lowrank", "rankone", "diagonal", "commuting", "independent"};
const std::vector<std::string> kEps = {"wishart", "diagonal", "independent", "pm-identity"};
const std::vector<std::string> kBalanced = {"wishart", "independent"};
const std::vector<std::string> kLim = {"wishart", "diagonal", "independent", "pm-identity"};

std::vector<std::string> prefixed(const std::string& pre, const std::vector<std::string>& kinds, const std::string& post = "") {
  std::vector<std::string> out;
  for (const auto& k : kinds) out.push_back(pre + k + post);
  return out;
}

std::vector<Family> families() {
  std::vector<Family> f;
  for (const auto& kind : kProc)
    f.push_back(model_family("proc." + kind,
                             {.hkind = kind, .n_lo = 1, .n_hi = 3, .d_lo = 1, .d_hi = 3, .ncodes = 15, .k_lo = 1, .k_hi = 3},
                             finish_proc, "; eta mu_max in {1/2,1,3/2,2,1/10}; sd in {1,1/10,10}; w0 small integers; k <= 2 when n = 3"));
  for (const auto& kind : kSgd)
    f.push_back(model_family("sgd." + kind, {.hkind = kind, .n_lo = 2, .n_hi = 4, .d_lo = 1, .d_hi = 3, .brule = BRule::LessN, .ncodes = 8,
                                             .k_lo = 1, .k_hi = 8},
                             eta_over_mu_max({Rat(1), Rat(1, 2), Rat(2), Rat(3, 2), Rat(1, 10), Rat(3), Rat(19, 10), Rat(5)}),
                             "; SGD (c = 0); eta mu_max in {1,1/2,2,3/2,1/10,3,19/10,5}"));
  for (const auto& kind : kThr)
    f.push_back(model_family("thr." + kind, {.hkind = kind, .n_lo = 2, .n_hi = 4, .d_lo = 1, .d_hi = 3, .brule = BRule::LessN, .ncodes = 6,
                                             .k_lo = 1, .k_hi = 8},
                             finish_threshold, "; H made PD; eta = eta*(1 + {1/10,1/2,1}) or eta*(1 - {1/10,1/2,3/4}); sd in {1,1/10,10}"));
  for (const auto& kind : kMu)
    f.push_back(model_family("mu." + kind, {.hkind = kind, .n_lo = 1, .n_hi = 4, .d_lo = 1, .d_hi = 3, .ncodes = 18, .k_lo = 1, .k_hi = 8},
                             finish_mu, "; H made PD; eta mu_max in {1/2,1,3/2,5/2,3,1/10}; sd in {1,1/10,10}"));
  for (const auto& kind : kEps)
    for (int sm = 0; sm < 2; ++sm)
      f.push_back(model_family("eps." + kind + (sm ? ".eps-small" : ".eps-max"),
                               {.hkind = kind, .n_lo = 1, .n_hi = 4, .d_lo = 1, .d_hi = 3, .ncodes = 18, .k_lo = 1, .k_hi = 6},
                               [sm](Sample s, int code) { return finish_eps(std::move(s), code, sm == 1, false); },
                               std::string("; H made PD; eta mu_max in {1,1/2,3/2,19/10,1/10} or balanced; sd in {1,1/10,10}; ") +
                                   (sm ? "eps = eps_max/1000" : "eps = eps_max")));
  for (const auto& kind : kBalanced)
    for (int sm = 0; sm < 2; ++sm)
      f.push_back(model_family("eps." + kind + ".balanced" + (sm ? ".eps-small" : ".eps-max"),
                               {.hkind = kind, .n_lo = 2, .n_hi = 4, .d_lo = 2, .d_hi = 2, .brule = BRule::LessN, .ncodes = 18,
                                .k_lo = 3, .k_hi = 6},
                               [sm](Sample s, int code) { return finish_eps(std::move(s), code, sm == 1, true); },
                               std::string("; H made PD; balanced eta = 2/(mu_min + mu_max); sd in {1,1/10,10}; ") +
                                   (sm ? "eps = eps_max/1000" : "eps = eps_max")));
  for (const auto& kind : kLim)
    for (int sm = 0; sm < 2; ++sm)
      f.push_back(model_family("lim." + kind + (sm ? ".eps-small" : ".eps-max"),
                               {.hkind = kind, .n_lo = 1, .n_hi = 4, .d_lo = 1, .d_hi = 3, .ncodes = 15},
                               [sm](Sample s, int code) { return finish_lim(std::move(s), code, sm == 1); },
                               std::string("; H made PD; eta = u/mu_max (u in {1,1/2,3/2,19/10,1/10}) halved until r(T) < 1 and "
                                           "N_R <= eps^R I for some R <= 6 (exact); sd in {1,1/10,10}; ") +
                                   (sm ? "eps = eps_max/1000" : "eps = eps_max")));
  return f;
}

Claim make() {
  const std::vector<std::string> proc = prefixed("proc.", kProc);
  std::vector<std::string> lb = prefixed("sgd.", kSgd);
  for (const auto& n : prefixed("thr.", kThr)) lb.push_back(n);
  const std::string sum21 = "C0 alpha^k + r^k/(n d^5) + eta^2 sd2 lmin(H)^2 ";
  return Claim{
      .id = "THM-C7-LINKS", .source = "Theorem C.7 proof, eqs. (14)-(25) (links)",
      .statement = "(14) unrolled w_k; (15)-(16) E||w_k||^2 = w0^T M_k w0 + eta^2 E||sum_t P_t H^_t delta_t||^2 = ... (trace); "
                   "(17)b Tr N_t >= (eta^2 (n/B-1) lmax^2/sigma^2)^t; (19), (20) geometric sums; (21) E||w_k||^2 >= C0 alpha^k + "
                   "r^k/(n d^5) + eta^2 sd2 lmin^2 (...); C.7-p1 exists eps, C: E[J^T..J] <= C((1-eps)^2+eps)^k; (24)a E||w_k||^2 <= "
                   "C r^k + eta^2 sd2 lmax sum_t C r^t; (24)b geometric sum; (25) lim E||w_k||^2 <= eta^2 sd2 lmax r/(1-r)",
      .readings = {{.name = "(14) order", .text = "prod_{t'=t+1}^k J^_t' = J^_k ... J^_{t+1} (latest factor on the left)", .chosen = true},
                   {.name = "(19) eta/sigma", .text = "the OCR '(n)\\maX)Q' of (19)'s numerator read as ((eta/sigma) lambda_max)^2",
                    .chosen = true},
                   {.name = "(21) iso", .text = "(21) with E w0 w0^T = I (E||w_k||^2 = Tr of the second moment)", .chosen = true},
                   {.name = "(21) unit", .text = "(21) with w0 = e_1 (||w0|| = 1)"},
                   {.name = "(24)b no C", .text = "the closed form of (24)b as the OCR prints it, r(1 - r^k)/(1 - r) without C (as (25))",
                    .chosen = true},
                   {.name = "C.7-p1 trace", .text = "E[J^T..J] <= C((1-eps)^2+eps)^k read as Tr M_k <= C((1-eps)^2+eps)^k",
                    .chosen = true},
                   {.name = "(24)a/(25) lmax E[H^^2]", .text = "'lambda_max' of (24)a/(25) = lambda_max(E[H^^2]), the (16)c factor",
                    .chosen = true},
                   {.name = "(24)a/(25) lmax H", .text = "'lambda_max' of (24)a/(25) = lambda_max(H)"},
                   {.name = "(24)a iso", .text = "(24)a with E w0 w0^T = I (first term Tr M_k, the trace form of C.7-p1)",
                    .chosen = true}},
      .uses = {"THM-C7-DECOMP", "THM-C8-MK-IDENTITY:reading-B-psd", "THM-C8-SIGMA-LB", "THM-C9-NR-BOUND:trace.eps-small", "ID-33"},
      .families = families(),
      .variants = {
          {.slug = "(14)",
           .statement = "sum over the (2^n)^k batch sequences of |coefficients of (w0, delta_1..delta_k) in w_k: update (3) step by step "
                        "- unrolled (14)| = 0, k <= 3",
           .rel = Rel::Eq, .eval = make_evaluator(process_link(Link::U14)),
           .note = "as printed, pathwise: the iterated update against the unrolled form on every batch sequence, noise symbolic",
           .families = proc, .samples_per_family = 60, .checks = {"(14)"}},
          {.slug = "(15)a",
           .statement = "E||w_k||^2 (forward second moments of (3)) = E||J^_k..J^_1 w0 - eta sum_t P_t H^_t delta_t||^2 (batch sequences, "
                        "all products of two terms), k <= 3",
           .rel = Rel::Eq, .eval = make_evaluator(process_link(Link::A15)),
           .note = "as printed: substituting (14) into E[w_k^T w_k]", .families = proc, .samples_per_family = 60, .checks = {"(15)a"}},
          {.slug = "(15)b",
           .statement = "E||(14)||^2 = w0^T M_k w0 + eta^2 E||sum_t P_t H^_t delta_t||^2, k <= 3",
           .rel = Rel::Eq, .eval = make_evaluator(process_link(Link::B15)),
           .note = "as printed: the cross terms between w0 and the noise vanish (E delta = 0, enumerated)", .families = proc,
           .samples_per_family = 60, .checks = {"(15)b"}},
          {.slug = "(16)a",
           .statement = "eta^2 E||sum_t P_t H^_t delta_t||^2 = eta^2 E[sum_t delta_t^T H^_t (J^_{t+1}..J^_k^2..J^_{t+1}) H^_t delta_t], "
                        "k <= 3",
           .rel = Rel::Eq, .eval = make_evaluator(process_link(Link::A16)),
           .note = "as printed: the cross terms between s != t vanish; the palindrome built as J^_{t+1} W_{t+1} J^_{t+1}",
           .families = proc, .samples_per_family = 60, .checks = {"(16)a"}},
          {.slug = "(16)b",
           .statement = "eta^2 E[sum_t delta_t^T H^_t W_t H^_t delta_t] (over the 2^d values of delta) = eta^2 E[sum_t Tr(W_t H^_t "
                        "E[delta delta^T] H^_t)], k <= 3",
           .rel = Rel::Eq, .eval = make_evaluator(process_link(Link::B16)),
           .note = "as printed: the quadratic form rewritten as a trace", .families = proc, .samples_per_family = 60,
           .checks = {"(16)b"}},
          {.slug = "(17)b",
           .statement = "Tr N_t >= (eta^2 (n/B - 1) lambda_max(H)^2 / sigma^2)^t, c = 0, t = 1..8",
           .rel = Rel::Ge, .eval = make_evaluator(noise_lower),
           .note = "as printed, in its own form Tr N_t (THM-C8-SIGMA-LB checks only Tr M_t); sigma the Dexter coherence",
           .families = lb, .checks = {"(17)b"}},
          {.slug = "(19)",
           .statement = "eta^2 sd2 lmin^2 sum_{t=1}^k eta^{2t} sigma^{-2t} (n/B-1)^t lmax^{2t} = eta^2 sd2 lmin^2 r (r^k - 1)/(r - 1), "
                        "r = ((eta/sigma) lmax)^2 (n/B - 1), k = 1..8",
           .rel = Rel::Eq, .eval = make_evaluator(geometric19),
           .note = "as printed: the geometric series, term by term against its closed form, r from the sample",
           .families = prefixed("thr.", kThr),
           .samples_per_family = 100, .checks = {"(19)"}},
          {.slug = "(20)",
           .statement = "sum_{t=1}^k C0 alpha^t = C0 alpha (alpha^k - 1)/(alpha - 1), C0 = d, alpha = lambda_max(Jbar^2), k = 1..8",
           .rel = Rel::Eq, .eval = make_evaluator(geometric20),
           .note = "as printed, with the C0 and alpha that satisfy the theorem's hypothesis", .families = prefixed("mu.", kMu),
           .samples_per_family = 100, .checks = {"(20)"}},
          {.slug = "(21).iso",
           .statement = "E||w_k||^2 (E w0 w0^T = I) >= " + sum21 + "sum_{t=1}^k (C0 alpha^t + r^t/(n d^5)), C0 = d, alpha = "
                        "lambda_max(Jbar^2), k = 1..8",
           .rel = Rel::Ge, .eval = make_evaluator(bound21(Hyp::Upper, true, true)),
           .note = "reading [chosen]: as printed, with C0, alpha satisfying the hypothesis Tr Jbar^{2k} <= C0 alpha^k (an upper bound "
                   "that the proof uses as a lower bound)",
           .families = prefixed("mu.", kMu), .checks = {"(21)"}},
          {.slug = "(21).unit-w0",
           .statement = "E||w_k||^2 (w0 = e_1) >= " + sum21 + "sum_{t=1}^k (C0 alpha^t + r^t/(n d^5)), C0 = d, alpha = "
                        "lambda_max(Jbar^2), k = 1..8",
           .rel = Rel::Ge, .eval = make_evaluator(bound21(Hyp::Upper, true, false)),
           .note = "alternative reading: ||w0|| = 1 (set before (22))", .families = prefixed("mu.", kMu), .checks = {"(21)"}},
          {.slug = "(21).lower-hypothesis",
           .statement = "E||w_k||^2 (E w0 w0^T = I) >= " + sum21 + "sum_{t=1}^k (C0 alpha^t + r^t/(n d^5)), C0 = 1, alpha = "
                        "lambda_max(Jbar^2) (so C0 alpha^k <= Tr Jbar^{2k}), k = 1..8",
           .rel = Rel::Ge, .eval = make_evaluator(bound21(Hyp::Lower, true, true)),
           .note = "diagnostic, not the paper's hypothesis: C0 alpha^k a lower bound of Tr Jbar^{2k}, the print's range t = 1..k of the "
                   "noise sum ((16) sums Tr M_{k-t}, t = 1..k, i.e. Tr M_0 .. Tr M_{k-1})",
           .families = prefixed("mu.", kMu)},
          {.slug = "(21).upper-hypothesis.range-of-16",
           .statement = "E||w_k||^2 (E w0 w0^T = I) >= " + sum21 + "(d + sum_{t=1}^{k-1} (C0 alpha^t + r^t/(n d^5))), C0 = d, "
                        "alpha = lambda_max(Jbar^2), k = 1..8",
           .rel = Rel::Ge, .eval = make_evaluator(bound21(Hyp::Upper, false, true)),
           .note = "diagnostic, not the paper's range: the noise sum over the terms Tr M_0 = d, Tr M_1 .. Tr M_{k-1} that (16) "
                   "gives, with the theorem's C0 = d, alpha = lambda_max(Jbar^2) (Tr Jbar^{2k} <= C0 alpha^k): isolates the direction "
                   "of the hypothesis",
           .families = prefixed("mu.", kMu)},
          {.slug = "(21).repaired",
           .statement = "E||w_k||^2 (E w0 w0^T = I) >= " + sum21 + "(d + sum_{t=1}^{k-1} (C0 alpha^t + r^t/(n d^5))), C0 = 1, "
                        "alpha = lambda_max(Jbar^2), k = 1..8",
           .rel = Rel::Ge, .eval = make_evaluator(bound21(Hyp::Lower, false, true)),
           .note = "repair: C0 alpha^k <= Tr Jbar^{2k} (a lower bound, as the proof uses it) and the noise sum over Tr M_0 = d, "
                   "Tr M_1 .. Tr M_{k-1}, the range that (16) gives (M_j >= Jbar^{2j} + N_j for j >= 1, (17)b)",
           .families = prefixed("mu.", kMu)},
          {.slug = "C.7-p1.eps-max",
           .statement = "Tr M_k <= C ((1-eps)^2 + eps)^k, eps = eps_max = 1 - ||Jbar||_2, C = max_{r<=k} Tr N_r / eps^r, c = 0, k = 1..6",
           .rel = Rel::Le, .eval = make_evaluator(p1),
           .note = "the existence statement through the witnesses of (46)+(63) at the tightest eps (a failure refutes this witness)",
           .families = {"eps.*.eps-max"}, .checks = {"C.7-p1"}},
          {.slug = "C.7-p1.eps-small",
           .statement = "Tr M_k <= C ((1-eps)^2 + eps)^k, eps = eps_max/1000, C = max_{r<=k} Tr N_r / eps^r, c = 0, k = 1..6",
           .rel = Rel::Le, .eval = make_evaluator(p1),
           .note = "the existence statement through the witnesses of (46)+(63) with eps -> 0+ (the trace form of (46) holds there)",
           .families = {"eps.*.eps-small"}, .checks = {"C.7-p1"}},
          {.slug = "(24)b",
           .statement = "C r^k + eta^2 sd2 lmax sum_{t=1}^k C r^t = C r^k + eta^2 sd2 lmax r (1 - r^k)/(1 - r), r = (1-eps)^2 + eps, "
                        "C, eps the witnesses of C.7-p1, lmax = lambda_max(H), k = 1..6",
           .rel = Rel::Eq, .eval = make_evaluator(geometric24(false)),
           .note = "reading [chosen]: as the OCR prints it, the closed form without the constant C (as in (25))",
           .families = {"eps.*"}, .samples_per_family = 60, .checks = {"(24)b"}},
          {.slug = "(24)b.repaired-C",
           .statement = "C r^k + eta^2 sd2 lmax sum_{t=1}^k C r^t = C r^k + eta^2 sd2 lmax C r (1 - r^k)/(1 - r), r = (1-eps)^2 + eps, "
                        "k = 1..6",
           .rel = Rel::Eq, .eval = make_evaluator(geometric24(true)),
           .note = "repair: the closed form with C (or the OCR lost the C)", .families = {"eps.*"}, .samples_per_family = 60},
          {.slug = "(24)a",
           .statement = "E||w_k||^2 (E w0 w0^T = I) <= C r^k + eta^2 sd2 lambda_max(E[H^^2]) sum_{t=1}^k C r^t, r = (1-eps)^2 + eps, "
                        "C, eps the witnesses of C.7-p1, k = 1..6",
           .rel = Rel::Le, .eval = make_evaluator(bound24(Lmax::HatSecond, true)),
           .note = "reading [chosen]: as printed, 'lambda_max' the top eigenvalue of E[H^^2] (the factor of (16)c that the upper "
                   "bound needs, the noise covariance of H^ delta per unit sd2)",
           .families = {"eps.*"}, .samples_per_family = 100, .checks = {"(24)a"}},
          {.slug = "(24)a.lmax-H",
           .statement = "E||w_k||^2 (E w0 w0^T = I) <= C r^k + eta^2 sd2 lambda_max(H) sum_{t=1}^k C r^t, r = (1-eps)^2 + eps, "
                        "C, eps the witnesses of C.7-p1, k = 1..6",
           .rel = Rel::Le, .eval = make_evaluator(bound24(Lmax::H, true)),
           .note = "alternative reading: as printed, 'lambda_max' = lambda_max(H), the paper's lambda_max elsewhere ((17)-(19))",
           .families = {"eps.*"}, .samples_per_family = 100, .checks = {"(24)a"}},
          {.slug = "(24)a.repaired",
           .statement = "E||w_k||^2 (E w0 w0^T = I) <= C r^k + eta^2 sd2 lambda_max(E[H^^2]) sum_{t=0}^{k-1} C r^t, r = (1-eps)^2 + eps, "
                        "C, eps the witnesses of C.7-p1, k = 1..6",
           .rel = Rel::Le, .eval = make_evaluator(bound24(Lmax::HatSecond, false)),
           .note = "repair: the noise sum over the terms Tr(M_{k-t} E[H^^2]) <= lambda_max(E[H^^2]) C r^{k-t}, t = 1..k, that (16) "
                   "gives (r^0 .. r^{k-1}, not r^1 .. r^k)",
           .families = {"eps.*"}, .samples_per_family = 100},
          {.slug = "(25).eps-max",
           .statement = "r(T) < 1: lim_k E||w_k||^2 (exact) <= eta^2 sd2 lambda_max(E[H^^2]) r/(1 - r), r = (1-eps)^2 + eps, "
                        "eps = eps_max",
           .rel = Rel::Le, .eval = make_evaluator(bound25(Lmax::HatSecond, Form25::Printed)),
           .note = "reading [chosen]: as printed (no C), 'lambda_max' of E[H^^2], at the witness eps = eps_max of C.7-p1",
           .families = {"lim.*.eps-max"}, .samples_per_family = 100, .checks = {"(25)"}},
          {.slug = "(25).eps-small",
           .statement = "r(T) < 1: lim_k E||w_k||^2 (exact) <= eta^2 sd2 lambda_max(E[H^^2]) r/(1 - r), r = (1-eps)^2 + eps, "
                        "eps = eps_max/1000",
           .rel = Rel::Le, .eval = make_evaluator(bound25(Lmax::HatSecond, Form25::Printed)),
           .note = "reading [chosen]: as printed (no C), 'lambda_max' of E[H^^2], at the witness eps = eps_max/1000 (r -> 1)",
           .families = {"lim.*.eps-small"}, .samples_per_family = 60, .checks = {"(25)"}},
          {.slug = "(25).lmax-H",
           .statement = "r(T) < 1: lim_k E||w_k||^2 (exact) <= eta^2 sd2 lambda_max(H) r/(1 - r), r = (1-eps)^2 + eps, "
                        "eps = eps_max or eps_max/1000",
           .rel = Rel::Le, .eval = make_evaluator(bound25(Lmax::H, Form25::Printed)),
           .note = "alternative reading: as printed (no C), 'lambda_max' = lambda_max(H)", .families = {"lim.*"},
           .samples_per_family = 60, .checks = {"(25)"}},
          {.slug = "(25).with-C",
           .statement = "r(T) < 1: lim_k E||w_k||^2 (exact) <= eta^2 sd2 lambda_max(E[H^^2]) C r/(1 - r), r = (1-eps)^2 + eps, "
                        "C = max_{s<R} Tr N_s/eps^s (valid for every k)",
           .rel = Rel::Le, .eval = make_evaluator(bound25(Lmax::HatSecond, Form25::WithC)),
           .note = "diagnostic, not the print: the constant C of (24)a restored, the print's range t >= 1 (r/(1 - r)) kept; at "
                   "eps = eps_max (at eps_max/1000 r/(1 - r) and 1/(1 - r) differ by a factor 1 - O(eps))",
           .families = {"lim.*.eps-max"}, .samples_per_family = 200},
          {.slug = "(25).repaired",
           .statement = "r(T) < 1: lim_k E||w_k||^2 (exact) <= eta^2 sd2 lambda_max(E[H^^2]) C/(1 - r), r = (1-eps)^2 + eps, "
                        "C = max_{s<R} Tr N_s/eps^s (valid for every k)",
           .rel = Rel::Le, .eval = make_evaluator(bound25(Lmax::HatSecond, Form25::Repaired)),
           .note = "repair: the limit of (24)a.repaired, sum_{t>=0} C r^t = C/(1 - r) (the constant C and the range of (16))",
           .families = {"lim.*"}, .samples_per_family = 100},
      },
      .hypothesis = hypothesis,
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c7_links
