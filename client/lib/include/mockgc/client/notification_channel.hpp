#pragma once
// A notification channel client (the Notifications API, genesys-notifications.md §2a): makes a channel with
// POST /api/v2/notifications/channels through an OrgClient (its auth, budget and retries), PUTs the topics,
// and keeps ONE socket open on the channel's connectUri, handing every new event to the caller once.
//
// What it survives, and how:
//   - v2.system.socket_closing: closes the warned socket and opens the next one at once;
//   - a dropped or closed socket: reconnects at once, then with jittered exponential backoff (RetryConfig)
//     while connecting keeps failing; out of budget → run() returns the last error;
//   - no heartbeat for `heartbeat_periods` heartbeat periods (Genesys sends one every 30 s; the period is
//     learned from the heartbeats themselves, so a world run faster than real time is judged by its own
//     cadence): the socket is treated as dead and a new one opened (Signal::heartbeat_missed);
//   - {"result":"404"} (channel expired, evicted or token gone) or a channel that cannot be reached: a new
//     channel, subscribed again (subscriptions belong to the channel), reported as Signal::subscribed;
//   - duplicates (at-least-once delivery): an event whose topic and payload were seen before is not handed
//     out again (EventDeduplicator; bounded memory).
// Errors: transport failures are client::errc transport codes (or retry_budget_exhausted); protocol outcomes
// are errc::unexpected_status (the API answered non-2xx) and errc::subscription_rejected (no topic permitted).
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/client/org_client.hpp"
#include "mockgc/client/retry_policy.hpp"
#include "mockgc/client/websocket.hpp"

namespace mockgc::client {

inline constexpr std::size_t kMaxTopicsPerChannel = 1000;  // Genesys' per-channel limit

enum class FrameKind {
  heartbeat,       // channel.metadata "WebSocket Heartbeat"
  pong,            // channel.metadata "pong" (answer to {"message":"ping"})
  socket_closing,  // v2.system.socket_closing: this socket closes soon
  channel_gone,    // {"result":"404"}: the channel no longer exists
  event,           // any other topic: an event
  answer,          // another {"result": …} message (a socket subscribe answer)
  unknown,         // not JSON, or JSON of no known shape
};

struct NotificationFrame {
  FrameKind kind = FrameKind::unknown;
  std::string topic;            // topicName
  nlohmann::json body;          // eventBody (events), the whole message (answers)
  std::string correlation_id;   // metadata.CorrelationId when present
};

// Never throws: bad JSON is FrameKind::unknown.
NotificationFrame parse_notification_frame(std::string_view text);

// Remembers the identities (topic + payload) of the last `capacity` events, so an event delivered twice is
// applied once. The payload is the identity: Genesys events carry their own change time (adherenceChangeTime,
// modifiedDate …), so two different changes never share a payload.
class EventDeduplicator {
 public:
  explicit EventDeduplicator(std::size_t capacity = 4096) : capacity_(capacity) {}
  // True the first time (topic, body) is seen; false for a repeat still remembered.
  bool first_time(std::string_view topic, const nlohmann::json& body);
  std::size_t remembered() const { return order_.size(); }

 private:
  std::size_t capacity_;
  std::deque<std::string> order_;
  std::unordered_set<std::string> seen_;
};

struct NotificationChannelOptions {
  // Silence that makes a socket dead: `heartbeat_periods` times the heartbeat period, which is learned as the
  // longest of the last few gaps between heartbeats on one socket (`heartbeat_period` until two were seen),
  // kept within [min_heartbeat_timeout, heartbeat_timeout]. Genesys heartbeats every 30 s: a socket is given
  // up 60 s after its last heartbeat, 30 s after the first missed one (channel-heartbeat allows 60 s after
  // it). A mock-gc world served at 10x heartbeats every 3 real seconds: given up after 6.
  Millis heartbeat_period{30'000};
  double heartbeat_periods = 2.0;
  Millis min_heartbeat_timeout{4'000};  // below it, scheduling hiccups on a loaded machine would pass for silence
  Millis heartbeat_timeout{80'000};
  Millis read_slice{200};            // how often run() looks at `stop` and the heartbeat clock (wall time)
  // Reconnect and re-create budget: the first reconnect goes at once, later ones back off with full jitter.
  RetryConfig reconnect{.max_retries = 8, .max_total = Millis(120'000), .base_delay = Millis(500),
                        .max_delay = Millis(15'000), .seed = 1};
  std::size_t dedup_capacity = 4096;
};

// What happened to the channel, for the caller's staleness and resync decisions.
enum class ChannelSignal {
  subscribed,        // a channel was made and subscribed (after the first: events in between may be lost)
  connected,         // a socket is open and listening
  heartbeat,         // a heartbeat arrived
  socket_closing,    // the server warned that the socket closes
  dropped,           // the socket ended without warning (drop, close frame, read error)
  heartbeat_missed,  // no heartbeat for heartbeat_timeout: the socket is given up
  channel_gone,      // {"result":"404"}: a new channel follows
  connect_failed,    // a connect or channel set-up attempt failed (detail = the error)
};
std::string_view to_string(ChannelSignal s);

struct ChannelHandlers {
  // Each new event once (duplicates removed), on run()'s thread.
  std::function<void(const NotificationFrame&)> on_event;
  std::function<void(ChannelSignal, std::string_view detail)> on_signal;
};

struct ChannelStats {
  std::uint64_t channels_created = 0;
  std::uint64_t sockets_opened = 0;
  std::uint64_t heartbeats = 0;
  std::uint64_t events = 0;      // handed to on_event
  std::uint64_t duplicates = 0;  // recognised and not handed out
};

class NotificationChannel {
 public:
  // At most kMaxTopicsPerChannel topics (more: run() answers errc::subscription_rejected at once).
  NotificationChannel(OrgClient& org, WebSocketConnector& connector, std::vector<std::string> topics,
                      NotificationChannelOptions options = {});

  // Listens until `stop()` is true (ok) or the reconnect budget is spent (the last error). Blocking.
  Status run(const std::function<bool()>& stop, const ChannelHandlers& handlers);

  const ChannelStats& stats() const { return stats_; }
  const std::string& channel_id() const { return channel_id_; }

 private:
  enum class Ended { stopped, closing, dropped, silent, gone };
  Status open_channel();
  Ended listen(WebSocket& socket, const std::function<bool()>& stop, const ChannelHandlers& handlers);
  void signal(const ChannelHandlers& h, ChannelSignal s, std::string_view detail = {});

  OrgClient& org_;
  WebSocketConnector& connector_;
  std::vector<std::string> topics_;
  NotificationChannelOptions options_;
  EventDeduplicator dedup_;
  ChannelStats stats_;
  // The silence that ends a socket now (NotificationChannelOptions::heartbeat_periods).
  Millis silence_limit() const;
  void heard_heartbeat(Millis gap);

  std::string channel_id_;
  std::string connect_uri_;
  std::deque<Millis> beat_gaps_;  // the last few gaps between heartbeats on one socket
};

}  // namespace mockgc::client
