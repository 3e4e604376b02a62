// What the claims quoting Dexter et al. (2024) share (DEXTER-THM1, DEXTER-LEMMA4.1, DEXTER-THM2; spec/stability.md,
// (88)-(91)): the finisher that puts eta at or above the gradient-descent threshold 2/lambda_max(H), the divergence
// and convergence conclusions as evaluators, and the witness family of Theorem 2 (construction (b) with c = 0).
// Moved verbatim from the claim files: the samples and shrink trees are those of the claims' recorded counterexamples.
#pragma once
#include "core/claim.hpp"
#include "models/moments.hpp"
#include "generators/construction.hpp"
#include "generators/stability.hpp"
#include <tuple>
#include <utility>
#include <vector>

namespace stabcheck::stab::dexter {

/// Condition 1 of Theorem 1 / Lemma 4.1 (1): eta = 2/lambda_max(H) exactly when rational, else just above (`at`), or
/// eta = (2/lambda_max(H))(1 + rel), rel in {1e-3, 1e-1, 1} by code % 3.
inline Sample cond1(Sample s, int code, bool at) {
  static const Rat rel[] = {Rat(1, 1000), Rat(1, 10), Rat(1)};
  Threshold t = eta_gd_threshold(s.family("H"));
  s.scalars["eta"] = at ? place_above(t, Rat(0)) : place_above(t, rel[code % 3]);
  return s;
}

/// lim_k E||J^_k ... J^_1||_F^2 = infinity as div(T) >= 0: div = r(T) - 1 off r(T) = 1; at r(T) = 1 exactly 0 (polynomial
/// growth) or -1 (bounded). Sides (div(T), 0), scale max(1, r(T)).
inline Evaluator divergence_evaluator() {
  return make_evaluator([](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto ri = mom::T_radius<T>(s);
    return sides(mom::divergence_margin(ri), real_of<T>(Rat(0)), rmax_(real_of<T>(Rat(1)), ri.r));
  });
}
/// lim_k E||J^_k ... J^_1||_F^2 = 0 as conv(T) <= 0: conv = r(T) - 1 off r(T) = 1, +1 at r(T) = 1. Sides (conv(T), 0),
/// scale max(1, r(T)).
inline Evaluator convergence_evaluator() {
  return make_evaluator([](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    auto ri = mom::T_radius<T>(s);
    return sides(mom::convergence_margin(ri), real_of<T>(Rat(0)), rmax_(real_of<T>(Rat(1)), ri.r));
  });
}

/// Theorem 2's witness: construction (b) (THM-3.3 with c = 0), (n, sigma) from construction::n_sigma(1, 6), then
/// B in [1, n], eta in {1, 1/2, 2, 1/10} and lambda_max = theta 2 sigma/(eta (n/B + sigma - 1)), theta from `thetas`
/// (each index shrinks toward 0). Scalars B, c = 0, eta, lambda_max; ints sigma; family H.
inline rc::Gen<Sample> thm2_witness(std::vector<Rat> thetas) {
  static const Rat kEta[] = {Rat(1), Rat(1, 2), Rat(2), Rat(1, 10)};
  return rc::gen::mapcat(construction::n_sigma(1, 6), [thetas](std::pair<int, int> ns) {
    const int n = ns.first, sigma = ns.second;
    return rc::gen::map(rc::gen::tuple(rc::gen::inRange(1, n + 1), rc::gen::inRange(0, 4), rc::gen::inRange(0, int(thetas.size()))),
                        [thetas, n, sigma](const std::tuple<int, int, int>& t) {
                          const Rat B(std::get<0>(t)), eta = kEta[std::get<1>(t)];
                          const Rat lam = thetas[size_t(std::get<2>(t))] * 2 * Rat(sigma) / (eta * (Rat(n) / B + sigma - 1));
                          Sample s;
                          s.families["H"] = construction::family('b', n, sigma, lam);
                          s.scalars["B"] = B;
                          s.scalars["c"] = Rat(0);
                          s.scalars["eta"] = eta;
                          s.scalars["lambda_max"] = lam;
                          s.ints["sigma"] = sigma;
                          return s;
                        });
  });
}

}  // namespace stabcheck::stab::dexter
