#pragma once
// The request journal: a fixed-capacity ring of every request (time, region, client, method, path, query,
// status, latency, fault applied) and of every notification channel event (channel_event below), in one
// seq order, plus per-route counters that survive wrap-around. Memory is bounded:
// the ring holds fixed-size records (allocated in chunks as entries arrive, up to `capacity`, at most
// kMaxCapacity) whose strings are stored inline and truncated to a bound (on a UTF-8 character
// boundary, flagged `truncated`), and the counters are keyed by route
// *template*, capped at kMaxRoutes distinct templates.
//
// Thread-safe: append takes one mutex for a ~1.5 KB copy and a counter bump; readers copy a snapshot
// under the same mutex and format outside it.
#include <array>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "mockgc/core/clock.hpp"

namespace mockgc::core::journal {

// Inline string bounds (bytes). Paths and queries longer than this are cut and flagged.
inline constexpr std::size_t kRegionBytes = 24;
inline constexpr std::size_t kClientBytes = 48;
inline constexpr std::size_t kMethodBytes = 8;
inline constexpr std::size_t kPathBytes = 200;
inline constexpr std::size_t kQueryBytes = 128;
inline constexpr std::size_t kFaultBytes = 64;
inline constexpr std::size_t kRouteBytes = 128;        // the longest route template is ~115 bytes
inline constexpr std::size_t kTokenBytes = 12;         // the token fingerprint
inline constexpr std::size_t kAuthBytes = 8;
inline constexpr std::size_t kLimitScopeBytes = 144;   // "route:<METHOD> <pattern>"
inline constexpr std::size_t kNameBytes = 64;
inline constexpr std::size_t kForeignIdsBytes = 224;   // four "<uuid>@<region>" joined with ","
inline constexpr std::size_t kLeakBytes = 32;
inline constexpr std::size_t kErrorCodeBytes = 64;
inline constexpr std::size_t kErrorMessageBytes = 160;
inline constexpr std::size_t kMoreBytes = 24;
inline constexpr std::size_t kEventBytes = 24;       // the longest channel_event name is 17 bytes
inline constexpr std::size_t kDetailBytes = 64;
inline constexpr std::size_t kMaxRoutes = 1024;  // distinct route templates; more fold into "(other)"
// Largest accepted ring (≈ 1.5 GB when full): a scenario file must not be able to demand gigabytes.
inline constexpr std::size_t kMaxCapacity = 1'000'000;
inline constexpr std::string_view kUnmatchedRoute = "(unmatched)";
inline constexpr std::string_view kOtherRoute = "(other)";

struct JournalConfig {
  std::size_t capacity = 10'000;
  // {"capacity": 10000}; strict (unknown keys throw std::invalid_argument naming the key).
  static JournalConfig from_json(const nlohmann::json& j);
};

// The conformance-relevant facts of one exchange, as the core saw them (JournalEntry documents each field).
// Views only, like JournalRecord.
struct TrafficFacts {
  std::string_view token, token_region, auth;
  std::int64_t retry_after_s = -1;
  std::string_view limit_scope;
  std::int64_t expires_in_s = -1;
  std::uint64_t body_hash = 0;
  std::string_view name, foreign_ids, leak;
  int inflight = 0;
  std::string_view error_code, error_message, more;
  // A notification channel event instead of a request (channel_event): what happened, why, and a count.
  std::string_view event{}, detail{};
  std::int64_t count = -1;
};

// Notification channel events: entries the hub appends as it acts on a channel or its socket, in one seq
// order with the requests. Such an entry has method kChannelMethod, path "/channels/<channel id>", route
// kChannelRoute, region and client of the channel (client empty for a socket to an unknown channel), `fault`
// the fault that caused it, and `event`/`detail`/`count`/`status` as listed here. mock-gc/core/FAULTS.md
// ("Channel events") documents the same table.
inline constexpr std::string_view kChannelMethod = "WS";
inline constexpr std::string_view kChannelRoute = "/channels/{channelId}";
namespace channel_event {
// POST /api/v2/notifications/channels answered; count = live channels of the client counting this one
// (more than the quota: the create evicted one).
inline constexpr std::string_view kCreate = "channel_create";
// The quota removed this channel to make room for a new one of its client; detail = the new channel's id.
inline constexpr std::string_view kEvict = "channel_evict";
// A channel_expire fault ended this live channel.
inline constexpr std::string_view kExpire = "channel_expire";
// A WebSocket to the channel was accepted (status 101); detail "unknown" when no live channel has the id.
inline constexpr std::string_view kSocketOpen = "socket_open";
// The socket ended; detail = why (close_reason below).
inline constexpr std::string_view kSocketClose = "socket_close";
// v2.system.socket_closing was sent; detail = the grace before the close (ISO-8601 duration).
inline constexpr std::string_view kSocketClosing = "socket_closing";
// A subscription change: detail "rest" (POST/PUT/DELETE …/subscriptions) or "socket" (a subscribe message);
// count = topics the channel was asked to hold (those over the per-channel limit included); status = 200, or
// 400 for a socket subscribe answered with a failure.
inline constexpr std::string_view kSubscribe = "subscribe";
// A heartbeat fell due on an open socket and a heartbeat_stop fault withheld it.
inline constexpr std::string_view kHeartbeatMissed = "heartbeat_missed";
// The first heartbeat sent on a socket after some were withheld.
inline constexpr std::string_view kHeartbeatResumed = "heartbeat_resumed";
// {"result":"404"} sent on a socket (status 404); detail "expired", "evicted" or "unknown".
inline constexpr std::string_view kNotFound = "not_found";
// An event a notification_duplicate fault queued twice was written to the socket (its second copy follows
// right behind it); detail = the event's metadata.CorrelationId.
inline constexpr std::string_view kDuplicate = "duplicate";
inline constexpr std::string_view kAll[] = {kCreate,       kEvict,          kExpire,           kSocketOpen,
                                            kSocketClose,  kSocketClosing,  kSubscribe,        kHeartbeatMissed,
                                            kHeartbeatResumed, kNotFound,   kDuplicate};
}  // namespace channel_event
// Why a socket ended (the detail of channel_event::kSocketClose).
namespace close_reason {
inline constexpr std::string_view kSocketDrop = "socket_drop";        // the socket_drop fault cut it
inline constexpr std::string_view kSocketClosing = "socket_closing";  // the planned close after the warning
inline constexpr std::string_view kReplaced = "replaced";             // a second connection to the channel
inline constexpr std::string_view kNotFound = "not_found";            // after {"result":"404"}
inline constexpr std::string_view kClient = "client";                 // the client closed it or went away
}  // namespace close_reason

// What the pipeline appends at finalize. Views only: nothing is kept beyond the call.
struct JournalRecord {
  Instant time;                 // the request's clock "now" (virtual in virtual mode)
  std::string_view region;
  std::string_view client_id;   // empty before/without authentication
  std::string_view method;
  std::string_view path;        // decoded-or-not as received, without the query
  std::string_view query;       // raw query string without '?'
  std::string_view route;       // the matched route template (e.g. "/api/v2/users/{userId}"); empty = unmatched
  int status = 0;               // 0 = no HTTP status (transport fault before a response)
  std::int64_t latency_ms = 0;  // clock time spent, including injected latency
  std::string_view fault;       // FaultDecision::applied, "rate_limit", … ; empty = none
  TrafficFacts facts;           // what the conformance rules read (see TrafficFacts)
};

struct JournalEntry {
  std::uint64_t seq = 0;  // 1, 2, 3 … in append order; never reused
  Instant time;
  std::string region, client_id, method, path, query;
  int status = 0;
  std::int64_t latency_ms = 0;
  std::string fault;
  bool truncated = false;  // some field was cut to its bound
  // What the core saw of the exchange beyond the line above: the conformance rules (mock-gc check /
  // verify) read these, and they travel in the JSON Lines export so a journal can be judged offline.
  std::string route;          // matched route template ("/api/v2/users/{userId}"); empty = unmatched
  std::string token;          // fingerprint of the bearer token presented (12 hex digits); never the token
  std::string token_region;   // region whose org issued that token; empty = no token or unknown token
  std::string auth;           // "", "ok", "missing", "invalid", "expired", "revoked", "foreign" (see TrafficFacts)
  std::int64_t retry_after_s = -1;   // Retry-After the response carried, in world seconds; -1 = none
  std::string limit_scope;    // rate-limit window the request counted against ("client", "route:GET /api/v2/…")
  std::int64_t expires_in_s = -1;    // a login answer's token lifetime in world seconds; -1 = not a login
  std::uint64_t body_hash = 0;       // stable hash of the request body; 0 = no body
  std::string name;           // the "name" of a JSON object request body (creates); cut to a bound
  std::string foreign_ids;    // ids in path/query/body owned by another org: "id@owner_region,…" (first few)
  std::string leak;           // a credential seen in the URL ("access_token in query"); the value is redacted
  int inflight = 0;           // requests of the same client in flight when this one arrived, itself included
  std::string error_code;     // ErrorBody code of an error answer ("bad.request"); empty otherwise
  std::string error_message;  // ErrorBody message, cut to a bound
  std::string more;           // the answer has more to read: "page 1/5", "nextUri", "cursor", "downloadUrl"
  // A notification channel event (channel_event::…); empty for a request. detail and count as listed there.
  std::string event;
  std::string detail;
  std::int64_t count = -1;
  bool operator==(const JournalEntry&) const = default;
};

struct RouteCount {
  std::string route;
  std::string method;
  int status_class = 0;  // 1…5 for 1xx…5xx, 0 for anything else (e.g. status 0)
  std::uint64_t count = 0;
  bool operator==(const RouteCount&) const = default;
};

class RequestJournal {
 public:
  explicit RequestJournal(JournalConfig config = {});
  ~RequestJournal();
  RequestJournal(const RequestJournal&) = delete;
  RequestJournal& operator=(const RequestJournal&) = delete;

  // Returns the entry's seq. Thread-safe.
  std::uint64_t append(const JournalRecord& record);

  // Called with every entry, in seq order, as it is appended (under the journal's lock: keep it short).
  // The check harness streams a whole run through it, whatever the ring's capacity. Set before traffic.
  using Sink = std::function<void(const JournalEntry&)>;
  void set_sink(Sink sink);

  // Entries still in the ring with seq >= since_seq, oldest first.
  std::vector<JournalEntry> snapshot(std::uint64_t since_seq = 0) const;
  // One JSON object per line, keys in a fixed order:
  // {"seq":1,"time":"…Z","region":…,"client":…,"method":…,"path":…,"query":…,"status":200,
  //  "latency_ms":12,"fault":"","truncated":false,"route":…,"token":…,"token_region":…,"auth":…,
  //  "retry_after_s":-1,"limit_scope":…,"expires_in_s":-1,"body_hash":"<16 hex digits>","name":…,
  //  "foreign_ids":…,"leak":…,"inflight":1,"error_code":…,"error_message":…,"more":…,"event":…,"detail":…,
  //  "count":-1}
  void export_jsonl(std::ostream& out, std::uint64_t since_seq = 0) const;

  // Sorted by route, method, status class. Counts every request ever appended.
  std::vector<RouteCount> route_counts() const;
  // [{"route":…,"method":…,"status_class":"2xx","count":N}, …]
  nlohmann::json route_counts_json() const;

  std::uint64_t total_appended() const;
  std::uint64_t last_seq() const { return total_appended(); }
  std::size_t capacity() const;
  // Ring slots allocated so far: grows in chunks with the entries appended, never past capacity().
  std::size_t allocated_slots() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

nlohmann::json entry_to_json(const JournalEntry& e);
// One line of export_jsonl (keys in its fixed order, invalid UTF-8 replaced), ending in '\n': what
// `mock-gc check` streams to journal.jsonl, so a live check and an admin export write the same bytes.
std::string entry_jsonl_line(const JournalEntry& e);
// The inverse of one export_jsonl line (keys missing from older exports take their defaults); throws
// std::invalid_argument naming the key for a value of the wrong type.
JournalEntry entry_from_json(const nlohmann::json& j);

}  // namespace mockgc::core::journal
