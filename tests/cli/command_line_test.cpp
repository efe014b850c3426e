// gc-hub's command line in-process: the generated help, the defaults a user relies on, and usage errors
// that name the offending flag (exit 2, nothing on stdout).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "command.hpp"
#include "commands/adherence_command.hpp"
#include "commands/capacity_command.hpp"
#include "commands/forecast_command.hpp"
#include "commands/overview_command.hpp"
#include "commands/sync_codes_command.hpp"
#include "commands/timeoff_command.hpp"
#include "commands/trades_command.hpp"
#include "commands/volume_command.hpp"
#include "support/command_line.hpp"

namespace {

using mockgc::testing::parse_subcommand;

mockgc::testing::CommandLineOutcome gc_hub(std::vector<std::string> args) {
  return mockgc::testing::run_command_line(gchub::run_command_line, "gc-hub", std::move(args));
}

using mockgc::testing::contains;

TEST(GcHubCommandLine, TopLevelHelpListsEveryCommandAndExitsZero) {
  for (const char* flag : {"--help", "-h"}) {
    const auto r = gc_hub({flag});
    EXPECT_EQ(r.code, 0) << flag;
    EXPECT_TRUE(r.err.empty()) << r.err;
    for (const char* command : {"erlang", "capacity", "sync-codes", "volume", "adherence", "timeoff", "forecast", "trades"})
      EXPECT_TRUE(contains(r.out, command)) << command << "\n" << r.out;
  }
}

TEST(GcHubCommandLine, VolumeHelpIsHelpNotAnUnknownFlag) {
  const auto r = gc_hub({"volume", "--help"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  for (const char* part : {"gc-hub volume", "--orgs", "--weeks", "=26", "--write-volume", "--granularity", "Exit status"})
    EXPECT_TRUE(contains(r.out, part)) << part << "\n" << r.out;
}

TEST(GcHubCommandLine, EveryCommandHasItsOwnHelp) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"erlang", "--interval-min"}, {"capacity", "--synthetic-weeks"}, {"sync-codes", "--dry-run"},
      {"adherence", "--outlier-minutes"}, {"timeoff", "--statuses"}, {"forecast", "--retry-for"},
      {"trades", "--approve-if"}};
  for (const auto& [command, flag] : cases) {
    const auto r = gc_hub({command, "--help"});
    EXPECT_EQ(r.code, 0) << command;
    EXPECT_TRUE(contains(r.out, "gc-hub " + command)) << r.out;
    EXPECT_TRUE(contains(r.out, flag)) << command << "\n" << r.out;
  }
}

TEST(GcHubCommandLine, VolumeDefaultsToTwentySixWeeks) {
  const auto a = parse_subcommand(gchub::declare_volume, {"volume", "--orgs", "O"});
  EXPECT_EQ(a.common.orgs, "O");
  EXPECT_EQ(a.weeks, 26);
  EXPECT_EQ(a.granularity, "PT15M");
  EXPECT_EQ(a.common.seed, 1U);
  EXPECT_FALSE(a.end.has_value());
  EXPECT_EQ(parse_subcommand(gchub::declare_volume, {"volume", "--orgs", "O", "--weeks", "4"}).weeks, 4);
}

TEST(GcHubCommandLine, CapacityVolumeAndAdherenceTakeAnHtmlFile) {
  for (const char* command : {"capacity", "volume", "adherence"}) {
    const auto r = gc_hub({command, "--help"});
    EXPECT_EQ(r.code, 0) << command;
    EXPECT_TRUE(contains(r.out, "--html FILE")) << command << "\n" << r.out;
  }
  EXPECT_FALSE(parse_subcommand(gchub::declare_volume, {"volume", "--orgs", "O"}).html.has_value());
  EXPECT_EQ(parse_subcommand(gchub::declare_volume, {"volume", "--orgs", "O", "--html", "v.html"}).html, "v.html");
  EXPECT_EQ(parse_subcommand(gchub::declare_adherence, {"adherence", "--orgs", "O", "--html", "a.html"}).html,
            "a.html");
  EXPECT_EQ(parse_subcommand(gchub::declare_capacity, {"capacity", "--synthetic-weeks", "2", "--html", "c.html"}).html,
            "c.html");
}

TEST(GcHubCommandLine, TimeoffDefaultsToTheCurrentWeek) {
  EXPECT_EQ(parse_subcommand(gchub::declare_timeoff, {"timeoff", "--orgs", "O"}).week, "current");
  const auto a = parse_subcommand(gchub::declare_timeoff, {"timeoff", "--orgs", "O", "--week", "2026-03-02",
                                                 "--statuses", "PENDING,APPROVED"});
  EXPECT_EQ(a.week, "2026-03-02");
  EXPECT_EQ(a.statuses, (std::vector<std::string>{"PENDING", "APPROVED"}));
}

TEST(GcHubCommandLine, SyncCodesSourceIsOptional) {
  const auto a = parse_subcommand(gchub::declare_sync_codes, {"sync-codes", "--orgs", "O", "--dry-run"});
  EXPECT_FALSE(a.source.has_value());  // run_sync_codes takes the first org of ORGS.json
  EXPECT_TRUE(a.dry_run);
  EXPECT_EQ(parse_subcommand(gchub::declare_sync_codes, {"sync-codes", "--orgs", "O", "--source", "eu_central_1"}).source,
            "eu_central_1");
}

TEST(GcHubCommandLine, ForecastDefaultsToNextWeek) {
  const auto a = parse_subcommand(gchub::declare_forecast, {"forecast", "--orgs", "O"});
  EXPECT_EQ(a.week, "next");
  EXPECT_EQ(a.history_weeks, 4);
  EXPECT_EQ(a.output_dir, "forecast-fallback");
}

TEST(GcHubCommandLine, TradesDefaultsToNextWeek) {
  EXPECT_EQ(parse_subcommand(gchub::declare_trades, {"trades", "--orgs", "O"}).week, "next");
  EXPECT_EQ(parse_subcommand(gchub::declare_trades, {"trades", "--orgs", "O", "--week", "2026-03-02"}).week,
            "2026-03-02");
}

struct BadLine {
  std::vector<std::string> args;
  std::string named;  // what the message must name
};

TEST(GcHubCommandLine, UsageErrorsNameTheFlagAndExitTwo) {
  const std::vector<BadLine> cases{
      {{"volume", "--orgs", "O", "--bogus"}, "--bogus"},
      {{"volume", "--orgs", "O", "--weeks", "28"}, "--weeks"},
      {{"volume", "--orgs", "O", "--granularity", "P2D"}, "--granularity"},
      {{"volume"}, "--orgs"},
      {{"--orgs", "O", "volume"}, "--orgs"},                                   // a command's flag before it
      {{"erlang", "--calls", "1", "--interval-min", "30", "--aht", "180", "--orgs", "O"}, "--orgs"},  // another's flag
      {{"erlang", "--calls", "nan", "--interval-min", "30", "--aht", "180"}, "--calls"},
      {{"erlang", "--calls", "1", "--interval-min", "30"}, "--aht"},
      {{"erlang", "--calls", "1", "--interval-min", "30", "--aht", "180", "--service", "lognormal"}, "--simulate"},
      {{"adherence", "--orgs", "O", "--interval", "5"}, "--poll"},
      {{"adherence", "--orgs", "O", "--for", "PT5S"}, "--watch"},
      {{"adherence", "--orgs", "O", "--watch", "--for", "5s"}, "--for"},
      {{"adherence", "--orgs", "O", "--watch", "--poll", "2"}, "--poll"},
      {{"timeoff", "--orgs", "O", "--week", "2024-02-30"}, "--week"},
      {{"timeoff", "--orgs", "O", "--statuses", "NOPE"}, "--statuses"},
      {{"forecast", "--orgs", "O", "--retry-for", "2h"}, "--retry-for"},
      {{"capacity", "--volume", "v.json", "--synthetic-weeks", "3"}, "--synthetic-weeks"},
      {{"capacity", "--synthetic-weeks", "3", "--quantiles", "0.5,1.5"}, "--quantiles"},
      {{"frobnicate"}, "frobnicate"},
      {{}, "volume"},  // no command: the message lists them
  };
  for (const auto& c : cases) {
    const auto r = gc_hub(c.args);
    std::string line;
    for (const auto& a : c.args) line += a + " ";
    EXPECT_EQ(r.code, 2) << line;
    EXPECT_TRUE(r.out.empty()) << line << "\n" << r.out;
    EXPECT_TRUE(contains(r.err, "gc-hub")) << line << "\n" << r.err;
    EXPECT_TRUE(contains(r.err, c.named)) << line << "\nexpected '" << c.named << "' in: " << r.err;
  }
}

TEST(GcHubCommandLine, UsageErrorsSayWhichCommandAndWhereItsHelpIs) {
  const auto r = gc_hub({"volume", "--orgs", "O", "--bogus"});
  EXPECT_TRUE(contains(r.err, "gc-hub volume: '--bogus' is not a flag of volume")) << r.err;
  EXPECT_TRUE(contains(r.err, "gc-hub volume --help")) << r.err;
  EXPECT_TRUE(contains(gc_hub({"--orgs", "O", "volume"}).err, "unexpected '--orgs' before the command"));
}

TEST(GcHubCommandLine, OverviewIsListedDefaultsToTheCurrentWeekAndChecksItsWeek) {
  EXPECT_TRUE(contains(gc_hub({"--help"}).out, "overview"));
  const auto help = gc_hub({"overview", "--help"});
  EXPECT_EQ(help.code, 0);
  for (const char* part : {"gc-hub overview", "--orgs", "--week", "--html", "--json", "missing"})
    EXPECT_TRUE(contains(help.out, part)) << part << "\n" << help.out;
  const auto a = parse_subcommand(gchub::declare_overview, {"overview", "--orgs", "O"});
  EXPECT_EQ(a.week, "current");
  EXPECT_FALSE(a.html.has_value());
  const auto bad = gc_hub({"overview", "--orgs", "O", "--week", "2024-02-30"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_TRUE(contains(bad.err, "--week")) << bad.err;
}

}  // namespace
