// Agent-schedule search (BU and MU routes) over every harness kind: range selection, the published weeks
// it spans, agreement with the week query, and the error paths.
#include <chrono>

#include "core/endpoint_fixture.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
constexpr const char* kWfm = "/api/v2/workforcemanagement";

class ScheduleSearch : public EndpointTest {
 protected:
  std::string mu() { return mu_id(kEmea); }
};

TEST_P(ScheduleSearch, RangeAcrossTwoWeeksMatchesTheWeekQuery) {
  const std::string mu_id = mu();
  auto res = send_json(kEmea, "POST", std::string(kWfm) + "/managementunits/" + mu_id + "/agentschedules/search",
                       {{"startDate", "2026-03-06T00:00:00Z"}, {"endDate", "2026-03-11T00:00:00Z"}});
  ASSERT_EQ(res.status, 200) << res.body;
  auto j = body_json(res);
  EXPECT_EQ(j["status"], "Complete");
  const auto& r = j["result"];
  ASSERT_EQ(r["publishedSchedules"].size(), 2u);
  EXPECT_EQ(r["publishedSchedules"][0]["weekDate"], "2026-03-02");
  EXPECT_EQ(r["publishedSchedules"][1]["weekDate"], "2026-03-09");
  int shifts = 0;
  for (const auto& a : r["agentSchedules"])
    for (const auto& s : a["shifts"]) {
      ++shifts;
      // Every shift overlaps the range (Europe/London is UTC in March).
      const auto begin = *api::parse_instant(s["startDate"].get<std::string>());
      EXPECT_GT(begin + std::chrono::minutes(s["lengthMinutes"].get<int>()), *api::parse_instant("2026-03-06T00:00:00Z"));
      EXPECT_LT(s["startDate"].get<std::string>(), "2026-03-11");
    }
  EXPECT_GT(shifts, 50);
  // The BU route sees every MU.
  auto bu = send_json(kEmea, "POST", std::string(kWfm) + "/businessunits/" + bu_id(kEmea) + "/agentschedules/search",
                      {{"startDate", "2026-03-06T00:00:00Z"}, {"endDate", "2026-03-07T00:00:00Z"}});
  ASSERT_EQ(bu.status, 200);
  EXPECT_GT(body_json(bu)["result"]["agentSchedules"].size(), r["agentSchedules"].size());
}

TEST_P(ScheduleSearch, ShiftsStartedBeforeTheRangeButRunningIntoItAreKept) {
  const std::string path = std::string(kWfm) + "/managementunits/" + mu() + "/agentschedules/search";
  const auto from = *api::parse_instant("2026-03-04T12:00:00Z");
  auto j = body_json(send_json(kEmea, "POST", path, {{"startDate", "2026-03-04T12:00:00Z"}, {"endDate", "2026-03-04T13:00:00Z"}}));
  int running = 0, total = 0;
  for (const auto& a : j["result"]["agentSchedules"])
    for (const auto& s : a["shifts"]) {
      ++total;
      const auto begin = *api::parse_instant(s["startDate"].get<std::string>());
      EXPECT_GT(begin + std::chrono::minutes(s["lengthMinutes"].get<int>()), from) << s.dump();
      running += begin < from;
    }
  EXPECT_GT(running, 10) << "morning shifts still running at noon";
  EXPECT_GT(total, running) << "and shifts starting inside the range";
  EXPECT_EQ(j["result"]["publishedSchedules"].size(), 1u);
}

TEST_P(ScheduleSearch, Errors) {
  const std::string path = std::string(kWfm) + "/managementunits/" + mu() + "/agentschedules/search";
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, json::object()), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, {{"startDate", "yesterday"}, {"endDate", "2026-03-07T00:00:00Z"}}), 400,
                    "invalid.date");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, {{"startDate", "2026-03-07T00:00:00Z"}, {"endDate", "2026-03-06T00:00:00Z"}}),
                    400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, {{"startDate", "2026-01-01T00:00:00Z"}, {"endDate", "2026-06-01T00:00:00Z"}}),
                    400, "bad.request");
  auto async = send_json(kEmea, "POST", path + "?forceAsync=true",
                         {{"startDate", "2026-03-06T00:00:00Z"}, {"endDate", "2026-03-07T00:00:00Z"}});
  EXPECT_EQ(body_json(async)["status"], "Processing");
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(ScheduleSearch);

}  // namespace
}  // namespace mockgc::testing
