// BU schedule update over every harness kind: …/schedules/{id}/update/uploadurl -> PUT gzip JSON
// (UpdateScheduleUploadSchema) -> …/update (202 Processing) -> the businessunits.{id}.schedules topic says
// Complete (eventType Update, metadata.version one more) and the changed schedule is what the schedule routes
// answer (publishing included); an invalid or stale update completes with Error naming the offending id and
// changes nothing; an unknown schedule is a 404 at once.
#include "schedule_fixture.hpp"

namespace mockgc::testing {
namespace {

class ScheduleUpdate : public ScheduleUploadTest {
 protected:
  std::string update_step(const std::string& id) { return id + "/update"; }
  // Imports valid_body (unpublished when `published` is false) to completion; returns the schedule id.
  std::string imported(core::notifications::Stream& stream, const std::vector<std::string>& users, bool published) {
    auto body = valid_body(users, "0");
    body["published"] = published;
    accepted(base(), api::gzip(body.dump()));
    clock_->advance(std::chrono::seconds(5));
    auto got = events(stream);
    if (got.size() != 1u) {
      ADD_FAILURE() << got.size() << " events";
      return "";
    }
    return got[0]["eventBody"]["result"].value("id", "");
  }
  json query(const std::string& id) {
    auto q = send_json(kEmea, "POST", base() + "/" + id + "/agentschedules/query", {{"managementUnitId", mu_id(kEmea)}});
    EXPECT_EQ(q.status, 200) << q.body;
    return body_json(q)["result"]["agentSchedules"];
  }
  static const json* agent(const json& scheds, const std::string& user) {
    for (const auto& a : scheds)
      if (a["user"]["id"] == user) return &a;
    return nullptr;
  }
};

TEST_P(ScheduleUpdate, ChangedScheduleIsWhatTheRoutesAnswerOnceComplete) {
  auto stream = listen(topic());
  const auto users = agents(3);
  const std::string id = imported(*stream, users, false);
  ASSERT_FALSE(id.empty());
  auto before = query(id);
  const json* first = agent(before, users[0]);
  ASSERT_NE(first, nullptr);
  ASSERT_EQ((*first)["shifts"].size(), 2u);
  const std::string kept = (*first)["shifts"][0]["id"], dropped = (*first)["shifts"][1]["id"];
  EXPECT_EQ(get_json(kEmea, base() + "/" + id)["metadata"]["version"], 1);

  auto moved = shift("2026-03-10T07:00:00Z", 420, "0");
  moved["id"] = kept;
  const json update{
      {"metadata", {{"version", 1}}},
      {"description", "Updated roster"},
      {"published", true},
      {"agentSchedules",
       {{{"userId", users[0]}, {"shifts", {moved, {{"id", dropped}, {"delete", true}}}}},
        {{"userId", users[1]}, {"delete", true}},
        {{"userId", users[2]}, {"shifts", {shift("2026-03-11T12:00:00Z", 240, "0")}}}}}};
  const std::string op = accepted(base(), api::gzip(update.dump()), update_step(id));
  // Processing: the schedule answers its first version until the update completes.
  EXPECT_EQ(get_json(kEmea, base() + "/" + id)["description"], "Imported roster");
  EXPECT_EQ(completion(op).status, 404);
  clock_->advance(std::chrono::seconds(5));
  auto got = events(*stream);
  ASSERT_EQ(got.size(), 1u);
  const json e = got[0]["eventBody"];
  EXPECT_EQ(e["status"], "Complete");
  EXPECT_EQ(e["eventType"], "Update");
  EXPECT_EQ(e["operationId"], op);
  EXPECT_EQ(e["result"]["id"], id);
  EXPECT_EQ(e["result"]["published"], true);
  EXPECT_EQ(e["result"]["metadata"]["version"], 2);
  EXPECT_EQ(body_json(completion(op)), e);

  // Publishing: the update is the week's published schedule, listed once, at its new version.
  auto list = get_json(kEmea, base())["entities"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["published"], false);
  EXPECT_EQ(list[1]["id"], id);
  EXPECT_EQ(list[1]["published"], true);
  EXPECT_EQ(list[1]["description"], "Updated roster");
  auto meta = get_json(kEmea, base() + "/" + id);
  EXPECT_EQ(meta["metadata"]["version"], 2);
  EXPECT_EQ(meta["published"], true);

  auto after = query(id);
  ASSERT_EQ(after.size(), 2u) << after;
  const json* a0 = agent(after, users[0]);
  ASSERT_NE(a0, nullptr);
  ASSERT_EQ((*a0)["shifts"].size(), 1u);
  EXPECT_EQ((*a0)["shifts"][0]["id"], kept);
  EXPECT_EQ((*a0)["shifts"][0]["startDate"], "2026-03-10T07:00:00.000Z");
  EXPECT_EQ((*a0)["shifts"][0]["lengthMinutes"], 420);
  EXPECT_EQ(agent(after, users[1]), nullptr);
  const json* a2 = agent(after, users[2]);
  ASSERT_NE(a2, nullptr);
  EXPECT_EQ((*a2)["shifts"][0]["startDate"], "2026-03-11T12:00:00.000Z");

  // The date-range search reads the now published schedule.
  auto s = send_json(kEmea, "POST", std::string(kWfm) + "/businessunits/" + bu_id(kEmea) + "/agentschedules/search",
                     {{"startDate", "2026-03-09T00:00:00Z"}, {"endDate", "2026-03-14T00:00:00Z"}, {"userIds", {users[2]}}});
  ASSERT_EQ(s.status, 200) << s.body;
  auto r = body_json(s)["result"];
  ASSERT_EQ(r["agentSchedules"].size(), 1u) << r;
  ASSERT_EQ(r["agentSchedules"][0]["shifts"].size(), 1u) << r;
  EXPECT_EQ(r["agentSchedules"][0]["shifts"][0]["schedule"]["id"], id);

  // Unpublishing by update hands the week back to the generated schedule.
  accepted(base(), api::gzip(json{{"metadata", {{"version", 2}}}, {"published", false}}.dump()), update_step(id));
  clock_->advance(std::chrono::seconds(5));
  auto only = get_json(kEmea, base() + "?includeOnlyPublished=true")["entities"];
  ASSERT_EQ(only.size(), 1u);
  EXPECT_NE(only[0]["id"], id);
  EXPECT_EQ(get_json(kEmea, base() + "/" + id)["metadata"]["version"], 3);
}

TEST_P(ScheduleUpdate, InvalidOrStaleUpdatesCompleteWithErrorAndChangeNothing) {
  auto stream = listen(topic());
  const auto users = agents(3);
  const std::string id = imported(*stream, users, true);
  ASSERT_FALSE(id.empty());
  const std::string apac_code = create_code(kApac, "Far away");
  auto change = [&](json agent_schedule) {
    return json{{"metadata", {{"version", 1}}}, {"agentSchedules", json::array({std::move(agent_schedule)})}};
  };
  auto stale = change({{"userId", users[0]}});
  stale["metadata"]["version"] = 7;
  auto no_version = change({{"userId", users[0]}});
  no_version.erase("metadata");
  auto ghost_shift = shift("2026-03-10T08:00:00Z", 60, "0");
  ghost_shift["id"] = "no-such-shift";
  const std::vector<ErrorCase> cases = {
      {change({{"userId", users[0]}}).dump(), {"gzip"}},
      {api::gzip(stale.dump()), {id, "metadata.version 7"}},
      {api::gzip(no_version.dump()), {"metadata.version"}},
      {api::gzip(change({{"userId", "no-such-user"}}).dump()), {"no-such-user", "agentSchedules[0]"}},
      {api::gzip(change({{"userId", users[0]}, {"shifts", {ghost_shift}}}).dump()), {"no-such-shift", users[0]}},
      {api::gzip(change({{"userId", users[0]}, {"shifts", {shift("2026-03-12T09:00:00Z", 60, apac_code)}}}).dump()),
       {apac_code, "agentSchedules[0].shifts[0]"}},
      {api::gzip(change({{"userId", users[0]}, {"shifts", {shift("2026-03-10T09:00:00Z", 60, "0")}}}).dump()),
       {"Overlapping", users[0]}},
      {api::gzip(change({{"userId", users[2]}, {"delete", true}}).dump()), {users[2], "delete"}},
  };
  for (const auto& e : expect_errors(*stream, base(), cases, update_step(id))) EXPECT_EQ(e["eventType"], "Update") << e;
  auto meta = get_json(kEmea, base() + "/" + id);
  EXPECT_EQ(meta["metadata"]["version"], 1);
  EXPECT_EQ(meta["description"], "Imported roster");
  const json now = query(id);
  const json* a0 = agent(now, users[0]);
  ASSERT_NE(a0, nullptr);
  EXPECT_EQ((*a0)["shifts"].size(), 2u);

  // Two updates of the same version: the second, still in flight behind the first, conflicts.
  const std::string one = accepted(base(), api::gzip(json{{"metadata", {{"version", 1}}}, {"description", "A"}}.dump()),
                                   update_step(id));
  const std::string two = accepted(base(), api::gzip(json{{"metadata", {{"version", 1}}}, {"description", "B"}}.dump()),
                                   update_step(id));
  clock_->advance(std::chrono::seconds(5));
  EXPECT_EQ(body_json(completion(one))["status"], "Complete");
  EXPECT_EQ(body_json(completion(two))["status"], "Error");
  EXPECT_EQ(get_json(kEmea, base() + "/" + id)["description"], "A");
}

TEST_P(ScheduleUpdate, UnknownScheduleOrForeignKeyIsRefusedAtOnce) {
  auto stream = listen(topic());
  const auto users = agents(2);
  const std::string id = imported(*stream, users, false);
  ASSERT_FALSE(id.empty());
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", base() + "/no-such-schedule/update/uploadurl", {{"contentLengthBytes", 10}}),
                    404, "not.found");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", base() + "/no-such-schedule/update", {{"uploadKey", "k"}}), 404, "not.found");
  // The schedule belongs to its own week: the next week does not have it.
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", weeks() + "2026-03-16/schedules/" + id + "/update/uploadurl",
                              {{"contentLengthBytes", 10}}),
                    404, "not.found");
  // The generated schedule of the week takes no update.
  const std::string generated = get_json(kEmea, base())["entities"][0]["id"];
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", base() + "/" + generated + "/update/uploadurl", {{"contentLengthBytes", 10}}),
                    400, "bad.request");
  // A key issued for an import of the week does not update the schedule, nor the other way round.
  const std::string import_key = upload(base(), api::gzip("{}"));
  EXPECT_ERROR_BODY(import(base(), import_key, kEmea, update_step(id)), 400, "bad.request");
  const std::string update_key = upload(base(), api::gzip("{}"), kEmea, update_step(id));
  EXPECT_ERROR_BODY(import(base(), update_key), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", base() + "/" + id + "/update", json::object()), 400, "bad.request");
  clock_->advance(std::chrono::seconds(5));
  EXPECT_EQ(get_json(kEmea, base() + "/" + id)["metadata"]["version"], 1);
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(ScheduleUpdate);

}  // namespace
}  // namespace mockgc::testing
