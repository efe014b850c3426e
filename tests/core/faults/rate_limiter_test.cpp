#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/core/faults/rate_limiter.hpp"

using namespace mockgc::core;
using namespace mockgc::core::faults;
using namespace std::chrono_literals;

namespace {
Instant t0() { return *mockgc::api::parse_instant("2026-03-29T00:00:00Z"); }

struct Fixture {
  mockgc::api::ManualClock clock{t0()};
  RateLimiter limiter;
  explicit Fixture(RateLimitConfig c = {}) : limiter(clock, std::move(c)) {}
  RateDecision get(std::string_view client = "c1", std::string_view path = "/api/v2/users") {
    return limiter.check("eu", client, "GET", path);
  }
};

RateLimitConfig limit(int n) {
  RateLimitConfig c;
  c.client_per_minute = n;
  return c;
}
}  // namespace

TEST(RateLimiter, DefaultIs300PerMinuteWithGenesysHeaders) {
  Fixture f;
  auto first = f.get();
  EXPECT_TRUE(first.allowed);
  EXPECT_EQ(first.limit, 300);
  EXPECT_EQ(first.count, 1);
  EXPECT_EQ(first.reset_seconds, 60);
  EXPECT_EQ(first.retry_after_seconds, 0);
  for (int i = 2; i <= 300; ++i) {
    f.clock.advance(10ms);
    ASSERT_TRUE(f.get().allowed) << i;
  }
  auto refused = f.get();
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.count, 300);
  // First request at t0 leaves the window at t0+60 s; now is t0+2.99 s → 57.01 s → 58.
  EXPECT_EQ(refused.exact_wait, Millis(60'000 - 2'990));
  EXPECT_EQ(refused.retry_after_seconds, 58);
  EXPECT_EQ(refused.reset_seconds, 58);
}

TEST(RateLimiter, SlidingWindowRetryAfterIsCeilOfExactWait) {
  Fixture f(limit(2));
  EXPECT_TRUE(f.get().allowed);                      // t0
  f.clock.advance(10s);
  auto second = f.get();                             // t0+10 s
  EXPECT_TRUE(second.allowed);
  EXPECT_EQ(second.count, 2);
  EXPECT_EQ(second.reset_seconds, 50);               // the t0 request frees its slot at t0+60 s
  f.clock.advance(9'999ms);                          // t0+19.999 s
  auto r = f.get();
  EXPECT_FALSE(r.allowed);
  EXPECT_EQ(r.exact_wait, Millis(40'001));
  EXPECT_EQ(r.retry_after_seconds, 41);              // ceil, never floor: 40 s would still be refused
  f.clock.advance(40s);                              // t0+59.999 s: 1 ms short
  auto almost = f.get();
  EXPECT_FALSE(almost.allowed);
  EXPECT_EQ(almost.retry_after_seconds, 1);
  f.clock.advance(1ms);                              // t0+60 s: first entry has left the window
  auto ok = f.get();
  EXPECT_TRUE(ok.allowed);
  EXPECT_EQ(ok.count, 2);
}

TEST(RateLimiter, RefusedRequestsDoNotConsumeQuota) {
  Fixture f(limit(1));
  EXPECT_TRUE(f.get().allowed);
  for (int i = 0; i < 50; ++i) {
    f.clock.advance(1s);
    EXPECT_FALSE(f.get().allowed);
  }
  f.clock.advance(10s);  // t0+60 s
  EXPECT_TRUE(f.get().allowed);
}

TEST(RateLimiter, ClientsAndRegionsAreIndependent) {
  Fixture f(limit(1));
  EXPECT_TRUE(f.get("a").allowed);
  EXPECT_TRUE(f.get("b").allowed);
  EXPECT_FALSE(f.get("a").allowed);
  EXPECT_TRUE(f.limiter.check("us", "a", "GET", "/x").allowed);
  EXPECT_EQ(f.limiter.tracked_clients(), 3u);
}

TEST(RateLimiter, EndpointRuleLimitsOnlyMatchingRequestsAndReportsTightestScope) {
  RateLimitConfig c;
  RateLimitRule ivr;
  ivr.id = "ivr-put";
  ivr.method = "PUT";
  ivr.path = PathPattern("/api/v2/architect/ivrs/{ivrId}");
  ivr.per_minute = 2;
  c.rules.push_back(ivr);
  Fixture f(c);
  auto put = [&] { return f.limiter.check("eu", "c1", "put", "/api/v2/architect/ivrs/i-1"); };
  auto a = put();
  EXPECT_TRUE(a.allowed);
  EXPECT_EQ(a.limit, 2);  // headroom 1 on the endpoint beats 299 on the client
  EXPECT_EQ(a.rule_id, "ivr-put");
  EXPECT_TRUE(put().allowed);
  auto refused = put();
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.rule_id, "ivr-put");
  EXPECT_EQ(refused.limit, 2);
  auto get = f.get("c1", "/api/v2/architect/ivrs/i-1");
  EXPECT_TRUE(get.allowed);
  EXPECT_EQ(get.limit, 300);
  EXPECT_EQ(get.count, 3);  // the two PUTs count against the client-wide limit too
}

TEST(RateLimiter, TimeBoundedClientOverrideAppliesOnlyInItsWindowAndRegion) {
  RateLimitConfig c;
  RateLimitRule low;
  low.id = "squeeze";
  low.region = "eu";
  low.per_minute = 1;
  low.from = t0() + 10s;
  low.until = t0() + 20s;
  c.rules.push_back(low);
  Fixture f(c);
  EXPECT_TRUE(f.get().allowed);
  f.clock.advance(10s);
  auto d = f.get();
  EXPECT_FALSE(d.allowed);  // one request already in the window, limit now 1
  EXPECT_EQ(d.rule_id, "squeeze");
  EXPECT_TRUE(f.limiter.check("us", "c1", "GET", "/x").allowed);
  f.clock.advance(10s);
  EXPECT_TRUE(f.get().allowed);  // window over: back to 300
}

TEST(RateLimiter, IdleClientsAreEvictedAndCapIsEnforced) {
  RateLimitConfig c;
  c.shards = 1;
  c.max_clients = 3;
  Fixture f(c);
  for (auto id : {"a", "b", "c", "d"}) {
    f.get(id);
    f.clock.advance(1ms);
  }
  EXPECT_EQ(f.limiter.tracked_clients(), 3u);
  EXPECT_EQ(f.get("b").count, 2);  // still tracked
  EXPECT_EQ(f.get("a").count, 1);  // "a" (least recently seen) was evicted to make room for "d"
  f.clock.advance(60s);
  f.limiter.sweep(f.clock.now());
  EXPECT_EQ(f.limiter.tracked_clients(), 0u);
}

TEST(RateLimiter, ConcurrentRequestsNeverExceedTheLimit) {
  Fixture f(limit(100));
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i)
        if (f.get().allowed) allowed.fetch_add(1);
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(allowed.load(), 100);
}

TEST(RateLimiter, ConfigFromJsonIsStrict) {
  auto c = RateLimitConfig::from_json(nlohmann::json::parse(R"({"per_client_per_minute":180})"));
  EXPECT_EQ(c.client_per_minute, 180);
  try {
    RateLimitConfig::from_json(nlohmann::json::parse(R"({"per_minute":180})"));
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "/rate_limits/per_minute: unknown key 'per_minute' (allowed here: per_client_per_minute, max_clients)");
  }
  EXPECT_THROW(RateLimitConfig::from_json(nlohmann::json::parse(R"({"per_client_per_minute":0})")),
               std::invalid_argument);
}
