// Repair hints for a refuted bound (`stabcheck fuzz`): stronger hypotheses from the kind lattice, each checked as a
// bound of its own by the same engine — one variable at a time (general > sym > psd > pd; rank one; diagonal), a
// smaller dimension (d = 1, d = 2), and the halves of a scalar's range. A hint that holds is evidence (samples), and
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

/// Checks every stronger hypothesis with `samples` per family (seed and digits of `ro`) and marks the weakest that hold.
std::vector<RepairTry> repair_hints(const Spec& spec, const Options& opt, RunOptions ro, int samples);

}  // namespace stabcheck::fuzz
