// Small, fast, reproducible random streams for the experiments (double precision only).
// xoshiro256** seeded through splitmix64; every (cell, run) gets its own stream derived from the user's seed,
// so results do not depend on the number of threads or on the order in which cells are run.
#pragma once
#include "core/hash.hpp"
#include <cmath>
#include <cstdint>
#include <initializer_list>

namespace stabcheck::exper {

using stabcheck::splitmix64;  // core/hash.hpp

/// Stream key: hash of a list of integers (seed, experiment tag, cell coordinates, run index).
inline uint64_t stream_key(std::initializer_list<uint64_t> parts) {
  uint64_t h = 0x243f6a8885a308d3ULL;
  for (uint64_t p : parts) {
    h ^= p + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    splitmix64(h);
  }
  return h;
}

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& w : s_) w = splitmix64(seed);
  }
  uint64_t next() {
    const uint64_t out = rotl(s_[1] * 5, 7) * 9, t = s_[1] << 17;
    s_[2] ^= s_[0]; s_[3] ^= s_[1]; s_[1] ^= s_[2]; s_[0] ^= s_[3]; s_[2] ^= t; s_[3] = rotl(s_[3], 45);
    return out;
  }
  /// Uniform on [0, 1) with 53 random bits.
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }
  /// Uniform integer in [0, n), exactly uniform (Lemire's multiply-and-reject).
  uint32_t below(uint32_t n) {
    uint64_t m = uint64_t(uint32_t(next() >> 32)) * n;
    if (uint32_t(m) < n) {
      const uint32_t t = uint32_t(-n) % n;
      while (uint32_t(m) < t) m = uint64_t(uint32_t(next() >> 32)) * n;
    }
    return uint32_t(m >> 32);
  }
  /// Standard normal: Marsaglia-Tsang ziggurat with 128 layers (Doornik's ZIGNOR), exact up to the 53-bit uniform.
  double normal() {
    const auto& z = zig();
    for (;;) {
      const uint64_t bits = next();
      const int i = int(bits & 127);
      const double u = double(bits >> 11) * 0x1.0p-52 - 1.0;  // uniform on [-1, 1)
      if (std::abs(u) < z.ratio[i]) return u * z.x[i];
      if (i == 0) {  // tail beyond R
        double x, y;
        do {
          x = std::log(uniform_pos()) / kR;
          y = std::log(uniform_pos());
        } while (-2 * y < x * x);
        return u < 0 ? x - kR : kR - x;
      }
      const double x = u * z.x[i];
      const double f0 = std::exp(-0.5 * (z.x[i] * z.x[i] - x * x)), f1 = std::exp(-0.5 * (z.x[i + 1] * z.x[i + 1] - x * x));
      if (f1 + uniform() * (f0 - f1) < 1.0) return x;
    }
  }

 private:
  static constexpr double kR = 3.442619855899, kV = 9.91256303526217e-3;
  struct Zig {
    double x[129], ratio[128];
    Zig() {
      const double f = std::exp(-0.5 * kR * kR);
      x[0] = kV / f;
      x[1] = kR;
      for (int i = 2; i < 128; ++i) x[i] = std::sqrt(-2 * std::log(kV / x[i - 1] + std::exp(-0.5 * x[i - 1] * x[i - 1])));
      x[128] = 0;
      for (int i = 0; i < 128; ++i) ratio[i] = x[i + 1] / x[i];
    }
  };
  static const Zig& zig() {
    static const Zig z;
    return z;
  }
  double uniform_pos() {
    double u = 0;
    while (u == 0) u = uniform();
    return u;
  }
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace stabcheck::exper
