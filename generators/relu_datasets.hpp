// Samples of the 2-layer ReLU claims (EX-C1-CR-CONSTRUCTION, THM-3.4/3.5/3.6; lemmas-and-relu.md §5): the (C, r)
// construction with its inputs, labelled nets (zero loss) and the idealised cluster parameters of C.12, as
// RapidCheck generators built on generators/relu_nets.hpp. Every sample is exact; the generators shrink on
// structure (dimensions, widths and counts toward their lower bounds, inputs toward all +1, table indices toward 0).
// Header-only: every function is inline, compiled with the claims that use it.
#pragma once
#include "models/relu.hpp"
#include "core/sample.hpp"
#include "generators/matrices.hpp"
#include "generators/relu_nets.hpp"
#include <algorithm>
#include <rapidcheck.h>
#include <tuple>
#include <utility>
#include <vector>

namespace stabcheck::relu {

// ---------------------------------------------------------------- samples of the (C, r) construction
/// r with r^4 = d + 1, the paper's choice (minimises r^2 + (d+1)/r^2; EX-C1 (d)).
inline RSpec r4_paper(int d) { return RSpec{1, Rat(d + 1)}; }
/// r^4 = d + 1 (r4), or a random r of r_gen(d).
inline rc::Gen<RSpec> r_choice(int d, bool r4) { return r4 ? rc::gen::just(r4_paper(d)) : r_gen(d); }

/// The (C, r) construction of width m on {-1,1}^d: ints "d", "C", "m" and r (put_r).
inline Sample cr_sample(int d, int C, long m, const RSpec& r) {
  Sample s;
  s.ints["d"] = d;
  s.ints["C"] = C;
  s.ints["m"] = m;
  put_r(s, r);
  return s;
}
/// The same with its inputs, the rows of X (mats "X").
inline Sample cr_sample(int d, int C, long m, const RSpec& r, const MatQ& X) {
  Sample s = cr_sample(d, C, m, r);
  s.mats["X"] = X;
  return s;
}
/// Sets x_p's first C coordinates to pattern p (bit q of p set: x_q = -1), for every row p of X.
inline void set_patterns(MatQ& X, int C) {
  for (Index p = 0; p < X.rows(); ++p)
    for (int q = 0; q < C; ++q) X(p, q) = ((p >> q) & 1) ? Rat(-1) : Rat(1);
}

// ---------------------------------------------------------------- EX-C1: the construction alone
/// Width 2^C + {0,1,2} with fixed (d, C); r random (r_gen) or r^4 = d + 1.
inline rc::Gen<Sample> cr_fixed_gen(int d, int C, bool r4) {
  auto rg = r_choice(d, r4);
  return rc::gen::map(rc::gen::pair(gen::shape(0, 2), rg),
                      [d, C](const std::pair<int, RSpec>& p) { return cr_sample(d, C, (1L << C) + p.first, p.second); });
}
/// As cr_fixed_gen with random 2 <= C <= d <= dmax.
inline rc::Gen<Sample> cr_small_gen(int dmax, bool r4) {
  return rc::gen::mapcat(gen::dim(2, dmax), [r4](int d) {
    return rc::gen::mapcat(gen::dim(2, d), [d, r4](int C) { return cr_fixed_gen(d, C, r4); });
  });
}
/// cr_small_gen(6, random r) with one input, mats "x" (a column; shrinks toward all +1).
inline rc::Gen<Sample> cr_single_x_gen() {
  return rc::gen::mapcat(cr_small_gen(6, false), [](const Sample& s) {
    int d = int(s.integer("d"));
    return rc::gen::map(points(1, d), [s](const MatQ& X) {
      Sample t = s;
      t.mats["x"] = X.transpose();
      return t;
    });
  });
}
/// The printed example of §C.1 (d = 5, C = 3, r = 1, m = 10) with its OCR'd W1, W2 (mats "W1_printed", "W2_printed").
inline Sample printed_sample() {
  PrintedExample p = printed_example();
  Sample s = cr_sample(p.d, p.C, p.m, RSpec{0, Rat(1)});
  s.mats["W1_printed"] = p.W1;
  s.mats["W2_printed"] = p.W2;
  return s;
}

// ---------------------------------------------------------------- THM-3.4: labelled nets
/// The net (put_net), its inputs X (mats "X") and labels y = f(X) (mats "y": zero loss).
inline Sample labelled_net_sample(const Net<Rat>& net, const MatQ& X) {
  Sample s;
  put_net(s, net);
  s.mats["X"] = X;
  s.mats["y"] = outputs(net, X);
  return s;
}

/// Memorizing nets on n <= min(2^d, 5) distinct inputs, d <= 6: memorizing_net, or the spec's recipe
/// memorizing_net_paper (paper).
inline rc::Gen<Sample> memorizing_gen(bool paper) {
  return rc::gen::mapcat(gen::dim(1, 6), [paper](int d) {
    int nmax = std::min(1 << d, 5);
    return rc::gen::mapcat(gen::dim(1, nmax), [d, paper](int n) {
      return rc::gen::mapcat(distinct_points(n, d), [paper](const MatQ& X) {
        auto g = paper ? memorizing_net_paper(X) : memorizing_net(X);
        return rc::gen::map(g, [X](const Net<Rat>& net) { return labelled_net_sample(net, X); });
      });
    });
  });
}

/// Memorizing nets (memorizing_net) with d <= 3 and n <= min(2^d, 3): explicit D x D matrices stay small.
inline rc::Gen<Sample> memorizing_small_gen() {
  return rc::gen::mapcat(gen::dim(1, 3), [](int d) {
    return rc::gen::mapcat(gen::dim(1, std::min(1 << d, 3)), [d](int n) {
      return rc::gen::mapcat(distinct_points(n, d), [](const MatQ& X) {
        return rc::gen::map(memorizing_net(X), [X](const Net<Rat>& net) { return labelled_net_sample(net, X); });
      });
    });
  });
}

/// small_int_net (m <= mmax units, d <= dmax) on 2..nmax i.i.d. inputs, labelled by itself.
inline rc::Gen<Sample> small_int_gen(int dmax = 6, int mmax = 4, int nmax = 4) {
  return rc::gen::mapcat(gen::dim(1, dmax), [mmax, nmax](int d) {
    return rc::gen::mapcat(gen::dim(1, mmax), [d, nmax](int m) {
      return rc::gen::mapcat(gen::dim(2, nmax), [d, m](int n) {
        return rc::gen::map(rc::gen::pair(small_int_net(m, d), points(n, d)),
                            [](const std::pair<Net<Rat>, MatQ>& p) { return labelled_net_sample(p.first, p.second); });
      });
    });
  });
}

/// Two inputs with a negative inner product (x' = -x except on k coordinates), random small integer net: the
/// only pairs for which a shared unit can have g.g' = 0 are those with x.x' + 1 < 0.
inline rc::Gen<Sample> opposite_pair_gen() {
  return rc::gen::mapcat(gen::dim(2, 6), [](int d) {
    return rc::gen::mapcat(gen::dim(1, 3), [d](int m) {
      return rc::gen::map(rc::gen::tuple(small_int_net(m, d), points(1, d), rc::gen::inRange(0, (d + 1) / 2)),
                          [d](const std::tuple<Net<Rat>, MatQ, int>& t) {
                            MatQ X(2, d);
                            X.row(0) = std::get<1>(t).row(0);
                            X.row(1) = -X.row(0);
                            for (int q = 0; q < std::get<2>(t); ++q) X(1, q) = X(0, q);
                            return labelled_net_sample(std::get<0>(t), X);
                          });
    });
  });
}

/// One hidden unit shared by x and x' = -x except on k coordinates; W1 small integers, b of the parity that keeps
/// pre-activations odd (no kinks), W2 = q when -z z'/(x.x' + 1) = q^2 is a perfect square, i.e. exactly at the
/// threshold g.g' = z z' + W2^2 (x.x' + 1) = 0 that the reverse direction of THM-3.4 excludes; otherwise W2 small random.
inline rc::Gen<Sample> boundary_pair_gen() {
  return rc::gen::mapcat(gen::dim(2, 6), [](int d) {
    return rc::gen::map(rc::gen::tuple(gen::int_matrix(1, d, 2), gen::small_int(3), gen::small_int(2), points(1, d), rc::gen::inRange(0, (d + 1) / 2)),
                        [d](const std::tuple<MatQ, int, int, MatQ, int>& t) {
                          MatQ X(2, d);
                          X.row(0) = std::get<3>(t).row(0);
                          X.row(1) = -X.row(0);
                          for (int q = 0; q < std::get<4>(t); ++q) X(1, q) = X(0, q);
                          Net<Rat> net{std::get<0>(t), VecQ(1), VecQ(1)};
                          Int par = 0;
                          for (int l = 0; l < d; ++l) par += Int(numerator(net.W1(0, l)));
                          Int b = std::get<1>(t);
                          if (((par + b) % 2) == 0) b += (b >= 0 ? 1 : -1);
                          net.b(0) = Rat(b);
                          net.W2(0) = std::get<2>(t);
                          Rat z = Rat(net.W1.row(0).dot(X.row(0))) + net.b(0), z2 = Rat(net.W1.row(0).dot(X.row(1))) + net.b(0);
                          Rat ip = Rat(X.row(0).dot(X.row(1))) + 1;
                          Rat q;
                          if (z > 0 && z2 > 0 && ip < 0 && rat_sqrt(Rat(-z * z2 / ip), q) && denominator(q) == 1) net.W2(0) = q;
                          return labelled_net_sample(net, X);
                        });
  });
}

/// (C, r) construction, width 2^C + {0, 1}, 2-5 i.i.d. inputs, 2 <= C <= d <= 8; r random or r^4 = d + 1.
inline rc::Gen<Sample> cr_random_inputs_gen(bool r4) {
  return rc::gen::mapcat(gen::dim(2, 8), [r4](int d) {
    return rc::gen::mapcat(gen::dim(2, d), [d, r4](int C) {
      auto rg = r_choice(d, r4);
      return rc::gen::mapcat(gen::dim(2, 5), [d, C, rg](int n) {
        return rc::gen::map(rc::gen::tuple(rc::gen::inRange(0, 2), rg, points(n, d)), [d, C](const std::tuple<int, RSpec, MatQ>& t) {
          return cr_sample(d, C, (1L << C) + std::get<0>(t), std::get<1>(t), std::get<2>(t));
        });
      });
    });
  });
}

/// Two inputs in the same block of the (C, r) construction (width 2^C, d = 6..8, C = 2..3): x' = x with f of the
/// free coordinates C+1..d flipped. Not far: f such that x.x' + 1 = -r^4 when that is possible (the only way
/// g.g' = r^2 + (x.x'+1)/r^2 can vanish), else f at random; far: every free coordinate flipped (the most negative
/// inner product).
inline rc::Gen<Sample> cr_block_pair_gen(bool r4, bool far) {
  return rc::gen::mapcat(gen::dim(6, 8), [r4, far](int d) {
    return rc::gen::mapcat(gen::dim(2, 3), [d, r4, far](int C) {
      auto rg = r_choice(d, r4);
      return rc::gen::map(rc::gen::tuple(rg, points(1, d), rc::gen::inRange(0, d - C + 1)),
                          [d, C, far](const std::tuple<RSpec, MatQ, int>& t) {
                            const RSpec& r = std::get<0>(t);
                            MatQ X(2, d);
                            X.row(0) = std::get<1>(t).row(0);
                            X.row(1) = X.row(0);
                            int f = std::get<2>(t);
                            Rat r4v = r.mode == 0 ? Rat(r.q * r.q) : r.q;  // r^4
                            // x.x' = d - 2f; want d - 2f + 1 = -r^4, i.e. f = (d + 1 + r^4) / 2
                            Rat ft = (Rat(d + 1) + r4v) / 2;
                            if (denominator(ft) == 1 && ft <= d - C) f = int(numerator(ft));
                            if (far) f = d - C;
                            for (int q = C; q < C + f; ++q) X(1, q) = -X(1, q);
                            return cr_sample(d, C, 1L << C, r, X);
                          });
    });
  });
}

// ---------------------------------------------------------------- THM-3.5: random datasets of the construction
/// Width 2^C, 2 <= C <= min(d, 4), d <= 7, 1-10 i.i.d. uniform inputs; r^4 = d + 1, or r random (general_r).
inline rc::Gen<Sample> dataset_random_gen(bool general_r) {
  return rc::gen::mapcat(gen::dim(2, 7), [general_r](int d) {
    return rc::gen::mapcat(gen::dim(2, std::min(d, 4)), [d, general_r](int C) {
      return rc::gen::mapcat(gen::dim(1, 10), [d, C, general_r](int n) {
        return rc::gen::map(rc::gen::pair(r_choice(d, !general_r), points(n, d)),
                            [d, C](const std::pair<RSpec, MatQ>& p) { return cr_sample(d, C, 1L << C, p.first, p.second); });
      });
    });
  });
}

/// One input per pattern (n = 2^C, C <= min(d, 3), d <= 6), free coordinates random, r^4 = d + 1.
inline rc::Gen<Sample> dataset_one_per_pattern_gen() {
  return rc::gen::mapcat(gen::dim(2, 6), [](int d) {
    return rc::gen::mapcat(gen::dim(2, std::min(d, 3)), [d](int C) {
      const int n = 1 << C;
      return rc::gen::map(points(n, d), [d, C](MatQ X) {
        set_patterns(X, C);
        return cr_sample(d, C, 1L << C, r4_paper(d), X);
      });
    });
  });
}

/// k representatives in distinct blocks, each repeated 1..3 times: every block holds copies of one point (r^4 = d + 1).
inline rc::Gen<Sample> dataset_identical_within_block_gen() {
  return rc::gen::mapcat(gen::dim(2, 6), [](int d) {
    return rc::gen::mapcat(gen::dim(2, std::min(d, 3)), [d](int C) {
      return rc::gen::mapcat(gen::dim(1, 1 << C), [d, C](int k) {
        return rc::gen::map(rc::gen::tuple(distinct_points(k, C), points(k, d),
                                           rc::gen::container<std::vector<int>>(size_t(k), rc::gen::inRange(1, 4))),
                            [d, C, k](const std::tuple<MatQ, MatQ, std::vector<int>>& t) {
                              std::vector<VecQ> rows;
                              for (int i = 0; i < k; ++i) {
                                VecQ x = std::get<1>(t).row(i).transpose();
                                for (int q = 0; q < C; ++q) x(q) = std::get<0>(t)(i, q);
                                for (int c = 0; c < std::get<2>(t)[size_t(i)]; ++c) rows.push_back(x);
                              }
                              MatQ X(Index(rows.size()), d);
                              for (size_t i = 0; i < rows.size(); ++i) X.row(Index(i)) = rows[i].transpose();
                              return cr_sample(d, C, 1L << C, r4_paper(d), X);
                            });
      });
    });
  });
}

/// d = C <= 4 (a block is one point), 1-10 i.i.d. inputs, r^4 = d + 1.
inline rc::Gen<Sample> dataset_d_eq_c_gen() {
  return rc::gen::mapcat(gen::dim(2, 4), [](int d) {
    return rc::gen::mapcat(gen::dim(1, 10), [d](int n) {
      return rc::gen::map(points(n, d), [d](const MatQ& X) { return cr_sample(d, d, 1L << d, r4_paper(d), X); });
    });
  });
}

/// n = 50 i.i.d. inputs, (d, C) = (5, 3) or (15, 2), r^4 = d + 1 (the spec's sizes).
inline rc::Gen<Sample> dataset_spec_n50_gen() {
  return rc::gen::mapcat(rc::gen::inRange(0, 2), [](int i) {
    const int d = i == 0 ? 5 : 15, C = i == 0 ? 3 : 2;
    return rc::gen::map(points(50, d), [d, C](const MatQ& X) { return cr_sample(d, C, 1L << C, r4_paper(d), X); });
  });
}

/// Parameters of the tail bounds (72)-(75): ints "d", "C", "n", "mc_seed" (a Monte Carlo seed) and scalar "delta".
struct ChernoffSpec { int d, C, n; Rat delta; };
inline Sample chernoff_sample(const ChernoffSpec& p, long mc_seed) {
  Sample s;
  s.ints["d"] = p.d;
  s.ints["C"] = p.C;
  s.ints["n"] = p.n;
  s.scalars["delta"] = p.delta;
  s.ints["mc_seed"] = mc_seed;
  return s;
}
/// The spec's (d, C, n, delta) in {(5,3,50,1/10), (15,2,50,1/20), (10,3,200,1/10)}, with a Monte Carlo seed (not shrunk).
inline rc::Gen<Sample> chernoff_spec_gen() {
  static const ChernoffSpec kSpec[3] = {{5, 3, 50, Rat(1, 10)}, {15, 2, 50, Rat(1, 20)}, {10, 3, 200, Rat(1, 10)}};
  return rc::gen::map(rc::gen::pair(rc::gen::inRange(0, 3), rc::gen::noShrink(rc::gen::inRange<long>(1, 1000000000))),
                      [](const std::pair<int, long>& p) { return chernoff_sample(kSpec[p.first], p.second); });
}
/// d = C in 1..5, n in 1..200, delta in {1/10, 1/20, 1/2, 1/100, 1/1000, 1}; Monte Carlo seed 1.
inline rc::Gen<Sample> chernoff_params_gen() {
  const std::vector<Rat> deltas = {Rat(1, 10), Rat(1, 20), Rat(1, 2), Rat(1, 100), Rat(1, 1000), Rat(1)};
  return rc::gen::map(rc::gen::tuple(gen::dim(1, 5), gen::dim(1, 200), rc::gen::inRange(0, int(deltas.size()))),
                      [deltas](const std::tuple<int, int, int>& t) {
                        const int C = std::get<0>(t);
                        return chernoff_sample(ChernoffSpec{C, C, std::get<1>(t), deltas[size_t(std::get<2>(t))]}, 1);
                      });
}

// ---------------------------------------------------------------- THM-3.6: SAM coherence, idealised and real
/// c = rho/alpha of the SAM claims: 0, 1/100, 1/2, 1, 2, 10 (shrinks toward 0).
inline const std::vector<Rat>& sam_c_values() {
  static const std::vector<Rat> v = {Rat(0), Rat(1, 100), Rat(1, 2), Rat(1), Rat(2), Rat(10)};
  return v;
}
inline rc::Gen<Rat> sam_c_gen() {
  return rc::gen::map(rc::gen::inRange(0, int(sam_c_values().size())), [](int i) { return sam_c_values()[size_t(i)]; });
}

/// Idealised cluster of C.12: H_S = A A^T (mats "A": D x k integers, D <= 4; k = 1 is the paper's rank-one g g^T,
/// else k in {2, 3}), n <= 8 samples (ints "n"), m of them in the cluster (ints "m"), scalar "c".
inline rc::Gen<Sample> ideal_cluster_gen(bool rank_one) {
  return rc::gen::mapcat(gen::dim(1, 4), [rank_one](int D) {
    return rc::gen::mapcat(rank_one ? rc::gen::just(1) : gen::dim(2, 3), [D](int k) {
      return rc::gen::mapcat(gen::dim(1, 8), [D, k](int n) {
        return rc::gen::map(rc::gen::tuple(gen::int_matrix(D, k, 3), rc::gen::inRange(0, n + 1), sam_c_gen()),
                            [n](const std::tuple<MatQ, int, Rat>& t) {
                              Sample s;
                              s.mats["A"] = std::get<0>(t);
                              s.ints["n"] = n;
                              s.ints["m"] = std::get<1>(t);
                              s.scalars["c"] = std::get<2>(t);
                              return s;
                            });
      });
    });
  });
}

/// Parameters of the idealised expectations (77)-(78): ints "n" (in {1,2,3,4,5,6,8,10,15,20,30}: small n weighted,
/// Jensen gaps are widest there), "C" <= 4, scalar "c", and s = Tr H_S: a rational scalar "s" (ints "s_mode" 0) or
/// 2(d+1)^{1/2} with ints "d" <= 20 (s_mode 1).
inline rc::Gen<Sample> jensen_gen() {
  const std::vector<Rat> ss = {Rat(1), Rat(1, 10), Rat(10), Rat(100)};
  const std::vector<int> ns = {1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30};
  return rc::gen::map(rc::gen::tuple(rc::gen::inRange(0, int(ns.size())), gen::dim(1, 4), sam_c_gen(), rc::gen::inRange(0, int(ss.size()) + 1), gen::dim(1, 20)),
                      [ss, ns](const std::tuple<int, int, Rat, int, int>& t) {
                        Sample s;
                        s.ints["n"] = ns[size_t(std::get<0>(t))];
                        s.ints["C"] = std::get<1>(t);
                        s.scalars["c"] = std::get<2>(t);
                        int si = std::get<3>(t);
                        if (si < int(ss.size())) { s.ints["s_mode"] = 0; s.scalars["s"] = ss[size_t(si)]; }
                        else { s.ints["s_mode"] = 1; s.ints["d"] = std::get<4>(t); }
                        return s;
                      });
}

/// ints "n" <= 12 (small enough to enumerate {0,1}^n) and "C" <= 4.
inline rc::Gen<Sample> double_sum_gen() {
  return rc::gen::map(rc::gen::pair(gen::dim(1, 12), gen::dim(1, 4)), [](const std::pair<int, int>& p) {
    Sample s;
    s.ints["n"] = p.first;
    s.ints["C"] = p.second;
    return s;
  });
}

/// Datasets of the literal (C, r) network under SAM (width 2^C, scalar "c" from sam_c_gen):
enum class SamDataset {
  Random,         // 2 <= C <= min(d, 3), d <= 6, 1-8 i.i.d. inputs, r^4 = d + 1
  OnePerPattern,  // as Random with one input per pattern (n = 2^C)
  SameBlockPair,  // 3 <= d <= 6, C < d: two inputs of one block differing in the last coordinate
  DEqC,           // d = C <= 4: every block holds copies of one point
  RationalR       // d <= 3, 1-4 inputs, r in {1, 2, 1/2, 3/2} (explicit D x D matrices stay small)
};
inline rc::Gen<Sample> sam_dataset_gen(SamDataset kind) {
  using DS = SamDataset;
  const int dmin = kind == DS::SameBlockPair ? 3 : 2, dmax = kind == DS::RationalR ? 3 : kind == DS::DEqC ? 4 : 6;
  return rc::gen::mapcat(gen::dim(dmin, dmax), [kind](int d) {
    auto Cg = kind == DS::DEqC ? rc::gen::just(d) : kind == DS::SameBlockPair ? gen::dim(2, std::min(d - 1, 3)) : gen::dim(2, std::min(d, 3));
    return rc::gen::mapcat(Cg, [d, kind](int C) {
      auto rg = kind == DS::RationalR
                    ? rc::gen::map(rc::gen::inRange(0, 4), [](int i) { const Rat v[4] = {Rat(1), Rat(4), Rat(1, 4), Rat(9, 4)}; return RSpec{0, v[i]}; })
                    : rc::gen::just(r4_paper(d));
      int nmin = kind == DS::OnePerPattern ? (1 << C) : kind == DS::SameBlockPair ? 2 : 1;
      int nmax = kind == DS::OnePerPattern ? (1 << C) : kind == DS::SameBlockPair ? 2 : kind == DS::RationalR ? 4 : 8;
      return rc::gen::mapcat(gen::dim(nmin, nmax), [d, C, kind, rg](int n) {
        return rc::gen::map(rc::gen::tuple(rg, points(n, d), sam_c_gen()), [d, C, kind](const std::tuple<RSpec, MatQ, Rat>& t) {
          MatQ X = std::get<1>(t);
          if (kind == DS::OnePerPattern) set_patterns(X, C);
          if (kind == DS::SameBlockPair) {  // second point: same first C coordinates, last coordinate flipped
            X.row(1) = X.row(0);
            X(1, d - 1) = -X(1, d - 1);
          }
          Sample s = cr_sample(d, C, 1L << C, std::get<0>(t), X);
          s.scalars["c"] = std::get<2>(t);
          return s;
        });
      });
    });
  });
}

/// The construction with r^4 = d + 1 (width 2^C), scalar "c" and a dataset size ints "n" <= 60, without inputs
/// (expectations over i.i.d. inputs are exact sums over {-1,1}^d): 2 <= C <= d <= 5, or d = C <= 4 (d_eq_c).
inline rc::Gen<Sample> sam_expectation_gen(bool d_eq_c) {
  return rc::gen::mapcat(gen::dim(2, d_eq_c ? 4 : 5), [d_eq_c](int d) {
    auto Cg = d_eq_c ? rc::gen::just(d) : gen::dim(2, d);
    return rc::gen::mapcat(Cg, [d](int C) {
      return rc::gen::map(rc::gen::pair(gen::dim(1, 60), sam_c_gen()), [d, C](const std::pair<int, Rat>& p) {
        Sample s = cr_sample(d, C, 1L << C, r4_paper(d));
        s.scalars["c"] = p.second;
        s.ints["n"] = p.first;
        return s;
      });
    });
  });
}

/// The spec's sizes (d, C, n) in {(5, 3, 50), (10, 3, 200)}, r^4 = d + 1, scalar "c", and a Monte Carlo seed
/// (ints "mc_seed", not shrunk).
inline rc::Gen<Sample> sam_expectation_spec_gen() {
  return rc::gen::map(rc::gen::tuple(rc::gen::inRange(0, 2), sam_c_gen(), rc::gen::noShrink(rc::gen::inRange<long>(1, 1000000000))),
                      [](const std::tuple<int, Rat, long>& t) {
                        const int d = std::get<0>(t) == 0 ? 5 : 10, C = 3, n = std::get<0>(t) == 0 ? 50 : 200;
                        Sample s = cr_sample(d, C, 1L << C, r4_paper(d));
                        s.scalars["c"] = std::get<1>(t);
                        s.ints["n"] = n;
                        s.ints["mc_seed"] = std::get<2>(t);
                        return s;
                      });
}

}  // namespace stabcheck::relu
