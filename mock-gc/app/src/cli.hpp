#pragma once
// The mock-gc command line, on CLI11: one subcommand per verb. A verb lives in <verb>_command.{hpp,cpp}:
// an options struct, `declare_<verb>` (the subcommand with its options and help, bound to the struct) and
// `<verb>_main` (the work, on the parsed options; returns the exit status). cli.cpp lists the verbs.
// A verb that runs another program (`mock-gc check --scenario F -- ./my-integration {orgs}`) declares a
// positional `std::vector<std::string>` option: CLI11 puts every word after `--` in it, flags included.
// Exit status: 0 ok, 1 the outcome failed, 2 a bad command line (or scenario / start-up input).
#include <iosfwd>

#include "mockgc/api/command_line.hpp"

namespace mockgc::app {

using api::kExitFailure;
using api::kExitOk;
using api::kExitUsage;

// Parses the command line (argv[0] is the program) and runs the chosen verb. --help and --version print
// on `out` and return 0; a usage error prints "mock-gc <verb>: <reason naming the option>" on `err` and
// returns 2.
int run_command_line(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace mockgc::app
