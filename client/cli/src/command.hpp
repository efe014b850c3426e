#pragma once
// gc-hub subcommands on CLI11. Each lives in commands/<name>_command.{hpp,cpp}: an options struct,
// `declare_<name>` (the subcommand with its flags and help text, bound to the struct) and `run_<name>` (the
// work: gets the parsed options and two streams, returns the exit code). command_table.cpp lists them.
// Exit codes: 0 success, 1 the outcome failed (a region ended missing, …), 2 usage or bad input.
#include <iosfwd>
#include <string>
#include <string_view>

#include "mockgc/api/command_line.hpp"

namespace CLI {
class App;
class Validator;
}  // namespace CLI

namespace gchub {

using mockgc::api::kExitFailure;
using mockgc::api::kExitOk;
using mockgc::api::kExitUsage;

/// Prints "gc-hub <command>: <message>" and where the flags are described to `err`; returns kExitUsage.
int usage_error(std::string_view command, std::string_view message, std::ostream& err);

/// Writes `text` to the file at `path` (replacing it): kExitOk, or "gc-hub <command>: cannot write <path>"
/// on `err` and kExitFailure.
int write_output_file(std::string_view command, const std::string& path, std::string_view text, std::ostream& err);

/// Parses the command line (argv[0] is the program) and runs the chosen subcommand: help on `out` and 0,
/// a usage error on `err` and 2, else the subcommand's exit code.
int run_command_line(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

/// Validators shared by the subcommands' numeric flags.
const CLI::Validator& finite_number();  ///< rejects nan, inf
const CLI::Validator& open_unit_interval();  ///< (0, 1)

}  // namespace gchub
