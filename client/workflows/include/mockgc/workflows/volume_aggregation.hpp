#pragma once
// Cross-org volume aggregation: analytics aggregates (nOffered, tHandle count/sum)
// per queue per interval over N weeks from every org, then local-day rollups in each org's business-unit
// zone and queue groups matched across orgs by name.
//
// - Window: [end - weeks*7d, end); `end` is floored to the granularity (UTC). Requests are cut into
//   chunks of at most 31 days (the sync aggregates limit); the last chunk may be shorter.
// - Series: per queue per interval (UTC): offered (nOffered), handled (tHandle.count), handle sum (ms).
//   As Genesys counts them, nOffered lands in the offer interval and tHandle where handling ends.
// - A chunk whose request fails (HTTP status/code, transport error, malformed answer) leaves its intervals
//   at zero and listed in `missing` with the reason → the org is `partial`; every chunk failed, no business
//   unit or no queues → `missing`. Never silently dropped.
// - Local days: intervals grouped by the local date of their start in the org's BU zone (date/tz.h), so
//   a DST day has its own 92 or 100 quarter-hours.
// - Queue groups: queues of every org with the same activity_code_name_key(name) (trim, collapse inner
//   whitespace, ASCII case-fold — the helper activity-code sync uses). Blended AHT = Σ handle ms / Σ
//   handled, i.e. weighted by handled count, never a mean of per-org AHTs. A leading "<org name> " is
//   dropped from the name first (VolumeOptions::strip_org_name_prefix, on by default).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/client/clock.hpp"
#include "mockgc/client/org_clients.hpp"
#include "mockgc/workflows/activity_code_sync.hpp"  // ProgressFn
#include "mockgc/workflows/region_status.hpp"

namespace mockgc::workflows {

struct VolumeOptions {
  client::Instant end{};        // window end (the CLI's --end, default now); floored to the granularity
  int weeks = 2;                // N ≥ 1
  int interval_minutes = 15;    // granularity: 15, 30 or 60
  std::optional<std::string> business_unit;  // BU name giving the zone; default: each org's first BU
  // Queue names often carry the org's own name as a prefix ("EMEA Support - Chat"); when set, a leading
  // "<org name> " is dropped before keying so the same queue matches across orgs.
  bool strip_org_name_prefix = true;
  ProgressFn progress;
};

struct TimeChunk {
  client::Instant start{}, end{};
};
// [end - weeks, end) cut into consecutive chunks of at most `max_days` days.
std::vector<TimeChunk> volume_chunks(client::Instant start, client::Instant end, int max_days = 31);
// "2026-01-05T00:00:00Z" (also with fractional seconds) → instant; nullopt when unparseable.
std::optional<client::Instant> parse_utc_instant(const std::string& text);
// "2026-01-05T00:00:00Z/2026-02-05T00:00:00.000Z"
std::string interval_text(const TimeChunk& c);

struct QueueSeries {
  std::string id, name, key;          // key = activity_code_name_key(name)
  std::vector<std::uint64_t> offered, handled, handle_ms;  // one per interval of the window
  std::uint64_t total_offered() const;
  std::uint64_t total_handled() const;
  std::uint64_t total_handle_ms() const;
};

struct LocalDay {
  std::string date;   // local date "YYYY-MM-DD" in the zone
  int intervals = 0;  // interval starts on that local date inside the window (92/96/100 for 15 min)
  std::uint64_t offered = 0, handled = 0, handle_ms = 0;
  int minutes = 1440;  // length of the local date in the zone: 1380 or 1500 on a DST change
  bool dst_change() const { return minutes != 1440; }
  bool operator==(const LocalDay&) const = default;
};
// Rolls a series starting at `start` (interval_minutes apart) up to local days of `time_zone`.
// Throws std::runtime_error on an unknown zone (callers check the zone first).
std::vector<LocalDay> local_day_rollup(client::Instant start, int interval_minutes, const std::string& time_zone,
                                       const std::vector<std::uint64_t>& offered,
                                       const std::vector<std::uint64_t>& handled,
                                       const std::vector<std::uint64_t>& handle_ms);

struct MissingChunk {
  TimeChunk chunk;
  std::string why;
};

struct OrgVolume {
  std::string org, region, business_unit, time_zone;
  RegionStatus status;
  std::vector<QueueSeries> queues;       // in the org's listing order
  std::vector<MissingChunk> missing;     // failed chunks (their intervals are zero in the series)
  std::vector<LocalDay> days;            // all queues of the org, local days in time_zone
  std::size_t chunks = 0;
  std::uint64_t offered() const;
  std::uint64_t handled() const;
  std::uint64_t handle_ms() const;
};

struct QueueGroup {
  std::string key, name;                 // name: the first org's display name
  std::string time_zone;                 // the first org's zone (informational)
  std::vector<std::string> regions;      // orgs contributing, in org order
  std::vector<std::uint64_t> offered, handled, handle_ms;  // summed per interval
  std::uint64_t total_offered = 0, total_handled = 0, total_handle_ms = 0;
  std::optional<double> blended_aht_seconds;  // none when nothing was handled
};

struct VolumeReport {
  client::Instant start{}, end{};
  int interval_minutes = 15;
  std::size_t intervals = 0;
  std::vector<OrgVolume> orgs;           // every org of OrgClients, in its order
  std::vector<QueueGroup> groups;        // by key
  bool any_missing() const;
};

VolumeReport aggregate_volume(client::OrgClients& orgs, const VolumeOptions& options);
// activity_code_name_key(name), after dropping a leading "<org_name> " (case-insensitive) when asked.
std::string queue_group_key(std::string_view name, std::string_view org_name, bool strip_org_name_prefix);
std::vector<QueueGroup> group_queues(const std::vector<OrgVolume>& orgs, std::size_t intervals);

// Deterministic JSON: window, per org status/totals/missing/local days/per-queue totals, groups.
nlohmann::json to_json(const VolumeReport& report);
// client/capacity/README.md "volume input format" (mockgc.capacity.volume/1), one entry per queue group.
// Intervals with nothing handled take the group's blended AHT (300 s when the group handled nothing):
// the format requires aht_seconds > 0. Only 15- and 30-minute granularity is valid there.
nlohmann::json capacity_volume_json(const VolumeReport& report);

}  // namespace mockgc::workflows
