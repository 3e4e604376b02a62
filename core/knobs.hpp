// Knobs: the continuous parameters of the exact families, for the adversarial search of `stabcheck run`
// (core/search.hpp). A generator leaf whose value may be any rational in [lo, hi] without taking its sample out of the
// family (an entry of a factor G of G G^T, of the skew K of a Cayley orthogonal, of a general or nilpotent matrix)
// draws its usual integer and then asks `knob`: while a Record scope is active the leaf is listed; while an Apply scope
// holds a value for it, that value replaces the drawn one. Everything the family builds from its leaves (G G^T, the
// step eta placed from lambda_max(H), B < n, ...) is rebuilt from the new values, so the family's hypotheses still hold
// exactly. A leaf is known by its random state (RapidCheck gives every leaf its own split of the sample's stream), and
// a sample's leaves are numbered in the order the generator first uses them.
#pragma once
#include "core/scalar.hpp"
#include <cstdint>
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

/// Values of some leaves, by number (order of first use in the unmodified sample): the part of a replay token after '~'.
using Settings = std::vector<std::pair<int, Rat>>;

/// Lists the leaves the generator uses on this thread while it lives (nested scopes: the innermost one).
class Record {
 public:
  Record();
  ~Record();
  Record(const Record&) = delete;
  Record& operator=(const Record&) = delete;
  const std::vector<Leaf>& leaves() const { return leaves_; }
  void add(uint64_t key, double lo, double hi, const Rat& drawn);

 private:
  std::vector<Leaf> leaves_;
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

/// The key-to-value map of settings for a sample whose leaves are `leaves` (throws std::invalid_argument for a number
/// out of range or a value outside its leaf's range).
std::map<uint64_t, Rat> by_key(const std::vector<Leaf>& leaves, const Settings& s);

/// Settings as text, "3=1.25,7=-0.5" (values on a dyadic grid have exact finite decimals), and back (exact).
std::string settings_text(const Settings& s);
Settings parse_settings(const std::string& text);  // throws std::invalid_argument
/// x rounded to the grid 2^-bits (the search's rationals: short, exact, with finite decimals).
Rat on_grid(double x, int bits);

}  // namespace stabcheck::knobs
