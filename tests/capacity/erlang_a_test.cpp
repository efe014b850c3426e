// Erlang A vectors (wfm-math §2.2, §2.3) and the SL-definition trap.
#include <gtest/gtest.h>

#include "mockgc/capacity/erlang_a.hpp"
#include "mockgc/capacity/erlang_c.hpp"
#include "mockgc/capacity/staffing.hpp"

namespace mc = mockgc::capacity;
using Def = mc::ServiceLevelDefinition;

TEST(ErlangA, A1Pyworkforce) {
  const auto m = mc::evaluate_erlang_a(14, 10.0, 180, 300, 20).value();
  EXPECT_NEAR(m.p_wait, 0.14526, 5e-6);
  EXPECT_NEAR(m.p_abandon, 0.013984, 5e-7);
  EXPECT_NEAR(m.service_level(Def::answered_within_over_offered), 0.916792, 5e-7);
  EXPECT_NEAR(m.asa_seconds, 4.195, 5e-4);
  EXPECT_NEAR(m.occupancy, 0.704297, 5e-7);
}

TEST(ErlangA, SlDefinitionsDifferAndArePinned) {
  const auto m = mc::evaluate_erlang_a(14, 10.0, 180, 300, 20).value();
  const double offered = m.service_level(Def::answered_within_over_offered);
  const double left = m.service_level(Def::left_queue_within_over_offered);
  EXPECT_NEAR(left, 0.923956, 5e-7);  // exact matrix-exponential value in wfm-math §2.2
  EXPECT_NEAR(m.service_level(Def::answered_within_over_answered), offered / (1 - m.p_abandon), 1e-12);
  EXPECT_NEAR(m.service_level(Def::answered_within_over_offered_less_short_abandons),
              offered / (1 - m.abandoned_within), 1e-12);
  EXPECT_LT(offered, m.service_level(Def::answered_within_over_answered));
  EXPECT_LT(offered, left);
  // Herzog's approximation 0.919696 falls between the two exact definitions.
  EXPECT_LT(offered, 0.919696);
  EXPECT_GT(left, 0.919696);
}

TEST(ErlangA, A2LongPatienceIsErlangC) {
  for (int n : {15, 20, 25}) {
    const auto a = mc::evaluate_erlang_a(n, 10.0, 180, 60e6, 20).value();
    const auto c = mc::evaluate_erlang_c(n, 10.0, 180, 20).value();
    EXPECT_NEAR(a.p_wait, c.p_wait, 1e-4) << n;
    EXPECT_NEAR(a.service_level(Def::answered_within_over_offered), c.service_level, 1e-3) << n;
    EXPECT_NEAR(a.asa_seconds, c.asa_seconds, 1e-2) << n;
    EXPECT_LT(a.p_abandon, 1e-4);
  }
}

TEST(ErlangA, OverloadIsStableWithAbandonment) {
  const auto m = mc::evaluate_erlang_a(8, 10.0, 180, 120, 20).value();  // N < A is fine
  EXPECT_GT(m.p_abandon, 0.1);
  EXPECT_LE(m.occupancy, 1.0);
  EXPECT_GE(m.service_level(Def::answered_within_over_offered), 0.0);
}

TEST(ErlangA, LargeLoadIsFinite) {
  const auto m = mc::evaluate_erlang_a(10021, 10000.0, 300, 300, 20).value();
  EXPECT_GT(m.service_level(Def::answered_within_over_offered), 0.8);
  EXPECT_LT(m.p_abandon, 0.05);
}

TEST(ErlangA, RequiredAgentsWithAbandonmentNotMoreThanErlangC) {
  mc::StaffingTarget t;
  t.service_level = 0.8;
  t.sl_seconds = 20;
  const auto a = mc::required_agents_erlang_a(10.0, 180, 300, t).value();
  EXPECT_EQ(a.agents, 13);  // SL(13) with patience 5 min ≥ 0.8, while Erlang C needs 14
  EXPECT_GE(a.service_level(Def::answered_within_over_offered), 0.8);
  const auto below = mc::evaluate_erlang_a(a.agents - 1, 10.0, 180, 300, 20).value();
  EXPECT_LT(below.service_level(Def::answered_within_over_offered), 0.8);
}

TEST(ErlangA, BadInputsAreErrors) {
  EXPECT_FALSE(mc::evaluate_erlang_a(14, 10.0, 180, 0, 20).ok());
  EXPECT_FALSE(mc::evaluate_erlang_a(0, 10.0, 180, 300, 20).ok());
  EXPECT_FALSE(mc::evaluate_erlang_a(14, -1.0, 180, 300, 20).ok());
}
