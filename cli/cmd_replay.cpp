// stabcheck replay: re-evaluate one sample in every tier from its replay token or a corpus file.
#include "cli/command.hpp"
#include "core/runner.hpp"
#include "reports/corpus.hpp"
#include <iostream>

namespace stabcheck::cli {
namespace {

struct ReplayCmd : Command {
  std::string token;
  unsigned digits = 50;
  CLI::App* add(CLI::App& app) override {
    auto* rep = app.add_subcommand("replay", "Re-evaluate one sample exactly from its replay token");
    rep->add_option("token", token, "Replay token CLAIM/variant/family/seed/index[/shrink.path], or a corpus file (*.json)")->required();
    rep->add_option("--digits", digits, "Decimal digits")->check(CLI::Range(20u, 2000u));
    return rep;
  }
  int order() const override { return 30; }
  int run() override {
    Replay r;
    if (token.size() > 5 && token.substr(token.size() - 5) == ".json") {  // a corpus file: its exact inputs
      CorpusEntry e = read_corpus_file(token);
      const Claim& c = find_claim(e.claim);
      r = replay(c.variant(e.variant), Origin{e.claim, e.variant, "corpus:" + token, 0, 0, {}}, e.sample, digits);
      std::cout << "corpus file " << token << " (" << e.kind << ", recorded from " << e.token << ")\n";
    } else {
      r = replay(token, digits);
    }
    std::cout << "replay " << r.origin.token() << "\n" << r.statement << "\n\n" << to_text(r.sample) << "\n";
    std::cout << "double:       lhs = " << r.lhs_double << "   rhs = " << r.rhs_double << "\n";
    std::cout << digits << " digits:    lhs = " << r.lhs_mpfr << "\n              rhs = " << r.rhs_mpfr
              << "\n              relative slack = " << r.slack_mpfr << "\n";
    std::cout << "enclosures:   lhs in " << r.exact.lhs << "\n              rhs in " << r.exact.rhs << "\n              slack in "
              << r.exact.slack << "  (" << r.exact.method << ")\n";
    std::cout << "verdict on this sample: " << r.outcome << "\n";
    return 0;
  }
};
STABCHECK_COMMAND(ReplayCmd)

}  // namespace
}  // namespace stabcheck::cli
