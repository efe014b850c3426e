#include "mockgc/client/retry_policy.hpp"

#include <algorithm>

#include "mockgc/client/errc.hpp"

namespace mockgc::client {

RetryKind classify_status(int status, bool idempotent) {
  switch (status) {
    case 429: return RetryKind::retry_after;
    case 503: return RetryKind::backoff;  // "unavailable": the request was not processed
    case 502:
    case 504: return idempotent ? RetryKind::backoff : RetryKind::none;
    default: return RetryKind::none;
  }
}

RetryKind classify_error(std::error_code ec, bool idempotent) {
  if (ec == errc::bad_url || ec == errc::body_too_large) return RetryKind::none;  // will not get better
  if (!may_have_reached_server(ec)) return RetryKind::backoff;
  return idempotent ? RetryKind::backoff : RetryKind::none;
}

RetryState::RetryState(const RetryConfig& config, Instant started, std::uint64_t call_salt)
    : config_(config), started_(started), rng_(api::derive_seed(config.seed, call_salt)) {}

Millis RetryState::backoff_cap(int n) const {
  const auto base = std::max<std::int64_t>(config_.base_delay.count(), 1);
  const int shift = std::clamp(n, 0, 40);
  const std::int64_t grown = base > (config_.max_delay.count() >> shift) ? config_.max_delay.count() : base << shift;
  return Millis(std::min(grown, config_.max_delay.count()));
}

std::optional<Millis> RetryState::next_delay(Instant now, std::optional<Millis> wait_hint) {
  if (retries_ >= config_.max_retries) return std::nullopt;
  const Millis delay = wait_hint ? *wait_hint
                                 : Millis(static_cast<std::int64_t>(rng_.below(
                                       static_cast<std::uint64_t>(backoff_cap(retries_).count()) + 1)));
  if (now + delay - started_ > config_.max_total) return std::nullopt;
  ++retries_;
  return delay;
}

}  // namespace mockgc::client
