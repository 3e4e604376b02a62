// stabcheck command line. Each sub-command lives in its own cli/cmd_*.cpp and registers itself.
#include "cli/command.hpp"
#include <algorithm>
#include <iostream>
#include <stdexcept>

#ifndef STABCHECK_VERSION
#define STABCHECK_VERSION "0.0.0"
#endif

namespace stabcheck::cli {
std::vector<std::unique_ptr<Command>>& commands() {
  static std::vector<std::unique_ptr<Command>> all;
  return all;
}

namespace {
// CLI11 says "A subcommand is required" also when one was typed but is unknown: name it, and the choices.
std::string parse_error_text(CLI::App& app, const CLI::ParseError& e) {
  if (!dynamic_cast<const CLI::RequiredError*>(&e)) return e.what();
  CLI::App* level = &app;  // the deepest sub-command parsed: the one that lacks its own
  for (auto parsed = level->get_subcommands(); !parsed.empty(); parsed = level->get_subcommands()) level = parsed.front();
  const auto all = level->get_subcommands([](const CLI::App*) { return true; });
  if (all.empty()) return e.what();
  std::string choices;
  for (const CLI::App* s : all) choices += (choices.empty() ? "" : ", ") + s->get_name();
  const auto extra = level->remaining();
  const std::string where = level == &app ? std::string("stabcheck") : "stabcheck " + level->get_name();
  if (!extra.empty() && extra.front().rfind('-', 0) != 0)
    return "unknown sub-command '" + extra.front() + "' of '" + where + "' (one of: " + choices + ")";
  return "'" + where + "' needs a sub-command (one of: " + choices + ")";
}
}  // namespace
}  // namespace stabcheck::cli

int main(int argc, char** argv) {
  using namespace stabcheck::cli;
  std::string command;
  for (int i = 0; i < argc; ++i) command += (i ? " " : "") + std::string(i == 0 ? "stabcheck" : argv[i]);
  CLI::App app{"stabcheck: numerical verification of the stability bounds of Chang & Khanna (NeurIPS 2025)\n"
               "  stabcheck SUBCOMMAND --help for the options of one sub-command"};
  app.set_version_flag("--version", STABCHECK_VERSION);
  app.require_subcommand(1);
  std::vector<std::pair<CLI::App*, Command*>> subs;
  std::stable_sort(commands().begin(), commands().end(),
                   [](const auto& x, const auto& y) { return x->order() < y->order(); });
  for (auto& c : commands()) {
    c->command_line = command;
    subs.emplace_back(c->add(app), c.get());
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "stabcheck: error: " << parse_error_text(app, e) << " (see 'stabcheck --help')\n";
    return 2;
  }
  try {
    for (auto [sub, c] : subs)
      if (*sub) return c->run();
  } catch (const std::invalid_argument& e) {
    std::cerr << "stabcheck: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "stabcheck: error: " << e.what() << "\n";
    return 3;
  }
  return 2;
}
