#pragma once
// The clock seams both sides share. A server reads `Clock::now()`; a client also waits, through
// `WaitableClock::sleep_until`. `ManualClock` implements both, so one simulated clock drives a world and the
// clients that talk to it: a 60 s Retry-After, a backoff or an injected latency costs no wall time.
// Wall clocks stay with their users (core's scaled RealClock, the client's SystemClock).
#include <atomic>
#include <cstdint>

#include "mockgc/api/time.hpp"

namespace mockgc::api {

// What a server reads: tokens, rate windows, outages, adherence and "now" in payloads. Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
  // World milliseconds per wall millisecond: 1 for a simulated clock (it moves only when driven).
  virtual double speed() const { return 1.0; }
};

// What a client waits on. Returns once now() >= t; a simulated clock advances itself instead of waiting.
class WaitableClock : public Clock {
 public:
  virtual void sleep_until(Instant t) = 0;
  void sleep_for(Millis d) { sleep_until(now() + d); }
};

// Moves only when told to (set, advance) or when someone sleeps: sleep_until(t) jumps straight to t and
// never moves the clock back. Thread-safe.
class ManualClock final : public WaitableClock {
 public:
  explicit ManualClock(Instant start = Instant(Millis(1'700'000'000'000)))
      : now_ms_(start.time_since_epoch().count()) {}
  Instant now() const override { return Instant(Millis(now_ms_.load(std::memory_order_acquire))); }
  void sleep_until(Instant t) override;
  void set(Instant t) { now_ms_.store(t.time_since_epoch().count(), std::memory_order_release); }
  void advance(Millis d) { now_ms_.fetch_add(d.count(), std::memory_order_acq_rel); }
  // Total simulated time spent in sleep_until (for tests: "this cost 60 s of simulated time").
  Millis slept() const { return Millis(slept_ms_.load(std::memory_order_acquire)); }

 private:
  std::atomic<std::int64_t> now_ms_;
  std::atomic<std::int64_t> slept_ms_{0};
};

}  // namespace mockgc::api
