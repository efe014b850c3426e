#pragma once
// A live global adherence snapshot from the management units' adherence topics
// (v2.workforcemanagement.managementunits.{id}.adherence) of every org, over notification channels, with
// REST polling for a region whose channel fails.
//
// Pure part (AdherenceWatch, no network): the org readings of adherence_snapshot.hpp, kept current by events.
//   - An event replaces the agent's record unless it is older (adherenceChangeTime before the held record's
//     change time) or was seen before (same topic + payload: client::EventDeduplicator). A user the readings
//     did not know is added under "<org>/<userId>" (its e-mail is unknown until the next REST reading).
//   - removedFromManagementUnit: true removes the agent.
//   - resync(org, reading) merges a REST reading in the same way (a held record newer than the reading's
//     stays; an agent the reading lacks goes): used after every (re)subscription, when events may have
//     been lost in between, every `resync_every`, and by the polling fallback.
//   - A region's staleness = snapshot time − the last time it was heard from (an event, a heartbeat, a
//     socket opened, a REST reading). The snapshot's merge (people in several orgs counted once, outliers)
//     is merge_adherence's.
// Orchestration (watch_adherence): one thread per org; see its comment.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "mockgc/client/notification_channel.hpp"
#include "mockgc/client/org_clients.hpp"
#include "mockgc/client/websocket.hpp"
#include "mockgc/workflows/adherence_snapshot.hpp"

namespace mockgc::workflows {

// How a region's data arrives.
enum class Feed {
  starting,      // nothing yet
  live,          // a notification socket is open
  reconnecting,  // the socket ended (warning, drop, silence, 404); a new one is on its way
  polling,       // notifications failed: REST readings every interval
};
std::string_view to_string(Feed feed);

struct RegionFeed {
  Feed feed = Feed::starting;
  std::string why;                          // what ended the last socket, or why notifications failed
  std::optional<client::Instant> last_heard;
  bool was_live = false;
  bool was_polled = false;                  // a REST reading succeeded while polling
  int reconnects = 0;                       // sockets after the first
  int heartbeat_gaps = 0;                   // sockets given up because their heartbeats stopped
  bool fed() const { return was_live || was_polled; }
};

// The MU adherence topic of a management unit.
std::string management_unit_adherence_topic(std::string_view management_unit_id);

class AdherenceWatch {
 public:
  AdherenceWatch(std::vector<OrgAdherence> readings, int outlier_minutes, std::size_t dedup_capacity = 4096);

  // Applies one adherence event (its eventBody) of org `org` heard at `now`. True when it changed the held
  // state; false for a duplicate, an older record, a body without a user id, or an unknown org.
  bool apply(std::size_t org, std::string_view topic, const nlohmann::json& body, client::Instant now);
  // Merges a REST reading of org `org` (a missing reading changes nothing but the status it reports).
  void resync(std::size_t org, OrgAdherence reading, client::Instant now);
  void heard(std::size_t org, client::Instant now);
  void set_feed(std::size_t org, Feed feed, std::string why = {});
  void count_reconnect(std::size_t org);
  void count_heartbeat_gap(std::size_t org);

  AdherenceSnapshot snapshot(client::Instant now) const;
  const RegionFeed& feed(std::size_t org) const { return feeds_.at(org); }
  const std::vector<RegionFeed>& feeds() const { return feeds_; }
  std::size_t size() const { return orgs_.size(); }
  std::uint64_t applied() const { return applied_; }

 private:
  std::vector<OrgAdherence> orgs_;
  std::vector<RegionFeed> feeds_;
  std::vector<client::EventDeduplicator> dedup_;
  int outlier_minutes_;
  std::uint64_t applied_ = 0;
};

struct WatchOptions {
  int outlier_minutes = 10;
  client::Millis interval{60'000};        // between printed snapshots, and between polls of a fallback region
  client::Millis resync_every{300'000};   // REST re-reading of a live region (events a fault dropped)
  std::optional<client::Millis> run_for;  // nullopt: until `stop`
  client::NotificationChannelOptions channel;
};

struct WatchResult {
  AdherenceSnapshot snapshot;       // at the end
  std::vector<RegionFeed> feeds;    // per org, in ORGS.json order
  std::uint64_t events_applied = 0;
  bool every_region_fed() const;    // each region was live or polled at some point
};

// Reads every org over REST, then per org (one thread each) subscribes its MUs' adherence topics on a
// notification channel and applies the events; a region whose channel gives up (NotificationChannel::run's
// error) is polled over REST every `interval` instead. `on_snapshot` gets a snapshot every `interval` (on
// the calling thread). Ends after `run_for` or when `stop` turns true; the org threads stop within about a
// read slice.
WatchResult watch_adherence(client::OrgClients& orgs, client::WebSocketConnector& sockets, const WatchOptions& options,
                            const std::function<bool()>& stop,
                            const std::function<void(const AdherenceSnapshot&, const std::vector<RegionFeed>&)>& on_snapshot);

// {"org","region","feed","why","reconnects","heartbeatGaps","lastHeard","stalenessMs"} per region.
nlohmann::json feeds_json(const AdherenceSnapshot& s, const std::vector<RegionFeed>& feeds);

}  // namespace mockgc::workflows
