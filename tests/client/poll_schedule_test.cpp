#include "mockgc/client/poll_schedule.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace mockgc::client {
namespace {

const Instant t0 = Instant(Millis(1'700'000'000'000));

TEST(PollSchedule, OrgsPollingAtTheSamePeriodNeverAlign) {
  const PollSchedule schedule(5, Millis(60'000), 42);
  std::vector<std::pair<Instant, std::size_t>> polls;
  for (std::size_t org = 0; org < 5; ++org)
    for (std::uint64_t k = 0; k < 200; ++k) polls.emplace_back(schedule.poll_time(t0, org, k), org);
  std::sort(polls.begin(), polls.end());
  for (std::size_t i = 1; i < polls.size(); ++i) {
    if (polls[i].second == polls[i - 1].second) continue;
    EXPECT_GE(polls[i].first - polls[i - 1].first, schedule.min_separation());
  }
  EXPECT_GE(schedule.min_separation(), Millis(6'000));  // slot 12 s, jitter ±3 s
}

TEST(PollSchedule, EachOrgKeepsItsPeriodWithinJitter) {
  const PollSchedule schedule(3, Millis(30'000), 9);
  for (std::size_t org = 0; org < 3; ++org)
    for (std::uint64_t k = 0; k < 50; ++k) {
      const auto t = schedule.poll_time(t0, org, k);
      EXPECT_GE(t, t0);
      const auto nominal = schedule.poll_time(t0, org, 0) + Millis(30'000) * static_cast<long>(k);
      EXPECT_LE(std::chrono::abs(t - nominal), 2 * schedule.max_jitter());
    }
}

TEST(PollSchedule, JitterActuallyVariesAndIsDeterministicFromTheSeed) {
  const PollSchedule a(4, Millis(60'000), 1), b(4, Millis(60'000), 1), c(4, Millis(60'000), 2);
  bool varies = false, differs = false;
  for (std::uint64_t k = 1; k < 20; ++k) {
    EXPECT_EQ(a.poll_time(t0, 2, k), b.poll_time(t0, 2, k));
    varies |= (a.poll_time(t0, 2, k) - a.poll_time(t0, 2, k - 1)) != Millis(60'000);
    differs |= a.poll_time(t0, 2, k) != c.poll_time(t0, 2, k);
  }
  EXPECT_TRUE(varies);
  EXPECT_TRUE(differs);
}

TEST(PollSchedule, NextAfterFindsTheFollowingTick) {
  const PollSchedule schedule(2, Millis(10'000), 3);
  const auto first = schedule.poll_time(t0, 1, 0);
  EXPECT_EQ(schedule.next_after(t0, 1, t0), first);
  EXPECT_EQ(schedule.next_after(t0, 1, first), schedule.poll_time(t0, 1, 1));
  EXPECT_EQ(schedule.next_after(t0, 1, first + Millis(35'000)), schedule.poll_time(t0, 1, 4));
}

TEST(PollSchedule, RejectsImpossibleConfigurations) {
  EXPECT_THROW(PollSchedule(0, Millis(1000), 1), std::invalid_argument);
  EXPECT_THROW(PollSchedule(1000, Millis(1000), 1), std::invalid_argument);
}

}  // namespace
}  // namespace mockgc::client
