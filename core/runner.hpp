// Runner: for each variant and family, draw exact samples, screen in double, decide anything
// negative or near zero at D digits, re-decide at 2D, shrink the first violation, certify it on
// the exact sample. Deterministic for any number of jobs.
#pragma once
#include "core/claim.hpp"
#include "core/coverage.hpp"
#include "core/knobs.hpp"
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace stabcheck {

struct RunOptions {
  int samples = 300;          // per family and variant (a variant may override)
  unsigned digits = 50;       // deciding precision D; confirmation at 2D
  uint64_t seed = 1;
  int jobs = 1;
  double screen_tol = 1e-6;   // relative slack below which double screening defers to multiprecision
  int max_shrink_evals = 3000;
  long search_budget = 200;   // screened points of the adversarial search per variant (core/search.hpp); 0: none
  std::string families = "*";  // only the families whose names match (glob patterns, comma-separated; id_matches)
  std::function<void(const std::string&)> progress;  // may be empty
};

/// Where a sample comes from; its text form is the replay token
///   CLAIM/variant/family/seed/index[~knobs][/i.j.k]   (knobs: "3=1.25,7=-0.5", values the adversarial search gave
///   to the sample's continuous leaves, core/knobs.hpp; i.j.k: path in the shrink tree)
struct Origin {
  std::string claim, variant, family;
  uint64_t seed = 0;
  long index = 0;
  std::vector<int> shrink_path;
  knobs::Settings knobs;
  std::string token() const;
  static Origin parse(const std::string& token);  // throws std::invalid_argument
};

/// Regenerate the exact sample of an origin (following the shrink path).
Sample regenerate(const Origin& o);                  // claim looked up in the registry
Sample regenerate(const Claim& c, const Origin& o);  // any claim (also unregistered ones)

struct Evaluated {
  Origin origin;
  Sample sample;
  std::string lhs, rhs;     // decimal at the precision of `tier`
  double rel_slack = 0;     // (rhs - lhs)/scale for <=, (lhs - rhs)/scale for >=, -|lhs - rhs|/scale for ==
  std::string slack;        // the same as decimal text at the working precision
  std::string tier;         // "double", "mpfr50", "mpfr100", "exact"
};

/// What the exact tier says of one sample: `certified` — the slack is certainly negative (a proof of the violation);
/// `cleared` — certainly not violated (slack >= 0, or the sides are exactly equal); neither — undecided.
struct Certificate {
  bool certified = false;
  bool cleared = false;
  std::string method;       // "exact rational arithmetic", "rigorous ball arithmetic (Arb, N bits)", "exact decision: ..."
  std::string lhs, rhs, slack;  // enclosures
  long bits = 0;            // ball precision of the last attempt
};

struct VariantResult {
  std::string claim, variant, source, claim_statement, statement, relation, note;
  Verdict verdict = Verdict::Holds, expected = Verdict::Holds;
  std::string reason;                 // for inconclusive / not-checkable
  bool certified = false;
  long samples = 0;
  std::map<std::string, long> per_family;
  long screened_close = 0;            // deferred to multiprecision by the screen
  long violations = 0;                // confirmed at 2D and not cleared by the exact tier
  long unstable = 0;                  // violated at D, not at 2D, and not decided by the exact tier
  long cleared = 0;                   // violated at D (or 2D) digits, shown not violated by the exact tier (rounding)
  long undecided = 0;                 // confirmed at 2D, but the slack's enclosure contains 0 at every precision tried
  std::optional<Evaluated> counterexample;
  std::optional<Certificate> certificate;
  long shrink_steps = 0, shrink_evals = 0;
  std::optional<Evaluated> tightest;  // sample of smallest relative slack
  /// The adversarial search (core/search.hpp) after the sampling, for a variant not refuted by its samples.
  struct Search {
    long budget = 0, evaluations = 0;
    int starts = 0, dims = 0;        // starts with knobs; knobs of the largest start
    int families = 0, searched = 0;  // families tried; of them, those whose samples have knobs
    double seconds = 0;
    double best_rel = NAN;           // smallest relative slack the search found (at D digits where within the screen tolerance)
    bool found = false;              // it found the counterexample (or the undecided / cleared violation)
  };
  std::optional<Search> search;
  /// The best constant of a bound lhs <= K rhs (>=): the extremal ratio lhs/rhs over the samples with rhs > 0
  /// (sup for <=, inf for >=), the sample attaining it, re-evaluated at the deciding precision.
  struct BestConstant {
    std::string extremum;     // "sup" or "inf"
    double ratio = 0;         // at the deciding precision
    std::string ratio_text;   // the same, 20 digits
    std::string verdict;      // "tight: ratio 1 attained", "loose: ratio at most 0.5 found", "holds at best with K >= ..."
    Origin origin;
    Sample sample;
    long samples = 0;         // samples with rhs > 0 that entered the extremum
    std::string growth;       // under the claim's declared scaling: "s^-12" when lhs/rhs = ratio s^-12; empty: none
  };
  std::optional<BestConstant> best_constant;
  Coverage coverage;                  // features and slack distribution of the samples (core/coverage.hpp)
  /// Outcome of the exact proof attempt of a variant with a trace form (Variant::trace_bound; `stabcheck run`).
  struct Proof {
    std::string status;       // "proved", "not proved at degree 2, 4", "outside the fragment: ..."
    std::string certificate;  // file written (relative to the report), when proved
    int degree = 0, gram = 0;
    double seconds = 0;
  };
  std::optional<Proof> proof;
  double seconds = 0;
  unsigned digits = 0;
  uint64_t seed = 0;
  /// An uncertified refutation (an atom without rigorous enclosure) is never an established verdict.
  bool established() const { return verdict != Verdict::Refuted || certified; }
  /// `expected` comes from the ledger (core/expectations.hpp, Ledger::apply); false: none recorded for this variant.
  bool recorded = false;
  /// The verdict meets the recorded expectation: a proof meets `holds` (it is stronger), and `holds` meets `proved`
  /// when no proof was attempted (`run --no-prove`, the tests). With nothing recorded, any established verdict does.
  bool matches() const {
    if (!established()) return false;
    if (!recorded) return true;
    return verdict == expected || (verdict == Verdict::Proved && expected == Verdict::Holds) ||
           (verdict == Verdict::Holds && expected == Verdict::Proved && !proof);
  }
  /// "holds", "refuted", ... or "none recorded".
  std::string expected_text() const { return recorded ? verdict_str(expected) : "none recorded"; }
};

/// A result naming its claim and variant (id, slug, source, statements, relation, note), nothing measured yet.
VariantResult result_of(const Claim& c, const Variant& v);
VariantResult run_variant(const Claim& c, const Variant& v, const RunOptions& opt);

/// The families a run of the variant samples, those of them matching opt.families: all of the claim's when the variant
/// lists none, else its list in order, where a glob pattern (`*.k-odd`, the syntax of --families) stands for the
/// claim's matching families not listed before it, in the claim's order (a pattern that matches none: invalid_argument).
std::vector<std::string> families_of(const Claim& c, const Variant& v, const RunOptions& opt);

/// A relative slack for readers, always with its exponent: "-8.05039e-51"; "0 within rounding (measured -5.2e-52)"
/// for a sample the multiprecision tier decided as an equality; "0 (exact tier)" for one the exact tier cleared.
std::string slack_text(const Evaluated& e);
/// The smallest slack of a variant for readers (its counterexample's, else its tightest sample's; "" if none).
std::string min_slack_text(const VariantResult& r);

/// The best constant for readers: "tight: ratio 1 attained (to 50 digits); sup lhs/rhs = 1 over 600 samples" ("" if none).
std::string best_constant_text(const VariantResult& r);

/// The verdict as one phrase: "holds", "refuted", "refuted (uncertified: logm has no enclosure)", "inconclusive", ...
std::string verdict_text(const VariantResult& r);
/// The verdict with its strength (the brief's order): "proved"; "holds after adversarial search (200 points, 7/7
/// families with knobs)"; "holds on samples" (nothing to search, or --search-budget 0); otherwise verdict_text.
std::string strength_text(const VariantResult& r);

/// The exact tier's judgement of a sample that the multiprecision tier found violated: enclosures at the ball
/// precision of 2D digits, refined twice (x4 bits) while they contain 0, and the exact sign (`Sides::cmp`) when the
/// exact tier knows it.
Certificate judge(const Variant& v, const Sample& s, unsigned digits2);

/// Claims whose ID matches the glob-like pattern ('*' and '?'; comma separates alternatives).
bool id_matches(const std::string& id, const std::string& pattern);

/// Full evaluation of one sample in every tier (used by `replay`).
struct Replay {
  Origin origin;
  Sample sample;
  std::string relation, statement;
  std::string lhs_double, rhs_double, lhs_mpfr, rhs_mpfr, slack_mpfr;
  Certificate exact;
  bool violated = false;      // at `digits` (Mpfr)
  std::string outcome;        // "violated (certified)", "not violated (...)", "undecided: ...", "violated (uncertified: ...)", "not violated"
};
Replay replay(const std::string& token, unsigned digits);

/// The contract between the tiers on one sample (tests/test_tier_soundness.cpp): at effective precision D (times the
/// sample's conditioning), each side's exact-tier enclosure (at the judge's first precision, 2D digits' bits) contains
/// the multiprecision value within the decision's error model, 10^(-0.6 D) x scale; and the double screen is sound:
/// where it passes a sample (relative slack >= screen_tol) the multiprecision relative slack is at least screen_tol / 2.
/// Empty when the contract holds, else what breaks it, with the values.
std::string tier_contract_violation(const Variant& v, const Sample& s, unsigned D, double screen_tol);
/// Evaluate a given exact sample (e.g. read from a corpus file) under a variant.
Replay replay(const Variant& v, Origin origin, Sample sample, unsigned digits);

}  // namespace stabcheck
