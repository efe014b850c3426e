#pragma once
// The client's wall clock. Every client part takes an api::WaitableClock&, so the same workflow runs against
// real Genesys (SystemClock) and inside a simulation (api::ManualClock, the same clock an in-process
// mock-gc world reads) where a 60 s Retry-After costs no wall time.
#include <functional>
#include <utility>

#include "mockgc/api/clock.hpp"
#include "mockgc/api/time.hpp"

namespace mockgc::client {

// The client speaks the api time vocabulary unqualified.
using api::Instant;
using api::Millis;

class SystemClock final : public api::WaitableClock {
 public:
  Instant now() const override;
  void sleep_until(Instant t) override;
};

// Adapter for any other time source: now() and sleep_until() are the given callables.
class CallbackClock final : public api::WaitableClock {
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
