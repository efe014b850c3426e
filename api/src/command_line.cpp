#include "mockgc/api/command_line.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace mockgc::api {
namespace {

// The first word of `words` that looks like an option; what follows `--` is another program's.
std::optional<std::string> first_option(const std::vector<std::string>& words) {
  for (const auto& w : words) {
    if (w == "--") break;
    if (w.starts_with('-')) return w;
  }
  return std::nullopt;
}

std::string subcommand_names(CLI::App& root) {
  std::string names;
  for (const auto* c : root.get_subcommands([](CLI::App*) { return true; }))
    names += (names.empty() ? "" : ", ") + c->get_name();
  return names;
}

}  // namespace

int usage_error(const CommandLineWords& words, std::string_view subcommand, std::string_view message,
                std::ostream& err) {
  const std::string who =
      subcommand.empty() ? std::string(words.program) : fmt::format("{} {}", words.program, subcommand);
  err << fmt::format("{}: {}\nRun `{} --help` for the {}s.\n", who, message, who, words.option);
  return kExitUsage;
}

int answer_parse_error(CLI::App& root, const CLI::ParseError& error, const CommandLineWords& words,
                       std::ostream& out, std::ostream& err) {
  if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return root.exit(error, out, err);
  const auto named = root.get_subcommands();
  const std::string chosen = named.empty() ? std::string() : named.front()->get_name();
  if (!chosen.empty())
    if (const auto unknown = first_option(named.front()->remaining()))
      return usage_error(words, chosen, fmt::format("'{}' is not {} of {}", *unknown, words.an_option, chosen), err);
  const auto stray = root.remaining();  // words before the subcommand, or an unknown word in its place
  if (const auto option = first_option(stray))
    return usage_error(words, chosen,
                       fmt::format("unexpected '{}' before the {} (its {}s go after it)", *option, words.subcommand,
                                   words.option),
                       err);
  if (!stray.empty())
    return usage_error(words, "",
                       fmt::format("unknown {} '{}' ({}s: {})", words.subcommand, stray.front(), words.subcommand,
                                   subcommand_names(root)),
                       err);
  if (chosen.empty())
    return usage_error(words, "", fmt::format("give a {}: {}", words.subcommand, subcommand_names(root)), err);
  return usage_error(words, chosen, error.what(), err);
}

}  // namespace mockgc::api
