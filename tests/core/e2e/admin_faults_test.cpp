// POST/GET/DELETE /mockgc/admin/faults over every harness kind: injection at "now" and relative to now,
// listing with states, clearing one or all, strict bodies (400 naming the key), unknown ids (404),
// duplicate ids (409), the admin guard, and determinism of injected probabilistic faults.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "admin_support.hpp"
#include "mockgc/api/time.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kUsers = "/api/v2/users?pageSize=1";

class AdminFaultsTest : public AdminFixture {};

TEST_P(AdminFaultsTest, InjectAtNowThenClearOne) {
  ASSERT_EQ(get(kEmea, kUsers).status, 200);
  auto res = admin("POST", "/mockgc/admin/faults",
                   R"({"type":"outage","region":"eu_central_1","path":"/api/v2/users/**","for":"PT10M"})");
  ASSERT_EQ(res.status, 201) << res.body;
  auto fault = json::parse(res.body);
  EXPECT_EQ(fault["id"], "outage#0");
  EXPECT_EQ(fault["state"], "active");
  EXPECT_EQ(fault["start"], "2026-03-02T09:00:00.000Z");
  EXPECT_EQ(fault["end"], "2026-03-02T09:10:00.000Z");
  EXPECT_EQ(fault["for"], "PT10M");
  EXPECT_ERROR_BODY(get(kEmea, kUsers), 503, "service.unavailable");
  EXPECT_EQ(get(kApac, kUsers).status, 200) << "region-scoped";

  auto list = admin_json("GET", "/mockgc/admin/faults");
  ASSERT_EQ(list["entities"].size(), 1u) << list.dump();
  EXPECT_EQ(list["entities"][0]["id"], "outage#0");
  EXPECT_EQ(list["entities"][0]["state"], "active");

  EXPECT_EQ(admin("DELETE", "/mockgc/admin/faults/outage%230").status, 204);
  EXPECT_EQ(get(kEmea, kUsers).status, 200);
  EXPECT_ERROR_BODY(admin("DELETE", "/mockgc/admin/faults/outage%230"), 404, "not.found");
  EXPECT_TRUE(admin_json("GET", "/mockgc/admin/faults")["entities"].empty());
}

TEST_P(AdminFaultsTest, RelativeAtCountsFromNowAndStatesFollowTheClock) {
  clock_->advance(1h);
  auto fault = admin_json("POST", "/mockgc/admin/faults",
                          R"({"type":"outage","id":"later","at":"PT5M","for":"PT5M","region":"eu_central_1"})", 201);
  EXPECT_EQ(fault["start"], "2026-03-02T10:05:00.000Z");
  EXPECT_EQ(fault["state"], "scheduled");
  EXPECT_EQ(fault["at"], "PT1H5M") << "canonical at counts from the clock start";
  EXPECT_EQ(get(kEmea, kUsers).status, 200);
  clock_->advance(5min);
  EXPECT_ERROR_BODY(get(kEmea, kUsers), 503, "service.unavailable");
  EXPECT_EQ(admin_json("GET", "/mockgc/admin/faults/later")["state"], "active");
  clock_->advance(5min);
  EXPECT_EQ(get(kEmea, kUsers).status, 200);
  EXPECT_EQ(admin_json("GET", "/mockgc/admin/faults")["entities"][0]["state"], "ended");
  // An absolute instant is absolute.
  auto abs = admin_json("POST", "/mockgc/admin/faults",
                        R"({"type":"latency","ms":5,"id":"abs","at":"2026-03-02T12:00:00Z"})", 201);
  EXPECT_EQ(abs["start"], "2026-03-02T12:00:00.000Z");
}

TEST_P(AdminFaultsTest, ClearAllRemovesTimelineAndInjectedFaults) {
  admin_json("POST", "/mockgc/admin/faults", R"({"type":"outage","region":"eu_central_1","path":"/api/v2/users"})", 201);
  admin_json("POST", "/mockgc/admin/faults", R"({"type":"outage","region":"ap_southeast_2","path":"/api/v2/users"})", 201);
  auto ids = admin_json("GET", "/mockgc/admin/faults")["entities"];
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_NE(ids[0]["id"], ids[1]["id"]) << "default ids never collide";
  EXPECT_EQ(get(kApac, kUsers).status, 503);
  EXPECT_EQ(admin("DELETE", "/mockgc/admin/faults").status, 204);
  EXPECT_EQ(get(kApac, kUsers).status, 200);
  EXPECT_EQ(get(kEmea, kUsers).status, 200);
  EXPECT_TRUE(admin_json("GET", "/mockgc/admin/faults")["entities"].empty());
}

bool message_names(const api::HttpResponse& res, std::string_view key) {
  auto j = json::parse(res.body, nullptr, false);
  return j.is_object() && j.contains("message") && j["message"].get<std::string>().find(key) != std::string::npos;
}

TEST_P(AdminFaultsTest, BadBodiesAre400NamingTheKey) {
  const std::string path = "/mockgc/admin/faults";
  EXPECT_ERROR_BODY(admin("POST", path, "{not json"), 400, "bad.request");
  EXPECT_ERROR_BODY(admin("POST", path, "[]"), 400, "bad.request");
  auto res = admin("POST", path, R"({"type":"outage","staus":503})");
  EXPECT_ERROR_BODY(res, 400, "bad.request");
  EXPECT_TRUE(message_names(res, "staus")) << res.body;
  res = admin("POST", path, R"({"type":"outrage"})");
  EXPECT_ERROR_BODY(res, 400, "bad.request");
  EXPECT_TRUE(message_names(res, "/type: ")) << res.body;
  res = admin("POST", path, R"({"type":"outage","status":502})");
  EXPECT_TRUE(message_names(res, "/status: ")) << res.body;
  res = admin("POST", path, R"({"type":"outage","at":"soon"})");
  EXPECT_TRUE(message_names(res, "/at: ")) << res.body;
  res = admin("POST", path, R"({"type":"outage","region":"mars_1"})");
  EXPECT_ERROR_BODY(res, 400, "bad.request");
  EXPECT_TRUE(message_names(res, "/region: ")) << res.body;
  res = admin("POST", path, R"({"type":"maintenance"})");
  EXPECT_TRUE(message_names(res, "/family: ")) << res.body;
  admin_json("POST", path, R"({"type":"outage","id":"x","region":"eu_central_1","at":"PT1H"})", 201);
  EXPECT_ERROR_BODY(admin("POST", path, R"({"type":"outage","id":"x"})"), 409, "conflict");
  EXPECT_ERROR_BODY(admin("DELETE", "/mockgc/admin/faults/nope"), 404, "not.found");
  EXPECT_ERROR_BODY(admin("GET", "/mockgc/admin/faults/nope"), 404, "not.found");
  EXPECT_EQ(admin("PUT", path, "{}").status, 405);
  // Nothing bad was installed: one fault, and requests still work.
  EXPECT_EQ(admin_json("GET", path)["entities"].size(), 1u);
  EXPECT_EQ(get(kEmea, kUsers).status, 200);
}

TEST_P(AdminFaultsTest, InjectedRateLimitAppliesFromNow) {
  admin_json("POST", "/mockgc/admin/faults", R"({"type":"rate_limit","per_minute":2,"region":"eu_central_1"})", 201);
  EXPECT_EQ(get(kEmea, kUsers).status, 200);
  EXPECT_EQ(get(kEmea, kUsers).status, 200);
  auto refused = get(kEmea, kUsers);
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.headers.get("inin-ratelimit-allowed").value_or(""), "2");
}

// Same seed + same fault id + same request sequence => same decisions, on two separate services.
TEST_P(AdminFaultsTest, InjectedProbabilisticFaultIsDeterministic) {
  auto run = [&](Harness& harness) {
    EXPECT_EQ(harness.send(kEmea, admin_request("POST", "/mockgc/admin/faults",
                                                R"({"type":"outage","id":"flaky","probability":0.5,"path":"/api/v2/users/**"})"))
                  .status,
              201);
    const std::string token = login(harness, kEmea);
    std::string statuses;
    for (int i = 0; i < 24; ++i)
      statuses += std::to_string(harness.send(kEmea, get_request(kUsers, token)).status) + " ";
    return statuses;
  };
  core::ServiceOptions o = options();
  api::ManualClock c1(*api::parse_instant(kAdminStart)), c2(*api::parse_instant(kAdminStart));
  o.clock = &c1;
  auto a = GetParam().make(o);
  o.clock = &c2;
  auto b = GetParam().make(o);
  const auto first = run(*a);
  EXPECT_EQ(first, run(*b));
  EXPECT_NE(first.find("503"), std::string::npos) << first;
  EXPECT_NE(first.find("200"), std::string::npos) << first;
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(AdminFaultsTest);

class AdminGuardTest : public AdminFixture {
  core::ServiceOptions options() override {
    auto o = AdminFixture::options();
    o.admin_token = "s3cret";
    return o;
  }
};

TEST_P(AdminGuardTest, NewEndpointsNeedTheAdminToken) {
  const std::string fault = R"({"type":"outage"})";
  EXPECT_ERROR_BODY(admin("POST", "/mockgc/admin/faults", fault), 403, "forbidden");
  EXPECT_ERROR_BODY(admin("GET", "/mockgc/admin/faults"), 403, "forbidden");
  EXPECT_ERROR_BODY(admin("DELETE", "/mockgc/admin/faults"), 403, "forbidden");
  EXPECT_ERROR_BODY(admin("POST", "/mockgc/admin/reset"), 403, "forbidden");
  EXPECT_ERROR_BODY(admin("POST", "/mockgc/admin/scenario", default_scenario_with({})), 403, "forbidden");
  EXPECT_EQ(get(kEmea, kUsers).status, 200) << "nothing was injected";
  EXPECT_EQ(h().send(kEmea, admin_request("POST", "/mockgc/admin/faults", fault, "s3cret")).status, 201);
  EXPECT_EQ(get(kEmea, kUsers).status, 503);
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(AdminGuardTest);

}  // namespace
}  // namespace mockgc::testing
