// The client's Transport and Clock seams wired to mock-gc's core (in-process simulation setup).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "mockgc/client/errc.hpp"
#include "mockgc/client/org_client.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/inproc/inproc.hpp"
#include "support/scripted_transport.hpp"

namespace mockgc::client {
namespace {

TEST(CoreSeams, OneManualClockTurnsRetryAfterIntoSimulatedWorldTime) {
  api::ManualClock world(api::Instant(api::Millis(1'700'000'000'000)));
  api::WaitableClock& clock = world;  // the client sleeps on the clock the server reads
  testing::ScriptedTransport transport(clock);
  transport.script(testing::http_429(60));
  OrgClient client(testing::test_org(), transport, clock);
  const auto wall = std::chrono::steady_clock::now();
  auto r = client.call("GET", "/api/v2/x");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(world.now(), api::Instant(api::Millis(1'700'000'060'000)));  // the world moved 60 s
  EXPECT_LT(std::chrono::steady_clock::now() - wall, std::chrono::seconds(5));
}

TEST(CoreSeams, InProcessTransportReturnsTheCoresAnswerAsAValue) {
  auto service = core::make_service({});
  inproc::InProcessTransport transport(*service);
  auto r = transport.send(*parse_endpoint("https://api.mypurecloud.de"),
                          api::HttpRequest{"GET", "/api/v2/workforcemanagement/businessunits", {}, {}}, SendOptions{});
  ASSERT_TRUE(r);  // whatever the core answers is an HTTP value, never a transport error
  EXPECT_GE(r->status, 200);
  EXPECT_LT(r->status, 600);
}

TEST(CoreSeams, InProcessTransportReportsResetAndCloseMidBodyAsTransportErrors) {
  auto scenario = nlohmann::json::parse(core::default_scenario_text());
  scenario["faults"] = nlohmann::json::parse(R"([
    {"type": "transport", "action": "reset", "path": "/api/v2/routing/queues"},
    {"type": "transport", "action": "close_mid_body", "path": "/api/v2/users"}])");
  core::ServiceOptions options;
  options.scenario_text = scenario.dump();
  auto service = core::make_service(options);
  inproc::InProcessTransport transport(*service);
  const auto to = *parse_endpoint("https://api.mypurecloud.de");
  for (const char* path : {"/api/v2/routing/queues", "/api/v2/users"}) {
    auto r = transport.send(to, api::HttpRequest{"GET", path, {}, {}}, SendOptions{});
    ASSERT_FALSE(r) << path << " answered " << r->status;
    EXPECT_EQ(r.error(), errc::connection_reset) << path;
  }
  auto untouched = transport.send(to, api::HttpRequest{"GET", "/api/v2/tokens/me", {}, {}}, SendOptions{});
  EXPECT_TRUE(untouched) << "other paths still answer (here a 401 value)";
}

}  // namespace
}  // namespace mockgc::client
