// For random server behaviour (statuses, 429 + Retry-After, resets, timeouts, latency) and random rate
// and retry configurations, driving two orgs through OrgClient on a ManualClock:
//   - no request to an org is sent before a Retry-After that org received has elapsed;
//   - an org never sends more than its limit in any window;
//   - a call never makes more attempts than its retry budget allows (+1 for the single 401 re-login);
//   - a POST is never sent again after an answer that leaves its outcome unknown.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>

#include "mockgc/client/errc.hpp"
#include "mockgc/client/org_client.hpp"
#include "support/scripted_transport.hpp"

namespace mockgc::client {
namespace {

enum Kind { ok, too_many, unavailable, bad_gateway, gateway_timeout, reset, timed_out, refused, unauthorized,
            not_found, kind_count };

struct Step {
  int kind;
  int retry_after;  // seconds; -1: the 429 has no Retry-After header
  // inin-ratelimit-* on the answer: allowed (0: no headers), count, reset seconds
  int allowed = 0;
  int count = 0;
  int reset = 0;
};

struct CallSpec {
  int org;
  int method;  // 0 GET, 1 POST, 2 DELETE
};

struct Sent {
  int org;
  int call;
  Instant at;
  Instant answered;
  Step step;
  bool post;
};

testing::Reply reply_for(const Step& s) {
  switch (s.kind) {
    case too_many: {
      auto r = testing::http_status(429, "{}");
      if (s.retry_after >= 0) r.headers.set("Retry-After", std::to_string(s.retry_after));
      return r;
    }
    case unavailable: return testing::http_status(503);
    case bad_gateway: return testing::http_status(502);
    case gateway_timeout: return testing::http_status(504);
    case reset: return std::error_code(errc::connection_reset);
    case timed_out: return std::error_code(errc::timeout);
    case refused: return std::error_code(errc::connect_failed);
    case unauthorized: return testing::http_status(401, "{}");
    case not_found: return testing::http_status(404, "{}");
    default: {
      auto r = testing::http_json(200, "{}");
      if (s.allowed > 0) {
        r.headers.set("inin-ratelimit-allowed", std::to_string(s.allowed));
        r.headers.set("inin-ratelimit-count", std::to_string(s.count));
        r.headers.set("inin-ratelimit-reset", std::to_string(s.reset));
      }
      return r;
    }
  }
}

bool ambiguous_for_post(int kind) {
  return kind == reset || kind == timed_out || kind == bad_gateway || kind == gateway_timeout;
}

rc::Gen<Step> gen_step() {
  // Half the answers are 200 so calls make progress; the rest spread over every misbehaviour.
  // Some 200s carry inin-ratelimit-* headers, with any allowed/count/reset (learning may only slow down).
  return rc::gen::apply(
      [](int k, int ra, int allowed, int count, int reset) {
        return Step{k >= kind_count ? static_cast<int>(ok) : k, ra, allowed, count, reset};
      },
      rc::gen::inRange(0, 2 * kind_count), rc::gen::inRange(-1, 121),
      rc::gen::weightedOneOf<int>({{3, rc::gen::just(0)}, {1, rc::gen::inRange(1, 400)}}), rc::gen::inRange(0, 400),
      rc::gen::inRange(0, 120));
}

RC_GTEST_PROP(ClientPoliteness, RetryAfterRateBudgetRetryBudgetAndPostSafetyHold, ()) {
  const auto script = *rc::gen::container<std::vector<Step>>(gen_step());
  const auto calls = *rc::gen::container<std::vector<CallSpec>>(
      rc::gen::apply([](int o, int m) { return CallSpec{o, m}; }, rc::gen::inRange(0, 2), rc::gen::inRange(0, 3)));
  const int limit0 = *rc::gen::inRange(1, 20);
  const int limit1 = *rc::gen::inRange(1, 20);
  const int window_s = *rc::gen::inRange(1, 121);
  const int latency_ms = *rc::gen::inRange(0, 2000);
  RetryConfig retry;
  retry.max_retries = *rc::gen::inRange(0, 6);
  retry.max_total = Millis(*rc::gen::inRange(0, 600'000));
  retry.base_delay = Millis(*rc::gen::inRange(1, 2000));
  retry.max_delay = Millis(*rc::gen::inRange(1, 60'000));
  retry.seed = *rc::gen::arbitrary<std::uint64_t>();

  api::ManualClock clock;
  std::size_t next_step = 0;
  int current_call = -1;
  std::vector<Sent> log;
  FunctionTransport transport([&](const Endpoint& to, const api::HttpRequest& req, const SendOptions&) -> testing::Reply {
    if (req.target == "/oauth/token")
      return testing::http_json(200, R"({"access_token":"t","token_type":"bearer","expires_in":86399})");
    const Step step = next_step < script.size() ? script[next_step++] : Step{ok, 0};
    Sent s{to.host == "api.emea.example" ? 0 : 1, current_call, clock.now(), {}, step, req.method == "POST"};
    clock.advance(Millis(latency_ms));
    s.answered = clock.now();
    log.push_back(s);
    return reply_for(step);
  });

  auto org = [&](const char* host, int limit) {
    OrgConfig o = testing::test_org(host, limit);
    o.api = *parse_endpoint(std::string("https://") + host);
    return o;
  };
  OrgClientOptions options;
  options.retry = retry;
  options.rate.window = Millis(window_s * 1000);
  OrgClient emea(org("api.emea.example", limit0), transport, clock, options);
  OrgClient apac(org("api.apac.example", limit1), transport, clock, options);

  for (std::size_t i = 0; i < calls.size(); ++i) {
    current_call = static_cast<int>(i);
    const auto& c = calls[i];
    OrgClient& client = c.org == 0 ? emea : apac;
    const char* method = c.method == 0 ? "GET" : c.method == 1 ? "POST" : "DELETE";
    const auto result = client.call(method, "/api/v2/x", {}, c.method == 1 ? "{}" : "");
    if (!result) {
      RC_ASSERT(result.error() == errc::outcome_unknown || result.error() == errc::retry_budget_exhausted);
      if (result.error() == errc::outcome_unknown) RC_ASSERT(c.method == 1);  // only POST can be unknown
    }
  }

  // Retry-After: no request to an org before any Retry-After it received has elapsed.
  for (std::size_t i = 0; i < log.size(); ++i) {
    if (log[i].step.kind != too_many) continue;
    const Millis wait = log[i].step.retry_after >= 0 ? Millis(log[i].step.retry_after * 1000) : Millis(3000);
    for (std::size_t j = i + 1; j < log.size(); ++j)
      if (log[j].org == log[i].org) RC_ASSERT(log[j].at >= log[i].answered + wait);
  }
  // The client paces by the longest inin-ratelimit-reset an org has advertised (the configured window a
  // ceiling), so the shortest window it can have used is the first reset that org advertised.
  Millis paced[2] = {Millis(window_s * 1000), Millis(window_s * 1000)};
  bool advertised[2] = {false, false};
  for (const auto& s : log)
    if (!advertised[s.org] && s.step.kind == ok && s.step.allowed > 0 && s.step.reset > 0) {
      advertised[s.org] = true;
      paced[s.org] = std::min(paced[s.org], Millis(s.step.reset * 1000));
    }
  // Rate budget: at most `limit` sends of one org in any window.
  for (int o = 0; o < 2; ++o) {
    const int limit = o == 0 ? limit0 : limit1;
    std::vector<Instant> times;
    for (const auto& s : log)
      if (s.org == o) times.push_back(s.at);
    for (std::size_t i = static_cast<std::size_t>(limit); i < times.size(); ++i)
      RC_ASSERT(times[i] - times[i - limit] >= paced[o]);
  }
  // Learning: after an answer saying "allowed A, count C, resets in R s", (a) that org sends at most A−C
  // more before the reset, until newer headers replace the picture, and (b) never more than A in a window
  // while that limit holds.
  for (std::size_t i = 0; i < log.size(); ++i) {
    const Step& h = log[i].step;
    if (h.kind != ok || h.allowed == 0) continue;
    const Instant end = log[i].answered + Millis(h.reset * 1000);
    int sends = 0;
    std::vector<Instant> later;
    for (std::size_t j = i + 1; j < log.size(); ++j) {
      if (log[j].org != log[i].org) continue;
      later.push_back(log[j].at);
      if (log[j].at < end && sends >= 0) ++sends;
      if (log[j].step.kind == ok && log[j].step.allowed > 0 && sends >= 0) {
        RC_ASSERT(sends <= std::max(0, h.allowed - h.count));
        sends = -1;  // newer headers from here on
      }
    }
    if (sends >= 0) RC_ASSERT(sends <= std::max(0, h.allowed - h.count));
    // (b) holds at least for a window after the answer: a lowered limit may only be raised again once a
    // whole window passed without the server re-advertising it (RateBudget's recovery rule).
    const auto a = static_cast<std::size_t>(h.allowed);
    const Millis window = paced[log[i].org];
    const Instant held_until = log[i].answered + window;
    for (std::size_t k = a; k < later.size() && later[k] < held_until; ++k)
      RC_ASSERT(later[k] - later[k - a] >= window);
  }
  // Retry budget (+1 for the one 401 re-login) and POST safety, per call.
  std::map<int, std::vector<const Sent*>> by_call;
  for (const auto& s : log) by_call[s.call].push_back(&s);
  for (const auto& [call, sends] : by_call) {
    RC_ASSERT(static_cast<int>(sends.size()) <= 1 + retry.max_retries + 1);
    if (calls[static_cast<std::size_t>(call)].method != 1) continue;
    for (std::size_t k = 0; k + 1 < sends.size(); ++k) RC_ASSERT(!ambiguous_for_post(sends[k]->step.kind));
  }
}

}  // namespace
}  // namespace mockgc::client
