// The grid of samples on which THM-3.3 checks the coherence construction (generators/construction.hpp) against
// (81) and (87): n in 1..6, sigma in [1, n], B in [1, n], lambda1, c lambda1 and the factor of eta against the
// threshold of (87) drawn from small tables, and the dimension d in 1..3 (variant (a) only).
// Header-only: every function is inline, compiled with the claim that uses it.
#pragma once
#include "core/sample.hpp"
#include "generators/construction.hpp"
#include "generators/matrices.hpp"
#include <rapidcheck.h>
#include <tuple>
#include <utility>

namespace stabcheck::construction {

/// lambda1 of the grid.
inline const Rat kGridLambda1[] = {Rat(1), Rat(2), Rat(1, 2), Rat(3)};
/// c lambda1 of the grid (c = rho/alpha).
inline const Rat kGridCLambda1[] = {Rat(0), Rat(1, 2), Rat(1), Rat(1, 10), Rat(3)};
/// eta / eta*_(87): exactly at the threshold, at 1 -+ 10^-3, 1 -+ 10^-1, half and twice it.
inline const Rat kGridEtaFactor[] = {Rat(1), Rat(999, 1000), Rat(1001, 1000), Rat(9, 10), Rat(11, 10), Rat(1, 2), Rat(2)};

/// Samples of the construction of `variant` ('a' or 'b'): family "H", scalars B, c, eta, lambda1, int sigma, with
/// eta = eta_threshold_87(n, B, sigma, lambda1, c) times a factor of kGridEtaFactor (exact rationals).
/// Shrinks n and sigma toward 1, then B, lambda1, c lambda1 and the eta factor toward the first table entry.
inline rc::Gen<Sample> eta_grid_87(char variant) {
  return rc::gen::mapcat(n_sigma(1, 6), [variant](std::pair<int, int> ns) {
    const int n = ns.first, sigma = ns.second;
    return rc::gen::map(rc::gen::tuple(rc::gen::inRange(1, n + 1), rc::gen::inRange(0, 4), rc::gen::inRange(0, 5), rc::gen::inRange(0, 7),
                                       gen::dim(1, 3)),
                        [variant, n, sigma](const std::tuple<int, int, int, int, int>& t) {
                          const Rat B(std::get<0>(t)), l = kGridLambda1[std::get<1>(t)], c = kGridCLambda1[std::get<2>(t)] / l;
                          const Rat eta = eta_threshold_87(n, B, sigma, l, c) * kGridEtaFactor[std::get<3>(t)];
                          Sample s;
                          s.families["H"] = family(variant, n, sigma, l, std::get<4>(t));
                          s.scalars["B"] = B;
                          s.scalars["c"] = c;
                          s.scalars["eta"] = eta;
                          s.scalars["lambda1"] = l;
                          s.ints["sigma"] = sigma;
                          return s;
                        });
  });
}

}  // namespace stabcheck::construction
