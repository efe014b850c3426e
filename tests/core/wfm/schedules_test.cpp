// BU schedules over every harness kind: week listings (incl. recent), the start-day rule (Monday EMEA,
// Sunday APAC), metadata + expand, the agent-schedules query (inline / downloadUrl / forceAsync), DST weeks
// in London and Sydney and full-day time-off markers.
#include <set>

#include "core/endpoint_fixture.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
constexpr const char* kWfm = "/api/v2/workforcemanagement";

class Schedules : public EndpointTest {
 protected:
  std::string weeks(const std::string& region) { return std::string(kWfm) + "/businessunits/" + bu_id(region) + "/weeks/"; }
  json list(const std::string& region, const std::string& week) { return get_json(region, weeks(region) + week + "/schedules"); }
  std::string schedule_path(const std::string& region, const std::string& week) {
    auto l = list(region, week);
    if (!l.contains("entities") || l["entities"].empty()) return "missing";
    return weeks(region) + week + "/schedules/" + l["entities"][0]["id"].get<std::string>();
  }
  std::string first_mu(const std::string& region) {
    auto j = get_json(region, std::string(kWfm) + "/businessunits/" + bu_id(region) + "/managementunits");
    return j["entities"][0]["id"];
  }
  json query(const std::string& region, const std::string& week, const json& body, const std::string& flags = "") {
    auto res = send_json(region, "POST", schedule_path(region, week) + "/agentschedules/query" + flags, body);
    EXPECT_EQ(res.status, 200) << res.body;
    return body_json(res);
  }
  // Hours between the BU-local week start and end, from the schedule metadata.
  long week_hours(const std::string& region, const std::string& week) {
    auto meta = get_json(region, schedule_path(region, week));
    auto start = api::parse_instant(meta["managementUnits"][0]["startDate"].get<std::string>());
    auto end = api::parse_instant(meta["managementUnits"][0]["endDate"].get<std::string>());
    return std::chrono::duration_cast<std::chrono::hours>(*end - *start).count();
  }
};

TEST_P(Schedules, OnePublishedScheduleForAWeek) {
  auto j = list(kEmea, "2026-03-02");
  ASSERT_EQ(j["entities"].size(), 1u);
  const auto& s = j["entities"][0];
  EXPECT_EQ(s["weekDate"], "2026-03-02");
  EXPECT_EQ(s["weekCount"], 1);
  EXPECT_EQ(s["published"], true);
  EXPECT_EQ(s["shortTermForecast"]["weekDate"], "2026-03-02");
  EXPECT_TRUE(s["metadata"].contains("version"));
  EXPECT_EQ(s["selfUri"], weeks(kEmea) + "2026-03-02/schedules/" + s["id"].get<std::string>());
  // Same seed, same id; another week, another id.
  EXPECT_EQ(list(kEmea, "2026-03-02")["entities"][0]["id"], s["id"]);
  EXPECT_NE(list(kEmea, "2026-03-09")["entities"][0]["id"], s["id"]);
}

TEST_P(Schedules, WeekIdMustFallOnTheBusinessUnitStartDay) {
  EXPECT_ERROR_BODY(get(kEmea, weeks(kEmea) + "2026-03-03/schedules"), 400, "bad.request");
  EXPECT_ERROR_BODY(get(kEmea, weeks(kEmea) + "2026-03-01/schedules"), 400, "bad.request");
  EXPECT_ERROR_BODY(get(kEmea, weeks(kEmea) + "2026-13-02/schedules"), 400, "bad.request");
  // APAC weeks start on Sunday.
  EXPECT_EQ(list(kApac, "2026-03-01")["entities"][0]["weekDate"], "2026-03-01");
  EXPECT_ERROR_BODY(get(kApac, weeks(kApac) + "2026-03-02/schedules"), 400, "bad.request");
  EXPECT_ERROR_BODY(get(kEmea, std::string(kWfm) + "/businessunits/nope/weeks/2026-03-02/schedules"), 404, "not.found");
}

TEST_P(Schedules, RecentIsPlusMinus26WeeksAndBounded) {
  auto all = list(kEmea, "recent");
  ASSERT_EQ(all["entities"].size(), 53u);
  EXPECT_EQ(all["entities"][26]["weekDate"], "2026-03-02");
  auto bounded = get_json(kEmea, weeks(kEmea) + "recent/schedules?earliestWeekDate=2026-03-02&latestWeekDate=2026-03-16");
  ASSERT_EQ(bounded["entities"].size(), 3u);
  EXPECT_EQ(bounded["entities"][2]["weekDate"], "2026-03-16");
  auto apac = list(kApac, "recent");
  EXPECT_EQ(apac["entities"][26]["weekDate"], "2026-03-01");  // Sydney: now is Monday evening, week of Sunday 1st
}

TEST_P(Schedules, MetadataCountsAgentsPerManagementUnit) {
  const auto path = schedule_path(kEmea, "2026-03-02");
  auto meta = get_json(kEmea, path);
  ASSERT_EQ(meta["managementUnits"].size(), 4u);
  int agents = 0;
  for (const auto& mu : meta["managementUnits"]) {
    agents += mu["agentCount"].get<int>();
    EXPECT_TRUE(mu["agents"].empty());
  }
  EXPECT_GT(agents, 150);
  auto expanded = get_json(kEmea, path + "?expand=managementUnits.agents");
  for (const auto& mu : expanded["managementUnits"]) EXPECT_EQ(mu["agents"].size(), mu["agentCount"].get<std::size_t>());
  EXPECT_ERROR_BODY(get(kEmea, weeks(kEmea) + "2026-03-02/schedules/not-a-schedule"), 404, "not.found");
  EXPECT_ERROR_BODY(get(kEmea, path + "?expand=everything"), 400, "invalid.value");
}

TEST_P(Schedules, AgentSchedulesCoverAWeekWithRealActivityCodes) {
  auto j = query(kEmea, "2026-03-02", {{"managementUnitId", first_mu(kEmea)}});
  EXPECT_EQ(j["status"], "Complete");
  EXPECT_TRUE(j.contains("operationId"));
  EXPECT_EQ(j["result"]["businessUnitTimeZone"], "Europe/London");
  const auto& agents = j["result"]["agentSchedules"];
  ASSERT_GT(agents.size(), 20u);
  const auto week_start = *api::parse_instant("2026-03-02T00:00:00Z");
  std::set<std::string> codes;
  int shifts = 0;
  for (const auto& a : agents) {
    EXPECT_LE(a["shifts"].size(), 5u);
    for (const auto& s : a["shifts"]) {
      ++shifts;
      auto start = *api::parse_instant(s["startDate"].get<std::string>());
      EXPECT_GE(start, week_start);
      EXPECT_LT(start, week_start + std::chrono::days(7));
      const int len = s["lengthMinutes"];
      EXPECT_TRUE(len == 510 || len == 540) << len;
      // Activities are contiguous and cover the shift exactly.
      auto cursor = start;
      int total = 0;
      for (const auto& act : s["activities"]) {
        EXPECT_EQ(*api::parse_instant(act["startDate"].get<std::string>()), cursor);
        cursor += std::chrono::minutes(act["lengthMinutes"].get<int>());
        total += act["lengthMinutes"].get<int>();
        codes.insert(act["activityCodeId"].get<std::string>());
      }
      EXPECT_EQ(total, len);
      // Opening hours 07:00..13:00 London (GMT in March before the 29th) for the start.
      const auto hour = std::chrono::floor<std::chrono::hours>(start - std::chrono::floor<std::chrono::days>(start)).count();
      EXPECT_GE(hour, 7);
      EXPECT_LE(hour, 13);
    }
  }
  EXPECT_GT(shifts, 80);
  EXPECT_TRUE(codes.count("0") && codes.count("1") && codes.count("2"));
  for (const auto& c : codes) EXPECT_TRUE(c == "0" || c == "1" || c == "2" || c == "3" || c == "6") << c;
}

TEST_P(Schedules, QueryFiltersAndErrors) {
  const std::string mu = first_mu(kEmea);
  auto all = query(kEmea, "2026-03-02", {{"managementUnitId", mu}});
  const std::string uid = all["result"]["agentSchedules"][0]["user"]["id"];
  auto one = query(kEmea, "2026-03-02", {{"managementUnitId", mu}, {"userIds", {uid}}});
  ASSERT_EQ(one["result"]["agentSchedules"].size(), 1u);
  EXPECT_EQ(one["result"]["agentSchedules"][0], all["result"]["agentSchedules"][0]);
  const auto path = schedule_path(kEmea, "2026-03-02") + "/agentschedules/query";
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, json::object()), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, {{"managementUnitId", "nope"}}), 404, "not.found");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, {{"managementUnitId", mu}, {"userIds", "x"}}), 400, "bad.request");
}

TEST_P(Schedules, ForceDownloadAndForceAsync) {
  const std::string mu = first_mu(kEmea);
  auto inline_result = query(kEmea, "2026-03-02", {{"managementUnitId", mu}});
  auto forced = query(kEmea, "2026-03-02", {{"managementUnitId", mu}}, "?forceDownloadService=true");
  EXPECT_EQ(forced["status"], "Complete");
  ASSERT_TRUE(forced.contains("downloadUrl"));
  EXPECT_FALSE(forced.contains("result"));
  auto res = h().send(kEmea, get_request(path_of_url(forced["downloadUrl"].get<std::string>()), ""));
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(body_json(res), inline_result["result"]);

  auto async = query(kEmea, "2026-03-02", {{"managementUnitId", mu}}, "?forceAsync=true");
  EXPECT_EQ(async["status"], "Processing");
  EXPECT_FALSE(async.contains("result"));
  auto later = h().send(kEmea, get_request("/mockgc/downloads/" + async["operationId"].get<std::string>(), ""));
  ASSERT_EQ(later.status, 200);
  auto done = body_json(later);
  EXPECT_EQ(done["status"], "Complete");
  EXPECT_EQ(done["result"], inline_result["result"]);
}

TEST_P(Schedules, DstWeeksAre167Or169Hours) {
  EXPECT_EQ(week_hours(kEmea, "2026-03-02"), 168);
  EXPECT_EQ(week_hours(kEmea, "2026-03-23"), 167);  // London springs forward on Sunday 29 March
  EXPECT_EQ(week_hours(kEmea, "2026-10-19"), 169);  // and falls back on Sunday 25 October
  EXPECT_EQ(week_hours(kApac, "2026-04-05"), 169);  // Sydney falls back on Sunday 5 April
  EXPECT_EQ(week_hours(kApac, "2026-10-04"), 167);  // and springs forward on Sunday 4 October
  // After London's change shifts still start between 07:00 and 13:00 local (06:00..12:00 UTC in BST).
  auto j = query(kEmea, "2026-03-30", {{"managementUnitId", first_mu(kEmea)}});
  for (const auto& a : j["result"]["agentSchedules"])
    for (const auto& s : a["shifts"]) {
      auto start = *api::parse_instant(s["startDate"].get<std::string>());
      const auto hour = std::chrono::floor<std::chrono::hours>(start - std::chrono::floor<std::chrono::days>(start)).count();
      EXPECT_GE(hour, 6);
      EXPECT_LE(hour, 12);
    }
}

TEST_P(Schedules, ApprovedFullDayTimeOffIsAMarkerWithoutAShift) {
  const std::string mu = first_mu(kEmea);
  int markers = 0;
  for (const char* week : {"2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"}) {
    auto j = query(kEmea, week, {{"managementUnitId", mu}});
    for (const auto& a : j["result"]["agentSchedules"]) {
      for (const auto& m : a["fullDayTimeOffMarkers"]) {
        ++markers;
        EXPECT_EQ(m["activityCodeId"], "5");
        const std::string day = m["businessUnitDate"];
        for (const auto& s : a["shifts"]) EXPECT_NE(s["startDate"].get<std::string>().substr(0, 10), day);
        const std::string uid = a["user"]["id"];
        auto r = get_json(kEmea, std::string(kWfm) + "/managementunits/" + mu + "/users/" + uid + "/timeoffrequests/" +
                                     m["timeOffRequestId"].get<std::string>());
        EXPECT_EQ(r["status"], "APPROVED");
        EXPECT_EQ(r["isFullDayRequest"], true);
        bool listed = false;
        for (const auto& d : r["fullDayManagementUnitDates"]) listed |= d == day;
        EXPECT_TRUE(listed) << day;
      }
    }
  }
  EXPECT_GT(markers, 0);
}

TEST_P(Schedules, SameSeedSameBytesInAFreshService) {
  // Schedules, time off and adherence are pure functions of (seed, ids, dates, clock): a second service
  // answers byte-identical bodies, whatever was asked before.
  const std::string mu = first_mu(kEmea);
  const auto week = schedule_path(kEmea, "2026-03-09") + "/agentschedules/query";
  list(kEmea, "recent");  // warm other weeks first in this service only
  core::ServiceOptions o;
  o.clock = clock_.get();
  auto other = GetParam().make(o);
  const std::string other_token = login(*other, kEmea);
  for (const auto& target : {std::string(kWfm) + "/managementunits/" + mu + "/adherence",
                             std::string(kWfm) + "/managementunits/" + mu + "/users/" +
                                 query(kEmea, "2026-03-09", {{"managementUnitId", mu}})["result"]["agentSchedules"][0]["user"]["id"]
                                     .get<std::string>() +
                                 "/timeoffrequests"}) {
    EXPECT_EQ(get(kEmea, target).body, other->send(kEmea, get_request(target, other_token)).body) << target;
  }
  auto mine = send_json(kEmea, "POST", week, {{"managementUnitId", mu}});
  auto theirs = other->send(kEmea, json_request("POST", week, other_token, {{"managementUnitId", mu}}));
  ASSERT_EQ(theirs.status, 200);
  EXPECT_EQ(body_json(mine)["result"], body_json(theirs)["result"]);  // operationId differs by request count
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(Schedules);

}  // namespace
}  // namespace mockgc::testing
