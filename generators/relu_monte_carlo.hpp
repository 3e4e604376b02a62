// Monte Carlo variants of the ReLU claims (THM-3.5-CHERNOFF, THM-3.6-SAM-COHERENCE): an estimate from simulated
// datasets has no rigorous enclosure, so the evaluator says so (Evaluator::no_enclosure) and a violation it shows
// is reported as an uncertified refutation, never as established.
#pragma once
#include "core/claim.hpp"

namespace stabcheck::relu {

inline const char* const kMonteCarloNoEnclosure = "a Monte Carlo estimate has no rigorous enclosure";

/// make_evaluator(f) marked as having no rigorous enclosure (f: a generic tier body, as for make_evaluator).
template <class F> Evaluator monte_carlo_evaluator(F f) {
  Evaluator e = make_evaluator(std::move(f));
  e.no_enclosure = kMonteCarloNoEnclosure;
  return e;
}

}  // namespace stabcheck::relu
