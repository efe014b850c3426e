#pragma once
// The one source of randomness: xoshiro256** seeded through splitmix64. Sub-streams are derived by
// hashing (seed, labels…), so e.g. the users of one org never depend on how many queues another org has.
// No std:: distributions (their output differs between standard libraries).
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace mockgc::core {

std::uint64_t splitmix64(std::uint64_t& state);
// Stable 64-bit hash of (seed, labels): FNV-1a over the labels, mixed with the seed through splitmix64.
std::uint64_t derive_seed(std::uint64_t seed, std::initializer_list<std::string_view> labels);
std::uint64_t derive_seed(std::uint64_t seed, std::string_view label, std::uint64_t index);

class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  static Rng derive(std::uint64_t seed, std::initializer_list<std::string_view> labels) {
    return Rng(derive_seed(seed, labels));
  }

  std::uint64_t next();
  // Uniform in [0, bound) without modulo bias (Lemire's method); bound 0 yields 0.
  std::uint64_t below(std::uint64_t bound);
  // Uniform in [lo, hi] (inclusive).
  std::int64_t between(std::int64_t lo, std::int64_t hi);
  // True with probability `p` (0..1).
  bool chance(double p);
  template <class Seq>
  const auto& pick(const Seq& seq) {
    return seq[below(static_cast<std::uint64_t>(std::size(seq)))];
  }

 private:
  std::uint64_t s_[4];
};

}  // namespace mockgc::core
