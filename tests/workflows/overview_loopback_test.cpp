// The workforce overview over real sockets on a virtual clock (the client's clock drives the server's, so
// retries and job polling cost no wall time): both regions up (global = Σ regions minus the bi-regional
// people, who are listed), one region down (missing, never zeros; global marked incomplete), and one region
// without adherence (partial: the other figures stand, the part that is missing is named).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mockgc/client/beast_transport.hpp"
#include "mockgc/workflows/workforce_overview.hpp"
#include "support/loopback_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

constexpr std::int64_t kNowMs = 1'772'625'600'000;  // 2026-03-04T12:00:00Z: mid-week in London and Sydney

json scenario(json faults) {
  auto org = [](const char* region, const char* name, const char* zone, const char* start_day) {
    return json{{"region", region},
                {"name", name},
                {"agents", 30},
                {"queues", 4},
                {"businessUnits",
                 {{{"name", std::string(name) + " Care"},
                   {"timeZone", zone},
                   {"startDayOfWeek", start_day},
                   {"managementUnits", 2},
                   {"teamsPerManagementUnit", 1},
                   {"customActivityCodes", 2}}}}};
  };
  return {{"name", "overview-loopback"},
          {"seed", 5},
          {"world",
           {{"orgs",
             {org("eu_central_1", "EMEA", "Europe/London", "Monday"),
              org("ap_southeast_2", "APAC", "Australia/Sydney", "Sunday")}},
            {"sharedAgents", {{{"regions", {"eu_central_1", "ap_southeast_2"}}, {"count", 3}}}}}},
          {"faults", std::move(faults)}};
}

struct OverviewRun {
  explicit OverviewRun(const json& faults)
      : virtual_clock(api::Instant(api::Millis(kNowMs))), server(scenario(faults).dump(), &virtual_clock) {
    overview = read_workforce_overview(server.orgs(), {});
  }
  const OrgOverview& org(const std::string& region) const {
    for (const auto& o : overview.orgs)
      if (o.region == region) return o;
    throw std::runtime_error("no region " + region);
  }
  api::ManualClock virtual_clock;
  testing::LoopbackWorld server;
  WorkforceOverview overview;
};

TEST(OverviewLoopback, BothRegionsUpGlobalIsTheSumAndBiRegionalPeopleAreListedOnce) {
  OverviewRun run(json::array());
  const auto& emea = run.org("eu_central_1");
  const auto& apac = run.org("ap_southeast_2");
  ASSERT_TRUE(emea.status.is_complete()) << describe(emea.status);
  ASSERT_TRUE(apac.status.is_complete()) << describe(apac.status);
  const auto& o = run.overview;
  EXPECT_TRUE(o.complete());
  EXPECT_EQ(o.bi_regional.size(), 3u);
  EXPECT_EQ(o.duplicates, 3);
  EXPECT_EQ(o.global.headcount, emea.figures.headcount + apac.figures.headcount - 3);
  ASSERT_TRUE(o.global.schedule && emea.figures.schedule && apac.figures.schedule);
  EXPECT_EQ(o.global.schedule->paid_minutes, emea.figures.schedule->paid_minutes + apac.figures.schedule->paid_minutes);
  EXPECT_GT(emea.figures.schedule->breaks_meals.paid, 0);
  EXPECT_GT(emea.figures.schedule->breaks_meals.unpaid, 0);  // meals are unpaid
  ASSERT_TRUE(emea.figures.occupancy && emea.figures.adherence);
  EXPECT_GT(emea.figures.occupancy->on_queue_ms, emea.figures.occupancy->handle_ms);
  EXPECT_GT(emea.figures.adherence->scheduled_s, 0);
  EXPECT_EQ(emea.adherence.read, 2);  // both management units
}

TEST(OverviewLoopback, ARegionDownIsMissingNeverZeroAndGlobalIsIncomplete) {
  OverviewRun run(json::array({{{"id", "apac-down"}, {"type", "outage"}, {"region", "ap_southeast_2"}}}));
  const auto& emea = run.org("eu_central_1");
  const auto& apac = run.org("ap_southeast_2");
  EXPECT_TRUE(emea.status.is_complete()) << describe(emea.status);
  ASSERT_TRUE(apac.status.is_missing()) << describe(apac.status);
  EXPECT_NE(apac.status.why.find("unavailable"), std::string::npos)
      << apac.status.why;  // the outage refuses logins too
  EXPECT_FALSE(apac.figures.schedule || apac.figures.occupancy || apac.figures.adherence);
  const auto& o = run.overview;
  EXPECT_FALSE(o.complete());
  EXPECT_TRUE(o.any_missing());
  EXPECT_EQ(o.global.headcount, emea.figures.headcount);
  EXPECT_TRUE(o.bi_regional.empty());
  ASSERT_TRUE(o.global.schedule.has_value());
  EXPECT_EQ(o.global.schedule->paid_minutes, emea.figures.schedule->paid_minutes);

  const auto j = to_json(o);
  const auto& apac_json = j["regions"][1];
  EXPECT_EQ(apac_json["status"], "missing");
  EXPECT_TRUE(apac_json["figures"].is_null());
  EXPECT_EQ(j["global"]["complete"], false);
  EXPECT_EQ(j["global"]["incompleteRegions"], json::array({"ap_southeast_2"}));
}

TEST(OverviewLoopback, AdherenceInMaintenanceLeavesTheRegionPartialWithTheOtherFigures) {
  OverviewRun run(json::array(
      {{{"id", "emea-adherence"}, {"type", "maintenance"}, {"family", "adherence"}, {"region", "eu_central_1"}}}));
  const auto& emea = run.org("eu_central_1");
  const auto& apac = run.org("ap_southeast_2");
  ASSERT_EQ(emea.status.kind, RegionStatus::Kind::partial) << describe(emea.status);
  EXPECT_NE(emea.status.what.find("2 of 2 adherence"), std::string::npos) << emea.status.what;
  EXPECT_NE(emea.status.why.find("historicaladherencequery"), std::string::npos) << emea.status.why;
  EXPECT_FALSE(emea.figures.adherence.has_value());
  EXPECT_TRUE(emea.figures.schedule.has_value());
  EXPECT_TRUE(emea.figures.occupancy.has_value());
  ASSERT_TRUE(apac.status.is_complete()) << describe(apac.status);
  const auto& o = run.overview;
  EXPECT_FALSE(o.complete());
  ASSERT_TRUE(o.global.adherence.has_value());
  EXPECT_EQ(o.global.adherence->scheduled_s, apac.figures.adherence->scheduled_s);
  EXPECT_EQ(to_json(o)["regions"][0]["parts"]["adherence"]["status"], "missing");
}

}  // namespace
}  // namespace mockgc::workflows
