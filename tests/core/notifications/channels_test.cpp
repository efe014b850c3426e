// Channels and subscriptions over every harness kind: create/list/HEAD, per-topic Permitted/Rejected (unknown
// topic, another org's id, the client-credentials requester id), replace and delete, availabletopics with
// schema, and the channel's stream (Service::open_stream) carrying heartbeats and events on the virtual clock.
#include <set>

#include "core/notifications/channel_fixture.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;

class Channels : public ChannelTest {};

TEST_P(Channels, CreateListHead) {
  auto c = create();
  const std::string id = c["id"];
  EXPECT_EQ(c["connectUri"].get<std::string>().rfind("ws://", 0), 0u) << c;
  EXPECT_EQ(path_of_url(c["connectUri"].get<std::string>()), "/channels/" + id);
  EXPECT_EQ(c["expires"], "2026-03-03T09:00:00.000Z");
  auto listed = get_json(kEmea, kChannels);
  ASSERT_EQ(listed["entities"].size(), 1u);
  EXPECT_EQ(listed["entities"][0]["id"], id);
  EXPECT_EQ(get_json(kEmea, std::string(kChannels) + "?includechannels=oauthclient")["entities"].size(), 1u);
  EXPECT_ERROR_BODY(get(kEmea, std::string(kChannels) + "?includechannels=everyone"), 400, "invalid.value");
  auto head = [&](const std::string& region, const std::string& channel) {
    auto req = get_request(std::string(kChannels) + "/" + channel, token(region));
    req.method = "HEAD";
    return h().send(region, req).status;
  };
  EXPECT_EQ(head(kEmea, id), 200);
  EXPECT_EQ(head(kEmea, "streaming-0-unknown"), 404);
  EXPECT_EQ(head(kApac, id), 404);  // another org's channel
  EXPECT_TRUE(get_json(kApac, kChannels)["entities"].empty());
  clock_->advance(std::chrono::hours(24));
  tokens_.clear();                  // the day-old token has expired too
  EXPECT_EQ(head(kEmea, id), 404);  // expired
}

TEST_P(Channels, SubscriptionsArePermittedOrRejectedPerTopic) {
  const std::string id = create()["id"];
  const std::string mine = user(kEmea), foreign = user(kApac);
  auto answer = subscribe(id, {"v2.users." + mine + ".activity", "v2.users." + foreign + ".presence",
                               "v2.nothing.here", "v2.workforcemanagement.historicaldata.status"});
  const auto& e = answer["entities"];
  ASSERT_EQ(e.size(), 4u) << answer;
  EXPECT_EQ(e[0]["state"], "Permitted");
  EXPECT_FALSE(e[0].contains("rejectionReason"));
  EXPECT_EQ(e[1]["state"], "Rejected");
  EXPECT_NE(e[1]["rejectionReason"].get<std::string>().find("another organization"), std::string::npos);
  EXPECT_EQ(e[2]["state"], "Rejected");
  EXPECT_NE(e[2]["rejectionReason"].get<std::string>().find("availabletopics"), std::string::npos);
  EXPECT_EQ(e[3]["state"], "Permitted");
  auto listed = get_json(kEmea, std::string(kChannels) + "/" + id + "/subscriptions");
  ASSERT_EQ(listed["entities"].size(), 2u);
  EXPECT_EQ(listed["entities"][0]["id"], "v2.users." + mine + ".activity");

  // Results of asynchronous WFM operations: the OAuth client id stands for the (absent) user.
  answer = subscribe(id, {"v2.workforcemanagement.users." + client_id(kEmea) + ".schedules.query",
                          "v2.workforcemanagement.users." + mine + ".schedules.query"});
  EXPECT_EQ(answer["entities"][0]["state"], "Permitted");
  EXPECT_EQ(answer["entities"][1]["state"], "Rejected");
  EXPECT_NE(answer["entities"][1]["rejectionReason"].get<std::string>().find(client_id(kEmea)), std::string::npos);

  subscribe(id, {"v2.users." + mine + ".presence"}, "PUT");
  EXPECT_EQ(get_json(kEmea, std::string(kChannels) + "/" + id + "/subscriptions")["entities"].size(), 1u);
  auto del = h().send(kEmea, [&] {
    auto req = get_request(std::string(kChannels) + "/" + id + "/subscriptions", token(kEmea));
    req.method = "DELETE";
    return req;
  }());
  EXPECT_EQ(del.status, 204);
  EXPECT_TRUE(get_json(kEmea, std::string(kChannels) + "/" + id + "/subscriptions")["entities"].empty());
}

TEST_P(Channels, BadBodiesAndUnknownChannels) {
  const std::string id = create()["id"];
  const std::string subs = std::string(kChannels) + "/" + id + "/subscriptions";
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", subs, json{{"id", "v2.x"}}), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", subs, json::array({"v2.x"})), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", std::string(kChannels) + "/nope/subscriptions", json::array()), 404,
                    "not.found");
  EXPECT_ERROR_BODY(get(kApac, subs), 404, "not.found");
}

TEST_P(Channels, AvailableTopicsWithSchema) {
  auto plain = get_json(kEmea, "/api/v2/notifications/availabletopics");
  ASSERT_GE(plain["entities"].size(), 10u);
  bool adherence = false;
  for (const auto& t : plain["entities"]) {
    EXPECT_FALSE(t.contains("schema"));
    adherence |= t["id"] == "v2.workforcemanagement.managementunits.{id}.adherence";
  }
  EXPECT_TRUE(adherence);
  // Exactly the topics that have events (README, "Notifications"): nothing advertised stays silent.
  std::set<std::string> ids;
  for (const auto& t : plain["entities"]) ids.insert(t["id"].get<std::string>());
  EXPECT_EQ(ids, (std::set<std::string>{
                     "v2.users.{id}.activity", "v2.users.{id}.presence", "v2.users.{id}.routingStatus",
                     "v2.users.{id}.workforcemanagement.adherence", "v2.users.{id}.workforcemanagement.timeoffrequests",
                     "v2.workforcemanagement.managementunits.{id}.adherence",
                     "v2.workforcemanagement.teams.{id}.adherence",
                     "v2.workforcemanagement.managementunits.{id}.agentschedules.changed",
                     "v2.workforcemanagement.users.{id}.schedules.query",
                     "v2.workforcemanagement.users.{id}.schedules.search",
                     "v2.workforcemanagement.businessunits.{id}.shorttermforecasts.import",
                     "v2.workforcemanagement.businessunits.{id}.schedules",
                     "v2.workforcemanagement.historicaldata.status",
                     "v2.workforcemanagement.managementunits.{id}.shifttrades.state.bulk",
                     "v2.users.{id}.workforcemanagement.historicaladherencequery"}));
  auto schema = get_json(kEmea, "/api/v2/notifications/availabletopics?expand=schema");
  for (const auto& t : schema["entities"]) ASSERT_TRUE(t["schema"].is_object()) << t;
  EXPECT_ERROR_BODY(get(kEmea, "/api/v2/notifications/availabletopics?expand=everything"), 400, "invalid.value");
}

TEST_P(Channels, StreamCarriesHeartbeatsAndAnswers404WhenExpired) {
  auto c = create();
  auto stream = connect(c);
  ASSERT_TRUE(stream);
  EXPECT_TRUE(pull(*stream).empty());
  clock_->advance(std::chrono::seconds(30));
  auto frames = pull(*stream);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0]["eventBody"]["message"], "WebSocket Heartbeat");
  clock_->advance(std::chrono::hours(24));
  auto out = stream->pull();
  ASSERT_EQ(out.frames.size(), 1u);
  EXPECT_EQ(out.frames[0], R"({"result":"404"})");
  EXPECT_EQ(out.close, core::notifications::Close::normal);
  // A path that names no channel is not a stream.
  api::HttpRequest other;
  other.method = "GET";
  other.target = "/api/v2/users";
  EXPECT_FALSE(h().service().open_stream(other, {}));
}

TEST_P(Channels, ChannelQuotaIsTwentyPerClient) {
  const std::string first = create()["id"];
  clock_->advance(std::chrono::seconds(1));
  for (int i = 0; i < 20; ++i) {
    create();
    clock_->advance(std::chrono::seconds(1));
  }
  auto listed = get_json(kEmea, kChannels);
  EXPECT_EQ(listed["entities"].size(), 20u);
  for (const auto& c : listed["entities"]) EXPECT_NE(c["id"], first);
}

// WFM events: a time-off request created by REST arrives on the agent's topic in the topic model (plain
// string submittedBy); an agent-schedule query answered Processing completes on the requester's topic.
class ChannelEvents : public ChannelTest {};

TEST_P(ChannelEvents, TimeOffCreateAndPatchArriveOnTheAgentsTopic) {
  const std::string mu_id = mu();
  const std::string mu_path = "/api/v2/workforcemanagement/managementunits/" + mu_id;
  const std::string agent = get_json(kEmea, mu_path + "/users")["entities"][0]["id"];
  auto channel = create();
  subscribe(channel["id"], {"v2.users." + agent + ".workforcemanagement.timeoffrequests"});
  auto stream = connect(channel);
  auto res = send_json(kEmea, "POST", mu_path + "/timeoffrequests",
                       {{"status", "PENDING"},
                        {"users", {{{"id", agent}}}},
                        {"activityCodeId", "5"},
                        {"fullDayManagementUnitDates", {"2026-03-20"}},
                        {"dailyDurationMinutes", 480}});
  ASSERT_EQ(res.status, 200) << res.body;
  const auto created = body_json(res)["timeOffRequests"][0];
  auto got = events(*stream);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["topicName"], "v2.users." + agent + ".workforcemanagement.timeoffrequests");
  EXPECT_EQ(got[0]["eventBody"]["id"], created["id"]);
  EXPECT_EQ(got[0]["eventBody"]["status"], "PENDING");
  EXPECT_EQ(got[0]["eventBody"]["submittedBy"], client_id(kEmea));  // a string, not {id, selfUri}
  res = send_json(kEmea, "PATCH", mu_path + "/users/" + agent + "/timeoffrequests/" + created["id"].get<std::string>(),
                  {{"status", "APPROVED"}, {"metadata", created["metadata"]}});
  ASSERT_EQ(res.status, 200) << res.body;
  got = events(*stream);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["eventBody"]["status"], "APPROVED");
  EXPECT_EQ(got[0]["eventBody"]["reviewedBy"], client_id(kEmea));
}

TEST_P(ChannelEvents, ProcessingScheduleQueryCompletesByNotification) {
  const std::string bu = bu_id(kEmea);
  const std::string weeks = "/api/v2/workforcemanagement/businessunits/" + bu + "/weeks/2026-03-02/schedules";
  const std::string schedule = get_json(kEmea, weeks)["entities"][0]["id"];
  auto channel = create();
  const std::string topic = "v2.workforcemanagement.users." + client_id(kEmea) + ".schedules.query";
  subscribe(channel["id"], {topic});
  auto stream = connect(channel);
  auto res = send_json(kEmea, "POST", weeks + "/" + schedule + "/agentschedules/query?forceAsync=true",
                       {{"managementUnitId", mu()}});
  ASSERT_EQ(res.status, 200) << res.body;
  const auto answer = body_json(res);
  EXPECT_EQ(answer["status"], "Processing");
  auto got = events(*stream);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["topicName"], topic);
  EXPECT_EQ(got[0]["eventBody"]["operationId"], answer["operationId"]);
  EXPECT_EQ(got[0]["eventBody"]["businessUnitId"], bu);
  auto download = h().send(kEmea, get_request(path_of_url(got[0]["eventBody"]["downloadUrl"].get<std::string>()), ""));
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(body_json(download)["status"], "Complete");
  EXPECT_TRUE(body_json(download)["result"]["agentSchedules"].is_array());
}

}  // namespace
MOCKGC_INSTANTIATE_FOR_HARNESSES(Channels);
MOCKGC_INSTANTIATE_FOR_HARNESSES(ChannelEvents);
}  // namespace mockgc::testing
