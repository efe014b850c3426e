// Discrete-event simulation against Erlang C/A and the ContactCenters reference run (wfm-math §4.4).
#include <gtest/gtest.h>

#include "mockgc/capacity/des.hpp"
#include "mockgc/capacity/erlang_a.hpp"
#include "mockgc/capacity/erlang_c.hpp"

namespace mc = mockgc::capacity;

TEST(Des, SteadyStateMmnAgreesWithErlangC) {
  mc::DesConfig c;
  c.arrivals_per_second = 4.2 / 60.0;
  c.aht_seconds = 120;
  c.agents = 12;
  c.sl_seconds = 20;
  c.replications = 200;
  c.seed = 3;
  c.ci_z = 3.29;  // 99.9 %: four metrics checked at once, so 95 % intervals would miss now and then
  const auto r = mc::simulate_interval(c).value();
  const auto e = mc::evaluate_erlang_c(12, 8.4, 120, 20).value();
  EXPECT_TRUE(r.service_level.contains(e.service_level)) << r.service_level.low() << ".." << r.service_level.high();
  EXPECT_TRUE(r.p_wait.contains(e.p_wait)) << r.p_wait.mean;
  EXPECT_TRUE(r.asa_seconds.contains(e.asa_seconds)) << r.asa_seconds.mean;
  EXPECT_TRUE(r.occupancy.contains(e.occupancy)) << r.occupancy.mean;
  EXPECT_GT(r.measured_arrivals, 350000u);
}

TEST(Des, FromEmptyDaysMatchContactCentersMmc) {
  // ContactCenters MMC: 8-h days from empty, 1 000 days: SL 0.902 (95 % CI 0.900–0.904),
  // occupancy 0.695. Finite days from empty look slightly better than steady-state Erlang C (0.8991).
  mc::DesConfig c;
  c.arrivals_per_second = 4.2 / 60.0;
  c.aht_seconds = 120;
  c.agents = 12;
  c.sl_seconds = 20;
  c.warmup_seconds = 0;
  c.replications = 1000;
  c.seed = 1;
  const auto r = mc::simulate_interval(c).value();
  EXPECT_NEAR(r.service_level.mean, 0.902, 0.004);
  EXPECT_NEAR(r.occupancy.mean, 0.695, 0.004);
  EXPECT_NEAR(r.asa_seconds.mean / 60.0, 0.099, 0.004);  // speed of answer 0.099 min (CI 0.097–0.102)
}

TEST(Des, FromEmptyDaysMatchContactCentersMmcWithAbandonment) {
  // ContactCenters MMCAb: same + exponential patience, mean 1 min; 2 016 arrivals/day: abandons
  // 58.6/day (CI 57.66–59.56), SL ÷ served 0.975, occupancy 0.675.
  mc::DesConfig c;
  c.arrivals_per_second = 4.2 / 60.0;
  c.aht_seconds = 120;
  c.agents = 12;
  c.patience_seconds = 60;
  c.sl_seconds = 20;
  c.warmup_seconds = 0;
  c.replications = 1000;
  c.seed = 2;
  const auto r = mc::simulate_interval(c).value();
  EXPECT_NEAR(r.p_abandon.mean * 2016.0, 58.6, 1.5);
  EXPECT_NEAR(r.service_level.mean / (1.0 - r.p_abandon.mean), 0.975, 0.003);
  EXPECT_NEAR(r.occupancy.mean, 0.675, 0.004);
}

TEST(Des, AbandonmentAgreesWithErlangA) {
  mc::DesConfig c;
  c.arrivals_per_second = 100.0 / 1800.0;
  c.aht_seconds = 180;
  c.agents = 14;
  c.patience_seconds = 300;
  c.sl_seconds = 20;
  c.replications = 200;
  c.seed = 5;
  c.ci_z = 3.29;
  const auto r = mc::simulate_interval(c).value();
  const auto a = mc::evaluate_erlang_a(14, 10.0, 180, 300, 20).value();
  EXPECT_TRUE(r.p_abandon.contains(a.p_abandon)) << r.p_abandon.mean;
  EXPECT_TRUE(r.service_level.contains(a.answered_within)) << r.service_level.mean;
  EXPECT_TRUE(r.p_wait.contains(a.p_wait)) << r.p_wait.mean;
}

TEST(Des, ErlangCIsOptimisticForHighVarianceLognormalService) {
  mc::DesConfig c;
  c.arrivals_per_second = 100.0 / 1800.0;
  c.aht_seconds = 180;
  c.agents = 14;
  c.service = mc::ServiceTimeDistribution::lognormal;
  c.service_cv = 2.0;
  c.replications = 400;
  c.seed = 7;
  const auto r = mc::simulate_interval(c).value();
  const auto e = mc::evaluate_erlang_c(14, 10.0, 180, 20).value();
  EXPECT_LT(r.service_level.high(), e.service_level) << r.service_level.mean << " ± " << r.service_level.half_width;
  EXPECT_GT(r.asa_seconds.low(), e.asa_seconds);
}

TEST(Des, DeterministicFromSeedAndRejectsBadInput) {
  mc::DesConfig c;
  c.arrivals_per_second = 0.05;
  c.aht_seconds = 180;
  c.agents = 12;
  c.replications = 5;
  c.horizon_seconds = 1800;
  const auto a = mc::simulate_interval(c).value();
  const auto b = mc::simulate_interval(c).value();
  EXPECT_EQ(a.service_level.mean, b.service_level.mean);
  EXPECT_EQ(a.measured_arrivals, b.measured_arrivals);
  c.agents = 8;  // A = 9 > N without patience
  EXPECT_FALSE(mc::simulate_interval(c).ok());
  c.agents = 12;
  c.aht_seconds = 0;
  EXPECT_FALSE(mc::simulate_interval(c).ok());
}
