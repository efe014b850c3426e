#include "hub.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "mockgc/api/random.hpp"
#include "mockgc/api/time.hpp"

namespace mockgc::core::notifications {
namespace {

using json = nlohmann::json;
namespace channel_event = journal::channel_event;
namespace close_reason = journal::close_reason;

constexpr std::string_view kNotFoundFrame = R"({"result":"404"})";

std::string metadata_frame(std::string_view message) {
  return json{{"topicName", "channel.metadata"}, {"eventBody", {{"message", message}}}}.dump();
}

struct Channel {
  std::string id, region, client_id, connect_uri;
  std::uint64_t token_key = 0;
  Instant expires{}, last_used{};
  std::vector<std::string> topics;  // in subscription order
  std::unordered_set<std::string> topic_set;
  struct Pending {
    Instant due{};
    std::string text;
    // The first of the two copies of an event a fault duplicated: the fault ids and the event's CorrelationId.
    std::string duplicate_fault, event_id;
  };
  std::deque<Pending> queue;     // events, in publish order
  std::deque<std::string> control;  // answers and warnings for the current connection
  std::uint64_t connection = 0;  // the current connection's number; 0 = none
  std::uint64_t drop = 0;        // the connection a socket_drop cuts
  Instant next_heartbeat{};
  std::optional<Instant> close_at;
  std::string close_fault, drop_fault;  // the faults behind close_at and drop
  bool heartbeat_withheld = false;      // the current connection missed a heartbeat and got none since
  bool removed = false;
};

// What the journal records about one channel event (journal::channel_event documents each).
struct Happening {
  std::string_view event;
  int status = 0;
  std::string_view detail;
  std::int64_t count = -1;
  std::string_view fault;
};

}  // namespace

struct Hub::State {
  std::uint64_t seed = 0;
  const api::Clock* clock = nullptr;
  TopicCheck check;
  HeartbeatGate heartbeat_gate;
  ChannelLog log;  // set once, before any channel exists
  std::function<void(Instant)> tick;  // set once, before any session exists
  HubLimits limits;
  mutable std::mutex mutex;
  std::unordered_map<std::string, std::shared_ptr<Channel>> channels;
  std::uint64_t created = 0, events = 0, connections = 0;
  struct Scheduled {
    std::string region, topic;
    json body;
    PublishFaults faults;  // `fault` views fault_ids
    std::string fault_ids;
  };
  std::multimap<Instant, Scheduled> scheduled;  // by due time, then in scheduling order
  static constexpr std::size_t kMaxScheduled = 100'000;

  // Appends the channel event to the journal (through `log`).
  void record(std::string_view id, std::string_view region, std::string_view client_id, Instant at,
              const Happening& h) const {
    if (!log) return;
    const std::string path = fmt::format("/channels/{}", id);
    journal::JournalRecord r;
    r.time = at;
    r.region = region;
    r.client_id = client_id;
    r.method = journal::kChannelMethod;
    r.path = path;
    r.route = journal::kChannelRoute;
    r.status = h.status;
    r.fault = h.fault;
    r.facts.event = h.event;
    r.facts.detail = h.detail;
    r.facts.count = h.count;
    log(r);
  }
  void record(const Channel& c, Instant at, const Happening& h) const { record(c.id, c.region, c.client_id, at, h); }

  std::size_t publish(std::string_view region, std::string_view topic, const json& event_body, Instant now,
                      const PublishFaults& faults) {
    if (faults.drop) return 0;
    std::string text, event_id;
    std::size_t queued = 0;
    const std::string key(topic);
    for (auto& [id, c] : channels) {
      if (c->region != region || !live(*c, now) || !c->topic_set.contains(key)) continue;
      if (text.empty()) {
        event_id = next_event_id();
        text = envelope(topic, event_body, event_id);
      }
      // Ordered per channel: an event is never due before the one queued ahead of it.
      Instant due = now + faults.delay;
      if (!c->queue.empty()) due = std::max(due, c->queue.back().due);
      for (int copy = 0; copy < (faults.duplicate ? 2 : 1); ++copy) {
        if (c->queue.size() >= limits.queue_frames) break;  // bounded: a channel nobody reads loses new events
        c->queue.push_back({due, text, {}, {}});
        if (faults.duplicate && copy == 0) {
          c->queue.back().duplicate_fault = faults.fault.empty() ? std::string_view("notification_duplicate") : faults.fault;
          c->queue.back().event_id = event_id;
        }
      }
      ++queued;
    }
    return queued;
  }

  // Scheduled events whose time has come go out now, in order.
  void release(Instant now) {
    while (!scheduled.empty() && scheduled.begin()->first <= now) {
      auto node = scheduled.extract(scheduled.begin());
      auto& e = node.mapped();
      e.faults.fault = e.fault_ids;
      publish(e.region, e.topic, e.body, node.key(), e.faults);
    }
  }

  bool live(const Channel& c, Instant now) const { return !c.removed && now < c.expires; }

  std::shared_ptr<Channel> find(std::string_view id, std::string_view region, std::string_view client_id,
                                Instant now) const {
    auto it = channels.find(std::string(id));
    if (it == channels.end()) return nullptr;
    const auto& c = *it->second;
    if (!live(c, now) || c.region != region || c.client_id != client_id) return nullptr;
    return it->second;
  }

  void remove(std::unordered_map<std::string, std::shared_ptr<Channel>>::iterator it) {
    it->second->removed = true;
    channels.erase(it);
  }

  void sweep(Instant now) {
    for (auto it = channels.begin(); it != channels.end();) {
      if (live(*it->second, now)) {
        ++it;
      } else {
        auto next = std::next(it);
        remove(it);
        it = next;
      }
    }
  }

  // `source` is the journal's detail: "rest" or "socket" (a socket subscribe answers 400 unless all topics
  // are Permitted).
  std::vector<TopicState> subscribe(Channel& c, const std::vector<std::string>& topics, SubscribeMode mode, Instant now,
                                    std::string_view source) {
    if (mode == SubscribeMode::replace) {
      c.topics.clear();
      c.topic_set.clear();
    }
    std::vector<TopicState> answer;
    std::size_t over_limit = 0;
    bool all_permitted = true;
    for (const auto& topic : topics) {
      TopicState state{topic, {}};
      if (auto reason = check ? check(c.region, c.client_id, topic) : std::nullopt) {
        state.rejection_reason = std::move(*reason);
      } else if (!c.topic_set.contains(topic)) {
        if (c.topics.size() >= limits.topics_per_channel) {
          state.rejection_reason =
              fmt::format("A channel holds at most {} topics; this one is full.", limits.topics_per_channel);
          ++over_limit;
        } else {
          c.topics.push_back(topic);
          c.topic_set.insert(topic);
        }
      }
      all_permitted = all_permitted && state.rejection_reason.empty();
      answer.push_back(std::move(state));
    }
    c.expires = now + limits.lifetime;
    c.last_used = now;
    const int status = source == "socket" && !all_permitted ? 400 : 200;
    record(c, now, {channel_event::kSubscribe, status, source, static_cast<std::int64_t>(c.topics.size() + over_limit), {}});
    return answer;
  }

  std::string next_event_id() {
    api::Rng rng(api::derive_seed(seed, "notification-event", events++));
    return api::make_uuid(rng);
  }

  static std::string envelope(std::string_view topic, const json& body, const std::string& event_id) {
    return json{{"topicName", topic}, {"version", "2"}, {"eventBody", body}, {"metadata", {{"CorrelationId", event_id}}}}
        .dump(-1, ' ', false, json::error_handler_t::replace);
  }
};

namespace {

// One connection's view of its channel (or of no channel: it answers 404 and closes).
class Session final : public Stream {
 public:
  // `channel` is null for an id no channel of the region has; a channel that is no longer live answers 404.
  Session(std::shared_ptr<Hub::State> state, std::shared_ptr<Channel> channel, std::uint64_t number,
          std::string_view id, std::string_view region)
      : state_(std::move(state)), channel_(std::move(channel)), number_(number), id_(id), region_(region) {}

  ~Session() override {
    std::lock_guard lock(state_->mutex);
    const bool current = !channel_ || channel_->connection == number_;
    if (!ended_ && current) record(state_->clock->now(), {channel_event::kSocketClose, 0, close_reason::kClient, -1, {}});
    if (channel_ && channel_->connection == number_) channel_->connection = 0;
  }

  Outbox pull() override {
    if (state_->tick) state_->tick(state_->clock->now());
    std::lock_guard lock(state_->mutex);
    Outbox out;
    if (ended_) {
      out.close = Close::normal;
      return out;
    }
    const Instant now = state_->clock->now();
    state_->release(now);
    if (!channel_ || !state_->live(*channel_, now)) {
      for (auto& frame : early_) out.frames.push_back(std::move(frame));
      early_.clear();
      out.frames.emplace_back(kNotFoundFrame);
      // Evicted channels leave the hub at once; expired ones stay until the next sweep.
      const std::string_view why = !channel_                                      ? "unknown"
                                   : channel_->removed && now < channel_->expires ? "evicted"
                                                                                  : "expired";
      record(now, {channel_event::kNotFound, 404, why, -1, {}});
      return end(out, Close::normal, now, close_reason::kNotFound);
    }
    Channel& c = *channel_;
    if (c.connection != number_) return end(out, Close::normal, now, {});  // replaced: journalled by connect
    if (c.drop == number_) return end(out, Close::abrupt, now, close_reason::kSocketDrop, c.drop_fault);
    for (auto& frame : c.control) out.frames.push_back(std::move(frame));
    c.control.clear();
    if (now >= c.next_heartbeat) {
      const std::string stopped_by = state_->heartbeat_gate ? state_->heartbeat_gate(c.region, now) : std::string();
      if (stopped_by.empty()) {
        out.frames.push_back(metadata_frame("WebSocket Heartbeat"));
        if (c.heartbeat_withheld) record(now, {channel_event::kHeartbeatResumed, 0, {}, -1, {}});
        c.heartbeat_withheld = false;
      } else {
        record(now, {channel_event::kHeartbeatMissed, 0, {}, -1, stopped_by});
        c.heartbeat_withheld = true;
      }
      c.next_heartbeat = std::max(c.next_heartbeat + state_->limits.heartbeat, now);
      if (c.next_heartbeat == now) c.next_heartbeat = now + state_->limits.heartbeat;
    }
    while (pulled_ < c.queue.size() && c.queue[pulled_].due <= now) out.frames.push_back(c.queue[pulled_++].text);
    if (c.close_at && now >= *c.close_at) {
      c.close_at.reset();
      return end(out, Close::normal, now, close_reason::kSocketClosing, c.close_fault);
    }
    return out;
  }

  void confirm() override {
    std::lock_guard lock(state_->mutex);
    if (channel_ && channel_->connection == number_) {
      const auto n = std::min(pulled_, channel_->queue.size());
      const Instant now = state_->clock->now();
      for (std::size_t i = 0; i < n; ++i)
        if (const auto& p = channel_->queue[i]; !p.duplicate_fault.empty())
          record(now, {channel_event::kDuplicate, 0, p.event_id, -1, p.duplicate_fault});
      channel_->queue.erase(channel_->queue.begin(), channel_->queue.begin() + static_cast<std::ptrdiff_t>(n));
    }
    pulled_ = 0;
  }

  void receive(std::string_view text) override {
    std::lock_guard lock(state_->mutex);
    const json message = json::parse(text, nullptr, false);
    std::string answer;
    const std::string kind =
        message.is_object() && message.contains("message") && message["message"].is_string() ? message["message"].get<std::string>() : "";
    json correlation = message.is_object() && message.contains("correlationId") ? message["correlationId"] : json();
    auto with_correlation = [&](json j) {
      if (!correlation.is_null()) j["correlationId"] = correlation;
      return j.dump(-1, ' ', false, json::error_handler_t::replace);
    };
    const Instant now = state_->clock->now();
    const bool own = channel_ && channel_->connection == number_ && state_->live(*channel_, now);
    if (kind == "ping") {
      answer = metadata_frame("pong");
    } else if (kind == "subscribe" && own && message.contains("topics") && message["topics"].is_array()) {
      std::vector<std::string> topics;
      bool valid = message["topics"].size() <= state_->limits.topics_per_channel;
      for (const auto& t : message["topics"]) {
        if (t.is_string()) topics.push_back(t.get<std::string>());
        else valid = false;
      }
      if (!valid) {
        answer = with_correlation({{"result", "400"}, {"status", "error"}});
        record(now, {channel_event::kSubscribe, 400, "socket",
                     static_cast<std::int64_t>(channel_->topics.size() + message["topics"].size()), {}});
      } else {
        const auto states = state_->subscribe(*channel_, topics, SubscribeMode::add, now, "socket");
        const bool all = std::all_of(states.begin(), states.end(), [](const auto& s) { return s.rejection_reason.empty(); });
        answer = with_correlation(all ? json{{"result", "200"}, {"status", "subscribed"}}
                                      : json{{"result", "400"}, {"status", "failure"}});
      }
    } else {
      answer = with_correlation({{"result", "400"}, {"status", "error"}});
    }
    if (own) channel_->control.push_back(std::move(answer));
    else if (early_.size() < 16) early_.push_back(std::move(answer));
  }

 private:
  // Ends the socket; `reason` empty: the close is already journalled.
  Outbox& end(Outbox& out, Close how, Instant now, std::string_view reason, std::string_view fault = {}) {
    ended_ = true;
    out.close = how;
    if (!reason.empty()) record(now, {channel_event::kSocketClose, 0, reason, -1, fault});
    if (channel_ && channel_->connection == number_) channel_->connection = 0;
    return out;
  }

  void record(Instant now, const Happening& h) const {
    if (channel_) state_->record(*channel_, now, h);
    else state_->record(id_, region_, {}, now, h);
  }

  std::shared_ptr<Hub::State> state_;
  std::shared_ptr<Channel> channel_;
  std::uint64_t number_ = 0;
  std::string id_, region_;  // as the client addressed it
  std::size_t pulled_ = 0;   // events handed out by pull() and not yet confirmed
  bool ended_ = false;
  std::vector<std::string> early_;  // answers on a connection without a channel (before its 404)
};

}  // namespace

Hub::Hub(std::uint64_t seed, const api::Clock& clock, TopicCheck check, HubLimits limits)
    : state_(std::make_shared<State>()) {
  state_->seed = seed;
  state_->clock = &clock;
  state_->check = std::move(check);
  state_->limits = limits;
}

Hub::~Hub() = default;

void Hub::set_heartbeat_gate(HeartbeatGate gate) {
  std::lock_guard lock(state_->mutex);
  state_->heartbeat_gate = std::move(gate);
}

void Hub::set_log(ChannelLog log) {
  std::lock_guard lock(state_->mutex);
  state_->log = std::move(log);
}

void Hub::set_tick(std::function<void(Instant)> tick) { state_->tick = std::move(tick); }

const HubLimits& Hub::limits() const { return state_->limits; }

ChannelView Hub::create(std::string_view region, std::string_view client_id, std::uint64_t token_key,
                        std::string_view stream_base, Instant now) {
  auto& s = *state_;
  std::lock_guard lock(s.mutex);
  s.sweep(now);
  // The client's quota: its 21st channel evicts one (without a connection first, then least recently used).
  std::vector<std::unordered_map<std::string, std::shared_ptr<Channel>>::iterator> mine;
  for (auto it = s.channels.begin(); it != s.channels.end(); ++it)
    if (it->second->region == region && it->second->client_id == client_id) mine.push_back(it);
  api::Rng rng(api::derive_seed(s.seed, "notification-channel", s.created++));
  std::string uuid = api::make_uuid(rng);
  std::erase(uuid, '-');
  const std::string id = "streaming-0-" + uuid;
  const auto asked = static_cast<std::int64_t>(mine.size() + 1);  // live channels of the client with this one
  while (!mine.empty() && mine.size() >= s.limits.channels_per_client) {
    auto victim = std::min_element(mine.begin(), mine.end(), [](const auto& a, const auto& b) {
      const auto& x = *a->second;
      const auto& y = *b->second;
      if ((x.connection == 0) != (y.connection == 0)) return x.connection == 0;
      if (x.last_used != y.last_used) return x.last_used < y.last_used;
      return x.id < y.id;
    });
    s.record(*(*victim)->second, now, {channel_event::kEvict, 0, id, -1, {}});
    s.remove(*victim);
    mine.erase(victim);
  }
  auto channel = std::make_shared<Channel>();
  channel->id = id;
  channel->region = region;
  channel->client_id = client_id;
  channel->token_key = token_key;
  channel->connect_uri = fmt::format("{}/channels/{}", stream_base, channel->id);
  channel->expires = now + s.limits.lifetime;
  channel->last_used = now;
  ChannelView view{channel->id, channel->connect_uri, channel->expires, true};
  s.record(*channel, now, {channel_event::kCreate, 0, {}, asked, {}});
  s.channels.emplace(channel->id, std::move(channel));
  return view;
}

std::vector<ChannelView> Hub::list(std::string_view region, std::string_view client_id, std::uint64_t token_key,
                                   bool all, Instant now) const {
  const auto& s = *state_;
  std::lock_guard lock(s.mutex);
  std::vector<std::pair<Instant, ChannelView>> found;
  for (const auto& [id, c] : s.channels) {
    if (!s.live(*c, now) || c->region != region || c->client_id != client_id) continue;
    const bool same = c->token_key == token_key;
    if (!same && !all) continue;
    found.push_back({c->expires, {c->id, c->connect_uri, c->expires, same}});
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second.id < b.second.id;
  });
  std::vector<ChannelView> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

bool Hub::alive(std::string_view id, std::string_view region, std::string_view client_id, Instant now) const {
  std::lock_guard lock(state_->mutex);
  return state_->find(id, region, client_id, now) != nullptr;
}

std::optional<std::vector<TopicState>> Hub::topics(std::string_view id, std::string_view region,
                                                   std::string_view client_id, Instant now) const {
  std::lock_guard lock(state_->mutex);
  auto c = state_->find(id, region, client_id, now);
  if (!c) return std::nullopt;
  std::vector<TopicState> out;
  for (const auto& t : c->topics) out.push_back({t, {}});
  return out;
}

std::optional<std::vector<TopicState>> Hub::subscribe(std::string_view id, std::string_view region,
                                                      std::string_view client_id, const std::vector<std::string>& topics,
                                                      SubscribeMode mode, Instant now) {
  std::lock_guard lock(state_->mutex);
  auto c = state_->find(id, region, client_id, now);
  if (!c) return std::nullopt;
  return state_->subscribe(*c, topics, mode, now, "rest");
}

bool Hub::clear(std::string_view id, std::string_view region, std::string_view client_id, Instant now) {
  std::lock_guard lock(state_->mutex);
  auto c = state_->find(id, region, client_id, now);
  if (!c) return false;
  c->topics.clear();
  c->topic_set.clear();
  c->expires = now + state_->limits.lifetime;
  c->last_used = now;
  state_->record(*c, now, {channel_event::kSubscribe, 200, "rest", 0, {}});
  return true;
}

std::size_t Hub::publish(std::string_view region, std::string_view topic, const json& event_body, Instant now,
                         const PublishFaults& faults) {
  std::lock_guard lock(state_->mutex);
  state_->release(now);
  return state_->publish(region, topic, event_body, now, faults);
}

void Hub::schedule(std::string_view region, std::string_view topic, json event_body, Instant at,
                   const PublishFaults& faults) {
  std::lock_guard lock(state_->mutex);
  if (state_->scheduled.size() >= State::kMaxScheduled) return;
  state_->scheduled.emplace(at, State::Scheduled{std::string(region), std::string(topic), std::move(event_body), faults,
                                                 std::string(faults.fault)});
}

bool Hub::subscribed(std::string_view region, std::string_view topic, Instant now) const {
  const auto& s = *state_;
  std::lock_guard lock(s.mutex);
  const std::string key(topic);
  for (const auto& [id, c] : s.channels)
    if (c->region == region && s.live(*c, now) && c->topic_set.contains(key)) return true;
  return false;
}

std::vector<std::string> Hub::subscribed_topics(std::string_view region, Instant now) const {
  const auto& s = *state_;
  std::vector<std::string> out;
  {
    std::lock_guard lock(s.mutex);
    for (const auto& [id, c] : s.channels)
      if (c->region == region && s.live(*c, now)) out.insert(out.end(), c->topics.begin(), c->topics.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::unique_ptr<Stream> Hub::connect(std::string_view id, std::string_view region) {
  auto& s = *state_;
  std::lock_guard lock(s.mutex);
  const Instant now = s.clock->now();
  auto it = s.channels.find(std::string(id));
  if (it == s.channels.end() || (!region.empty() && it->second->region != region)) {
    s.record(id, region, {}, now, {channel_event::kSocketOpen, 101, "unknown", -1, {}});
    return std::make_unique<Session>(state_, nullptr, 0, id, region);
  }
  Channel& c = *it->second;
  if (!s.live(c, now)) {  // expired: the session answers 404 and closes
    s.record(c, now, {channel_event::kSocketOpen, 101, {}, -1, {}});
    return std::make_unique<Session>(state_, it->second, 0, id, region);
  }
  const std::uint64_t previous = c.connection;
  c.connection = ++s.connections;  // the previous connection, if any, closes on its next pull
  c.control.clear();
  c.close_at.reset();
  c.heartbeat_withheld = false;
  c.next_heartbeat = now + s.limits.heartbeat;
  c.last_used = now;
  s.record(c, now, {channel_event::kSocketOpen, 101, {}, -1, {}});
  if (previous != 0) s.record(c, now, {channel_event::kSocketClose, 0, close_reason::kReplaced, -1, {}});
  return std::make_unique<Session>(state_, it->second, c.connection, id, region);
}

void Hub::drop_sockets(std::string_view region, std::string_view fault) {
  std::lock_guard lock(state_->mutex);
  for (auto& [id, c] : state_->channels)
    if (c->region == region && c->connection != 0) {
      c->drop = c->connection;
      c->drop_fault = fault;
    }
}

void Hub::announce_closing(std::string_view region, Instant now, Millis grace, std::string_view fault) {
  auto& s = *state_;
  std::lock_guard lock(s.mutex);
  for (auto& [id, c] : s.channels) {
    if (c->region != region || c->connection == 0 || !s.live(*c, now)) continue;
    c->control.push_back(json{{"topicName", "v2.system.socket_closing"},
                              {"version", "2"},
                              {"eventBody", {{"message", "This socket closes for maintenance; open a new one."},
                                             {"closeTime", api::format_instant(now + grace)}}}}
                             .dump());
    c->close_at = now + grace;
    c->close_fault = fault;
    s.record(*c, now, {channel_event::kSocketClosing, 0, api::format_duration(grace), -1, fault});
  }
}

void Hub::expire(std::string_view region, Instant now, std::string_view fault) {
  std::lock_guard lock(state_->mutex);
  for (auto& [id, c] : state_->channels)
    if (c->region == region && state_->live(*c, now)) {
      c->expires = now;
      state_->record(*c, now, {channel_event::kExpire, 0, {}, -1, fault});
    }
}

}  // namespace mockgc::core::notifications
