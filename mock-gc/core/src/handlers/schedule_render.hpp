#pragma once
// The wire shapes of BU schedules (genesys-api.md §6e) shared by the schedule routes and the schedule
// import's completion, and the rule which schedule a BU week publishes when schedules were imported.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wfm_common.hpp"

namespace mockgc::core {

// The schedule a BU week answers with: a generated one, or an import.
struct WfmScheduleRef {
  std::shared_ptr<const wfm::WeekSchedule> schedule;
  wfm::Day week{};    // the schedule's own week date (an import's first week)
  int week_count = 1;
  const wfm::ImportedSchedule* imported = nullptr;  // null: the generated schedule
};

// "recent" (when `allow_recent`; `out` stays empty) or a yyyy-MM-dd date on the BU's start day of week.
std::optional<ApiError> wfm_parse_schedule_week(const wfm::Workforce& wf, const BusinessUnit& bu,
                                                const std::string& text, bool allow_recent,
                                                std::optional<wfm::Day>& out);

// The schedule a path …/businessunits/{params[0]}/weeks/{params[1]}/schedules/{params[2]} names. Holds a
// pointer into its own `imports`: not copied.
struct WfmScheduleTarget {
  const BusinessUnit* bu = nullptr;
  wfm::Day week{};
  std::vector<wfm::ImportedSchedule> imports;  // the BU's completed imports
  WfmScheduleRef ref;                          // the schedule the path names
  WfmScheduleTarget() = default;
  WfmScheduleTarget(const WfmScheduleTarget&) = delete;
  WfmScheduleTarget& operator=(const WfmScheduleTarget&) = delete;
};
// 404 for an unknown BU or a schedule the week does not have; 400 for a malformed week.
std::optional<ApiError> wfm_find_schedule(const Call& call, WfmScheduleTarget& t);

// The latest import among `imports` (import order) published for BU week `w`; nullptr when the generated
// schedule of the week is the published one.
const wfm::ImportedSchedule* wfm_published_import(const std::vector<wfm::ImportedSchedule>& imports, wfm::Day w);
std::string wfm_schedule_self(const std::string& bu_id, wfm::Day week, const std::string& id);
// BuScheduleListItem of the generated schedule of a week; `published` false once an import replaced it.
json wfm_generated_schedule_item(const wfm::Workforce& wf, const BusinessUnit& bu, wfm::Day week, bool published);
// BuScheduleListItem of an imported schedule.
json wfm_imported_schedule_item(const BusinessUnit& bu, const wfm::ImportedSchedule& s, bool published);
// The managementUnits of BuScheduleMetadata (agent refs listed when `with_agents`).
json wfm_schedule_management_units(const BusinessUnit& bu, const wfm::WeekSchedule& ws, bool with_agents);
// The activities and full-day markers of an agent week on the wire (BuAgentScheduleActivity, BuFullDayTimeOffMarker).
json wfm_activity_json(const wfm::ScheduledActivity& a);
json wfm_marker_json(const wfm::FullDayMarker& m);

}  // namespace mockgc::core
