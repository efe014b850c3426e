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

void ManualClock::sleep_until(Instant t) {
  const auto target = t.time_since_epoch().count();
  auto current = now_ms_.load(std::memory_order_acquire);
  while (current < target) {
    if (now_ms_.compare_exchange_weak(current, target, std::memory_order_acq_rel)) {
      slept_ms_.fetch_add(target - current, std::memory_order_acq_rel);
      break;
    }
  }
}

}  // namespace mockgc::client
