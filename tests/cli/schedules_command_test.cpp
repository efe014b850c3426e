// gc-hub schedules push's command line in-process: its help naming every flag, the required --plan, a plan file that
// is not a plan (exit 2 naming where it is wrong, nothing on stdout), and the --html page of a report.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "command.hpp"
#include "commands/schedules_command.hpp"
#include "html/schedule_push_page.hpp"
#include "support/command_line.hpp"

namespace {

using mockgc::testing::contains;

mockgc::testing::CommandLineOutcome gc_hub(std::vector<std::string> args) {
  return mockgc::testing::run_command_line(gchub::run_command_line, "gc-hub", std::move(args));
}

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::path(::testing::TempDir()) / name;
  std::ofstream(path) << text;
  return path.string();
}

TEST(SchedulesCommand, HelpNamesEveryFlag) {
  const auto r = gc_hub({"schedules", "push", "--help"});
  EXPECT_EQ(r.code, 0) << r.err;
  for (const char* part : {"--orgs", "--plan", "--publish", "--dry-run", "--json", "--html", "Exit status"})
    EXPECT_TRUE(contains(r.out, part)) << part << "\n" << r.out;
  EXPECT_TRUE(contains(gc_hub({"--help"}).out, "schedules"));
}

TEST(SchedulesCommand, MissingPlanAndBadPlanAreUsageErrors) {
  const std::string orgs = write_temp(
      "orgs.json", R"({"orgs":[{"name":"EMEA","region":"eu_central_1","base_url":"http://127.0.0.1:1",)"
                   R"("client_id":"c","client_secret":"s"}]})");
  auto r = gc_hub({"schedules", "push", "--orgs", orgs});
  EXPECT_EQ(r.code, gchub::kExitUsage);
  EXPECT_TRUE(contains(r.err, "--plan")) << r.err;
  const std::string bad = write_temp("bad-plan.json", R"({"targets":[{"org":"EMEA","businessUnit":"B","week":"soon","agents":[]}]})");
  r = gc_hub({"schedules", "push", "--orgs", orgs, "--plan", bad});
  EXPECT_EQ(r.code, gchub::kExitUsage);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_TRUE(contains(r.err, "targets[0].week")) << r.err;
}

TEST(SchedulesCommand, HtmlPageShowsEachTargetAndItsReasons) {
  mockgc::workflows::SchedulePushReport report;
  report.publish = true;
  mockgc::workflows::PushTargetReport t;
  t.org = "APAC";
  t.business_unit = "APAC <Care>";
  t.outcome = mockgc::workflows::PushOutcome::rejected;
  t.reasons = {"activity code \"Regional Only\" does not exist"};
  report.targets.push_back(t);
  const auto page = gchub::schedule_push_page(report, 7);
  EXPECT_TRUE(contains(page, "APAC &lt;Care&gt;")) << page;
  EXPECT_TRUE(contains(page, "Regional Only"));
  EXPECT_TRUE(contains(page, "rejected"));
  EXPECT_TRUE(contains(page, "seed 7"));
}

}  // namespace
