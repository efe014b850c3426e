#pragma once
// The clock a world reads (api::Clock): every time-dependent part of the core takes an api::Clock& rather
// than calling a system clock. Simulated time is api::ManualClock, shared with in-process clients.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include <nlohmann/json_fwd.hpp>

#include "mockgc/api/clock.hpp"
#include "mockgc/api/time.hpp"

namespace mockgc::core {

// The core speaks the api time vocabulary unqualified.
using api::Instant;
using api::Millis;

// What the server advertises as a relative time is converted from world to real seconds, so a client
// that waits what it is told waits at least the world time (FAULTS.md, "Speed"). A wait (Retry-After,
// inin-ratelimit-reset) rounds up, a lifetime (OAuth expires_in) rounds down; a positive value stays at
// least 1. Values <= 0 pass unchanged, and at speed 1 every value does.
std::int64_t advertised_wait_seconds(std::int64_t world_seconds, double speed);
std::int64_t advertised_lifetime_seconds(std::int64_t world_seconds, double speed);

// Wall clock, optionally shifted to start at `start` and run `speed` times faster.
class RealClock final : public api::Clock {
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
// RealClock or api::ManualClock (virtual time, advanced only explicitly: admin API, in-process drivers);
// callers that drive virtual time keep the ManualClock& (dynamic_cast).
std::unique_ptr<api::Clock> make_clock(const ClockConfig& c);

}  // namespace mockgc::core
