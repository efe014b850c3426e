// The notification hub on a ManualClock: channel quota and eviction, topic limit, lifetime and its
// extension, heartbeats every 30 world seconds, ping/pong, socket subscribe, ordered at-least-once delivery,
// one connection per channel, 404 after expiry, socket_closing then close, drops, delivery faults, the union
// of a region's subscribed topics; and the journal records of each (journal::channel_event).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "mockgc/api/clock.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/core/journal/request_journal.hpp"
#include "notifications/hub.hpp"

namespace mockgc::core::notifications {
namespace {

using nlohmann::json;
using std::chrono::seconds;

class HubTest : public ::testing::Test {
 protected:
  api::ManualClock clock{*api::parse_instant("2026-03-02T09:00:00Z")};
  Hub hub{42, clock, [](std::string_view, std::string_view, std::string_view topic) -> std::optional<std::string> {
            if (topic.rfind("v2.", 0) != 0) return std::string("unknown");
            return std::nullopt;
          }};

  ChannelView make(std::string_view client = "c1", std::uint64_t token = 1) {
    return hub.create("eu", client, token, "ws://127.0.0.1:1", clock.now());
  }
  std::vector<json> frames(Stream& s, Close expect = Close::none) {
    auto out = s.pull();
    EXPECT_EQ(out.close, expect);
    s.confirm();
    std::vector<json> parsed;
    for (const auto& f : out.frames) parsed.push_back(json::parse(f));
    return parsed;
  }
};

TEST_F(HubTest, ChannelCarriesConnectUriAndA24HourLifetime) {
  auto c = make();
  EXPECT_EQ(c.connect_uri, "ws://127.0.0.1:1/channels/" + c.id);
  EXPECT_EQ(c.id.rfind("streaming-0-", 0), 0u);
  EXPECT_EQ(c.expires, clock.now() + std::chrono::hours(24));
  EXPECT_TRUE(hub.alive(c.id, "eu", "c1", clock.now()));
  EXPECT_FALSE(hub.alive(c.id, "eu", "other-client", clock.now()));
  EXPECT_FALSE(hub.alive(c.id, "ap", "c1", clock.now()));
  clock.advance(std::chrono::hours(23));
  ASSERT_TRUE(hub.subscribe(c.id, "eu", "c1", {"v2.a"}, SubscribeMode::add, clock.now()));  // extends
  clock.advance(std::chrono::hours(2));
  EXPECT_TRUE(hub.alive(c.id, "eu", "c1", clock.now()));
  clock.advance(std::chrono::hours(23));
  EXPECT_FALSE(hub.alive(c.id, "eu", "c1", clock.now()));
}

TEST_F(HubTest, SubscribedTopicsAreTheRegionsLiveUnionOnce) {
  auto a = make();
  auto b = make("c2");
  auto other = hub.create("ap", "c1", 1, "ws://127.0.0.1:2", clock.now());
  ASSERT_TRUE(hub.subscribe(a.id, "eu", "c1", {"v2.b", "v2.a", "bad"}, SubscribeMode::add, clock.now()));
  ASSERT_TRUE(hub.subscribe(b.id, "eu", "c2", {"v2.a", "v2.c"}, SubscribeMode::add, clock.now()));
  ASSERT_TRUE(hub.subscribe(other.id, "ap", "c1", {"v2.z"}, SubscribeMode::add, clock.now()));
  EXPECT_EQ(hub.subscribed_topics("eu", clock.now()), (std::vector<std::string>{"v2.a", "v2.b", "v2.c"}));
  EXPECT_EQ(hub.subscribed_topics("ap", clock.now()), (std::vector<std::string>{"v2.z"}));
  hub.expire("eu", clock.now());
  EXPECT_TRUE(hub.subscribed_topics("eu", clock.now()).empty());  // expired channels follow nothing
}

TEST_F(HubTest, TwentyFirstChannelEvictsTheOldestUnconnectedOne) {
  std::vector<ChannelView> made;
  for (int i = 0; i < 20; ++i) {
    made.push_back(make());
    clock.advance(seconds(1));
  }
  auto first_stream = hub.connect(made[0].id, "eu");  // connected: evicted last
  made.push_back(make());
  EXPECT_TRUE(hub.alive(made[0].id, "eu", "c1", clock.now()));
  EXPECT_FALSE(hub.alive(made[1].id, "eu", "c1", clock.now()));
  EXPECT_EQ(hub.list("eu", "c1", 1, false, clock.now()).size(), 20u);
  // Another client's quota is its own.
  make("c2");
  EXPECT_EQ(hub.list("eu", "c1", 1, false, clock.now()).size(), 20u);
}

TEST_F(HubTest, ListByTokenOrByClient) {
  make("c1", 1);
  make("c1", 2);
  EXPECT_EQ(hub.list("eu", "c1", 1, false, clock.now()).size(), 1u);
  auto all = hub.list("eu", "c1", 1, true, clock.now());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_NE(all[0].same_token, all[1].same_token);
}

TEST_F(HubTest, TopicsAreCheckedAndLimited) {
  auto c = make();
  auto answer = hub.subscribe(c.id, "eu", "c1", {"v2.a", "nope", "v2.a"}, SubscribeMode::add, clock.now());
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->size(), 3u);
  EXPECT_TRUE((*answer)[0].rejection_reason.empty());
  EXPECT_EQ((*answer)[1].rejection_reason, "unknown");
  EXPECT_EQ(hub.topics(c.id, "eu", "c1", clock.now())->size(), 1u);
  std::vector<std::string> many;
  for (int i = 0; i < 1000; ++i) many.push_back("v2.t" + std::to_string(i));
  answer = hub.subscribe(c.id, "eu", "c1", many, SubscribeMode::add, clock.now());
  EXPECT_TRUE((*answer)[998].rejection_reason.empty());
  EXPECT_NE((*answer)[999].rejection_reason.find("at most 1000"), std::string::npos);
  EXPECT_EQ(hub.topics(c.id, "eu", "c1", clock.now())->size(), 1000u);
  hub.subscribe(c.id, "eu", "c1", {"v2.b"}, SubscribeMode::replace, clock.now());
  EXPECT_EQ(hub.topics(c.id, "eu", "c1", clock.now())->size(), 1u);
  EXPECT_TRUE(hub.clear(c.id, "eu", "c1", clock.now()));
  EXPECT_TRUE(hub.topics(c.id, "eu", "c1", clock.now())->empty());
  EXPECT_FALSE(hub.subscribe("streaming-0-none", "eu", "c1", {"v2.a"}, SubscribeMode::add, clock.now()));
}

TEST_F(HubTest, HeartbeatEveryThirtyWorldSecondsAndPong) {
  auto c = make();
  auto s = hub.connect(c.id, "eu");
  EXPECT_TRUE(frames(*s).empty());
  clock.advance(seconds(29));
  EXPECT_TRUE(frames(*s).empty());
  clock.advance(seconds(1));
  auto f = frames(*s);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], json::parse(R"({"topicName":"channel.metadata","eventBody":{"message":"WebSocket Heartbeat"}})"));
  EXPECT_TRUE(frames(*s).empty());
  s->receive(R"({"message":"ping"})");
  f = frames(*s);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["eventBody"]["message"], "pong");
  hub.set_heartbeat_gate([](std::string_view, Instant) { return std::string("hb#0"); });
  clock.advance(seconds(30));
  EXPECT_TRUE(frames(*s).empty());
}

TEST_F(HubTest, SocketSubscribeAnswersWithCorrelationId) {
  auto c = make();
  auto s = hub.connect(c.id, "eu");
  s->receive(R"({"message":"subscribe","topics":["v2.x"],"correlationId":"abc"})");
  auto f = frames(*s);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], json::parse(R"({"result":"200","status":"subscribed","correlationId":"abc"})"));
  EXPECT_EQ(hub.topics(c.id, "eu", "c1", clock.now())->size(), 1u);
  s->receive(R"({"message":"subscribe","topics":["bad"]})");
  EXPECT_EQ(frames(*s)[0]["status"], "failure");
  s->receive("not json");
  EXPECT_EQ(frames(*s)[0]["status"], "error");
}

TEST_F(HubTest, EventsInOrderAtLeastOnceAcrossReconnects) {
  auto c = make();
  hub.subscribe(c.id, "eu", "c1", {"v2.x"}, SubscribeMode::add, clock.now());
  EXPECT_TRUE(hub.subscribed("eu", "v2.x", clock.now()));
  EXPECT_FALSE(hub.subscribed("ap", "v2.x", clock.now()));
  EXPECT_EQ(hub.publish("eu", "v2.x", {{"n", 1}}, clock.now()), 1u);
  EXPECT_EQ(hub.publish("eu", "v2.other", {{"n", 0}}, clock.now()), 0u);
  EXPECT_EQ(hub.publish("ap", "v2.x", {{"n", 0}}, clock.now()), 0u);
  hub.publish("eu", "v2.x", {{"n", 2}}, clock.now());
  {
    auto s = hub.connect(c.id, "eu");
    auto out = s->pull();  // handed out, never confirmed: the connection dies
    ASSERT_EQ(out.frames.size(), 2u);
  }
  auto s = hub.connect(c.id, "eu");
  auto f = frames(*s);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0]["topicName"], "v2.x");
  EXPECT_EQ(f[0]["version"], "2");
  EXPECT_EQ(f[0]["eventBody"]["n"], 1);
  EXPECT_EQ(f[1]["eventBody"]["n"], 2);
  EXPECT_TRUE(f[0]["metadata"]["CorrelationId"].is_string());
  EXPECT_TRUE(frames(*s).empty());  // confirmed: gone
}

TEST_F(HubTest, DelayDuplicateAndDropFaults) {
  auto c = make();
  hub.subscribe(c.id, "eu", "c1", {"v2.x"}, SubscribeMode::add, clock.now());
  auto s = hub.connect(c.id, "eu");
  hub.publish("eu", "v2.x", {{"n", 1}}, clock.now(), {seconds(10), false, false, {}});
  hub.publish("eu", "v2.x", {{"n", 2}}, clock.now());  // waits behind the delayed one
  hub.publish("eu", "v2.x", {{"n", 3}}, clock.now(), {Millis{0}, false, true, {}});
  EXPECT_TRUE(frames(*s).empty());
  clock.advance(seconds(10));
  auto f = frames(*s);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0]["eventBody"]["n"], 1);
  EXPECT_EQ(f[1]["eventBody"]["n"], 2);
  hub.publish("eu", "v2.x", {{"n", 4}}, clock.now(), {Millis{0}, true, false, {}});
  f = frames(*s);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0], f[1]);  // the same event (same CorrelationId) twice
}

TEST_F(HubTest, ScheduledEventsComeDueAsTheClockMoves) {
  auto c = make();
  hub.subscribe(c.id, "eu", "c1", {"v2.x"}, SubscribeMode::add, clock.now());
  auto s = hub.connect(c.id, "eu");
  hub.schedule("eu", "v2.x", {{"step", "later"}}, clock.now() + seconds(60));
  hub.schedule("eu", "v2.x", {{"step", "sooner"}}, clock.now() + seconds(10));
  EXPECT_TRUE(frames(*s).empty());
  clock.advance(seconds(10));
  auto f = frames(*s);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["eventBody"]["step"], "sooner");
  clock.advance(seconds(50));
  f = frames(*s);
  ASSERT_EQ(f.size(), 2u);  // and the heartbeat at 30 s
  EXPECT_EQ(f[0]["topicName"], "channel.metadata");
  EXPECT_EQ(f[1]["eventBody"]["step"], "later");
}

TEST_F(HubTest, QueueIsBounded) {
  auto c = make();
  hub.subscribe(c.id, "eu", "c1", {"v2.x"}, SubscribeMode::add, clock.now());
  for (int i = 0; i < 1500; ++i) hub.publish("eu", "v2.x", {{"n", i}}, clock.now());
  auto s = hub.connect(c.id, "eu");
  EXPECT_EQ(s->pull().frames.size(), hub.limits().queue_frames);
}

TEST_F(HubTest, SecondConnectionClosesTheFirst) {
  auto c = make();
  auto first = hub.connect(c.id, "eu");
  auto second = hub.connect(c.id, "eu");
  EXPECT_EQ(first->pull().close, Close::normal);
  EXPECT_EQ(second->pull().close, Close::none);
}

TEST_F(HubTest, ExpiredUnknownOrForeignChannelAnswers404ThenCloses) {
  auto c = make();
  auto s = hub.connect(c.id, "eu");
  hub.expire("eu", clock.now());
  auto out = s->pull();
  ASSERT_EQ(out.frames.size(), 1u);
  EXPECT_EQ(out.frames[0], R"({"result":"404"})");
  EXPECT_EQ(out.close, Close::normal);
  auto unknown = hub.connect("streaming-0-unknown", "");
  EXPECT_EQ(unknown->pull().frames.at(0), R"({"result":"404"})");
  auto other = make();
  auto foreign = hub.connect(other.id, "ap");
  EXPECT_EQ(foreign->pull().frames.at(0), R"({"result":"404"})");
}

TEST_F(HubTest, SocketClosingWarnsThenClosesAndTheChannelLives) {
  auto c = make();
  auto s = hub.connect(c.id, "eu");
  hub.announce_closing("eu", clock.now(), seconds(5));
  auto f = s->pull();
  ASSERT_EQ(f.frames.size(), 1u);
  EXPECT_EQ(json::parse(f.frames[0])["topicName"], "v2.system.socket_closing");
  EXPECT_EQ(f.close, Close::none);
  clock.advance(seconds(5));
  EXPECT_EQ(s->pull().close, Close::normal);
  auto again = hub.connect(c.id, "eu");
  EXPECT_EQ(again->pull().close, Close::none);
  hub.drop_sockets("eu");
  EXPECT_EQ(again->pull().close, Close::abrupt);
}


// The hub's channel events as the journal stores them.
class HubJournalTest : public HubTest {
 protected:
  journal::RequestJournal journal{journal::JournalConfig{1000}};
  void SetUp() override {
    hub.set_log([this](const journal::JournalRecord& r) { journal.append(r); });
  }
  // "event detail status count fault" of every entry since `since` (seq), one per line.
  std::string events(std::uint64_t since = 0) const {
    std::string out;
    for (const auto& e : journal.snapshot(since))
      out += e.event + " " + e.detail + " " + std::to_string(e.status) + " " + std::to_string(e.count) + " " + e.fault +
             "\n";
    return out;
  }
};

TEST_F(HubJournalTest, EveryEntryNamesTheChannelItsClientAndRegion) {
  auto c = make("c1");
  auto s = hub.connect(c.id, "eu");
  const auto entries = journal.snapshot();
  ASSERT_EQ(entries.size(), 2u);
  for (const auto& e : entries) {
    EXPECT_EQ(e.method, journal::kChannelMethod);
    EXPECT_EQ(e.path, "/channels/" + c.id);
    EXPECT_EQ(e.route, journal::kChannelRoute);
    EXPECT_EQ(e.region, "eu");
    EXPECT_EQ(e.client_id, "c1");
    EXPECT_EQ(e.time, clock.now());
  }
  EXPECT_EQ(events(), "channel_create  0 1 \nsocket_open  101 -1 \n");
}

TEST_F(HubJournalTest, SubscriptionsCountTheTopicsAskedForOverTheLimitToo) {
  auto c = make();
  hub.subscribe(c.id, "eu", "c1", {"v2.a", "nope"}, SubscribeMode::add, clock.now());
  std::vector<std::string> many;
  for (int i = 0; i < 1005; ++i) many.push_back("v2.t" + std::to_string(i));
  hub.subscribe(c.id, "eu", "c1", many, SubscribeMode::replace, clock.now());
  hub.clear(c.id, "eu", "c1", clock.now());
  auto s = hub.connect(c.id, "eu");
  s->receive(R"({"message":"subscribe","topics":["v2.x","v2.y"]})");
  s->receive(R"({"message":"subscribe","topics":["bad"]})");
  s->receive(R"({"message":"subscribe","topics":[1]})");
  EXPECT_EQ(events(2),
            "subscribe rest 200 1 \n"       // "nope" is rejected as unknown, not counted
            "subscribe rest 200 1005 \n"    // 1000 held, 5 refused because the channel is full
            "subscribe rest 200 0 \n"
            "socket_open  101 -1 \n"
            "subscribe socket 200 2 \n"
            "subscribe socket 400 2 \n"
            "subscribe socket 400 3 \n");
}

TEST_F(HubJournalTest, QuotaEvictionNamesTheNewChannel) {
  std::vector<ChannelView> made;
  for (int i = 0; i < 20; ++i) {
    made.push_back(make());
    clock.advance(seconds(1));
  }
  const auto before = journal.last_seq();
  auto extra = make();
  const auto entries = journal.snapshot(before + 1);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].event, journal::channel_event::kEvict);
  EXPECT_EQ(entries[0].path, "/channels/" + made[0].id);
  EXPECT_EQ(entries[0].detail, extra.id);
  EXPECT_EQ(entries[1].event, journal::channel_event::kCreate);
  EXPECT_EQ(entries[1].count, 21);
  EXPECT_EQ(entries[1].path, "/channels/" + extra.id);
}

TEST_F(HubJournalTest, ClosesSayWhoClosedAndWhy) {
  auto c = make();
  auto first = hub.connect(c.id, "eu");
  auto second = hub.connect(c.id, "eu");  // replaces the first
  EXPECT_EQ(first->pull().close, Close::normal);
  first.reset();  // already journalled as replaced
  hub.announce_closing("eu", clock.now(), seconds(5), "closing#1");
  second->pull();
  clock.advance(seconds(5));
  EXPECT_EQ(second->pull().close, Close::normal);
  second.reset();
  auto third = hub.connect(c.id, "eu");
  hub.drop_sockets("eu", "drop#2");
  EXPECT_EQ(third->pull().close, Close::abrupt);
  third.reset();
  auto fourth = hub.connect(c.id, "eu");
  fourth.reset();  // the client went away
  EXPECT_EQ(events(2),
            "socket_open  101 -1 \n"
            "socket_open  101 -1 \n"
            "socket_close replaced 0 -1 \n"
            "socket_closing PT5S 0 -1 closing#1\n"
            "socket_close socket_closing 0 -1 closing#1\n"
            "socket_open  101 -1 \n"
            "socket_close socket_drop 0 -1 drop#2\n"
            "socket_open  101 -1 \n"
            "socket_close client 0 -1 \n");
}

TEST_F(HubJournalTest, ExpiryAndUnknownChannelsAnswer404) {
  auto c = make();
  auto s = hub.connect(c.id, "eu");
  hub.expire("eu", clock.now(), "expire#3");
  EXPECT_EQ(s->pull().close, Close::normal);
  s.reset();
  auto late = hub.connect(c.id, "eu");
  late->pull();
  late.reset();
  auto unknown = hub.connect("streaming-0-none", "eu");
  unknown->pull();
  const auto entries = journal.snapshot();
  EXPECT_EQ(entries.back().path, "/channels/streaming-0-none");
  EXPECT_EQ(entries.back().client_id, "");
  EXPECT_EQ(events(3),
            "channel_expire  0 -1 expire#3\n"
            "not_found expired 404 -1 \n"
            "socket_close not_found 0 -1 \n"
            "socket_open  101 -1 \n"
            "not_found expired 404 -1 \n"
            "socket_close not_found 0 -1 \n"
            "socket_open unknown 101 -1 \n"
            "not_found unknown 404 -1 \n"
            "socket_close not_found 0 -1 \n");
}

TEST_F(HubJournalTest, WithheldHeartbeatsAreJournalledWithTheirFault) {
  auto c = make();
  auto s = hub.connect(c.id, "eu");
  bool stopped = true;
  hub.set_heartbeat_gate([&](std::string_view, Instant) { return stopped ? std::string("hb#4") : std::string(); });
  const auto before = journal.last_seq();
  clock.advance(seconds(30));
  EXPECT_TRUE(frames(*s).empty());
  clock.advance(seconds(30));
  EXPECT_TRUE(frames(*s).empty());
  stopped = false;
  clock.advance(seconds(30));
  EXPECT_EQ(frames(*s).size(), 1u);
  clock.advance(seconds(30));
  EXPECT_EQ(frames(*s).size(), 1u);
  EXPECT_EQ(events(before + 1),
            "heartbeat_missed  0 -1 hb#4\n"
            "heartbeat_missed  0 -1 hb#4\n"
            "heartbeat_resumed  0 -1 \n");
}

TEST_F(HubJournalTest, ADuplicatedEventIsJournalledOnceWrittenWithItsCorrelationId) {
  auto c = make();
  hub.subscribe(c.id, "eu", "c1", {"v2.x"}, SubscribeMode::add, clock.now());
  auto s = hub.connect(c.id, "eu");
  hub.publish("eu", "v2.x", {{"n", 1}}, clock.now(), {Millis{0}, true, false, "dup#5"});
  hub.publish("eu", "v2.x", {{"n", 2}}, clock.now());
  const auto before = journal.last_seq();
  auto out = s->pull();
  ASSERT_EQ(out.frames.size(), 3u);
  EXPECT_EQ(journal.last_seq(), before);  // handed out, not yet written
  s->confirm();
  const auto entries = journal.snapshot(before + 1);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].event, journal::channel_event::kDuplicate);
  EXPECT_EQ(entries[0].fault, "dup#5");
  EXPECT_EQ(entries[0].detail, json::parse(out.frames[0])["metadata"]["CorrelationId"]);
}

}  // namespace
}  // namespace mockgc::core::notifications
