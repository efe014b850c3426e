#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "mockgc/api/command_line.hpp"

using namespace mockgc::api;

namespace {

constexpr CommandLineWords kWords{"prog", "verb", "option", "an option"};

struct Answer {
  int code = -1;
  std::string out;
  std::string err;
};

// A root with two verbs: `go --speed N` (with a COMMAND after `--`) and `stop`.
Answer parse(std::vector<std::string> args) {
  CLI::App root{"test program", "prog"};
  root.require_subcommand(1);
  double speed = 1.0;
  std::vector<std::string> command;
  auto* go = root.add_subcommand("go", "go somewhere");
  go->add_option("--speed", speed, "how fast");
  go->add_option("command", command, "what to run");
  root.add_subcommand("stop", "stop");
  args.insert(args.begin(), "prog");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  Answer a;
  try {
    root.parse(static_cast<int>(argv.size()), argv.data());
    a.code = kExitOk;
  } catch (const CLI::ParseError& e) {
    a.code = answer_parse_error(root, e, kWords, out, err);
  }
  a.out = out.str();
  a.err = err.str();
  return a;
}

}  // namespace

TEST(CommandLine, HelpPrintsOnOutAndSucceeds) {
  const auto a = parse({"go", "--help"});
  EXPECT_EQ(a.code, kExitOk);
  EXPECT_NE(a.out.find("--speed"), std::string::npos);
  EXPECT_TRUE(a.err.empty());
}

TEST(CommandLine, AnUnknownOptionOfTheVerbIsNamed) {
  const auto a = parse({"go", "--junit", "x"});
  EXPECT_EQ(a.code, kExitUsage);
  EXPECT_EQ(a.err, "prog go: '--junit' is not an option of go\nRun `prog go --help` for the options.\n");
}

TEST(CommandLine, AnOptionBeforeTheVerbIsNamed) {
  const auto a = parse({"--speed", "2", "go"});
  EXPECT_EQ(a.code, kExitUsage);
  EXPECT_NE(a.err.find("unexpected '--speed' before the verb (its options go after it)"), std::string::npos) << a.err;
}

TEST(CommandLine, AnUnknownOrMissingVerbListsTheVerbs) {
  const auto unknown = parse({"fly"});
  EXPECT_EQ(unknown.code, kExitUsage);
  EXPECT_EQ(unknown.err, "prog: unknown verb 'fly' (verbs: go, stop)\nRun `prog --help` for the options.\n");
  const auto missing = parse({});
  EXPECT_EQ(missing.code, kExitUsage);
  EXPECT_EQ(missing.err, "prog: give a verb: go, stop\nRun `prog --help` for the options.\n");
}

TEST(CommandLine, WordsAfterTheSeparatorBelongToTheCommand) {
  EXPECT_EQ(parse({"go", "--", "./integration", "--junit", "x"}).code, kExitOk);
}

TEST(CommandLine, AnInvalidValueKeepsTheParsersReason) {
  const auto a = parse({"go", "--speed", "fast"});
  EXPECT_EQ(a.code, kExitUsage);
  EXPECT_EQ(a.err.rfind("prog go: ", 0), 0u) << a.err;
  EXPECT_NE(a.err.find("--speed"), std::string::npos) << a.err;
}
