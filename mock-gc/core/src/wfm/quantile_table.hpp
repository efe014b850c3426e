#pragma once
// Inverse-transform sampling by table, for the history's per-conversation draws: a distribution's quantile
// function at the 4,096 evenly spaced probabilities b / 4096, read with linear interpolation inside a bucket
// (within 0.1 % of the exact quantile). The eight buckets at either end, where a quantile function runs off
// towards its support's ends and bends too sharply to interpolate, are evaluated exactly. A draw takes one
// 32-bit uniform word (its top 12 bits pick the bucket, the other 20 the place inside it), so one 64-bit
// generator word serves two draws, and no draw calls libm except in those buckets (16 draws in 4,096).
#include <array>
#include <cstdint>

namespace mockgc::core::wfm {

class QuantileTable {
 public:
  static constexpr unsigned kBucketBits = 12;
  static constexpr std::uint32_t kBuckets = 1u << kBucketBits;
  static constexpr std::uint32_t kExactEnd = 8;  // buckets at either end evaluated exactly
  // The exact quantile function, for u in (0, 1), and its one parameter.
  using Exact = double (*)(double u, double param);
  QuantileTable(Exact quantile, double param);

  // The quantile at the uniform word `u` (as the probability (u + 1/2) / 2^32).
  double operator()(std::uint32_t u) const noexcept {
    const std::uint32_t b = u >> (32 - kBucketBits);
    if (b < kExactEnd || b >= kBuckets - kExactEnd) [[unlikely]]
      return exact_(probability(u), param_);
    const double f = static_cast<double>(u & kPlaceMask) * 0x1p-20;
    return at_[b] + (at_[b + 1] - at_[b]) * f;
  }
  // The exact quantile the table approximates.
  double exact(std::uint32_t u) const { return exact_(probability(u), param_); }
  static double probability(std::uint32_t u) noexcept { return (static_cast<double>(u) + 0.5) * 0x1p-32; }

 private:
  static constexpr std::uint32_t kPlaceMask = (1u << (32 - kBucketBits)) - 1;
  Exact exact_;
  double param_;
  std::array<double, kBuckets> at_{};  // at_[b] = quantile(b / 4096) for b in [8, 4096 - 8]; the rest unused
};

// The exponential distribution of mean 1: -ln(1 - p).
const QuantileTable& exponential_quantiles();
// The lognormal distribution of mean 1 and log-scale deviation `sigma`: exp(sigma * z(p) - sigma^2 / 2), z the
// standard normal quantile. Built on first use for each sigma; thread-safe, tables live as long as the process.
const QuantileTable& lognormal_quantiles(double sigma);

}  // namespace mockgc::core::wfm
