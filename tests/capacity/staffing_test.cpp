// Minimal-agent searches: wfm-math §1.3/§1.4 vectors and the documented traps.
#include <gtest/gtest.h>

#include <cmath>

#include "mockgc/capacity/erlang_c.hpp"
#include "mockgc/capacity/fte.hpp"
#include "mockgc/capacity/staffing.hpp"

namespace mc = mockgc::capacity;

namespace {
mc::StaffingTarget sl(double target, double seconds) {
  mc::StaffingTarget t;
  t.service_level = target;
  t.sl_seconds = seconds;
  return t;
}
}  // namespace

TEST(Staffing, E1CallCentreHelper) {
  const auto m = mc::required_agents_erlang_c(10.0, 180, sl(0.8, 20)).value();
  EXPECT_EQ(m.agents, 14);
  EXPECT_NEAR(m.p_wait, 0.1741319, 5e-7);
  EXPECT_NEAR(m.service_level, 0.88835, 5e-6);
  EXPECT_NEAR(m.asa_seconds, 7.8359, 5e-4);
  EXPECT_NEAR(m.occupancy, 0.7142857, 5e-8);
}

TEST(Staffing, E1bOccupancyCapAndShrinkage) {
  auto t = sl(0.8, 20);
  t.max_occupancy = 0.85;
  const auto m = mc::required_agents_erlang_c(10.0, 180, t).value();
  EXPECT_EQ(m.agents, 14);
  EXPECT_EQ(mc::scheduled_agents(m.agents, 0.3).value(), 20);  // 14/0.7 = 20.000000000000004 in doubles
}

TEST(Staffing, E2OccupancyCapMovesFourteenToFifteen) {
  auto t = sl(0.8, 19.8);
  t.max_occupancy = 0.70;
  const auto m = mc::required_agents_erlang_c(10.0, 180, t).value();
  EXPECT_EQ(m.agents, 15);
  EXPECT_NEAR(m.p_wait, 0.102, 5e-4);
  EXPECT_NEAR(m.service_level, 0.941, 5e-4);
  EXPECT_NEAR(m.asa_seconds, 3.674, 5e-3);
  EXPECT_NEAR(m.occupancy, 0.667, 5e-4);
  EXPECT_EQ(mc::scheduled_agents(m.agents, 0.3).value(), 22);
}

TEST(Staffing, E3MinimumForEightyFifteen) {
  EXPECT_EQ(mc::required_agents_erlang_c(48.0, 240, sl(0.8, 15))->agents, 55);
}

TEST(Staffing, E4PhubersVignette) {
  const auto m = mc::required_agents_erlang_c(20.0, 180, sl(0.8, 60)).value();
  EXPECT_EQ(m.agents, 23);
  EXPECT_NEAR(m.p_wait, 0.41574, 5e-6);
  EXPECT_NEAR(m.service_level, 0.84706, 5e-6);
  EXPECT_NEAR(m.asa_seconds, 24.94, 5e-3);
}

TEST(Staffing, E5Prodyna) {
  const auto m = mc::required_agents_erlang_c(10.0, 180, sl(0.8, 60)).value();
  EXPECT_EQ(m.agents, 13);
  EXPECT_NEAR(m.p_wait, 0.28527, 5e-6);
  EXPECT_NEAR(m.service_level, 0.89505, 5e-6);
  EXPECT_NEAR(m.asa_seconds, 17.12, 5e-3);
}

TEST(Staffing, E6AsaTarget) {
  mc::StaffingTarget t;
  t.max_asa_seconds = 120;
  const auto m = mc::required_agents_erlang_c(10.0, 180, t).value();
  EXPECT_EQ(m.agents, 12);
  EXPECT_NEAR(m.asa_seconds, 40.44, 5e-3);
  EXPECT_NEAR(mc::evaluate_erlang_c(11, 10.0, 180, 20)->asa_seconds, 122.8, 5e-2);
}

TEST(Staffing, E10PWaitTarget) {
  mc::StaffingTarget t;
  t.max_p_wait = 0.10;
  EXPECT_EQ(mc::required_agents_erlang_c(2.5, 300, t)->agents, 6);
}

TEST(Staffing, E11SwppIsTwentyFourNotTwentyThree) {
  const auto m = mc::required_agents_erlang_c(20.0, 180, sl(0.8, 30)).value();
  EXPECT_EQ(m.agents, 24);
  EXPECT_NEAR(m.service_level, 0.8470, 5e-5);
  EXPECT_NEAR(m.asa_seconds, 13.41, 5e-3);
  EXPECT_NEAR(mc::evaluate_erlang_c(23, 20.0, 180, 30)->service_level, 0.748, 5e-4);
}

TEST(Staffing, E13TenThousandErlangs) {
  const double a = mc::offered_load(60000, 1800, 300).value();
  const auto m = mc::required_agents_erlang_c(a, 300, sl(0.8, 20)).value();
  EXPECT_EQ(m.agents, 10021);
  EXPECT_NEAR(m.p_wait, 0.76175, 5e-6);
  EXPECT_NEAR(m.service_level, 0.81216, 5e-6);
  EXPECT_NEAR(m.asa_seconds, 10.88, 5e-3);
  EXPECT_NEAR(m.occupancy, 0.9979, 5e-5);
  EXPECT_NEAR(mc::evaluate_erlang_c(10020, a, 300, 20)->service_level, 0.79650, 5e-6);
}

TEST(Staffing, TrapSearchStartsAtFloorPlusOneNotRoundAPlusOne) {
  // A = 10.6 (106 calls/30 min, AHT 180 s), 70 % in 600 s: SL(11) = 0.7720 already meets the target;
  // a search starting at round(A+1) = 12 would return 12.
  const double a = mc::offered_load(106, 1800, 180).value();
  EXPECT_NEAR(a, 10.6, 1e-12);
  EXPECT_EQ(mc::erlang_c_search_start(a), 11);
  EXPECT_NE(mc::erlang_c_search_start(a), static_cast<int>(std::lround(a + 1)));
  EXPECT_NEAR(mc::evaluate_erlang_c(11, a, 180, 600)->service_level, 0.7720, 5e-5);
  EXPECT_EQ(mc::required_agents_erlang_c(a, 180, sl(0.7, 600))->agents, 11);
}

TEST(Staffing, ZeroLoadNeedsNoAgents) {
  const auto m = mc::required_agents_erlang_c(0.0, 180, sl(0.8, 20)).value();
  EXPECT_EQ(m.agents, 0);
  EXPECT_EQ(m.service_level, 1.0);
}

TEST(Staffing, BadTargetsAreErrors) {
  EXPECT_FALSE(mc::required_agents_erlang_c(10, 180, sl(1.2, 20)).ok());
  EXPECT_FALSE(mc::required_agents_erlang_c(10, 180, sl(1.0, 20)).ok());
  EXPECT_FALSE(mc::required_agents_erlang_c(10, 180, sl(std::nan(""), 20)).ok());
  EXPECT_FALSE(mc::required_agents_erlang_c(10, 180, sl(0.8, -1)).ok());
  EXPECT_FALSE(mc::required_agents_erlang_c(-5, 180, sl(0.8, 20)).ok());
  EXPECT_FALSE(mc::required_agents_erlang_c(10, 0, sl(0.8, 20)).ok());
  auto t = sl(0.8, 20);
  t.max_occupancy = 1.5;
  EXPECT_FALSE(mc::required_agents_erlang_c(10, 180, t).ok());
}
