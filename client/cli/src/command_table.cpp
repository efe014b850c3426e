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

constexpr mockgc::api::CommandLineWords kWords{"gc-hub", "command", "flag", "a flag"};

}  // namespace

int usage_error(std::string_view command, std::string_view message, std::ostream& err) {
  return mockgc::api::usage_error(kWords, command, message, err);
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
    return mockgc::api::answer_parse_error(root, e, kWords, out, err);
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
