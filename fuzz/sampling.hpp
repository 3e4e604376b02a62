// Samples for a parsed bound: exact, shrinkable RapidCheck generators built from the declared kinds
// (families of the engine's Claim), and an adversarial local search (NLopt) that rationalises its optimum.
#pragma once
#include "core/sample.hpp"
#include "fuzz/ast.hpp"
#include <memory>
#include <rapidcheck.h>
#include <string>
#include <vector>

namespace stabcheck::fuzz {

/// How the variables of one family are drawn.
///  Plain      : i.i.d. small-integer instances of each kind (the "plain random sampling" baseline)
///  Mixed      : every kind's structured sub-generators (low rank, prescribed spectra up to cond 1e12,
///               scaled identities, rationals, indefinite, nilpotent, ...) and scales 10^(+-3)
///  Commuting  : one orthogonal Q for all symmetric variables, small-integer spectra with frequent ties
///  Aligned    : equality cases: multiples of one shared matrix (I or g g^T)
enum class Style { Plain, Mixed, Commuting, Aligned };
std::string style_name(Style s);

rc::Gen<Sample> sample_gen(std::shared_ptr<const Bound> b, int dlo, int dhi, Style style);

struct SearchOptions {
  int max_evals = 300;       // NLopt evaluations per start (deterministic: the sample is a function of its seed)
  double stop_slack = -1e-2; // stop a start as soon as the relative slack is this negative
};
/// Local search family: start from a structured sample (perturbed), minimise the relative slack with
/// NLopt's Subplex over a parametrisation that keeps each kind (A = G G^T, Cayley orthogonals, ...),
/// then round the parameters to the simplest dyadic rationals that still violate; the kind is exact
/// by construction (G rational => G G^T PSD).
rc::Gen<Sample> local_search_gen(std::shared_ptr<const Bound> b, int dlo, int dhi, SearchOptions opt);

/// True when every declared kind survives deleting a coordinate (principal submatrices), so that the
/// runner may use gen::drop_coordinate as a reduction.
bool kinds_allow_drop_coordinate(const Bound& b);

}  // namespace stabcheck::fuzz
