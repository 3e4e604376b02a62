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
  long index = 0;                  // its sample's index in the family
  knobs::Settings shape;           // the shape settings it is reshaped by (empty: the family's own sample)
  std::vector<knobs::Leaf> leaves; // continuous knobs of the (reshaped) sample
  std::vector<knobs::Leaf> shapes; // shape knobs of the unmodified sample
  std::function<Sample(const knobs::Settings&)> make;         // the sample with these continuous settings
  std::function<SearchStart(const knobs::Settings&)> reshape;  // the same sample under other shape settings
};

/// The start of the sample that `build` makes (it must draw the same sample on every call; the knob scopes are
/// active around it), reshaped by the shape settings `shape`. Throws if that shape is not one of the family's.
SearchStart search_start(std::function<Sample()> build, long index, knobs::Settings shape);

struct SearchStats {
  long evaluations = 0;  // points screened
  int starts = 0;        // starts with at least one knob
  int dims = 0;          // knobs of the largest start
  double seconds = 0;
};

/// Grid of the search's rationals: multiples of 2^-kGridBits.
constexpr int kGridBits = 10;

/// Minimise screen(make(x)).rel over the starts' knobs with `budget` evaluations in all: the local method from every
/// start (two thirds of the budget, split evenly), then shape moves from the best point (a sixth: each shape knob of
/// its start moved by 1 or 2, the continuous values carried over; a move that does not raise the slack is kept and
/// searched locally, a tie walking a plateau), then the global method from the best point found. Stops early at a
/// violated point. Returns the best point, a violated one first (none if no point could be evaluated).
std::optional<Probe> search(const std::vector<SearchStart>& starts, const std::function<Probe(Sample)>& screen, long budget,
                            uint64_t seed, SearchStats& stats);

}  // namespace stabcheck
