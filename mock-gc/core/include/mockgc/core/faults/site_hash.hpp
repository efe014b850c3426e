#pragma once
// Deterministic "randomness" for fault sites: pure hashes of (seed, site, request facts), so a decision
// depends only on its inputs and never on thread interleaving or call order (BUGGIFY-style, one seed).
#include <cstdint>
#include <string_view>

namespace mockgc::core::faults {

// splitmix64 finaliser: a bijective, well-mixed 64-bit step.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// FNV-1a over the bytes, folded into `h` and re-mixed; the length is mixed in so "ab","c" != "a","bc".
constexpr std::uint64_t hash_text(std::uint64_t h, std::string_view text) {
  std::uint64_t f = 0xCBF29CE484222325ULL;
  for (unsigned char c : text) f = (f ^ c) * 0x100000001B3ULL;
  return mix64(h ^ mix64(f + text.size()));
}

constexpr std::uint64_t hash_u64(std::uint64_t h, std::uint64_t v) { return mix64(h ^ mix64(v)); }

// Uniform in [0, 1) from the top 53 bits.
constexpr double unit_interval(std::uint64_t h) { return static_cast<double>(h >> 11) * 0x1.0p-53; }

}  // namespace mockgc::core::faults
