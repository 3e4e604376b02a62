// Sub-commands register themselves here (one file per command, like claims), so that a new command
// is a new file in cli/ and main.cpp never changes.
#pragma once
#include <CLI/CLI.hpp>
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace stabcheck::cli {

struct Command {
  virtual ~Command() = default;
  virtual CLI::App* add(CLI::App& app) = 0;  // declare the sub-command and its options
  virtual int run() = 0;                     // exit code: 0 ok, 1 verdict/claim failure, 2 bad input
  virtual int order() const { return 100; }  // position in --help (list 10, run 20, replay 30, diff 90)
  std::string command_line;                  // the whole invocation, for reproducibility blocks
};

std::vector<std::unique_ptr<Command>>& commands();

template <class C> bool register_command() {
  commands().push_back(std::make_unique<C>());
  return true;
}

/// Real-valued option checks with a one-line message ("--eta: must be a finite number > 0, got 0"); CLI11's own
/// PositiveNumber and Range print the whole range of double.
inline CLI::Validator real_check(const std::string& what, std::function<bool(double)> ok) {
  return CLI::Validator(
      [what, ok](std::string& s) -> std::string {
        double x = NAN;
        size_t used = 0;
        try { x = std::stod(s, &used); } catch (...) { used = 0; }
        if (used == 0 || used != s.size() || !std::isfinite(x) || !ok(x))
          return "must be a finite number " + what + ", got '" + s + "'";
        return "";
      },
      what);
}
inline CLI::Validator positive() { return real_check("> 0", [](double x) { return x > 0; }); }
inline CLI::Validator non_negative() { return real_check(">= 0", [](double x) { return x >= 0; }); }
inline CLI::Validator at_least_one() { return real_check(">= 1", [](double x) { return x >= 1; }); }

}  // namespace stabcheck::cli

#define STABCHECK_COMMAND(C) \
  static const bool stabcheck_command_registered_##C = ::stabcheck::cli::register_command<C>();
