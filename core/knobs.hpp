// Knobs: the continuous parameters of the exact families, for the adversarial search of `stabcheck run`
// (core/search.hpp). A generator leaf whose value may be any rational in [lo, hi] without taking its sample out of the
// family (an entry of a factor G of G G^T, of the skew K of a Cayley orthogonal, of a general or nilpotent matrix)
// draws its usual integer and then asks `knob`: while a Record scope is active the leaf is listed; while an Apply scope
// holds a value for it, that value replaces the drawn one. Everything the family builds from its leaves (G G^T, the
// step eta placed from lambda_max(H), B < n, ...) is rebuilt from the new values, so the family's hypotheses still hold
// exactly. A leaf is known by its random state (RapidCheck gives every leaf its own split of the sample's stream), and
// a sample's leaves are numbered in the order the generator first uses them.
//
// Shape knobs are the integer leaves that decide a sample's shape or its discrete choices (a dimension d, a count n,
// a batch size B, a power k, a code selecting a step rule or a scale): `shape` asks for them. Setting one rebuilds the
// sample with another shape, whose continuous leaves differ; so settings are resolved in two stages (`resolve`): the
// shape settings on the unmodified sample's shape leaves, then the others on the reshaped sample's continuous leaves.
// In a replay token shape knob j is written "sJ=V" before the continuous ones ("s0=3,s2=1,4=0.25").
#pragma once
#include "core/scalar.hpp"
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <rapidcheck.h>
#include <string>
#include <utility>
#include <vector>

namespace stabcheck::knobs {

/// One continuous leaf of a sample: its key, its range, and the value the generator drew.
struct Leaf {
  uint64_t key = 0;
  double lo = 0, hi = 0;
  Rat drawn;
};

/// Values of some leaves, by number: the part of a replay token after '~'. A continuous leaf i >= 0 is numbered in the
/// order of first use among the continuous leaves of the sample reshaped by the shape settings; shape leaf j is
/// numbered -(j + 1) (order of first use among the unmodified sample's shape leaves) and comes first.
using Settings = std::vector<std::pair<int, Rat>>;
/// The number of shape knob j in Settings, and back.
constexpr int shape_index(int j) { return -(j + 1); }
constexpr bool is_shape(int index) { return index < 0; }

/// Lists the leaves the generator uses on this thread while it lives (nested scopes: the innermost one).
class Record {
 public:
  Record();
  ~Record();
  Record(const Record&) = delete;
  Record& operator=(const Record&) = delete;
  const std::vector<Leaf>& leaves() const { return leaves_; }  // the continuous leaves
  const std::vector<Leaf>& shapes() const { return shapes_; }  // the shape leaves (integer ranges)
  void add(uint64_t key, double lo, double hi, const Rat& drawn, bool shape = false);

 private:
  std::vector<Leaf> leaves_, shapes_;
  std::map<uint64_t, size_t> seen_;
  Record* prev_;
};

/// Gives leaves new values (by key) on this thread while it lives.
class Apply {
 public:
  explicit Apply(std::map<uint64_t, Rat> values);
  ~Apply();
  Apply(const Apply&) = delete;
  Apply& operator=(const Apply&) = delete;
  const Rat* find(uint64_t key) const;

 private:
  std::map<uint64_t, Rat> values_;
  Apply* prev_;
};

/// Called by a leaf with its random state, range and drawn value: records it, and returns its new value if one is set.
std::optional<Rat> knob(const rc::Random& r, double lo, double hi, const Rat& drawn);
/// The same for a scalar that a family's finisher computes (a step as a multiple of 1/mu_max, ...): named instead of
/// keyed by a random state; a name is used at most once per sample. Returns the new value or `drawn`.
Rat scalar(const std::string& name, const Rat& lo, const Rat& hi, const Rat& drawn);

/// A shape leaf: an integer in [lo, hi] drawn as `drawn` (by a generator with random state r); returns the value set by
/// an Apply scope, or `drawn`. A set value outside [lo, hi] (a bound that itself depends on another shape knob, B <= n)
/// throws std::domain_error: that shape is not in the family.
int shape(const rc::Random& r, int lo, int hi, int drawn);

/// The key-to-value map of settings for a sample whose leaves are `leaves` (throws std::invalid_argument for a number
/// out of range or a value outside its leaf's range). Only continuous settings (numbers >= 0).
std::map<uint64_t, Rat> by_key(const std::vector<Leaf>& leaves, const Settings& s);
/// The same for the shape settings (numbers < 0) over the shape leaves `shapes`.
std::map<uint64_t, Rat> shapes_by_key(const std::vector<Leaf>& shapes, const Settings& s);
/// The shape settings of s, and its continuous ones.
Settings shape_part(const Settings& s);
Settings value_part(const Settings& s);

/// The leaves of the sample that `build` makes under the shape settings of s (none: the unmodified sample), and the
/// key-to-value map of all of s (two stages, see above). Throws std::invalid_argument as by_key.
struct Resolved {
  std::vector<Leaf> leaves;            // continuous leaves of the reshaped sample
  std::vector<Leaf> shapes;            // shape leaves of the unmodified sample
  std::map<uint64_t, Rat> values;      // every setting of s, by key
};
Resolved resolve(const std::function<void()>& build, const Settings& s);

/// Settings as text, "s0=3,3=1.25,7=-0.5" (values on a dyadic grid have exact finite decimals), and back (exact).
std::string settings_text(const Settings& s);
Settings parse_settings(const std::string& text);  // throws std::invalid_argument
/// x rounded to the grid 2^-bits (the search's rationals: short, exact, with finite decimals).
Rat on_grid(double x, int bits);

}  // namespace stabcheck::knobs
