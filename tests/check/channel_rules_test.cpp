// The notification channel rules on hand-written journals of channel events (core::journal::channel_event)
// and requests: per rule a passing case, a failing case, the edges, and not_applicable when the trigger never
// happened or the run ended before the rule could judge.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "journal_builder.hpp"

namespace mockgc::check {
namespace {

using namespace testing;
using S = RuleStatus;
namespace ev = core::journal::channel_event;
namespace why = core::journal::close_reason;

constexpr const char* kChan = "streaming-0-aaa";
constexpr const char* kOther = "streaming-0-bbb";

// Both orgs logged in; the EMEA client made a channel, subscribed one topic and opened its socket.
Journal with_socket() {
  Journal j;
  j.baseline();
  j.channel(1, kEu, ev::kCreate, kChan, "", 1);
  j.channel(1.5, kEu, ev::kSubscribe, kChan, "rest", 1, 200);
  j.channel(2, kEu, ev::kSocketOpen, kChan, "", -1, 101);
  return j;
}

RulesConfig config(const std::string& text) { return RulesConfig::from_json(nlohmann::json::parse(text), "t"); }

TEST(ChannelRules, ChannelEventsAreNotRequests) {
  const auto r = judge(with_socket());
  EXPECT_EQ(r.requests, 4U);  // the baseline's; the channel events are judged only by the channel rules
  EXPECT_TRUE(r.passed());
  EXPECT_EQ(result(r, "valid-requests", kEu).status, S::pass);
  EXPECT_EQ(result(r, "poll-jitter", kEu).status, S::not_applicable);
}

// --- channel-reconnect ---
TEST(ChannelReconnect, NewSocketWithinAMinuteOfSocketClosingPasses) {
  auto j = with_socket();
  j.channel(10, kEu, ev::kSocketClosing, kChan, "PT5S").fault = "closing#1";
  j.channel(11, kEu, ev::kSocketOpen, kChan, "", -1, 101);
  j.channel(11, kEu, ev::kSocketClose, kChan, std::string(why::kReplaced));
  j.get(200, kEu, "/api/v2/users");
  const auto res = result(judge(j), "channel-reconnect", kEu);
  EXPECT_EQ(res.status, S::pass);
  EXPECT_EQ(res.note, "1 socket_closing warnings and drops, each checked for a new socket within 60 s");
}

TEST(ChannelReconnect, NoSocketAfterADropFailsOnceTheMinuteHasPassed) {
  auto j = with_socket();
  j.channel(10, kEu, ev::kSocketClose, kChan, std::string(why::kSocketDrop)).fault = "drop#2";
  j.get(70, kEu, "/api/v2/users");  // exactly at the bound: not yet late
  EXPECT_EQ(result(judge(j), "channel-reconnect", kEu).status, S::not_applicable);
  j.get(70.001, kEu, "/api/v2/users");
  const auto r = judge(j);
  const auto res = result(r, "channel-reconnect", kEu);
  ASSERT_EQ(res.status, S::fail);
  EXPECT_EQ(res.findings.at(0).seq, 8U);  // the drop
  EXPECT_EQ(res.findings.at(0).message, std::string("the socket of channel ") + kChan +
                                            " was dropped (fault drop#2), and no socket was opened within 60 s");
  EXPECT_EQ(result(r, "channel-reconnect", kAp).status, S::not_applicable);
}

TEST(ChannelReconnect, ReconnectExactlyAtTheBoundPassesAndAnyChannelCounts) {
  auto j = with_socket();
  j.channel(10, kEu, ev::kSocketClose, kChan, std::string(why::kSocketDrop));
  j.channel(70, kEu, ev::kSocketOpen, kOther, "", -1, 101);  // a new channel's socket is a reconnect too
  j.get(500, kEu, "/api/v2/users");
  EXPECT_EQ(result(judge(j), "channel-reconnect", kEu).status, S::pass);
}

TEST(ChannelReconnect, ARunThatEndsBeforeTheBoundIsNotJudged) {
  auto j = with_socket();
  j.channel(10, kEu, ev::kSocketClosing, kChan, "PT5S");
  j.channel(15, kEu, ev::kSocketClose, kChan, std::string(why::kSocketClosing));
  j.get(30, kEu, "/api/v2/users");
  const auto res = result(judge(j), "channel-reconnect", kEu);
  EXPECT_EQ(res.status, S::not_applicable);
  EXPECT_EQ(res.note, "no socket of this region was dropped or warned with socket_closing (1 more not judged: the run "
                      "ended within 60 s of them)");
}

TEST(ChannelReconnect, ThresholdIsConfigurable) {
  auto j = with_socket();
  j.channel(10, kEu, ev::kSocketClose, kChan, std::string(why::kSocketDrop));
  j.channel(40, kEu, ev::kSocketOpen, kChan, "", -1, 101);
  j.get(500, kEu, "/api/v2/users");
  EXPECT_EQ(result(judge(j), "channel-reconnect", kEu).status, S::pass);
  EXPECT_EQ(result(judge(j, two_regions(), config(R"({"rules":{"channel-reconnect":{"within_s":20}}})")),
                   "channel-reconnect", kEu)
                .status,
            S::fail);
}

// --- channel-resubscribe ---
TEST(ChannelResubscribe, NewChannelSubscribedAfterThe404Passes) {
  auto j = with_socket();
  j.channel(10, kEu, ev::kNotFound, kChan, "expired", -1, 404);
  j.channel(10, kEu, ev::kSocketClose, kChan, std::string(why::kNotFound));
  j.channel(12, kEu, ev::kCreate, kOther, "", 2);
  j.channel(13, kEu, ev::kSubscribe, kOther, "rest", 1, 200);
  j.get(200, kEu, "/api/v2/users");
  EXPECT_EQ(result(judge(j), "channel-resubscribe", kEu).status, S::pass);
}

TEST(ChannelResubscribe, ANewChannelWithoutTopicsIsNotAResubscription) {
  auto j = with_socket();
  j.channel(10, kEu, ev::kNotFound, kChan, "expired", -1, 404);
  j.channel(12, kEu, ev::kCreate, kOther, "", 2);
  j.get(200, kEu, "/api/v2/users");
  const auto res = result(judge(j), "channel-resubscribe", kEu);
  ASSERT_EQ(res.status, S::fail);
  EXPECT_EQ(res.findings.at(0).message,
            std::string("channel ") + kChan +
                " answered {\"result\":\"404\"} on its socket (expired), and no other channel was subscribed within 60 s");
}

TEST(ChannelResubscribe, ARest404OnAKnownChannelTriggersToo) {
  auto j = with_socket();
  auto& head = j.add(10, kEu, "POST", std::string("/api/v2/notifications/channels/") + kChan + "/subscriptions", 404);
  head.route = "/api/v2/notifications/channels/{channelId}/subscriptions";
  j.get(200, kEu, "/api/v2/users");
  const auto res = result(judge(j), "channel-resubscribe", kEu);
  ASSERT_EQ(res.status, S::fail);
  EXPECT_EQ(res.findings.at(0).seq, 8U);
  // A 404 for an id this journal never saw created is valid-requests' and no-retry-4xx's business.
  Journal k;
  k.baseline();
  k.add(10, kEu, "HEAD", "/api/v2/notifications/channels/streaming-0-typo", 404).route =
      "/api/v2/notifications/channels/{channelId}";
  k.get(200, kEu, "/api/v2/users");
  EXPECT_EQ(result(judge(k), "channel-resubscribe", kEu).status, S::not_applicable);
}

TEST(ChannelResubscribe, AChannelWithoutTopicsIsReplacedByANewChannel) {
  Journal j;
  j.baseline();
  j.channel(1, kEu, ev::kCreate, kChan, "", 1);
  j.channel(2, kEu, ev::kSocketOpen, kChan, "", -1, 101);
  j.channel(10, kEu, ev::kNotFound, kChan, "evicted", -1, 404);
  j.channel(20, kEu, ev::kCreate, kOther, "", 1);
  j.get(200, kEu, "/api/v2/users");
  EXPECT_EQ(result(judge(j), "channel-resubscribe", kEu).status, S::pass);
}

TEST(ChannelResubscribe, AnEvictedChannelsSocketIsAttributedToItsCreator) {
  auto j = with_socket();
  auto& unknown = j.channel(10, kEu, ev::kNotFound, kChan, "unknown", -1, 404);
  unknown.client_id.clear();  // the hub forgot the evicted channel; its creator is the client
  j.get(200, kEu, "/api/v2/users");
  EXPECT_EQ(result(judge(j), "channel-resubscribe", kEu).status, S::fail);
}

TEST(ChannelResubscribe, NotApplicableWithoutA404) {
  auto j = with_socket();
  j.get(200, kEu, "/api/v2/users");
  const auto res = result(judge(j), "channel-resubscribe", kEu);
  EXPECT_EQ(res.status, S::not_applicable);
  EXPECT_EQ(res.note, "no channel of this region answered 404 (expired, evicted or unknown)");
}

// --- channel-one-socket ---
TEST(ChannelOneSocket, ASecondSocketOnAnOpenChannelFails) {
  auto j = with_socket();
  j.channel(5, kEu, ev::kSocketOpen, kChan, "", -1, 101);
  j.channel(5, kEu, ev::kSocketClose, kChan, std::string(why::kReplaced));
  const auto res = result(judge(j), "channel-one-socket", kEu);
  ASSERT_EQ(res.status, S::fail);
  EXPECT_EQ(res.findings.at(0).seq, 8U);
  EXPECT_EQ(res.findings.at(0).message, std::string("a second socket opened on channel ") + kChan +
                                            " while the socket of seq 7 was open (one socket per channel: the new one "
                                            "closes the old)");
}

TEST(ChannelOneSocket, ReplacingAfterAWarningOrASilenceOrACloseIsRight) {
  auto j = with_socket();
  j.channel(10, kEu, ev::kSocketClosing, kChan, "PT5S");
  j.channel(11, kEu, ev::kSocketOpen, kChan, "", -1, 101);
  j.channel(11, kEu, ev::kSocketClose, kChan, std::string(why::kReplaced));
  j.channel(41, kEu, ev::kHeartbeatMissed, kChan);
  j.channel(50, kEu, ev::kSocketOpen, kChan, "", -1, 101);
  j.channel(50, kEu, ev::kSocketClose, kChan, std::string(why::kReplaced));
  j.channel(60, kEu, ev::kSocketClose, kChan, std::string(why::kClient));
  j.channel(61, kEu, ev::kSocketOpen, kChan, "", -1, 101);
  j.channel(62, kEu, ev::kSocketOpen, kOther, "", -1, 101);  // another channel's socket is its own
  const auto res = result(judge(j), "channel-one-socket", kEu);
  EXPECT_EQ(res.status, S::pass);
  EXPECT_EQ(res.note, "5 sockets opened, each checked against the channel's open socket");
  EXPECT_EQ(result(judge(j), "channel-one-socket", kAp).status, S::not_applicable);
}

// --- channel-limits ---
TEST(ChannelLimits, TwentyChannelsAndAThousandTopicsPassOneMoreFails) {
  auto j = with_socket();
  j.channel(3, kEu, ev::kCreate, kOther, "", 20);
  j.channel(4, kEu, ev::kSubscribe, kOther, "socket", 1000, 200);
  EXPECT_EQ(result(judge(j), "channel-limits", kEu).status, S::pass);
  j.channel(5, kEu, ev::kCreate, "streaming-0-ccc", "", 21);
  j.channel(6, kEu, ev::kSubscribe, kOther, "rest", 1001, 200);
  const auto res = result(judge(j), "channel-limits", kEu);
  ASSERT_EQ(res.status, S::fail);
  ASSERT_EQ(res.finding_count, 2U);
  EXPECT_EQ(res.findings[0].message, "channel streaming-0-ccc makes 21 live channels of this client (at most 20)");
  EXPECT_EQ(res.findings[1].message, "channel streaming-0-bbb was asked to hold 1001 topics (at most 1000)");
  EXPECT_EQ(result(judge(j, two_regions(), config(R"({"rules":{"channel-limits":{"max_channels":25,"max_topics":2000}}})")),
                   "channel-limits", kEu)
                .status,
            S::pass);
  EXPECT_EQ(result(judge(j), "channel-limits", kAp).status, S::not_applicable);
}

// --- channel-heartbeat ---
TEST(ChannelHeartbeat, ANewSocketWithinTheBoundAfterSilencePasses) {
  auto j = with_socket();
  j.channel(32, kEu, ev::kHeartbeatMissed, kChan).fault = "hb#1";
  j.channel(62, kEu, ev::kHeartbeatMissed, kChan).fault = "hb#1";
  j.channel(70, kEu, ev::kSocketOpen, kChan, "", -1, 101);
  j.channel(70, kEu, ev::kSocketClose, kChan, std::string(why::kReplaced));
  j.get(300, kEu, "/api/v2/users");
  EXPECT_EQ(result(judge(j), "channel-heartbeat", kEu).status, S::pass);
}

TEST(ChannelHeartbeat, KeepingASilentSocketWarnsOncePerSilence) {
  auto j = with_socket();
  for (int i = 0; i < 6; ++i) j.channel(32 + 30 * i, kEu, ev::kHeartbeatMissed, kChan).fault = "hb#1";
  const auto r = judge(j);
  const auto res = result(r, "channel-heartbeat", kEu);
  ASSERT_EQ(res.status, S::warn);
  EXPECT_EQ(res.finding_count, 1U);
  EXPECT_EQ(res.findings[0].message, std::string("heartbeats stopped on channel ") + kChan +
                                         " (fault hb#1), and no socket was opened within 60 s");
  EXPECT_TRUE(r.passed());  // a warning fails only under --strict
}

TEST(ChannelHeartbeat, HeartbeatsThatResumeOrAServerCloseEndTheWaitUnjudged) {
  auto j = with_socket();
  j.channel(32, kEu, ev::kHeartbeatMissed, kChan);
  j.channel(62, kEu, ev::kHeartbeatResumed, kChan);
  j.channel(70, kEu, ev::kSocketOpen, kOther, "", -1, 101);
  j.channel(80, kEu, ev::kHeartbeatMissed, kOther);
  j.channel(90, kEu, ev::kSocketClose, kOther, std::string(why::kSocketDrop));
  j.get(500, kEu, "/api/v2/users");
  EXPECT_EQ(result(judge(j), "channel-heartbeat", kEu).status, S::not_applicable);
  // Closing the silent socket without opening another is not a reconnect.
  auto k = with_socket();
  k.channel(32, kEu, ev::kHeartbeatMissed, kChan);
  k.channel(40, kEu, ev::kSocketClose, kChan, std::string(why::kClient));
  k.get(500, kEu, "/api/v2/users");
  EXPECT_EQ(result(judge(k), "channel-heartbeat", kEu).status, S::warn);
}

// --- channel-duplicates ---
Journal with_duplicate() {
  auto j = with_socket();
  j.channel(20, kEu, ev::kDuplicate, kChan, "c0ffee00-0000-4000-8000-000000000001").fault = "dup#3";
  return j;
}

JournalEntry& approve(Journal& j, double at_s, int status = 200) {
  auto& e = j.add(at_s, kEu, "PATCH", "/api/v2/workforcemanagement/managementunits/mu/users/u/timeoffrequests/t", status);
  e.route = "/api/v2/workforcemanagement/managementunits/{managementUnitId}/users/{userId}/timeoffrequests/{timeOffRequestId}";
  e.body_hash = 77;
  return e;
}

TEST(ChannelDuplicates, OneWritePerEventPasses) {
  auto j = with_duplicate();
  approve(j, 20.2);
  j.get(20.3, kEu, "/api/v2/users");
  j.get(20.4, kEu, "/api/v2/users");  // reads are not judged
  const auto res = result(judge(j), "channel-duplicates", kEu);
  EXPECT_EQ(res.status, S::pass);
  EXPECT_EQ(res.note, "1 events delivered twice; the writes after each were checked for repeats within 30 s");
}

TEST(ChannelDuplicates, TheSameWriteTwiceAfterADuplicateFails) {
  auto j = with_duplicate();
  approve(j, 20.2);
  approve(j, 20.3, 409);
  const auto res = result(judge(j), "channel-duplicates", kEu);
  ASSERT_EQ(res.status, S::fail);
  EXPECT_EQ(res.findings.at(0).seq, 10U);
  EXPECT_EQ(res.findings.at(0).message,
            "the same PATCH was sent again within 30 s after event c0ffee00-0000-4000-8000-000000000001 arrived twice "
            "(duplicated by a fault, seq 8): the duplicate was handled as a new event");
}

TEST(ChannelDuplicates, RetriesOfAFailedWriteAndWritesOutsideTheWindowAreNotBlamed) {
  auto j = with_duplicate();
  approve(j, 19);       // before the duplicate arrived
  approve(j, 20.2, 503);  // failed: its retry is write-retries' business
  approve(j, 21);
  approve(j, 51.5);  // past the 30 s window
  EXPECT_EQ(result(judge(j), "channel-duplicates", kEu).status, S::pass);
  Journal k = with_socket();
  approve(k, 20.2);
  approve(k, 20.3);
  EXPECT_EQ(result(judge(k), "channel-duplicates", kEu).status, S::not_applicable);
}

TEST(ChannelRules, EachCanBeSwitchedOff) {
  auto j = with_socket();
  j.channel(5, kEu, ev::kSocketOpen, kChan, "", -1, 101);
  const auto res = result(judge(j, two_regions(), config(R"({"rules":{"channel-one-socket":false}})")),
                          "channel-one-socket", kEu);
  EXPECT_EQ(res.status, S::not_applicable);
  EXPECT_EQ(res.note, "disabled in the conformance settings");
}

TEST(ChannelRules, ChannelEventsMeetTheFaultsTheyName) {
  auto j = with_socket();
  j.channel(10, kEu, ev::kSocketClose, kChan, std::string(why::kSocketDrop)).fault = "drop#2";
  j.channel(11, kEu, ev::kSocketOpen, kChan, "", -1, 101);
  auto ctx = two_regions();
  ctx.faults.push_back({"drop#2", "notification", kEu, kStart + core::Millis(10'000), std::nullopt});
  ctx.faults.push_back({"hb#9", "notification", kAp, kStart + core::Millis(10'000), std::nullopt});
  const auto r = judge(j, ctx);
  EXPECT_EQ(r.untested_faults, std::vector<std::string>{"hb#9"});
}

}  // namespace
}  // namespace mockgc::check
