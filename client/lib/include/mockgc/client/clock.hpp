#pragma once
// The client's sense of time, so the same workflow runs against real Genesys (SystemClock) and inside a
// simulation (ManualClock, or an adapter over mock-gc's virtual clock) where a 60 s Retry-After costs no
// wall time. Instants use the same representation as mock-gc's core clock (sys_time in milliseconds),
// so adapters are one-liners; the client does not depend on the core.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>

namespace mockgc::client {

using Millis = std::chrono::milliseconds;
using Instant = std::chrono::sys_time<Millis>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
  // Returns once now() >= t. A simulated clock advances itself instead of waiting.
  virtual void sleep_until(Instant t) = 0;
  void sleep_for(Millis d) { sleep_until(now() + d); }
};

class SystemClock final : public Clock {
 public:
  Instant now() const override;
  void sleep_until(Instant t) override;
};

// Moves only when told to, or when someone sleeps: sleep_until(t) jumps straight to t. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start = Instant(Millis(1'700'000'000'000))) : now_ms_(start.time_since_epoch().count()) {}
  Instant now() const override { return Instant(Millis(now_ms_.load(std::memory_order_acquire))); }
  void sleep_until(Instant t) override;
  void advance(Millis d) { now_ms_.fetch_add(d.count(), std::memory_order_acq_rel); }
  // Total simulated time spent sleeping (for tests: "this cost 60 s of simulated time").
  Millis slept() const { return Millis(slept_ms_.load(std::memory_order_acquire)); }

 private:
  std::atomic<std::int64_t> now_ms_;
  std::atomic<std::int64_t> slept_ms_{0};
};

// Adapter for any other time source (e.g. mock-gc's core::VirtualClock: now = vc.now(), sleep = vc.set(t)).
class CallbackClock final : public Clock {
 public:
  CallbackClock(std::function<Instant()> now, std::function<void(Instant)> sleep_until)
      : now_(std::move(now)), sleep_until_(std::move(sleep_until)) {}
  Instant now() const override { return now_(); }
  void sleep_until(Instant t) override { sleep_until_(t); }

 private:
  std::function<Instant()> now_;
  std::function<void(Instant)> sleep_until_;
};

}  // namespace mockgc::client
