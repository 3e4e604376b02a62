// Sub-commands register themselves here (one file per command, like claims), so that a new command
// is a new file in cli/ and main.cpp never changes.
#pragma once
#include <CLI/CLI.hpp>
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

}  // namespace stabcheck::cli

#define STABCHECK_COMMAND(C) \
  static const bool stabcheck_command_registered_##C = ::stabcheck::cli::register_command<C>();
