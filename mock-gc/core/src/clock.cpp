#include "mockgc/core/clock.hpp"

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

}  // namespace mockgc::core
