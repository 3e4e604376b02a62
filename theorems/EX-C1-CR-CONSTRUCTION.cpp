// EX-C1-CR-CONSTRUCTION — §C.1: the (C, r)-generalizing solution of the 2-layer ReLU network.
//   (a) exactly one hidden unit is active for every x in {-1,1}^d;
//   (b) zero training loss on y = x1 x2;
//   (c) ||grad f(x)||^2 = Tr[grad f grad f^T] = r^2 + (d+1)/r^2  (and the alternative readings);
//   (d) r^2 + (d+1)/r^2 >= 2 (d+1)^{1/2}, with equality at r^4 = d + 1;
//   the printed example (d = 5, C = 3, r = 1, m = 10) against the construction.
// Checks are exhaustive over all 2^d inputs (families "small", "dXcY") or on one input ("single-x", for
// small counterexamples). r is rational (exact), or r^2 / r^4 rational (rigorous balls).
#include "generators/kit.hpp"
#include "models/relu.hpp"
#include "generators/relu_datasets.hpp"
#include "generators/relu_nets.hpp"

namespace stabcheck::claim_ex_c1_cr_construction {
namespace {

using namespace relu;

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
/// The readings of the construction and of the trace formula (the OCR ambiguities of §C.1).
struct NetReading {
  W2Sign sign = W2Sign::Pair;
  W2Mag mag = W2Mag::OverR;
  bool with_bias = true;  // gradient over (W2, W1, b) or only (W2, W1) (bias not trained)
  Formula formula = Formula::Printed;
};

template <class S> Net<S> net_for(const Sample& s, const S& r, const NetReading& rd) {
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

/// f(net, r): the construction of the sample under reading rd, in the scalar of tier T with r exact when rational
/// and a rigorous ball otherwise (with_r).
template <class T, class F> auto on_net(const Sample& s, const NetReading& rd, F&& f) {
  return with_r<T>(get_r(s), [&](auto r) { return f(net_for<decltype(r)>(s, r, rd), r); });
}

// (a) number of active units minus one, summed in absolute value over the inputs
auto one_active = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  return on_net<T>(s, NetReading{}, [&](const auto& net, auto r) {
    using S = decltype(r);
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
auto zero_loss(NetReading rd) {
  return [rd](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    return on_net<T>(s, rd, [&](const auto& net, auto r) {
      using S = decltype(r);
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
auto trace_formula(NetReading rd) {
  return [rd](auto tier, const Sample& s) {
    using T = typename decltype(tier)::type;
    return on_net<T>(s, rd, [&](const auto& net, auto r) {
      using S = decltype(r);
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

/// 2 (d+1)^{1/2}, the minimum over r of r^2 + (d+1)/r^2, in the Real type of the scalar S.
template <class S> RealT<S> two_sqrt_d_plus_1(const Sample& s) {
  using R = RealT<S>;
  return R(2) * sqrt(R(lift(S(int(s.integer("d")) + 1))));
}

// (d) min over inputs of ||grad f||^2 versus 2 (d+1)^{1/2}
auto min_value = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  return on_net<T>(s, NetReading{}, [&](const auto& net, auto r) {
    using S = decltype(r);
    bool first = true;
    S mn = S(0);
    for (const auto& x : inputs<S>(s)) {
      S g2 = norm2_of(net, x, true);
      mn = first ? g2 : min_of(mn, g2);
      first = false;
    }
    return sides(lift(mn), two_sqrt_d_plus_1<S>(s));
  });
};

// (d) at r^4 = d + 1: sum over inputs of | ||grad f||^2 - 2 (d+1)^{1/2} |
auto value_at_r4 = [](auto tier, const Sample& s) {
  using T = typename decltype(tier)::type;
  return on_net<T>(s, NetReading{}, [&](const auto& net, auto r) {
    using S = decltype(r);
    using R = RealT<S>;
    const R target = two_sqrt_d_plus_1<S>(s);
    Deviation<R> dev;
    for (const auto& x : inputs<S>(s)) dev.add(lift(norm2_of(net, x, true)), target);
    return dev.sides();
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

/// The exhaustive family of fixed (d, C): "dXCY" with width 2^C + {0,1,2} and random r, or "r4.dXCY" with r^4 = d + 1.
Family fixed_family(int d, int C, bool r4) {
  const std::string dc = "d" + std::to_string(d) + "C" + std::to_string(C);
  const std::string where = "all 2^d inputs, (d, C) = (" + std::to_string(d) + ", " + std::to_string(C) + "), ";
  if (r4) return Family{.name = "r4." + dc, .description = where + "r^4 = d + 1", .gen = cr_fixed_gen(d, C, true)};
  return Family{.name = dc, .description = where + "width 2^C + {0,1,2}, random r", .gen = cr_fixed_gen(d, C, false)};
}

const std::vector<std::string> kMain = {"single-x", "small", "d5C3", "d6C2", "d7C4", "d8C8"};
const std::vector<std::string> kR4 = {"r4.small", "r4.d5C3", "r4.d6C2", "r4.d7C4", "r4.d8C8"};
const std::vector<std::string> kMainAndR4 = {"single-x", "small", "d5C3", "d6C2", "d7C4", "d8C8",
                                             "r4.small", "r4.d5C3", "r4.d6C2", "r4.d7C4", "r4.d8C8"};
const NetReading kPair{}, kParity{.sign = W2Sign::Parity}, kUnit{.mag = W2Mag::One};

Claim make() {
  return Claim{
      .id = "EX-C1-CR-CONSTRUCTION", .source = "§C.1 (construction, printed example, trace formula)",
      .statement =
          "(C,r)-generalizing solution: W1[j] = r[(-1)^{a_1..a_C}, 0..0], b[j] = -r(C-1), W2[j] = (1/r)(-1)^{a1+a2}, rows j > 2^C zero. "
          "Exactly one activation per x in {-1,1}^d; zero loss on y = x1x2; ||grad f(x)||^2 = r^2 + d/r^2 + 1/r^2 = r^2 + (d+1)/r^2; "
          "minimised (= 2(d+1)^{1/2}) at r^4 = d+1",
      .readings = {
          {.name = "zero-rows.j>2^C", .text = "'For k > C' read as: rows j > 2^C of W1, b, W2 are zero (as in the printed example)", .chosen = true},
          {.name = "zero-rows.k>C", .text = "'For k > C' literally: rows k > C are zero (contradicts the printed example)"},
          {.name = "W2-sign.pair", .text = "W2 sign (-1)^{a1+a2} (target y = x1 x2)", .chosen = true},
          {.name = "W2-sign.parity", .text = "W2 sign (-1)^{a1+...+aC} (parity of all C bits)"},
          {.name = "W2-magnitude.1/r", .text = "|W2[j]| = 1/r", .chosen = true},
          {.name = "W2-magnitude.1", .text = "|W2[j]| = 1"},
          {.name = "trace.r2+(d+1)/r2", .text = "OCR 'r^2 + Sd + & = r^2 + 5(d+1)' read as r^2 + d/r^2 + 1/r^2 = r^2 + (d+1)/r^2", .chosen = true},
          {.name = "trace.r2+d+1", .text = "r^2 + d + 1"},
          {.name = "trace.r2+d/r2", .text = "r^2 + d/r^2 (bias not trained)"},
      },
      .families = {
          {.name = "single-x", .description = "one x in {-1,1}^d, 2 <= C <= d <= 6, width 2^C + {0,1,2}, random r", .gen = cr_single_x_gen()},
          {.name = "small", .description = "all 2^d inputs, 2 <= C <= d <= 6, width 2^C + {0,1,2}, random r", .gen = cr_small_gen(6, false)},
          fixed_family(5, 3, false),
          fixed_family(6, 2, false),
          fixed_family(7, 4, false),
          fixed_family(8, 8, false),
          {.name = "r4.small", .description = "all 2^d inputs, 2 <= C <= d <= 8, r^4 = d + 1", .gen = cr_small_gen(8, true)},
          fixed_family(5, 3, true),
          fixed_family(6, 2, true),
          fixed_family(7, 4, true),
          fixed_family(8, 8, true),
          {.name = "printed", .description = "the printed example of §C.1 as OCR'd (d = 5, C = 3, r = 1, m = 10)", .gen = rc::gen::just(printed_sample())},
      },
      .variants = {
          {.slug = "one-active-unit", .statement = "for every x in {-1,1}^d: #{j : W1[j].x + b[j] > 0} = 1  (lhs = sum_x |#active - 1|, rhs = 0)",
           .rel = Rel::Eq, .eval = make_evaluator(one_active),
           .note = "claim (a); rows j > 2^C have pre-activation exactly 0 (a kink with W2 = 0, reported, not counted active)", .families = kMain,
           .checks = {"C.1-p5"}},
          {.slug = "zero-loss", .statement = "sum_x (f(x) - x1 x2)^2 = 0, W2[j] = (1/r)(-1)^{a1+a2}", .rel = Rel::Eq, .eval = make_evaluator(zero_loss(kPair)),
           .note = "claim (b), chosen reading of W2", .families = kMain, .checks = {"C.1-p3"}},
          {.slug = "zero-loss.w2-parity", .statement = "sum_x (f(x) - x1 x2)^2 = 0, W2[j] = (1/r)(-1)^{a1+...+aC}", .rel = Rel::Eq,
           .eval = make_evaluator(zero_loss(kParity)),
           .note = "claim (b) under the other OCR reading of the W2 sign (parity of all C bits): fits x1...xC, not x1x2", .families = kMain,
           .checks = {"C.1-p3"}},
          {.slug = "zero-loss.w2-unit", .statement = "sum_x (f(x) - x1 x2)^2 = 0, W2[j] = (-1)^{a1+a2} (|W2| = 1)", .rel = Rel::Eq,
           .eval = make_evaluator(zero_loss(kUnit)), .note = "claim (b) under the reading |W2| = 1: f = r x1x2, zero loss only at r = 1", .families = kMain,
           .checks = {"C.1-p3"}},
          {.slug = "trace", .statement = "for every x: ||grad f(x)||^2 = r^2 + (d+1)/r^2  (parameters (W2, W1, b), W2 = (1/r)(-1)^{a1+a2})", .rel = Rel::Eq,
           .eval = make_evaluator(trace_formula(kPair)), .note = "claim (c) as printed", .families = kMain,
           .checks = {"C.1-p6", "C.1-p7"}},
          {.slug = "trace.w2-parity", .statement = "for every x: ||grad f(x)||^2 = r^2 + (d+1)/r^2, W2 sign = parity of all C bits", .rel = Rel::Eq,
           .eval = make_evaluator(trace_formula(kParity)), .note = "claim (c) under the other W2 sign reading (the sign does not enter the norm)",
           .families = kMain},
          {.slug = "trace.w2-unit", .statement = "for every x: ||grad f(x)||^2 = r^2 + (d+1)/r^2 with |W2| = 1", .rel = Rel::Eq,
           .eval = make_evaluator(trace_formula(kUnit)), .note = "claim (c) with the reading |W2| = 1 of the construction", .families = kMain},
          {.slug = "trace.r2-plus-d-plus-1", .statement = "for every x: ||grad f(x)||^2 = r^2 + d + 1  (W2 = 1/r (-1)^{a1+a2})", .rel = Rel::Eq,
           .eval = make_evaluator(trace_formula(NetReading{.formula = Formula::R2PlusDPlus1})), .note = "alternative reading of the OCR'd formula",
           .families = kMain, .checks = {"C.1-p6"}},
          {.slug = "trace.r2-plus-d-plus-1.w2-unit", .statement = "for every x: ||grad f(x)||^2 = r^2 + d + 1 with |W2| = 1", .rel = Rel::Eq,
           .eval = make_evaluator(trace_formula(NetReading{.mag = W2Mag::One, .formula = Formula::R2PlusDPlus1})),
           .note = "the reading r^2 + d + 1 is the norm of the |W2| = 1 construction (which fits only at r = 1)", .families = kMain},
          {.slug = "trace.r2-plus-d-over-r2", .statement = "for every x: ||grad f(x)||^2 = r^2 + d/r^2, parameters (W2, W1, b)", .rel = Rel::Eq,
           .eval = make_evaluator(trace_formula(NetReading{.formula = Formula::R2PlusDOverR2})),
           .note = "alternative reading: the bias term 1/r^2 dropped while b is trained", .families = kMain, .checks = {"C.1-p6"}},
          {.slug = "trace.r2-plus-d-over-r2.bias-untrained", .statement = "for every x: ||grad_(W2,W1) f(x)||^2 = r^2 + d/r^2 (b not trained)",
           .rel = Rel::Eq, .eval = make_evaluator(trace_formula(NetReading{.with_bias = false, .formula = Formula::R2PlusDOverR2})),
           .note = "alternative reading r^2 + d/r^2 with its own premise (bias not a parameter)", .families = kMain,
           .checks = {"C.1-p6"}},
          {.slug = "min-value", .statement = "min_x ||grad f(x)||^2 >= 2 (d+1)^{1/2}  for every r > 0", .rel = Rel::Ge, .eval = make_evaluator(min_value),
           .note = "claim (d): 2(d+1)^{1/2} is the minimum over r of r^2 + (d+1)/r^2 (tight at r^4 = d+1)", .families = kMainAndR4},
          {.slug = "min-value.at-r4",
           .statement = "r^4 = d + 1  =>  for every x: ||grad f(x)||^2 = 2 (d+1)^{1/2}  (lhs = sum_x | ||grad f||^2 - 2(d+1)^{1/2} |)", .rel = Rel::Eq,
           .eval = make_evaluator(value_at_r4), .note = "claim (d): the value 2(d+1)^{1/2} used in C.11/C.12", .families = kR4},
          {.slug = "printed-example",
           .statement = "printed W1, W2 of §C.1 (OCR) = construction (d=5, C=3, r=1, m=10, W2 sign (-1)^{a1+a2}) entry by entry (lhs = #mismatches)",
           .rel = Rel::Eq, .eval = make_evaluator(printed_mismatch(W2Sign::Pair)),
           .note = "b is unreadable in the OCR and not compared; the mismatches are listed by the unit test ReluConstruction.PrintedExample",
           .families = {"printed"}, .checks = {"(6)", "(7)"}},
          {.slug = "printed-example.w2-parity", .statement = "printed W1, W2 of §C.1 (OCR) = construction with W2 sign (-1)^{a1+...+aC} (lhs = #mismatches)",
           .rel = Rel::Eq, .eval = make_evaluator(printed_mismatch(W2Sign::Parity)), .note = "the other W2 sign reading", .families = {"printed"},
           .checks = {"(6)", "(7)"}},
          {.slug = "printed-example.as-network",
           .statement = "the printed W1, W2 (b = -2 on rows 1..8) used as a network: exactly one active unit for every x", .rel = Rel::Eq,
           .eval = make_evaluator(printed_as_network),
           .note = "is the OCR'd example itself a working (C,r) net? (row 6 duplicates row 5: pattern (-1,1,-1) has no unit, (1,1,-1) two)",
           .families = {"printed"}},
      },
  };
}

STABCHECK_CLAIM(make);

}  // namespace
}  // namespace stabcheck::claim_ex_c1_cr_construction
