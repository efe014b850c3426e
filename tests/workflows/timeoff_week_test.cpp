// Time-off week aggregation, in-process against mock-gc's default world on a virtual clock: the week of
// each MU is its BU's (Europe/London Monday weeks, Australia/Sydney Sunday weeks) with DST-correct
// windows, and the merged output equals the ground truth read straight from the server per MU.
#include <gtest/gtest.h>

#include <date/date.h>
#include <date/tz.h>

#include <map>
#include <set>

#include "mockgc/api/time.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/workflows/timeoff_week.hpp"
#include "support/default_world.hpp"
#include "support/time_off_truth.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;
using testing::DefaultWorld;
using namespace std::chrono_literals;

constexpr std::int64_t kNowMs = 1'700'000'000'000;  // 2023-11-14

std::chrono::sys_days day(int y, unsigned m, unsigned d) { return date::sys_days(date::year(y) / date::month(m) / date::day(d)); }

// Ground truth for one week, read per MU straight from the server (support/time_off_truth.hpp).
std::map<std::string, json> ground_truth(DefaultWorld& w, std::chrono::sys_days date) {
  std::map<std::string, json> out;
  for (const auto& cfg : w.configs) {
    client::OrgClient c(cfg, *w.inner, *w.clock);
    testing::add_time_off_week_truth(c, date, out);
  }
  return out;
}

void expect_equals_ground_truth(std::chrono::sys_days date) {
  DefaultWorld w(kNowMs);
  TimeOffWeekOptions options;
  options.week = date;
  const auto week = aggregate_time_off_week(*w.orgs, options);
  const auto truth = ground_truth(w, date);
  for (const auto& o : week.orgs) EXPECT_TRUE(o.status.is_complete()) << o.org << ": " << describe(o.status);
  testing::expect_week_matches_truth(week, truth);
  for (std::size_t i = 1; i < week.requests.size(); ++i)
    EXPECT_LE(week.requests[i - 1].submitted, week.requests[i].submitted);
}

TEST(TimeOffWeek, WindowsFollowEachBusinessUnitsZoneAndStartDayAcrossDst) {
  // London: Monday weeks; the week of 2023-10-29 (clocks go back) lasts 169 h.
  const auto london = week_containing(day(2023, 10, 25), "Europe/London", "Monday");
  EXPECT_EQ(london.first_day, day(2023, 10, 23));
  EXPECT_EQ(api::format_instant(london.window_start), "2023-10-22T23:00:00.000Z");  // BST midnight
  EXPECT_EQ(london.window_end - london.window_start, 169h);
  // Sydney: Sunday weeks; 2023-10-01 (clocks go forward) starts a 167 h week.
  const auto sydney = week_containing(day(2023, 10, 4), "Australia/Sydney", "Sunday");
  EXPECT_EQ(sydney.first_day, day(2023, 10, 1));
  EXPECT_EQ(api::format_instant(sydney.window_start), "2023-09-30T14:00:00.000Z");  // AEST midnight
  EXPECT_EQ(sydney.window_end - sydney.window_start, 167h);
  const auto plain = week_containing(day(2023, 11, 19), "Australia/Sydney", "Sunday");
  EXPECT_EQ(plain.first_day, day(2023, 11, 19));
  EXPECT_EQ(plain.window_end - plain.window_start, 168h);
  EXPECT_EQ(format_local(sydney.window_start, "Australia/Sydney"), "2023-10-01T00:00:00+10:00");
}

TEST(TimeOffWeek, OrdinaryWeekEqualsTheGroundTruth) { expect_equals_ground_truth(day(2023, 11, 15)); }
TEST(TimeOffWeek, LondonDstWeekEqualsTheGroundTruth) { expect_equals_ground_truth(day(2023, 10, 25)); }
TEST(TimeOffWeek, SydneyDstWeekEqualsTheGroundTruth) { expect_equals_ground_truth(day(2023, 10, 3)); }

TEST(TimeOffWeek, CurrentWeekUsesEachZonesToday) {
  DefaultWorld w(kNowMs);  // 2023-11-14T22:13Z: Tuesday in London, already Wednesday 15th in Sydney
  const auto week = aggregate_time_off_week(*w.orgs, {});
  for (const auto& o : week.orgs)
    for (const auto& mw : o.weeks) {
      if (mw.time_zone == "Europe/London") {
        EXPECT_EQ(mw.first_day, day(2023, 11, 13));
      } else {
        EXPECT_EQ(mw.time_zone, "Australia/Sydney");
        EXPECT_EQ(mw.first_day, day(2023, 11, 12));
      }
    }
}

TEST(TimeOffWeek, StatusesFilterAndARegionDownIsMissing) {
  DefaultWorld w(kNowMs);
  TimeOffWeekOptions options;
  options.week = day(2023, 11, 15);
  options.statuses = {"APPROVED"};
  w.failing->host = w.configs.at(1).api.host;
  w.failing->fails = [](const std::string&) { return true; };
  const auto week = aggregate_time_off_week(*w.orgs, options);
  EXPECT_TRUE(week.any_missing());
  EXPECT_TRUE(week.orgs.at(1).status.is_missing());
  EXPECT_FALSE(week.orgs.at(1).status.why.empty());
  EXPECT_FALSE(week.requests.empty());
  for (const auto& e : week.requests) {
    EXPECT_EQ(e.status, "APPROVED");
    EXPECT_EQ(e.org, w.configs.at(0).name);
  }
}

TEST(TimeOffWeek, OneUnreadableManagementUnitMakesTheRegionPartial) {
  DefaultWorld w(kNowMs);
  TimeOffWeekOptions options;
  options.week = day(2023, 11, 15);
  const auto full = aggregate_time_off_week(*w.orgs, options);
  std::string failing_mu;
  w.failing->host = w.configs.at(0).api.host;
  w.failing->fails = [&failing_mu](const std::string& target) {
    const auto at = target.find("/timeoffrequests/query");
    if (at == std::string::npos) return false;
    const auto mu = target.substr(0, at);
    if (failing_mu.empty()) failing_mu = mu;
    return mu == failing_mu;
  };
  const auto week = aggregate_time_off_week(*w.orgs, options);
  EXPECT_EQ(week.orgs.at(0).status.kind, RegionStatus::Kind::partial);
  EXPECT_NE(week.orgs.at(0).status.what.find("1 of "), std::string::npos) << week.orgs.at(0).status.what;
  EXPECT_TRUE(week.orgs.at(1).status.is_complete());
  EXPECT_FALSE(week.any_missing());
  EXPECT_EQ(week.orgs.at(0).weeks.size() + 1, full.orgs.at(0).weeks.size());
  EXPECT_LE(week.requests.size(), full.requests.size());
}

TEST(TimeOffWeek, TheSameRequestSeenTwiceIsListedOnce) {
  // ORGS.json naming one org twice: every request comes back twice and is kept once.
  DefaultWorld w(kNowMs);
  auto twice = std::vector<client::OrgConfig>{w.configs.at(0), w.configs.at(0)};
  twice[1].name += "-again";
  client::OrgClients orgs(twice, *w.inner, *w.clock, client::OrgClientOptions{}, 1);
  client::OrgClients once({w.configs.at(0)}, *w.inner, *w.clock, client::OrgClientOptions{}, 1);
  TimeOffWeekOptions options;
  options.week = day(2023, 11, 15);
  const auto single = aggregate_time_off_week(once, options);
  const auto doubled = aggregate_time_off_week(orgs, options);
  ASSERT_FALSE(single.requests.empty());
  EXPECT_EQ(doubled.duplicates, static_cast<int>(single.requests.size()));
  EXPECT_EQ(to_json(doubled)["requests"], to_json(single)["requests"]);
  EXPECT_EQ(doubled.orgs.at(1).requests, 0);
}

}  // namespace
}  // namespace mockgc::workflows
