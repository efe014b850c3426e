#pragma once
// One seeded PRNG for all capacity randomness: xoshiro256** seeded through splitmix64, with the
// distributions implemented here (std:: distributions are not portable across standard libraries, so
// the same seed must give the same bytes everywhere). Not thread-safe; derive independent streams with
// Rng::stream(k).
#include <cstdint>

namespace mockgc::capacity {

/// splitmix64 step: used to expand a 64-bit seed into xoshiro state and to derive stream seeds.
std::uint64_t splitmix64(std::uint64_t& state) noexcept;

class Rng {
 public:
  explicit Rng(std::uint64_t seed) noexcept;

  std::uint64_t next_u64() noexcept;
  /// Uniform in [0, 1) with 53 random bits.
  double uniform() noexcept;
  /// Uniform in (0, 1): never 0, safe for log().
  double uniform_open() noexcept;
  /// Standard normal (Marsaglia polar method; the spare value is cached).
  double normal() noexcept;
  double normal(double mean, double sd) noexcept { return mean + sd * normal(); }
  /// Lognormal parametrised by its arithmetic mean and coefficient of variation.
  double lognormal_mean_cv(double mean, double cv) noexcept;
  /// Exponential with the given mean (inverse transform).
  double exponential(double mean) noexcept;
  /// Poisson: multiplication method below mean 30, Hörmann's PTRS transformed rejection above.
  std::uint64_t poisson(double mean) noexcept;
  /// Independent stream k derived from the seed (for per-factor or per-replication streams).
  [[nodiscard]] static Rng stream(std::uint64_t seed, std::uint64_t k) noexcept;

 private:
  std::uint64_t s_[4];
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace mockgc::capacity
