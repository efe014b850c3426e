#include "mockgc/workflows/adherence_watch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

// `candidate` is older than `held` (both have change times and the candidate's is earlier).
bool older(const AgentAdherence& candidate, const AgentAdherence& held) {
  return candidate.time_of_adherence_change && held.time_of_adherence_change &&
         *candidate.time_of_adherence_change < *held.time_of_adherence_change;
}

bool same_state(const AgentAdherence& a, const AgentAdherence& b) {
  return a.adherence_state == b.adherence_state && a.impact == b.impact && a.scheduled_category == b.scheduled_category &&
         a.time_of_adherence_change == b.time_of_adherence_change && a.management_unit_id == b.management_unit_id;
}

void take_state(AgentAdherence& into, const AgentAdherence& from) {
  into.adherence_state = from.adherence_state;
  into.impact = from.impact;
  into.scheduled_category = from.scheduled_category;
  into.time_of_adherence_change = from.time_of_adherence_change;
  into.management_unit_id = from.management_unit_id;
}

bool by_user(const AgentAdherence& a, const AgentAdherence& b) { return a.user_id < b.user_id; }

}  // namespace

std::string_view to_string(Feed feed) {
  switch (feed) {
    case Feed::starting: return "starting";
    case Feed::live: return "live";
    case Feed::reconnecting: return "reconnecting";
    case Feed::polling: return "polling";
  }
  return "unknown";
}

std::string management_unit_adherence_topic(std::string_view management_unit_id) {
  return fmt::format("v2.workforcemanagement.managementunits.{}.adherence", management_unit_id);
}

AdherenceWatch::AdherenceWatch(std::vector<OrgAdherence> readings, int outlier_minutes, std::size_t dedup_capacity)
    : orgs_(std::move(readings)), feeds_(orgs_.size()), outlier_minutes_(outlier_minutes) {
  for (std::size_t i = 0; i < orgs_.size(); ++i) {
    dedup_.emplace_back(dedup_capacity);
    feeds_[i].last_heard = orgs_[i].answered_at;
    std::sort(orgs_[i].agents.begin(), orgs_[i].agents.end(), by_user);
  }
}

bool AdherenceWatch::apply(std::size_t org, std::string_view topic, const json& body, client::Instant now) {
  if (org >= orgs_.size()) return false;
  auto record = parse_adherence_record(body);
  if (!record) return false;
  if (!dedup_[org].first_time(topic, body)) return false;
  heard(org, now);
  auto& o = orgs_[org];
  const auto removed_it = body.find("removedFromManagementUnit");
  const bool removed = removed_it != body.end() && removed_it->is_boolean() && removed_it->get<bool>();
  auto it = std::lower_bound(o.agents.begin(), o.agents.end(), *record, by_user);
  const bool known = it != o.agents.end() && it->user_id == record->user_id;
  if (known) {
    if (older(*record, *it)) return false;
    if (removed) {
      o.agents.erase(it);
    } else {
      if (same_state(*it, *record)) return false;
      take_state(*it, *record);
    }
  } else {
    if (removed) return false;
    record->org = o.org;
    record->region = o.region;
    record->person_key = o.org + "/" + record->user_id;  // e-mail unknown until the next REST reading
    o.agents.insert(it, std::move(*record));
  }
  ++applied_;
  return true;
}

void AdherenceWatch::resync(std::size_t org, OrgAdherence reading, client::Instant now) {
  if (org >= orgs_.size()) return;
  auto& o = orgs_[org];
  if (reading.status.is_missing()) {
    if (o.agents.empty()) o.status = reading.status;
    return;
  }
  std::sort(reading.agents.begin(), reading.agents.end(), by_user);
  auto held = o.agents.begin();
  for (auto& r : reading.agents) {
    while (held != o.agents.end() && held->user_id < r.user_id) ++held;
    if (held != o.agents.end() && held->user_id == r.user_id && older(r, *held)) take_state(r, *held);
  }
  o = std::move(reading);
  heard(org, now);
  if (feeds_[org].feed == Feed::polling) feeds_[org].was_polled = true;
}

void AdherenceWatch::heard(std::size_t org, client::Instant now) {
  if (org < feeds_.size() && (!feeds_[org].last_heard || *feeds_[org].last_heard < now)) feeds_[org].last_heard = now;
}

void AdherenceWatch::set_feed(std::size_t org, Feed feed, std::string why) {
  if (org >= feeds_.size()) return;
  auto& f = feeds_[org];
  f.feed = feed;
  f.why = std::move(why);
  if (feed == Feed::live) f.was_live = true;
}

void AdherenceWatch::count_reconnect(std::size_t org) {
  if (org < feeds_.size()) ++feeds_[org].reconnects;
}

void AdherenceWatch::count_heartbeat_gap(std::size_t org) {
  if (org < feeds_.size()) ++feeds_[org].heartbeat_gaps;
}

AdherenceSnapshot AdherenceWatch::snapshot(client::Instant now) const {
  std::vector<OrgAdherence> orgs = orgs_;
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    auto& o = orgs[i];
    const auto& f = feeds_[i];
    o.counts = {};
    for (const auto& a : o.agents) o.counts.add(a);
    o.answered_at = f.last_heard;
    if (o.status.is_missing() && !f.fed()) continue;  // nothing usable yet: the reading's reason stands
    switch (f.feed) {
      case Feed::starting:
      case Feed::live: break;
      case Feed::reconnecting: o.status = RegionStatus::partial("reconnecting", f.why); break;
      case Feed::polling:
        o.status = f.was_polled ? RegionStatus::partial("polled over REST", f.why) : RegionStatus::missing(f.why);
        break;
    }
  }
  return merge_adherence(std::move(orgs), now, outlier_minutes_);
}

bool WatchResult::every_region_fed() const {
  return std::all_of(feeds.begin(), feeds.end(), [](const RegionFeed& f) { return f.fed(); });
}

WatchResult watch_adherence(client::OrgClients& orgs, client::WebSocketConnector& sockets, const WatchOptions& options,
                            const std::function<bool()>& stop,
                            const std::function<void(const AdherenceSnapshot&, const std::vector<RegionFeed>&)>& on_snapshot) {
  WatchResult result;
  if (orgs.size() == 0) return result;
  auto& clock = orgs.at(0).clock();
  std::vector<OrgAdherence> readings;
  std::vector<std::vector<std::string>> topics(orgs.size());
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    readings.push_back(read_org_adherence(orgs.at(i)));
    for (const auto& mu : readings.back().management_unit_ids) topics[i].push_back(management_unit_adherence_topic(mu));
  }
  AdherenceWatch watch(std::move(readings), options.outlier_minutes);
  std::mutex mutex;
  std::atomic<bool> done{false};
  const std::function<bool()> stopping = [&done] { return done.load(); };
  const client::Millis slice = std::max(options.channel.read_slice, client::Millis(1));

  auto wait = [&](client::Instant until) {
    while (!done && clock.now() < until) clock.sleep_until(std::min(until, clock.now() + slice));
  };
  auto poll = [&](std::size_t i, std::string why) {
    {
      std::lock_guard lock(mutex);
      watch.set_feed(i, Feed::polling, why);
    }
    while (!done) {
      auto reading = read_org_adherence(orgs.at(i));
      {
        std::lock_guard lock(mutex);
        if (reading.status.is_missing()) watch.set_feed(i, Feed::polling, fmt::format("{}; {}", why, reading.status.why));
        else watch.set_feed(i, Feed::polling, why);
        watch.resync(i, std::move(reading), clock.now());
      }
      wait(clock.now() + options.interval);
    }
  };
  auto run_org = [&](std::size_t i) {
    auto& org = orgs.at(i);
    if (topics[i].empty()) return poll(i, "no management unit to subscribe");
    client::NotificationChannel channel(org, sockets, topics[i], options.channel);
    client::Instant last_resync = clock.now();
    bool first_socket = true;
    auto resync_now = [&] {
      auto reading = read_org_adherence(org);
      std::lock_guard lock(mutex);
      watch.resync(i, std::move(reading), clock.now());
      last_resync = clock.now();
    };
    client::ChannelHandlers h;
    h.on_event = [&](const client::NotificationFrame& f) {
      std::lock_guard lock(mutex);
      watch.apply(i, f.topic, f.body, clock.now());
    };
    h.on_signal = [&](client::ChannelSignal s, std::string_view detail) {
      using client::ChannelSignal;
      const auto now = clock.now();
      switch (s) {
        case ChannelSignal::subscribed:
          resync_now();  // events before the subscription (or while no channel existed) are not coming
          break;
        case ChannelSignal::connected: {
          std::lock_guard lock(mutex);
          if (!first_socket) watch.count_reconnect(i);
          first_socket = false;
          watch.set_feed(i, Feed::live);
          watch.heard(i, now);
          break;
        }
        case ChannelSignal::heartbeat: {
          {
            std::lock_guard lock(mutex);
            watch.heard(i, now);
          }
          if (now - last_resync >= options.resync_every) resync_now();
          break;
        }
        default: {
          std::lock_guard lock(mutex);
          if (s == ChannelSignal::heartbeat_missed) watch.count_heartbeat_gap(i);
          watch.set_feed(i, Feed::reconnecting,
                         detail.empty() ? std::string(client::to_string(s)) : fmt::format("{}: {}", client::to_string(s), detail));
        }
      }
    };
    const auto status = channel.run(stopping, h);
    if (!status && !done) poll(i, fmt::format("notifications failed: {}", status.error().message()));
  };

  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < orgs.size(); ++i) threads.emplace_back(run_org, i);
  const auto start = clock.now();
  const auto end = options.run_for ? start + *options.run_for : client::Instant::max();
  auto next = start + options.interval;
  while (!stop() && clock.now() < end) {
    clock.sleep_until(std::min({next, end, clock.now() + slice}));
    if (clock.now() >= next && clock.now() < end) {
      AdherenceSnapshot s;
      std::vector<RegionFeed> feeds;
      {
        std::lock_guard lock(mutex);
        s = watch.snapshot(clock.now());
        feeds = watch.feeds();
      }
      if (on_snapshot) on_snapshot(s, feeds);
      next += options.interval;
    }
  }
  done = true;
  for (auto& t : threads) t.join();
  result.snapshot = watch.snapshot(clock.now());
  result.feeds = watch.feeds();
  result.events_applied = watch.applied();
  return result;
}

json feeds_json(const AdherenceSnapshot& s, const std::vector<RegionFeed>& feeds) {
  json out = json::array();
  for (std::size_t i = 0; i < feeds.size() && i < s.orgs.size(); ++i) {
    const auto& f = feeds[i];
    const auto& o = s.orgs[i];
    out.push_back({{"org", o.org},
                   {"region", o.region},
                   {"feed", std::string(to_string(f.feed))},
                   {"why", f.why},
                   {"reconnects", f.reconnects},
                   {"heartbeatGaps", f.heartbeat_gaps},
                   {"lastHeard", f.last_heard ? json(api::format_instant(*f.last_heard)) : json(nullptr)},
                   {"stalenessMs", o.staleness ? json(o.staleness->count()) : json(nullptr)}});
  }
  return out;
}

}  // namespace mockgc::workflows
