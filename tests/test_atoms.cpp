// Containment of every atom of the bound language, in the style of FLINT/Arb's t-*.c tests: on random exact samples
// (equality cases, commuting, low-rank, prescribed spectra to cond 1e12, plain random), at a random decimal precision D
// and a random ball precision per iteration,
//   * the multiprecision value at D digits (times the bound's conditioning, fuzz::conditioning) lies within the stated
//     error scale 10^(-0.6 D) * scale of the value at 2D digits, and
//   * the rigorous enclosure contains the value at 2D digits, up to that value's own error scale 10^(-1.2 D) * scale.
// Atoms without a rigorous enclosure (fuzz::no_enclosure) are exempt from the second check only. Failures print the
// sample's replay token, the precisions and the exact inputs.
#include "core/precision.hpp"
#include "core/runner.hpp"
#include "fuzz/eval.hpp"
#include "fuzz/fuzz.hpp"
#include <gtest/gtest.h>
#include <random>

namespace stabcheck::fuzz {
namespace {

struct Atom {
  const char* name;
  const char* expr;
  const char* where;
};

const Atom kAtoms[] = {
    {"trace", "tr(A*B)", "A: sym, B: sym"},
    {"det", "det(A)", "A: general"},
    {"lmax", "lmax(A)", "A: sym"},
    {"lmin", "lmin(A)", "A: sym"},
    {"eig2", "eig(A, 2)", "A: sym"},
    {"lmax-nonsym", "lmax(A*B)", "A: psd, B: psd"},
    {"rho", "rho(A)", "A: general"},
    {"fro", "fro(A)", "A: general"},
    {"op", "op(A)", "A: general"},
    {"nuc", "nuc(A)", "A: general"},
    {"schatten3", "schatten(A, 3)", "A: general"},
    {"inv", "tr(inv(A)*B)", "A: pd, B: sym"},
    {"sqrtm", "tr(sqrtm(A)*B)", "A: psd, B: sym"},
    {"cube-root", "tr(A^(1/3)*B)", "A: psd, B: sym"},
    {"two-thirds", "tr(A^(2/3)*B)", "A: psd, B: sym"},
    {"three-halves", "tr(A^(3/2)*B)", "A: psd, B: sym"},
    {"inverse-sqrt", "tr(A^(-1/2)*B)", "A: pd, B: sym"},
    {"expm", "tr(expm(A)*B)", "A: sym, B: sym"},
    {"logm", "tr(logm(A)*B)", "A: pd, B: sym"},
    {"sqrtm-of-sum", "tr(sqrtm(A + C)*B)", "A: psd, C: psd, B: sym"},
    {"sqrtm-nested", "tr(sqrtm(sqrtm(A)))", "A: psd"},
    {"hadamard", "tr((A .* B)*C)", "A: sym, B: sym, C: sym"},
    {"sqrt", "sqrt(tr(A))", "A: psd"},
    {"abs", "abs(tr(A))", "A: sym"},
    {"exp", "exp(tr(A)/4)", "A: sym"},
    {"log", "log(tr(A))", "A: pd"},
    {"scalar-power", "tr(A)^(1/3)", "A: psd"},
    {"min-max", "min(lmax(A), tr(B)) + max(lmin(A), 0)", "A: sym, B: sym"},
    {"sigma", "sigma(H)", "n: int in [1, 3], H[1..n]: psd"},
    {"lmaxS", "lmaxS(H)", "n: int in [1, 3], H[1..n]: psd"},
};

class AtomContainment : public ::testing::TestWithParam<Atom> {};

Mpfr lhs_at(const Bound& b, const Sample& s, unsigned working_digits) {
  AtPrecision at({.digits = working_digits});
  return bound_sides<Mpfr>(b, s).lhs;
}

TEST_P(AtomContainment, MpfrWithinErrorScaleAndInsideEnclosure) {
  const Atom& a = GetParam();
  Spec spec;
  spec.name = a.name;
  spec.text = std::string(a.expr) + " == 0";
  spec.where = a.where;
  Options opt;
  opt.dlo = 1;
  opt.dhi = 4;
  opt.mode = SearchMode::Structured;  // the structured families and plain random (no local search)
  FuzzClaim fc = make_claim(spec, opt);
  const Bound& b = *fc.bound;
  const bool enclosed = no_enclosure(b).empty();
  std::mt19937_64 rng(std::hash<std::string>{}(a.name));
  int checked = 0;
  for (const auto& fam : fc.claim.families) {
    for (long i = 0; i < 12; ++i) {
      Origin o{fc.claim.id, "as-stated", fam.name, 7, i, {}};
      Sample s = regenerate(fc.claim, o);
      if (!in_domain(b, s)) continue;
      const unsigned D = 20 + unsigned(rng() % 61);        // decimal digits of the decision, 20..80
      const long bits = 64 + long(rng() % 537);            // ball precision of the enclosure, 64..600
      const unsigned m = conditioning(b, s);
      Mpfr v1, v2, sc;
      try {
        v1 = lhs_at(b, s, D * m);
        v2 = lhs_at(b, s, 2 * D * m);
        AtPrecision at({.digits = 2 * D * m});
        auto sd = bound_sides<Mpfr>(b, s);
        sc = sd.scale ? Mpfr(abs(*sd.scale)) : Mpfr(abs(sd.lhs));
      } catch (const DomainError&) {
        continue;
      }
      if (boost::multiprecision::isnan(v1) || boost::multiprecision::isnan(v2)) continue;
      if (sc == 0) sc = 1;
      const std::string where = o.token() + " D=" + std::to_string(D) + " m=" + std::to_string(m) + " bits=" + std::to_string(bits) +
                                "\n" + to_text(s);
      ++checked;
      // (1) the stated error scale of the decision
      Mpfr err = abs(Mpfr(v1 - v2)), tol = Mpfr(std::pow(10.0, -0.6 * D)) * sc;
      EXPECT_LE(err, tol) << a.expr << ": |value(D) - value(2D)| = " << mpfr_str(err, 5) << " > " << mpfr_str(tol, 5) << " at " << where;
      if (!enclosed) continue;
      // (2) containment: the enclosure at a random precision contains the value at 2D digits up to its own error
      const Ball e = [&] {
        AtPrecision at({.bits = bits});
        return bound_sides<Rat>(b, s).lhs;
      }();
      AtPrecision wide({.bits = 8 * long(D * m) + 256});  // the 2D value and its error scale as a ball, without further rounding
      Ball point{Rat(v2)};
      Ball err2{Rat(Mpfr(Mpfr(std::pow(10.0, -1.2 * D)) * sc))};
      arb_add_error(point.get(), err2.get());
      EXPECT_TRUE(e.is_finite()) << a.expr << ": enclosure " << e.str() << " not finite at " << where;
      EXPECT_TRUE(arb_overlaps(e.get(), point.get()))
          << a.expr << ": enclosure " << e.str() << " excludes the 2D value " << mpfr_str(v2, 40) << " +/- " << mpfr_str(Mpfr(err2.mid()), 3)
          << " at " << where;
    }
  }
  EXPECT_GE(checked, 12) << a.expr << ": too few samples in the domain";
}

INSTANTIATE_TEST_SUITE_P(Language, AtomContainment, ::testing::ValuesIn(kAtoms), [](const ::testing::TestParamInfo<Atom>& i) {
  std::string n = i.param.name;
  for (char& ch : n) if (ch == '-') ch = '_';
  return n;
});

// The enclosure of a matrix power at a singular PSD matrix is tight: the kernel contributes exactly 0, and a rational
// spectrum with rational roots gives an exact result (no rounding at all).
TEST(AtomEnclosure, PowersAtSingularMatricesAreTightOrExact) {
  Bound b = parse_bound("tr(A^(1/3)) == 0", "A: psd");
  Sample s;
  MatQ a = MatQ::Zero(3, 3);
  a(0, 0) = 8;  // spectrum {8, 0, 0}: A^(1/3) = diag(2, 0, 0) exactly
  s.mats["A"] = a;
  auto e = bound_sides<Rat>(b, s);
  EXPECT_TRUE(e.lhs.is_exact()) << e.lhs.str();
  EXPECT_EQ(e.lhs.mid_double(), 2.0);
  // spectrum {2, 0} rotated: A^(1/2) is irrational, the enclosure tight to the ball precision
  MatQ r(2, 2);
  r << 1, 1, 1, 1;  // eigenvalues 2 and 0
  s.mats["A"] = r;
  Bound half = parse_bound("tr(sqrtm(A)) == 0", "A: psd");
  auto h = bound_sides<Rat>(half, s);
  EXPECT_LT(h.lhs.rel_width(), 1e-60) << h.lhs.str();
  EXPECT_TRUE(arb_contains_si(h.lhs.get(), 0) == 0);
}

}  // namespace
}  // namespace stabcheck::fuzz
