// Each fault type of a scenario timeline, observed through the service over every harness kind with the
// exact Genesys status, headers and body (FAULTS.md), on a ManualClock shared with the scenario start.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/endpoint_fixture.hpp"
#include "mockgc/core/journal/request_journal.hpp"
#include "mockgc/core/scenario.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kStart = "2026-03-02T09:00:00Z";

// The default world plus the given sections, on a virtual clock that starts where the fixture's does.
std::string scenario_with(const json& sections) {
  json j = json::parse(core::default_scenario_text());
  j["clock"] = {{"mode", "virtual"}, {"start", kStart}};
  for (const auto& [k, v] : sections.items()) {
    if (v.is_null()) j.erase(k);  // {"rate_limits": null}: without that section
    else j[k] = v;
  }
  return j.dump();
}

class FaultPipelineTest : public EndpointTest {
 protected:
  core::ServiceOptions options() override {
    core::ServiceOptions o;
    o.scenario_text = scenario_with(sections());
    return o;
  }
  virtual json sections() = 0;
  std::string exact_error(int status, std::string_view code, std::string_view message, const api::HttpResponse& res) {
    // Genesys field order: message, code, status, contextId, details, errors
    return fmt::format(R"({{"message":"{}","code":"{}","status":{},"contextId":"{}","details":[],"errors":[]}})", message,
                       code, status, std::string(res.headers.get("ININ-Correlation-Id").value_or("?")));
  }
};

std::string header(const api::HttpResponse& res, std::string_view name) {
  return std::string(res.headers.get(name).value_or("<absent>"));
}

// --- rate limits -------------------------------------------------------------------------------------
class RateLimitTest : public FaultPipelineTest {
  json sections() override { return {{"rate_limits", {{"per_client_per_minute", 3}}}}; }
};

TEST_P(RateLimitTest, ThreeAllowedThenA429WithExactHeadersAndBodyThenAllowedAfterRetryAfter) {
  for (int i = 1; i <= 3; ++i) {
    auto res = get(kEmea, "/api/v2/users?pageSize=1");
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(header(res, "inin-ratelimit-allowed"), "3");
    EXPECT_EQ(header(res, "inin-ratelimit-count"), std::to_string(i));
    EXPECT_EQ(header(res, "inin-ratelimit-reset"), std::to_string(60 - 10 * (i - 1))) << "oldest entry leaves at t0 + 60 s";
    clock_->advance(10s);
  }
  auto refused = get(kEmea, "/api/v2/users?pageSize=1");
  ASSERT_EQ(refused.status, 429);
  // The first request (t0) leaves the window at t0 + 60 s; now is t0 + 30 s.
  EXPECT_EQ(header(refused, "Retry-After"), "30");
  EXPECT_EQ(header(refused, "inin-ratelimit-allowed"), "3");
  EXPECT_EQ(header(refused, "inin-ratelimit-count"), "3");
  EXPECT_EQ(header(refused, "inin-ratelimit-reset"), "30");
  EXPECT_EQ(header(refused, "Content-Type"), "application/json");
  EXPECT_EQ(refused.body, exact_error(429, "too.many.requests.retry.after",
                                      "Rate limit exceeded the maximum. Retry the request in [30] seconds", refused));
  // The other region's client has its own budget.
  EXPECT_EQ(get(kApac, "/api/v2/users?pageSize=1").status, 200);
  clock_->advance(29s);
  EXPECT_EQ(get(kEmea, "/api/v2/users?pageSize=1").status, 429) << "one second early";
  clock_->advance(1s);
  EXPECT_EQ(get(kEmea, "/api/v2/users?pageSize=1").status, 200) << "exactly Retry-After later";
}

TEST_P(RateLimitTest, JournalRecordsTheRateLimitedRequest) {
  for (int i = 0; i < 4; ++i) get(kEmea, "/api/v2/users?pageSize=1");
  const auto entries = h().service().journal()->snapshot();
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.back().status, 429);
  EXPECT_EQ(entries.back().fault, "rate_limit");
  EXPECT_EQ(entries.back().region, kEmea);
  EXPECT_EQ(entries.back().client_id, region_info(h(), kEmea).client_id);
  EXPECT_EQ(entries.back().query, "pageSize=1");
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(RateLimitTest);

class EndpointRateLimitTest : public FaultPipelineTest {
  json sections() override {
    return {{"faults", json::array({{{"type", "rate_limit"}, {"method", "GET"}, {"path", "/api/v2/routing/queues"},
                                     {"per_minute", 1}}})}};
  }
};

TEST_P(EndpointRateLimitTest, PerEndpointLimitLeavesOtherEndpointsAlone) {
  EXPECT_EQ(get(kEmea, "/api/v2/routing/queues").status, 200);
  auto refused = get(kEmea, "/api/v2/routing/queues");
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(header(refused, "inin-ratelimit-allowed"), "1");
  EXPECT_EQ(header(refused, "Retry-After"), "60");
  EXPECT_EQ(get(kEmea, "/api/v2/users?pageSize=1").status, 200);
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(EndpointRateLimitTest);

// --- every error through the one renderer --------------------------------------------------------------
// Handler, pipeline, limiter and fault errors share one ErrorBody renderer: the same bytes, field order
// message, code, status, contextId, details, errors, whichever step answered.
class ErrorBytesTest : public FaultPipelineTest {
  json sections() override {
    return {{"rate_limits", {{"per_client_per_minute", 1}}},
            {"faults", json::array({{{"type", "outage"}, {"region", kApac}, {"at", "PT0S"}, {"for", "PT1H"}}})}};
  }

 protected:
  // The literal body with the response's own correlation id for {ctx}.
  static std::string with_context(const char* literal, const api::HttpResponse& res) {
    std::string out = literal;
    const auto at = out.find("{ctx}");
    return at == std::string::npos ? out : out.replace(at, 5, header(res, "ININ-Correlation-Id"));
  }
};

TEST_P(ErrorBytesTest, Status400_401_404_429_503AreByteExactErrorBodies) {
  auto unauthenticated = h().send(kEmea, get_request("/api/v2/users", ""));
  ASSERT_EQ(unauthenticated.status, 401);
  EXPECT_EQ(unauthenticated.body,
            with_context(R"({"message":"No authentication bearer token specified in authorization header.",)"
                         R"("code":"authentication.required","status":401,"contextId":"{ctx}","details":[],"errors":[]})",
                         unauthenticated));
  auto unknown = get(kEmea, "/api/v2/nothing/here");
  ASSERT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.body,
            with_context(R"({"message":"No resource found for GET /api/v2/nothing/here.","code":"not.found",)"
                         R"("status":404,"contextId":"{ctx}","details":[],"errors":[]})",
                         unknown));
  auto bad = get(kEmea, "/api/v2/users?pageSize=0");  // the client's one request of this minute
  ASSERT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body,
            with_context(R"({"message":"Query parameter pageSize must be between 1 and 500 (got 0).","code":"bad.request",)"
                         R"("status":400,"contextId":"{ctx}","details":[],"errors":[]})",
                         bad));
  auto limited = get(kEmea, "/api/v2/users");
  ASSERT_EQ(limited.status, 429);
  EXPECT_EQ(limited.body,
            with_context(R"({"message":"Rate limit exceeded the maximum. Retry the request in [60] seconds",)"
                         R"("code":"too.many.requests.retry.after","status":429,"contextId":"{ctx}","details":[],"errors":[]})",
                         limited));
  auto down = h().send(kApac, get_request("/api/v2/users", "no-token-needed"));
  ASSERT_EQ(down.status, 503);
  EXPECT_EQ(down.body,
            with_context(R"({"message":"Service Unavailable - The server is currently unavailable (because it is )"
                         R"(overloaded or down for maintenance).","code":"service.unavailable","status":503,)"
                         R"("contextId":"{ctx}","details":[],"errors":[]})",
                         down));
  for (const auto* res : {&unauthenticated, &unknown, &bad, &limited, &down})
    EXPECT_EQ(header(*res, "Content-Type"), "application/json");
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(ErrorBytesTest);

// --- outages and maintenance -------------------------------------------------------------------------
class OutageTest : public FaultPipelineTest {
  json sections() override {
    return {{"faults", json::array({{{"type", "outage"}, {"region", kApac}, {"at", "PT10M"}, {"for", "PT5M"}},
                                    {{"type", "outage"}, {"status", 504}, {"region", kEmea},
                                     {"path", "/api/v2/routing/**"}}})}};
  }
};

TEST_P(OutageTest, ApacIs503InsideTheWindowOnlyAndEmeaRoutingIs504) {
  token(kApac);
  EXPECT_EQ(get(kApac, "/api/v2/users?pageSize=1").status, 200);
  clock_->advance(10min);
  auto down = get(kApac, "/api/v2/users?pageSize=1");
  ASSERT_EQ(down.status, 503);
  EXPECT_EQ(header(down, "Content-Type"), "application/json");
  EXPECT_EQ(down.body, exact_error(503, "service.unavailable",
                                   "Service Unavailable - The server is currently unavailable (because it is "
                                   "overloaded or down for maintenance).",
                                   down));
  EXPECT_EQ(get(kEmea, "/api/v2/users?pageSize=1").status, 200);
  auto timeout = get(kEmea, "/api/v2/routing/queues");
  ASSERT_EQ(timeout.status, 504);
  EXPECT_EQ(timeout.body, exact_error(504, "request.timeout", "The request timed out.", timeout));
  clock_->advance(5min);
  EXPECT_EQ(get(kApac, "/api/v2/users?pageSize=1").status, 200) << "the window end is exclusive";
  const auto entries = h().service().journal()->snapshot();
  bool saw = false;
  for (const auto& e : entries) {
    if (e.status != 503 || e.fault != "outage#0" || e.region != kApac) continue;
    saw = true;
    EXPECT_EQ(e.route, "/api/v2/users") << "an outage reply is journalled and counted under the route it hit";
  }
  EXPECT_TRUE(saw);
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(OutageTest);

class MaintenanceTest : public FaultPipelineTest {
  json sections() override {
    return {{"faults", json::array({{{"type", "maintenance"}, {"family", "activity-codes"}, {"region", kEmea}}})}};
  }
};

TEST_P(MaintenanceTest, OnlyTheFamilyIsDown) {
  const std::string bu = bu_id(kEmea);
  auto down = get(kEmea, "/api/v2/workforcemanagement/businessunits/" + bu + "/activitycodes");
  EXPECT_ERROR_BODY(down, 503, "service.unavailable");
  EXPECT_EQ(get(kEmea, "/api/v2/workforcemanagement/businessunits/" + bu).status, 200);
  EXPECT_EQ(get(kEmea, "/api/v2/users?pageSize=1").status, 200);
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(MaintenanceTest);

// --- token faults ------------------------------------------------------------------------------------
class TokenFaultTest : public FaultPipelineTest {
  json sections() override {
    return {{"faults", json::array({{{"type", "token"}, {"action", "revoke_at"}, {"at", "PT1M"}, {"region", kEmea}},
                                    {{"type", "token"}, {"action", "short_lifetime"}, {"lifetime", "PT2M"},
                                     {"region", kApac}}})}};
  }
};

TEST_P(TokenFaultTest, RevokedTokenGets401BadCredentialsAndANewTokenWorks) {
  EXPECT_EQ(get(kEmea, "/api/v2/users?pageSize=1").status, 200);
  clock_->advance(1min);
  auto revoked = get(kEmea, "/api/v2/users?pageSize=1");
  ASSERT_EQ(revoked.status, 401);
  EXPECT_EQ(json::parse(revoked.body)["code"], "bad.credentials");
  EXPECT_EQ(json::parse(revoked.body)["message"], "Invalid login credentials.");
  tokens_.clear();
  EXPECT_EQ(get(kEmea, "/api/v2/users?pageSize=1").status, 200) << "tokens issued after the revocation are valid";
}

TEST_P(TokenFaultTest, ShortLifetimeShowsInExpiresInAndExpires) {
  auto login = login_response(h(), kApac);
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(body_json(login)["expires_in"], 120);
  EXPECT_EQ(body_json(login_response(h(), kEmea))["expires_in"], 86399) << "other region unaffected";
  EXPECT_EQ(get(kApac, "/api/v2/users?pageSize=1").status, 200);
  clock_->advance(2min);
  EXPECT_ERROR_BODY(get(kApac, "/api/v2/users?pageSize=1"), 401, "bad.credentials");
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(TokenFaultTest);

// --- data faults, latency, body corruption --------------------------------------------------------------
class DataFaultTest : public FaultPipelineTest {
  json sections() override {
    return {{"faults", json::array({{{"type", "data"}, {"action", "rename_activity_code"}, {"at", "PT5M"},
                                     {"region", kEmea}, {"business_unit", "EMEA Customer Care"},
                                     {"activity_code", "0"}, {"name", "Lunch"}},
                                    {{"type", "data"}, {"action", "recategorise_activity_code"}, {"at", "PT6M"},
                                     {"region", kEmea}, {"business_unit", "EMEA Customer Care"},
                                     {"activity_code", "0"}, {"category", "Meal"}}})}};
  }
};

TEST_P(DataFaultTest, ActivityCodeRenamedThenRecategorisedWithVersionBumps) {
  const std::string path = codes_path(kEmea) + "/0";
  auto before = get_json(kEmea, path);
  ASSERT_NE(before["name"], "Lunch");
  const int version = before["metadata"]["version"].get<int>();
  clock_->advance(5min);
  auto renamed = get_json(kEmea, path);
  EXPECT_EQ(renamed["name"], "Lunch");
  EXPECT_EQ(renamed["metadata"]["version"], version + 1);
  clock_->advance(1min);
  auto recategorised = get_json(kEmea, path);
  EXPECT_EQ(recategorised["category"], "Meal");
  EXPECT_EQ(recategorised["metadata"]["version"], version + 2);
  EXPECT_NE(get_json(kApac, codes_path(kApac) + "/0")["name"], "Lunch") << "other region untouched";
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(DataFaultTest);

class LatencyAndBodyFaultTest : public FaultPipelineTest {
  json sections() override {
    return {{"faults", json::array({{{"type", "latency"}, {"distribution", "fixed"}, {"ms", 1500},
                                     {"path", "/api/v2/routing/queues"}},
                                    {{"type", "transport"}, {"action", "truncated_json"}, {"path", "/api/v2/users"}},
                                    {{"type", "transport"}, {"action", "malformed_json"},
                                     {"path", "/api/v2/tokens/me"}}})}};
  }
};

TEST_P(LatencyAndBodyFaultTest, VirtualLatencyAdvancesTheClockAndIsJournaled) {
  token(kEmea);
  const auto before = clock_->now();
  EXPECT_EQ(get(kEmea, "/api/v2/routing/queues").status, 200);
  EXPECT_EQ(clock_->now() - before, 1500ms);
  const auto last = h().service().journal()->snapshot().back();
  EXPECT_EQ(last.latency_ms, 1500);
  EXPECT_EQ(last.fault, "latency#0");
}

TEST_P(LatencyAndBodyFaultTest, TruncatedAndMalformedJsonBodies) {
  auto truncated = get(kEmea, "/api/v2/users");
  EXPECT_EQ(truncated.status, 200);
  EXPECT_FALSE(json::accept(truncated.body)) << truncated.body.substr(0, 80);
  EXPECT_EQ(truncated.body.front(), '{');
  auto malformed = get(kEmea, "/api/v2/tokens/me");
  EXPECT_EQ(malformed.status, 200);
  EXPECT_FALSE(json::accept(malformed.body));
  EXPECT_NE(malformed.body.find("NaN"), std::string::npos);
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(LatencyAndBodyFaultTest);

// --- journal through the service ---------------------------------------------------------------------
class JournalWrapTest : public FaultPipelineTest {
  json sections() override { return {{"journal", {{"capacity", 4}}}}; }
};

TEST_P(JournalWrapTest, RingKeepsTheLastEntriesAndCountersSurviveWrapAround) {
  token(kEmea);  // one POST /oauth/token
  for (int i = 0; i < 10; ++i) get(kEmea, "/api/v2/users?pageSize=1");
  const auto* journal = h().service().journal();
  ASSERT_NE(journal, nullptr);
  const auto entries = journal->snapshot();
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries.front().seq, 8u);
  EXPECT_EQ(entries.back().seq, 11u);
  std::uint64_t users = 0, oauth = 0;
  for (const auto& c : journal->route_counts()) {
    if (c.route == "/api/v2/users" && c.method == "GET" && c.status_class == 2) users = c.count;
    if (c.route == "/oauth/token" && c.method == "POST" && c.status_class == 2) oauth = c.count;
  }
  EXPECT_EQ(users, 10u);
  EXPECT_EQ(oauth, 1u);
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(JournalWrapTest);

// Without a rate_limits section there is no limiter (and no inin-ratelimit-* headers): bulk test worlds run free.
class NoFaultsTest : public FaultPipelineTest {
  json sections() override { return {{"rate_limits", nullptr}}; }
};
TEST_P(NoFaultsTest, NoRateLimitHeadersWithoutALimiter) {
  auto res = get(kEmea, "/api/v2/users?pageSize=1");
  EXPECT_EQ(res.status, 200);
  EXPECT_FALSE(res.headers.get("inin-ratelimit-allowed").has_value());
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(NoFaultsTest);

}  // namespace
}  // namespace mockgc::testing
