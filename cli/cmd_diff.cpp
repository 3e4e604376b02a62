// stabcheck diff OLD.json NEW.json: what changed between two reports (Markdown), the changed findings first (a claim
// status that flipped, a new or changed certified counterexample, a proof step that broke), then the detail; exit 1 when
// a verdict changed (reports/diff.hpp).
#include "cli/command.hpp"
#include "cli/common.hpp"
#include "reports/diff.hpp"
#include <iostream>

namespace stabcheck::cli {
namespace {

struct Diff : Command {
  std::string old_report, new_report;
  double factor = 10;
  CLI::App* add(CLI::App& app) override {
    auto* dif = app.add_subcommand("diff", "Compare two report.json files (Markdown): changed findings first, then the detail; exit 1 when a verdict changed");
    dif->add_option("old", old_report, "Old report.json")->required();
    dif->add_option("new", new_report, "New report.json")->required();
    dif->add_option("--factor", factor, "Report smallest slacks that moved by more than this factor")->check(at_least_one());
    return dif;
  }
  int order() const override { return 90; }
  int run() override {
    DiffResult d = diff_reports(read_report(old_report), read_report(new_report), factor);
    std::cout << d.markdown;
    return d.verdict_changes > 0 ? 1 : 0;
  }
};
STABCHECK_COMMAND(Diff)

}  // namespace
}  // namespace stabcheck::cli
