#pragma once
// The one clock a world reads: tokens, rate windows, outages, adherence and "now" in payloads.
// Thread-safe; every time-dependent part of the core takes a Clock& rather than calling a system clock.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include <nlohmann/json_fwd.hpp>

namespace mockgc::core {

using Millis = std::chrono::milliseconds;
using Instant = std::chrono::sys_time<Millis>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
  // World milliseconds per wall millisecond: 1 for a virtual clock (it moves only when driven).
  virtual double speed() const { return 1.0; }
};

// What the server advertises as a relative time is converted from world to real seconds, so a client
// that waits what it is told waits at least the world time (FAULTS.md, "Speed"). A wait (Retry-After,
// inin-ratelimit-reset) rounds up, a lifetime (OAuth expires_in) rounds down; a positive value stays at
// least 1. Values <= 0 pass unchanged, and at speed 1 every value does.
std::int64_t advertised_wait_seconds(std::int64_t world_seconds, double speed);
std::int64_t advertised_lifetime_seconds(std::int64_t world_seconds, double speed);

// Wall clock, optionally shifted to start at `start` and run `speed` times faster.
class RealClock final : public Clock {
 public:
  RealClock();
  RealClock(Instant start, double speed);
  Instant now() const override;
  double speed() const override { return speed_; }

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

// How a world's clock is built; read from a scenario's "clock" object (FAULTS.md, "Clock").
// `start` is already resolved: an edge-case start ({"edge": "dst", ...}) becomes an Instant in
// clock_config_from_json through clock_edges.hpp, so the config stays a plain value.
enum class ClockMode { real, virtual_time };

struct ClockConfig {
  ClockMode mode = ClockMode::real;
  std::optional<Instant> start;  // real: wall clock when absent; virtual: required
  double speed = 1.0;            // real only: simulated ms per wall ms (> 0)
  bool operator==(const ClockConfig&) const = default;
};

// Throws std::invalid_argument naming the offending key (unknown keys, bad instants/zones, virtual
// without start, speed on a virtual clock): scenario files fail at start-up.
ClockConfig clock_config_from_json(const nlohmann::json& j);
nlohmann::json clock_config_to_json(const ClockConfig& c);
// RealClock or VirtualClock; callers that drive virtual time keep the VirtualClock& (dynamic_cast).
std::unique_ptr<Clock> make_clock(const ClockConfig& c);

}  // namespace mockgc::core
