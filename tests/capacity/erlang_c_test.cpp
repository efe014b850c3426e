// Erlang C test vectors from wfm-math.md §1.4 / §8, within the printed digits.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "mockgc/capacity/erlang_c.hpp"
#include "mockgc/capacity/staffing.hpp"

namespace mc = mockgc::capacity;

namespace {
double load(double calls, double interval_min, double aht) {
  return mc::offered_load(calls, interval_min * 60.0, aht).value();
}
}  // namespace

TEST(ErlangC, OfferedLoadIsCallsTimesAhtOverInterval) {
  EXPECT_DOUBLE_EQ(load(100, 30, 180), 10.0);
  EXPECT_DOUBLE_EQ(load(60000, 30, 300), 10000.0);
}

TEST(ErlangC, PureFormulaAnchors) {
  EXPECT_NEAR(mc::erlang_c(2, 1.5).value(), 9.0 / 14.0, 1e-12);
  EXPECT_NEAR(mc::erlang_c(3, 2.0).value(), 4.0 / 9.0, 1e-12);
  EXPECT_NEAR(mc::erlang_b(1, 1.0).value(), 0.5, 1e-15);
  EXPECT_NEAR(mc::erlang_b(2, 1.0).value(), 0.2, 1e-15);
  EXPECT_NEAR(mc::erlang_b(30, 25.0).value(), 0.0526032, 5e-7);
  EXPECT_NEAR(mc::erlang_b(200, 180.0).value(), 0.010325, 5e-6);  // PRODYNA's off-by-one gives 0.011592
  EXPECT_NEAR(mc::erlang_b(15, 8.10804).value(), 0.01, 1e-5);     // 15 lines carry 8.108 E at 1 %
  EXPECT_NEAR(mc::erlang_c(25, 20.0).value(), 0.2091028, 5e-7);   // not PRODYNA's 0.261
}

TEST(ErlangC, LargeLoadMatchesOracle) {
  // Verified against a 50-digit closed form (wfm-math §1.2).
  EXPECT_NEAR(mc::erlang_c(10300, 10000.0).value(), 0.0015670232798, 1e-12);
}

TEST(ErlangC, E1aFixedStaffing) {
  const double a = load(100, 30, 180);
  struct Row { int n; double pw, sl, asa, occ; };
  for (const Row r : {Row{11, 0.6821182, 0.3896138, 122.78, 10.0 / 11}, Row{12, 0.4493882, 0.640158, 40.445, 10.0 / 12},
                      Row{13, 0.2852705, 0.7955948, 17.116, 10.0 / 13}}) {
    const auto m = mc::evaluate_erlang_c(r.n, a, 180, 20).value();
    EXPECT_NEAR(m.p_wait, r.pw, 5e-7) << r.n;
    EXPECT_NEAR(m.service_level, r.sl, 5e-7) << r.n;
    EXPECT_NEAR(m.asa_seconds, r.asa, 5e-3) << r.n;
    EXPECT_NEAR(m.occupancy, r.occ, 1e-12) << r.n;
  }
}

TEST(ErlangC, E3MitanFixedStaffing) {
  const auto m = mc::evaluate_erlang_c(55, load(360, 30, 240), 240, 15).value();
  EXPECT_NEAR(m.p_wait, 0.2387, 5e-5);
  EXPECT_NEAR(m.service_level, 0.8459, 5e-5);
  EXPECT_NEAR(m.asa_seconds, 8.184, 5e-4);
  EXPECT_NEAR(m.occupancy, 0.8727, 5e-5);
  EXPECT_NEAR(mc::evaluate_erlang_c(54, load(360, 30, 240), 240, 15)->service_level, 0.7929, 5e-5);
}

TEST(ErlangC, E9MontrealFixedStaffing) {
  const auto m = mc::evaluate_erlang_c(12, 4.2 * 2.0, 120, 20).value();
  EXPECT_NEAR(m.p_wait, 0.18389, 5e-6);
  EXPECT_NEAR(m.service_level, 0.89908, 5e-6);
  EXPECT_NEAR(m.asa_seconds, 6.13, 5e-3);
  EXPECT_NEAR(m.occupancy, 0.7, 1e-12);
}

TEST(ErlangC, E10PWaitTarget) {
  const double a = load(30, 60, 300);
  EXPECT_NEAR(mc::erlang_c(5, a).value(), 0.1304, 5e-5);
  EXPECT_NEAR(mc::erlang_c(6, a).value(), 0.04744, 5e-6);
}

TEST(ErlangC, UnstableStaffingIsExplicitNotNan) {
  const auto m = mc::evaluate_erlang_c(10, 10.0, 180, 20).value();  // N = A
  EXPECT_EQ(m.p_wait, 1.0);
  EXPECT_EQ(m.service_level, 0.0);
  EXPECT_EQ(m.asa_seconds, std::numeric_limits<double>::infinity());
  EXPECT_FALSE(m.stable());
  const auto m2 = mc::evaluate_erlang_c(3, 10.5, 180, 20).value();  // N < A
  EXPECT_EQ(m2.service_level, 0.0);
}

TEST(ErlangC, HugeStaffingUnderflowsToCertainService) {
  const auto m = mc::evaluate_erlang_c(5000, 10.0, 180, 20).value();
  EXPECT_EQ(m.p_wait, 0.0);
  EXPECT_EQ(m.service_level, 1.0);
  EXPECT_FALSE(std::isnan(m.asa_seconds));
}

TEST(ErlangC, BadInputsAreErrors) {
  EXPECT_FALSE(mc::offered_load(-1, 1800, 180).ok());
  EXPECT_FALSE(mc::offered_load(100, 1800, 0).ok());
  EXPECT_FALSE(mc::offered_load(std::nan(""), 1800, 180).ok());
  EXPECT_FALSE(mc::offered_load(100, 0, 180).ok());
  EXPECT_FALSE(mc::evaluate_erlang_c(-1, 10, 180, 20).ok());
  EXPECT_FALSE(mc::evaluate_erlang_c(12, std::numeric_limits<double>::infinity(), 180, 20).ok());
  EXPECT_FALSE(mc::erlang_b(3, -2.0).ok());
  const auto bad = mc::evaluate_erlang_c(12, 10, 0, 20);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("AHT"), std::string::npos);
}

TEST(ErlangB, TrunksForTwoPercentBlockingAtTenErlangs) {
  int n = 0;
  while (mc::erlang_b(n, 10.0).value() > 0.02) ++n;
  EXPECT_EQ(n, 17);  // pyworkforce test_erlang_b.py
}
