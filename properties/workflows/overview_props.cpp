// The workforce overview on random small worlds (random BU zones and week starts, DST weeks, bi-regional
// people) under random fault timelines, in-process on the virtual clock:
//   - global totals are the sum of the regions that are not missing, headcount minus the people listed by
//     more than one region, and those people are the bi-regional list; a missing region has no figures;
//   - a complete region agrees with the world's ground truth computed from the core directly: headcount =
//     the BUs' agents, time off = the approved full-day requests of the week (time-off generator), breaks
//     and meals / training and meetings = the schedule's activities by category, occupancy = handle time of
//     conversations ending in the actuals / on-queue routing time (agent state process), adherence and
//     absence = the adherence timeline (in adherence / scheduled; offline while scheduled for work);
//   - politeness at the seam under tight budgets: Retry-After and the budget hold, and nothing answered 2xx is
//     asked again (job status polls aside).
#include <cmath>
#include <map>
#include <set>

#include <date/date.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "mockgc/api/text.hpp"
#include "mockgc/core/wfm/agent_state.hpp"
#include "mockgc/core/wfm/workforce.hpp"
#include "mockgc/workflows/workforce_overview.hpp"
#include "workflow_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;
using testing::WorkflowWorld;
using Day = std::chrono::sys_days;
using core::ActivityCategory;

struct Truth {
  std::set<std::string> agents;
  ScheduleFigures schedule;
  OccupancyFigures occupancy;
  AdherenceFigures adherence;
  int adherence_slack_s = 0;  // whole-second offsets and 0.01 % percentages in the adherence files
};

void count(ScheduleFigures& f, ActivityCategory c, long long minutes, bool paid) {
  if (paid) f.paid_minutes += minutes;
  CauseMinutes* cause = c == ActivityCategory::TimeOff                                      ? &f.time_off
                        : c == ActivityCategory::Break || c == ActivityCategory::Meal       ? &f.breaks_meals
                        : c == ActivityCategory::Training || c == ActivityCategory::Meeting ? &f.training_meetings
                                                                                            : nullptr;
  if (cause) (paid ? cause->paid : cause->unpaid) += minutes;
}

// The truth of one org for the BU weeks the workflow read (their windows checked against the core's calendar).
Truth truth_of(const WorkflowWorld& w, const core::OrgWorld& ow, const OrgOverview& org) {
  Truth t;
  core::wfm::Workforce workforce(w.world, ow, w.seed);
  core::wfm::AgentStates states(workforce);
  for (const auto& bu_read : org.business_units) {
    const auto* bu = ow.find_business_unit(bu_read.id);
    RC_ASSERT(bu != nullptr);
    const Day first = bu_read.week.first_day;
    RC_ASSERT(workforce.is_week_start(*bu, first));
    RC_ASSERT(bu_read.week.window_start == workforce.local_time(*bu, first, std::chrono::minutes(0)));
    RC_ASSERT(bu_read.week.window_end == workforce.local_time(*bu, first + date::days(7), std::chrono::minutes(0)));
    const auto ws = workforce.schedule(*bu, first);
    for (const auto& aw : ws->agents) {
      t.agents.insert(aw.user->id);
      for (const auto& s : aw.shifts)
        if (s.start >= ws->start && s.start < ws->end)
          for (const auto& a : s.activities)
            if (a.category != ActivityCategory::TimeOff) count(t.schedule, a.category, a.minutes, a.paid);
    }
    // Time off from the time-off generator, not from the schedule: approved full days of the week.
    for (const core::User* u : workforce.agents_of(*bu))
      for (const auto& r : workforce.generated_time_off(*u, first, first + date::days(6)))
        if (r.full_day && r.status == core::wfm::TimeOffStatus::Approved)
          for (Day d : r.full_day_dates)
            if (d >= first && d < first + date::days(7))
              count(t.schedule, ActivityCategory::TimeOff, r.daily_duration_minutes, r.paid);
    const auto from = bu_read.actuals_start, to = bu_read.actuals_end;
    if (to <= from) continue;
    for (const core::User* u : workforce.agents_of(*bu)) {
      std::optional<core::wfm::Interaction> last;
      for (const auto& span : states.timeline(*u, from - std::chrono::hours(6), to)) {
        const auto a = std::max(span.start, from), b = std::min(span.end, to);
        if (b > a && span.state.routing != core::wfm::RoutingStatus::OffQueue)
          t.occupancy.on_queue_ms += static_cast<std::uint64_t>((b - a).count());
        const auto& i = span.state.interaction;
        if (!i || (last && *last == *i)) continue;
        last = *i;
        if (i->end >= from && i->end < to) t.occupancy.handle_ms += i->handle_ms;
      }
    }
    for (const auto& mu_id : bu->management_unit_ids) {
      const auto* mu = ow.find_management_unit(mu_id);
      RC_ASSERT(mu != nullptr);
      for (const auto i : mu->users) {
        const auto* u = &ow.users.at(i);
        for (const auto& s : states.adherence_timeline(*u, from, to)) {
          const double d = std::chrono::duration<double>(std::min(s.end, to) - std::max(s.start, from)).count();
          if (d <= 0) continue;
          if (s.scheduled) t.adherence.scheduled_s += d;
          if (s.scheduled && s.adherence_state == "InAdherence") t.adherence.in_adherence_s += d;
          if (s.adherence_state == "OutOfAdherence" && s.actual == core::wfm::ActualState::Offline &&
              (s.scheduled == ActivityCategory::OnQueueWork || s.scheduled == ActivityCategory::OffQueueWork))
            t.adherence.absence_s += d;
          t.adherence_slack_s += 2;
        }
      }
    }
  }
  return t;
}

template <class T>
void add_to(std::optional<T>& total, const std::optional<T>& part) {
  if (!part) return;
  if (!total) total.emplace();
  total->add(*part);
}

bool near(double got, double want, double slack) { return std::abs(got - want) <= slack; }

RC_GTEST_PROP(WorkflowOverview, GlobalIsTheSumOfRegionsAndRegionsAgreeWithTheWorld, ()) {
  const auto world = json::parse(*testing::small_world());
  const auto regions = testing::regions_of(world);
  const auto faults = json::parse(*testing::fault_timeline(regions, 120));
  const auto seed = *rc::gen::inRange<std::uint64_t>(1, 1000);
  const auto start = *testing::start_instant();
  // A day from two days ahead (no actuals yet) to nine days back (the previous week, fully elapsed).
  const Day week = date::floor<date::days>(start) - date::days(*rc::gen::inRange(-2, 10));
  WorkflowWorld w(testing::scenario_text(world, faults, seed), seed, start);

  OverviewOptions options;
  options.week = week;
  const auto o = read_workforce_overview(*w.orgs, options);
  RC_ASSERT(o.orgs.size() == regions.size());

  OverviewFigures sum;
  std::map<std::string, std::set<std::string>> regions_of;
  int listed = 0;
  for (std::size_t i = 0; i < o.orgs.size(); ++i) {
    const auto& org = o.orgs[i];
    RC_ASSERT(org.region == regions[i]);
    RC_TAG(std::string(to_string(org.status.kind)));
    if (!org.status.is_complete()) RC_ASSERT(!org.status.why.empty());
    if (org.status.is_missing()) {
      RC_ASSERT(!org.figures.schedule && !org.figures.occupancy && !org.figures.adherence);
      RC_ASSERT(org.figures.headcount == 0);
      continue;
    }
    RC_ASSERT(org.figures.headcount == static_cast<int>(org.people.size()));
    listed += org.figures.headcount;
    for (const auto& p : org.people) regions_of[p].insert(org.region);
    add_to(sum.schedule, org.figures.schedule);
    add_to(sum.occupancy, org.figures.occupancy);
    add_to(sum.adherence, org.figures.adherence);
    if (!org.status.is_complete()) continue;

    const auto truth = truth_of(w, w.org(org.region), org);
    RC_ASSERT(org.figures.headcount == static_cast<int>(truth.agents.size()));
    const auto& ow = w.org(org.region);
    for (const auto& p : org.people) RC_ASSERT(p.find('@') != std::string::npos);
    std::set<std::string> emails;
    for (const auto& id : truth.agents) emails.insert(api::lower(ow.find_user(id)->email));
    RC_ASSERT(std::set<std::string>(org.people.begin(), org.people.end()) == emails);
    RC_ASSERT(org.figures.schedule.has_value());
    const auto& s = *org.figures.schedule;
    RC_ASSERT(s.paid_minutes == truth.schedule.paid_minutes);
    RC_ASSERT(s.time_off.paid == truth.schedule.time_off.paid);
    RC_ASSERT(s.time_off.unpaid == truth.schedule.time_off.unpaid);
    RC_ASSERT(s.breaks_meals.paid == truth.schedule.breaks_meals.paid);
    RC_ASSERT(s.breaks_meals.unpaid == truth.schedule.breaks_meals.unpaid);
    RC_ASSERT(s.training_meetings.paid == truth.schedule.training_meetings.paid);
    RC_TAG(truth.schedule.time_off.paid > 0 ? "time off" : "no time off");
    const bool elapsed = std::any_of(org.business_units.begin(), org.business_units.end(),
                                     [](const BusinessUnitOverview& b) { return b.actuals_end > b.actuals_start; });
    RC_TAG(elapsed ? "actuals" : "no actuals yet");
    RC_ASSERT(org.figures.occupancy.has_value() == elapsed);
    RC_ASSERT(org.figures.adherence.has_value() == elapsed);
    if (!elapsed) continue;
    RC_ASSERT(org.figures.occupancy->on_queue_ms == truth.occupancy.on_queue_ms);
    RC_ASSERT(org.figures.occupancy->handle_ms == truth.occupancy.handle_ms);
    const auto& a = *org.figures.adherence;
    const double slack = truth.adherence_slack_s + 1e-4 * truth.adherence.scheduled_s;
    RC_ASSERT(near(a.scheduled_s, truth.adherence.scheduled_s, slack));
    RC_ASSERT(near(a.in_adherence_s, truth.adherence.in_adherence_s, slack));
    RC_ASSERT(near(a.absence_s, truth.adherence.absence_s, slack));
    RC_TAG(truth.adherence.absence_s > 0 ? "absence" : "no absence");
  }
  // Global = Σ regions read; headcount = Σ − people listed by several regions.
  RC_ASSERT(o.global.schedule.has_value() == sum.schedule.has_value());
  if (sum.schedule) {
    RC_ASSERT(o.global.schedule->paid_minutes == sum.schedule->paid_minutes);
    RC_ASSERT(o.global.schedule->time_off.paid == sum.schedule->time_off.paid);
    RC_ASSERT(o.global.schedule->breaks_meals.paid == sum.schedule->breaks_meals.paid);
    RC_ASSERT(o.global.schedule->training_meetings.paid == sum.schedule->training_meetings.paid);
  }
  RC_ASSERT(o.global.occupancy.has_value() == sum.occupancy.has_value());
  if (sum.occupancy)
    RC_ASSERT(o.global.occupancy->handle_ms == sum.occupancy->handle_ms &&
              o.global.occupancy->on_queue_ms == sum.occupancy->on_queue_ms);
  RC_ASSERT(o.global.adherence.has_value() == sum.adherence.has_value());
  if (sum.adherence) RC_ASSERT(o.global.adherence->absence_s == sum.adherence->absence_s);
  int multi = 0;
  std::vector<std::string> listed_multi;
  for (const auto& [p, in] : regions_of)
    if (in.size() > 1) ++multi, listed_multi.push_back(p);
  RC_ASSERT(o.global.headcount == static_cast<int>(regions_of.size()));
  RC_ASSERT(o.duplicates == listed - o.global.headcount);
  RC_ASSERT(static_cast<int>(o.bi_regional.size()) == multi);
  for (std::size_t k = 0; k < o.bi_regional.size(); ++k) RC_ASSERT(o.bi_regional[k].person_key == listed_multi[k]);
  RC_ASSERT(o.complete() ==
            std::all_of(o.orgs.begin(), o.orgs.end(), [](const OrgOverview& x) { return x.status.is_complete(); }));
  // Both regions complete: the bi-regional people are the world's shared people.
  if (o.orgs[0].status.is_complete() && o.orgs[1].status.is_complete()) {
    std::set<std::string> shared;
    for (const auto& u : w.org(regions[0]).users)
      if (u.bi_regional && u.state == "active") shared.insert(api::lower(u.email));
    RC_TAG(shared.empty() ? "no shared people" : "shared people");
    RC_ASSERT(static_cast<std::size_t>(multi) == shared.size());
  }
}

RC_GTEST_PROP(WorkflowOverview, ReadsEachThingOnceWithinTheBudget, ()) {
  const auto world = json::parse(*testing::small_world());
  const auto regions = testing::regions_of(world);
  const auto faults = json::parse(*testing::fault_timeline(regions, 120));
  const auto seed = *rc::gen::inRange<std::uint64_t>(1, 1000);
  const auto start = *testing::start_instant();
  const int limit = *rc::gen::inRange(3, 40);  // the client's own budget per minute
  client::OrgClientOptions options;
  options.rate.limit = limit;
  WorkflowWorld w(testing::scenario_text(world, faults, seed, *rc::gen::inRange(5, 60)), seed, start, options);
  const auto o = read_workforce_overview(*w.orgs, {});
  RC_ASSERT(o.orgs.size() == regions.size());
  const auto seam_log = w.seam->exchanges();
  const auto why = testing::politeness_violation(seam_log, limit);
  RC_LOG() << why;
  RC_ASSERT(why.empty());
  std::set<std::string> answered;
  for (const auto& e : seam_log) {
    if (!e.api() || e.target.find("/adherence/historical/jobs/") != std::string::npos) continue;
    const auto key = e.host + " " + e.method + " " + e.target + " " + e.body;
    if (answered.count(key)) RC_LOG() << "asked again: " << key << "\n";
    RC_ASSERT(!answered.count(key));  // asked again after a good answer
    if (e.status >= 200 && e.status < 300 && e.body_is_json) answered.insert(key);  // a garbled 2xx is retried
  }
}

}  // namespace
}  // namespace mockgc::workflows
