// stabcheck list: claims and variants with their sources and expected verdicts; with --families, what each variant
// samples (the claim's families with their descriptions, and the families of each variant).
#include "cli/command.hpp"
#include "cli/common.hpp"
#include <iostream>

namespace stabcheck::cli {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

struct List : Command {
  CLI::App* add(CLI::App& app) override {
    auto* list = app.add_subcommand("list", "List claims and variants with their sources and expected verdicts");
    list->add_option("--claims", claims, "Claim IDs to list: glob patterns separated by commas (default: all)");
    list->add_flag("--families", families, "Also list each claim's families with their descriptions, and the families each variant samples");
    list->add_option("--expectations", dir, "Ledger of expected verdicts (default: tests/expectations of the source tree)");
    return list;
  }
  std::string claims = "*";
  bool families = false;
  std::string dir = default_ledger_dir();
  int order() const override { return 10; }
  int run() override {
    const Ledger ledger = Ledger::load(dir);
    int listed = 0;
    for (const auto& c : registry()) {
      if (!id_matches(c.id, claims)) continue;
      ++listed;
      std::cout << c.id << "  [" << c.source << "]\n    " << c.statement << "\n";
      std::vector<std::string> all;
      for (const auto& f : c.families) all.push_back(f.name);
      if (families) {
        std::cout << "    families:\n";
        for (const auto& f : c.families) std::cout << "      " << f.name << ": " << f.description << "\n";
      }
      for (const auto& v : c.variants) {
        const auto* e = ledger.find(c.id, v.slug);
        std::cout << "    - " << v.slug << "  expected " << (e ? verdict_str(e->verdict) : "none recorded") << "  :  " << v.statement << "\n";
        if (families && v.not_checkable_reason.empty()) {
          const auto fs = families_of(c, v, RunOptions{});
          std::cout << "        samples " << (fs == all ? "all families" : joined(fs)) << "\n";
        }
      }
    }
    if (listed == 0) throw std::invalid_argument("no claim matches --claims '" + claims + "'");
    return 0;
  }
};
STABCHECK_COMMAND(List)

}  // namespace
}  // namespace stabcheck::cli
