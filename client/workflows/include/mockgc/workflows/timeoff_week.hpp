#pragma once
// Time-off aggregation for one week across orgs.
//
// Per org: GET …/managementunits (MU → BU), GET …/businessunits/{bu}?expand=settings (timeZone,
// startDayOfWeek), then per MU POST …/managementunits/{mu}/timeoffrequests/query with
// {dateRange: {startDate, endDate} (the 7 local dates of the week, ≤ 33 days), statuses (if chosen)}.
// The week (documented choices):
//   - `week` names a calendar date; each MU's week is the one of its BU that contains that local date:
//     it starts on the BU's startDayOfWeek at local midnight and ends at the next start's local midnight,
//     converted with date/tz (167 h or 169 h across a DST change). Without a date: the week containing
//     the Clock's local today in that BU's zone.
//   - A request belongs to the week when one of its full-day dates is one of the week's local dates or one
//     of its partial-day starts is inside [window start, window end).
// Merged across MUs and orgs, de-duplicated by request id (first seen wins, ORGS.json then MU order),
// sorted by submittedDate then id. Each entry carries UTC instants and the same instants in its MU's zone.
// An org whose MU listing fails is missing; an org with some MUs unreadable is partial.
#include <chrono>
#include <functional>
#include <string_view>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/client/org_clients.hpp"
#include "mockgc/workflows/region_status.hpp"

namespace mockgc::workflows {

struct TimeOffWeekOptions {
  std::optional<std::chrono::sys_days> week;  // a date inside the wanted week; nullopt = current week
  std::vector<std::string> statuses;          // empty = every status
  std::function<void(std::size_t done, std::size_t total, std::string_view what)> progress;  // per org read
};

struct ManagementUnitWeek {
  std::string management_unit_id;
  std::string business_unit_id;
  std::string time_zone;
  std::string start_day_of_week;
  std::chrono::sys_days first_day{};  // local date (as a calendar date) of the week's first day
  client::Instant window_start{};
  client::Instant window_end{};
};

// The week of `date` (a local calendar date) for a BU in `time_zone` starting on `start_day_of_week`
// ("Monday"…). Throws std::runtime_error for an unknown zone or day name.
ManagementUnitWeek week_containing(std::chrono::sys_days date, const std::string& time_zone,
                                   const std::string& start_day_of_week);
// The local calendar date of `t` in `time_zone`.
std::chrono::sys_days local_date(client::Instant t, const std::string& time_zone);
// "2024-03-31T03:00:00+02:00"
std::string format_local(client::Instant t, const std::string& time_zone);

struct TimeOffEntry {
  std::string org;
  std::string region;
  std::string management_unit_id;
  std::string time_zone;
  std::string id;
  std::string user_id;
  std::string status;
  client::Instant submitted{};
  bool full_day = false;
  std::vector<std::string> full_day_dates;         // local dates as sent ("2024-03-31")
  std::vector<client::Instant> partial_day_starts;  // UTC
  int daily_duration_minutes = 0;
};

struct OrgTimeOff {
  std::string org;
  std::string region;
  RegionStatus status;
  std::vector<ManagementUnitWeek> weeks;  // one per readable MU
  int requests = 0;                       // entries of this org after de-duplication
};

struct TimeOffWeek {
  std::vector<OrgTimeOff> orgs;        // every org, ORGS.json order
  std::vector<TimeOffEntry> requests;  // merged, de-duplicated by id, sorted by submittedDate then id
  int duplicates = 0;                  // entries dropped as repeated ids
  bool any_missing() const;
};

TimeOffWeek aggregate_time_off_week(client::OrgClients& orgs, const TimeOffWeekOptions& options);
bool in_week(const TimeOffEntry& e, const ManagementUnitWeek& w);
// {timeZone, startDayOfWeek, firstDay, startUtc, endUtc, startLocal, endLocal} of a week (no unit id).
nlohmann::json week_json(const ManagementUnitWeek& w);
nlohmann::json to_json(const TimeOffWeek& w);

}  // namespace mockgc::workflows
