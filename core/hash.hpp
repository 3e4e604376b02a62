// The two mixing functions of the suite's reproducible streams: FNV-1a of a name, and splitmix64 (a step of the
// sequence and its output). Samples (core/runner.cpp), the search (core/search.cpp) and the experiments' streams
// (experiments/rng.hpp) derive their randomness from these.
#pragma once
#include <cstdint>
#include <string>

namespace stabcheck {

inline uint64_t fnv1a(const std::string& s, uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : s) { h ^= c; h *= 1099511628211ULL; }
  return h;
}

inline uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace stabcheck
