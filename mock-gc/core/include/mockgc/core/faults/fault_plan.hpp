#pragma once
// The fault timeline of a world: typed faults, each with a window (`at`, `for`), a region, an optional
// method and path glob or API family, and a BUGGIFY-style `activation` (is this site on for the whole
// run?) and `probability` (does it fire for this request?), both derived from the seed by hashing, so
// every decision is a pure function of (seed, plan, request facts). JSON shapes: mock-gc/core/FAULTS.md.
//
// What each stage does with the plan:
//   evaluate()            per request: early 503/504, added latency, transport action (outage,
//                         maintenance, latency, transport faults)
//   rate_limit_rules()    once: turned into RateLimiter rules (rate_limit faults)
//   token_lifetime(), token_revoked()  in authentication (token faults)
//   clock_skew()          where a region's "now" is rendered (clock_skew faults)
//   due_events()/EventCursor  by the world, to apply data and token events as time passes
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "mockgc/core/clock.hpp"
#include "mockgc/core/errors.hpp"
#include "mockgc/core/faults/path_pattern.hpp"
#include "mockgc/core/faults/rate_limiter.hpp"

namespace mockgc::core::faults {

enum class FaultType { rate_limit, outage, maintenance, latency, transport, token, data, clock_skew, notification };
std::string_view fault_type_name(FaultType t);

struct RateLimitFault {
  int per_minute = 300;
  bool operator==(const RateLimitFault&) const = default;
};
struct OutageFault {
  int status = 503;  // 503 service.unavailable | 504 request.timeout
  bool operator==(const OutageFault&) const = default;
};
struct MaintenanceFault {  // 503 service.unavailable on one API family (the fault's `family`)
  bool operator==(const MaintenanceFault&) const = default;
};
enum class LatencyModel { fixed, uniform, lognormal };
struct LatencyFault {
  LatencyModel model = LatencyModel::fixed;
  std::int64_t ms = 0;          // fixed
  std::int64_t min_ms = 0;      // uniform: [min_ms, max_ms]
  std::int64_t max_ms = 0;      // uniform upper bound; lognormal cap
  std::int64_t median_ms = 0;   // lognormal: exp(mu) = median
  double sigma = 0.0;           // lognormal shape
  bool operator==(const LatencyFault&) const = default;
};
enum class TransportAction { none, reset, close_mid_body, truncated_json, malformed_json, slow_body };
std::string_view transport_action_name(TransportAction a);
struct TransportFault {
  TransportAction action = TransportAction::reset;
  int bytes_per_chunk = 64;          // slow_body
  std::int64_t chunk_interval_ms = 100;  // slow_body
  bool operator==(const TransportFault&) const = default;
};
enum class TokenAction { short_lifetime, revoke_at };
struct TokenFault {
  TokenAction action = TokenAction::revoke_at;
  std::string client_id;              // empty = every client of the region(s)
  std::int64_t lifetime_ms = 0;       // short_lifetime: lifetime of tokens issued inside the window
  bool operator==(const TokenFault&) const = default;
};
enum class DataAction { rename_activity_code, recategorise_activity_code, add_agents, remove_agents };
struct DataFault {
  DataAction action = DataAction::rename_activity_code;
  std::string business_unit;       // activity-code actions
  std::string activity_code;
  std::string name;                // rename
  std::string category;            // recategorise (a Genesys activity code category, e.g. "Break")
  std::string management_unit;     // agent actions
  int count = 0;                   // add_agents / remove_agents (when `users` is empty)
  std::vector<std::string> users;  // remove_agents: explicit user ids
  bool operator==(const DataFault&) const = default;
};
struct ClockSkewFault {
  std::int64_t skew_ms = 0;  // added to the region's rendered "now" while active
  bool operator==(const ClockSkewFault&) const = default;
};

// Notification faults (the Notifications API's WebSocket side). socket_drop, socket_closing and
// channel_expire happen once at `at` to every open socket / live channel of the region; heartbeat_stop holds
// for its window; notification_delay / _duplicate / _drop act on each published event of the window with
// the fault's probability.
enum class NotificationAction {
  socket_drop,
  heartbeat_stop,
  socket_closing,
  channel_expire,
  notification_delay,
  notification_duplicate,
  notification_drop,
};
std::string_view notification_action_name(NotificationAction a);
// socket_drop, socket_closing and channel_expire: once, at `at` (no window).
bool is_instant(NotificationAction a);
struct NotificationFault {
  NotificationAction action = NotificationAction::socket_drop;
  std::int64_t delay_ms = 0;     // notification_delay: how much later the event is delivered
  std::int64_t grace_ms = 5000;  // socket_closing: from the warning to the close
  bool operator==(const NotificationFault&) const = default;
};

using FaultParams = std::variant<RateLimitFault, OutageFault, MaintenanceFault, LatencyFault, TransportFault,
                                 TokenFault, DataFault, ClockSkewFault, NotificationFault>;

struct Fault {
  std::string id;                   // unique in the plan; the BUGGIFY site name; default "<type>#<index>"
  Millis at{0};                     // offset from the clock start (JSON accepts an instant or a duration)
  std::optional<Millis> duration;   // "for"; absent = until the end of the run
  std::string region;               // empty = every region
  std::string method;               // empty = any
  std::string path;                 // glob (path_pattern.hpp); empty = any
  std::string family;               // API family (api_families.hpp); empty = none
  double probability = 1.0;         // per request (or per event) firing chance
  double activation = 1.0;          // per run: chance this site is on at all
  FaultParams params;

  FaultType type() const { return static_cast<FaultType>(params.index()); }
  bool operator==(const Fault&) const = default;
};

struct RequestFacts {
  Instant now;
  std::string_view region;
  std::string_view method;
  std::string_view path;       // query ignored
  std::string_view client_id;  // the OAuth client of the bearer token presented; empty without one
  // How many requests identical to this one (same region, client, method, path, query and body) came before
  // it: the first attempt is 0, its first retry 1. Draws depend on what the integration asked and how often,
  // never on when or in what interleaving, so a run's faults follow from seed + scenario + its requests.
  std::uint64_t ordinal = 0;
  std::uint64_t content = 0;   // hash of the query and body: tells apart requests to one path
};

// 503 service.unavailable or 504 request.timeout, rendered by the service like every other error.
using EarlyResponse = ApiError;

struct FaultDecision {
  std::optional<EarlyResponse> early;  // answer this instead of routing
  Millis latency{0};                   // delay before the response is sent (virtual in virtual mode)
  TransportAction transport = TransportAction::none;
  int bytes_per_chunk = 0;             // slow_body
  Millis chunk_interval{0};            // slow_body
  std::string applied;                 // ids of the faults that fired, comma-separated (journal "fault")
  bool any() const { return !applied.empty(); }
};

// Events the world applies when their time comes (the plan only describes them).
struct TokenRevocation {
  std::string client_id;  // empty = every client
};
struct TokenLifetimeChange {
  std::string client_id;
  std::optional<Millis> lifetime;  // nullopt = back to the default lifetime (window ended)
};
struct ActivityCodeRenamed {
  std::string business_unit, activity_code, name;
};
struct ActivityCodeRecategorised {
  std::string business_unit, activity_code, category;
};
struct AgentsAdded {
  std::string management_unit;
  int count = 0;
};
struct AgentsRemoved {
  std::string management_unit;
  int count = 0;
  std::vector<std::string> users;
};
struct ClockSkewChange {
  Millis skew{0};  // the region's skew from now on (0 when the window ends)
};
struct ChannelLifecycle {  // socket_drop, socket_closing or channel_expire
  NotificationAction action = NotificationAction::socket_drop;
  Millis grace{0};  // socket_closing
};
using EventPayload = std::variant<TokenRevocation, TokenLifetimeChange, ActivityCodeRenamed, ActivityCodeRecategorised,
                                  AgentsAdded, AgentsRemoved, ClockSkewChange, ChannelLifecycle>;
struct FaultEvent {
  Instant at;
  std::string fault_id;
  std::string region;        // empty = every region
  std::uint64_t seed = 0;    // hash(seed, fault id): e.g. to name added agents deterministically
  EventPayload payload;
};

class FaultPlan {
 public:
  FaultPlan() = default;
  // Throws std::invalid_argument for invalid faults (bad pattern, unknown family, duplicate id, ...).
  FaultPlan(std::vector<Fault> faults, Instant start, std::uint64_t seed);

  // `faults` is the scenario's "faults" array; `start` resolves relative `at`s. Strict: unknown keys and
  // bad values throw std::invalid_argument naming the JSON pointer "/faults/i/key".
  static FaultPlan from_json(const nlohmann::json& faults, Instant start, std::uint64_t seed);
  nlohmann::json to_json() const;  // canonical: from_json(to_json(), start, seed) == *this
  // One fault object (the admin API's injection) found at JSON pointer `pointer` ("" for a request body
  // gives `/status: must be 503 or 504`); without "id" the id is "<type>#<index>"; a relative `at`
  // counts from `start`. Throws std::invalid_argument like from_json.
  static Fault parse_fault(const nlohmann::json& j, std::string pointer, std::size_t index, Instant start);
  static nlohmann::json fault_json(const Fault& f);  // canonical form of one fault (as in to_json)

  FaultDecision evaluate(const RequestFacts& request) const;
  std::vector<RateLimitRule> rate_limit_rules() const;
  std::optional<Millis> token_lifetime(Instant issued_at, std::string_view region, std::string_view client_id) const;
  bool token_revoked(Instant issued_at, Instant now, std::string_view region, std::string_view client_id) const;
  Millis clock_skew(Instant now, std::string_view region) const;
  // The id of the heartbeat_stop fault that suppresses the heartbeats of `region`'s notification sockets at
  // `now`; empty when none does.
  std::string_view heartbeat_stopped(Instant now, std::string_view region) const;
  // What the delivery faults do to the `ordinal`-th event published in `region` at `now`.
  struct NotificationDecision {
    Millis delay{0};
    bool duplicate = false;
    bool drop = false;
    std::string applied;  // ids of the faults that fired
  };
  NotificationDecision notification(Instant now, std::string_view region, std::uint64_t ordinal) const;
  // Events with from < at <= to, ordered by time then plan order.
  std::vector<FaultEvent> due_events(Instant from, Instant to) const;

  const std::vector<Fault>& faults() const { return faults_; }
  Instant start() const { return start_; }
  std::uint64_t seed() const { return seed_; }
  bool site_active(std::size_t index) const { return active_[index]; }
  bool operator==(const FaultPlan& o) const { return faults_ == o.faults_ && start_ == o.start_ && seed_ == o.seed_; }

 private:
  bool in_window(const Fault& f, Instant now) const;
  bool scoped(std::size_t i, std::string_view region, std::string_view method, const PathSegments& path) const;
  bool fires(std::size_t i, const RequestFacts& r) const;
  bool event_fires(std::size_t i) const;

  std::vector<Fault> faults_;
  std::vector<std::vector<PathPattern>> matchers_;  // per fault: path and/or family patterns
  std::vector<bool> active_;                          // BUGGIFY activation per site
  Instant start_{};
  std::uint64_t seed_ = 0;
};

// Remembers how far the world has applied events: advance_to(now) returns each event exactly once.
class EventCursor {
 public:
  explicit EventCursor(const FaultPlan& plan, Instant applied_until = Instant::min())
      : plan_(plan), applied_until_(applied_until) {}
  std::vector<FaultEvent> advance_to(Instant now);
  Instant applied_until() const { return applied_until_; }

 private:
  const FaultPlan& plan_;
  Instant applied_until_;
};

// Body faults the core applies itself (the shell only does reset, close_mid_body and slow_body):
// truncated_json keeps the first half of the body (with a matching Content-Length: a "complete" but cut
// document); malformed_json inserts a bare NaN token after the first '{' or '[' (always invalid JSON).
std::string truncate_json_body(std::string_view body);
std::string malform_json_body(std::string_view body);

}  // namespace mockgc::core::faults
