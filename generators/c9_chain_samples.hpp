// Exact, shrinkable samples of the proof-step claims on traces of words in {H_i} (spec lemmas-and-relu.md §2-§4):
//   EQ-38-39-PRUNING  pruning_main, pruning_edge   H, c in {1, 1/10, 10}, a sequence y in [n]^k
//   EQ-64-CHAIN       chain64                      H, a scale t of all H_i, k (odd or even)
//   EQ-67-CHAIN       chain67                      H (not all zero), c, t, B = 1, eta = 1, k, an index i and y
// Every sample holds the family "H" and the ints n, d, k; indices (i, y_1..y_k) are stored 1-based, as reports show them.
// These pipelines were written in the claim files first; their draws (and so the shrink trees and the replay tokens of
// the suite's counterexamples) are part of the claims' recorded results: change them only with the ledger.
#pragma once
#include "core/sample.hpp"
#include "generators/coherence.hpp"
#include "generators/matrices.hpp"
#include <functional>
#include <rapidcheck.h>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace stabcheck::c9 {

/// Draws the family {H_i} of n PSD d x d matrices.
using HGen = std::function<rc::Gen<std::vector<MatQ>>(int n, int d)>;

// ---- EQ-64-CHAIN ----

/// The overall scale factors t of all H_i (shrink toward t = 1).
inline const std::vector<Rat>& chain64_scales() {
  static const std::vector<Rat> s = {Rat(1), Rat(1, 100), Rat(1, 2), Rat(2), Rat(100)};  // shrink toward t = 1
  return s;
}

/// n in [n_lo, n_hi], d in [d_lo, d_hi], k in {1,3,5} (odd) or {2,4,6}, H from hg(n, d), t from chain64_scales()
/// (scalar "t"; the H_i are stored unscaled).
inline rc::Gen<Sample> chain64(HGen hg, int n_lo, int n_hi, int d_lo, int d_hi, bool odd) {
  return rc::gen::mapcat(gen::dim(n_lo, n_hi), [=](int n) {
    return rc::gen::mapcat(gen::dim(d_lo, d_hi), [=](int d) {
      return rc::gen::mapcat(gen::dim(0, 2), [=](int ki) {
        const int k = odd ? 2 * ki + 1 : 2 * ki + 2;
        return rc::gen::map(rc::gen::pair(hg(n, d), rc::gen::inRange(0, int(chain64_scales().size()))),
                            [n, d, k](const std::pair<std::vector<MatQ>, int>& p) {
                              Sample s;
                              s.families["H"] = p.first;
                              s.scalars["t"] = chain64_scales()[size_t(p.second)];
                              s.ints["n"] = n;
                              s.ints["d"] = d;
                              s.ints["k"] = k;
                              return s;
                            });
      });
    });
  });
}

// ---- EQ-67-CHAIN ----

inline const std::vector<Rat>& chain67_cvals() {
  static const std::vector<Rat> v = {Rat(0), Rat(1, 2), Rat(1)};
  return v;
}
inline const std::vector<Rat>& chain67_scales() {
  static const std::vector<Rat> v = {Rat(1), Rat(1, 10), Rat(10)};
  return v;
}

/// True when some H_i is not zero (sigma_SAM defined).
inline bool nonzero(const std::vector<MatQ>& h) {
  for (const auto& m : h)
    if (!m.isZero()) return true;
  return false;
}

/// n in {2,3}, d in 1..3, k in 1..3, H from hg(n, d) (not all zero), c from chain67_cvals(), t from chain67_scales(),
/// B = 1, eta = 1, an index i in [n] and a sequence y in [n]^k.
inline rc::Gen<Sample> chain67(HGen hg) {
  return rc::gen::mapcat(gen::dim(2, 3), [hg](int n) {
    return rc::gen::mapcat(gen::dim(1, 3), [hg, n](int d) {
      return rc::gen::mapcat(gen::dim(1, 3), [hg, n, d](int k) {
        return rc::gen::map(
            rc::gen::tuple(rc::gen::suchThat(hg(n, d), nonzero), rc::gen::inRange(0, int(chain67_cvals().size())),
                           rc::gen::inRange(0, int(chain67_scales().size())), rc::gen::inRange(0, n),
                           rc::gen::container<std::vector<int>>(size_t(k), rc::gen::inRange(0, n))),
            [n, d, k](const std::tuple<std::vector<MatQ>, int, int, int, std::vector<int>>& t) {
              Sample s;
              s.families["H"] = std::get<0>(t);
              s.scalars["c"] = chain67_cvals()[size_t(std::get<1>(t))];
              s.scalars["t"] = chain67_scales()[size_t(std::get<2>(t))];
              s.scalars["B"] = Rat(1);
              s.scalars["eta"] = Rat(1);
              s.ints["n"] = n;
              s.ints["d"] = d;
              s.ints["k"] = k;
              s.ints["i"] = std::get<3>(t) + 1;  // 1-based in reports
              for (int j = 0; j < k; ++j) s.ints["y" + std::to_string(j + 1)] = std::get<4>(t)[size_t(j)] + 1;
              return s;
            });
      });
    });
  });
}

// ---- EQ-38-39-PRUNING ----

inline const std::vector<Rat>& pruning_cvals() {
  static const std::vector<Rat> v = {Rat(1), Rat(1, 10), Rat(10)};
  return v;
}

/// Kinds of {H_i}: the six family kinds of generators/matrices.hpp, full-rank Wishart, and weighted rank-ones
/// w_i g_i g_i^T (w_i in {1,10,100}), which make P = I + cH strongly anisotropic.
enum class HKind { Family, Wishart, Weighted };
struct PruningKind {
  HKind h;
  gen::FamilyKind fk;
  std::string name;
};
/// full-rank, the six family kinds, rank-ones.weighted (in this order).
inline std::vector<PruningKind> pruning_kinds() {
  std::vector<PruningKind> out;
  out.push_back({HKind::Wishart, gen::FamilyKind::Independent, "full-rank"});
  for (gen::FamilyKind fk : gen::family_kinds()) out.push_back({HKind::Family, fk, gen::family_kind_name(fk)});
  out.push_back({HKind::Weighted, gen::FamilyKind::RankOnes, "rank-ones.weighted"});
  return out;
}
inline rc::Gen<std::vector<MatQ>> pruning_hfam(const PruningKind& kd, int n, int d) {
  if (kd.h == HKind::Wishart) return rc::gen::container<std::vector<MatQ>>(size_t(n), gen::matrix(gen::Kind::Wishart, d));
  if (kd.h == HKind::Weighted) return coh::weighted_rank_ones(n, d);
  return gen::family(kd.fk, n, d);
}

inline Sample pruning_sample(const std::vector<MatQ>& h, const Rat& c, const std::vector<int>& y) {
  Sample s;
  s.families["H"] = h;
  s.scalars["c"] = c;
  s.ints["n"] = long(h.size());
  s.ints["d"] = long(h.at(0).rows());
  s.ints["k"] = long(y.size());
  for (size_t j = 0; j < y.size(); ++j) s.ints["y" + std::to_string(j + 1)] = y[j] + 1;  // 1-based in reports
  return s;
}

/// H of kind kd (n x (d x d)), c from pruning_cvals(), y drawn in [n]^k.
inline rc::Gen<Sample> pruning_rest(const PruningKind& kd, int n, int d, int k) {
  return rc::gen::map(rc::gen::tuple(pruning_hfam(kd, n, d), rc::gen::inRange(0, int(pruning_cvals().size())),
                                     rc::gen::container<std::vector<int>>(size_t(k), rc::gen::inRange(0, n))),
                      [](const std::tuple<std::vector<MatQ>, int, std::vector<int>>& t) {
                        return pruning_sample(std::get<0>(t), pruning_cvals()[size_t(std::get<1>(t))], std::get<2>(t));
                      });
}

/// The main families: n in {3,4}, d in {2,3}, the given k.
inline rc::Gen<Sample> pruning_main(PruningKind kd, int k) {
  return rc::gen::mapcat(gen::dim(3, 4), [kd, k](int n) {
    return rc::gen::mapcat(gen::dim(2, 3), [kd, k, n](int d) { return pruning_rest(kd, n, d, k); });
  });
}

/// The edge family: n in 1..3, d in 1..2, k in 1..3, any kind of pruning_kinds().
inline rc::Gen<Sample> pruning_edge() {
  return rc::gen::mapcat(gen::dim(1, 3), [](int n) {
    return rc::gen::mapcat(gen::dim(1, 2), [n](int d) {
      return rc::gen::mapcat(gen::dim(1, 3), [n, d](int k) {
        return rc::gen::mapcat(rc::gen::inRange(0, int(pruning_kinds().size())),
                               [n, d, k](int w) { return pruning_rest(pruning_kinds()[size_t(w)], n, d, k); });
      });
    });
  });
}

}  // namespace stabcheck::c9
