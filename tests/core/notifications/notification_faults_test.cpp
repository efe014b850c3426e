// Every notification fault type, loaded from scenario JSON text by the service's own scenario loader
// (ServiceOptions::scenario_text), observed on a subscribed channel's stream on the virtual clock:
// socket_drop, socket_closing, channel_expire, heartbeat_stop, notification_delay, notification_duplicate
// and notification_drop (FAULTS.md, "Notification faults").
#include "channel_fixture.hpp"
#include "mockgc/core/scenario.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
using core::notifications::Close;
using std::chrono::minutes;
using std::chrono::seconds;

class NotificationFaultScenario : public ChannelTest {
 protected:
  void SetUp() override {}  // start() builds the world once the test has chosen its fault
  core::ServiceOptions options() override {
    json scenario = json::parse(core::default_scenario_text());
    scenario.erase("clock");  // the test's ManualClock: fault offsets count from its start
    scenario.erase("expect");
    scenario["faults"] = json::array({fault_});
    core::ServiceOptions o;
    o.scenario_text = scenario.dump();
    return o;
  }
  // The world with `fault` (region eu_central_1), a channel subscribed to an agent's time-off topic, and
  // a connected stream.
  void start(json fault) {
    fault["type"] = "notification";
    fault["region"] = kEmea;
    fault_ = std::move(fault);
    ChannelTest::SetUp();
    mu_path_ = "/api/v2/workforcemanagement/managementunits/" + mu();
    agent_ = get_json(kEmea, mu_path_ + "/users")["entities"][0]["id"];
    channel_ = create();
    subscribe(channel_["id"], {"v2.users." + agent_ + ".workforcemanagement.timeoffrequests"});
    stream_ = connect(channel_);
  }
  // A time-off request of the agent: one event on the subscribed topic. Returns the request id.
  std::string time_off(const std::string& date) {
    auto res = send_json(kEmea, "POST", mu_path_ + "/timeoffrequests",
                         {{"status", "PENDING"},
                          {"users", {{{"id", agent_}}}},
                          {"activityCodeId", "5"},
                          {"fullDayManagementUnitDates", {date}},
                          {"dailyDurationMinutes", 480}});
    EXPECT_EQ(res.status, 200) << res.body;
    return body_json(res)["timeOffRequests"][0]["id"];
  }
  int head_status() {
    auto req = get_request(std::string(kChannels) + "/" + channel_["id"].get<std::string>(), token(kEmea));
    req.method = "HEAD";
    return h().send(kEmea, req).status;
  }

  json fault_;
  std::string mu_path_, agent_;
  json channel_;
  std::unique_ptr<core::notifications::Stream> stream_;
};

TEST_P(NotificationFaultScenario, SocketDropCutsTheSocketAndTheChannelLivesOn) {
  start({{"action", "socket_drop"}, {"at", "PT1M"}});
  EXPECT_EQ(stream_->pull().close, Close::none);
  clock_->advance(minutes(1));
  auto out = stream_->pull();
  EXPECT_EQ(out.close, Close::abrupt);
  EXPECT_TRUE(out.frames.empty());  // no close frame, no message
  EXPECT_EQ(head_status(), 200);
  // An event published while no socket is open waits for the next connection.
  const auto id = time_off("2026-03-20");
  stream_ = connect(channel_);
  auto got = events(*stream_);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["eventBody"]["id"], id);
}

TEST_P(NotificationFaultScenario, SocketClosingWarnsThenClosesAfterTheGrace) {
  start({{"action", "socket_closing"}, {"at", "PT1M"}, {"grace", "PT10S"}});
  clock_->advance(minutes(1));
  auto out = stream_->pull();
  stream_->confirm();
  EXPECT_EQ(out.close, Close::none);
  json warning;
  for (const auto& f : out.frames)
    if (json::parse(f)["topicName"] == "v2.system.socket_closing") warning = json::parse(f);
  ASSERT_TRUE(warning.is_object()) << out.frames.size() << " frames, no socket_closing";
  EXPECT_EQ(warning["eventBody"]["closeTime"], "2026-03-02T09:01:10.000Z");
  clock_->advance(seconds(10));
  EXPECT_EQ(stream_->pull().close, Close::normal);
  EXPECT_EQ(head_status(), 200);  // the channel lives on: reconnect
  stream_ = connect(channel_);
  EXPECT_EQ(stream_->pull().close, Close::none);
}

TEST_P(NotificationFaultScenario, ChannelExpireAnswers404AndEndsTheChannel) {
  start({{"action", "channel_expire"}, {"at", "PT1M"}});
  EXPECT_EQ(head_status(), 200);
  clock_->advance(minutes(1));
  auto out = stream_->pull();
  ASSERT_EQ(out.frames.size(), 1u);
  EXPECT_EQ(out.frames[0], R"({"result":"404"})");
  EXPECT_EQ(out.close, Close::normal);
  EXPECT_EQ(head_status(), 404);
}

TEST_P(NotificationFaultScenario, HeartbeatStopSilencesHeartbeatsForItsWindow) {
  start({{"action", "heartbeat_stop"}, {"at", "PT0S"}, {"for", "PT5M"}});
  auto heartbeats = [&] {
    int n = 0;
    for (const auto& f : pull(*stream_)) n += f.value("topicName", "") == "channel.metadata";
    return n;
  };
  int during = 0;
  for (int i = 0; i < 9; ++i) {  // 30 s steps up to 4:30
    clock_->advance(seconds(30));
    during += heartbeats();
  }
  EXPECT_EQ(during, 0);
  clock_->advance(seconds(60));  // 5:30: the window is over
  EXPECT_EQ(heartbeats(), 1);
  clock_->advance(seconds(30));
  EXPECT_EQ(heartbeats(), 1);
}

TEST_P(NotificationFaultScenario, NotificationDelayHoldsEventsAndKeepsTheirOrder) {
  start({{"action", "notification_delay"}, {"at", "PT0S"}, {"for", "PT10M"}, {"delay", "PT2M"}});
  const auto first = time_off("2026-03-20");
  const auto second = time_off("2026-03-23");
  EXPECT_TRUE(events(*stream_).empty());
  clock_->advance(seconds(119));
  EXPECT_TRUE(events(*stream_).empty());
  clock_->advance(seconds(1));
  auto got = events(*stream_);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0]["eventBody"]["id"], first);
  EXPECT_EQ(got[1]["eventBody"]["id"], second);
}

TEST_P(NotificationFaultScenario, NotificationDuplicateQueuesTheEventTwice) {
  start({{"action", "notification_duplicate"}, {"at", "PT0S"}, {"for", "PT10M"}});
  const auto id = time_off("2026-03-20");
  auto got = events(*stream_);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], got[1]);  // the same event, same CorrelationId
  EXPECT_EQ(got[0]["eventBody"]["id"], id);
  clock_->advance(minutes(10));  // after the window: once
  time_off("2026-03-23");
  EXPECT_EQ(events(*stream_).size(), 1u);
}

TEST_P(NotificationFaultScenario, NotificationDropLosesEventsOfItsWindowOnly) {
  start({{"action", "notification_drop"}, {"at", "PT0S"}, {"for", "PT10M"}});
  time_off("2026-03-20");
  EXPECT_TRUE(events(*stream_).empty());
  clock_->advance(minutes(10));
  const auto id = time_off("2026-03-23");
  auto got = events(*stream_);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["eventBody"]["id"], id);
}

}  // namespace
MOCKGC_INSTANTIATE_FOR_HARNESSES(NotificationFaultScenario);
}  // namespace mockgc::testing
