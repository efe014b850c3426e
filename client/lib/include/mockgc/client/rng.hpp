#pragma once
// The client's own PRNG (SplitMix64): one seed ⇒ the same jitter on every platform and standard library,
// which std:: distributions do not promise.
#include <cstdint>

namespace mockgc::client {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, bound] (inclusive); bound 0 gives 0. The modulo bias is below 2^-40 for our bounds.
  std::uint64_t uniform_inclusive(std::uint64_t bound) { return bound == 0 ? 0 : next() % (bound + 1); }

 private:
  std::uint64_t state_;
};

// Stateless mix of several values (for per-(org, tick) jitter that does not depend on call order).
inline std::uint64_t mix64(std::uint64_t a, std::uint64_t b) {
  SplitMix64 r(a ^ (b * 0xD1B54A32D192ED03ull));
  return r.next();
}

}  // namespace mockgc::client
