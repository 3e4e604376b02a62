// stabcheck run: check claims, write report.{json,md,tex,html}; exit 1 if a verdict differs from its expectation.
#include "cli/command.hpp"
#include "cli/common.hpp"
#include "cli/mpi.hpp"
#include "cli/shard.hpp"
#include <iostream>

namespace stabcheck::cli {
namespace {

struct Run : Command {
  RunArgs a;
  std::string shard, balance;
  bool mpi = false;
  CLI::App* add(CLI::App& app) override {
    auto* run = app.add_subcommand("run", "Check claims; write DIR/report.json, report.md, report.tex and report.html; exit 1 if a verdict differs from its expectation");
    run->add_option("--claims", a.claims, "Claim IDs to run: glob patterns separated by commas (default: all)");
    run->add_option("--samples", a.run.samples, "Samples per family and variant")->check(CLI::Range(1, 1000000));
    run->add_option("--digits", a.run.digits, "Decimal digits of the deciding precision (confirmation uses twice as many)")->check(CLI::Range(20u, 2000u));
    run->add_option("--seed", a.run.seed, "Seed of the random families");
    run->add_option("--jobs", a.run.jobs, "Worker threads")->check(CLI::Range(1, 256));
    run->add_option("--out", a.out, "Output directory");
    run->add_option("--search-budget", a.run.search_budget, "Points the adversarial search screens per variant not refuted by its samples "
                                                           "(NLopt Subplex from the tightest samples, then an evolution strategy); 0: no search")
        ->check(CLI::Range(0L, 100000000L));
    run->add_flag("!--no-prove", a.prove, "Do not attempt exact sum-of-squares proofs of the variants written as trace polynomials");
    run->add_option("--corpus", a.corpus, "Also save every certified counterexample and tightest sample as an exact file in this directory (e.g. tests/corpus)");
    run->add_option("--families", a.run.families, "Only the families whose names match: glob patterns separated by commas "
                                                  "(e.g. 'wishart*'); variants with none of them are skipped");
    run->add_option("--expectations", a.expectations, "Ledger of expected verdicts and witnesses (default: tests/expectations of the source tree)");
    run->add_option("--record", a.record, "Write the verdicts and certified counterexamples of this run as the ledger files of its claims into DIR (e.g. tests/expectations)");
    run->add_option("--shard", shard, "Run only shard I of N (I/N, e.g. 2/8: every N-th variant from the I-th) and write the partial result "
                                      "OUT/shard-I-of-N.json; 'stabcheck merge' of all N writes the report of the whole run");
    run->add_option("--balance", balance, "With --shard: split by cost, the variants' seconds in this earlier report.json (the same file "
                                          "for every shard), longest first to the least loaded shard, instead of every N-th");
    run->add_flag("--mpi", mpi, "Under mpirun (OpenMPI): the ranks take variants one at a time from rank 0, which re-checks the "
                               "certificates and writes the report of the whole run (--jobs threads per rank)");
    return run;
  }
  int order() const override { return 20; }
  int run() override {
    Todo todo;
    for (const auto& c : registry())
      if (id_matches(c.id, a.claims))
        for (const auto& v : c.variants)
          if (!v.eval.screen && !v.statistical.estimate ? a.run.families == "*" : !families_of(c, v, a.run).empty())
            todo.emplace_back(&c, &v);
    if (todo.empty())
      throw std::invalid_argument("no variant matches --claims '" + a.claims + "' and --families '" + a.run.families + "' (see 'stabcheck list')");
    if (mpi && !shard.empty()) throw std::invalid_argument("--mpi and --shard exclude each other (MPI hands out the variants itself)");
    if (!balance.empty() && shard.empty()) throw std::invalid_argument("--balance applies to --shard I/N");
    if (mpi) return run_mpi(todo, a, command_line);
    if (!shard.empty()) {
      const Shard s = parse_shard(shard);
      const Ledger ledger = Ledger::load(a.expectations);
      nlohmann::json options = run_options_json(a);
      if (!balance.empty()) options["balance"] = costs_from_report(balance, todo);  // the merge recomputes the split from them
      return run_shard(todo, a, s, "run", options, command_line, ledger);
    }
    return exit_code(run_and_report(todo, a, command_line));
  }
};
STABCHECK_COMMAND(Run)

}  // namespace
}  // namespace stabcheck::cli
