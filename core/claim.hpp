// Claim registry. A claim is defined once (ID, source, statement, families, variants with their
// relation and expected verdict, and one generic `sides` function written for all tiers); the same
// definition feeds ctest, the command line and the reports. Claims know nothing of output formats.
#pragma once
#include "core/sample.hpp"
#include "core/tier.hpp"
#include <functional>
#include <optional>
#include <rapidcheck.h>
#include <map>
#include <string>
#include <vector>

namespace stabcheck {

enum class Rel { Le, Ge, Eq };  // lhs REL rhs
std::string rel_str(Rel r);

/// Strongest first: proved (an exact certificate, re-checkable) > holds (no violation found) ; refuted (a certified
/// counterexample); inconclusive (with the reason); not-checkable.
enum class Verdict { Holds, Refuted, Inconclusive, NotCheckable, Proved };
std::string verdict_str(Verdict v);
Verdict parse_verdict(const std::string& s);

/// Both sides of one instance of a bound, plus the magnitude that rounding errors scale with
/// (defaults to max(|lhs|, |rhs|)). The exact tier may add `cmp`, the exact sign of rhs - lhs (-1, 0, 1), when it
/// knows it although the enclosures cannot show it (equal irrational-free sides, an exactly singular PSD matrix).
template <class R> struct Sides {
  R lhs, rhs;
  std::optional<R> scale;
  std::optional<int> cmp;
};
template <class R> Sides<R> sides(R lhs, R rhs) { return Sides<R>{std::move(lhs), std::move(rhs), std::nullopt}; }
template <class R> Sides<R> sides(R lhs, R rhs, R scale) { return Sides<R>{std::move(lhs), std::move(rhs), std::move(scale)}; }
/// An identity a_i = b_i of non-negative quantities at many points, as one comparison: sum_i |a_i - b_i| against 0,
/// with the error scale `scale` + sum_i (a_i + b_i).
template <class R> struct Deviation {
  R dev = R(0), scale = R(0);
  void add(const R& a, const R& b) {
    using std::abs;
    dev += abs(R(a - b));
    scale += a + b;
  }
  Sides<R> sides() const { return stabcheck::sides(dev, R(0), scale); }
};

/// One generic claim body instantiated for the three tiers.
struct Evaluator {
  std::function<Sides<double>(const Sample&)> screen;
  std::function<Sides<Mpfr>(const Sample&)> decide;   // at the current Mpfr precision
  std::function<Sides<Ball>(const Sample&)> certify;  // rigorous enclosures at the current ball precision
  /// Digit multiplier of the decision for a sample (empty: 1). An atom that turns an input error e into e^(1/m) — a
  /// square root at a zero eigenvalue (m = 2), a cube root (3), eigenvalues of a non-normal d x d matrix (d) — is
  /// evaluated at m D digits when the decision asks for D, so that its value is good to about D digits.
  std::function<unsigned(const Sample&)> conditioning;
  /// Non-empty when some atom of the bound has no rigorous enclosure (e.g. a Monte Carlo estimate): a violation
  /// the enclosures cannot show is then an *uncertified* refutation, reported as such and never as established.
  std::string no_enclosure;
};
/// f must be callable as f(Tier<T>{}, sample) for T in {double, Mpfr, Rat}. `no_enclosure`: why some atom has no
/// rigorous enclosure (Evaluator::no_enclosure; its exact tier then returns sides that contain everything).
template <class F> Evaluator make_evaluator(F f, std::string no_enclosure = "") {
  return Evaluator{.screen = [f](const Sample& s) { return f(Tier<double>{}, s); },
                   .decide = [f](const Sample& s) { return f(Tier<Mpfr>{}, s); },
                   .certify = [f](const Sample& s) { return f(Tier<Rat>{}, s); },
                   .no_enclosure = std::move(no_enclosure)};
}

/// A Monte Carlo estimate of the left side on one sample: the point estimate, its confidence interval [lo, hi] at the
/// level the variant's method states, and the bound (right side) it is compared with.
struct Estimate {
  double point = 0, lo = 0, hi = 0;
  double bound = 0;
};

/// A statistical variant (a Monte Carlo claim): `estimate` stands in for the three tiers, and no enclosure is faked.
/// Per sample, for lhs <= bound: consistent when hi <= bound, violated when lo > bound (significant at the stated
/// level), undecided otherwise (>= mirrored); for == the interval must contain the bound, else violated. Verdict:
/// holds when every sample is consistent; refuted when one is violated — statistical evidence, never certified, so
/// never an established verdict; inconclusive when some are undecided.
struct Statistical {
  std::function<Estimate(const Sample&)> estimate;
  std::string method;  // the interval, its level and the sample size, e.g. "Clopper-Pearson, 1 - 1e-6, 4000 datasets"
};

/// A named generator of exact samples for a claim.
struct Family {
  std::string name;
  std::string description;
  rc::Gen<Sample> gen;
  /// Optional structure-preserving reductions tried after RapidCheck's shrinking reaches a fixpoint
  /// (e.g. gen::drop_coordinate: principal submatrices keep PSD-ness and rank bounds).
  std::function<std::vector<Sample>(const Sample&)> reduce;
};

/// A declared scaling of a claim's inputs by a rational s > 0 under which every sample stays a sample of its family
/// (its hypotheses hold exactly at every s). When lhs/rhs at the extremal sample is a nonzero power of s, no constant
/// makes the bound hold: the best constant reads "unbounded: the ratio grows like s^e under TEXT" (core/runner.cpp).
struct Scaling {
  std::string text;                                            // e.g. "H_i -> s H_i, eta -> eta/s, c -> c/s"
  std::function<Sample(const Sample&, const Rat& s)> apply;  // the scaled sample (exact)
  explicit operator bool() const { return bool(apply); }
};

/// One checked reading of a claim: one entry of the claim's table, written with designated initialisers
/// (`{.slug = "as-stated", .statement = "...", .rel = Rel::Le, .eval = make_evaluator(body), .note = "..."}`).
/// What the suite expects of it (verdict, certified counterexample) is data: tests/expectations/ID.json.
struct Variant {
  std::string slug;
  std::string statement;     // the exact bound checked by this variant
  Rel rel = Rel::Le;
  Evaluator eval;            // empty for not-checkable and statistical variants
  Statistical statistical;   // set for a Monte Carlo claim instead of `eval`
  std::string note;          // why this variant exists (reading, hypothesis probed)
  std::vector<std::string> families;  // empty: all of the claim's families
  int samples_per_family = 0;  // 0: run default
  std::string not_checkable_reason;
  /// The variant in the language of `stabcheck fuzz` when it is a trace polynomial (README, "Proofs"): `stabcheck run`
  /// then attempts an exact sum-of-squares proof of a `holds` and records its outcome. Empty: not attempted.
  std::string trace_bound, trace_where;
  /// The assertions of the appendix this variant checks where they stand, by their ids in theorems/derivations.tsv
  /// ("(41)b", "(64)L3", "C.10-p4"; core/derivations.hpp): the derivation map.
  std::vector<std::string> checks;
};

/// An entry of Claim::uses: "ID" (the claim's statement as printed) or "ID:variant" (the reading of it that the proof
/// actually uses, e.g. Lemma C.1 applied with B PSD: "LEM-C1-TRACE-BOUNDS:lower.B-psd").
struct Use {
  std::string claim, variant;  // variant empty: the claim's status decides
};
Use parse_use(const std::string& entry);

/// A repaired statement, not the paper's: the variant's slug or note says "repair" (the findings' rule, and the
/// derivation map's: a repair is evidence, not coverage).
bool is_repair(const std::string& slug, const std::string& note);

/// A reading of a garbled or ambiguous formula, as the spec lists it (`chosen`: the spec's [chosen] reading).
struct Reading {
  std::string name;
  std::string text;
  bool chosen = false;
};

/// A claim of the paper as one declarative table (core/README.md): where it is printed, what it says, the readings
/// of its formula, the claims its proof uses, the families it is sampled on and its variants.
struct Claim {
  std::string id;
  std::string source;     // e.g. "Lemma C.1, eq. (11)"
  std::string statement;  // as printed (cleaned)
  std::vector<Reading> readings;  // empty: the formula is unambiguous
  std::vector<std::string> uses;  // the registered claims its proof relies on: "ID", or "ID:variant" for the reading used
  std::vector<Family> families;
  std::vector<Variant> variants;
  /// The claim's hypotheses checked exactly on a sample: "" when they hold, else which one fails. Empty: the
  /// families' construction is the only guarantee. A sample that fails is never judged: in the sampling stage it is an
  /// error (a generator that leaves its hypothesis, reported), in the search and in shrinking it is discarded.
  std::function<std::string(const Sample&)> hypothesis;
  /// Optional: a scaling of the inputs that keeps every sample in its family (see Scaling); the best constant of
  /// every variant is then checked for a power law in the scale.
  Scaling scaling;

  const Family& family(const std::string& name) const;
  const Variant& variant(const std::string& slug) const;
};

/// Global registry; claim files register with STABCHECK_CLAIM(make_fn).
std::vector<Claim>& registry();
const Claim* lookup_claim(const std::string& id);  // nullptr when no claim has this ID
const Claim& find_claim(const std::string& id);    // throws std::invalid_argument
struct Registrar { explicit Registrar(Claim (*make)()); };
#define STABCHECK_CAT2(a, b) a##b
#define STABCHECK_CAT(a, b) STABCHECK_CAT2(a, b)
#define STABCHECK_CLAIM(fn) static ::stabcheck::Registrar STABCHECK_CAT(stabcheck_registrar_, __LINE__)(fn)

}  // namespace stabcheck
