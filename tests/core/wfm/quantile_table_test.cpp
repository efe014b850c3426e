// The history's quantile tables: close to the exact quantile everywhere, exact in the end buckets, and the
// distributions' means where the history relies on them (1 for both).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "wfm/quantile_table.hpp"

using mockgc::core::wfm::exponential_quantiles;
using mockgc::core::wfm::lognormal_quantiles;
using mockgc::core::wfm::QuantileTable;

namespace {

// The mean of the table's distribution, over 2^20 evenly spaced words (every bucket, 256 places in each).
double mean_of(const QuantileTable& table) {
  double sum = 0;
  constexpr std::uint32_t kStep = 1u << 12;
  std::uint64_t n = 0;
  for (std::uint64_t u = kStep / 2; u < (std::uint64_t{1} << 32); u += kStep, ++n)
    sum += table(static_cast<std::uint32_t>(u));
  return sum / static_cast<double>(n);
}

void expect_close_to_exact(const QuantileTable& table, double relative) {
  for (std::uint64_t u = 0; u < (std::uint64_t{1} << 32); u += 0x10001) {
    const auto w = static_cast<std::uint32_t>(u);
    const double exact = table.exact(w);
    ASSERT_NEAR(table(w), exact, relative * std::max(1.0, exact)) << w;
  }
}

}  // namespace

TEST(QuantileTable, TheExponentialIsCloseToItsQuantileAndHasMeanOne) {
  const QuantileTable& e = exponential_quantiles();
  expect_close_to_exact(e, 1e-3);
  EXPECT_NEAR(mean_of(e), 1.0, 2e-3);
  EXPECT_EQ(e(0), e.exact(0)) << "the first buckets are exact";
  EXPECT_EQ(e(0xffffffffu), -std::log1p(-QuantileTable::probability(0xffffffffu))) << "so is the last";
  EXPECT_GT(e(0xffffffffu), 20.0) << "the tail reaches as far as a 32-bit word allows";
}

TEST(QuantileTable, TheLognormalIsCloseToItsQuantileAndHasMeanOne) {
  for (double sigma : {0.3, 0.55, 0.8, 1.1}) {
    const QuantileTable& l = lognormal_quantiles(sigma);
    expect_close_to_exact(l, 1e-3);
    EXPECT_NEAR(mean_of(l), 1.0, 5e-3) << sigma;
    // The median is exp(-sigma^2 / 2).
    EXPECT_NEAR(l(0x80000000u), std::exp(-0.5 * sigma * sigma), 1e-6) << sigma;
    EXPECT_EQ(&l, &lognormal_quantiles(sigma)) << "built once per shape";
  }
}

TEST(QuantileTable, QuantilesRiseWithTheWord) {
  const QuantileTable& l = lognormal_quantiles(0.6);
  const QuantileTable& e = exponential_quantiles();
  double last_l = 0, last_e = -1;
  for (std::uint64_t u = 0; u < (std::uint64_t{1} << 32); u += 0x3fff) {
    const auto w = static_cast<std::uint32_t>(u);
    ASSERT_GE(l(w), last_l) << w;
    ASSERT_GE(e(w), last_e) << w;
    last_l = l(w);
    last_e = e(w);
  }
}
