// The grid path allocates nothing per call. This test binary interposes malloc (which operator new
// and Eigen both use) to count allocations; a control check proves the counter sees Eigen's
// allocations. Sanitizer builds intercept malloc themselves, so there the test is skipped.
#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>

#include "mockgc/capacity/grid.hpp"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

#if defined(__SANITIZE_ADDRESS__)
#define MOCKGC_COUNT_MALLOC 0
#else
#define MOCKGC_COUNT_MALLOC 1
extern "C" void* __libc_malloc(std::size_t);  // glibc's implementation, for forwarding
extern "C" void* malloc(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(n);
}
#endif

namespace mc = mockgc::capacity;

TEST(GridAllocation, StaffingCallDoesNotAllocate) {
  if (!MOCKGC_COUNT_MALLOC) GTEST_SKIP() << "malloc is intercepted by the sanitizer runtime";
  const Eigen::Index q = 50, n = 96;
  Eigen::ArrayXXd calls(q, n), aht(q, n);
  for (Eigen::Index j = 0; j < n; ++j) {
    for (Eigen::Index i = 0; i < q; ++i) {
      calls(i, j) = static_cast<double>((i * 37 + j * 11) % 400);
      aht(i, j) = 120.0 + static_cast<double>((i + j) % 7) * 40.0;
    }
  }
  mc::StaffingTarget t;
  t.service_level = 0.8;
  t.sl_seconds = 20;
  t.max_occupancy = 0.9;
  const long at_start = g_allocations.load();
  mc::GridStaffer staffer(q, n);
  EXPECT_GT(g_allocations.load(), at_start);  // control: Eigen's allocations are counted
  const long before = g_allocations.load();
  for (int rep = 0; rep < 3; ++rep) {
    const auto status = staffer.staff(calls, aht, 900, t);
    ASSERT_TRUE(status.ok());
  }
  EXPECT_EQ(g_allocations.load() - before, 0);
  EXPECT_GT(staffer.agents().sum(), 0);
}
