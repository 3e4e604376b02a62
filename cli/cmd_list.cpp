// stabcheck list: claims and variants with their sources and expected verdicts; with --families, what each variant
// samples (the claim's families with their descriptions, and the families of each variant); with --derivations, the
// derivation map: every assertion of the appendix with the variants that check it where it stands, or why none does.
#include "cli/command.hpp"
#include "cli/common.hpp"
#include "core/derivations.hpp"
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
    list->add_flag("--derivations", derivations, "List the derivation map instead: every assertion of the appendix by its id, the variants "
                                                 "that check it where it stands or why none does, and the coverage figure");
    list->add_option("--expectations", dir, "Ledger of expected verdicts (default: tests/expectations of the source tree)");
    return list;
  }
  std::string claims = "*";
  bool families = false, derivations = false;
  std::string dir = default_ledger_dir();
  int order() const override { return 10; }

  /// "N of 181 assertions checked where they stand", the counts by status, then each assertion in appendix order.
  static int list_derivations() {
    const auto& list = appendix_assertions();
    const DerivationCoverage cov = derivation_coverage(list, registry());
    std::cout << cov.headline() << "\n";
    for (const auto& [s, n] : cov.by_status) std::cout << "  " << link_status_str(s) << ": " << n << "\n";
    std::cout << "  not coverage: " << cov.repair_variants << " repaired variant(s), " << cov.outside_variants
              << " variant(s) checking no assertion of the appendix (reformulations, controls, Dexter et al.)\n";
    const auto checks = link_checks(registry());
    std::string section;
    for (const auto& a : list) {
      if (a.section != section) std::cout << "\n" << (section = a.section) << "\n";
      std::string by;
      if (auto it = checks.find(a.id); it != checks.end())
        for (const auto& k : it->second) by += (by.empty() ? "" : ", ") + k.claim + " " + k.variant + (k.repair ? " (repair)" : "");
      std::cout << "  " << a.id << "  [" << link_status_str(link_status(a, checks)) << "]  " << a.text << "\n";
      if (!by.empty()) std::cout << "      checked by " << by << "\n";
      if (!a.reason.empty()) std::cout << "      " << a.reason << "\n";
    }
    return 0;
  }

  int run() override {
    if (derivations) return list_derivations();
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
