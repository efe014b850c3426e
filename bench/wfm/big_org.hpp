#pragma once
// The analytics benchmarks' seed, ranges and clock over testing::BigOrg (the default scenario with its first
// org grown to a headcount).
#include <cstdint>

#include "mockgc/api/time.hpp"
#include "mockgc/core/clock.hpp"
#include "support/big_org.hpp"

namespace mockgc::bench {

inline constexpr std::uint64_t kSeed = 1;
inline constexpr const char* kWeek = "2026-10-05T00:00:00.000Z/2026-10-12T00:00:00.000Z";  // Monday to Monday
inline constexpr const char* kDay = "2026-10-07T00:00:00.000Z/2026-10-08T00:00:00.000Z";   // a Wednesday
inline const core::Instant kNow = *api::parse_instant("2026-10-20T12:00:00Z");

// testing::BigOrg on the benchmarks' seed.
struct BigOrg : testing::BigOrg {
  explicit BigOrg(int agents) : testing::BigOrg(agents, kSeed) {}
};

}  // namespace mockgc::bench
