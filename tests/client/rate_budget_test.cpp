#include "mockgc/client/rate_budget.hpp"

#include <gtest/gtest.h>

namespace mockgc::client {
namespace {

const Instant t0 = Instant(Millis(1'700'000'000'000));

// Sends as fast as the budget allows and returns the send times.
std::vector<Instant> drain(RateBudget& budget, Instant start, int n) {
  std::vector<Instant> out;
  Instant now = start;
  for (int i = 0; i < n; ++i) {
    now = budget.next_send_time(now);
    budget.record_send(now);
    out.push_back(now);
  }
  return out;
}

int max_in_any_window(const std::vector<Instant>& times, Millis window) {
  int best = 0;
  for (std::size_t i = 0, j = 0; i < times.size(); ++i) {
    while (times[i] - times[j] >= window) ++j;
    best = std::max(best, static_cast<int>(i - j + 1));
  }
  return best;
}

TEST(RateBudget, NeverMoreThanTheLimitInAnySlidingWindow) {
  RateBudget budget({.limit = 300});
  const auto times = drain(budget, t0, 1000);
  EXPECT_EQ(max_in_any_window(times, Millis(60'000)), 300);
  // The first 300 go at once, the 301st exactly one window after the first.
  EXPECT_EQ(times[299], t0);
  EXPECT_EQ(times[300], t0 + Millis(60'000));
}

TEST(RateBudget, RetryAfterBlocksUntilItElapsedExactly) {
  RateBudget budget;
  api::HttpResponse r{429, {{"Retry-After", "60"}}, "", {}, {}};
  budget.observe(r, t0);
  EXPECT_EQ(budget.next_send_time(t0), t0 + Millis(60'000));
  EXPECT_EQ(budget.next_send_time(t0 + Millis(59'999)), t0 + Millis(60'000));
  EXPECT_EQ(budget.next_send_time(t0 + Millis(60'000)), t0 + Millis(60'000));
  // A 429 without Retry-After waits the default.
  RateBudget other({.default_retry_after = Millis(3'000)});
  other.observe(api::HttpResponse{429, {}, "", {}, {}}, t0);
  EXPECT_EQ(other.next_send_time(t0), t0 + Millis(3'000));
}

TEST(RateBudget, LearnsALowerLimitFromIninRatelimitAllowed) {
  RateBudget budget({.limit = 300});
  budget.observe(api::HttpResponse{200, {{"inin-ratelimit-allowed", "180"}}, "", {}, {}}, t0);
  EXPECT_EQ(budget.limit(), 180);
  budget.observe(api::HttpResponse{200, {{"inin-ratelimit-allowed", "1000"}}, "", {}, {}}, t0);
  EXPECT_EQ(budget.limit(), 180);  // the configured limit is a ceiling; learning never raises
  const auto times = drain(budget, t0, 400);
  EXPECT_EQ(max_in_any_window(times, Millis(60'000)), 180);
}

TEST(RateBudget, ALoweredLimitRecoversOnlyAfterAWindowWithoutConfirmation) {
  RateBudget budget({.limit = 300});
  auto advertise = [&](const char* allowed, Instant at) {
    budget.observe(api::HttpResponse{200, {{"inin-ratelimit-allowed", allowed}}, "", {}, {}}, at);
  };
  advertise("10", t0);  // a per-route storm limit
  advertise("300", t0 + Millis(30'000));
  EXPECT_EQ(budget.limit(), 10) << "within a window of the last low answer the low limit holds";
  advertise("10", t0 + Millis(50'000));  // confirmed again: the window restarts
  advertise("300", t0 + Millis(100'000));
  EXPECT_EQ(budget.limit(), 10);
  advertise("300", t0 + Millis(110'000));  // a whole window since the last confirmation
  EXPECT_EQ(budget.limit(), 300);
  advertise("1000", t0 + Millis(500'000));
  EXPECT_EQ(budget.limit(), 300) << "never above the configured ceiling";
  // After recovering, the budget really sends at the higher rate again.
  const auto times = drain(budget, t0 + Millis(600'000), 600);
  EXPECT_EQ(max_in_any_window(times, Millis(60'000)), 300);
}

TEST(RateBudget, RespectsTheServersWindowWhenOthersUsedPartOfIt) {
  RateBudget budget({.limit = 300});
  // The server says 298 of 300 are already used in a window that resets in 10 s.
  budget.observe(api::HttpResponse{200,
                                   {{"inin-ratelimit-allowed", "300"},
                                    {"inin-ratelimit-count", "298"},
                                    {"inin-ratelimit-reset", "10"}},
                                   "", {}, {}},
                 t0);
  const auto times = drain(budget, t0, 4);
  EXPECT_EQ(times[0], t0);
  EXPECT_EQ(times[1], t0);
  EXPECT_EQ(times[2], t0 + Millis(10'000));  // had to wait for the server's reset
  EXPECT_EQ(times[3], t0 + Millis(10'000));
}

TEST(RateBudget, PacesByTheMinuteTheServerAdvertises) {
  // A server whose minute lasts one real second (mock-gc at speed 60) allows 6 per window and reports a
  // reset of at most 1 s: the 7th send waits for that second, not for a wall-clock minute.
  RateBudget budget({.limit = 300});
  std::vector<Instant> sent;
  Instant now = t0;
  for (int i = 0; i < 13; ++i) {
    now = budget.next_send_time(now);
    budget.record_send(now);
    sent.push_back(now);
    int in_window = 0;
    for (auto t : sent) in_window += now - t < Millis(1'000) ? 1 : 0;
    budget.observe(api::HttpResponse{200,
                                     {{"inin-ratelimit-allowed", "6"},
                                      {"inin-ratelimit-count", std::to_string(in_window)},
                                      {"inin-ratelimit-reset", "1"}},
                                     "", {}, {}},
                   now);
  }
  EXPECT_EQ(budget.window(), Millis(1'000));
  EXPECT_EQ(sent[5], t0);
  EXPECT_EQ(sent[6], t0 + Millis(1'000));
  EXPECT_EQ(sent[12], t0 + Millis(2'000));
  EXPECT_EQ(max_in_any_window(sent, Millis(1'000)), 6);
}

TEST(RateBudget, AShortResetSeenMidWindowLastsOnlyUntilAFreshWindowSaysSixty) {
  RateBudget budget({.limit = 300});
  budget.observe(api::HttpResponse{200, {{"inin-ratelimit-reset", "10"}}, "", {}, {}}, t0);
  EXPECT_EQ(budget.window(), Millis(10'000));
  budget.observe(api::HttpResponse{200, {{"inin-ratelimit-reset", "60"}}, "", {}, {}}, t0 + Millis(10'000));
  EXPECT_EQ(budget.window(), Millis(60'000));
  budget.observe(api::HttpResponse{200, {{"inin-ratelimit-reset", "5"}}, "", {}, {}}, t0 + Millis(65'000));
  EXPECT_EQ(budget.window(), Millis(60'000)) << "the window is the longest reset seen";
  budget.observe(api::HttpResponse{200, {{"inin-ratelimit-reset", "3600"}}, "", {}, {}}, t0 + Millis(70'000));
  EXPECT_EQ(budget.window(), Millis(60'000)) << "never above the configured window";
  const auto times = drain(budget, t0 + Millis(100'000), 400);
  EXPECT_EQ(max_in_any_window(times, Millis(60'000)), 300);
}

TEST(RateBudget, RetryAfterParsesDeltaSecondsOnly) {
  EXPECT_EQ(parse_retry_after(api::HttpResponse{429, {{"Retry-After", " 42 "}}, "", {}, {}}), Millis(42'000));
  EXPECT_FALSE(parse_retry_after(api::HttpResponse{429, {{"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}}, "", {}, {}}));
  EXPECT_FALSE(parse_retry_after(api::HttpResponse{429, {{"Retry-After", "-1"}}, "", {}, {}}));
  EXPECT_FALSE(parse_retry_after(api::HttpResponse{429, {}, "", {}, {}}));
}

}  // namespace
}  // namespace mockgc::client
