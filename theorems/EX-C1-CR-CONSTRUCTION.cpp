// EX-C1-CR-CONSTRUCTION — §C.1: the (C, r)-generalizing solution of the 2-layer ReLU network.
//   (a) exactly one hidden unit is active for every x in {-1,1}^d;
//   (b) zero training loss on y = x1 x2;
//   (c) ||grad f(x)||^2 = Tr[grad f grad f^T] = r^2 + (d+1)/r^2  (and the alternative readings);
//   (d) r^2 + (d+1)/r^2 >= 2 (d+1)^{1/2}, with equality at r^4 = d + 1;
//   the printed example (d = 5, C = 3, r = 1, m = 10) against the construction.
// Checks are exhaustive over all 2^d inputs (families "small", "dXcY") or on one input ("single-x", for
// small counterexamples). r is rational (exact), or r^2 / r^4 rational (rigorous balls).
#include "generators/kit.hpp"
#include "core/relu.hpp"
#include "generators/relu_nets.hpp"

namespace stabcheck::claim_ex_c1_cr_construction {
namespace {

using namespace relu;


// ---------------------------------------------------------------- samples
Sample cr_sample(int d, int C, int extra, const RSpec& r) {
  Sample s;
  s.ints["d"] = d;
  s.ints["C"] = C;
  s.ints["m"] = (1L << C) + extra;
  put_r(s, r);
  return s;
}

/// Exhaustive family with fixed (d, C): width 2^C + {0,1,2}, r random (or r^4 = d + 1).
rc::Gen<Sample> fixed_gen(int d, int C, bool r4) {
  auto rg = r4 ? rc::gen::just(RSpec{1, Rat(d + 1)}) : r_gen(d);
  return rc::gen::map(rc::gen::pair(rc::gen::inRange(0, 3), rg),
                      [d, C](const std::pair<int, RSpec>& p) { return cr_sample(d, C, p.first, p.second); });
}

/// Exhaustive family with random 2 <= C <= d <= dmax.
rc::Gen<Sample> small_gen(int dmax, bool r4) {
  return rc::gen::mapcat(gen::dim(2, dmax), [r4](int d) {
    return rc::gen::mapcat(gen::dim(2, d), [d, r4](int C) { return fixed_gen(d, C, r4); });
  });
}

/// One input x (shrinks toward all +1), random (d, C, width, r).
rc::Gen<Sample> single_x_gen() {
  return rc::gen::mapcat(small_gen(6, false), [](const Sample& s) {
    int d = int(s.integer("d"));
    return rc::gen::map(points(1, d), [s](const MatQ& X) {
      Sample t = s;
      t.mats["x"] = X.transpose();
      return t;
    });
  });
}

Sample printed_sample() {
  PrintedExample p = printed_example();
  Sample s;
  s.ints["d"] = p.d;
  s.ints["C"] = p.C;
  s.ints["m"] = p.m;
  put_r(s, RSpec{0, Rat(1)});
  s.mats["W1_printed"] = p.W1;
  s.mats["W2_printed"] = p.W2;
  return s;
}

/// The inputs a sample is checked on: its "x", or all of {-1,1}^d.
template <class S> std::vector<Vec<S>> inputs(const Sample& s) {
  std::vector<Vec<S>> xs;
  if (s.mats.count("x")) {
    xs.push_back(from_q<S>(VecQ(s.mat("x").col(0))));
    return xs;
  }
  MatQ X = all_points(int(s.integer("d")));
  for (Index i = 0; i < X.rows(); ++i) xs.push_back(from_q<S>(VecQ(X.row(i).transpose())));
  return xs;
}

// ---------------------------------------------------------------- readings
enum class Formula { Printed, R2PlusDPlus1, R2PlusDOverR2 };
struct Reading {
  W2Sign sign = W2Sign::Pair;
  W2Mag mag = W2Mag::OverR;
  bool with_bias = true;  // gradient over (W2, W1, b) or only (W2, W1) (bias not trained)
  Formula formula = Formula::Printed;
};

template <class S> Net<S> net_for(const Sample& s, const S& r, const Reading& rd) {
  return cr_net<S>(int(s.integer("d")), int(s.integer("C")), int(s.integer("m")), r, rd.sign, rd.mag);
}

/// ||grad f(x)||^2 over the trained parameters (the model's closed form, equal to the squared norm of grad();
/// see tests/test_relu.cpp).
template <class S> S norm2_of(const Net<S>& net, const Vec<S>& x, bool with_bias) {
  return relu::grad_norm2(net, x, evaluate(net, x), with_bias);
}

template <class S> S formula_value(Formula f, const S& r, int d) {
  S r2 = r * r;
  switch (f) {
    case Formula::Printed: return r2 + S(d + 1) / r2;
    case Formula::R2PlusDPlus1: return r2 + S(d + 1);
    case Formula::R2PlusDOverR2: return r2 + S(d) / r2;
  }
  return S(0);
}

// (a) number of active units minus one, summed in absolute value over the inputs
auto one_active = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  return with_r<T>(get_r(s), [&](auto r) {
    using S = decltype(r);
    Net<S> net = net_for<S>(s, r, Reading{});
    long bad = 0, cnt = 0;
    for (const auto& x : inputs<S>(s)) {
      bad += std::labs(long(evaluate(net, x).active_count()) - 1);
      ++cnt;
    }
    using R = RealT<S>;
    return sides(R(bad), R(0), R(cnt));
  });
};

// (b) sum over inputs of (f(x) - x1 x2)^2
auto zero_loss(Reading rd) {
  return [rd](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    return with_r<T>(get_r(s), [&](auto r) {
      using S = decltype(r);
      Net<S> net = net_for<S>(s, r, rd);
      S loss = S(0), scale = S(0);
      for (const auto& x : inputs<S>(s)) {
        S f = output(net, x), y = label_x1x2(x);
        loss += (f - y) * (f - y);
        scale += f * f + y * y;
      }
      return sides(lift(loss), lift(S(0)), lift(scale));
    });
  };
}

// (c) sum over inputs of | ||grad f||^2 - formula |
auto trace_formula(Reading rd) {
  return [rd](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    return with_r<T>(get_r(s), [&](auto r) {
      using S = decltype(r);
      Net<S> net = net_for<S>(s, r, rd);
      const S F = formula_value<S>(rd.formula, r, int(s.integer("d")));
      S dev = S(0), scale = S(0);
      for (const auto& x : inputs<S>(s)) {
        S g2 = norm2_of(net, x, rd.with_bias);
        dev += abs(S(g2 - F));
        scale += g2 + F;
      }
      return sides(lift(dev), lift(S(0)), lift(scale));
    });
  };
}

// (d) min over inputs of ||grad f||^2 versus 2 (d+1)^{1/2}
auto min_value = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  return with_r<T>(get_r(s), [&](auto r) {
    using S = decltype(r);
    using R = RealT<S>;
    Net<S> net = net_for<S>(s, r, Reading{});
    bool first = true;
    S mn = S(0);
    for (const auto& x : inputs<S>(s)) {
      S g2 = norm2_of(net, x, true);
      mn = first ? g2 : min_of(mn, g2);
      first = false;
    }
    R two_sqrt = R(2) * sqrt(R(lift(S(int(s.integer("d")) + 1))));
    return sides(lift(mn), two_sqrt);
  });
};

// printed example vs construction: number of mismatching entries of W1 and W2 (b is unreadable)
auto printed_mismatch(W2Sign sign) {
  return [sign](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    Net<Rat> c = cr_net<Rat>(int(s.integer("d")), int(s.integer("C")), int(s.integer("m")), Rat(1), sign, W2Mag::OverR);
    const MatQ& W1 = s.mat("W1_printed");
    const MatQ& W2 = s.mat("W2_printed");
    long mis = 0;
    for (Index i = 0; i < W1.rows(); ++i) {
      for (Index j = 0; j < W1.cols(); ++j) mis += W1(i, j) != c.W1(i, j);
      mis += W2(i, 0) != c.W2(i);
    }
    return sides(real_of<T>(Rat(mis)), real_of<T>(Rat(0)), real_of<T>(Rat(W1.size() + W2.size())));
  };
}

// the printed example used as a network (b = -r(C-1) on rows 1..8 as the formula gives): one active unit?
auto printed_as_network = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  const MatQ& W1 = s.mat("W1_printed");
  Net<Rat> q{W1, VecQ::Zero(W1.rows()), VecQ(s.mat("W2_printed").col(0))};
  const int C = int(s.integer("C"));
  for (long j = 0; j < (1L << C); ++j) q.b(j) = -(C - 1);
  Net<T> net = net_from_q<T>(q);
  long bad = 0, cnt = 0;
  for (const auto& x : inputs<T>(s)) {
    bad += std::labs(long(evaluate(net, x).active_count()) - 1);
    ++cnt;
  }
  return sides(real_of<T>(Rat(bad)), real_of<T>(Rat(0)), real_of<T>(Rat(cnt)));
};

Claim make() {
  Claim c;
  c.id = "EX-C1-CR-CONSTRUCTION";
  c.source = "§C.1 (construction, printed example, trace formula)";
  c.statement =
      "(C,r)-generalizing solution: W1[j] = r[(-1)^{a_1..a_C}, 0..0], b[j] = -r(C-1), W2[j] = (1/r)(-1)^{a1+a2}, rows j > 2^C zero. "
      "Exactly one activation per x in {-1,1}^d; zero loss on y = x1x2; ||grad f(x)||^2 = r^2 + d/r^2 + 1/r^2 = r^2 + (d+1)/r^2; "
      "minimised (= 2(d+1)^{1/2}) at r^4 = d+1";
  c.families.push_back(fam("single-x", "one x in {-1,1}^d, 2 <= C <= d <= 6, width 2^C + {0,1,2}, random r", single_x_gen()));
  c.families.push_back(fam("small", "all 2^d inputs, 2 <= C <= d <= 6, width 2^C + {0,1,2}, random r", small_gen(6, false)));
  const int spec[4][2] = {{5, 3}, {6, 2}, {7, 4}, {8, 8}};
  for (const auto& dc : spec)
    c.families.push_back(fam("d" + std::to_string(dc[0]) + "C" + std::to_string(dc[1]),
                          "all 2^d inputs, (d, C) = (" + std::to_string(dc[0]) + ", " + std::to_string(dc[1]) + "), width 2^C + {0,1,2}, random r",
                          fixed_gen(dc[0], dc[1], false)));
  c.families.push_back(fam("r4.small", "all 2^d inputs, 2 <= C <= d <= 8, r^4 = d + 1", small_gen(8, true)));
  for (const auto& dc : spec)
    c.families.push_back(fam("r4.d" + std::to_string(dc[0]) + "C" + std::to_string(dc[1]),
                          "all 2^d inputs, (d, C) = (" + std::to_string(dc[0]) + ", " + std::to_string(dc[1]) + "), r^4 = d + 1",
                          fixed_gen(dc[0], dc[1], true)));
  c.families.push_back(fam("printed", "the printed example of §C.1 as OCR'd (d = 5, C = 3, r = 1, m = 10)", rc::gen::just(printed_sample())));

  const std::vector<std::string> main_fams = {"single-x", "small", "d5C3", "d6C2", "d7C4", "d8C8"};

  c.add_variant("one-active-unit", "for every x in {-1,1}^d: #{j : W1[j].x + b[j] > 0} = 1  (lhs = sum_x |#active - 1|, rhs = 0)", Rel::Eq,
      one_active, Verdict::Holds, "claim (a); rows j > 2^C have pre-activation exactly 0 (a kink with W2 = 0, reported, not counted active)",
      main_fams);
  Reading pair, parity, unit;
  parity.sign = W2Sign::Parity;
  unit.mag = W2Mag::One;
  c.add_variant("zero-loss", "sum_x (f(x) - x1 x2)^2 = 0, W2[j] = (1/r)(-1)^{a1+a2}", Rel::Eq, zero_loss(pair), Verdict::Holds,
      "claim (b), chosen reading of W2", main_fams);
  c.add_variant("zero-loss.w2-parity", "sum_x (f(x) - x1 x2)^2 = 0, W2[j] = (1/r)(-1)^{a1+...+aC}", Rel::Eq, zero_loss(parity), Verdict::Refuted,
      "claim (b) under the other OCR reading of the W2 sign (parity of all C bits): fits x1...xC, not x1x2", main_fams);
  c.add_variant("zero-loss.w2-unit", "sum_x (f(x) - x1 x2)^2 = 0, W2[j] = (-1)^{a1+a2} (|W2| = 1)", Rel::Eq, zero_loss(unit), Verdict::Refuted,
      "claim (b) under the reading |W2| = 1: f = r x1x2, zero loss only at r = 1", main_fams);

  Reading tr = pair;
  c.add_variant("trace", "for every x: ||grad f(x)||^2 = r^2 + (d+1)/r^2  (parameters (W2, W1, b), W2 = (1/r)(-1)^{a1+a2})", Rel::Eq,
      trace_formula(tr), Verdict::Holds, "claim (c) as printed", main_fams);
  Reading trp = parity;
  c.add_variant("trace.w2-parity", "for every x: ||grad f(x)||^2 = r^2 + (d+1)/r^2, W2 sign = parity of all C bits", Rel::Eq, trace_formula(trp),
      Verdict::Holds, "claim (c) under the other W2 sign reading (the sign does not enter the norm)", main_fams);
  Reading tru = unit;
  c.add_variant("trace.w2-unit", "for every x: ||grad f(x)||^2 = r^2 + (d+1)/r^2 with |W2| = 1", Rel::Eq, trace_formula(tru), Verdict::Refuted,
      "claim (c) with the reading |W2| = 1 of the construction", main_fams);
  Reading a1 = pair;
  a1.formula = Formula::R2PlusDPlus1;
  c.add_variant("trace.r2-plus-d-plus-1", "for every x: ||grad f(x)||^2 = r^2 + d + 1  (W2 = 1/r (-1)^{a1+a2})", Rel::Eq, trace_formula(a1),
      Verdict::Refuted, "alternative reading of the OCR'd formula", main_fams);
  Reading a1u = unit;
  a1u.formula = Formula::R2PlusDPlus1;
  c.add_variant("trace.r2-plus-d-plus-1.w2-unit", "for every x: ||grad f(x)||^2 = r^2 + d + 1 with |W2| = 1", Rel::Eq, trace_formula(a1u),
      Verdict::Holds, "the reading r^2 + d + 1 is the norm of the |W2| = 1 construction (which fits only at r = 1)", main_fams);
  Reading a2 = pair;
  a2.formula = Formula::R2PlusDOverR2;
  c.add_variant("trace.r2-plus-d-over-r2", "for every x: ||grad f(x)||^2 = r^2 + d/r^2, parameters (W2, W1, b)", Rel::Eq, trace_formula(a2),
      Verdict::Refuted, "alternative reading: the bias term 1/r^2 dropped while b is trained", main_fams);
  Reading a2b = a2;
  a2b.with_bias = false;
  c.add_variant("trace.r2-plus-d-over-r2.bias-untrained", "for every x: ||grad_(W2,W1) f(x)||^2 = r^2 + d/r^2 (b not trained)", Rel::Eq,
      trace_formula(a2b), Verdict::Holds, "alternative reading r^2 + d/r^2 with its own premise (bias not a parameter)", main_fams);

  std::vector<std::string> all_fams = main_fams;
  for (const auto& f : c.families)
    if (f.name.rfind("r4.", 0) == 0) all_fams.push_back(f.name);
  c.add_variant("min-value", "min_x ||grad f(x)||^2 >= 2 (d+1)^{1/2}  for every r > 0", Rel::Ge, min_value, Verdict::Holds,
      "claim (d): 2(d+1)^{1/2} is the minimum over r of r^2 + (d+1)/r^2 (tight at r^4 = d+1)", all_fams);
  std::vector<std::string> r4_fams;
  for (const auto& f : c.families)
    if (f.name.rfind("r4.", 0) == 0) r4_fams.push_back(f.name);
  c.add_variant("min-value.at-r4", "r^4 = d + 1  =>  ||grad f(x)||^2 = 2 (d+1)^{1/2} for every x", Rel::Eq, trace_formula(Reading{}), Verdict::Holds,
      "claim (d), the value used in C.11/C.12 (lhs = sum_x | ||grad f||^2 - (r^2 + (d+1)/r^2) |, and r^2 + (d+1)/r^2 = 2(d+1)^{1/2} at r^4 = d+1)",
      r4_fams);
  // the last variant compares with r^2 + (d+1)/r^2; make it compare with 2 sqrt(d+1) directly:
  c.variants.back().eval = make_evaluator([](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    return with_r<T>(get_r(s), [&](auto r) {
      using S = decltype(r);
      using R = RealT<S>;
      Net<S> net = net_for<S>(s, r, Reading{});
      R target = R(2) * sqrt(R(lift(S(int(s.integer("d")) + 1))));
      R dev = R(0), scale = R(0);
      for (const auto& x : inputs<S>(s)) {
        R g2 = lift(norm2_of(net, x, true));
        dev += abs(R(g2 - target));
        scale += g2 + target;
      }
      return sides(dev, R(0), scale);
    });
  });
  c.variants.back().statement = "r^4 = d + 1  =>  for every x: ||grad f(x)||^2 = 2 (d+1)^{1/2}  (lhs = sum_x | ||grad f||^2 - 2(d+1)^{1/2} |)";
  c.variants.back().note = "claim (d): the value 2(d+1)^{1/2} used in C.11/C.12";

  c.add_variant("printed-example", "printed W1, W2 of §C.1 (OCR) = construction (d=5, C=3, r=1, m=10, W2 sign (-1)^{a1+a2}) entry by entry (lhs = #mismatches)",
      Rel::Eq, printed_mismatch(W2Sign::Pair), Verdict::Refuted,
      "b is unreadable in the OCR and not compared; the mismatches are listed by the unit test ReluConstruction.PrintedExample", {"printed"});
  c.add_variant("printed-example.w2-parity", "printed W1, W2 of §C.1 (OCR) = construction with W2 sign (-1)^{a1+...+aC} (lhs = #mismatches)", Rel::Eq,
      printed_mismatch(W2Sign::Parity), Verdict::Refuted, "the other W2 sign reading", {"printed"});
  c.add_variant("printed-example.as-network", "the printed W1, W2 (b = -2 on rows 1..8) used as a network: exactly one active unit for every x",
      Rel::Eq, printed_as_network, Verdict::Refuted,
      "is the OCR'd example itself a working (C,r) net? (row 6 duplicates row 5: pattern (-1,1,-1) has no unit, (1,1,-1) two)", {"printed"});
  // certified counterexamples found by the suite (stabcheck run, seed 1): replayed by ctest
  c.set_witnesses({
      {"zero-loss.w2-parity", "EX-C1-CR-CONSTRUCTION/zero-loss.w2-parity/single-x/1/0/4.0"},
      {"zero-loss.w2-unit", "EX-C1-CR-CONSTRUCTION/zero-loss.w2-unit/single-x/1/0/0.0.1.1.1"},
      {"trace.w2-unit", "EX-C1-CR-CONSTRUCTION/trace.w2-unit/single-x/1/0/0.0.1.1.1"},
      {"trace.r2-plus-d-plus-1", "EX-C1-CR-CONSTRUCTION/trace.r2-plus-d-plus-1/single-x/1/0/0.0.1.1.1"},
      {"trace.r2-plus-d-over-r2", "EX-C1-CR-CONSTRUCTION/trace.r2-plus-d-over-r2/single-x/1/0/0.0.0"},
      {"printed-example", "EX-C1-CR-CONSTRUCTION/printed-example/printed/1/0"},
      {"printed-example.w2-parity", "EX-C1-CR-CONSTRUCTION/printed-example.w2-parity/printed/1/0"},
      {"printed-example.as-network", "EX-C1-CR-CONSTRUCTION/printed-example.as-network/printed/1/0"},
  });
  return c;
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_ex_c1_cr_construction
