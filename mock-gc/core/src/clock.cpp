#include "mockgc/core/clock.hpp"

#include <algorithm>
#include <cmath>

namespace mockgc::core {

RealClock::RealClock()
    : origin_(std::chrono::steady_clock::now()),
      start_(std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now())),
      speed_(1.0) {}

RealClock::RealClock(Instant start, double speed)
    : origin_(std::chrono::steady_clock::now()), start_(start), speed_(speed) {}

Instant RealClock::now() const {
  auto elapsed = std::chrono::steady_clock::now() - origin_;
  auto scaled = std::chrono::duration_cast<Millis>(
      std::chrono::duration<double, std::milli>(std::chrono::duration<double, std::milli>(elapsed).count() * speed_));
  return start_ + scaled;
}

std::int64_t advertised_wait_seconds(std::int64_t world_seconds, double speed) {
  if (world_seconds <= 0 || speed == 1.0) return world_seconds;
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(static_cast<double>(world_seconds) / speed)));
}

std::int64_t advertised_lifetime_seconds(std::int64_t world_seconds, double speed) {
  if (world_seconds <= 0 || speed == 1.0) return world_seconds;
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::floor(static_cast<double>(world_seconds) / speed)));
}

}  // namespace mockgc::core
