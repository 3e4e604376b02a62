// Cost of the second moment M_k = E[J^_1^T ... J^_k^T J^_k ... J^_1] (models/moments.hpp):
//   closed-form map T = L + N:  O(k n d^3)          (closed_moments)
//   enumeration of 2^n patterns: O(k 2^n d^3)      (enum_moments; infeasible beyond n ~ 20)
// Each family varies one of n, k, d with the others fixed and asks Google Benchmark for the growth fit
// (BigO / RMS): closed form ~ n, k, d^3; enumeration ~ 2^n, k, d^3. Double unless stated; the exact (Rat) and
// 50-digit (Mpfr) closed forms are timed on small cases for the record.
// Run: ./build-stab/moments_bench [--benchmark_filter=...]
#include "models/moments.hpp"
#include <benchmark/benchmark.h>
#include <cmath>
#include <random>

using namespace stabcheck;

namespace {

template <class T> mom::Model<T> random_model(int n, int d, uint64_t seed = 1) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> u(-3, 3);
  std::vector<Mat<T>> H;
  for (int i = 0; i < n; ++i) {
    Mat<T> g(d, d);
    for (int a = 0; a < d; ++a)
      for (int b = 0; b < d; ++b) g(a, b) = T(u(rng));
    H.push_back(Mat<T>(g * g.transpose()) / T(d * d));
  }
  // eta ~ 1 / (trace of the mean), B = n/2 (non-trivial noise), c = 1/10
  Mat<T> Hb = Mat<T>::Zero(d, d);
  for (const auto& h : H) Hb += h;
  T tr = Hb.trace() / T(n);
  return mom::make_model<T>(H, T(1) / tr, T(std::max(1, n / 2)), T(1) / (T(10) * tr));
}

// M_k of a random model (n matrices d x d) in the tier T, by the closed form or by enumeration; arguments n, k, d and
// which of them varies (its index, for the complexity fit; -1: none).
template <class T, bool kEnumerate> void moments(benchmark::State& st) {
  if constexpr (std::is_same_v<T, Mpfr>) set_digits(50);
  const int n = int(st.range(0)), k = int(st.range(1)), d = int(st.range(2));
  auto m = random_model<T>(n, d);
  for (auto _ : st) {
    if constexpr (kEnumerate) benchmark::DoNotOptimize(mom::enum_moments(m, k).back()(0, 0));
    else benchmark::DoNotOptimize(mom::closed_moments(m, k).back()(0, 0));
  }
  if (st.range(3) >= 0) st.SetComplexityN(st.range(std::size_t(st.range(3))));
  st.counters["n"] = n;
  st.counters["k"] = k;
  st.counters["d"] = d;
}

// ---- closed form: the headline case and growth in each parameter ----
BENCHMARK_TEMPLATE(moments, double, false)->Name("closed/headline n=100 k=64 d=8")->Args({100, 64, 8, -1})->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(moments, double, false)->Name("closed/vs_n (k=64,d=8)")
    ->Args({2, 64, 8, 0})->Args({5, 64, 8, 0})->Args({10, 64, 8, 0})->Args({20, 64, 8, 0})->Args({50, 64, 8, 0})->Args({100, 64, 8, 0})
    ->Complexity([](benchmark::IterationCount n) { return double(n); })->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(moments, double, false)->Name("closed/vs_k (n=100,d=8)")
    ->Args({100, 1, 8, 1})->Args({100, 2, 8, 1})->Args({100, 4, 8, 1})->Args({100, 8, 8, 1})->Args({100, 16, 8, 1})->Args({100, 32, 8, 1})->Args({100, 64, 8, 1})
    ->Complexity(benchmark::oN)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(moments, double, false)->Name("closed/vs_d (n=100,k=64)")
    ->Args({100, 64, 2, 2})->Args({100, 64, 4, 2})->Args({100, 64, 8, 2})->Args({100, 64, 12, 2})->Args({100, 64, 16, 2})
    ->Complexity([](benchmark::IterationCount d) { return double(d) * double(d) * double(d); })->Unit(benchmark::kMicrosecond);

// ---- enumeration ----
BENCHMARK_TEMPLATE(moments, double, true)->Name("enum/vs_n (k=8,d=4)")
    ->Args({2, 8, 4, 0})->Args({4, 8, 4, 0})->Args({6, 8, 4, 0})->Args({8, 8, 4, 0})->Args({10, 8, 4, 0})->Args({12, 8, 4, 0})->Args({14, 8, 4, 0})->Args({16, 8, 4, 0})
    ->Complexity([](benchmark::IterationCount n) { return std::pow(2.0, double(n)); })->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(moments, double, true)->Name("enum/vs_k (n=10,d=4)")
    ->Args({10, 1, 4, 1})->Args({10, 2, 4, 1})->Args({10, 4, 4, 1})->Args({10, 8, 4, 1})->Args({10, 16, 4, 1})->Args({10, 32, 4, 1})->Args({10, 64, 4, 1})
    ->Complexity(benchmark::oN)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(moments, double, true)->Name("enum/vs_d (n=10,k=8)")
    ->Args({10, 8, 2, 2})->Args({10, 8, 4, 2})->Args({10, 8, 8, 2})->Args({10, 8, 12, 2})->Args({10, 8, 16, 2})
    ->Complexity([](benchmark::IterationCount d) { return double(d) * double(d) * double(d); })->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(moments, double, true)->Name("enum/largest n=16 k=64 d=8")->Args({16, 64, 8, -1})->Unit(benchmark::kMillisecond)->Iterations(1);

// ---- precision tiers of the closed form ----
BENCHMARK_TEMPLATE(moments, Mpfr, false)->Name("closed_mpfr50/n=10 k=16 d=4")->Args({10, 16, 4, -1})->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(moments, Rat, false)->Name("closed_exact/n=4 k=8 d=3")->Args({4, 8, 3, -1})->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
