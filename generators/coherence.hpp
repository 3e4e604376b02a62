// Exact, shrinkable families that stress the coherence objects of models/coherence.hpp: weighted_rank_ones
// (P = I + cH strongly anisotropic) and rank-one families whose S is indefinite; and reduce_family, a Family::reduce
// for samples that hold a family "H" plus member indices.
#pragma once
#include "core/sample.hpp"
#include "generators/matrices.hpp"
#include "models/coherence.hpp"
#include <vector>

namespace stabcheck::coh {

/// H_i = w_i g_i g_i^T, g_i small integers, w_i drawn from `weights` (shrinks toward the first weight):
/// magnitudes spread over orders, so that P = I + cH is far from a multiple of I and g_i is not an eigenvector of P.
inline rc::Gen<std::vector<MatQ>> weighted_rank_ones(int n, int d, std::vector<int> weights = {1, 10, 100}) {
  return rc::gen::container<std::vector<MatQ>>(
      size_t(n), rc::gen::map(rc::gen::pair(gen::matrix(gen::Kind::RankOne, d), rc::gen::inRange(0, int(weights.size()))),
                              [weights](const std::pair<MatQ, int>& p) { return MatQ(p.first * Rat(weights[size_t(p.second)])); }));
}

/// Is the coherence matrix of the exact family indefinite? (double precision, relative margin 1e-6: a filter
/// for generators, far above rounding; the claims decide their own inequalities in the usual tiers.)
inline bool coherence_indefinite(const std::vector<MatQ>& hq) {
  auto ev = eigvals_sym(coherence(tier_family<double>(hq)));
  return ev.front() < -1e-6 * std::abs(ev.back());
}

/// Rank-one families g_i g_i^T whose coherence matrix S is indefinite (n = 4, d in {2,3}: about 1 in 4 to 1 in 6
/// random draws qualifies; rank-one families with n <= 3 never do).
inline rc::Gen<std::vector<MatQ>> rank_ones_indefinite_S(int d) {
  return rc::gen::suchThat(gen::family(gen::FamilyKind::RankOnes, 4, d), coherence_indefinite);
}

/// Family::reduce for samples holding a family "H" whose members may be referred to by 1-based integer indices
/// named "i" or "y1", "y2", ...: every sample with one coordinate deleted (d > min_d; principal submatrices keep
/// PSD-ness) and every sample with one member deleted (n > min_n) that no index refers to (higher indices are
/// renumbered). The integers "n" and "d", when present, follow.
inline std::vector<Sample> reduce_family(const Sample& s, size_t min_n, int min_d) {
  auto is_index = [](const std::string& k) {
    return k == "i" || (k.size() > 1 && k[0] == 'y' && k.find_first_not_of("0123456789", 1) == std::string::npos);
  };
  auto resize = [](Sample& t) {
    const auto& h = t.family("H");
    if (t.ints.count("n")) t.ints["n"] = long(h.size());
    if (t.ints.count("d")) t.ints["d"] = long(h.at(0).rows());
  };
  std::vector<Sample> out;
  const auto& h = s.family("H");
  if (h.at(0).rows() > min_d)
    for (Sample t : gen::drop_coordinate(s)) {
      resize(t);
      out.push_back(std::move(t));
    }
  if (h.size() > min_n)
    for (size_t r = 0; r < h.size(); ++r) {
      bool used = false;
      for (const auto& [k, v] : s.ints) used = used || (is_index(k) && v == long(r) + 1);
      if (used) continue;
      Sample t = s;
      t.families["H"].erase(t.families["H"].begin() + long(r));
      for (auto& [k, v] : t.ints)
        if (is_index(k) && v > long(r) + 1) --v;
      resize(t);
      out.push_back(std::move(t));
    }
  return out;
}

}  // namespace stabcheck::coh
