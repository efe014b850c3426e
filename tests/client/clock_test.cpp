#include "mockgc/client/clock.hpp"

#include <gtest/gtest.h>

namespace mockgc::client {
namespace {

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
