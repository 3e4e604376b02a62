// stabcheck list: claims and variants with their sources and expected verdicts.
#include "cli/command.hpp"
#include "core/claim.hpp"
#include <iostream>

namespace stabcheck::cli {
namespace {

struct List : Command {
  CLI::App* add(CLI::App& app) override {
    return app.add_subcommand("list", "List claims and variants with their sources and expected verdicts");
  }
  int order() const override { return 10; }
  int run() override {
    for (const auto& c : registry()) {
      std::cout << c.id << "  [" << c.source << "]\n    " << c.statement << "\n";
      for (const auto& v : c.variants)
        std::cout << "    - " << v.slug << "  expected " << verdict_str(v.expected) << "  :  " << v.statement << "\n";
    }
    return 0;
  }
};
STABCHECK_COMMAND(List)

}  // namespace
}  // namespace stabcheck::cli
