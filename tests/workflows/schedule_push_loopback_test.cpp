// Schedule push over real sockets (the network shell on 127.0.0.1:0, BeastTransport, BeastWebSocketConnector)
// on a virtual clock that the client's waits drive: a lost (EMEA) and a late (APAC) completion notification
// end in the list-polling fallback and a re-push is unchanged; the schedule API in maintenance (EMEA) and a
// region that does not answer (APAC) are `missing`, never a success, and the same plan imports once both are
// back.
#include <gtest/gtest.h>

#include "mockgc/client/beast_transport.hpp"
#include "mockgc/client/beast_websocket.hpp"
#include "support/loopback_world.hpp"
#include "support/push_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
using testing::push_agent_emails;
using testing::push_test_options;
using testing::push_test_plan;

struct PushLoopback {
  explicit PushLoopback(const json& faults)
      : virtual_clock(core::Instant(core::Millis(testing::kPushNowMs))),
        server(testing::push_scenario(faults), &virtual_clock),
        configs(server.configs()),
        orgs(server.orgs()) {}
  std::size_t index(const std::string& region) const { return configs[0].region == region ? 0 : 1; }
  SchedulePlan plan() {
    return push_test_plan(push_agent_emails(orgs.at(index("eu_central_1")), 2),
                          push_agent_emails(orgs.at(index("ap_southeast_2")), 2));
  }
  api::ManualClock virtual_clock;
  testing::LoopbackWorld server;
  std::vector<client::OrgConfig> configs;
  client::BeastWebSocketConnector sockets;
  client::OrgClients& orgs;
};

TEST(SchedulePushLoopback, LostAndLateNotificationsFallBackToPolling) {
  PushLoopback w(json::array({{{"type", "notification"}, {"action", "notification_drop"}, {"region", "eu_central_1"},
                               {"at", "PT0S"}, {"for", "PT2H"}},
                              {{"type", "notification"}, {"action", "notification_delay"}, {"delay", "PT10M"},
                               {"region", "ap_southeast_2"}, {"at", "PT0S"}, {"for", "PT2H"}}}));
  const auto plan = w.plan();
  const auto r = push_schedules(w.orgs, &w.sockets, plan, push_test_options());
  ASSERT_EQ(r.targets.size(), 2u);
  for (const auto& t : r.targets) {
    EXPECT_EQ(t.outcome, PushOutcome::imported) << to_json(r);
    EXPECT_EQ(t.completed_by, "polling") << to_json(r);
  }
  // What was imported is the plan: a second push reads it back equal and writes nothing.
  const auto again = push_schedules(w.orgs, &w.sockets, plan, push_test_options());
  for (const auto& t : again.targets) EXPECT_EQ(t.outcome, PushOutcome::unchanged) << to_json(again);
}

TEST(SchedulePushLoopback, MaintenanceAndADownRegionAreMissingUntilTheyAreBack) {
  PushLoopback w(json::array({{{"type", "maintenance"}, {"family", "schedules"}, {"region", "eu_central_1"},
                               {"at", "PT0S"}, {"for", "PT10M"}}}));
  const auto plan = w.plan();
  auto down = w.configs;
  down[w.index("ap_southeast_2")].api = *client::parse_endpoint("http://127.0.0.1:1");  // nothing listens there
  down[w.index("ap_southeast_2")].login = down[w.index("ap_southeast_2")].api;
  {
    client::OrgClientOptions quick;
    quick.retry.max_retries = 1;
    client::OrgClients orgs(down, w.server.transport(), w.virtual_clock, quick, 1);
    const auto r = push_schedules(orgs, &w.sockets, plan, push_test_options());
    ASSERT_EQ(r.targets.size(), 2u);
    EXPECT_EQ(r.targets[0].outcome, PushOutcome::missing) << to_json(r);
    EXPECT_NE(r.targets[0].reasons.at(0).find("503"), std::string::npos) << r.targets[0].reasons[0];
    EXPECT_EQ(r.targets[1].outcome, PushOutcome::missing) << to_json(r);
    EXPECT_TRUE(r.any_missing());
  }
  w.virtual_clock.advance(10min);
  const auto r = push_schedules(w.orgs, &w.sockets, plan, push_test_options());
  for (const auto& t : r.targets) {
    EXPECT_EQ(t.outcome, PushOutcome::imported) << to_json(r);
    EXPECT_EQ(t.completed_by, "notification") << to_json(r);
  }
}

}  // namespace
}  // namespace mockgc::workflows
