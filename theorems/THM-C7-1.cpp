// THM-C7-1 — Theorem C.7 part 1, (17)-(18): "the condition for divergence is the same as that for SGD":
//   eta >= (sigma/lambda_max(H)) (n/B - 1)^{-1/2}  =>  E||w_k||^2 -> infinity under the noise-injected update (3).
// Readings: sufficient condition [chosen]; alternative "(3) diverges iff SGD diverges".
// With sigma_delta^2 > 0 and H positive definite (E[H^^2] >= lambda_min(H)^2 I > 0), (15) gives
//   E||w_k||^2 >= eta^2 sd2 lambda_min(H)^2 sum_{j<k} Tr M_j, and Tr M_j >= 1 whenever r(T) >= 1,
// so (3) diverges iff r(T) >= 1 (linearly at r(T) = 1 even when SGD's Tr M_k stays bounded), and converges to a
// finite limit iff r(T) < 1. SGD diverges iff r(T) > 1, or r(T) = 1 with polynomial growth (exact, models/moments.hpp).
#include "generators/kit.hpp"
#include "models/moments.hpp"
#include "generators/stability.hpp"
#include "generators/c8_stability_claims.hpp"

namespace stabcheck::claim_thm_c7_1 {
namespace {

using namespace stab;

const std::vector<std::string> kExact = {"diagonal", "aligned", "orthogonal", "construction-b"};
const std::vector<std::string> kGeneric = {"wishart", "rankone", "clustered", "independent"};

// place: 0 at the threshold (exact when rational), 1 above (1 + {1e-3, 1e-1, 1}), 2 below (1 - {1e-3, 1e-1, 1/2})
Sample finish(Sample s, int code, int place) {
  static const std::vector<Rat> up = {Rat(1, 1000), Rat(1, 10), Rat(1)};
  static const std::vector<Rat> dn = {Rat(1, 1000), Rat(1, 10), Rat(1, 2)};
  make_pd(s);
  Threshold t = eta_sigma_threshold(s.family("H"), s.scalar("B"), Rat(0));
  s.scalars["eta"] = place == 0 ? place_above(t, Rat(0)) : place == 1 ? step_above(t, up, size_t(code)) : step_below(t, dn, size_t(code));
  s.scalars["sd2"] = Rat(1);
  return s;
}

/// noisy-divergence margin: r(T) - 1 off the boundary, 0 at r(T) = 1 (diverges linearly there): >= 0 iff (3) diverges
template <class R> R noisy_margin(const mom::RadiusInfo<R>& ri) {
  if (ri.growth == mom::Growth::Bounded || ri.growth == mom::Growth::Poly) return R(0);
  return ri.excess;
}

auto sufficient = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto ri = mom::T_radius<T>(s);
  return sides(noisy_margin(ri), real_of<T>(Rat(0)), rmax_(real_of<T>(Rat(1)), ri.r));
};

auto iff = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  auto ri = mom::T_radius<T>(s);
  const bool noisy = ri.growth != mom::Growth::Zero;  // r(T) >= 1
  const bool sgd = ri.growth == mom::Growth::Infinite || ri.growth == mom::Growth::Poly;
  return sides(real_of<T>(Rat(noisy ? 1 : 0)), real_of<T>(Rat(sgd ? 1 : 0)), real_of<T>(Rat(1)));
};

// Families: each kind with eta at the threshold, above it and below it.
const char* const kPlaceTag[] = {".at", ".above", ".below"};
const char* const kPlaceEta[] = {"= eta* (exact when rational, else just above)", "= eta*(1 + {1e-3,1e-1,1})",
                                 "= eta*(1 - {1e-3,1e-1,1/2})"};

Family family(const std::string& kind, BRule br, int place) {
  const Base b{.hkind = kind,
               .n_lo = 2,
               .n_hi = br == BRule::SquareRatio ? 6 : 4,
               .d_lo = 1,
               .d_hi = kind.rfind("construction", 0) == 0 ? 1 : 3,
               .brule = br,
               .ncodes = 3};
  return model_family(kind + kPlaceTag[place], b, [place](Sample s, int code) { return finish(std::move(s), code, place); },
                      std::string("; H made PD; sigma_delta^2 = 1; eta ") + kPlaceEta[place]);
}

std::vector<Family> families() {
  std::vector<Family> f;
  for (const auto& k : kExact)
    for (int p = 0; p < 3; ++p) f.push_back(family(k, BRule::SquareRatio, p));
  for (const auto& k : kGeneric)
    for (int p = 0; p < 3; ++p) f.push_back(family(k, BRule::LessN, p));
  return f;
}

Claim make() {
  return Claim{
      .id = "THM-C7-1", .source = "Theorem C.7 part 1, eqs. (17)-(18)",
      .statement = "eta >= (sigma/lambda_max(H))(n/B - 1)^{-1/2}  =>  lim_k E||w_k||^2 = infinity under the noise-injected update (3)",
      .readings = {{.name = "sufficient",
                    .text = "eta >= (sigma/lambda_max(H))(n/B - 1)^{-1/2} is a sufficient condition for lim_k E||w_k||^2 = infinity "
                            "under (3)",
                    .chosen = true},
                   {.name = "iff-sgd", .text = "(3) diverges iff SGD diverges"}},
      // (17)a needs M_k >= Jbar^{2k} + N_k (the "=" of (28) is refuted, its PSD reading holds); (18) quotes Dexter et
      // al. Thm 1 as (88) prints it, with ">"
      .uses = {"THM-C7-DECOMP", "THM-C8-MK-IDENTITY:reading-B-psd", "THM-C8-SIGMA-LB", "DEXTER-THM1:gt"},
      .families = families(),
      .variants = {
          {.slug = "sufficient",
           .statement = "eta >= eta*  =>  noisy(T) >= 0, noisy = r(T) - 1 off r(T) = 1 and 0 at r(T) = 1 ((3) diverges iff r(T) >= 1)",
           .rel = Rel::Ge,
           .eval = make_evaluator(sufficient),
           .note = "reading [chosen]: a sufficient condition for divergence of (3)",
           .families = names_by_tag({kExact, kGeneric}, {".at", ".above"}),
           .checks = {"Thm C.7.1", "(18)"}},
          {.slug = "iff-sgd",
           .statement = "[(3) diverges] = [SGD diverges] (0/1, decided exactly: r(T) >= 1 vs r(T) > 1 or polynomial growth at r(T) = 1), "
                        "eta around eta*",
           .rel = Rel::Eq,
           .eval = make_evaluator(iff),
           .note = "alternative reading: (3) diverges iff SGD diverges (they part at r(T) = 1 with bounded SGD moments)",
           .families = names_by_tag({kExact, kGeneric}, {".at", ".above", ".below"}),
           .checks = {"Thm C.7.1", "(18)"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_thm_c7_1
