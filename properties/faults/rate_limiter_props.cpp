// The two rate-limiter properties, for any request sequence and any limit configuration:
//   1. no client gets more than its limit in ANY 60 s window, per scope (client-wide and per endpoint);
//   2. every 429's Retry-After is the time until a request would succeed: the exact wait W makes the same
//      request succeed at now+W and fail at now+W-1ms, and Retry-After == ceil(W / 1 s).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <tuple>

#include "mockgc/api/time.hpp"
#include "mockgc/core/faults/rate_limiter.hpp"

using namespace mockgc::core;
using namespace mockgc::core::faults;

namespace {

struct Request {
  std::int64_t gap_ms;  // time since the previous request
  int region, client, method, path;
};

const char* kRegions[] = {"eu_central_1", "us_east_1"};
const char* kClients[] = {"client-a", "client-b", "client-c"};
const char* kMethods[] = {"GET", "PUT", "POST"};
const char* kPaths[] = {"/api/v2/users", "/api/v2/architect/ivrs/i-1", "/api/v2/analytics/conversations/aggregates/query"};
const char* kRulePaths[] = {"/api/v2/architect/ivrs/{ivrId}", "/api/v2/analytics/**", "/api/v2/**"};

Instant t0() { return *mockgc::api::parse_instant("2026-01-05T00:00:00Z"); }

rc::Gen<RateLimitConfig> configs() {
  return rc::gen::exec([] {
    RateLimitConfig c;
    c.client_per_minute = *rc::gen::inRange(1, 7);
    c.shards = *rc::gen::element<std::size_t>(1, 4);
    int n_rules = *rc::gen::inRange(0, 3);
    for (int i = 0; i < n_rules; ++i) {
      RateLimitRule r;
      r.id = "rule-" + std::to_string(i);
      r.method = *rc::gen::element<std::string>("", "PUT", "GET");
      r.path = PathPattern(kRulePaths[*rc::gen::inRange(0, 3)]);
      r.per_minute = *rc::gen::inRange(1, 5);
      c.rules.push_back(r);
    }
    return c;
  });
}

rc::Gen<std::vector<Request>> request_sequences() {
  auto one = rc::gen::exec([] {
    return Request{*rc::gen::weightedOneOf<std::int64_t>({{4, rc::gen::inRange<std::int64_t>(0, 3'000)},
                                                          {1, rc::gen::inRange<std::int64_t>(0, 70'000)}}),
                   *rc::gen::inRange(0, 2), *rc::gen::inRange(0, 3), *rc::gen::inRange(0, 3), *rc::gen::inRange(0, 3)};
  });
  return rc::gen::map(rc::gen::container<std::vector<Request>>(one), [](std::vector<Request> v) {
    if (v.size() > 40) v.resize(40);
    return v;
  });
}

struct Outcome {
  Instant at;
  RateDecision decision;
};

// Runs the first `n` requests of `reqs` through a fresh limiter; returns each decision.
std::vector<Outcome> run(const RateLimitConfig& config, const std::vector<Request>& reqs, std::size_t n) {
  mockgc::api::ManualClock clock(t0());
  RateLimiter limiter(clock, config);
  std::vector<Outcome> out;
  for (std::size_t i = 0; i < n; ++i) {
    clock.advance(Millis(reqs[i].gap_ms));
    const auto& r = reqs[i];
    out.push_back({clock.now(), limiter.check(kRegions[r.region], kClients[r.client], kMethods[r.method], kPaths[r.path])});
  }
  return out;
}

// Replays reqs[0, i) then asks about reqs[i] at time `when`.
bool allowed_at(const RateLimitConfig& config, const std::vector<Request>& reqs, std::size_t i, Instant when) {
  mockgc::api::ManualClock clock(t0());
  RateLimiter limiter(clock, config);
  for (std::size_t k = 0; k < i; ++k) {
    clock.advance(Millis(reqs[k].gap_ms));
    const auto& r = reqs[k];
    limiter.check(kRegions[r.region], kClients[r.client], kMethods[r.method], kPaths[r.path]);
  }
  clock.set(when);
  const auto& r = reqs[i];
  return limiter.check(kRegions[r.region], kClients[r.client], kMethods[r.method], kPaths[r.path]).allowed;
}

bool rule_applies(const RateLimitRule& rule, const Request& r) {
  return (rule.method.empty() || rule.method == kMethods[r.method]) && rule.path->matches(kPaths[r.path]);
}

}  // namespace

RC_GTEST_PROP(RateLimiterProps, NoClientExceedsItsLimitInAnyWindow, ()) {
  auto config = *configs();
  auto reqs = *request_sequences();
  auto outcomes = run(config, reqs, reqs.size());
  // scope key: (region, client, rule index or -1) → allowed timestamps (ms), in order
  std::map<std::tuple<int, int, int>, std::vector<std::int64_t>> allowed;
  for (std::size_t i = 0; i < reqs.size(); ++i) {
    if (!outcomes[i].decision.allowed) continue;
    std::int64_t t = outcomes[i].at.time_since_epoch().count();
    allowed[{reqs[i].region, reqs[i].client, -1}].push_back(t);
    for (std::size_t k = 0; k < config.rules.size(); ++k)
      if (rule_applies(config.rules[k], reqs[i])) allowed[{reqs[i].region, reqs[i].client, static_cast<int>(k)}].push_back(t);
  }
  for (const auto& [key, times] : allowed) {
    int rule = std::get<2>(key);
    int limit = rule < 0 ? config.client_per_minute : config.rules[static_cast<std::size_t>(rule)].per_minute;
    // Any 60 s window (t-60s, t] ending at an allowed request holds at most `limit` allowed requests.
    for (std::size_t j = 0; j < times.size(); ++j) {
      int in_window = 0;
      for (std::size_t k = 0; k <= j; ++k) in_window += times[k] > times[j] - kRateWindow.count();
      RC_ASSERT(in_window <= limit);
    }
  }
}

RC_GTEST_PROP(RateLimiterProps, RetryAfterIsTheTimeUntilARequestWouldSucceed, ()) {
  auto config = *configs();
  auto reqs = *request_sequences();
  auto outcomes = run(config, reqs, reqs.size());
  int checked = 0;
  for (std::size_t i = 0; i < reqs.size() && checked < 6; ++i) {
    const auto& d = outcomes[i].decision;
    if (d.allowed) {
      RC_ASSERT(d.retry_after_seconds == 0);
      RC_ASSERT(d.count >= 1 && d.count <= d.limit);
      RC_ASSERT(d.reset_seconds >= 1 && d.reset_seconds <= 60);
      continue;
    }
    ++checked;
    const Instant now = outcomes[i].at;
    RC_ASSERT(d.exact_wait.count() >= 1);
    RC_ASSERT(d.retry_after_seconds == (d.exact_wait.count() + 999) / 1000);
    RC_ASSERT(d.reset_seconds == d.retry_after_seconds);
    RC_ASSERT(allowed_at(config, reqs, i, now + d.exact_wait));
    RC_ASSERT(!allowed_at(config, reqs, i, now + d.exact_wait - Millis(1)));
    // The rounded header value: waiting Retry-After seconds succeeds, one second less does not.
    RC_ASSERT(allowed_at(config, reqs, i, now + Millis(1000LL * d.retry_after_seconds)));
    RC_ASSERT(!allowed_at(config, reqs, i, now + Millis(1000LL * (d.retry_after_seconds - 1))));
  }
  RC_CLASSIFY(checked > 0, "some 429s checked");
}
