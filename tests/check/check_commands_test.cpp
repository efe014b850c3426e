// The `check` and `verify` subcommands on CLI11: the flags of the issue, `--` before COMMAND, usage errors.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "check_commands.hpp"
#include "scratch_dir.hpp"

namespace mockgc::app {
namespace {

namespace fs = std::filesystem;
const fs::path kData = MOCKGC_CHECK_TEST_DATA;

// Parses `args` (after the program name) on an App with the check commands; returns the exit code they set,
// -1 when none ran. CLI::ParseError propagates.
int parse(std::vector<std::string> args) {
  CLI::App app("mock-gc");
  int exit_code = -1;
  add_check_commands(app, exit_code);
  args.insert(args.begin(), "mock-gc");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  app.parse(static_cast<int>(argv.size()), argv.data());
  return exit_code;
}

class CheckCommands : public ::testing::Test {
 protected:
  testing::ScratchDir scratch_;
  const fs::path& tmp_ = scratch_.path();
};

TEST_F(CheckCommands, CheckRunsTheCommandAfterTheDashesAndVerifyReadsItsJournal) {
  const auto dir = tmp_ / "report";
  const auto scenario = (kData / "two_orgs.json").string();
  EXPECT_EQ(parse({"check", "--scenario", scenario, "--seed", "9", "--speed", "2", "--time-limit", "PT30S",
                   "--report-dir", dir.string(), "--", "python3", (kData / "integration.py").string(), "--orgs",
                   "{orgs}", "--exit", "0"}),
            0);
  EXPECT_TRUE(fs::exists(dir / "report.json"));
  EXPECT_TRUE(fs::exists(dir / "junit.xml"));

  EXPECT_EQ(parse({"verify", "--journal", (dir / "journal.jsonl").string(), "--scenario", scenario, "--report-dir",
                   (tmp_ / "offline").string(), "--strict"}),
            0);
  EXPECT_TRUE(fs::exists(tmp_ / "offline" / "report.json"));
}

TEST_F(CheckCommands, BadFlagsAreUsageErrors) {
  const auto scenario = (kData / "two_orgs.json").string();
  EXPECT_THROW(parse({"check", "--", "true"}), CLI::ParseError);  // no --scenario
  EXPECT_THROW(parse({"check", "--scenario", scenario}), CLI::ParseError);  // no COMMAND
  EXPECT_THROW(parse({"check", "--scenario", scenario, "--speed", "0", "--", "true"}), CLI::ParseError);
  EXPECT_THROW(parse({"check", "--scenario", scenario, "--speed", "inf", "--", "true"}), CLI::ParseError);
  EXPECT_THROW(parse({"check", "--scenario", scenario, "--time-limit", "10m", "--", "true"}), CLI::ParseError);
  EXPECT_THROW(parse({"check", "--scenario", scenario, "--seed", "abc", "--", "true"}), CLI::ParseError);
  EXPECT_THROW(parse({"verify", "--scenario", scenario}), CLI::ParseError);  // no --journal
}

}  // namespace
}  // namespace mockgc::app
