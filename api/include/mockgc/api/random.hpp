#pragma once
// The one source of deterministic randomness for server, client and tools: xoshiro256** seeded through
// splitmix64, stable hashes (FNV-1a, splitmix64 mixing) and UUIDv4-shaped ids. Same seed, same bytes on
// every platform: no std:: distributions (their output differs between standard libraries).
// Sub-streams are derived by hashing (seed, labels…) or (seed, index), so one consumer's draws never
// depend on how many another consumer made.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>

namespace mockgc::api {

// splitmix64's increment (2^64 / golden ratio).
inline constexpr std::uint64_t kGoldenGamma = 0x9e3779b97f4a7c15ULL;

// One splitmix64 step from `x` as a pure function: a bijective, well-mixed 64-bit hash of one word.
constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
  std::uint64_t z = x + kGoldenGamma;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// splitmix64 as a generator: returns mix64(state) and advances `state`.
constexpr std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  const std::uint64_t out = mix64(state);
  state += kGoldenGamma;
  return out;
}

inline constexpr std::uint64_t kFnv1aOffset = 0xcbf29ce484222325ULL;
inline constexpr std::uint64_t kFnv1aPrime = 0x100000001b3ULL;

// 64-bit FNV-1a over the bytes, continuing from `h` (the standard offset basis by default).
constexpr std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h = kFnv1aOffset) noexcept {
  for (unsigned char c : bytes) h = (h ^ c) * kFnv1aPrime;
  return h;
}

// Stable hash chaining, order-sensitive and free of call-order state: fold a word or a text into `h`.
// The text's length is mixed in, so folding "ab","c" differs from "a","bc".
constexpr std::uint64_t hash_combine(std::uint64_t h, std::uint64_t v) noexcept { return mix64(h ^ mix64(v)); }
constexpr std::uint64_t hash_combine(std::uint64_t h, std::string_view text) noexcept {
  return mix64(h ^ mix64(fnv1a(text) + text.size()));
}

// Uniform in [0, 1) from the top 53 bits of `h`.
constexpr double unit_interval(std::uint64_t h) noexcept { return static_cast<double>(h >> 11) * 0x1.0p-53; }

// Seed of the stream named by (seed, labels…): FNV-1a over the labels (separated), mixed with the seed.
std::uint64_t derive_seed(std::uint64_t seed, std::initializer_list<std::string_view> labels) noexcept;
// Seed of the index-th numbered stream under `seed` (replications, per-org streams, counters).
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t index) noexcept;
// Seed of the index-th stream under (seed, label): derive_seed(derive_seed(seed, {label}), index), so a consumer
// of many indices under one label may hash the label once.
std::uint64_t derive_seed(std::uint64_t seed, std::string_view label, std::uint64_t index) noexcept;

// xoshiro256** with the distributions implemented here. Not thread-safe: give each thread or consumer
// its own stream (derive_seed).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) noexcept;
  static Rng derive(std::uint64_t seed, std::initializer_list<std::string_view> labels) noexcept {
    return Rng(derive_seed(seed, labels));
  }

  std::uint64_t next() noexcept {  // inline: the distributions below call it in hot loops
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, bound) without modulo bias (rejection); bound 0 yields 0.
  std::uint64_t below(std::uint64_t bound) noexcept;
  // Uniform in [lo, hi] (inclusive); hi <= lo yields lo.
  std::int64_t between(std::int64_t lo, std::int64_t hi) noexcept;
  // Uniform in [0, 1) with 53 random bits.
  double uniform() noexcept { return unit_interval(next()); }
  // Uniform in [lo, hi).
  double uniform(double lo, double hi) noexcept { return lo + (hi - lo) * uniform(); }
  // Uniform in (0, 1): never 0, safe for log().
  double uniform_open() noexcept { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
  // True with probability `p` (0..1).
  bool chance(double p) noexcept { return uniform() < p; }
  // Standard normal (Marsaglia polar method; the spare value is cached).
  double normal() noexcept;
  double normal(double mean, double sd) noexcept { return mean + sd * normal(); }
  // Lognormal parametrised by its arithmetic mean and coefficient of variation.
  double lognormal_mean_cv(double mean, double cv) noexcept;
  // Exponential with the given mean (inverse transform).
  double exponential(double mean) noexcept;
  // Poisson: multiplication method below mean 30, Hörmann's PTRS transformed rejection above.
  std::uint64_t poisson(double mean) noexcept;

  template <class Seq>
  const auto& pick(const Seq& seq) noexcept {
    return seq[below(static_cast<std::uint64_t>(std::size(seq)))];
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
  double spare_ = 0.0;
  bool has_spare_ = false;
};

// Lowercase 8-4-4-4-12 hex of the two words, with version 4 and the RFC 4122 variant forced.
std::string uuid_from_words(std::uint64_t hi, std::uint64_t lo);
// A UUIDv4 drawn from `rng` (two words).
std::string make_uuid(Rng& rng);
// Lowercase 8-4-4-4-12 hex with version 4 and an RFC 4122 variant.
bool is_uuid_v4(std::string_view s) noexcept;

}  // namespace mockgc::api
