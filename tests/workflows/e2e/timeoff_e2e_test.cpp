// Time-off week over real sockets against mock-gc on a virtual clock: calm equals the per-MU ground truth;
// a 429 storm changes nothing; one region down (whole run / from its second MU on) is missing / partial with
// why; a token revoked mid-run costs one login per org; the DST weeks of dst-week last 167 h / 169 h in
// their own zones with local times rendered right; bi-regional orgs and an org listed twice de-duplicate by id.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include <date/date.h>
#include <date/tz.h>

#include "mockgc/api/time.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/workflows/timeoff_week.hpp"
#include "fault_runs.hpp"
#include "support/time_off_truth.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;
using e2e::LoopbackWorld;
using namespace std::chrono_literals;

constexpr const char* kMonday = "2026-03-02T09:00:00Z";

std::chrono::sys_days day(int y, unsigned m, unsigned d) {
  return date::sys_days(date::year(y) / date::month(m) / date::day(d));
}

TimeOffWeek run_week(client::OrgClients& orgs, std::chrono::sys_days date) {
  TimeOffWeekOptions o;
  o.week = date;
  return aggregate_time_off_week(orgs, o);
}

// Every MU of every org queried directly (support/time_off_truth.hpp).
std::map<std::string, json> ground_truth(LoopbackWorld& w, std::chrono::sys_days date) {
  std::map<std::string, json> out;
  for (std::size_t i = 0; i < w.configs().size(); ++i) testing::add_time_off_week_truth(*w.direct_client(i), date, out);
  return out;
}

void expect_equals_ground_truth(LoopbackWorld& w, const TimeOffWeek& week, std::chrono::sys_days date) {
  const auto truth = ground_truth(w, date);
  testing::expect_week_matches_truth(week, truth);
}

TEST(TimeOffE2E, CalmEveryRegionCompleteAndEqualToTheGroundTruth) {
  LoopbackWorld w(e2e::calm_scenario("default", kMonday));
  const auto week = run_week(w.orgs(), day(2026, 3, 4));
  ASSERT_EQ(week.orgs.size(), 2u);
  for (const auto& o : week.orgs) {
    EXPECT_TRUE(o.status.is_complete()) << o.org << ": " << describe(o.status);
    EXPECT_EQ(o.weeks.size(), 4u) << o.org;  // every MU read
    EXPECT_GT(o.requests, 0) << o.org;
  }
  expect_equals_ground_truth(w, week, day(2026, 3, 4));
}

TEST(TimeOffE2E, RateLimitStormSameResultAsCalmAndThe429sWereHonoured) {
  const auto storm = e2e::shipped_scenario("rate-limit-storm");
  LoopbackWorld calm(storm);
  const auto expected = to_json(run_week(calm.orgs(), day(2026, 3, 4)));
  LoopbackWorld w(storm);
  w.storm_before([](const std::string&, int n) { return n % 2 == 1; });
  const auto week = run_week(w.orgs(), day(2026, 3, 4));
  for (const auto& o : week.orgs) EXPECT_TRUE(o.status.is_complete()) << o.org << ": " << describe(o.status);
  EXPECT_EQ(to_json(week), expected);
  e2e::expect_polite_under_storm(w, 300);
}

TEST(TimeOffE2E, OneRegionDownIsMissingTheOtherCompleteAndUnchanged) {
  json calm_json;
  {
    LoopbackWorld calm(e2e::calm_scenario("default", kMonday));
    calm_json = to_json(run_week(calm.orgs(), day(2026, 3, 4)));
  }
  LoopbackWorld w(e2e::with_fault(e2e::calm_scenario("default", kMonday),
                                  {{"type", "outage"}, {"region", "ap_southeast_2"}}));
  const auto week = run_week(w.orgs(), day(2026, 3, 4));
  ASSERT_EQ(week.orgs.size(), 2u);
  EXPECT_TRUE(week.any_missing());
  EXPECT_TRUE(week.orgs[1].status.is_missing()) << describe(week.orgs[1].status);
  EXPECT_NE(week.orgs[1].status.why.find("unavailable"), std::string::npos) << week.orgs[1].status.why;
  EXPECT_TRUE(week.orgs[0].status.is_complete());
  // EMEA's requests are exactly the calm run's EMEA requests.
  json emea_calm = json::array();
  for (const auto& r : calm_json["requests"])
    if (r["org"] == "EMEA") emea_calm.push_back(r);
  EXPECT_EQ(to_json(week)["requests"], emea_calm);
  EXPECT_EQ(to_json(week)["orgs"][1]["status"], "missing");
}

TEST(TimeOffE2E, RegionDownFromItsSecondManagementUnitIsPartialWithWhy) {
  const auto base = e2e::with_latency(e2e::calm_scenario("default", kMonday));
  std::string outage_at;
  {
    LoopbackWorld calm(base);
    (void)run_week(calm.orgs(), day(2026, 3, 4));
    const auto queries = e2e::requests_matching(calm.journal(), "ap_southeast_2", "/timeoffrequests/query");
    ASSERT_EQ(queries.size(), 4u);
    outage_at = "PT" + std::to_string((queries[1].time - calm.start()).count() / 1000) + "S";
  }
  LoopbackWorld w(e2e::with_fault(base, {{"type", "outage"}, {"region", "ap_southeast_2"}, {"at", outage_at}}));
  const auto week = run_week(w.orgs(), day(2026, 3, 4));
  const auto& apac = week.orgs.at(1);
  EXPECT_EQ(apac.status.kind, RegionStatus::Kind::partial) << describe(apac.status);
  EXPECT_EQ(apac.status.what, "3 of 4 management units");
  EXPECT_NE(apac.status.why.find("503"), std::string::npos) << apac.status.why;
  ASSERT_EQ(apac.weeks.size(), 1u);  // the MU read before the outage
  for (const auto& e : week.requests)
    if (e.org == "APAC") {
      EXPECT_EQ(e.management_unit_id, apac.weeks[0].management_unit_id);
    }
  EXPECT_TRUE(week.orgs.at(0).status.is_complete());
}

TEST(TimeOffE2E, TokenRevokedMidRunOneReloginPerOrgSameResult) {
  const auto base = e2e::with_latency(e2e::calm_scenario("default", kMonday));
  json expected;
  json scenario = base;
  {
    LoopbackWorld calm(base);
    expected = to_json(run_week(calm.orgs(), day(2026, 3, 4)));
    scenario = e2e::with_token_revoked_mid_run(scenario, calm);
  }
  LoopbackWorld w(scenario);
  const auto week = run_week(w.orgs(), day(2026, 3, 4));
  EXPECT_EQ(to_json(week), expected);
  e2e::expect_one_relogin_per_org(w);
}

// The local rendering of `t` in `zone` by date/tz: "2026-03-30T00:00:00+01:00".
std::string rendered(client::Instant t, const std::string& zone) {
  const auto z = date::make_zoned(zone, std::chrono::time_point_cast<std::chrono::seconds>(t));
  return date::format("%FT%T%Ez", z);
}

TEST(TimeOffE2E, DstWeeksLast167And169HoursInTheirOwnZonesWithLocalTimesRendered) {
  LoopbackWorld w(e2e::shipped_scenario("dst-week"));
  w.virtual_clock().set(*api::parse_instant("2026-04-07T00:00:00Z"));
  // London's Monday week of 2026-03-29 holds the spring-forward (167 h); Sydney's Sunday week starting on
  // 2026-04-05 holds the fall-back (169 h). The other zone's week is a plain 168 h one each time.
  struct Want {
    std::chrono::sys_days date;
    std::string zone, first_day, start_local, end_local;
    std::chrono::hours length;
  };
  const std::vector<Want> wants{
      {day(2026, 3, 29), "Europe/London", "2026-03-23", "2026-03-23T00:00:00+00:00", "2026-03-30T00:00:00+01:00", 167h},
      {day(2026, 3, 29), "Australia/Sydney", "2026-03-29", "2026-03-29T00:00:00+11:00", "2026-04-05T00:00:00+11:00", 168h},
      {day(2026, 4, 5), "Europe/London", "2026-03-30", "2026-03-30T00:00:00+01:00", "2026-04-06T00:00:00+01:00", 168h},
      {day(2026, 4, 5), "Australia/Sydney", "2026-04-05", "2026-04-05T00:00:00+11:00", "2026-04-12T00:00:00+10:00", 169h}};
  for (const auto date : {day(2026, 3, 29), day(2026, 4, 5)}) {
    const auto week = run_week(w.orgs(), date);
    const auto j = to_json(week);
    int checked = 0;
    for (const auto& o : j["orgs"]) {
      EXPECT_EQ(o["status"], "complete") << o.dump();
      for (const auto& mw : o["weeks"])
        for (const auto& want : wants)
          if (want.date == date && want.zone == mw["timeZone"]) {
            ++checked;
            EXPECT_EQ(mw["firstDay"], want.first_day);
            EXPECT_EQ(mw["startLocal"], want.start_local);
            EXPECT_EQ(mw["endLocal"], want.end_local);
            const auto length = *api::parse_instant(mw["endUtc"].get<std::string>()) -
                                *api::parse_instant(mw["startUtc"].get<std::string>());
            EXPECT_EQ(length, want.length) << mw.dump();
          }
    }
    EXPECT_EQ(checked, 8);  // 4 MUs per org
    // Partial-day requests start at 13:00 local in the world; rendered with the offset of that instant.
    int partial = 0;
    for (const auto& e : week.requests)
      for (const auto t : e.partial_day_starts) {
        ++partial;
        const auto text = format_local(t, e.time_zone);
        EXPECT_EQ(text, rendered(t, e.time_zone));
        EXPECT_NE(text.find("T13:00:00"), std::string::npos) << text;
      }
    EXPECT_GT(partial, 0);
    expect_equals_ground_truth(w, week, date);
  }
}

TEST(TimeOffE2E, BiRegionalOrgsAndAnOrgListedTwiceDeduplicateById) {
  LoopbackWorld w(e2e::shipped_scenario("bi-regional-agents"));
  const auto both = run_week(w.orgs(), day(2026, 3, 4));
  EXPECT_EQ(both.duplicates, 0);  // two orgs, distinct requests (bi-regional people have one user per org)
  expect_equals_ground_truth(w, both, day(2026, 3, 4));
  auto configs = w.configs();
  configs.push_back(configs.front());
  configs.back().name += "-again";
  auto thrice = w.orgs_of(configs);
  const auto with_repeat = run_week(*thrice, day(2026, 3, 4));
  EXPECT_EQ(with_repeat.duplicates, both.orgs.at(0).requests);
  EXPECT_EQ(with_repeat.orgs.at(2).requests, 0);
  EXPECT_EQ(to_json(with_repeat)["requests"], to_json(both)["requests"]);
}

}  // namespace
}  // namespace mockgc::workflows
