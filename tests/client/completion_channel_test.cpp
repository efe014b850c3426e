// CompletionChannel in-process against mock-gc's default world on the virtual clock: a Processing answer is
// finished by the event with its operationId (another operation's event is ignored), a non-Processing answer
// and a failed request return at once, a completion that never comes ends after the bounded wait, one
// channel serves every operation, and without a connector a Processing answer fails with the reason.
#include <gtest/gtest.h>

#include "mockgc/api/time.hpp"
#include "mockgc/client/completion_channel.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/inproc/inproc.hpp"
#include "support/sync_world.hpp"  // org_configs

namespace mockgc::client {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

struct World {
  World() : clock(*api::parse_instant("2026-01-05T09:00:00Z")) {
    core::ServiceOptions o;
    o.seed = 1;
    o.clock = &clock;
    service = core::make_service(o);
    transport = std::make_unique<inproc::InProcessTransport>(*service);
    sockets = std::make_unique<inproc::InProcessWebSocketConnector>(*service, clock);
    for (const auto& c : testing::org_configs(*service))
      if (c.region == "eu_central_1") emea = c;
    org = std::make_unique<OrgClient>(emea, *transport, clock);
    auto bus = get_wfm_listing(*org, "/api/v2/workforcemanagement/businessunits");
    search = "/api/v2/workforcemanagement/businessunits/" + (*bus)["entities"][0]["id"].get<std::string>() +
             "/agentschedules/search";
  }
  // A forced-async search of one day: answered Processing, completed on the requester's search topic.
  std::optional<json> processing_search() {
    return *json_from(org->call("POST", search, {{"forceAsync", "true"}},
                                R"({"startDate":"2026-01-05T00:00:00Z","endDate":"2026-01-06T00:00:00Z"})"));
  }
  api::ManualClock clock;
  std::unique_ptr<core::Service> service;
  std::unique_ptr<inproc::InProcessTransport> transport;
  std::unique_ptr<inproc::InProcessWebSocketConnector> sockets;
  OrgConfig emea;
  std::unique_ptr<OrgClient> org;
  std::string search;
};

TEST(CompletionChannel, FinishesAProcessingAnswerWithItsOwnEvent) {
  World w;
  CompletionChannel channel(*w.org, w.sockets.get(), {requester_schedule_topic(*w.org, "search")});
  std::string first;
  const auto done = channel.run([&](std::string&) {
    first = processing_operation(*w.processing_search());  // its event comes first and is not ours
    return w.processing_search();
  });
  ASSERT_TRUE(done.ok()) << done.why;
  ASSERT_TRUE(done.processing());
  EXPECT_NE(done.operation_id, first);
  ASSERT_TRUE(done.event.has_value());
  EXPECT_EQ((*done.event)["operationId"], done.operation_id);
  EXPECT_TRUE((*done.event)["downloadUrl"].is_string());
  // The next operation reuses the channel.
  const auto again = channel.run([&](std::string&) { return w.processing_search(); });
  EXPECT_TRUE(again.ok()) << again.why;
  const NotificationChannel* used = channel.channel();
  const std::uint64_t created = used ? used->stats().channels_created : 0;
  EXPECT_EQ(created, 1u);
}

TEST(CompletionChannel, AnswersThatNeedNoEventReturnAtOnce) {
  World w;
  CompletionChannel channel(*w.org, w.sockets.get(), {requester_schedule_topic(*w.org, "search")});
  const auto start = w.clock.now();
  const auto complete = channel.run([](std::string&) { return std::optional<json>(json{{"status", "Complete"}}); });
  EXPECT_TRUE(complete.ok());
  EXPECT_FALSE(complete.processing());
  const auto failed = channel.run([](std::string& why) {
    why = "POST /x: boom";
    return std::optional<json>();
  });
  EXPECT_EQ(failed.why, "POST /x: boom");
  EXPECT_LT(w.clock.now() - start, 5s);
}

TEST(CompletionChannel, ACompletionThatNeverComesEndsAfterTheWait) {
  World w;
  CompletionOptions options;
  options.wait = 30s;
  CompletionChannel channel(*w.org, w.sockets.get(), {requester_schedule_topic(*w.org, "search")}, options);
  const auto start = w.clock.now();
  const auto done = channel.run(
      [](std::string&) { return std::optional<json>(json{{"status", "Processing"}, {"operationId", "never"}}); });
  EXPECT_FALSE(done.ok());
  EXPECT_NE(done.why.find("no completion event arrived"), std::string::npos) << done.why;
  EXPECT_NE(done.why.find("within 30 s"), std::string::npos) << done.why;
  EXPECT_GE(w.clock.now() - start, 30s);
  EXPECT_LT(w.clock.now() - start, 35s);
}

TEST(CompletionChannel, WithoutAConnectorAProcessingAnswerFailsWithTheReason) {
  World w;
  CompletionChannel channel(*w.org, nullptr, {requester_schedule_topic(*w.org, "search")});
  const auto done = channel.run([&](std::string&) { return w.processing_search(); });
  EXPECT_FALSE(done.ok());
  EXPECT_TRUE(done.processing());
  EXPECT_NE(done.why.find("no notification connector"), std::string::npos) << done.why;
}

}  // namespace
}  // namespace mockgc::client
