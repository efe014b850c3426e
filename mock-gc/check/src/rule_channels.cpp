// Rules about notification channels, judged from the hub's channel events (journal::channel_event) in order
// with the requests: channel-reconnect, channel-resubscribe, channel-one-socket, channel-limits,
// channel-heartbeat, channel-duplicates.
#include <algorithm>
#include <limits>

#include "route_kinds.hpp"
#include "rule.hpp"

namespace mockgc::check::detail {
namespace {

namespace channel_event = core::journal::channel_event;
namespace close_reason = core::journal::close_reason;

bool is(const Seen& s, std::string_view event) { return s.e.event == event; }

// A rule that waits, after a trigger, for the integration to do something within `within_s` world seconds.
// A wait still open when the journal's clock (its latest entry) passes its deadline is a finding; a wait
// whose deadline lies past the end of the journal is not judged (the run ended first) and is only counted.
class WaitingRule : public Rule {
 public:
  WaitingRule(std::string id, Shared& s) : Rule(std::move(id), s), within_ms_(threshold_ms("within_s")) {}

  void observe(const Seen& s) override {
    expire_waits();
    on_request(s);
  }
  void observe_channel(const Seen& s) override {
    expire_waits();
    on_channel(s);
  }
  void finish() override {
    expire_waits();
    for (const auto& w : waits_) ++unjudged(w.region);
    waits_.clear();
  }

 protected:
  struct Wait {
    std::uint32_t region = 0, client = 0;
    std::uint64_t channel = 0;  // hash of the channel it is about
    std::int64_t due_ms = 0;
    Finding finding;  // reported if the deadline passes
  };

  virtual void on_request(const Seen&) {}
  virtual void on_channel(const Seen& s) = 0;

  // Starts a wait for the entry `s` (one per channel: a second trigger on a waiting channel is ignored).
  void wait_for(const Seen& s, std::string message) {
    if (waiting(s.region, s.client, s.h_channel)) return;
    if (waits_.size() >= kMaxWaits) {
      ++unjudged(waits_.front().region);
      waits_.erase(waits_.begin());
    }
    waits_.push_back({s.region, s.client, s.h_channel, s.ms + within_ms_, finding_for(s.e, std::move(message))});
  }
  bool waiting(std::uint32_t region, std::uint32_t client, std::uint64_t channel) const {
    return std::any_of(waits_.begin(), waits_.end(), [&](const Wait& w) {
      return w.region == region && w.client == client && w.channel == channel;
    });
  }
  // Ends the waits `done` selects: as passed (`judged`), or as not judged at all (the trigger went away).
  template <class Pred>
  void settle(Pred done, bool judged) {
    std::erase_if(waits_, [&](const Wait& w) {
      if (!done(w)) return false;
      if (judged) {
        auto& v = at(w.region);
        v.triggered = true;
        ++v.checked;
      }
      return true;
    });
  }
  // The client's waits in the region end well.
  void satisfy(const Seen& s) {
    settle([&](const Wait& w) { return w.region == s.region && w.client == s.client; }, true);
  }

  std::uint64_t unjudged_in(std::uint32_t region) const {
    return region < unjudged_.size() ? unjudged_[region] : 0;
  }
  std::string unjudged_note(std::uint32_t region) const {
    const auto n = unjudged_in(region);
    return n == 0 ? "" : fmt::format(" ({} more not judged: the run ended within {} s of them)", n, seconds(within_ms_));
  }

  std::int64_t within_ms_;

 private:
  static constexpr std::size_t kMaxWaits = 4096;

  std::uint64_t& unjudged(std::uint32_t region) {
    if (region >= unjudged_.size()) unjudged_.resize(region + 1, 0);
    return unjudged_[region];
  }
  void expire_waits() {
    const std::int64_t now = shared_.last_ms;
    std::erase_if(waits_, [&](Wait& w) {
      if (w.due_ms >= now) return false;
      auto& v = at(w.region);
      v.triggered = true;
      ++v.checked;
      v.findings.add(std::move(w.finding));
      return true;
    });
  }

  std::vector<Wait> waits_;  // in trigger order
  std::vector<std::uint64_t> unjudged_;
};

std::string fault_suffix(const JournalEntry& e) { return e.fault.empty() ? "" : fmt::format(" (fault {})", e.fault); }

// channel-reconnect: after a socket_closing warning or a socket_drop, the channel's client opens a socket
// (to that channel or any other of the region) within within_s.
class ChannelReconnect final : public WaitingRule {
 public:
  explicit ChannelReconnect(Shared& s) : WaitingRule("channel-reconnect", s) {}

  std::string not_applicable_note(std::uint32_t region) const override {
    return "no socket of this region was dropped or warned with socket_closing" + unjudged_note(region);
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} socket_closing warnings and drops, each checked for a new socket within {} s", v.checked,
                       seconds(within_ms_));
  }

 private:
  void on_channel(const Seen& s) override {
    if (is(s, channel_event::kSocketOpen) && s.e.detail != "unknown") satisfy(s);
    if (is(s, channel_event::kSocketClosing))
      wait_for(s, fmt::format("socket_closing{} on channel {}, and no socket was opened within {} s", fault_suffix(s.e),
                              s.channel, seconds(within_ms_)));
    if (is(s, channel_event::kSocketClose) && s.e.detail == close_reason::kSocketDrop)
      wait_for(s, fmt::format("the socket of channel {} was dropped{}, and no socket was opened within {} s", s.channel,
                              fault_suffix(s.e), seconds(within_ms_)));
  }
};

// channel-resubscribe: after a channel answered 404 (a {"result":"404"} on its socket, or a REST 404 on the
// channel), the client subscribes another channel within within_s (or, if the dead channel held no topics,
// creates one).
class ChannelResubscribe final : public WaitingRule {
 public:
  explicit ChannelResubscribe(Shared& s) : WaitingRule("channel-resubscribe", s) {}

  std::string not_applicable_note(std::uint32_t region) const override {
    return "no channel of this region answered 404 (expired, evicted or unknown)" + unjudged_note(region);
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} channels that answered 404, each checked for a new subscribed channel within {} s",
                       v.checked, seconds(within_ms_));
  }

 private:
  struct Known {
    bool topics = false;  // the channel held topics when it was last subscribed
    bool dead = false;    // a 404 was judged already
  };

  void on_request(const Seen& s) override {
    const auto& e = s.e;
    if (s.h_channel == 0 || e.status != 404 || !e.fault.empty()) return;
    if (!e.route.starts_with("/api/v2/notifications/channels/{channelId}")) return;
    dead(s, fmt::format("channel {} answered {} {} with 404", s.channel, e.method, e.route));
  }

  void on_channel(const Seen& s) override {
    const auto& e = s.e;
    if (is(s, channel_event::kCreate)) {
      channels_[s.h_channel] = Known{};
      // A new channel is enough where the dead one held no topics.
      settle([&](const Wait& w) { return w.region == s.region && w.client == s.client && !needs_topics(w); }, true);
    } else if (is(s, channel_event::kSubscribe) && e.status == 200) {
      if (auto* k = channels_.find(s.h_channel)) k->topics = e.count > 0;
      if (e.count > 0)
        settle([&](const Wait& w) { return w.region == s.region && w.client == s.client && w.channel != s.h_channel; },
               true);
    } else if (is(s, channel_event::kNotFound)) {
      dead(s, fmt::format("channel {} answered {{\"result\":\"404\"}} on its socket ({})", s.channel, e.detail));
    }
  }

  // A channel this journal saw created answered 404: wait for a replacement.
  void dead(const Seen& s, std::string what) {
    Known* k = channels_.find(s.h_channel);
    if (k == nullptr || k->dead) return;
    k->dead = true;
    wait_for(s, fmt::format("{}, and no {} within {} s", what,
                            k->topics ? "other channel was subscribed" : "new channel was created",
                            seconds(within_ms_)));
  }
  bool needs_topics(const Wait& w) {
    const Known* k = channels_.find(w.channel);
    return k != nullptr && k->topics;
  }

  BoundedMap<Known> channels_;
};

// channel-one-socket: a socket opened on a channel whose socket is still open, when nothing told the client
// the old one was going (no socket_closing, no missed heartbeat on it): the second closes the first.
class ChannelOneSocket final : public Rule {
 public:
  explicit ChannelOneSocket(Shared& s) : Rule("channel-one-socket", s) {}

  void observe(const Seen&) override {}
  void observe_channel(const Seen& s) override {
    const auto& e = s.e;
    if (is(s, channel_event::kSocketOpen)) {
      if (e.detail == "unknown") return;
      trigger(s);
      auto& st = sockets_[s.h_channel];
      if (st.open && !st.excused)
        report(s, [&] {
          return fmt::format("a second socket opened on channel {} while the socket of seq {} was open (one socket "
                             "per channel: the new one closes the old)",
                             s.channel, st.open_seq);
        });
      st = {true, false, e.seq};
    } else if (is(s, channel_event::kSocketClose) && e.detail != close_reason::kReplaced) {
      if (auto* st = sockets_.find(s.h_channel)) st->open = false;
    } else if (is(s, channel_event::kSocketClosing) || is(s, channel_event::kHeartbeatMissed)) {
      if (auto* st = sockets_.find(s.h_channel)) st->excused = true;
    }
  }

  std::string not_applicable_note(std::uint32_t) const override { return "no socket was opened in this region"; }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} sockets opened, each checked against the channel's open socket", v.checked);
  }

 private:
  struct Socket {
    bool open = false;
    bool excused = false;  // the client was told (socket_closing) or could tell (missed heartbeat) it was going
    std::uint64_t open_seq = 0;
  };
  BoundedMap<Socket> sockets_;
};

// channel-limits: a channel_create that makes more than max_channels live channels of its client in the
// region, and a subscription that asks one channel to hold more than max_topics topics.
class ChannelLimits final : public Rule {
 public:
  explicit ChannelLimits(Shared& s)
      : Rule("channel-limits", s),
        max_channels_(static_cast<std::int64_t>(threshold("max_channels"))),
        max_topics_(static_cast<std::int64_t>(threshold("max_topics"))) {}

  void observe(const Seen&) override {}
  void observe_channel(const Seen& s) override {
    const auto& e = s.e;
    if (is(s, channel_event::kCreate)) {
      trigger(s);
      if (e.count > max_channels_)
        report(s, [&] {
          return fmt::format("channel {} makes {} live channels of this client (at most {})", s.channel, e.count,
                             max_channels_);
        });
    } else if (is(s, channel_event::kSubscribe)) {
      trigger(s);
      if (e.count > max_topics_)
        report(s, [&] {
          return fmt::format("channel {} was asked to hold {} topics (at most {})", s.channel, e.count, max_topics_);
        });
    }
  }

  std::string not_applicable_note(std::uint32_t) const override {
    return "no channel was created or subscribed in this region";
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} channel creations and subscriptions checked against {} channels per client and {} topics "
                       "per channel",
                       v.checked, max_channels_, max_topics_);
  }

 private:
  std::int64_t max_channels_, max_topics_;
};

// channel-heartbeat: after a heartbeat is withheld on a socket, the client opens a new socket within
// within_s. Heartbeats that come back, or a close the server decides (drop, socket_closing, 404), end the wait
// unjudged; a client that only closes the silent socket has not reconnected.
class ChannelHeartbeat final : public WaitingRule {
 public:
  explicit ChannelHeartbeat(Shared& s) : WaitingRule("channel-heartbeat", s) {}

  std::string not_applicable_note(std::uint32_t region) const override {
    return "no socket of this region stayed without heartbeats for long" + unjudged_note(region);
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} sockets whose heartbeats stopped, each checked for a new socket within {} s", v.checked,
                       seconds(within_ms_));
  }

 private:
  void on_channel(const Seen& s) override {
    const auto& e = s.e;
    const auto this_channel = [&](const Wait& w) { return w.region == s.region && w.channel == s.h_channel; };
    if (is(s, channel_event::kSocketOpen) && e.detail != "unknown") {
      satisfy(s);
      silent_.erase(s.h_channel);
    } else if (is(s, channel_event::kHeartbeatResumed) ||
               (is(s, channel_event::kSocketClose) && e.detail != close_reason::kClient)) {
      settle(this_channel, false);
      silent_.erase(s.h_channel);
    } else if (is(s, channel_event::kHeartbeatMissed) && silent_.find(s.h_channel) == nullptr) {
      silent_[s.h_channel] = true;  // one wait per silent stretch of a socket, however many heartbeats it misses
      wait_for(s, fmt::format("heartbeats stopped on channel {}{}, and no socket was opened within {} s", s.channel,
                              fault_suffix(e), seconds(within_ms_)));
    }
  }

  BoundedMap<bool> silent_{4096};
};

// channel-duplicates: after an event a fault duplicated was written to a client's socket, the same write
// (method, path, query, body) sent twice by that client within window_s, the first one answered 2xx: the
// duplicate was handled as a new event. Reads are not judged; a write that failed first is write-retries'.
class ChannelDuplicates final : public Rule {
 public:
  explicit ChannelDuplicates(Shared& s) : Rule("channel-duplicates", s), window_ms_(threshold_ms("window_s")) {}

  void observe_channel(const Seen& s) override {
    if (!is(s, channel_event::kDuplicate)) return;
    trigger(s);
    auto& w = windows_[key(s.region, s.client)];
    if (w.until_ms < s.ms) w = Window{s.ms, 0, s.e.seq, s.e.detail, {}};  // a new window; an open one is extended
    w.until_ms = s.ms + window_ms_;
  }

  void observe(const Seen& s) override {
    const auto& e = s.e;
    if (e.method == "GET" || e.method == "HEAD" || e.method == "OPTIONS" || s.login || is_repeatable_post(e.path)) return;
    const auto k = key(s.region, s.client);
    Window* w = windows_.find(k);
    if (w == nullptr) return;
    if (s.ms > w->until_ms) {
      windows_.erase(k);
      return;
    }
    if (s.ms < w->from_ms) return;  // in flight before the duplicate arrived
    if (std::find(w->landed.begin(), w->landed.end(), s.h_request) != w->landed.end()) {
      report(s, [&] {
        return fmt::format("the same {} was sent again within {} s after event {} arrived twice (duplicated by a "
                           "fault, seq {}): the duplicate was handled as a new event",
                           e.method, seconds(window_ms_), w->event_id, w->seq);
      });
    } else if (e.status >= 200 && e.status <= 299 && w->landed.size() < kMaxWrites) {
      w->landed.push_back(s.h_request);
    }
  }

  std::string not_applicable_note(std::uint32_t) const override {
    return "no event was delivered twice in this region (notification_duplicate never fired on an open socket)";
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} events delivered twice; the writes after each were checked for repeats within {} s",
                       v.checked, seconds(window_ms_));
  }

 private:
  static constexpr std::size_t kMaxWrites = 256;
  struct Window {
    std::int64_t from_ms = 0;
    std::int64_t until_ms = std::numeric_limits<std::int64_t>::min();
    std::uint64_t seq = 0;
    std::string event_id;
    std::vector<std::uint64_t> landed;  // writes answered 2xx since the duplicate
  };
  std::int64_t window_ms_;
  BoundedMap<Window> windows_{4096};
};

}  // namespace

void add_channel_rules(Shared& shared, std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<ChannelReconnect>(shared));
  out.push_back(std::make_unique<ChannelResubscribe>(shared));
  out.push_back(std::make_unique<ChannelOneSocket>(shared));
  out.push_back(std::make_unique<ChannelLimits>(shared));
  out.push_back(std::make_unique<ChannelHeartbeat>(shared));
  out.push_back(std::make_unique<ChannelDuplicates>(shared));
}

}  // namespace mockgc::check::detail
