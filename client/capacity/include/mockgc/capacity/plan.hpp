#pragma once
// Deterministic capacity plan: interval volume → Erlang C agents per interval → weekly FTE.
// Weeks are cut in UTC, 7 days from the earliest interval start of any group. A partial last week is
// scaled by its coverage (paid hours × covered fraction), so its FTE is comparable to full weeks.
#include <cstdint>
#include <string>
#include <vector>

#include "mockgc/capacity/result.hpp"
#include "mockgc/capacity/staffing.hpp"
#include "mockgc/capacity/volume.hpp"

namespace mockgc::capacity {

struct PlanSettings {
  StaffingTarget target = [] {
    StaffingTarget t;
    t.service_level = 0.8;
    t.sl_seconds = 20.0;
    return t;
  }();
  double shrinkage = 0.30;            ///< mean total shrinkage on paid hours, applied once on the aggregate
  double paid_hours_per_week = 37.5;  ///< paid hours per FTE per week
};

Status validate(const PlanSettings& settings);

/// Volume flattened for planning: per group, effective Erlangs and AHT per interval plus week index.
struct PlanInputs {
  struct Group {
    std::string name;
    StaffingTarget target;
    std::vector<double> erlangs;      ///< effective load (chat: AHT / concurrency factor)
    std::vector<double> aht_seconds;  ///< effective AHT
    std::vector<int> week;            ///< week index of each interval (non-decreasing)
  };
  double interval_hours = 0.25;
  std::int64_t start_utc = 0;
  int weeks = 0;
  std::vector<std::int64_t> week_start_utc;
  std::vector<double> week_coverage;  ///< fraction of the week inside the data (0, 1]
  std::vector<Group> groups;
  PlanSettings settings;
};

Result<PlanInputs> make_plan_inputs(const VolumeSet& volume, const PlanSettings& settings);

struct WeeklyPlan {
  std::vector<double> productive_agent_hours;  ///< Σ agents × interval hours, per week
  std::vector<double> fte;                     ///< agent-hours / (1 − s) / (paid hours × coverage)
};

/// The point plan, solved interval by interval with the reference search (required_agents_erlang_c).
Result<WeeklyPlan> deterministic_plan(const PlanInputs& inputs);

}  // namespace mockgc::capacity
