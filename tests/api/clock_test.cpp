// The one manual clock: the server reads it (api::Clock), clients sleep on it (api::WaitableClock).
#include "mockgc/api/clock.hpp"

#include <gtest/gtest.h>

namespace mockgc::api {
namespace {

TEST(ManualClock, SleepJumpsTimeForwardAndCountsSimulatedSleep) {
  ManualClock clock;
  const auto t0 = clock.now();
  clock.sleep_for(Millis(60'000));
  EXPECT_EQ(clock.now() - t0, Millis(60'000));
  clock.sleep_until(t0);  // in the past: no-op
  EXPECT_EQ(clock.now() - t0, Millis(60'000));
  clock.advance(Millis(5));
  EXPECT_EQ(clock.now() - t0, Millis(60'005));
  EXPECT_EQ(clock.slept(), Millis(60'000));
}

TEST(ManualClock, OneObjectServesTheServerAndTheClient) {
  ManualClock clock(Instant(Millis(1'000)));
  const Clock& server = clock;
  WaitableClock& client = clock;
  client.sleep_for(Millis(250));  // a client's Retry-After wait moves the time the server reads
  EXPECT_EQ(server.now(), Instant(Millis(1'250)));
  clock.set(Instant(Millis(500)));  // set may move back (admin API); sleeping never does
  EXPECT_EQ(server.now(), Instant(Millis(500)));
  client.sleep_until(Instant(Millis(400)));
  EXPECT_EQ(client.now(), Instant(Millis(500)));
  EXPECT_EQ(clock.slept(), Millis(250));
}

}  // namespace
}  // namespace mockgc::api
