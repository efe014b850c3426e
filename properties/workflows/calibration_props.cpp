// World calibration: the default world's own history, aggregated by the reference client and planned by the
// capacity model, asks for about the headcount the world schedules, and that headcount is busy a plausible
// share of its on-queue time.
//   - `gc-hub capacity` on 4 weeks of the world's volume (P50 of the deterministic plan, mean weekly FTE) lies
//     within ±15 % of the people who have a shift in those weeks. The capacity model staffs every queue on
//     its own (Erlang C per queue and interval, 30 % shrinkage, 37.5 paid hours); the world pools its agents
//     over all queues, so it needs no more than that.
//   - on-queue occupancy (handle time over scheduled on-queue time) lies between 30 % and 85 %.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "mockgc/capacity/plan.hpp"
#include "mockgc/capacity/volume.hpp"
#include "mockgc/core/wfm/history.hpp"
#include "mockgc/core/wfm/workforce.hpp"
#include "mockgc/workflows/volume_aggregation.hpp"
#include "workflow_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;
using std::chrono::days;

constexpr double kTolerance = 0.15;
constexpr int kWeeks = 4;

std::string default_scenario() {
  std::ifstream in(MOCKGC_SCENARIOS_DIR "/default.json");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

RC_GTEST_PROP(WorldCalibration, CapacityOnOwnVolumeIsNearScheduledHeadcount, ()) {
  const auto seed = *rc::gen::inRange<std::uint64_t>(1, 100000);
  const auto start = *testing::start_instant();
  testing::WorkflowWorld w(default_scenario(), seed, start);

  VolumeOptions v;
  v.end = w.clock->now();
  v.weeks = kWeeks;
  const auto report = aggregate_volume(*w.orgs, v);
  RC_ASSERT(!report.any_missing());
  auto volume = capacity::parse_volume_json(capacity_volume_json(report).dump());
  RC_ASSERT(volume.ok());
  auto inputs = capacity::make_plan_inputs(volume.value(), capacity::PlanSettings{});
  RC_ASSERT(inputs.ok());
  const auto plan = capacity::deterministic_plan(inputs.value());
  RC_ASSERT(plan.ok());
  double fte = 0;
  for (double f : plan.value().fte) fte += f;
  fte /= static_cast<double>(plan.value().fte.size());

  // People with a shift in the window, and their on-queue time; handle time of the same window.
  std::set<std::string> people;
  double on_queue_ms = 0, handle_ms = 0;
  for (const auto& org : w.world.orgs) {
    core::wfm::Workforce wf(w.world, org, seed);
    for (const auto& bu : org.business_units) {
      for (core::wfm::Day week = wf.week_containing(bu, wf.local_date(bu, report.start) - days(1));
           wf.local_time(bu, week, {}) < report.end; week += days(7)) {
        for (const auto& a : wf.schedule(bu, week)->agents)
          for (const auto& s : a.shifts) {
            if (s.end() <= report.start || s.start >= report.end) continue;
            people.insert(a.user->email);
            for (const auto& act : s.activities)
              if (act.category == core::ActivityCategory::OnQueueWork)
                on_queue_ms += static_cast<double>((std::min(act.end(), report.end) - std::max(act.start, report.start)).count());
          }
      }
    }
    const auto store = core::wfm::HistoryStore::build(wf.demand(), seed, report.start, report.end);
    for (std::size_t q = 0; q < store.queue_count(); ++q)
      handle_ms += static_cast<double>(store.totals(q, report.start, report.end).handle.sum_ms);
  }
  const double headcount = static_cast<double>(people.size());
  const double occupancy = handle_ms / on_queue_ms;
  RC_LOG() << "capacity " << fte << " FTE, scheduled headcount " << headcount << ", occupancy " << occupancy << "\n";
  RC_ASSERT(std::abs(fte - headcount) <= kTolerance * headcount);
  RC_ASSERT(occupancy >= 0.30);
  RC_ASSERT(occupancy <= 0.85);
}

}  // namespace
}  // namespace mockgc::workflows
