#include "mockgc/client/notification_channel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "mockgc/api/url.hpp"
#include "mockgc/client/errc.hpp"
#include "mockgc/client/json_calls.hpp"

namespace mockgc::client {
namespace {

using nlohmann::json;

constexpr std::string_view kChannels = "/api/v2/notifications/channels";

std::string string_at(const json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

NotificationFrame parse_notification_frame(std::string_view text) {
  NotificationFrame f;
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return f;
  f.topic = string_at(j, "topicName");
  if (f.topic.empty()) {
    auto result = j.find("result");
    if (result == j.end()) return f;
    const bool not_found = (result->is_string() && result->get<std::string>() == "404") ||
                           (result->is_number_integer() && result->get<int>() == 404);
    f.kind = not_found ? FrameKind::channel_gone : FrameKind::answer;
    f.body = std::move(j);
    return f;
  }
  auto body = j.find("eventBody");
  if (body != j.end()) f.body = *body;
  if (auto meta = j.find("metadata"); meta != j.end()) f.correlation_id = string_at(*meta, "CorrelationId");
  if (f.topic == "channel.metadata") {
    const auto message = string_at(f.body, "message");
    f.kind = message == "WebSocket Heartbeat" ? FrameKind::heartbeat
             : message == "pong"              ? FrameKind::pong
                                              : FrameKind::unknown;
  } else if (f.topic == "v2.system.socket_closing") {
    f.kind = FrameKind::socket_closing;
  } else {
    f.kind = FrameKind::event;
  }
  return f;
}

bool EventDeduplicator::first_time(std::string_view topic, const json& body) {
  std::string key(topic);
  key += '\n';
  key += body.dump();
  if (seen_.contains(key)) return false;
  if (capacity_ == 0) return true;
  if (order_.size() == capacity_) {
    seen_.erase(order_.front());
    order_.pop_front();
  }
  seen_.insert(key);
  order_.push_back(std::move(key));
  return true;
}

std::string_view to_string(ChannelSignal s) {
  switch (s) {
    case ChannelSignal::subscribed: return "subscribed";
    case ChannelSignal::connected: return "connected";
    case ChannelSignal::heartbeat: return "heartbeat";
    case ChannelSignal::socket_closing: return "socket_closing";
    case ChannelSignal::dropped: return "dropped";
    case ChannelSignal::heartbeat_missed: return "heartbeat_missed";
    case ChannelSignal::channel_gone: return "channel_gone";
    case ChannelSignal::connect_failed: return "connect_failed";
  }
  return "unknown";
}

NotificationChannel::NotificationChannel(OrgClient& org, WebSocketConnector& connector, std::vector<std::string> topics,
                                         NotificationChannelOptions options)
    : org_(org), connector_(connector), topics_(std::move(topics)), options_(options), dedup_(options.dedup_capacity) {}

void NotificationChannel::signal(const ChannelHandlers& h, ChannelSignal s, std::string_view detail) {
  if (h.on_signal) h.on_signal(s, detail);
}

Status NotificationChannel::open_channel() {
  auto made = send_json(org_, "POST", kChannels, json::object());
  if (!made) return made.error();
  const auto id = string_at(*made, "id");
  const auto uri = string_at(*made, "connectUri");
  if (id.empty() || uri.empty()) return errc::malformed_response;
  ++stats_.channels_created;
  json topics = json::array();
  for (const auto& t : topics_) topics.push_back({{"id", t}});
  auto answer = send_json(org_, "PUT", std::string(kChannels) + "/" + api::percent_encode(id) + "/subscriptions", topics);
  if (!answer) return answer.error();
  int permitted = 0;
  if (answer->is_object() && answer->contains("entities") && (*answer)["entities"].is_array())
    for (const auto& t : (*answer)["entities"])
      if (string_at(t, "state") != "Rejected") ++permitted;
  if (permitted == 0) return errc::subscription_rejected;
  channel_id_ = id;
  connect_uri_ = uri;
  return ok();
}

Millis NotificationChannel::silence_limit() const {
  Millis period = options_.heartbeat_period;
  if (!beat_gaps_.empty()) period = *std::max_element(beat_gaps_.begin(), beat_gaps_.end());
  const auto limit = Millis(static_cast<Millis::rep>(static_cast<double>(period.count()) * options_.heartbeat_periods));
  return std::clamp(limit, options_.min_heartbeat_timeout, std::max(options_.min_heartbeat_timeout, options_.heartbeat_timeout));
}

void NotificationChannel::heard_heartbeat(Millis gap) {
  constexpr std::size_t kGaps = 4;  // the longest of the last four: two heartbeats read back to back after a
                                    // stall do not shrink the period
  beat_gaps_.push_back(gap);
  if (beat_gaps_.size() > kGaps) beat_gaps_.pop_front();
}

NotificationChannel::Ended NotificationChannel::listen(WebSocket& socket, const std::function<bool()>& stop,
                                                       const ChannelHandlers& h) {
  auto& clock = org_.clock();
  Instant last_beat = clock.now();
  bool beat_seen = false;  // a heartbeat on this socket: the gap to the next one is a period
  for (;;) {
    if (stop()) return Ended::stopped;
    auto text = socket.read(options_.read_slice);
    const Instant now = clock.now();
    if (!text) {
      if (text.error() == errc::timeout) {
        const Millis limit = silence_limit();
        if (now - last_beat <= limit) continue;
        signal(h, ChannelSignal::heartbeat_missed,
               fmt::format("no heartbeat for {:.1f} s (the limit: {:.1f} s)",
                           std::chrono::duration<double>(now - last_beat).count(),
                           std::chrono::duration<double>(limit).count()));
        return Ended::silent;
      }
      signal(h, ChannelSignal::dropped, text.error().message());
      return Ended::dropped;
    }
    auto frame = parse_notification_frame(*text);
    switch (frame.kind) {
      case FrameKind::heartbeat:
        if (beat_seen) heard_heartbeat(std::chrono::duration_cast<Millis>(now - last_beat));
        beat_seen = true;
        [[fallthrough]];
      case FrameKind::pong:
        last_beat = now;
        ++stats_.heartbeats;
        signal(h, ChannelSignal::heartbeat);
        break;
      case FrameKind::socket_closing:
        signal(h, ChannelSignal::socket_closing);
        return Ended::closing;
      case FrameKind::channel_gone:
        signal(h, ChannelSignal::channel_gone);
        return Ended::gone;
      case FrameKind::event:
        if (!dedup_.first_time(frame.topic, frame.body)) {
          ++stats_.duplicates;
        } else {
          ++stats_.events;
          if (h.on_event) h.on_event(frame);
        }
        break;
      case FrameKind::answer:
      case FrameKind::unknown:
        break;
    }
  }
}

Status NotificationChannel::run(const std::function<bool()>& stop, const ChannelHandlers& h) {
  if (topics_.empty() || topics_.size() > kMaxTopicsPerChannel) return errc::subscription_rejected;
  auto& clock = org_.clock();
  std::uint64_t salt = 0;
  std::optional<RetryState> budget;
  budget.emplace(options_.reconnect, clock.now(), ++salt);
  bool need_channel = channel_id_.empty();
  bool at_once = true;  // the next attempt goes without a backoff delay
  std::error_code last;
  while (!stop()) {
    if (!at_once) {
      const auto delay = budget->next_delay(clock.now());
      if (!delay) return last ? last : std::error_code(errc::retry_budget_exhausted);
      const Instant until = clock.now() + *delay;
      while (!stop() && clock.now() < until) clock.sleep_until(std::min(until, clock.now() + options_.read_slice));
      if (stop()) break;
    }
    at_once = false;
    if (need_channel) {
      if (auto made = open_channel(); !made) {
        last = made.error();
        signal(h, ChannelSignal::connect_failed, last.message());
        if (last == errc::subscription_rejected) return last;
        continue;
      }
      need_channel = false;
      signal(h, ChannelSignal::subscribed, channel_id_);
    }
    auto socket = connector_.connect(connect_uri_, org_.org().api.ca_file);
    if (!socket) {
      last = socket.error();
      signal(h, ChannelSignal::connect_failed, last.message());
      need_channel = last == errc::unexpected_status;  // the upgrade was declined: the channel is unusable
      continue;
    }
    ++stats_.sockets_opened;
    signal(h, ChannelSignal::connected, channel_id_);
    const auto heard_before = stats_.heartbeats + stats_.events + stats_.duplicates;
    const Ended end = listen(**socket, stop, h);
    (*socket)->close();
    // A socket that carried something was a success: the reconnect budget starts again. One that died
    // silently at once keeps backing off, so a server that accepts and drops is not hammered.
    const bool carried = stats_.heartbeats + stats_.events + stats_.duplicates > heard_before;
    if (carried) budget.emplace(options_.reconnect, clock.now(), ++salt);
    switch (end) {
      case Ended::stopped: return ok();
      case Ended::closing:
      case Ended::silent: at_once = true; break;
      case Ended::dropped: at_once = carried; break;
      case Ended::gone:
        need_channel = true;
        at_once = true;
        break;
    }
  }
  return ok();
}

}  // namespace mockgc::client
