#pragma once
// Fault timelines inside an envelope: drawn from one seed per case, and the shrink steps tried on a failing
// one. Pure: no process, no clock.
#include <cstdint>
#include <string>
#include <vector>

#include "mockgc/core/faults/fault_plan.hpp"
#include "mockgc/explore/envelope.hpp"

namespace mockgc::explore {

using Timeline = std::vector<core::faults::Fault>;

// Case `index` (1-based) of the exploration seeded `seed`: between min_faults and max_faults faults with ids
// "explore-1"…, each of a kind, region, start and length the envelope allows (probability and activation 1,
// so whether a request meets a fault depends on time alone). Same (envelope, seed, index) -> same timeline;
// one case's draws never depend on another's.
Timeline draw_timeline(const Envelope& envelope, std::uint64_t seed, std::uint64_t index);

// One shrink step: a smaller timeline and what changed ("removed explore-2", "explore-1: for PT4M -> PT2M").
struct ShrinkCandidate {
  Timeline timeline;
  std::string change;
};

// Every one-step smaller timeline, in the order they are tried: fewer faults (each removed in turn, never the
// last one: calm weather is run on its own), fewer regions (a fault of every region narrowed to each region),
// shorter windows (halved, in whole steps), later starts (half the window later, same end). Each candidate is
// smaller in a well-founded order, so accepting candidates ends; none leaves the envelope.
std::vector<ShrinkCandidate> shrink_candidates(const Timeline& timeline, const Envelope& envelope);

// "rate_limit 5/min eu_central_1 at PT1M for PT2M" (every region: "all regions"; no end: "until the end").
std::string describe(const core::faults::Fault& fault);
std::string describe(const Timeline& timeline);  // "; "-joined, "no fault" when empty

}  // namespace mockgc::explore
