#pragma once
// Command lines in-process for the CLI tests (tests/cli for gc-hub, tests/app for mock-gc): run a
// `run_command_line(argc, argv, out, err)` entry point and capture what it prints, or parse one subcommand
// declared on a fresh CLI11 root and return its options.
#include <CLI/CLI.hpp>
#include <iosfwd>
#include <sstream>
#include <string>
#include <vector>

namespace mockgc::testing {

struct CommandLineOutcome {
  int code = -1;
  std::string out;
  std::string err;
};

// argv[0] = program, then args.
template <class Entry>
CommandLineOutcome run_command_line(Entry entry, const std::string& program, std::vector<std::string> args) {
  args.insert(args.begin(), program);
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  CommandLineOutcome o;
  o.code = entry(static_cast<int>(argv.size()), argv.data(), out, err);
  o.out = out.str();
  o.err = err.str();
  return o;
}

// The options `declare` binds, after parsing `args` (subcommand name first); CLI11 errors propagate.
template <class Options>
Options parse_subcommand(CLI::App* (*declare)(CLI::App&, Options&), std::vector<std::string> args) {
  CLI::App root;
  Options options;
  declare(root, options);
  args.insert(args.begin(), "program");
  std::vector<const char*> argv;
  for (const auto& s : args) argv.push_back(s.c_str());
  root.parse(static_cast<int>(argv.size()), argv.data());
  return options;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace mockgc::testing
