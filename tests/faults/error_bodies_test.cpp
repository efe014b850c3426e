#include <gtest/gtest.h>

#include "mockgc/core/faults/error_bodies.hpp"
#include "mockgc/core/faults/fault_plan.hpp"
#include "mockgc/core/faults/rate_limiter.hpp"

using namespace mockgc::core::faults;

TEST(ErrorBodies, RateLimitBodyMatchesTheNormalisedGenesys429) {
  EXPECT_EQ(rate_limit_body(42, "c0ffee"),
            R"({"message":"Rate limit exceeded the maximum. Retry the request in [42] seconds",)"
            R"("code":"too.many.requests.retry.after","status":429,"contextId":"c0ffee","details":[],"errors":[]})");
}

TEST(ErrorBodies, ServiceUnavailableTimeoutAndBadCredentials) {
  EXPECT_EQ(service_unavailable_body("id-1"),
            R"({"message":"Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance).",)"
            R"("code":"service.unavailable","status":503,"contextId":"id-1","details":[],"errors":[]})");
  EXPECT_EQ(request_timeout_body("id-2"),
            R"({"message":"The request timed out.","code":"request.timeout","status":504,"contextId":"id-2","details":[],"errors":[]})");
  EXPECT_EQ(bad_credentials_body("id-3"),
            R"({"message":"Invalid login credentials.","code":"bad.credentials","status":401,"contextId":"id-3","details":[],"errors":[]})");
}

TEST(ErrorBodies, ContextIdIsEscapedNotInjected) {
  EXPECT_EQ(error_body_json(400, "bad.request", "x", "a\"b"),
            R"({"message":"x","code":"bad.request","status":400,"contextId":"a\"b","details":[],"errors":[]})");
}

TEST(ErrorBodies, RateLimitedResponseCarriesRetryAfterAndRateLimitHeaders) {
  RateDecision d;
  d.allowed = false;
  d.limit = 300;
  d.count = 300;
  d.retry_after_seconds = 17;
  d.reset_seconds = 17;
  auto r = rate_limited_response(d, "ctx");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.headers.get("Retry-After"), "17");
  EXPECT_EQ(r.headers.get("content-type"), "application/json");
  EXPECT_EQ(r.headers.get("inin-ratelimit-count"), "300");
  EXPECT_EQ(r.headers.get("inin-ratelimit-allowed"), "300");
  EXPECT_EQ(r.headers.get("inin-ratelimit-reset"), "17");
  EXPECT_EQ(r.body, rate_limit_body(17, "ctx"));
}

TEST(ErrorBodies, EarlyFaultResponse) {
  auto r = early_fault_response({504, kRequestTimeoutCode, kRequestTimeoutMessage}, "ctx");
  EXPECT_EQ(r.status, 504);
  EXPECT_EQ(r.body, request_timeout_body("ctx"));
  EXPECT_EQ(r.headers.get("Content-Type"), "application/json");
  EXPECT_EQ(bad_credentials_response("c").status, 401);
}
