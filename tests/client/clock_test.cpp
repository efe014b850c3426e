#include "mockgc/client/clock.hpp"

#include <gtest/gtest.h>

namespace mockgc::client {
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

TEST(CallbackClock, AdaptsAnotherTimeSource) {
  Instant t = Instant(Millis(1000));
  CallbackClock clock([&] { return t; }, [&](Instant until) { t = std::max(t, until); });
  clock.sleep_for(Millis(250));
  EXPECT_EQ(clock.now(), Instant(Millis(1250)));
}

TEST(SystemClock, NowFollowsTheSystemClock) {
  SystemClock clock;
  const auto sys = std::chrono::system_clock::now();
  EXPECT_LT(std::chrono::abs(clock.now() - std::chrono::time_point_cast<Millis>(sys)), Millis(5'000));
  const auto before = clock.now();
  clock.sleep_for(Millis(2));
  EXPECT_GE(clock.now(), before + Millis(2));
}

}  // namespace
}  // namespace mockgc::client
