#include "quantile_table.hpp"

#include <boost/math/special_functions/erf.hpp>

#include <cmath>
#include <memory>
#include <mutex>
#include <numbers>
#include <utility>
#include <vector>

namespace mockgc::core::wfm {

QuantileTable::QuantileTable(Exact quantile, double param) : exact_(quantile), param_(param) {
  for (std::uint32_t b = kExactEnd; b <= kBuckets - kExactEnd; ++b) at_[b] = exact_(static_cast<double>(b) / kBuckets, param_);
}

namespace {

double exponential_quantile(double p, double) { return -std::log1p(-p); }

// The standard normal quantile is -sqrt(2) erfc^-1(2p) (Boost.Math's inverse of the complementary error
// function keeps its precision in both tails).
double lognormal_quantile(double p, double sigma) {
  const double z = -std::numbers::sqrt2 * boost::math::erfc_inv(2.0 * p);
  return std::exp(sigma * z - 0.5 * sigma * sigma);
}

}  // namespace

const QuantileTable& exponential_quantiles() {
  static const QuantileTable table(exponential_quantile, 0.0);
  return table;
}

const QuantileTable& lognormal_quantiles(double sigma) {
  struct Built {
    double sigma;
    std::unique_ptr<const QuantileTable> table;
  };
  // The table a thread asked for last, without the lock: the history asks once per queue-day, and the
  // conversations of an interval (agent states, details) once per interval.
  thread_local std::pair<double, const QuantileTable*> last{0.0, nullptr};
  if (last.second && last.first == sigma) return *last.second;
  static std::mutex mutex;
  static std::vector<Built> built;  // one per media shape in practice
  std::lock_guard lock(mutex);
  for (const auto& b : built)
    if (b.sigma == sigma) {
      last = {sigma, b.table.get()};
      return *b.table;
    }
  built.push_back({sigma, std::make_unique<const QuantileTable>(lognormal_quantile, sigma)});
  last = {sigma, built.back().table.get()};
  return *built.back().table;
}

}  // namespace mockgc::core::wfm
