// Cost of the second moment M_k = E[J^_1^T ... J^_k^T J^_k ... J^_1] (models/moments.hpp):
//   closed-form map T = L + N:  O(k n d^3)          (closed_moments)
//   enumeration of 2^n patterns: O(k 2^n d^3)      (enum_moments; infeasible beyond n ~ 20)
// Each family varies one of n, k, d with the others fixed and asks Google Benchmark for the growth fit
// (BigO / RMS): closed form ~ n, k, d^3; enumeration ~ 2^n, k, d^3. Double unless stated; the exact (Rat) and
// 50-digit (Mpfr) closed forms are timed on small cases for the record.
// Run: ./build-stab/moments_bench [--benchmark_filter=...]
#include "core/precision.hpp"
#include "models/moments.hpp"
#include <benchmark/benchmark.h>
#include <array>
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
  AtPrecision at({.digits = 50});  // the Mpfr tier's working precision (the double tier ignores it)
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

/// One growth series: the argument `which` (0: n, 1: k, 2: d) takes each of `values`, the others stay at `base`, and
/// Google Benchmark fits the complexity `fit`.
template <class T, bool kEnumerate>
void series(const char* name, std::array<int, 3> base, int which, std::initializer_list<int> values, benchmark::BigOFunc* fit) {
  auto* b = benchmark::RegisterBenchmark(name, moments<T, kEnumerate>);
  for (int v : values) {
    std::array<int, 3> a = base;
    a[size_t(which)] = v;
    b->Args({a[0], a[1], a[2], which});
  }
  b->Complexity(fit)->Unit(benchmark::kMicrosecond);
}
/// A single case (no complexity fit).
template <class T, bool kEnumerate> benchmark::internal::Benchmark* single(const char* name, int n, int k, int d) {
  return benchmark::RegisterBenchmark(name, moments<T, kEnumerate>)->Args({n, k, d, -1})->Unit(benchmark::kMillisecond);
}

double linear(benchmark::IterationCount x) { return double(x); }
double cubic(benchmark::IterationCount x) { return double(x) * double(x) * double(x); }
double exponential(benchmark::IterationCount x) { return std::pow(2.0, double(x)); }

void register_all() {
  // closed form: the headline case and growth in each parameter
  single<double, false>("closed/headline n=100 k=64 d=8", 100, 64, 8);
  series<double, false>("closed/vs_n (k=64,d=8)", {0, 64, 8}, 0, {2, 5, 10, 20, 50, 100}, linear);
  series<double, false>("closed/vs_k (n=100,d=8)", {100, 0, 8}, 1, {1, 2, 4, 8, 16, 32, 64}, linear);
  series<double, false>("closed/vs_d (n=100,k=64)", {100, 64, 0}, 2, {2, 4, 8, 12, 16}, cubic);
  // enumeration
  series<double, true>("enum/vs_n (k=8,d=4)", {0, 8, 4}, 0, {2, 4, 6, 8, 10, 12, 14, 16}, exponential);
  series<double, true>("enum/vs_k (n=10,d=4)", {10, 0, 4}, 1, {1, 2, 4, 8, 16, 32, 64}, linear);
  series<double, true>("enum/vs_d (n=10,k=8)", {10, 8, 0}, 2, {2, 4, 8, 12, 16}, cubic);
  single<double, true>("enum/largest n=16 k=64 d=8", 16, 64, 8)->Iterations(1);
  // precision tiers of the closed form
  single<Mpfr, false>("closed_mpfr50/n=10 k=16 d=4", 10, 16, 4);
  single<Rat, false>("closed_exact/n=4 k=8 d=3", 4, 8, 3);
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
