#pragma once
// The WFM values of one org: weekly BU schedules, time-off requests, imported forecasts and schedules, live
// adherence (wfm::Workforce, workforce.hpp, generates and keeps them).
// Everything is a pure function of (seed, entity ids, dates): a week's schedule is generated on demand
// and cached (bounded), so a value never depends on which weeks were asked for first.
//
// Schedules staff the demand model: each working agent-day gets one shift whose start (07:00..13:00 BU
// local, 30-minute steps) is drawn with probability proportional to the demand model's expected workload
// (offered x AHT, all queues) inside the shift window, so staffing follows the intraday curve
// (an Erlang-free rule). Agents work 5 days a week (2 consecutive days off, varying by week).
// Bi-regional agents: a shift starting on UTC date D is kept in org R only when the owner of D and of D-1
// is R (owner = hash(email, D/3) over the person's sorted regions, computed identically by every org);
// with shifts shorter than a day this makes on-queue time in two orgs at once impossible.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mockgc/core/clock.hpp"
#include "mockgc/core/wfm/demand.hpp"
#include "mockgc/core/world.hpp"

namespace mockgc::core::wfm {

using Day = std::chrono::sys_days;  // a calendar date (local to some zone, stated where used)

struct ScheduledActivity {
  Instant start{};
  int minutes = 0;
  ActivityCategory category = ActivityCategory::OnQueueWork;
  std::string activity_code_id;  // the BU's default code of the category ("0".."7"), or an imported code
  bool paid = true;
  std::string description;  // empty: the default code name of the category
  Instant end() const { return start + std::chrono::minutes(minutes); }
};

struct Shift {
  std::string id;
  Day bu_date{};  // BU-local date of the shift start
  Instant start{};
  int minutes = 0;
  std::vector<ScheduledActivity> activities;  // contiguous, covering the shift
  Instant end() const { return start + std::chrono::minutes(minutes); }
};

struct FullDayMarker {
  Day bu_date{};
  std::string activity_code_id;
  int minutes = 0;
  bool paid = true;
  std::string time_off_request_id;  // empty for an imported marker
  std::string description = "Time Off";
};

struct AgentWeek {
  const User* user = nullptr;
  std::vector<Shift> shifts;
  std::vector<FullDayMarker> markers;
};

struct WeekSchedule {
  std::string id;
  std::string business_unit_id;
  Day week_date{};
  Instant start{}, end{};  // BU-local midnights (167/169 hours in DST weeks)
  std::vector<AgentWeek> agents;  // in org user order
  // The agent's week, by user id: through the index once index_agents() has run after `agents` was filled
  // (the agent state process asks for every followed agent on every step), else by a scan.
  const AgentWeek* find(std::string_view user_id) const;
  void index_agents();

 private:
  std::unordered_map<std::string_view, std::size_t> index_;  // user id (the world's string) → position
};

enum class TimeOffStatus { Pending, Approved, Denied, Canceled };
std::string_view to_string(TimeOffStatus s);  // "PENDING", …
std::optional<TimeOffStatus> parse_time_off_status(std::string_view s);

struct TimeOffRequest {
  std::string id;
  std::string user_id;
  std::string management_unit_id;
  bool full_day = true;
  TimeOffStatus status = TimeOffStatus::Pending;
  std::string activity_code_id = "5";
  bool paid = true;
  std::vector<Day> full_day_dates;          // MU (= BU) local dates
  std::vector<Instant> partial_day_starts;  // instants
  int daily_duration_minutes = 480;
  // Per-day minutes (durationMinutes), one per date or start; empty = daily_duration_minutes on every day.
  std::vector<int> duration_minutes;
  int minutes_on(std::size_t day_index) const {
    return day_index < duration_minutes.size() ? duration_minutes[day_index] : daily_duration_minutes;
  }
  std::string notes;
  Actor submitted_by;
  Instant submitted{};
  std::optional<Instant> reviewed;
  Actor reviewed_by;
  std::optional<Instant> modified;
  Actor modified_by;
  int version = 1;
  // First and last local date the request touches (for range queries).
  Day first_day{}, last_day{};
};

// A short-term forecast imported through the upload flow (creationMethod Import).
struct ImportedForecast {
  std::string id;
  std::string business_unit_id;
  Day week{};
  int week_count = 1;
  std::string description;
  bool can_use_for_scheduling = true;
  Instant created{};
  Instant completes{};               // listed from this instant on (the import's completion)
  std::string planning_groups_json;  // the validated planningGroups array as uploaded
};

// A BU schedule imported through the upload flow (schedule_import.cpp), or a version of one made by an
// update (schedule_update.cpp). Once published, its agent weeks replace the generated schedule in the schedule
// routes (list, metadata, agent-schedule query and search) and, from the version's completion on, in the
// schedule in force that adherence and the agent-state process follow.
struct ImportedSchedule {
  std::string id;
  std::string business_unit_id;
  Day week{};
  int week_count = 1;
  std::string description;
  bool published = false;
  int version = 1;  // metadata.version: 1 for the import, one more for each update
  Instant created{};
  Instant completes{};    // this version is listed from this instant on (the import's or update's completion)
  Instant imported_at{};  // the import's completion (dateCreated of every version)
  std::shared_ptr<const WeekSchedule> schedule;  // spans week_count weeks; agents in upload order
  bool covers(Day w) const { return w >= week && w < week + std::chrono::days(7 * week_count); }
};
// Imported schedule versions kept per BU; an import or update beyond that forgets the BU's oldest version.
inline constexpr std::size_t kMaxImportedSchedulesPerBu = 32;
// The latest of `imports` (import order) published for BU week `w`, judged by each schedule's newest version
// completed by `by` (an update that unpublishes a schedule hides its earlier published versions); nullptr when
// the generated schedule of the week is the published one.
const ImportedSchedule* published_import(const std::vector<ImportedSchedule>& imports, Day w,
                                         Instant by = Instant::max());

enum class ActualState { Offline, OnQueue, Break, Meal, Meeting, Training };

struct AdherenceAt {
  std::optional<ActivityCategory> scheduled;  // nullopt = Unscheduled
  std::string scheduled_code_id;
  ActualState actual = ActualState::Offline;
  std::string_view adherence_state;  // InAdherence | OutOfAdherence | Unscheduled
  std::string_view impact;           // Positive | Negative | Neutral
  Instant time_of_adherence_change{};
  Instant presence_update_time{};
};
// The rule both the service and the properties use.
void classify_adherence(std::optional<ActivityCategory> scheduled, ActualState actual, std::string_view& state,
                        std::string_view& impact);
std::string_view system_presence(ActualState a);
std::string_view actual_activity_category(ActualState a);

}  // namespace mockgc::core::wfm
