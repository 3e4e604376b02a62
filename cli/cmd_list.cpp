// stabcheck list: claims and variants with their sources and expected verdicts.
#include "cli/command.hpp"
#include "cli/common.hpp"
#include <iostream>

namespace stabcheck::cli {
namespace {

struct List : Command {
  CLI::App* add(CLI::App& app) override {
    auto* list = app.add_subcommand("list", "List claims and variants with their sources and expected verdicts");
    list->add_option("--expectations", dir, "Ledger of expected verdicts (default: tests/expectations of the source tree)");
    return list;
  }
  std::string dir = default_ledger_dir();
  int order() const override { return 10; }
  int run() override {
    const Ledger ledger = Ledger::load(dir);
    for (const auto& c : registry()) {
      std::cout << c.id << "  [" << c.source << "]\n    " << c.statement << "\n";
      for (const auto& v : c.variants)
        std::cout << "    - " << v.slug << "  expected " << (ledger.find(c.id, v.slug) ? verdict_str(ledger.find(c.id, v.slug)->verdict) : "none recorded") << "  :  " << v.statement << "\n";
    }
    return 0;
  }
};
STABCHECK_COMMAND(List)

}  // namespace
}  // namespace stabcheck::cli
