#include "mockgc/api/clock.hpp"

namespace mockgc::api {

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

}  // namespace mockgc::api
