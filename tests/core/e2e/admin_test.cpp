// The admin API over every harness kind: summary, clock control (virtual only), journal and counters,
// and the admin-token guard.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "admin_support.hpp"
#include "core/endpoint_fixture.hpp"
#include "mockgc/api/time.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

api::HttpRequest admin(std::string method, std::string target, std::string body = "", std::string token = "") {
  return admin_request(std::move(method), std::move(target), std::move(body), std::move(token));
}

class AdminTest : public EndpointTest {};

TEST_P(AdminTest, SummaryNamesSeedClockAndCredentials) {
  auto res = h().send(kEmea, admin("GET", "/mockgc/admin/summary"));
  ASSERT_EQ(res.status, 200) << res.body;
  auto j = json::parse(res.body);
  EXPECT_EQ(j["seed"], h().service().seed());
  EXPECT_EQ(j["clock"]["mode"], "virtual");
  EXPECT_EQ(j["clock"]["now"], "2026-03-02T09:00:00.000Z");
  ASSERT_EQ(j["regions"].size(), 2u);
  EXPECT_EQ(j["regions"][0]["client_secret"], region_info(h(), j["regions"][0]["region"].get<std::string>()).client_secret);
}

TEST_P(AdminTest, AdvanceAndSetTheVirtualClock) {
  auto res = h().send(kEmea, admin("POST", "/mockgc/admin/clock/advance", R"({"by":"PT10M"})"));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(api::format_instant(clock_->now()), "2026-03-02T09:10:00.000Z");
  res = h().send(kEmea, admin("POST", "/mockgc/admin/clock/set", R"({"to":"2026-03-03T00:00:00Z"})"));
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(json::parse(res.body)["now"], "2026-03-03T00:00:00.000Z");
  EXPECT_ERROR_BODY(h().send(kEmea, admin("POST", "/mockgc/admin/clock/set", R"({"to":"2026-03-02T00:00:00Z"})")), 409,
                    "conflict");
  EXPECT_ERROR_BODY(h().send(kEmea, admin("POST", "/mockgc/admin/clock/advance", R"({"by":"soon"})")), 400, "bad.request");
}

TEST_P(AdminTest, JournalAndCounters) {
  get(kEmea, "/api/v2/users?pageSize=1");
  get(kEmea, "/api/v2/users?pageSize=2");
  auto res = h().send(kEmea, admin("GET", "/mockgc/admin/journal?format=jsonl&since=2"));
  ASSERT_EQ(res.status, 200);
  // seq 1 is the login; since=2 (inclusive) leaves the two GETs.
  EXPECT_EQ(std::count(res.body.begin(), res.body.end(), '\n'), 2) << res.body;
  EXPECT_NE(res.body.find(R"("query":"pageSize=2")"), std::string::npos);
  auto counters = json::parse(h().send(kEmea, admin("GET", "/mockgc/admin/counters")).body);
  bool found = false;
  for (const auto& c : counters["entities"])
    found = found || (c["route"] == "/api/v2/users" && c["count"] == 2);
  EXPECT_TRUE(found) << counters.dump();
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(AdminTest);

class AdminTokenTest : public EndpointTest {
  core::ServiceOptions options() override {
    core::ServiceOptions o;
    o.admin_token = "s3cret";
    return o;
  }
};

TEST_P(AdminTokenTest, TokenRequiredWhenConfigured) {
  EXPECT_ERROR_BODY(h().send(kEmea, admin("GET", "/mockgc/admin/summary")), 403, "forbidden");
  EXPECT_ERROR_BODY(h().send(kEmea, admin("GET", "/mockgc/admin/summary", "", "wrong")), 403, "forbidden");
  EXPECT_EQ(h().send(kEmea, admin("GET", "/mockgc/admin/summary", "", "s3cret")).status, 200);
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(AdminTokenTest);

TEST(AdminRealClock, MovingARealClockIs409) {
  auto harness = make_inprocess_harness({});
  EXPECT_ERROR_BODY(harness->send(kEmea, admin("POST", "/mockgc/admin/clock/advance", R"({"by":"PT1M"})")), 409,
                    "conflict");
}

}  // namespace
}  // namespace mockgc::testing
