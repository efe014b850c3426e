#pragma once
// gc-hub subcommands. Each lives in commands/<name>_command.cpp and is listed once in
// command_table.cpp. A command gets its arguments (after the subcommand name) and two streams, and
// returns the process exit code: 0 success, 1 runtime failure, 2 usage or bad input.
#include <iosfwd>
#include <span>
#include <string_view>

namespace gchub {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

struct Command {
  std::string_view name;
  std::string_view summary;
  std::string_view usage;  ///< flags, printed by `gc-hub help <name>` and on bad flags
  int (*run)(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
};

std::span<const Command> commands();

/// Prints "gc-hub <command>: <message>" and the command's usage to `err`; returns kExitUsage.
int usage_error(std::string_view command, std::string_view message, std::ostream& err);

int run_erlang(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_capacity(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_sync_codes(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_volume(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_adherence(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_forecast(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);
int run_timeoff(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);

}  // namespace gchub
