#pragma once
// Per-org request budget. Genesys limits a client-credentials client to 300 requests/minute by default
// (genesys-api.md §4); the client must never exceed that, and must honour Retry-After exactly.
//
// The limiter is a token bucket whose tokens come back exactly one window after they were spent
// (a sliding-window log): in ANY window of `window` length at most `limit` requests are sent. A plain
// refilling bucket would allow up to 2×limit in one window (a full bucket plus a window of refill).
//
// Learning: `inin-ratelimit-allowed` lowers the limit at once (the configured limit is a ceiling; support
// can raise an org's limit, configure it then). A lowered limit holds while the server keeps confirming it;
// once a whole window has passed without a response advertising it (or lower), a higher `allowed` raises it
// again (never above the ceiling). Why: Genesys reports the tightest scope on each response, so a temporary
// per-endpoint limit (e.g. 10/min on one route during a storm) would otherwise throttle every later call. `inin-ratelimit-count`/`-reset` say how much of
// the server's current window is already used (e.g. by another process with the same OAuth client), and
// the client then sends at most allowed−count more before that window resets. A 429 blocks the org until
// its Retry-After has elapsed.
//
// The window's length is learned too: `inin-ratelimit-reset` never exceeds the server's window, so the
// window is the longest reset seen so far (the configured window is a ceiling). Genesys' windows are a
// minute, and the first answer of a fresh window says 60; a server whose clock runs faster than the wall
// (mock-gc at speed X advertises its minute as ceil(60/X) real seconds) is paced by its own minute instead
// of an hour of the client's. A short reset seen mid-window (another process used it) shortens the window
// only until the next fresh window's answer; meanwhile allowed−count above still bounds what is sent.
// Not thread-safe: OrgClient locks around it.
#include <cstddef>
#include <deque>
#include <optional>

#include "mockgc/api/http.hpp"
#include "mockgc/client/clock.hpp"

namespace mockgc::client {

struct RateBudgetConfig {
  int limit = 300;           // requests per window (ceiling; learning never goes above it)
  Millis window{60'000};
  Millis default_retry_after{3'000};  // a 429 without a usable Retry-After (the .NET SDK's default)
};

class RateBudget {
 public:
  explicit RateBudget(RateBudgetConfig config = {});

  // Earliest instant >= now at which one more request may be sent.
  Instant next_send_time(Instant now) const;
  // Records a send at `now`; the caller has checked next_send_time(now) <= now.
  void record_send(Instant now);
  // Learns from any response received at `now` (ratelimit headers; 429 + Retry-After).
  void observe(const api::HttpResponse& response, Instant now);

  int limit() const { return limit_; }
  Millis window() const { return window_; }
  std::optional<Instant> blocked_until() const { return blocked_until_; }
  const RateBudgetConfig& config() const { return config_; }

 private:
  RateBudgetConfig config_;
  int limit_;
  Millis window_;                              // min(config window, longest inin-ratelimit-reset seen)
  std::optional<Millis> longest_reset_;
  std::optional<Instant> lowered_confirmed_;  // last response that advertised limit_ (< ceiling) or lower
  std::deque<Instant> sent_;             // send times within the last window, oldest first
  std::optional<Instant> blocked_until_;  // from a 429
  // The server's own window, as reported by inin-ratelimit-*: sends left before it resets.
  std::optional<Instant> server_window_end_;
  int server_remaining_ = 0;
};

// Retry-After as a duration: delta-seconds (what Genesys sends). nullopt when absent or not a number
// (the HTTP-date form is not used by Genesys and is treated as absent).
std::optional<Millis> parse_retry_after(const api::HttpResponse& response);

}  // namespace mockgc::client
