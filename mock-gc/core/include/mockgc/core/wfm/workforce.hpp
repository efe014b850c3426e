#pragma once
// The workforce of one org: generates and keeps its WFM data (schedule.hpp: weekly BU schedules, time off,
// live adherence, imported forecasts and schedules, shift trades), each a pure function of (seed, entity ids,
// dates) overlaid with what requests change at run time.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mockgc/core/clock.hpp"
#include "mockgc/core/wfm/demand.hpp"
#include "mockgc/core/wfm/schedule.hpp"
#include "mockgc/core/world.hpp"

namespace mockgc::core::wfm {

struct ShiftTrade;  // shift_trades.hpp
class ScheduleOverlay;

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
  // beyond max(4 per BU, 12,800 agent-weeks) per org (workforce.cpp, schedule.cpp).
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
