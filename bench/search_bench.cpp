// Time to the first violation with and without the adversarial search (issue 14, core/search.hpp), in one run, on
// the variants the ledger records as refuted: the samples per family are doubled (1, 2, 4, ... up to --max) until the
// variant is refuted, once with --search-budget 0 and once with the given budget; the table gives the samples and
// seconds each needed and their ratio. A refutation neither finds within --max is "not found".
//   search_bench [--budget N] [--max N] [--claims GLOB] [--ledger DIR]
#include "core/expectations.hpp"
#include "core/runner.hpp"
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

using namespace stabcheck;

namespace {

struct Found {
  bool found = false;
  int samples = 0;
  double seconds = 0;  // all the runs up to the one that refuted
};

Found first_violation(const Claim& c, const Variant& v, long budget, int max_samples) {
  Found f;
  for (int s = 1; s <= max_samples; s *= 2) {
    RunOptions o;
    o.samples = s;
    o.search_budget = budget;
    const auto t0 = std::chrono::steady_clock::now();
    const VariantResult r = run_variant(c, v, o);
    f.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    f.samples = s;
    if (r.verdict == Verdict::Refuted && r.certified) { f.found = true; return f; }
  }
  return f;
}

std::string cell(const Found& f) {
  char b[64];
  if (!f.found) std::snprintf(b, sizeof b, "not found (%.2f s)", f.seconds);
  else std::snprintf(b, sizeof b, "%d samples, %.3f s", f.samples, f.seconds);
  return b;
}

}  // namespace

int main(int argc, char** argv) {
  long budget = 200;
  int max_samples = 256;
  std::string claims = "*", ledger_dir = STABCHECK_SOURCE_DIR "/tests/expectations";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--budget")) budget = std::stol(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--max")) max_samples = std::stoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--claims")) claims = argv[i + 1];
    else if (!std::strcmp(argv[i], "--ledger")) ledger_dir = argv[i + 1];
    else { std::fprintf(stderr, "search_bench: unknown option %s\n", argv[i]); return 2; }
  }
  const Ledger ledger = Ledger::load(ledger_dir);
  std::printf("| variant | sampling only | sampling + search (budget %ld) | time ratio |\n|---|---|---|---|\n", budget);
  int both = 0, only_search = 0, only_sampling = 0, neither = 0;
  double log_sum = 0;
  for (const Claim& c : registry()) {
    if (!id_matches(c.id, claims)) continue;
    for (const Variant& v : c.variants) {
      const Expectation* e = ledger.find(c.id, v.slug);
      if (!e || e->verdict != Verdict::Refuted || !v.eval.screen) continue;
      const Found a = first_violation(c, v, 0, max_samples), b = first_violation(c, v, budget, max_samples);
      std::string ratio = "-";
      if (a.found && b.found) {
        ++both;
        log_sum += std::log(a.seconds / b.seconds);
        char r[32];
        std::snprintf(r, sizeof r, "%.2f", a.seconds / b.seconds);
        ratio = r;
      } else if (b.found) ++only_search;
      else if (a.found) ++only_sampling;
      else ++neither;
      std::printf("| %s %s | %s | %s | %s |\n", c.id.c_str(), v.slug.c_str(), cell(a).c_str(), cell(b).c_str(), ratio.c_str());
      std::fflush(stdout);
    }
  }
  std::printf("\nfound by both: %d (geometric mean of sampling-only time / with-search time: %.2f); only with the search: %d; "
              "only by sampling: %d; by neither within %d samples per family: %d\n",
              both, both ? std::exp(log_sum / both) : NAN, only_search, only_sampling, max_samples, neither);
  return 0;
}
