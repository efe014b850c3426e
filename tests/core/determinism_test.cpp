// Same seed + scenario + clock => byte-identical responses for the same request sequence.
#include <gtest/gtest.h>

#include "mockgc/api/time.hpp"
#include "support/harness.hpp"
#include "support/session.hpp"

namespace mockgc::testing {
namespace {

std::vector<api::HttpResponse> run_session(std::optional<std::uint64_t> seed) {
  api::ManualClock clock(*api::parse_instant("2026-03-02T09:00:00Z"));
  core::ServiceOptions o;
  o.clock = &clock;
  o.seed = seed;
  auto h = make_inprocess_harness(o);
  std::vector<api::HttpResponse> out;
  out.push_back(login_response(*h, "eu_central_1"));
  const std::string token = nlohmann::json::parse(out.back().body).value("access_token", "");
  auto get = [&](std::string target) {
    out.push_back(h->send("eu_central_1", get_request(std::move(target), token)));
    return nlohmann::json::parse(out.back().body, nullptr, false);
  };
  get("/api/v2/users?pageSize=50&state=any");
  get("/api/v2/routing/queues");
  auto bus = get("/api/v2/workforcemanagement/businessunits");
  const std::string bu = bus["entities"][0]["id"];
  get("/api/v2/workforcemanagement/businessunits/" + bu + "?expand=settings");
  get("/api/v2/workforcemanagement/managementunits");
  clock.advance(std::chrono::minutes(5));
  out.push_back(h->send("eu_central_1", json_request("POST", "/api/v2/workforcemanagement/businessunits/" + bu + "/activitycodes",
                                                     token, {{"name", "Determinism"}, {"category", "Meal"}})));
  get("/api/v2/workforcemanagement/businessunits/" + bu + "/activitycodes?forceDownloadService=true");
  get("/api/v2/nothing");
  return out;
}

TEST(Determinism, SameSeedGivesByteIdenticalResponses) {
  auto a = run_session(std::nullopt);
  auto b = run_session(std::nullopt);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].status, b[i].status) << i;
    EXPECT_EQ(a[i].body, b[i].body) << i;
    EXPECT_EQ(a[i].headers, b[i].headers) << i;
  }
}

TEST(Determinism, AnotherSeedGivesAnotherWorld) {
  auto a = run_session(7);
  auto b = run_session(8);
  EXPECT_NE(a[1].body, b[1].body);
  EXPECT_NE(a[0].body, b[0].body) << "tokens derive from the seed";
}

TEST(Determinism, SeedOptionOverridesTheScenarioSeed) {
  core::ServiceOptions o;
  o.seed = 99;
  EXPECT_EQ(make_inprocess_harness(o)->service().seed(), 99u);
  EXPECT_EQ(make_inprocess_harness()->service().seed(), 1u) << "scenarios/default.json has seed 1";
}

}  // namespace
}  // namespace mockgc::testing
