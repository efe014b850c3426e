#include <CLI/CLI.hpp>
#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <vector>

#include <fmt/format.h>

#include "command.hpp"
#include "commands/adherence_command.hpp"
#include "commands/capacity_command.hpp"
#include "commands/erlang_command.hpp"
#include "commands/forecast_command.hpp"
#include "commands/schedules_command.hpp"
#include "commands/overview_command.hpp"
#include "commands/sync_codes_command.hpp"
#include "commands/timeoff_command.hpp"
#include "commands/trades_command.hpp"
#include "commands/volume_command.hpp"
#include "commands/shifts_command.hpp"

namespace gchub {

namespace {

using Chosen = std::function<int(std::ostream& out, std::ostream& err)>;

// Declares one subcommand; when the command line names it, `chosen` runs `run` on its parsed options.
template <class Options>
void add(CLI::App& root, Chosen& chosen, CLI::App* (*declare)(CLI::App&, Options&),
         int (*run)(const Options&, std::ostream&, std::ostream&)) {
  auto options = std::make_shared<Options>();
  declare(root, *options)->callback([&chosen, options, run] {
    chosen = [options, run](std::ostream& out, std::ostream& err) { return run(*options, out, err); };
  });
}

// To add a subcommand: write commands/<name>_command.{hpp,cpp} (options struct, declare_<name>,
// run_<name>) and add one line here. The order is the order of `gc-hub --help`.
void add_commands(CLI::App& root, Chosen& chosen) {
  add(root, chosen, declare_erlang, run_erlang);
  add(root, chosen, declare_capacity, run_capacity);
  add(root, chosen, declare_sync_codes, run_sync_codes);
  add(root, chosen, declare_volume, run_volume);
  add(root, chosen, declare_adherence, run_adherence);
  add(root, chosen, declare_timeoff, run_timeoff);
  add(root, chosen, declare_forecast, run_forecast);
  add(root, chosen, declare_schedules_push, run_schedules_push);
  add(root, chosen, declare_overview, run_overview);
  add(root, chosen, declare_shifts, run_shifts);
  add(root, chosen, declare_trades, run_trades);
}

// The subcommand a parse error belongs to ("" before one was named).
std::string command_of(const CLI::App& root) {
  const auto named = root.get_subcommands();
  return named.empty() ? std::string() : named.front()->get_name();
}

// The first word of `words` that looks like a flag.
std::optional<std::string> first_flag(const std::vector<std::string>& words) {
  for (const auto& w : words)
    if (w.starts_with('-')) return w;
  return std::nullopt;
}

std::string command_names(CLI::App& root) {
  std::string names;
  for (const auto* c : root.get_subcommands([](CLI::App*) { return true; }))
    names += (names.empty() ? "" : ", ") + c->get_name();
  return names;
}

}  // namespace

int usage_error(std::string_view command, std::string_view message, std::ostream& err) {
  const std::string who = command.empty() ? std::string("gc-hub") : fmt::format("gc-hub {}", command);
  err << fmt::format("{}: {}\nRun `{} --help` for the flags.\n", who, message, who);
  return kExitUsage;
}

int run_command_line(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App root{"gc-hub: the command-line hub of the mock-gc toolkit. Workforce workflows across several Genesys Cloud\n"
                "orgs (ORGS.json, written by `mock-gc serve --write-orgs FILE`) and capacity planning tools.",
                "gc-hub"};
  root.require_subcommand(1);
  root.option_defaults()->always_capture_default();
  root.footer("`gc-hub <command> --help` shows a command's flags.\n"
              "Exit status: 0 success, 1 the outcome failed (a region ended missing), 2 usage or bad input.");
  Chosen chosen;
  add_commands(root, chosen);
  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return root.exit(e, out, err);  // --help
    const auto command = command_of(root);
    const auto stray = root.remaining();  // words before the command, or an unknown word in its place
    if (const auto flag = first_flag(stray))
      return usage_error(command, fmt::format("unexpected '{}' before the command (its flags go after it)", *flag), err);
    if (!stray.empty())
      return usage_error("", fmt::format("unknown command '{}' (commands: {})", stray.front(), command_names(root)), err);
    if (command.empty()) return usage_error("", fmt::format("give a command: {}", command_names(root)), err);
    if (const auto unknown = first_flag(root.get_subcommand(command)->remaining()))
      return usage_error(command, fmt::format("'{}' is not a flag of {}", *unknown, command), err);
    return usage_error(command, e.what(), err);
  }
  return chosen(out, err);
}

const CLI::Validator& finite_number() {
  static const CLI::Validator check(
      [](std::string& text) {
        double x = 0.0;
        if (!CLI::detail::lexical_cast(text, x) || !std::isfinite(x))
          return fmt::format("expects a finite number (got '{}')", text);
        return std::string();
      },
      "", "finite");
  return check;
}

const CLI::Validator& open_unit_interval() {
  static const CLI::Validator check(
      [](std::string& text) {
        double x = 0.0;
        if (!CLI::detail::lexical_cast(text, x) || !(x > 0.0 && x < 1.0))
          return fmt::format("expects a number in (0, 1) (got '{}')", text);
        return std::string();
      },
      "in (0, 1)", "open unit interval");
  return check;
}

}  // namespace gchub
