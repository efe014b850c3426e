// The client's Transport and Clock seams wired to mock-gc's core (in-process simulation setup).
#include <gtest/gtest.h>

#include "mockgc/client/errc.hpp"
#include "mockgc/client/org_client.hpp"
#include "mockgc/inproc/inproc.hpp"
#include "support/scripted_transport.hpp"

namespace mockgc::client {
namespace {

TEST(CoreSeams, VirtualClockAdapterTurnsRetryAfterIntoSimulatedTime) {
  core::VirtualClock world(core::Instant(core::Millis(1'700'000'000'000)));
  inproc::VirtualClockAdapter clock(world);
  testing::ScriptedTransport transport(clock);
  transport.script(testing::http_429(60));
  OrgClient client(testing::test_org(), transport, clock);
  const auto wall = std::chrono::steady_clock::now();
  auto r = client.call("GET", "/api/v2/x");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(world.now(), core::Instant(core::Millis(1'700'000'060'000)));  // the world moved 60 s
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

// A transport fault that loses the answer (reset, close_mid_body) is a transport error in-process too, as
// over a socket; truncated/malformed bodies stay HTTP values with a broken body.
TEST(CoreSeams, InProcessTransportReportsLostAnswersAsTransportErrors) {
  for (const std::string action : {"reset", "close_mid_body", "truncated_json"}) {
    core::ServiceOptions o;
    o.scenario_text = R"({"name":"t","world":{"orgs":[{"region":"eu_central_1","name":"A","agents":2,"queues":1,)"
                      R"("businessUnits":[{"name":"BU","timeZone":"UTC"}]}]},"faults":[{"type":"transport","action":")" +
                      action + R"(","path":"/api/v2/**"}]})";
    auto service = core::make_service(o);
    inproc::InProcessTransport transport(*service);
    auto r = transport.send(*parse_endpoint("https://api.mypurecloud.de"),
                            api::HttpRequest{"GET", "/api/v2/routing/queues", {}, {}}, SendOptions{});
    if (action == "truncated_json") {
      ASSERT_TRUE(r) << action;
    } else {
      ASSERT_FALSE(r) << action;
      EXPECT_EQ(r.error(), errc::connection_reset) << action;
    }
  }
}

}  // namespace
}  // namespace mockgc::client
