#pragma once
// When each org's poller fires, so that N orgs polling every `period` never fire together (and never
// hit a shared gateway in lock-step). Org i gets its own slot of width period/N (a seeded permutation
// decides which) and every tick is jittered by at most `jitter_fraction` of a slot to either side, with
// jitter_fraction < 0.5: two polls of different orgs are always at least slot·(1 − 2·jitter_fraction)
// apart. Stateless and deterministic from the seed: poll_time(org, k) is a pure function.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "mockgc/client/clock.hpp"

namespace mockgc::client {

class PollSchedule {
 public:
  // Throws std::invalid_argument when org_count is 0 or the slot (period/org_count) is under 4 ms.
  PollSchedule(std::size_t org_count, Millis period, std::uint64_t seed, double jitter_fraction = 0.25);

  // The k-th poll (k = 0, 1, …) of org `org`; never before `start`.
  Instant poll_time(Instant start, std::size_t org, std::uint64_t k) const;
  // The first poll of `org` strictly after `after`.
  Instant next_after(Instant start, std::size_t org, Instant after) const;

  Millis period() const { return period_; }
  Millis slot() const { return slot_; }
  Millis max_jitter() const { return max_jitter_; }
  // Guaranteed distance between polls of two different orgs.
  Millis min_separation() const { return slot_ - 2 * max_jitter_; }

 private:
  Millis jitter(std::size_t org, std::uint64_t k) const;  // in [-max_jitter, +max_jitter]

  Millis period_;
  Millis slot_;
  Millis max_jitter_;
  std::uint64_t seed_;
  std::vector<std::size_t> slot_of_org_;
};

}  // namespace mockgc::client
