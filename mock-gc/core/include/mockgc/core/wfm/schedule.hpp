#pragma once
// Generated WFM data of one org: weekly BU schedules, time-off requests and live adherence.
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

struct ShiftTrade;  // shift_trades.hpp
class ScheduleOverlay;

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

class Workforce {
 public:
  Workforce(const World& world, const OrgWorld& org, std::uint64_t seed);
  ~Workforce();
  Workforce(const Workforce&) = delete;
  Workforce& operator=(const Workforce&) = delete;

  const OrgWorld& org() const { return *org_; }
  std::uint64_t seed() const { return seed_; }
  const DemandModel& demand() const { return demand_; }

  // Calendar of a BU: its zone, whether a date is its week start, local midnight as an instant.
  const date::time_zone* zone(const BusinessUnit& bu) const;
  bool is_week_start(const BusinessUnit& bu, Day d) const;
  Day week_containing(const BusinessUnit& bu, Day local) const;
  Day local_date(const BusinessUnit& bu, Instant t) const;
  Instant local_time(const BusinessUnit& bu, Day d, std::chrono::minutes since_midnight) const;
  const BusinessUnit* business_unit_of(const User& u) const;
  std::vector<const User*> agents_of(const BusinessUnit& bu) const;

  std::string schedule_id(const BusinessUnit& bu, Day week) const;
  std::string forecast_id(const BusinessUnit& bu, Day week) const;
  // The published schedule of a BU week (week must be a week start). Cached: the least recently used weeks go
  // beyond max(4 per BU, 12,800 agent-weeks) per org (schedule.cpp).
  std::shared_ptr<const WeekSchedule> schedule(const BusinessUnit& bu, Day week) const;

  // Time off: generated requests overlaid with run-time creations/edits. [from, to] are local dates.
  std::vector<TimeOffRequest> time_off(const User& u, Day from, Day to) const;
  std::optional<TimeOffRequest> time_off_by_id(const User& u, std::string_view id, Day around) const;
  // Stores a created or edited request (run-time state; published schedules are not changed).
  void store_time_off(TimeOffRequest r);
  std::string next_time_off_id();
  // Generated approved full-day requests of a user (no run-time overlay): what the schedules mark.
  std::vector<TimeOffRequest> generated_time_off(const User& u, Day from, Day to) const;

  // Live adherence of a user at t: scheduled activity from the schedules, actual state from a seeded
  // per-(agent, shift) deviation process (late start, long first break, early leave, overtime on queue).
  AdherenceAt adherence(const User& u, Instant t) const;

  // Imported forecasts of a BU week whose import completed by `now`, in import order.
  void add_imported_forecast(ImportedForecast f);
  std::vector<ImportedForecast> imported_forecasts(const std::string& bu_id, Day week, Instant now) const;
  // Imported schedules of a BU whose import completed by `now`, in import order (bounded per BU). A schedule
  // with several versions is listed once: its newest completed version, where that version was added.
  void add_imported_schedule(ImportedSchedule s);
  std::vector<ImportedSchedule> imported_schedules(const std::string& bu_id, Instant now) const;
  // The newest version of an imported schedule, completed or not (what an update applies to).
  std::optional<ImportedSchedule> latest_imported_schedule(const std::string& bu_id, std::string_view id) const;
  // The schedule agents follow at t (agent state and live adherence read it): the BU week's published
  // schedule as of t (its latest published import completed by t, else the generated week) with the shift
  // trades approved by t applied. Without imports or approved trades, schedule(bu, week).
  std::shared_ptr<const WeekSchedule> schedule_in_force(const BusinessUnit& bu, Day week, Instant t) const;
  // Instants in (from, to) at which the schedule in force of some week of `bu` changes.
  std::vector<Instant> schedule_changes(const BusinessUnit& bu, Instant from, Instant to) const;
  // Grows with every change of the run-time schedule state: what caches derived from the schedule compare.
  std::uint64_t schedule_generation() const;
  // Shift trades created or changed at run time (the generated ones: generated_shift_trades). Storing an
  // Approved trade makes it swap the shifts in the schedule in force from its reviewed instant on.
  void store_shift_trade(ShiftTrade t);
  std::optional<ShiftTrade> stored_shift_trade(std::string_view id) const;
  std::vector<ShiftTrade> stored_shift_trades(std::string_view mu_id, Day week) const;
  std::string next_shift_trade_id();
  // The actual state alone (what presence reports) at t.
  ActualState actual_at(const User& u, Instant t) const;
  // The same deviation process over [from, to) (at most a few days): contiguous spans, neighbours differ.
  struct PresenceSpan {
    Instant start{}, end{};
    ActualState state = ActualState::Offline;
  };
  std::vector<PresenceSpan> presence_timeline(const User& u, Instant from, Instant to) const;
  // Instants in (from, to] at which the live adherence of `u` may change for a reason of the schedule or of
  // the deviation process (activity and shift boundaries, deviations, BU-local midnights); a superset.
  std::vector<Instant> adherence_boundaries(const User& u, Instant from, Instant to) const;
  // Every active agent with a business unit, in org user order.
  const std::vector<const User*>& agents() const;

 private:
  struct Impl;
  const OrgWorld* org_;
  std::uint64_t seed_;
  DemandModel demand_;
  std::unique_ptr<Impl> impl_;
  std::unique_ptr<ScheduleOverlay> overlay_;
};

}  // namespace mockgc::core::wfm
