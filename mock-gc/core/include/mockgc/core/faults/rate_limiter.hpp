#pragma once
// Genesys-faithful rate limiting: per (region, OAuth client) per minute (default 300) plus optional
// per-endpoint limits (method + path pattern), each possibly time-bounded.
//
// Window model: sliding log of 60 s. A request at time `now` is allowed iff, in every scope that applies
// to it, fewer than `limit` allowed requests have timestamps t with now - 60 s < t <= now. Refused
// requests do not consume quota. Consequences (both checked by properties/faults):
//   * in ANY 60 s interval a client never gets more than `limit` allowed requests per scope;
//   * on refusal, the exact wait W (ms) until the same request would be allowed (absent other traffic)
//     is the time until enough old entries leave the window; Retry-After = ceil(W / 1000) s, so a retry
//     exactly Retry-After seconds later succeeds and one a second earlier does not.
// Headers: inin-ratelimit-allowed = limit, -count = requests in the window (including this one),
// -reset = ceil(seconds until the oldest counted request leaves the window, i.e. a slot frees up).
//
// Concurrency: clients are spread over `shards` shards, each with its own mutex and map; one request
// locks exactly one shard, because a client's endpoint logs live inside its client entry. Memory: an
// entry is dropped once idle for a full window (its log is empty, so this changes no decision); a hard
// cap `max_clients` evicts the least recently seen entry if more clients than that are active at once.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "mockgc/api/http.hpp"
#include "mockgc/core/clock.hpp"
#include "mockgc/core/faults/path_pattern.hpp"

namespace mockgc::core::faults {

inline constexpr Millis kRateWindow{60'000};

// A limit that applies from `from` until `until` (exclusive). Without path and method it replaces the
// client-wide limit of its region(s); otherwise it is an extra per-endpoint limit, counted per client.
struct RateLimitRule {
  std::string id;                 // for decisions and the journal, e.g. "rate_limit#2"
  std::string region;             // empty = every region
  std::string method;             // empty = any method; compared case-insensitively
  std::optional<PathPattern> path;
  int per_minute = 300;
  std::optional<Instant> from;
  std::optional<Instant> until;
  bool client_wide() const { return !path && method.empty(); }
  bool operator==(const RateLimitRule&) const = default;
};

struct RateLimitConfig {
  int client_per_minute = 300;     // client.credentials.token.rate.per.minute
  std::vector<RateLimitRule> rules;
  std::size_t shards = 16;
  std::size_t max_clients = 100'000;

  // {"per_client_per_minute": 300, "max_clients": 100000}; rules come from the fault plan.
  static RateLimitConfig from_json(const nlohmann::json& j);
};

struct RateDecision {
  bool allowed = true;
  int limit = 0;                 // inin-ratelimit-allowed
  int count = 0;                 // inin-ratelimit-count
  int reset_seconds = 0;         // inin-ratelimit-reset
  int retry_after_seconds = 0;   // Retry-After (0 when allowed)
  Millis exact_wait{0};          // unrounded wait behind retry_after_seconds (0 when allowed)
  std::string_view rule_id;      // "" = client-wide default; else the id of the deciding rule
  // The endpoint window the request counted against (the journal's limit_scope): the refusing one, or
  // for an allowed request the first endpoint rule that counted it; null = only the client-wide window.
  const RateLimitRule* endpoint_rule = nullptr;
};

// inin-ratelimit-allowed/-count/-reset from a decision; set on every rate-limited (authenticated) response.
void set_rate_limit_headers(api::Headers& headers, const RateDecision& decision);

class RateLimiter {
 public:
  RateLimiter(const api::Clock& clock, RateLimitConfig config);
  ~RateLimiter();
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // Thread-safe. Counts the request if allowed. `path` may carry a query (ignored).
  RateDecision check(std::string_view region, std::string_view client_id, std::string_view method,
                     std::string_view path);
  // Same with a caller-captured instant (one "now" per request in the pipeline).
  RateDecision check_at(Instant now, std::string_view region, std::string_view client_id, std::string_view method,
                        std::string_view path);

  std::size_t tracked_clients() const;
  // Drops every entry idle for a full window as of `now` (also done incrementally by check).
  void sweep(Instant now);
  const RateLimitConfig& config() const { return config_; }

 private:
  struct Shard;
  const api::Clock& clock_;
  RateLimitConfig config_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace mockgc::core::faults
