#include "mockgc/client/clock.hpp"

#include <thread>

namespace mockgc::client {

Instant SystemClock::now() const {
  return std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
}

void SystemClock::sleep_until(Instant t) {
  // Sleep on the steady clock so a wall-clock jump cannot shorten a Retry-After wait.
  const auto remaining = t - now();
  if (remaining > Millis::zero()) std::this_thread::sleep_for(remaining);
}

}  // namespace mockgc::client
