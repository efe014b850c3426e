#pragma once
// When to try again. Exponential backoff with full jitter (delay uniform in [0, min(cap, base·2^n)])
// for 502/503/504 and transport errors, bounded by a retry budget (a count and a total time). A 429 waits
// its Retry-After exactly (no jitter: the server said when) but still counts against the budget.
// 4xx other than 401/429 are never retried; 401 is handled by re-login (once), not here.
//
// Non-idempotent requests (POST; PATCH unless the caller marks it idempotent) are never blindly
// retried after something that may have reached the server: a transport error after the request was
// written, or a 502/504 (a gateway may have forwarded it). 429 and 503 mean "not processed", and errors
// before the first byte (resolve/connect/TLS) mean "not sent": those are retried for every method.
#include <cstdint>
#include <optional>
#include <system_error>

#include "mockgc/client/clock.hpp"
#include "mockgc/api/random.hpp"

namespace mockgc::client {

struct RetryConfig {
  int max_retries = 5;                 // attempts after the first
  Millis max_total{5 * 60'000};        // from the first attempt to the start of the last retry
  Millis base_delay{500};
  Millis max_delay{30'000};            // cap of one backoff delay
  std::uint64_t seed = 1;
};

enum class RetryKind {
  none,          // final: hand the outcome to the caller
  backoff,       // jittered exponential backoff
  retry_after,   // a 429: wait exactly its Retry-After (enforced by the rate budget)
};

// What to do after an HTTP status. `idempotent` = safe to apply twice.
RetryKind classify_status(int status, bool idempotent);
// What to do after a transport error.
RetryKind classify_error(std::error_code ec, bool idempotent);

// One per call: tracks the budget and draws the jitter.
class RetryState {
 public:
  RetryState(const RetryConfig& config, Instant started, std::uint64_t call_salt);
  // Delay before the next retry (backoff), or nullopt if the budget forbids another attempt.
  // `wait_hint` (a Retry-After) replaces the jittered delay.
  std::optional<Millis> next_delay(Instant now, std::optional<Millis> wait_hint = std::nullopt);
  int retries() const { return retries_; }
  // The cap for the n-th retry (0-based): min(max_delay, base·2^n).
  Millis backoff_cap(int n) const;

 private:
  const RetryConfig& config_;
  Instant started_;
  int retries_ = 0;
  api::Rng rng_;
};

}  // namespace mockgc::client
