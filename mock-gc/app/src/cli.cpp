#include "cli.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <vector>

#include "check_command.hpp"
#include "explore_command.hpp"
#include "run_command.hpp"
#include "serve_command.hpp"

namespace mockgc::app {
namespace {

using Chosen = std::function<int()>;

// Declares one verb; when the command line names it, `chosen` runs `verb_main` on its parsed options.
template <class Options>
void add(CLI::App& root, Chosen& chosen, CLI::App* (*declare)(CLI::App&, Options&),
         int (*verb_main)(const Options&)) {
  auto options = std::make_shared<Options>();
  declare(root, *options)->callback([&chosen, options, verb_main] {
    chosen = [options, verb_main] { return verb_main(*options); };
  });
}

// To add a verb: write <verb>_command.{hpp,cpp} (options struct, declare_<verb>, <verb>_main) and add one
// line here. The order is the order of `mock-gc --help`.
void add_verbs(CLI::App& root, Chosen& chosen) {
  add(root, chosen, declare_serve, serve_main);
  add(root, chosen, declare_run, run_main);
  add(root, chosen, declare_check, check_main);
  add(root, chosen, declare_verify, verify_main);
  add(root, chosen, declare_explore, explore_main);
}

constexpr api::CommandLineWords kWords{"mock-gc", "verb", "option", "an option"};

}  // namespace

int run_command_line(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App root{"mock-gc: a simulated multi-region Genesys Cloud API (HTTP/1.1) and its conformance harness.",
                "mock-gc"};
  root.set_version_flag("--version", "mock-gc " MOCKGC_VERSION);
  root.require_subcommand(1);
  root.option_defaults()->always_capture_default();
  root.footer("`mock-gc <verb> --help` shows a verb's options.");
  Chosen chosen;
  add_verbs(root, chosen);
  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return api::answer_parse_error(root, e, kWords, out, err);
  }
  return chosen();
}

}  // namespace mockgc::app
