// AgentStates::hold: a reader that walks every agent of a big org over a week assigns each org-day once,
// although the week is longer than the org's day cache (max(8, 6,400 / agents) days); what it reads is the
// same with and without the hold; the days stay cached within the budget once the hold is gone.
#include <gtest/gtest.h>

#include "mockgc/api/time.hpp"
#include "mockgc/core/wfm/agent_state.hpp"
#include "support/big_org.hpp"

namespace mockgc::core::wfm {
namespace {

constexpr std::uint64_t kSeed = 7;

using mockgc::testing::BigOrg;

TEST(AgentDaysHeld, AWeekOverEveryAgentAssignsEachDayOnceAndReadsTheSameSpans) {
  // 1,000 agents: the cache keeps 8 org-days, fewer than the 9 a week's timeline reads.
  const BigOrg org(1000, kSeed);
  const Instant from = *api::parse_instant("2026-10-05T00:00:00Z"), to = *api::parse_instant("2026-10-12T00:00:00Z");
  const auto& users = org.workforce->agents();
  ASSERT_GE(users.size(), 900u);

  AgentStates held_states(*org.workforce);
  std::vector<std::vector<StateSpan>> held_spans;
  {
    const auto held = held_states.hold(from, to);
    // London local days: the Sunday before (timeline's look-back), the seven of the week, and the next Monday
    // (the week ends at 01:00 BST on it).
    EXPECT_EQ(held.days(), 9u);
    EXPECT_EQ(held_states.days_assigned(), held.days());
    for (const User* u : users) held_spans.push_back(held_states.timeline(*u, from, to));
    EXPECT_EQ(held_states.days_assigned(), held.days()) << "a held day was assigned again";
  }
  // The last day read is still cached after the hold; nothing is assigned for it again.
  const auto before = held_states.days_assigned();
  held_states.timeline(*users.back(), to - std::chrono::hours(1), to);
  EXPECT_EQ(held_states.days_assigned(), before);

  // Without a hold, a few users over the same week read the same spans (each assigning the days anew: the
  // week does not fit the cache, which is what the hold is for).
  AgentStates plain(*org.workforce);
  for (std::size_t i : {std::size_t{0}, users.size() / 2, users.size() - 1}) {
    const auto spans = plain.timeline(*users[i], from, to);
    ASSERT_EQ(spans.size(), held_spans[i].size()) << users[i]->id;
    for (std::size_t k = 0; k < spans.size(); ++k) {
      EXPECT_EQ(spans[k].start, held_spans[i][k].start);
      EXPECT_EQ(spans[k].end, held_spans[i][k].end);
      EXPECT_EQ(spans[k].state.presence, held_spans[i][k].state.presence);
      EXPECT_EQ(spans[k].state.routing, held_spans[i][k].state.routing);
    }
  }
  EXPECT_GT(plain.days_assigned(), 9u);
}

TEST(AgentDaysHeld, OverlappingHoldsShareDaysEmptyAndOverlongRangesHoldNothing) {
  const BigOrg org(300, kSeed);
  AgentStates states(*org.workforce);
  const Instant t = *api::parse_instant("2026-10-07T12:00:00Z");
  EXPECT_EQ(states.hold(t, t).days(), 0u);
  EXPECT_EQ(states.hold(t - std::chrono::days(31), t).days(), 33u);  // a 31-day query is held whole
  EXPECT_EQ(states.days_assigned(), 33u);
  const auto before = states.days_assigned();
  // A longer range (a 190-day users job) holds nothing: memory stays bounded, and nothing is assigned up front.
  EXPECT_EQ(states.hold(t - std::chrono::days(190), t).days(), 0u);
  EXPECT_EQ(states.days_assigned(), before);
  AgentStates fresh(*org.workforce);
  EXPECT_EQ(fresh.days_assigned(), 0u);
  {
    const auto a = fresh.hold(t - std::chrono::hours(48), t);
    auto b = fresh.hold(t - std::chrono::hours(24), t + std::chrono::hours(24));
    const auto moved = std::move(b);  // the moved-from value lets go of nothing
    EXPECT_EQ(fresh.days_assigned(), 5u);  // days -3..0 of t's day and the day after, once each
  }
  fresh.timeline(*org.workforce->agents().front(), t - std::chrono::hours(1), t);
  EXPECT_EQ(fresh.days_assigned(), 5u);  // released into the cache (300 agents: 21 days' budget)
}

}  // namespace
}  // namespace mockgc::core::wfm
