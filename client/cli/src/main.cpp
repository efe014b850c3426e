// gc-hub: command-line hub for the mock-gc toolkit. `gc-hub <command> [flags]`; `gc-hub help`.
#include <iostream>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "command.hpp"

namespace {
void print_usage(std::ostream& os) {
  os << "usage: gc-hub <command> [flags]\n\ncommands:\n";
  for (const auto& c : gchub::commands()) os << fmt::format("  {:<10} {}\n", c.name, c.summary);
  os << "\n`gc-hub help <command>` shows a command's flags.\n";
}
}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_usage(std::cerr);
    return gchub::kExitUsage;
  }
  if (args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    if (args.size() > 1) {
      for (const auto& c : gchub::commands()) {
        if (c.name == args[1]) {
          std::cout << fmt::format("usage: gc-hub {} {}\n\n{}\n", c.name, c.usage, c.summary);
          return gchub::kExitOk;
        }
      }
    }
    print_usage(std::cout);
    return gchub::kExitOk;
  }
  for (const auto& c : gchub::commands()) {
    if (c.name == args[0]) {
      return c.run(std::span<const std::string_view>(args).subspan(1), std::cout, std::cerr);
    }
  }
  std::cerr << fmt::format("gc-hub: unknown command '{}'\n\n", args[0]);
  print_usage(std::cerr);
  return gchub::kExitUsage;
}
