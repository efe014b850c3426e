// `mock-gc explore` through the real command line: the flags, `--` before COMMAND, usage errors that name the
// flag (exit 2), and a COMMAND failing in calm weather (exit 1).
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli.hpp"
#include "scratch_dir.hpp"
#include "support/command_line.hpp"

namespace mockgc::app {
namespace {

namespace fs = std::filesystem;
const fs::path kData = MOCKGC_EXPLORE_TEST_DATA;

testing::CommandLineOutcome mock_gc(std::vector<std::string> args) {
  return testing::run_command_line(run_command_line, "mock-gc", std::move(args));
}

TEST(ExploreCommand, BadFlagsAreUsageErrorsThatNameTheFlag) {
  const auto scenario = (kData / "outages.json").string();
  const struct {
    std::vector<std::string> args;
    std::string named;
  } cases[] = {
      {{"explore", "--", "true"}, "--scenario"},
      {{"explore", "--scenario", scenario}, "command"},
      {{"explore", "--scenario", scenario, "--cases", "0", "--", "true"}, "--cases"},
      {{"explore", "--scenario", scenario, "--speed", "0", "--", "true"}, "--speed"},
      {{"explore", "--scenario", scenario, "--time-limit-per-case", "30s", "--", "true"}, "--time-limit-per-case"},
      {{"explore", "--scenario", scenario, "--shrink-runs", "-1", "--", "true"}, "--shrink-runs"},
      {{"explore", "--scenario", scenario, "--seed", "abc", "--", "true"}, "--seed"},
  };
  for (const auto& c : cases) {
    const auto o = mock_gc(c.args);
    EXPECT_EQ(o.code, 2) << c.args.back();
    EXPECT_TRUE(testing::contains(o.err, c.named)) << o.err;
    EXPECT_TRUE(o.out.empty()) << o.out;
  }
}

TEST(ExploreCommand, HelpListsTheFlagsAndExitCodes) {
  const auto o = mock_gc({"explore", "--help"});
  EXPECT_EQ(o.code, 0);
  for (const char* flag : {"--scenario", "--cases", "--seed", "--speed", "--time-limit-per-case", "--report-dir",
                           "--rules", "--shrink-runs", "exit status: 0"})
    EXPECT_TRUE(testing::contains(o.out, flag)) << flag;
}

TEST(ExploreCommand, RunsTheCommandAfterTheDashes) {
  testing::ScratchDir scratch;
  const auto o = mock_gc({"explore", "--scenario", (kData / "outages.json").string(), "--report-dir",
                          (scratch.path() / "r").string(), "--", "false"});
  EXPECT_EQ(o.code, 1) << o.err;  // `false` fails in calm weather (verbs print to the process's stdout)
  EXPECT_TRUE(fs::exists(scratch.path() / "r" / "counterexample.json"));
  EXPECT_TRUE(fs::exists(scratch.path() / "r" / "original" / "report.json"));
}

}  // namespace
}  // namespace mockgc::app
