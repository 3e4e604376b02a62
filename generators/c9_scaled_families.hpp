// Stability families at fixed scales (spec stability.md, the scaling tests H_i -> s H_i of THM-C9-S-BOUND and
// THM-C9-NR-UPPER): one family "kind.label" per kind of {H_i} and per scale 10^e, kinds outer, scales inner.
#pragma once
#include "core/claim.hpp"
#include "generators/stability.hpp"
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace stabcheck::c9 {

/// (e, label): H scaled by 10^e (stab::Base::scales = {e}), family names ending in ".label".
using Scales = std::vector<std::pair<int, std::string>>;

/// The families kind.label for every kind and scale (kinds outer), drawn from base(kind, e) and finished by `finish`;
/// description describe(base) + suffix.
inline std::vector<Family> scaled_families(const std::vector<std::string>& kinds, const Scales& scales,
                                           const std::function<stab::Base(const std::string&, int)>& base,
                                           const std::string& suffix, const stab::Finish& finish) {
  std::vector<Family> out;
  for (const auto& kind : kinds)
    for (const auto& [e, label] : scales)
      out.push_back(stab::model_family(kind + "." + label, base(kind, e), finish, suffix));
  return out;
}

}  // namespace stabcheck::c9
