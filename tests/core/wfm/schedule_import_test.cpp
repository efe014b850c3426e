// BU schedule import over every harness kind: upload URL -> PUT gzip JSON (ImportScheduleUploadSchema) ->
// import (202 Processing) -> after the validation delay the businessunits.{id}.schedules topic says
// Complete (eventType Import) and the schedule is what the schedule routes answer (list, metadata, agent
// query, search); an invalid upload completes with Error naming the offending user, activity code or
// shift and nothing is imported; malformed requests are 400s at once; the same run gives the same bytes.
#include "schedule_fixture.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;

class ScheduleImport : public ScheduleUploadTest {
 protected:
  // The import flow to completion: the topic event, the list, the imported schedule's metadata, agent query and search.
  std::vector<json> run_import() {
    auto stream = listen(topic());
    const auto users = agents(2);
    const std::string op = accepted(base(), api::gzip(valid_body(users, create_code(kEmea, "Imported coaching")).dump()));
    clock_->advance(std::chrono::seconds(5));
    auto got = events(*stream);
    if (got.size() != 1u) return {};
    const std::string id = got[0]["eventBody"]["result"].value("id", "");
    auto query = send_json(kEmea, "POST", base() + "/" + id + "/agentschedules/query", {{"managementUnitId", mu_id(kEmea)}});
    auto search = send_json(kEmea, "POST", std::string(kWfm) + "/businessunits/" + bu_id(kEmea) + "/agentschedules/search",
                            {{"startDate", "2026-03-09T00:00:00Z"}, {"endDate", "2026-03-14T00:00:00Z"}, {"userIds", users}});
    return {got[0]["eventBody"], get_json(kEmea, base()), get_json(kEmea, base() + "/" + id + "?expand=managementUnits.agents"),
            body_json(query), body_json(search), body_json(completion(op))};
  }
};

TEST_P(ScheduleImport, ImportedScheduleIsWhatTheScheduleRoutesAnswerOnceComplete) {
  auto stream = listen(topic());
  const auto users = agents(2);
  const std::string training = create_code(kEmea, "Imported coaching");
  const std::string op = accepted(base(), api::gzip(valid_body(users, training).dump()));
  // Processing: nothing listed, no completion yet; then one Complete event.
  json e = complete(*stream, op, base(), topic());
  EXPECT_EQ(e["status"], "Complete");
  EXPECT_EQ(e["eventType"], "Import");
  EXPECT_EQ(e["operationId"], op);
  EXPECT_FALSE(e.contains("error"));
  EXPECT_EQ(e["result"]["weekDate"], kWeek);
  EXPECT_EQ(e["result"]["description"], "Imported roster");
  EXPECT_EQ(e["result"]["published"], true);
  ASSERT_EQ(body_json(completion(op)), e);
  const std::string id = e["result"]["id"];

  // The list: the generated schedule is no longer the published one; the import is.
  auto list = get_json(kEmea, base())["entities"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["published"], false);
  EXPECT_EQ(list[1]["id"], id);
  EXPECT_EQ(list[1]["published"], true);
  auto only = get_json(kEmea, base() + "?includeOnlyPublished=true")["entities"];
  ASSERT_EQ(only.size(), 1u);
  EXPECT_EQ(only[0]["id"], id);

  // Metadata: the two agents, in the first MU.
  auto meta = get_json(kEmea, base() + "/" + id + "?expand=managementUnits.agents");
  EXPECT_EQ(meta["selfUri"], base() + "/" + id);
  int count = 0;
  for (const auto& mu : meta["managementUnits"]) count += mu["agentCount"].get<int>();
  EXPECT_EQ(count, 2);

  // The agent query answers the uploaded shifts, activities and markers.
  auto q = send_json(kEmea, "POST", base() + "/" + id + "/agentschedules/query", {{"managementUnitId", mu_id(kEmea)}});
  ASSERT_EQ(q.status, 200) << q.body;
  auto scheds = body_json(q)["result"]["agentSchedules"];
  ASSERT_EQ(scheds.size(), 2u);
  EXPECT_EQ(scheds[0]["user"]["id"], users[0]);
  ASSERT_EQ(scheds[0]["shifts"].size(), 2u);
  EXPECT_EQ(scheds[0]["shifts"][0]["startDate"], "2026-03-10T08:00:00.000Z");
  EXPECT_EQ(scheds[0]["shifts"][0]["lengthMinutes"], 480);
  EXPECT_EQ(scheds[0]["shifts"][0]["schedule"]["id"], id);
  EXPECT_EQ(scheds[0]["shifts"][1]["activities"][0]["activityCodeId"], training);
  EXPECT_EQ(scheds[0]["shifts"][1]["activities"][0]["description"], "Coaching");
  EXPECT_EQ(scheds[1]["fullDayTimeOffMarkers"][0]["businessUnitDate"], "2026-03-13");

  // The date-range search reads the published import for that week.
  auto s = send_json(kEmea, "POST", std::string(kWfm) + "/businessunits/" + bu_id(kEmea) + "/agentschedules/search",
                     {{"startDate", "2026-03-09T00:00:00Z"}, {"endDate", "2026-03-14T00:00:00Z"}, {"userIds", users}});
  ASSERT_EQ(s.status, 200) << s.body;
  auto r = body_json(s)["result"];
  bool referenced = false;
  for (const auto& p : r["publishedSchedules"]) referenced |= p["id"] == id;
  EXPECT_TRUE(referenced) << r["publishedSchedules"];
  std::size_t shifts = 0;
  for (const auto& a : r["agentSchedules"])
    for (const auto& sh : a["shifts"]) {
      EXPECT_EQ(sh["schedule"]["id"], id);
      ++shifts;
    }
  EXPECT_EQ(shifts, 3u);
}

TEST_P(ScheduleImport, InvalidContentCompletesWithErrorNamingTheOffendingId) {
  auto stream = listen(topic());
  const auto users = agents(2);
  const std::string apac_code = create_code(kApac, "Far away");
  const std::string apac_user = get_json(kApac, "/api/v2/users?pageSize=1")["entities"][0]["id"];
  auto unknown = valid_body(users, "0");
  unknown["agentSchedules"][1]["userId"] = "no-such-user";
  auto foreign_user = valid_body(users, "0");
  foreign_user["agentSchedules"][1]["userId"] = apac_user;
  auto foreign_code = valid_body(users, apac_code);
  auto overlap = valid_body(users, "0");
  overlap["agentSchedules"][1]["shifts"].push_back(shift("2026-03-12T14:00:00Z", 120, "0"));
  auto outside = valid_body(users, "0");
  outside["agentSchedules"][0]["shifts"][0] = shift("2026-03-16T08:00:00Z", 60, "0");
  auto duplicate = valid_body(users, "0");
  duplicate["agentSchedules"][1]["userId"] = users[0];
  auto no_description = valid_body(users, "0");
  no_description.erase("description");
  auto bad_marker_code = valid_body(users, "0");
  bad_marker_code["agentSchedules"][1]["fullDayTimeOffMarkers"][0]["activityCodeId"] = "nope-code";
  const std::vector<ErrorCase> cases = {
      {valid_body(users, "0").dump(), {"gzip"}},
      {api::gzip("[1,2"), {"JSON"}},
      {api::gzip(unknown.dump()), {"no-such-user", "agentSchedules[1]"}},
      {api::gzip(foreign_user.dump()), {apac_user}},
      {api::gzip(foreign_code.dump()), {apac_code, "agentSchedules[0].shifts[1]"}},
      {api::gzip(overlap.dump()), {"Overlapping", users[1]}},
      {api::gzip(outside.dump()), {"agentSchedules[0].shifts[0].startDate", "outside"}},
      {api::gzip(duplicate.dump()), {"Duplicate", users[0]}},
      {api::gzip(no_description.dump()), {"description"}},
      {api::gzip(bad_marker_code.dump()), {"nope-code", "fullDayTimeOffMarkers[0]"}},
  };
  for (const auto& e : expect_errors(*stream, base(), cases)) EXPECT_EQ(e["eventType"], "Import") << e;
  auto list = get_json(kEmea, base())["entities"];
  ASSERT_EQ(list.size(), 1u) << "nothing imported";
  EXPECT_EQ(list[0]["published"], true);
}

TEST_P(ScheduleImport, MalformedRequestsAreRefusedAtOnce) {
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", base() + "/import", json::object()), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", base() + "/import", {{"uploadKey", 7}}), 400, "bad.request");
  auto bad_json = json_request("POST", base() + "/import", token(kEmea), json::object());
  bad_json.body = "{\"uploadKey\": ";
  EXPECT_ERROR_BODY(h().send(kEmea, bad_json), 400, "bad.request");
  EXPECT_ERROR_BODY(import(base(), "not-a-key"), 400, "bad.request");
  // A key issued for a forecast import, or for another week, does not import a schedule.
  const std::string forecast_key =
      upload(weeks() + kWeek + "/shorttermforecasts", api::gzip("{}"));
  EXPECT_ERROR_BODY(import(base(), forecast_key), 400, "bad.request");
  const std::string other_week = upload(weeks() + "2026-03-16/schedules", api::gzip("{}"));
  EXPECT_ERROR_BODY(import(base(), other_week), 400, "bad.request");
  // An upload URL with nothing PUT to it yet.
  auto url = send_json(kEmea, "POST", base() + "/import/uploadurl", {{"contentLengthBytes", 10}});
  EXPECT_ERROR_BODY(import(base(), body_json(url)["uploadKey"]), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", base() + "/import/uploadurl", json::object()), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", base() + "/import/uploadurl", {{"contentLengthBytes", -1}}), 400, "bad.request");
  // A week date off the BU's start day of week (a Tuesday), and an unknown BU.
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", weeks() + "2026-03-10/schedules/import/uploadurl", {{"contentLengthBytes", 10}}),
                    400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", weeks() + "2026-03-10/schedules/import", {{"uploadKey", "k"}}), 400,
                    "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", std::string(kWfm) + "/businessunits/nope/weeks/2026-03-09/schedules/import",
                              {{"uploadKey", "k"}}),
                    404, "not.found");
  clock_->advance(std::chrono::seconds(5));
  EXPECT_EQ(get_json(kEmea, base())["entities"].size(), 1u);  // nothing imported
}

TEST_P(ScheduleImport, SameRunSameBytes) {
  const auto first = run_import();
  ASSERT_EQ(first.size(), 6u);
  tokens_.clear();
  SetUp();
  const auto second = run_import();
  ASSERT_EQ(second.size(), 6u);
  for (std::size_t i = 0; i < first.size(); ++i) EXPECT_EQ(first[i].dump(), second[i].dump()) << i;
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(ScheduleImport);

}  // namespace
}  // namespace mockgc::testing
