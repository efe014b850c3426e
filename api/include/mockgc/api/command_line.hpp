#pragma once
// The command-line contract both executables (mock-gc and gc-hub) keep with the scripts and CI pipelines
// that run them: the exit statuses, and one wording for a bad command line (on CLI11).
#include <iosfwd>
#include <string_view>

namespace CLI {
class App;
class ParseError;
}  // namespace CLI

namespace mockgc::api {

inline constexpr int kExitOk = 0;       // the outcome is what was asked for
inline constexpr int kExitFailure = 1;  // the run completed and its outcome failed (a region missing, a rule failed)
inline constexpr int kExitUsage = 2;    // a bad command line or bad input; nothing was run

// What a program calls its subcommands and their options: {"gc-hub", "command", "flag", "a flag"} or
// {"mock-gc", "verb", "option", "an option"}.
struct CommandLineWords {
  std::string_view program;
  std::string_view subcommand;
  std::string_view option;
  std::string_view an_option;  // `option` with its article
};

// Prints "<program> [<subcommand>]: <message>" and where the options are described on `err`; returns
// kExitUsage.
int usage_error(const CommandLineWords& words, std::string_view subcommand, std::string_view message,
                std::ostream& err);

// The answer to a CLI11 parse error of `root`: --help (and --version) print on `out` and return kExitOk;
// anything else is one usage error naming what is wrong — an unknown option of the chosen subcommand, an
// option before the subcommand, an unknown subcommand, a missing subcommand, or CLI11's own message
// (a missing or invalid value). Words after `--` belong to a command the program runs, never to it.
int answer_parse_error(CLI::App& root, const CLI::ParseError& error, const CommandLineWords& words,
                       std::ostream& out, std::ostream& err);

}  // namespace mockgc::api
