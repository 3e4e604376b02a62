// Adversarial search of `stabcheck run` (issue 14): from the tightest samples of a family, move its knobs
// (core/knobs.hpp) to minimise the relative slack, by NLopt's Subplex from each start and a (1+1) evolution strategy
// with restarts over the knobs' box. Every point is an exact sample of the family (the knobs' values are rounded to a
// dyadic grid and the family rebuilds everything else from them), so what the search finds goes through decide,
// confirm, shrink and certify like any sample. Deterministic: the same starts and seed give the same points.
#pragma once
#include "core/knobs.hpp"
#include "core/sample.hpp"
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace stabcheck {

/// The screen of one point: relative slack and both sides (in double; the caller re-decides a point whose double
/// slack is within the screen's tolerance at D digits, so that the search cannot chase rounding), and whether the
/// decision found it violated.
struct Probe {
  long index = 0;  // the start's sample
  knobs::Settings settings;
  Sample sample;
  double rel = NAN, lhs = NAN, rhs = NAN;
  bool violated = false;
};

/// One start: the knobs of a sample and how to rebuild it with new values (throws for a point it cannot build).
struct SearchStart {
  long index = 0;  // its sample's index in the family
  std::vector<knobs::Leaf> leaves;
  std::function<Sample(const knobs::Settings&)> make;
};

struct SearchStats {
  long evaluations = 0;  // points screened
  int starts = 0;        // starts with at least one knob
  int dims = 0;          // knobs of the largest start
  double seconds = 0;
};

/// Grid of the search's rationals: multiples of 2^-kGridBits.
constexpr int kGridBits = 10;

/// Minimise screen(make(x)).rel over the starts' knobs with `budget` evaluations in all: the local method from every
/// start (two thirds of the budget, split evenly), then the global one from the best point found. Stops early at a
/// violated point. Returns the best point, a violated one first (none if no point could be evaluated).
std::optional<Probe> search(const std::vector<SearchStart>& starts, const std::function<Probe(Sample)>& screen, long budget,
                            uint64_t seed, SearchStats& stats);

}  // namespace stabcheck
