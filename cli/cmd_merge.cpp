// stabcheck merge: the partial results of `run --shard I/N` or `fuzz --shard I/N` -> the report of the whole run,
// identical to the unsharded run's apart from timing and environment fields. Everything is validated and every
// certificate re-checked before anything is written; a missing, duplicated, corrupt or mismatched shard is a one-line
// error, exit 2. Exit codes otherwise as `stabcheck run` (or `stabcheck fuzz` for fuzz shards).
#include "cli/command.hpp"
#include "cli/common.hpp"
#include "cli/shard.hpp"
#include <chrono>
#include <map>
#include <sstream>

namespace stabcheck::cli {
namespace {

std::string without_shard_option(const std::string& command) {
  std::istringstream in(command);
  std::string out, w;
  for (bool skip = false; in >> w;) {
    if (skip) { skip = false; continue; }
    if (w == "--shard") { skip = true; continue; }
    if (w.rfind("--shard=", 0) == 0) continue;
    out += (out.empty() ? "" : " ") + w;
  }
  return out;
}

std::string named(const Partial& p) { return "'" + p.path + "' (shard " + p.shard.text() + ")"; }

struct Merge : Command {
  std::vector<std::string> parts;
  std::string out = "stabcheck-report", corpus, record;
  CLI::App* add(CLI::App& app) override {
    auto* m = app.add_subcommand("merge",
                                 "Merge the partial results of 'stabcheck run --shard I/N' or 'fuzz --shard I/N' (all N) into "
                                 "DIR/report.{json,md,tex,html}, as the unsharded run writes them; every certificate is re-checked; a "
                                 "missing, duplicated, corrupt or mismatched shard writes nothing (exit 2)");
    m->add_option("parts", parts, "The partial result files (shard-I-of-N.json), all N of them, in any order")->required();
    m->add_option("--out", out, "Output directory of the report");
    m->add_option("--corpus", corpus, "Also save every certified counterexample and tightest sample as an exact file in this directory");
    m->add_option("--record", record, "Write the verdicts and certified counterexamples as the ledger files of the claims into DIR");
    return m;
  }
  int order() const override { return 45; }

  int run() override {
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<Partial> ps;
    for (const auto& path : parts) ps.push_back(read_partial(path));
    const Partial& first = ps.front();
    for (const auto& p : ps) {
      if (p.kind != first.kind)
        throw std::invalid_argument(named(p) + " is of 'stabcheck " + p.kind + "', " + named(first) + " of 'stabcheck " + first.kind + "'");
      if (p.version != first.version || p.git != first.git)
        throw std::invalid_argument(named(p) + " was written by stabcheck " + p.version + " (git " + p.git + "), " + named(first) +
                                    " by " + first.version + " (git " + first.git + ")");
      if (p.shard.count != first.shard.count)
        throw std::invalid_argument(named(p) + " is one of " + std::to_string(p.shard.count) + " shards, " + named(first) + " one of " +
                                    std::to_string(first.shard.count));
      if (p.options != first.options) {
        std::string key = "options";
        for (const auto& [k, v] : first.options.items())
          if (!p.options.contains(k) || p.options[k] != v) { key = k; break; }
        for (const auto& [k, v] : p.options.items())
          if (key == "options" && !first.options.contains(k)) key = k;
        auto val = [&](const nlohmann::json& o) {
          std::string t = o.contains(key) ? o[key].dump() : std::string("(none)");
          return t.size() > 60 ? t.substr(0, 57) + "..." : t;
        };
        throw std::invalid_argument(named(p) + " was run with other options than " + named(first) + ": " + key + " " + val(p.options) +
                                    " vs " + val(first.options));
      }
      if (p.total != first.total)
        throw std::invalid_argument(named(p) + " has " + std::to_string(p.total) + " work items, " + named(first) + " " +
                                    std::to_string(first.total));
    }
    const std::string here = git_commit();
    if (first.version != STABCHECK_VERSION || first.git != here)
      throw std::invalid_argument("the shards were written by stabcheck " + first.version + " (git " + first.git + "), this is " +
                                  STABCHECK_VERSION + " (git " + here + "): merge with the stabcheck that ran them");
    const int N = first.shard.count;
    std::map<int, const Partial*> by_index;
    for (const auto& p : ps) {
      auto [it, fresh] = by_index.emplace(p.shard.index, &p);
      if (!fresh) throw std::invalid_argument("shard " + p.shard.text() + " is given twice: '" + it->second->path + "' and '" + p.path + "'");
    }
    std::string missing;
    for (int i = 1; i <= N; ++i)
      if (!by_index.count(i)) missing += (missing.empty() ? "" : ", ") + std::to_string(i) + "/" + std::to_string(N);
    if (!missing.empty())
      throw std::invalid_argument("shard" + std::string(missing.find(',') != std::string::npos ? "s " : " ") + missing + " missing (" +
                                  std::to_string(ps.size()) + " of " + std::to_string(N) + " given)");

    // The run's work items, from the options, by this stabcheck.
    const nlohmann::json& o = first.options;
    Todo todo;
    std::vector<fuzz::FuzzClaim> fuzz_claims;
    Ledger ledger;
    bool prove = false;
    uint64_t seed = 0;
    unsigned digits = 0;
    try {
      prove = o.at("prove").get<bool>();
      seed = o.at("seed").get<uint64_t>();
      digits = o.at("digits").get<unsigned>();
      if (first.kind == "run") {
        const std::string pattern = o.at("claims").get<std::string>();
        for (const auto& c : registry())
          if (id_matches(c.id, pattern))
            for (const auto& v : c.variants) todo.emplace_back(&c, &v);
        ledger = Ledger::load(o.at("expectations").get<std::string>());
      } else {
        fuzz::Options fo;
        std::tie(fo.dlo, fo.dhi) = fuzz::parse_dims(o.at("dims").get<std::string>());
        fo.mode = fuzz::parse_search_mode(o.at("search").get<std::string>());
        fo.digits = digits;
        for (const auto& sj : o.at("specs")) fuzz_claims.push_back(fuzz::make_claim(spec_from_json(sj), fo));
        for (auto& fc : fuzz_claims) {
          if (prove) {
            fc.claim.variants[0].trace_bound = fc.spec.text;
            fc.claim.variants[0].trace_where = fc.spec.where;
          }
          if (fc.spec.expect) ledger.set(fc.claim.id, fc.claim.variants[0].slug, Expectation{*fc.spec.expect, std::nullopt});
          todo.emplace_back(&fc.claim, &fc.claim.variants[0]);
        }
      }
    } catch (const nlohmann::json::exception& e) {
      throw std::invalid_argument(named(first) + ": malformed options: " + e.what());
    }
    if (todo.size() != first.total)
      throw std::invalid_argument("the shards hold " + std::to_string(first.total) + " work items, but their options select " +
                                  std::to_string(todo.size()) + " in this stabcheck");

    const auto since = [](std::chrono::steady_clock::time_point t) {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
    };
    const double read_seconds = since(t0);
    const auto t1 = std::chrono::steady_clock::now();
    long counterexamples = 0, proofs = 0;
    // Re-check every result instead of trusting its shard.
    std::vector<const RunItem*> items(todo.size(), nullptr);
    std::vector<const nlohmann::json*> extras(todo.size(), nullptr);
    for (const auto& [i, p] : by_index)
      for (size_t k = 0; k < p->items.size(); ++k) {
        const RunItem& it = p->items[k];
        const auto [c, v] = todo[it.index];
        recheck(*c, *v, it, prove, seed, digits, named(*p));
        counterexamples += it.result.certified;
        proofs += !it.certificate.is_null();
        items[it.index] = &it;
        extras[it.index] = &p->extras[k];
      }
    std::vector<VariantResult> results;
    std::vector<RunItem> kept;
    std::vector<nlohmann::json> entries;
    std::vector<std::string> rows;
    for (size_t k = 0; k < todo.size(); ++k) {
      if (!items[k]) throw std::invalid_argument("no shard holds item " + std::to_string(k + 1));  // excluded by read_partial
      RunItem it = *items[k];
      ledger.apply(it.result);
      results.push_back(it.result);
      kept.push_back(std::move(it));
      if (first.kind == "fuzz") {
        const nlohmann::json& x = *extras[k];
        if (!x.is_object() || !x.contains("entry") || !x.contains("row") || !x["row"].is_string())
          throw std::invalid_argument(named(*by_index.at(int(k % size_t(N)) + 1)) + ": item " + std::to_string(k + 1) + " has no fuzz block");
        entries.push_back(x["entry"]);
        rows.push_back(x["row"].get<std::string>());
      }
    }

    const double check_seconds = since(t1);
    RunArgs a;
    a.out = out;
    a.corpus = corpus;
    a.record = record;
    a.run.seed = seed;
    a.run.digits = digits;
    a.run.samples = by_index.at(1)->samples;
    a.run.jobs = by_index.at(1)->jobs;
    std::string started = first.started;
    double slowest = 0;
    for (const auto& p : ps) {
      started = std::min(started, p.started);
      slowest = std::max(slowest, p.seconds);
    }
    const double merge_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    // seconds: the slowest shard plus this merge (the wall time when the shards run side by side)
    const RunInfo info = run_info(a, without_shard_option(by_index.at(1)->command), started, slowest + merge_seconds);
    write_reports(results, certificate_files(kept), a, info,
                  [&](const std::vector<VariantResult>&, nlohmann::json& report, std::string& md) {
                    report["environment"]["merged_shards"] = N;
                    if (first.kind == "fuzz") add_fuzz_block(entries, rows, report, md);
                  });
    std::cerr << "merge: " << N << " shard(s), " << results.size() << " results; read and validated in " << read_seconds
              << " s, re-checked " << counterexamples << " certified counterexample(s) and " << proofs << " proof certificate(s) in "
              << check_seconds << " s, reports written in " << since(t1) - check_seconds << " s\n";
    if (first.kind == "fuzz") {
      for (const auto& r : results)
        if (r.recorded && !r.matches()) return 1;
      return 0;
    }
    return exit_code(results);
  }
};
STABCHECK_COMMAND(Merge)

}  // namespace
}  // namespace stabcheck::cli
