#include "mockgc/client/poll_schedule.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "mockgc/api/random.hpp"

namespace mockgc::client {

PollSchedule::PollSchedule(std::size_t org_count, Millis period, std::uint64_t seed, double jitter_fraction)
    : period_(period), seed_(seed) {
  if (org_count == 0) throw std::invalid_argument("PollSchedule: no orgs");
  slot_ = period / static_cast<Millis::rep>(org_count);
  if (slot_ < Millis(4)) throw std::invalid_argument("PollSchedule: period too short for this many orgs");
  jitter_fraction = std::clamp(jitter_fraction, 0.0, 0.45);
  max_jitter_ = Millis(static_cast<Millis::rep>(static_cast<double>(slot_.count()) * jitter_fraction));
  slot_of_org_.resize(org_count);
  std::iota(slot_of_org_.begin(), slot_of_org_.end(), std::size_t{0});
  api::Rng rng(seed);
  for (std::size_t i = org_count; i > 1; --i)  // Fisher–Yates with the seeded PRNG
    std::swap(slot_of_org_[i - 1], slot_of_org_[rng.below(i)]);
}

Millis PollSchedule::jitter(std::size_t org, std::uint64_t k) const {
  const auto span = static_cast<std::uint64_t>(2 * max_jitter_.count());
  const auto draw = span == 0 ? 0 : api::derive_seed(seed_ ^ (0xA5A5A5A5ull + org), k) % (span + 1);
  return Millis(static_cast<Millis::rep>(draw)) - max_jitter_;
}

Instant PollSchedule::poll_time(Instant start, std::size_t org, std::uint64_t k) const {
  const auto phase = slot_ * static_cast<Millis::rep>(slot_of_org_.at(org));
  return start + max_jitter_ + phase + period_ * static_cast<Millis::rep>(k) + jitter(org, k);
}

Instant PollSchedule::next_after(Instant start, std::size_t org, Instant after) const {
  std::uint64_t k = 0;
  if (after > start) k = static_cast<std::uint64_t>((after - start) / period_);
  k = k > 0 ? k - 1 : 0;
  while (poll_time(start, org, k) <= after) ++k;
  return poll_time(start, org, k);
}

}  // namespace mockgc::client
