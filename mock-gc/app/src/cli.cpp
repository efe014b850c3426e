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

// The first word of `words` that looks like an option; what follows `--` is a COMMAND's, not ours.
std::optional<std::string> first_flag(const std::vector<std::string>& words) {
  for (const auto& w : words) {
    if (w == "--") break;
    if (w.starts_with('-')) return w;
  }
  return std::nullopt;
}

std::string verb_names(CLI::App& root) {
  std::string names;
  for (const auto* c : root.get_subcommands([](CLI::App*) { return true; }))
    names += (names.empty() ? "" : ", ") + c->get_name();
  return names;
}

int usage_error(const std::string& verb, const std::string& message, std::ostream& err) {
  const std::string who = verb.empty() ? std::string("mock-gc") : "mock-gc " + verb;
  err << fmt::format("{}: {}\nRun `{} --help` for the options.\n", who, message, who);
  return kExitUsage;
}

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
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return root.exit(e, out, err);  // help, version
    const auto named = root.get_subcommands();
    const std::string verb = named.empty() ? std::string() : named.front()->get_name();
    if (!verb.empty() && dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr)
      if (const auto unknown = first_flag(named.front()->remaining()))
        return usage_error(verb, fmt::format("'{}' is not an option of {}", *unknown, verb), err);
    const auto stray = root.remaining();  // words before the verb, or an unknown word in its place
    if (const auto flag = first_flag(stray))
      return usage_error(verb, fmt::format("unexpected '{}' before the verb (its options go after it)", *flag), err);
    if (!stray.empty())
      return usage_error("", fmt::format("unknown verb '{}' (verbs: {})", stray.front(), verb_names(root)), err);
    if (verb.empty()) return usage_error("", fmt::format("give a verb: {}", verb_names(root)), err);
    return usage_error(verb, e.what(), err);
  }
  return chosen();
}

}  // namespace mockgc::app
