#pragma once
// Volume input for the living capacity model: aggregated interval volume per queue group, as the
// reference client emits it (and as `gc-hub capacity --volume FILE` reads it).
//
// Format (JSON, UTF-8), version "mockgc.capacity.volume/1":
// {
//   "format": "mockgc.capacity.volume/1",
//   "interval_minutes": 15,                      // 15 or 30; all groups share it
//   "queue_groups": [
//     {
//       "name": "Support EN",                    // unique, non-empty
//       "time_zone": "Europe/London",            // optional IANA zone of the business unit;
//                                                //   informational: weeks are cut in UTC
//       "start": "2026-01-05T00:00:00Z",         // UTC start of the first interval, aligned to
//                                                //   interval_minutes
//       "offered": [12, 14.5, ...],              // offered contacts per interval (≥ 0, finite)
//       "aht_seconds": [300, 312, ...],          // handle time per interval (> 0; ignored where
//                                                //   offered is 0 but must still be > 0)
//       "service_level": 0.8, "sl_seconds": 20,  // optional per-group target (else the plan's)
//       "max_concurrent": 1                      // optional chat concurrency 1..5 (Erlang C on
//                                                //   AHT / practitioner concurrency factor)
//     }
//   ]
// }
// Interval i of a group starts at start + i × interval_minutes. Unknown keys are errors (so typos
// surface); every error names the group and the index.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "mockgc/capacity/result.hpp"

namespace mockgc::capacity {

inline constexpr std::string_view kVolumeFormat = "mockgc.capacity.volume/1";

struct QueueGroupVolume {
  std::string name;
  std::string time_zone;            ///< empty when not given
  std::int64_t start_utc = 0;       ///< seconds since the Unix epoch
  std::vector<double> offered;
  std::vector<double> aht_seconds;
  std::optional<double> service_level;
  std::optional<double> sl_seconds;
  int max_concurrent = 1;
};

struct VolumeSet {
  int interval_minutes = 15;
  std::vector<QueueGroupVolume> groups;
};

Result<VolumeSet> parse_volume_json(std::string_view text);
Result<VolumeSet> load_volume_file(const std::string& path);
nlohmann::json to_json(const VolumeSet& volume);

/// Validates shapes and values (also used after merges and for synthetic sets).
Status validate(const VolumeSet& volume);

/// Living-model update: intervals of `update` replace the same (group, interval start) in `base`;
/// new groups and intervals beyond the ends are added (gaps are filled with zero volume and the
/// neighbouring AHT). Interval lengths must match.
Status merge_volume(VolumeSet& base, const VolumeSet& update);

struct SyntheticVolumeOptions {
  int weeks = 26;
  std::uint64_t seed = 1;
  int interval_minutes = 15;
  std::int64_t start_utc = 1767571200;  ///< 2026-01-05T00:00:00Z, a Monday
  double weekly_calls = 40000.0;        ///< per group, first week
  double weekly_growth = 0.004;         ///< trend per week
  double aht_seconds = 300.0;
  int groups = 1;
};

/// A reproducible synthetic forecast (intraday double peak × weekday profile × trend, Poisson noise)
/// so `gc-hub capacity` runs without a server.
VolumeSet synthetic_volume(const SyntheticVolumeOptions& options);

/// "2026-01-05T00:00:00Z" ⇄ epoch seconds (UTC only; no zones, so no DST).
Result<std::int64_t> parse_utc(std::string_view text);
std::string format_utc(std::int64_t epoch_seconds);
std::string format_date(std::int64_t epoch_seconds);   ///< "2026-01-05"
std::string format_month(std::int64_t epoch_seconds);  ///< "2026-01"

}  // namespace mockgc::capacity
