// Pollers of different orgs never fire together, for any org count, period and seed.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "mockgc/client/poll_schedule.hpp"

namespace mockgc::client {
namespace {

RC_GTEST_PROP(ClientPollSchedule, DifferentOrgsAreAlwaysSeparated, ()) {
  const auto orgs = static_cast<std::size_t>(*rc::gen::inRange(1, 12));
  const Millis period(*rc::gen::inRange(static_cast<int>(orgs) * 4, 3'600'000));
  const double jitter = *rc::gen::inRange(0, 46) / 100.0;
  const auto seed = *rc::gen::arbitrary<std::uint64_t>();
  const PollSchedule schedule(orgs, period, seed, jitter);
  RC_ASSERT(schedule.min_separation() > Millis(0));

  const Instant start(Millis(1'700'000'000'000));
  std::vector<std::pair<Instant, std::size_t>> polls;
  for (std::size_t org = 0; org < orgs; ++org)
    for (std::uint64_t k = 0; k < 30; ++k) {
      const auto t = schedule.poll_time(start, org, k);
      RC_ASSERT(t >= start);
      polls.emplace_back(t, org);
    }
  std::sort(polls.begin(), polls.end());
  for (std::size_t i = 1; i < polls.size(); ++i)
    if (polls[i].second != polls[i - 1].second)
      RC_ASSERT(polls[i].first - polls[i - 1].first >= schedule.min_separation());
}

}  // namespace
}  // namespace mockgc::client
