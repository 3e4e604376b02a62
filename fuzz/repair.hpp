// Repair hints for a refuted bound (`stabcheck fuzz`): stronger hypotheses, each checked as a bound of its own by the
// same engine — one variable at a time, re-declared with a kind that implies its declared one (general > sym > psd >
// pd, psd diag, rank one; sym > diag > psd diag), a smaller dimension (d = 1, d = 2), and the halves of a scalar's or
// an int's range; only those the bound's atoms accept (a variable under sqrtm stays PSD). A hint that holds is evidence (samples), and
// a refutation under a stronger hypothesis is certified like any other.
#pragma once
#include "core/runner.hpp"
#include "fuzz/fuzz.hpp"
#include <string>
#include <vector>

namespace stabcheck::fuzz {

struct RepairTry {
  std::string change;  // "A: sym", "d = 1", "t: scalar in [0, 1/2]"
  Spec spec;           // the bound with the stronger hypothesis
  Verdict verdict = Verdict::Holds;
  bool established = true;
  long samples = 0;
  std::string best_constant;  // best_constant_text of the try ("" if none)
  bool weakest = false;       // holds, and no weaker try of the same variable (or dimension) holds
};

/// The stronger hypotheses of `spec` (with the dimensions `opt` uses), in the order tried.
std::vector<Spec> stronger_hypotheses(const Spec& spec, const Options& opt, std::vector<std::string>* changes = nullptr);

/// Every declaration of `stronger_decls` implies the one of `declared` at the same position (same names; a kind
/// that implies the declared kind, a sub-range of a scalar or int range).
bool implies_hypotheses(const std::vector<Decl>& stronger_decls, const std::vector<Decl>& declared);

/// Checks every stronger hypothesis with `samples` per family (seed and digits of `ro`) and marks the weakest that hold.
std::vector<RepairTry> repair_hints(const Spec& spec, const Options& opt, RunOptions ro, int samples);

}  // namespace stabcheck::fuzz
