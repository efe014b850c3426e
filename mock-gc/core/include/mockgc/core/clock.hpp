#pragma once
// The one clock a world reads: tokens, rate windows, outages, adherence and "now" in payloads.
// Thread-safe; every time-dependent part of the core takes a Clock& rather than calling a system clock.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace mockgc::core {

using Millis = std::chrono::milliseconds;
using Instant = std::chrono::sys_time<Millis>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

// Wall clock, optionally shifted to start at `start` and run `speed` times faster.
class RealClock final : public Clock {
 public:
  RealClock();
  RealClock(Instant start, double speed);
  Instant now() const override;

 private:
  std::chrono::steady_clock::time_point origin_;
  Instant start_;
  double speed_;
};

// Advanced only explicitly (admin API, in-process drivers): an hour-long incident replays in microseconds.
class VirtualClock final : public Clock {
 public:
  explicit VirtualClock(Instant start) : now_ms_(start.time_since_epoch().count()) {}
  Instant now() const override { return Instant(Millis(now_ms_.load(std::memory_order_acquire))); }
  void set(Instant t) { now_ms_.store(t.time_since_epoch().count(), std::memory_order_release); }
  void advance(Millis d) { now_ms_.fetch_add(d.count(), std::memory_order_acq_rel); }

 private:
  std::atomic<std::int64_t> now_ms_;
};

}  // namespace mockgc::core
