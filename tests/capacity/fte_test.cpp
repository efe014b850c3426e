// Shrinkage, concurrency and FTE roll-up (wfm-math §3).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "mockgc/capacity/fte.hpp"

namespace mc = mockgc::capacity;

TEST(Fte, ShrinkageDividesNotMarksUp) {
  EXPECT_EQ(mc::scheduled_agents(70, 0.3).value(), 100);  // not 91 (70 + 30 %)
  EXPECT_EQ(mc::scheduled_agents(14, 0.3).value(), 20);   // E1b
  EXPECT_EQ(mc::scheduled_agents(15, 0.3).value(), 22);   // E2
  EXPECT_EQ(mc::scheduled_agents(0, 0.3).value(), 0);
  EXPECT_EQ(mc::productive_agents(20, 0.3).value(), 14);
}

TEST(Fte, ShrinkageCombinationsDefaultCompounded) {
  mc::Shrinkage s{0.2, 0.1};
  EXPECT_NEAR(mc::total_shrinkage(s).value(), 1 - 0.8 * 0.9, 1e-15);
  s.combination = mc::ShrinkageCombination::additive;
  EXPECT_NEAR(mc::total_shrinkage(s).value(), 0.3, 1e-15);
  EXPECT_FALSE(mc::total_shrinkage(mc::Shrinkage{0.6, 0.5, mc::ShrinkageCombination::additive}).ok());
  EXPECT_FALSE(mc::total_shrinkage(mc::Shrinkage{-0.1, 0.1}).ok());
}

TEST(Fte, ChatConcurrencyTable) {
  EXPECT_DOUBLE_EQ(mc::chat_concurrency_factor(1).value(), 1.0);
  EXPECT_DOUBLE_EQ(mc::chat_concurrency_factor(2).value(), 1.7);
  EXPECT_DOUBLE_EQ(mc::chat_concurrency_factor(3).value(), 2.5);
  EXPECT_DOUBLE_EQ(mc::chat_concurrency_factor(5).value(), 3.5);
  EXPECT_FALSE(mc::chat_concurrency_factor(6).ok());
  EXPECT_DOUBLE_EQ(mc::effective_aht(300, 2.5).value(), 120.0);
  EXPECT_FALSE(mc::effective_aht(300, 0.5).ok());
}

TEST(Fte, OccupancyFloor) {
  EXPECT_EQ(mc::occupancy_floor(10.0, 0.7).value(), 15);
  EXPECT_EQ(mc::occupancy_floor(10.0, 0.85).value(), 12);
  EXPECT_EQ(mc::occupancy_floor(7.0, 0.7).value(), 10);  // 7/0.7 is 10.000000000000002 in doubles
}

TEST(Fte, IntervalAgentsToWeeklyFte) {
  // 672 quarter-hours × 10 agents = 1680 agent-hours; 30 % shrinkage; 40 h per FTE → 60 FTE.
  const std::vector<double> agents(672, 10.0);
  EXPECT_NEAR(mc::fte_from_interval_agents(agents, 15, 0.3, 40).value(), 1680 / 0.7 / 40, 1e-9);
  EXPECT_NEAR(mc::fte_from_agent_hours(280, 0.3, 40).value(), 10.0, 1e-12);
  const std::vector<double> bad{1.0, -2.0};
  EXPECT_FALSE(mc::fte_from_interval_agents(bad, 15, 0.3, 40).ok());
  EXPECT_FALSE(mc::fte_from_agent_hours(10, 0.3, 0).ok());
  EXPECT_FALSE(mc::fte_from_agent_hours(std::nan(""), 0.3, 40).ok());
}
