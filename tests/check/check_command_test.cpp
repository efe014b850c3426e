// `mock-gc check` and `mock-gc verify` through the real command line: the flags, `--` before COMMAND,
// usage errors that name the flag (exit 2).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli.hpp"
#include "support/command_line.hpp"
#include "scratch_dir.hpp"

namespace mockgc::app {
namespace {

namespace fs = std::filesystem;
const fs::path kData = MOCKGC_CHECK_TEST_DATA;

testing::CommandLineOutcome mock_gc(std::vector<std::string> args) {
  return testing::run_command_line(run_command_line, "mock-gc", std::move(args));
}

class CheckCommand : public ::testing::Test {
 protected:
  testing::ScratchDir scratch_;
  const fs::path& tmp_ = scratch_.path();
};

TEST_F(CheckCommand, CheckRunsTheCommandAfterTheDashesAndVerifyReadsItsJournal) {
  const auto dir = tmp_ / "report";
  const auto scenario = (kData / "two_orgs.json").string();
  const auto checked = mock_gc({"check", "--scenario", scenario, "--seed", "9", "--speed", "2", "--time-limit",
                                "PT30S", "--report-dir", dir.string(), "--", "python3",
                                (kData / "integration.py").string(), "--orgs", "{orgs}", "--exit", "0"});
  EXPECT_EQ(checked.code, 0) << checked.err;
  EXPECT_TRUE(fs::exists(dir / "report.json"));
  EXPECT_TRUE(fs::exists(dir / "junit.xml"));

  const auto verified = mock_gc({"verify", "--journal", (dir / "journal.jsonl").string(), "--scenario", scenario,
                                 "--report-dir", (tmp_ / "offline").string(), "--strict"});
  EXPECT_EQ(verified.code, 0) << verified.err;
  EXPECT_TRUE(fs::exists(tmp_ / "offline" / "report.json"));
}

TEST_F(CheckCommand, BadFlagsAreUsageErrorsThatNameTheFlag) {
  const auto scenario = (kData / "two_orgs.json").string();
  const struct {
    std::vector<std::string> args;
    std::string named;
  } cases[] = {
      {{"check", "--", "true"}, "--scenario"},
      {{"check", "--scenario", scenario}, "command"},
      {{"check", "--scenario", scenario, "--speed", "0", "--", "true"}, "--speed"},
      {{"check", "--scenario", scenario, "--speed", "inf", "--", "true"}, "--speed"},
      {{"check", "--scenario", scenario, "--time-limit", "10m", "--", "true"}, "--time-limit"},
      {{"check", "--scenario", scenario, "--seed", "abc", "--", "true"}, "--seed"},
      {{"check", "--scenario", scenario, "--colour", "red", "--", "true"}, "--colour"},
      {{"verify", "--scenario", scenario}, "--journal"},
  };
  for (const auto& c : cases) {
    const auto o = mock_gc(c.args);
    EXPECT_EQ(o.code, 2) << c.args.back();
    EXPECT_TRUE(testing::contains(o.err, c.named)) << o.err;
    EXPECT_TRUE(o.out.empty()) << o.out;
  }
}

TEST_F(CheckCommand, HelpListsTheFlagsAndExitsZero) {
  const auto o = mock_gc({"check", "--help"});
  EXPECT_EQ(o.code, 0);
  for (const char* flag : {"--scenario", "--seed", "--speed", "--time-limit", "--report-dir", "--rules", "--strict"})
    EXPECT_TRUE(testing::contains(o.out, flag)) << flag;
}

}  // namespace
}  // namespace mockgc::app
