// Sharded runs (`stabcheck run --shard i/N`, `stabcheck fuzz --shard i/N`) and their merge (`stabcheck merge`), and
// the checks shared with `stabcheck run --mpi`. The work item is one variant: item k of the run's Todo list (the
// order of `stabcheck run`, or of the bounds of `stabcheck fuzz`) belongs to shard (k mod N) + 1, so that every
// VariantResult of a shard is that of the unsharded run. A shard writes a partial result file: every result as
// lossless JSON (reports/partial.hpp) with its proof certificate, the options that must agree between shards, the
// version and git commit; the merge validates all of it, re-checks every certificate and writes the reports through
// the same writers as `stabcheck run` (write_reports).
#pragma once
#include "cli/common.hpp"
#include "fuzz/fuzz.hpp"
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace stabcheck::cli {

struct Shard {
  int index = 0, count = 0;  // 1 <= index <= count; count 0: not sharded
  bool active() const { return count > 0; }
  std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};
/// "i/N" with 1 <= i <= N <= 100000; std::invalid_argument otherwise.
Shard parse_shard(const std::string& s);
/// The items of a shard, in increasing order (all of them when not sharded). Without costs round robin: k in
/// [0, total) with k mod N = I - 1. With the costs of all items (`run --balance REPORT`: their seconds in an earlier
/// report) the longest-processing-time split: items by decreasing cost (ties by position), each to the least loaded
/// shard (ties: the lowest) — deterministic, so that the merge recomputes it from the options.
std::vector<size_t> shard_items(size_t total, const Shard& s, const std::vector<double>& costs = {});
/// The costs of `run --balance REPORT`: claims[].seconds of that report.json for the items of todo (an item it does not
/// hold costs the median); std::invalid_argument on an unreadable report.
std::vector<double> costs_from_report(const std::string& path, const Todo& todo);
/// The costs recorded in a partial file's options ("balance"), empty for round robin.
std::vector<double> balance_costs(const nlohmann::json& options);
/// shard-I-of-N.json
std::string partial_file_name(const Shard& s);

inline constexpr const char* kPartialFormat = "stabcheck-partial-result";
inline constexpr int kPartialVersion = 2;  // 2: best_constant.growth

/// A partial result file.
struct Partial {
  std::string path;                    // where it was read (for messages)
  std::string kind;                    // "run" or "fuzz"
  std::string version, git, started, command;
  Shard shard;
  size_t total = 0;                    // work items of the whole run
  nlohmann::json options;              // what must agree between the shards (seed, samples, digits, claims, ...)
  int samples = 0, jobs = 1;           // of the reproducibility block
  double seconds = 0;
  std::vector<RunItem> items;
  std::vector<nlohmann::json> extras;  // per item: the sub-command's own data (the fuzz block), or null
};
/// Write DIR/shard-I-of-N.json atomically; returns its path.
std::string write_partial(const std::string& dir, const Partial& p);
/// std::invalid_argument "'PATH' is not a stabcheck partial result file: ..." on anything malformed.
Partial read_partial(const std::string& path);

/// The options of `stabcheck run` that must agree between the shards.
nlohmann::json run_options_json(const RunArgs& a);

/// Run the items of shard `s` of `todo` and write their partial file into a.out (what run_and_report does for a
/// whole run); `extra` adds per item data (may be empty). Prints one line; returns 0.
int run_shard(const Todo& todo, const RunArgs& a, const Shard& s, const std::string& kind, const nlohmann::json& options,
              const std::string& command, const Ledger& ledger,
              const std::function<nlohmann::json(const RunItem&)>& extra = {});

/// What `stabcheck merge` (and rank 0 of `run --mpi`) checks of the result of (c, v) instead of trusting it: its
/// claim, variant, seed and digits; a certified counterexample is regenerated from its origin and re-judged on its
/// exact sample (judge, at 2 x digits), which must give the same certificate; a proof certificate passes the exact
/// checker (prove::check_certificate) and is of the variant's trace form; `proved` only with one. Throws
/// std::invalid_argument "WHAT: ..." (one line).
void recheck(const Claim& c, const Variant& v, const RunItem& it, bool prove, uint64_t seed, unsigned digits,
             const std::string& what);

/// The file of a proof certificate in the report directory: certificates/CLAIM--VARIANT.json ('/' and ' ' as '_').
std::string certificate_file_name(const std::string& claim, const std::string& variant);

/// A bound of `stabcheck fuzz` in the options of its partial files (name, text, where, expect, dims, line).
nlohmann::json spec_json(const fuzz::Spec& s);
fuzz::Spec spec_from_json(const nlohmann::json& j);  // std::invalid_argument when malformed

/// The fuzz block of report.json and report.md (`stabcheck fuzz`): its entries and table rows, one per bound.
extern const char* const kFuzzMarkdownHeader;
void add_fuzz_block(const std::vector<nlohmann::json>& entries, const std::vector<std::string>& rows, nlohmann::json& report,
                    std::string& markdown);

}  // namespace stabcheck::cli
