// The loopback harness carries the same exchange as the in-process one, over real sockets.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/harness.hpp"

namespace mockgc::testing {
namespace {

TEST(LoopbackHarness, IsOneOfTheHarnessKinds) {
  std::vector<std::string> names;
  for (const auto& kind : harness_kinds()) names.push_back(kind.name);
  EXPECT_EQ(names, (std::vector<std::string>{"inprocess", "loopback"}));
}

TEST(LoopbackHarness, AnErrorComesBackGenesysShapedAndAsInProcess) {
  auto loopback = make_loopback_harness();
  auto inprocess = make_inprocess_harness();
  EXPECT_EQ(loopback->name(), "loopback");
  api::HttpRequest request{"GET", "/api/v2/no/such/route", {{"Accept", "application/json"}}, {}};
  for (const auto& region : loopback->service().regions()) {
    const auto over_socket = loopback->send(region.region, request);
    const auto direct = inprocess->send(region.region, request);
    EXPECT_EQ(over_socket.status, direct.status);
    EXPECT_GE(over_socket.status, 400);
    EXPECT_LT(over_socket.status, 500);
    EXPECT_EQ(over_socket.headers.get("Content-Type"), "application/json");
    const auto correlation = over_socket.headers.get("ININ-Correlation-Id");
    ASSERT_TRUE(correlation.has_value());
    const auto body = nlohmann::json::parse(over_socket.body);
    EXPECT_EQ(body["status"], over_socket.status);
    EXPECT_EQ(body["code"], nlohmann::json::parse(direct.body)["code"]);
    EXPECT_EQ(body["contextId"], std::string(*correlation));
    EXPECT_EQ(body["details"], nlohmann::json::array());
    EXPECT_EQ(body["errors"], nlohmann::json::array());
  }
}

TEST(LoopbackHarness, ReusesItsConnectionAcrossManyRequests) {
  auto loopback = make_loopback_harness();
  api::HttpRequest request{"GET", "/api/v2/no/such/route", {}, {}};
  for (int i = 0; i < 50; ++i) ASSERT_GE(loopback->send("eu_central_1", request).status, 400);
}

}  // namespace
}  // namespace mockgc::testing
