#include "mockgc/client/retry_policy.hpp"

#include <gtest/gtest.h>

#include "mockgc/client/errc.hpp"

namespace mockgc::client {
namespace {

const Instant t0 = Instant(Millis(1'700'000'000'000));

TEST(RetryPolicy, WhichStatusesAreRetried) {
  EXPECT_EQ(classify_status(429, false), RetryKind::retry_after);
  EXPECT_EQ(classify_status(503, false), RetryKind::backoff);  // not processed: safe even for POST
  EXPECT_EQ(classify_status(502, true), RetryKind::backoff);
  EXPECT_EQ(classify_status(504, true), RetryKind::backoff);
  EXPECT_EQ(classify_status(502, false), RetryKind::none);  // a gateway may have forwarded the POST
  EXPECT_EQ(classify_status(504, false), RetryKind::none);
  for (int s : {200, 201, 204, 400, 401, 403, 404, 409, 415, 500})
    EXPECT_EQ(classify_status(s, true), RetryKind::none) << s;
}

TEST(RetryPolicy, TransportErrorsAreRetriedOnlyWhenHarmless) {
  EXPECT_EQ(classify_error(errc::connect_failed, false), RetryKind::backoff);  // never sent
  EXPECT_EQ(classify_error(errc::tls_failed, false), RetryKind::backoff);
  EXPECT_EQ(classify_error(errc::connection_reset, true), RetryKind::backoff);
  EXPECT_EQ(classify_error(errc::connection_reset, false), RetryKind::none);
  EXPECT_EQ(classify_error(errc::timeout, false), RetryKind::none);
  EXPECT_EQ(classify_error(errc::bad_url, true), RetryKind::none);
}

TEST(RetryPolicy, FullJitterStaysWithinTheExponentialCap) {
  RetryConfig cfg{.max_retries = 1000, .max_total = Millis(1'000'000'000), .base_delay = Millis(100),
                  .max_delay = Millis(5'000), .seed = 7};
  RetryState state(cfg, t0, 0);
  bool saw_low = false, saw_high = false;
  for (int n = 0; n < 200; ++n) {
    const Millis cap = state.backoff_cap(n);
    EXPECT_EQ(cap, Millis(std::min<long long>(5'000, 100LL << std::min(n, 20))));
    const auto d = state.next_delay(t0);
    ASSERT_TRUE(d);
    EXPECT_GE(*d, Millis(0));
    EXPECT_LE(*d, cap);
    if (n > 10) {
      saw_low |= *d < cap / 4;
      saw_high |= *d > cap * 3 / 4;
    }
  }
  EXPECT_TRUE(saw_low && saw_high);  // full jitter spreads over [0, cap], it is not a fixed delay
}

TEST(RetryPolicy, BudgetBoundsCountAndTotalTime) {
  RetryConfig cfg{.max_retries = 3, .max_total = Millis(10'000), .base_delay = Millis(100),
                  .max_delay = Millis(1'000), .seed = 1};
  RetryState by_count(cfg, t0, 0);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(by_count.next_delay(t0));
  EXPECT_FALSE(by_count.next_delay(t0));

  RetryState by_time(cfg, t0, 0);
  EXPECT_FALSE(by_time.next_delay(t0 + Millis(9'500), Millis(600)));  // would start after 10 s
  EXPECT_TRUE(by_time.next_delay(t0 + Millis(9'000), Millis(1'000)));
}

TEST(RetryPolicy, SameSeedSameDelays) {
  RetryConfig cfg;
  RetryState a(cfg, t0, 5), b(cfg, t0, 5), c(cfg, t0, 6);
  std::vector<long long> da, db, dc;
  for (int i = 0; i < 5; ++i) {
    da.push_back(a.next_delay(t0)->count());
    db.push_back(b.next_delay(t0)->count());
    dc.push_back(c.next_delay(t0)->count());
  }
  EXPECT_EQ(da, db);
  EXPECT_NE(da, dc);  // different calls do not back off in lock-step
}

}  // namespace
}  // namespace mockgc::client
