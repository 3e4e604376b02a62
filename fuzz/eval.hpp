// Evaluation of a parsed bound on an exact sample in the three tiers (double screen, Mpfr decide,
// exact Rat/Ball certify), packaged as the engine's Evaluator so that run_variant does the rest.
#pragma once
#include "core/claim.hpp"
#include "fuzz/ast.hpp"
#include <memory>
#include <stdexcept>

namespace stabcheck::fuzz {

/// The sample lies outside the bound's domain (singular inverse, log of a non-positive number, ...).
struct DomainError : std::domain_error {
  using std::domain_error::domain_error;
};

/// Relation handed to the runner: < and > are checked as <= / >= whose violations include equality
/// (decided with the runner's tolerance, certified only when the exact difference is 0);
/// <<= / >>= become 0 <= lmin(Y - X).
Rel engine_relation(Relation r);

/// lhs/rhs of the bound (as the runner sees them) in tier T: T = double, Mpfr or Rat (Ball results).
/// Throws DomainError outside the domain.
template <class T> Sides<Real<T>> bound_sides(const Bound& b, const Sample& s);
extern template Sides<double> bound_sides<double>(const Bound&, const Sample&);
extern template Sides<Mpfr> bound_sides<Mpfr>(const Bound&, const Sample&);
extern template Sides<Ball> bound_sides<Rat>(const Bound&, const Sample&);

/// The engine's three-tier evaluator. The screen throws on samples outside the domain (the runner
/// counts them); decide returns NaN and certify an indeterminate enclosure there instead.
Evaluator make_bound_evaluator(std::shared_ptr<const Bound> b);

/// Why some atom of the bound has no rigorous enclosure (empty: every atom has one), e.g. sqrtm of an irrational
/// matrix; a violation of such a bound that the enclosures cannot show is an uncertified refutation.
std::string no_enclosure(const Bound& b);
/// Digit multiplier of the decision on a sample (Evaluator::conditioning): 2 per nested square root, ceil(1/p) for a
/// power p in (0, 1), d for eigenvalues of a d x d matrix not known to be symmetric; at most 16.
unsigned conditioning(const Bound& b, const Sample& s);

/// Relative slack in double as the runner computes it (negative: violated); NaN if undefined.
double relative_slack(const Bound& b, const Sample& s);
/// True when the sample lies in the bound's domain, decided exactly (only bounds with partial operations
/// can fail).
bool in_domain(const Bound& b, const Sample& s);

}  // namespace stabcheck::fuzz
