// THM-C8-MOMENT-LINKS — Theorem C.8 proof, the second-moment chain (32), (34)b, (35)-(37) and the cyclic links (38)a, (38)c,
// link by link. J^ = I - eta H^ C, C = I + c H (c = rho/alpha), H^ the minibatch Hessian, Jbar = E J^ = I - eta H C,
// q = 1/(Bn) - 1/n^2, M_k = E[J_1^T..J_k^T J_k..J_1], N(A) = eta^2 q C (sum_i H_i A H_i) C, and
// N^{(r)} = eta^{2r} q^r sum_{y in [n]^r} C H_{y_r} C ... H_{y_1}^2 ... C H_{y_r} C, the explicit sum printed in (28),
// computed term by term (mom::noise_explicit); N_r = N^r(I) is the same matrix computed by the recursion.
//   (32)a  (I - eta H^ C)^T (I - eta H^ C) = I - 2 eta H^ - eta c (H^H + HH^) + eta^2 H^^2 + eta^2 c (H^^2 H + H H^^2)
//          + eta^2 c^2 H H^^2 H, per batch: checked on every one of the 2^n batch patterns (sum of |differences|);
//   (32)b  its expectation (enumeration of the expanded form) = I - 2 eta H - 2 eta c H^2 + eta^2 E[H^^2]
//          + eta^2 c (E[H^^2] H + H E[H^^2]) + eta^2 c^2 H E[H^^2] H  (E[H^] = H used in closed form);
//   (34)b  the last "= M_1" of (34) (OCR, after "and we will have": "ElJi =1+ (5 - =) ... (I+ ~H ... :Ml", i.e.
//          E[J^T J] = Jbar^2 + eta^2 q C(sum_i H_i^2)C = M_1; (34)a is THM-C8-RECURSION's): E[J^T J]
//          enumerated over the 2^n batch patterns (sum_x w_x J_x^T J_x, as (32)b) against M_1 as (27)/(28) define it, by the
//          other route: the recursion's closed map, mom::closed_moments(m, 1)[1] = T(I) = Jbar^2 + eta^2 q C(sum_i H_i^2)C;
//   (35)a  E[J_1^T..J_k^T J_k..J_1] (brute force over the (2^n)^k batch sequences) = E[J^T M_{k-1} J] (one enumerated step
//          applied to M_{k-1}, itself by brute force);
//   (35)b  J^ = I - eta H^ - eta c H^ H substituted (OCR "(I - nH), - %HkH)^T M (I - nHy - %HkH)"), per batch;
//   (35)c  the nine-term expansion as printed (OCR "M - nMH - ..MHH - nHM + n^2 HMH + ..HMHH - ..HHM + ..HHMH
//          + ..HHMHH"), per batch;
//   (36)   (OCR garbled: "= J[JQ(k—l) T nQ(k_l)..." = Jbar[Jbar^{2(k-1)} + eta^{2(k-1)} q^{k-1} sum ..]Jbar + .., then
//          "..Hy, (I + ~H)H;)(I + ~H)" = C(sum_i H_i [sum_{y'} ..] H_i)C, "= M,"; no printed line shows the mixed words.
//          Lines as the spec's ids name them, M_{k-1} := Jbar^{2(k-1)} + N^{(k-1)} the induction hypothesis)
//     L1 = Jbar M_{k-1} Jbar + eta^2 q C (sum_i H_i M_{k-1} H_i) C                                 [(35), the start]
//     (36)a = Jbar [Jbar^{2(k-1)} + N^{(k-1)}] Jbar + eta^2 q C (sum_i H_i [Jbar^{2(k-1)} + N^{(k-1)}] H_i) C  substitute
//     (36)b = Jbar^{2k} + Jbar N^{(k-1)} Jbar + N(Jbar^{2(k-1)}) + eta^2 q C (sum_i H_i N^{(k-1)} H_i) C          distribute
//     (36)c = Jbar^{2k} + N^{(k)}         merge: sum_i H_i (sum_{y'} ..) H_i -> sum_{y in [n]^k}, mixed words dropped
//     (36)d = M_k                          the name of (28)'s formula (the chain starts at E[J_1^T..J_1] itself, so "M_k"
//                                          here is the M_k that (27)-(28) define): Jbar^{2k} + N_k (recursion)
//     The induction step runs k = 2, 3 (base case k = 1; at k - 1 = 0 the formula would give 2I, not M_0 = I). Each link
//     is evaluated under its hypothesis; "36a.k2-true-M1" evaluates (36)a with the true M_1 (enumerated), the one k
//     at which the hypothesis is true. (36)c as printed drops the PSD mixed words and is refuted; its "⪰" repair holds.
//     With the true M_{k-1} at k >= 3, (36)a would inherit the error of (36)c at k - 1: not a separate finding.
//   (37)   Tr M_k = Tr[eta^{2k} q^k sum_y C H_{y_k} .. H_{y_1}^2 .. H_{y_k} C] ("we analyze the latter term"): printed "=",
//          false whenever Tr Jbar^{2k} or a mixed word is nonzero; the ">=" repair holds.
//   (38)a  Tr[C H_{y_k} C .. H_{y_1}^2 .. C H_{y_k} C] = Tr[C^2 H_{y_k} C .. H_{y_1}^2 .. C H_{y_k}]   (cyclic)
//   (38)c  Tr[H_{y_k} C H_{y_{k-1}} .. H_{y_1}^2 .. H_{y_{k-1}} C H_{y_k}] = Tr[C H_{y_{k-1}} .. H_{y_1}^2 .. H_{y_{k-1}} C H_{y_k}^2]
//          both per index tuple, summed |differences| over all y in [n]^k; the common factor (1 + c lambda_min(H))^2 > 0
//          of (38)c's two sides is left out. OCR of (38)c: "Tr[H,,_,...(I + EH)H; I+ aH).. Hy,, (I+ aH)ij]": the word
//          starts at H_{y_{k-1}}, no C before it. Chosen reading: the leading C restored (the cyclic move of the line
//          before it; EQ-38-39-PRUNING's T_1 = Tr[P X_2 P R_2]); the literal word without it is a recorded control.
// Families: sam_and_sgd over seven kinds, n = 1..3, d = 1..3, k = 2..3 (at most 8^3 batch sequences, 27 tuples).
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/stability.hpp"
#include "generators/c8_stability_claims.hpp"

namespace stabcheck::claim_thm_c8_moment_links {
namespace {

using namespace stab;

const std::vector<std::string> kKinds = {"wishart", "lowrank", "rankone", "diagonal", "clustered", "independent", "pm-identity"};

/// The product of a word of factors, left to right.
template <class T> Mat<T> word(const std::vector<const Mat<T>*>& f) {
  Mat<T> p = *f.front();
  for (size_t i = 1; i < f.size(); ++i) p = Mat<T>(p * *f[i]);
  return p;
}
/// eta^2 q C (sum_i H_i A H_i) C written out (the printed noise term of (35)/(36)).
template <class T> Mat<T> noise_term(const mom::Model<T>& m, const Mat<T>& A) {
  Mat<T> s = Mat<T>::Zero(m.d, m.d);
  for (const auto& h : m.H) s += Mat<T>(Mat<T>(h * A) * h);
  return Mat<T>(Mat<T>(m.C * s) * m.C) * (m.eta * m.eta * m.q);
}
/// The expanded form of (32) for one batch H^.
template <class T> Mat<T> expanded_32(const mom::Model<T>& m, const Mat<T>& Hh) {
  const Mat<T> I = Mat<T>::Identity(m.d, m.d);
  const Mat<T> H2 = Hh * Hh;
  const T e = m.eta, c = m.c;
  return Mat<T>(I - Hh * (T(2) * e) - Mat<T>(Hh * m.Hbar + m.Hbar * Hh) * (e * c) + H2 * (e * e) +
                Mat<T>(H2 * m.Hbar + m.Hbar * H2) * (e * e * c) + Mat<T>(Mat<T>(m.Hbar * H2) * m.Hbar) * (e * e * c * c));
}

enum class Link { L32a, L32b, L34b, L35a, L35b, L35c, L36a, L36aTrue, L36b, L36c, L36cPsd, L36d, L37, L37Ge, L38a, L38c, L38cLiteral };

auto link(Link which) {  // one body for every link, compiled once per tier
  return [which](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    using R = Real<T>;
    auto m = mom::model_of<T>(s);
    const int k = which == Link::L36aTrue ? 2 : int(s.integer("k"));
    const int d = m.d;
    const Mat<T> I = Mat<T>::Identity(d, d);
    const T jb = jhat_bound(m);
    T two_n = T(1);
    for (int i = 0; i < m.n; ++i) two_n = two_n * T(2);
    // rounding scale from the inputs (never from results that may cancel): |entries of M_r| <= d (d^2 jb^2)^r
    auto mk_scale = [&](int r) { return T(ipow(T(d * d) * jb * jb, r) * T(d * d * d) * T(10)); };
    auto eq = [](const T& diff, const T& sc) { return sides(R(real(diff)), R(real(T(0))), R(real(sc))); };
    switch (which) {
      case Link::L32a: {  // per batch: J^T J = expanded form
        T diff = T(0);
        for (const auto& p : mom::patterns(m)) diff += abs_sum(Mat<T>(Mat<T>(p.J.transpose() * p.J) - expanded_32(m, p.Hhat)));
        return eq(diff, T(two_n * mk_scale(1)));
      }
      case Link::L32b: {  // E[expanded form] (enumerated) = printed closed form with E[H^] = H
        Mat<T> lhs = Mat<T>::Zero(d, d), E2 = Mat<T>::Zero(d, d);
        for (const auto& p : mom::patterns(m)) {
          lhs += expanded_32(m, p.Hhat) * p.w;
          E2 += Mat<T>(p.Hhat * p.Hhat) * p.w;
        }
        const T e = m.eta, c = m.c;
        const Mat<T>& Hb = m.Hbar;
        Mat<T> rhs = I - Hb * (T(2) * e) - Mat<T>(Hb * Hb) * (T(2) * e * c) + E2 * (e * e) + Mat<T>(E2 * Hb + Hb * E2) * (e * e * c) +
                     Mat<T>(Mat<T>(Hb * E2) * Hb) * (e * e * c * c);
        return eq(abs_sum(Mat<T>(lhs - rhs)), mk_scale(1));
      }
      case Link::L34b: {  // E[J^T J] over the 2^n batch patterns vs M_1 = T(I), the closed map of (27)/(28)
        Mat<T> lhs = Mat<T>::Zero(d, d);
        for (const auto& p : mom::patterns(m)) lhs += Mat<T>(p.J.transpose() * p.J) * p.w;
        return eq(abs_sum(Mat<T>(lhs - mom::closed_moments(m, 1)[1])), mk_scale(1));
      }
      case Link::L35a: {  // brute force over k-tuples of batches vs one enumerated step applied to M_{k-1}
        Mat<T> lhs = mom::brute_moment(m, k);
        Mat<T> rhs = mom::enum_E_JtAJ(mom::patterns(m), mom::brute_moment(m, k - 1));
        return eq(abs_sum(Mat<T>(lhs - rhs)), mk_scale(k));
      }
      case Link::L35b:
      case Link::L35c: {  // per batch, M = M_{k-1} (enumerated)
        const Mat<T> M = mom::enum_moments(m, k - 1).back();
        const T e = m.eta, c = m.c;
        const Mat<T>& Hb = m.Hbar;
        T diff = T(0);
        for (const auto& p : mom::patterns(m)) {
          const Mat<T>& Hh = p.Hhat;
          const Mat<T> Js = I - Hh * e - Mat<T>(Hh * Hb) * (e * c);  // J^ with J substituted as printed
          const Mat<T> sub = Mat<T>(Js.transpose() * M) * Js;
          if (which == Link::L35b) {
            diff += abs_sum(Mat<T>(Mat<T>(Mat<T>(p.J.transpose() * M) * p.J) - sub));
          } else {
            const Mat<T> HMH = Mat<T>(Hh * M) * Hh;
            const Mat<T> nine = M - Mat<T>(M * Hh) * e - Mat<T>(Mat<T>(M * Hh) * Hb) * (e * c) - Mat<T>(Hh * M) * e + HMH * (e * e) +
                                Mat<T>(HMH * Hb) * (e * e * c) - Mat<T>(Mat<T>(Hb * Hh) * M) * (e * c) + Mat<T>(Hb * HMH) * (e * e * c) +
                                Mat<T>(Mat<T>(Hb * HMH) * Hb) * (e * e * c * c);
            diff += abs_sum(Mat<T>(sub - nine));
          }
        }
        return eq(diff, T(two_n * mk_scale(k)));
      }
      case Link::L36a:
      case Link::L36aTrue: {  // L1 at M_{k-1} (hypothesis by recursion, or the true M_1) = printed substitution
        const Mat<T> M = which == Link::L36aTrue ? mom::enum_moments(m, 1).back()
                                                 : Mat<T>(mom::mean_part(m, k - 1) + mom::noise_powers(m, k - 1).back());
        const Mat<T> lhs = mom::L_map(m, M) + mom::N_map(m, M);
        const Mat<T> X = mom::mean_part(m, k - 1) + mom::noise_explicit(m, k - 1);
        const Mat<T> rhs = Mat<T>(Mat<T>(m.Jbar * X) * m.Jbar) + noise_term(m, X);
        return eq(abs_sum(Mat<T>(lhs - rhs)), mk_scale(k));
      }
      case Link::L36b:
      case Link::L36c:
      case Link::L36cPsd:
      case Link::L36d: {
        const Mat<T> J2 = mom::mean_part(m, k - 1), S = mom::noise_explicit(m, k - 1);
        // L3: the distributed line, four terms computed separately
        const Mat<T> L3 = mom::mean_part(m, k) + Mat<T>(Mat<T>(m.Jbar * S) * m.Jbar) + noise_term(m, J2) + noise_term(m, S);
        const Mat<T> L4 = mom::mean_part(m, k) + mom::noise_explicit(m, k);
        if (which == Link::L36b) {
          const Mat<T> X = J2 + S;
          const Mat<T> L2 = Mat<T>(Mat<T>(m.Jbar * X) * m.Jbar) + noise_term(m, X);
          return eq(abs_sum(Mat<T>(L2 - L3)), mk_scale(k));
        }
        if (which == Link::L36c) return eq(abs_sum(Mat<T>(L3 - L4)), mk_scale(k));
        if (which == Link::L36cPsd) return sides(R(real(T(0))), R(lmin(Mat<T>(L3 - L4))), R(real(mk_scale(k))));
        const Mat<T> Mk = mom::mean_part(m, k) + mom::noise_powers(m, k).back();  // (28)'s M_k, by the recursion
        return eq(abs_sum(Mat<T>(L4 - Mk)), mk_scale(k));
      }
      case Link::L37:
      case Link::L37Ge: {
        const T lhs = T(mom::enum_moments(m, k).back().trace()), rhs = T(mom::noise_explicit(m, k).trace());
        if (which == Link::L37) return eq(tabs(T(lhs - rhs)), mk_scale(k));
        return sides(R(real(lhs)), R(real(rhs)), R(real(mk_scale(k))));
      }
      case Link::L38a:
      case Link::L38c:
      case Link::L38cLiteral: {
        const Mat<T>& P = m.C;
        const Mat<T> P2 = P * P;
        T sh = T(0);
        for (const auto& h : m.H) sh += fro2(h);
        const T sc = T(ipow(T(fro2(P) * sh), k) * T(d) * T(10));  // sum_y prod ||factor||_F, times d
        std::vector<int> y(size_t(k), 0);
        T diff = T(0);
        while (true) {
          // L = [P, H_yk, P, H_y(k-1), ..., P, H_y1], Rt = [H_y1, P, H_y2, ..., H_yk, P]
          std::vector<const Mat<T>*> L, Rt;
          for (int t = k - 1; t >= 0; --t) { L.push_back(&P); L.push_back(&m.H[size_t(y[size_t(t)])]); }
          for (int t = 0; t < k; ++t) { Rt.push_back(&m.H[size_t(y[size_t(t)])]); Rt.push_back(&P); }
          const Mat<T>& Hk = m.H[size_t(y[size_t(k - 1)])];
          const Mat<T> Hk2 = Hk * Hk;
          std::vector<const Mat<T>*> a, b;
          if (which == Link::L38a) {  // Tr[P H_yk .. H_yk P] = Tr[P^2 H_yk .. P H_yk]
            a = L;
            a.insert(a.end(), Rt.begin(), Rt.end());
            b = {&P2};
            b.insert(b.end(), L.begin() + 1, L.end());
            b.insert(b.end(), Rt.begin(), Rt.end() - 1);
          } else {  // Tr[H_yk P .. P H_yk] = Tr[(P) H_y(k-1) .. H_y(k-1) P H_yk^2]
            a.assign(L.begin() + 1, L.end());
            a.insert(a.end(), Rt.begin(), Rt.end() - 1);
            b.assign(L.begin() + (which == Link::L38c ? 2 : 3), L.end());
            b.insert(b.end(), Rt.begin(), Rt.end() - 2);
            b.push_back(&Hk2);
          }
          diff += tabs(T(T(word(a).trace()) - T(word(b).trace())));
          int t = 0;
          while (t < k && ++y[size_t(t)] == m.n) { y[size_t(t)] = 0; ++t; }
          if (t == k) break;
        }
        return eq(diff, sc);
      }
    }
    return eq(T(0), T(1));
  };
}

Claim make() {
  const Finish finish = eta_over_mu_max({Rat(1), Rat(1, 2), Rat(2), Rat(3, 2), Rat(1, 10), Rat(3)});
  const std::string Ns = "N^{(r)} = eta^{2r} q^r sum_{y in [n]^r} C H_{y_r} C .. H_{y_1}^2 .. C H_{y_r} C (explicit sum)";
  const std::string L3 = "Jbar^{2k} + Jbar N^{(k-1)} Jbar + eta^2 q C(sum_i H_i Jbar^{2(k-1)} H_i)C "
                         "+ eta^2 q C(sum_i H_i N^{(k-1)} H_i)C";
  const std::string hyp = "; M_{k-1} := Jbar^{2(k-1)} + N_{k-1}, the induction hypothesis (k = 2, 3)";
  return Claim{
      .id = "THM-C8-MOMENT-LINKS", .source = "Theorem C.8 proof, eqs. (32), (34)b, (35)-(37), (38)a, (38)c (links)",
      .statement = "(32) E[J^T J] expanded; (34) E[J^T J] = ... = M_1; (35) E[J_1^T..J_k^T J_k..J_1] = E[J^T M_{k-1} J] = ... "
                   "= Jbar M Jbar + eta^2 q C(sum H_i M H_i)C; (36) = ... = Jbar^{2k} + eta^{2k} q^k sum_y C H_{y_k} .. H_{y_1}^2 .. "
                   "H_{y_k} C = M_k; (37) Tr M_k = Tr[latter term]; (38)a, (38)c cyclic rearrangements",
      .readings = {{.name = "(36) lines",
                    .text = "OCR of (36) garbled: lines taken as L1 (35), (36)a substitute, (36)b distribute (four terms), (36)c merge "
                            "(mixed words dropped), (36)d '= M_k' naming (28)'s formula; links under the induction hypothesis",
                    .chosen = true},
                   {.name = "(38)c leading C",
                    .text = "OCR 'Tr[H,,_,...(I + EH)H; ..(I+ aH)ij]': the leading (I + cH) before H_{y_{k-1}} restored [chosen]; "
                            "the literal word without it is recorded as a control",
                    .chosen = true},
                   {.name = "(38)c literal", .text = "the word as OCR'd: Tr[H_{y_{k-1}} C .. H_{y_1}^2 .. H_{y_{k-1}} C H_{y_k}^2]"}},
      .uses = {"ID-33", "THM-C8-RECURSION"},
      .families = stab::sam_and_sgd(kKinds,
                                    {.n_lo = 1, .n_hi = 3, .d_lo = 1, .d_hi = 3, .brule = BRule::Any, .ncodes = 6, .k_lo = 2, .k_hi = 3},
                                    {Rat(1), Rat(1, 4), Rat(4)}, finish, "; eta mu_max in {1,1/2,2,3/2,1/10,3}; B in [1, n]; k = 2, 3"),
      .variants = {
          {.slug = "32a", .statement = "sum_{x in {0,1}^n} sum_ij |(J_x^T J_x - [I - 2 eta H_x - eta c(H_x H + H H_x) + eta^2 H_x^2 "
                                       "+ eta^2 c(H_x^2 H + H H_x^2) + eta^2 c^2 H H_x^2 H])_ij| = 0",
           .rel = Rel::Eq, .eval = make_evaluator(link(Link::L32a)),
           .note = "as printed: the expansion of (I - eta H^ C)^T (I - eta H^ C), on every batch pattern", .checks = {"(32)a"}},
          {.slug = "32b", .statement = "sum_ij |E[expanded form] - (I - 2 eta H - 2 eta c H^2 + eta^2 E[H^^2] "
                                       "+ eta^2 c(E[H^^2]H + H E[H^^2]) + eta^2 c^2 H E[H^^2] H)| = 0",
           .rel = Rel::Eq, .eval = make_evaluator(link(Link::L32b)),
           .note = "as printed: the expectation of the expanded form (enumerated) is the closed form of (32) (E[H^] = H)",
           .checks = {"(32)b"}},
          {.slug = "34b",
           .statement = "sum_ij |sum_{x in {0,1}^n} w_x J_x^T J_x - M_1| = 0, M_1 = T(I) = Jbar^2 + eta^2 q C(sum_i H_i^2)C (closed map)",
           .rel = Rel::Eq, .eval = make_evaluator(link(Link::L34b)),
           .note = "as printed: the last '= M_1' of (34), E[J^T J] (enumerated) is the first second moment as (27)/(28) define it, "
                   "computed by the recursion's closed map (100 samples per family: a one-step identity)",
           .samples_per_family = 100, .checks = {"(34)b"}},
          {.slug = "35a",
           .statement = "sum_ij |E[J_1^T..J_k^T J_k..J_1] - E[J^T M_{k-1} J]| = 0, both by enumeration, M_{k-1} by brute force",
           .rel = Rel::Eq, .eval = make_evaluator(link(Link::L35a)),
           .note = "as printed: brute force over the (2^n)^k batch sequences vs one step applied to M_{k-1} (150 samples per family: "
                   "the brute force is the claim's costliest evaluation)",
           .samples_per_family = 150, .checks = {"(35)a"}},
          {.slug = "35b",
           .statement = "sum_x sum_ij |J_x^T M J_x - (I - eta H_x - eta c H_x H)^T M (I - eta H_x - eta c H_x H)| = 0, M = M_{k-1}",
           .rel = Rel::Eq, .eval = make_evaluator(link(Link::L35b)),
           .note = "as printed: J substituted, on every batch pattern", .checks = {"(35)b"}},
          {.slug = "35c",
           .statement = "sum_x sum_ij |(I - eta H_x - eta c H_x H)^T M (..) - [M - eta M H_x - eta c M H_x H - eta H_x M + "
                        "eta^2 H_x M H_x + eta^2 c H_x M H_x H - eta c H H_x M + eta^2 c H H_x M H_x + eta^2 c^2 H H_x M H_x H]| = 0",
           .rel = Rel::Eq, .eval = make_evaluator(link(Link::L35c)),
           .note = "as printed: the nine-term expansion, on every batch pattern", .checks = {"(35)c"}},
          {.slug = "36a",
           .statement = "sum_ij |L1(M_{k-1}) - (Jbar X Jbar + eta^2 q C(sum_i H_i X H_i)C)| = 0, X = Jbar^{2(k-1)} + N^{(k-1)}" + hyp,
           .rel = Rel::Eq, .eval = make_evaluator(link(Link::L36a)),
           .note = "as printed, under its induction hypothesis (recursion T = L + N) vs the printed bracket (" + Ns + ")",
           .checks = {"(36)a"}},
          {.slug = "36a.k2-true-M1",
           .statement = "sum_ij |L1(M_1) - (Jbar X Jbar + eta^2 q C(sum_i H_i X H_i)C)| = 0, X = Jbar^2 + N^{(1)}, M_1 enumerated, k = 2",
           .rel = Rel::Eq, .eval = make_evaluator(link(Link::L36aTrue)),
           .note = "as printed at k = 2, where the hypothesis M_1 = Jbar^2 + N_1 is true, with the true M_1", .checks = {"(36)a"}},
          {.slug = "36b",
           .statement = "sum_ij |Jbar X Jbar + eta^2 q C(sum_i H_i X H_i)C - (" + L3 + ")| = 0, X = Jbar^{2(k-1)} + N^{(k-1)}",
           .rel = Rel::Eq, .eval = make_evaluator(link(Link::L36b)),
           .note = "as printed: distribute the substituted line into its four words", .checks = {"(36)b"}},
          {.slug = "36c", .statement = "sum_ij |" + L3 + " - (Jbar^{2k} + N^{(k)})| = 0",
           .rel = Rel::Eq, .eval = make_evaluator(link(Link::L36c)),
           .note = "as printed: the merge drops the mixed words Jbar N^{(k-1)} Jbar + N(Jbar^{2(k-1)}) (PSD, nonzero when q > 0 "
                   "and Jbar != 0); the link where the '=' of (28) fails",
           .checks = {"(36)c"}},
          {.slug = "36c.repaired-psd", .statement = "lambda_min(" + L3 + " - Jbar^{2k} - N^{(k)}) >= 0",
           .rel = Rel::Le, .eval = make_evaluator(link(Link::L36cPsd)),
           .note = "repair: the merge as a PSD lower bound (the dropped mixed words are PSD), what (29) and (37) need"},
          {.slug = "36d",
           .statement = "sum_ij |Jbar^{2k} + N^{(k)} - (Jbar^{2k} + N_k)| = 0, N_k = N^k(I) by the recursion, Jbar^{2k} = L^k(I)",
           .rel = Rel::Eq, .eval = make_evaluator(link(Link::L36d)),
           .note = "as printed: '= M_k' names (28)'s formula (the chain starts at E[J_1^T..J_1], so M_k is not that expectation "
                   "again); checked as the explicit n^k-term sum vs the recursion",
           .checks = {"(36)d"}},
          {.slug = "37", .statement = "|Tr M_k - Tr N^{(k)}| = 0, M_k enumerated, N^{(k)} the explicit sum",
           .rel = Rel::Eq, .eval = make_evaluator(link(Link::L37)),
           .note = "as printed ('='): Tr M_k equals the trace of the latter term; false whenever Tr Jbar^{2k} or a mixed word "
                   "is nonzero",
           .checks = {"(37)"}},
          {.slug = "37.repaired-ge", .statement = "Tr M_k >= Tr N^{(k)}", .rel = Rel::Ge, .eval = make_evaluator(link(Link::L37Ge)),
           .note = "repair: '>=' (M_k = (L + N)^k(I) >= N^k(I), L and N positive maps), all the proof uses"},
          {.slug = "38a",
           .statement = "sum_{y in [n]^k} |Tr[C H_{y_k} C .. H_{y_1}^2 .. C H_{y_k} C] - Tr[C^2 H_{y_k} C .. H_{y_1}^2 .. C H_{y_k}]| = 0",
           .rel = Rel::Eq, .eval = make_evaluator(link(Link::L38a)),
           .note = "as printed: the cyclic move that pairs the outer C factors, per index tuple", .checks = {"(38)a"}},
          {.slug = "38c", .statement = "sum_{y in [n]^k} |Tr[H_{y_k} C H_{y_{k-1}} .. H_{y_1}^2 .. H_{y_{k-1}} C H_{y_k}] - "
                                       "Tr[C H_{y_{k-1}} .. H_{y_1}^2 .. H_{y_{k-1}} C H_{y_k}^2]| = 0",
           .rel = Rel::Eq, .eval = make_evaluator(link(Link::L38c)),
           .note = "as printed (chosen reading of the OCR, leading C restored): H_{y_k}^2 moved to the end by cyclicity, per "
                   "index tuple; the common factor (1 + c lambda_min(H))^2 > 0 left out",
           .checks = {"(38)c"}},
          {.slug = "38c.ocr-literal", .statement = "sum_{y in [n]^k} |Tr[H_{y_k} C H_{y_{k-1}} .. H_{y_1}^2 .. H_{y_{k-1}} C H_{y_k}] - "
                                                   "Tr[H_{y_{k-1}} C .. H_{y_1}^2 .. H_{y_{k-1}} C H_{y_k}^2]| = 0",
           .rel = Rel::Eq, .eval = make_evaluator(link(Link::L38cLiteral)),
           .note = "control: the OCR'd word literally, without the leading C (reading not chosen); one factor C short, it differs "
                   "when c > 0"},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c8_moment_links
