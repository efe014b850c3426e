#pragma once
// The notification hub of one world epoch: channels, their subscriptions and event queues, and the
// per-connection sessions that turn them into WebSocket frames (notifications::Stream). Pure and driven by
// the world clock: heartbeats, expiry, delayed events and planned closes come due as the clock moves.
//
// Channels belong to one org (region) and one OAuth client; at most `channels_per_client` live per client
// (a new one evicts the client's channel without a connection first, else the least recently used), each
// with at most `topics_per_channel` topics and a lifetime that every subscription change extends. Events
// are queued per channel in publish order (bounded: beyond `queue_frames` the oldest go) and leave the
// queue only when the connection confirms it wrote them. One connection per channel: a second one closes
// the first.
//
// Everything the hub does to a channel or its socket (created, evicted, expired, socket opened and closed and
// why, socket_closing sent, subscriptions, withheld heartbeats, 404 sent, a duplicated event written) is
// reported as a journal record (journal::channel_event) the moment the hub decides it, so the conformance
// rules read channels in one order with the requests.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "mockgc/api/clock.hpp"
#include "mockgc/core/clock.hpp"
#include "mockgc/core/journal/request_journal.hpp"
#include "mockgc/core/notifications/stream.hpp"

namespace mockgc::core::notifications {

struct HubLimits {
  std::size_t channels_per_client = 20;
  std::size_t topics_per_channel = 1000;
  Millis lifetime = std::chrono::hours(24);
  Millis heartbeat = std::chrono::seconds(30);
  std::size_t queue_frames = 1000;  // per channel
};

struct ChannelView {
  std::string id;
  std::string connect_uri;
  Instant expires{};
  bool same_token = true;  // created with the token that asks (includechannels=oauthclient shows others too)
};

struct TopicState {
  std::string id;
  std::string rejection_reason;  // empty: Permitted
};

// Why `topic` may not be subscribed by (region, client), or nullopt when it may.
using TopicCheck =
    std::function<std::optional<std::string>(std::string_view region, std::string_view client_id, std::string_view topic)>;
// The id of the heartbeat_stop fault that withholds the heartbeats of `region`'s sockets at `now`; empty
// when heartbeats flow.
using HeartbeatGate = std::function<std::string(std::string_view region, Instant now)>;
// Receives every channel event as the hub decides it, under the hub's lock (append it and return).
using ChannelLog = std::function<void(const journal::JournalRecord&)>;

// What a delivery fault does to one published event (decided by the caller per region and event).
struct PublishFaults {
  Millis delay{0};         // due this much later (and every later event of the channel waits behind it)
  bool duplicate = false;  // queued twice
  bool drop = false;       // never queued
  std::string_view fault;  // the ids of the faults that fired (named by the journal's duplicate record)
};

enum class SubscribeMode { add, replace };

class Hub {
 public:
  Hub(std::uint64_t seed, const api::Clock& clock, TopicCheck check, HubLimits limits = {});
  ~Hub();
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  void set_heartbeat_gate(HeartbeatGate gate);
  // Set before any channel exists.
  void set_log(ChannelLog log);
  // Called with the world time before every session pull (outside the hub's lock), so that the world's own
  // timeline (scenario events, agent state) publishes what came due even when no request arrives.
  void set_tick(std::function<void(Instant)> tick);
  const HubLimits& limits() const;

  // `stream_base` is "ws://host:port" or "wss://…": connectUri = stream_base + "/channels/" + id.
  ChannelView create(std::string_view region, std::string_view client_id, std::uint64_t token_key,
                     std::string_view stream_base, Instant now);
  // Live channels of (region, client): those made with `token_key`, or all of the client's when `all`.
  std::vector<ChannelView> list(std::string_view region, std::string_view client_id, std::uint64_t token_key, bool all,
                                Instant now) const;
  bool alive(std::string_view id, std::string_view region, std::string_view client_id, Instant now) const;
  // nullopt: no such live channel of (region, client).
  std::optional<std::vector<TopicState>> topics(std::string_view id, std::string_view region,
                                                std::string_view client_id, Instant now) const;
  // The answer lists every requested topic (Permitted or Rejected with a reason); Rejected ones are not
  // subscribed. The channel's lifetime starts again.
  std::optional<std::vector<TopicState>> subscribe(std::string_view id, std::string_view region,
                                                   std::string_view client_id, const std::vector<std::string>& topics,
                                                   SubscribeMode mode, Instant now);
  bool clear(std::string_view id, std::string_view region, std::string_view client_id, Instant now);

  // Queues `event_body` as an event of `topic` on every live channel of `region` subscribed to it.
  // Returns the number of channels it was queued on.
  std::size_t publish(std::string_view region, std::string_view topic, const nlohmann::json& event_body, Instant now,
                      const PublishFaults& faults = {});
  // Publishes the event when the world clock reaches `at` (the later steps of an operation answered now), with
  // the delivery faults decided for that instant.
  void schedule(std::string_view region, std::string_view topic, nlohmann::json event_body, Instant at,
                const PublishFaults& faults = {});
  // Whether anyone in `region` listens to `topic` (publishers skip building bodies nobody reads).
  bool subscribed(std::string_view region, std::string_view topic, Instant now) const;
  // Every topic some live channel of `region` is subscribed to, sorted, once each (publishers that derive
  // events from the world compute only these).
  std::vector<std::string> subscribed_topics(std::string_view region, Instant now) const;

  // A connection to channel `id` (any region when `region` is empty). Unknown, expired or evicted channels
  // still connect: the session answers {"result":"404"} and closes, as Genesys does.
  std::unique_ptr<Stream> connect(std::string_view id, std::string_view region);

  // Lifecycle faults on every live channel of `region`; `fault` is the fault's id for the journal.
  void drop_sockets(std::string_view region, std::string_view fault = {});  // abrupt close, no message
  // socket_closing now, the close after `grace`.
  void announce_closing(std::string_view region, Instant now, Millis grace, std::string_view fault = {});
  void expire(std::string_view region, Instant now, std::string_view fault = {});  // end now: 404 and close

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace mockgc::core::notifications
