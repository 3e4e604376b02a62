// Verified samples per second for LEM-C1 (upper bound, B PSD) and EQ-64 (end-to-end, reading (a)),
// at d = 4, 8, 16, in double and at 50 digits: one "verified sample" = both sides of the bound evaluated
// through the claim's own evaluator plus the sign decision. The Python/mpmath twin is bench/python_baseline.py;
// bench/run compares both in one run.
#include "core/precision.hpp"
#include "core/runner.hpp"
#include <benchmark/benchmark.h>
#include <random>

using namespace stabcheck;

namespace {

MatQ wishart(int d, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> u(-3, 3);
  MatQ g(d, d);
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j) g(i, j) = u(rng);
  return g * g.transpose();
}

std::vector<Sample> samples(const std::string& claim, int d, int count) {
  std::mt19937_64 rng(uint64_t(d) * 7919u);
  std::vector<Sample> out;
  for (int i = 0; i < count; ++i) {
    Sample s;
    if (claim == "LEM-C1-TRACE-BOUNDS") {
      s.mats["A"] = wishart(d, rng);
      s.mats["B"] = wishart(d, rng);
    } else {  // EQ-64-CHAIN: n = 4 matrices, k = 2, scale t = 1
      for (int j = 0; j < 4; ++j) s.families["H"].push_back(wishart(d, rng));
      s.scalars["t"] = 1;
      s.ints["n"] = 4;
      s.ints["d"] = d;
      s.ints["k"] = 2;
    }
    out.push_back(std::move(s));
  }
  return out;
}

const Variant& variant_of(const std::string& claim) {
  return find_claim(claim).variant(claim == "LEM-C1-TRACE-BOUNDS" ? "upper.B-psd" : "end-to-end.a");
}

template <bool Multi> void verified(benchmark::State& st, const std::string& claim) {
  const int d = int(st.range(0));
  const Variant& v = variant_of(claim);
  auto ss = samples(claim, d, 16);
  AtPrecision at({.digits = 50});
  size_t i = 0;
  long ok = 0;
  for (auto _ : st) {
    const Sample& s = ss[i++ % ss.size()];
    if constexpr (Multi) {
      auto sd = v.eval.decide(s);
      ok += v.rel == Rel::Le ? sd.lhs <= sd.rhs : sd.lhs >= sd.rhs;
    } else {
      auto sd = v.eval.screen(s);
      ok += v.rel == Rel::Le ? sd.lhs <= sd.rhs : sd.lhs >= sd.rhs;
    }
  }
  benchmark::DoNotOptimize(ok);
  st.SetItemsProcessed(st.iterations());
}

void LEM_C1_double(benchmark::State& st) { verified<false>(st, "LEM-C1-TRACE-BOUNDS"); }
void LEM_C1_mpfr50(benchmark::State& st) { verified<true>(st, "LEM-C1-TRACE-BOUNDS"); }
void EQ_64_double(benchmark::State& st) { verified<false>(st, "EQ-64-CHAIN"); }
void EQ_64_mpfr50(benchmark::State& st) { verified<true>(st, "EQ-64-CHAIN"); }

}  // namespace

BENCHMARK(LEM_C1_double)->Arg(4)->Arg(8)->Arg(16);
BENCHMARK(LEM_C1_mpfr50)->Arg(4)->Arg(8)->Arg(16);
BENCHMARK(EQ_64_double)->Arg(4)->Arg(8)->Arg(16);
BENCHMARK(EQ_64_mpfr50)->Arg(4)->Arg(8)->Arg(16);
BENCHMARK_MAIN();
