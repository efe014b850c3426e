// The notification channel client: frame parsing and de-duplication as pure functions, then the whole
// channel in-process against mock-gc's core on the virtual clock (InProcessWebSocketConnector), under
// examples/channels/sockets.json's socket_closing and socket_drop plus channel_expire, heartbeat_stop and
// a duplicate-every-event fault.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "mockgc/api/time.hpp"
#include "mockgc/client/errc.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/client/notification_channel.hpp"
#include "mockgc/inproc/inproc.hpp"
#include "mockgc/api/regions.hpp"

namespace mockgc::client {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

TEST(NotificationFrame, ClassifiesHeartbeatsLifecycleAndEvents) {
  EXPECT_EQ(parse_notification_frame(R"({"topicName":"channel.metadata","eventBody":{"message":"WebSocket Heartbeat"}})").kind,
            FrameKind::heartbeat);
  EXPECT_EQ(parse_notification_frame(R"({"topicName":"channel.metadata","eventBody":{"message":"pong"}})").kind,
            FrameKind::pong);
  EXPECT_EQ(parse_notification_frame(R"({"topicName":"v2.system.socket_closing","eventBody":{}})").kind,
            FrameKind::socket_closing);
  EXPECT_EQ(parse_notification_frame(R"({"result":"404"})").kind, FrameKind::channel_gone);
  EXPECT_EQ(parse_notification_frame(R"({"result":404})").kind, FrameKind::channel_gone);
  EXPECT_EQ(parse_notification_frame(R"({"result":"200","status":"subscribed"})").kind, FrameKind::answer);
  const auto e = parse_notification_frame(
      R"({"topicName":"v2.users.u1.activity","version":"2","eventBody":{"id":"u1"},"metadata":{"CorrelationId":"c-1"}})");
  EXPECT_EQ(e.kind, FrameKind::event);
  EXPECT_EQ(e.topic, "v2.users.u1.activity");
  EXPECT_EQ(e.body, json({{"id", "u1"}}));
  EXPECT_EQ(e.correlation_id, "c-1");
}

TEST(NotificationFrame, BadInputIsUnknownNeverAThrow) {
  for (const char* text : {"", "not json", "[1,2]", "{\"topicName\":5}", "{\"x\":1}", "\xff\xfe", "{\"result\":null}"}) {
    const auto f = parse_notification_frame(text);
    EXPECT_TRUE(f.kind == FrameKind::unknown || f.kind == FrameKind::answer) << text;
  }
}

TEST(EventDeduplicator, SamePayloadOnceDifferentPayloadOrTopicAgainBounded) {
  EventDeduplicator d(2);
  const json a{{"user", {{"id", "u1"}}}, {"adherenceChangeTime", "2026-01-05T09:00:00.000Z"}};
  json b = a;
  b["adherenceChangeTime"] = "2026-01-05T09:01:00.000Z";
  EXPECT_TRUE(d.first_time("t", a));
  EXPECT_FALSE(d.first_time("t", a));
  EXPECT_TRUE(d.first_time("t2", a));  // another topic is another event
  EXPECT_TRUE(d.first_time("t", b));   // evicts the oldest (capacity 2)
  EXPECT_EQ(d.remembered(), 2u);
  EXPECT_TRUE(d.first_time("t", a));   // forgotten: memory stays bounded
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// sockets.json (EMEA: socket_closing at PT1M, socket_drop at PT3M) plus channel_expire at PT5M, no
// heartbeats PT7M–PT10M, and every EMEA event queued twice.
struct ChannelWorld {
  ChannelWorld() : clock(*api::parse_instant("2026-01-05T09:00:00Z")) {
    auto scenario = json::parse(slurp(std::filesystem::path(MOCKGC_SOURCE_DIR) / "examples/channels/sockets.json"));
    for (const char* extra :
         {R"({"id":"x-expire","type":"notification","action":"channel_expire","region":"eu_central_1","at":"PT5M"})",
          R"({"id":"x-hb","type":"notification","action":"heartbeat_stop","region":"eu_central_1","at":"PT7M","for":"PT3M"})",
          R"({"id":"x-dup","type":"notification","action":"notification_duplicate","region":"eu_central_1"})"})
      scenario["faults"].push_back(json::parse(extra));
    core::ServiceOptions o;
    o.scenario_text = scenario.dump();
    o.clock = &clock;
    service = core::make_service(o);
    transport = std::make_unique<inproc::InProcessTransport>(*service);
    sockets = std::make_unique<inproc::InProcessWebSocketConnector>(*service, clock);
    for (const auto& r : service->regions()) {
      if (r.region != "eu_central_1") continue;
      emea.name = r.org_name;
      emea.region = r.region;
      emea.api = *parse_endpoint("https://" + api::find_region(r.region)->api_host());
      emea.login = default_login_endpoint(emea.api);
      emea.client_id = r.client_id;
      emea.client_secret = r.client_secret;
    }
  }
  api::ManualClock clock;
  std::unique_ptr<core::Service> service;
  std::unique_ptr<inproc::InProcessTransport> transport;
  std::unique_ptr<inproc::InProcessWebSocketConnector> sockets;
  OrgConfig emea;
};

std::vector<std::string> mu_adherence_topics(OrgClient& org) {
  std::vector<std::string> topics;
  auto mus = get_wfm_listing(org, "/api/v2/workforcemanagement/managementunits");
  EXPECT_TRUE(mus) << mus.error().message();
  if (mus)
    for (const auto& mu : (*mus)["entities"])
      topics.push_back("v2.workforcemanagement.managementunits." + mu["id"].get<std::string>() + ".adherence");
  return topics;
}

TEST(NotificationChannel, SurvivesClosingDropExpiryAndSilenceAndHandsOutEachEventOnce) {
  ChannelWorld w;
  OrgClient org(w.emea, *w.transport, w.clock);
  const auto topics = mu_adherence_topics(org);
  ASSERT_EQ(topics.size(), 2u);
  NotificationChannel channel(org, *w.sockets, topics);
  const auto start = w.clock.now();
  std::map<ChannelSignal, int> signals;
  std::multiset<std::string> seen;
  ChannelHandlers h;
  h.on_event = [&](const NotificationFrame& f) { seen.insert(f.topic + f.body.dump()); };
  h.on_signal = [&](ChannelSignal s, std::string_view) { ++signals[s]; };
  const auto status = channel.run([&] { return w.clock.now() >= start + 12min; }, h);
  ASSERT_TRUE(status) << status.error().message();

  EXPECT_EQ(signals[ChannelSignal::socket_closing], 1);
  EXPECT_EQ(signals[ChannelSignal::dropped], 1);
  EXPECT_EQ(signals[ChannelSignal::channel_gone], 1);
  EXPECT_GE(signals[ChannelSignal::heartbeat_missed], 1);  // 90 s into PT7M–PT10M's silence
  EXPECT_EQ(channel.stats().channels_created, 2u);         // the first, and one after the 404
  EXPECT_EQ(signals[ChannelSignal::subscribed], 2);
  // One socket at a time, a new one after each of: closing, drop, 404, each missed-heartbeat give-up.
  EXPECT_EQ(channel.stats().sockets_opened, static_cast<std::uint64_t>(1 + 3 + signals[ChannelSignal::heartbeat_missed]));
  EXPECT_EQ(w.sockets->connects(), channel.stats().sockets_opened);
  EXPECT_GT(channel.stats().heartbeats, 0u);
  // Every EMEA event came twice (the duplicate fault); each was handed out once.
  EXPECT_GT(channel.stats().events, 0u);
  EXPECT_GE(channel.stats().duplicates, channel.stats().events - 1);
  for (const auto& key : seen) EXPECT_EQ(seen.count(key), 1u) << key;
}

TEST(NotificationChannel, NoPermittedTopicIsAProtocolOutcomeNotARetry) {
  ChannelWorld w;
  OrgClient org(w.emea, *w.transport, w.clock);
  NotificationChannel channel(org, *w.sockets, {"v2.no.such.topic"});
  const auto status = channel.run([] { return false; }, {});
  EXPECT_EQ(status.error(), errc::subscription_rejected);
  EXPECT_EQ(channel.stats().channels_created, 1u);
  EXPECT_EQ(w.sockets->connects(), 0u);
}

TEST(NotificationChannel, AnUnreachableServerIsATransportFailureAfterTheReconnectBudget) {
  api::ManualClock clock;
  FunctionTransport down([](const Endpoint&, const api::HttpRequest&, const SendOptions&) -> Result<api::HttpResponse> {
    return errc::connect_failed;
  });
  OrgConfig cfg;
  cfg.name = "X";
  cfg.region = "eu_central_1";
  cfg.api = *parse_endpoint("https://api.mypurecloud.de");
  cfg.login = default_login_endpoint(cfg.api);
  cfg.client_id = "c";
  cfg.client_secret = "s";
  OrgClientOptions fast;
  fast.retry.max_retries = 0;
  OrgClient org(cfg, down, clock, fast);
  ChannelWorld unused;
  NotificationChannelOptions o;
  o.reconnect.max_retries = 3;
  NotificationChannel channel(org, *unused.sockets, {"v2.x"}, o);
  int failures = 0;
  ChannelHandlers h;
  h.on_signal = [&](ChannelSignal s, std::string_view) { failures += s == ChannelSignal::connect_failed; };
  const auto status = channel.run([] { return false; }, h);
  ASSERT_FALSE(status);
  EXPECT_NE(status.error(), errc::subscription_rejected);
  EXPECT_NE(status.error(), errc::unexpected_status);
  EXPECT_EQ(failures, 4);  // the first attempt and three backed-off retries
}

}  // namespace
}  // namespace mockgc::client
