// The grid kernel (inverse recursion, warm start, 4 lanes) agrees with the reference search cell by cell.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "mockgc/capacity/grid.hpp"
#include "mockgc/api/random.hpp"
#include "mockgc/capacity/staffing.hpp"

namespace mc = mockgc::capacity;

namespace {
void expect_kernel_matches_search(const mc::StaffingTarget& t, double max_load, std::uint64_t seed) {
  mockgc::api::Rng rng(seed);
  std::vector<double> erl(3000), aht(3000);
  for (std::size_t i = 0; i < erl.size(); ++i) {
    erl[i] = i % 97 == 0 ? 0.0 : max_load * std::pow(rng.uniform(), 2.0);
    aht[i] = 30.0 + 900.0 * rng.uniform();
  }
  std::vector<int> out(erl.size(), -1);
  mc::staff_cells_unchecked(erl.data(), aht.data(), erl.size(), t, out.data());
  for (std::size_t i = 0; i < erl.size(); ++i) {
    const auto ref = mc::required_agents_erlang_c(erl[i], aht[i], t);
    ASSERT_TRUE(ref.ok()) << ref.error().message;
    ASSERT_EQ(out[i], ref->agents) << "A = " << erl[i] << ", AHT = " << aht[i];
  }
}
}  // namespace

TEST(Grid, KernelMatchesSearchForServiceLevel) {
  mc::StaffingTarget t;
  t.service_level = 0.8;
  t.sl_seconds = 20;
  expect_kernel_matches_search(t, 600.0, 1);
  expect_kernel_matches_search(t, 5000.0, 2);  // warm-start region
}

TEST(Grid, KernelMatchesSearchForAsaPWaitAndOccupancy) {
  mc::StaffingTarget t;
  t.service_level = 0.9;
  t.sl_seconds = 30;
  t.max_asa_seconds = 15;
  t.max_p_wait = 0.3;
  t.max_occupancy = 0.85;
  expect_kernel_matches_search(t, 800.0, 3);
  mc::StaffingTarget asa_only;
  asa_only.max_asa_seconds = 60;
  expect_kernel_matches_search(asa_only, 800.0, 4);
}

TEST(Grid, ExtremeThresholdsStillMatchTheSearch) {
  // T/AHT in the hundreds: the carried exp((N−A)·T/AHT) would overflow; the kernel switches to a
  // direct exp and must still agree with the reference search (and terminate).
  mc::StaffingTarget t;
  t.service_level = 0.95;
  t.sl_seconds = 3600;
  std::vector<double> erl{9.999, 10.0, 0.3, 250.5, 1e-9}, aht{1.0, 2.0, 5.0, 1.5, 1.0};
  std::vector<int> out(erl.size());
  mc::staff_cells_unchecked(erl.data(), aht.data(), erl.size(), t, out.data());
  for (std::size_t i = 0; i < erl.size(); ++i) {
    EXPECT_EQ(out[i], mc::required_agents_erlang_c(erl[i], aht[i], t)->agents) << erl[i];
  }
}

TEST(Grid, StaffsAQueueByIntervalGrid) {
  mc::GridStaffer staffer(2, 3);
  Eigen::ArrayXXd calls(2, 3), aht(2, 3);
  calls << 100, 200, 0, 360, 60000, 106;
  aht << 180, 180, 180, 240, 300, 180;
  mc::StaffingTarget t;
  t.service_level = 0.8;
  t.sl_seconds = 20;
  ASSERT_TRUE(staffer.staff(calls, aht, 1800, t).ok());
  EXPECT_EQ(staffer.agents()(0, 0), 14);     // E1
  EXPECT_EQ(staffer.agents()(0, 2), 0);      // empty interval
  EXPECT_EQ(staffer.agents()(1, 1), 10021);  // E13
  EXPECT_NEAR(staffer.erlangs()(1, 0), 48.0, 1e-12);
}

TEST(Grid, RejectsBadCellsAndShapes) {
  mc::GridStaffer staffer(1, 2);
  mc::StaffingTarget t;
  t.service_level = 0.8;
  Eigen::ArrayXXd calls(1, 2), aht(1, 2);
  calls << 10, -1;
  aht << 180, 180;
  EXPECT_FALSE(staffer.staff(calls, aht, 900, t).ok());
  calls << 10, std::nan("");
  EXPECT_FALSE(staffer.staff(calls, aht, 900, t).ok());
  calls << 10, 10;
  aht << 180, 0;
  EXPECT_FALSE(staffer.staff(calls, aht, 900, t).ok());
  aht << 180, 180;
  EXPECT_FALSE(staffer.staff(calls, aht, 0, t).ok());
  Eigen::ArrayXXd wrong(2, 2);
  wrong.setConstant(1.0);
  EXPECT_FALSE(staffer.staff(wrong, wrong, 900, t).ok());
  t.service_level = 1.5;
  EXPECT_FALSE(staffer.staff(calls, aht, 900, t).ok());
}
