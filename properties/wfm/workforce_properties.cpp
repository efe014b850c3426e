// Properties of the generated workforce (default scenario, seed 1): every approved full-day time-off
// request is a marker in its agent's schedule (and that day has no shift); adherence at any instant agrees
// with the schedule and the presence it reports; bi-regional agents are never on queue in two orgs at once.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <memory>

#include "mockgc/core/scenario.hpp"
#include "mockgc/core/wfm/workforce.hpp"

using namespace mockgc::core;
using wfm::Day;
using std::chrono::days;

namespace {

struct Fixture {
  World world;
  std::vector<std::unique_ptr<wfm::Workforce>> forces;  // one per org, same order as world.orgs
  Fixture() : world(generate_world(default_scenario(), 1)) {
    for (const auto& org : world.orgs) forces.push_back(std::make_unique<wfm::Workforce>(world, org, 1));
  }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

// An instant in the ±26 weeks around 2026-03-02, minute resolution.
Instant any_instant() {
  const auto base = Instant(std::chrono::sys_days(std::chrono::year(2026) / 3 / 2).time_since_epoch());
  const auto offset = *rc::gen::inRange<long>(-26L * 7 * 24 * 60, 26L * 7 * 24 * 60);
  return base + std::chrono::minutes(offset);
}

const User& any_agent(const wfm::Workforce& wf) {
  const auto& bu = wf.org().business_units.front();
  const auto agents = wf.agents_of(bu);
  return *agents[*rc::gen::inRange<std::size_t>(0, agents.size())];
}

}  // namespace

RC_GTEST_PROP(WorkforceProperties, ApprovedFullDayTimeOffIsAMarkerInTheSchedule, ()) {
  const auto& f = fixture();
  const auto& wf = *f.forces[*rc::gen::inRange<std::size_t>(0, f.forces.size())];
  const User& u = any_agent(wf);
  const BusinessUnit& bu = *wf.business_unit_of(u);
  const Day day = wf.local_date(bu, any_instant());
  for (const auto& r : wf.generated_time_off(u, day, day + days(27))) {
    if (!r.full_day || r.status != wfm::TimeOffStatus::Approved) continue;
    for (Day d : r.full_day_dates) {
      auto ws = wf.schedule(bu, wf.week_containing(bu, d));
      const auto* aw = ws->find(u.id);
      RC_ASSERT(aw != nullptr);
      bool marked = false;
      for (const auto& m : aw->markers) marked |= m.bu_date == d && m.time_off_request_id == r.id;
      RC_ASSERT(marked);
      for (const auto& s : aw->shifts) RC_ASSERT(s.bu_date != d);
    }
  }
}

RC_GTEST_PROP(WorkforceProperties, AdherenceAgreesWithScheduleAndPresence, ()) {
  const auto& f = fixture();
  const auto& wf = *f.forces[*rc::gen::inRange<std::size_t>(0, f.forces.size())];
  const User& u = any_agent(wf);
  const Instant t = any_instant();
  const auto a = wf.adherence(u, t);
  // State and impact follow the documented rule from what is reported.
  std::string_view state, impact;
  wfm::classify_adherence(a.scheduled, a.actual, state, impact);
  RC_ASSERT(state == a.adherence_state);
  RC_ASSERT(impact == a.impact);
  RC_ASSERT(a.actual == wf.actual_at(u, t));
  RC_ASSERT(a.time_of_adherence_change <= t);
  RC_ASSERT(a.presence_update_time <= t);
  // The scheduled activity is the one the published schedule has at t (or a full-day marker, or none).
  const BusinessUnit& bu = *wf.business_unit_of(u);
  std::optional<ActivityCategory> expected;
  const Day today = wf.local_date(bu, t);
  for (Day d : {today - days(1), today}) {
    auto ws = wf.schedule(bu, wf.week_containing(bu, d));
    if (const auto* aw = ws->find(u.id)) {
      for (const auto& s : aw->shifts)
        for (const auto& act : s.activities)
          if (act.start <= t && t < act.end()) expected = act.category;
      if (!expected && d == today)
        for (const auto& m : aw->markers)
          if (m.bu_date == today) expected = ActivityCategory::TimeOff;
    }
  }
  RC_ASSERT(a.scheduled == expected);
  // Presence equals the schedule unless a deviation explains it: never on a different non-queue activity.
  if (a.actual != wfm::ActualState::Offline && a.actual != wfm::ActualState::OnQueue && a.actual != wfm::ActualState::Break)
    RC_ASSERT(state == "InAdherence");
}

RC_GTEST_PROP(WorkforceProperties, BiRegionalAgentsAreNeverOnQueueInTwoOrgs, ()) {
  const auto& f = fixture();
  std::map<std::string, std::vector<std::pair<const wfm::Workforce*, const User*>>> people;
  for (const auto& wf : f.forces)
    for (const auto& u : wf->org().users)
      if (u.bi_regional) people[u.email].push_back({wf.get(), &u});
  RC_PRE(!people.empty());
  auto it = people.begin();
  std::advance(it, *rc::gen::inRange<std::size_t>(0, people.size()));
  const Instant t = any_instant();
  int on_queue = 0, scheduled_on_queue = 0;
  for (const auto& [wf, u] : it->second) {
    const auto a = wf->adherence(*u, t);
    on_queue += a.actual == wfm::ActualState::OnQueue;
    scheduled_on_queue += a.scheduled == ActivityCategory::OnQueueWork;
  }
  RC_ASSERT(it->second.size() >= 2u);
  RC_ASSERT(on_queue <= 1);
  RC_ASSERT(scheduled_on_queue <= 1);
}

TEST(WorkforceProperties, BiRegionalAgentsWorkInBothOrgsOverAMonth) {
  // Each org sees only part of a bi-regional agent, but both see some shifts.
  const auto& f = fixture();
  for (const auto& wf : f.forces) {
    const auto& bu = wf->org().business_units.front();
    int shifts = 0;
    for (int w = 0; w < 4; ++w) {
      auto ws = wf->schedule(bu, wf->week_containing(bu, Day(std::chrono::year(2026) / 3 / 2)) + days(7 * w));
      for (const auto& aw : ws->agents)
        if (aw.user->bi_regional) shifts += static_cast<int>(aw.shifts.size());
    }
    EXPECT_GT(shifts, 0) << wf->org().region;
  }
}

RC_GTEST_PROP(WorkforceProperties, NoDeviationTouchesTheMeal, ()) {
  // Deviations only move the shift's edges and the first break, so mid-meal presence is the meal.
  const auto& f = fixture();
  const auto& wf = *f.forces[*rc::gen::inRange<std::size_t>(0, f.forces.size())];
  const User& u = any_agent(wf);
  const BusinessUnit& bu = *wf.business_unit_of(u);
  auto ws = wf.schedule(bu, wf.week_containing(bu, wf.local_date(bu, any_instant())));
  const auto* aw = ws->find(u.id);
  RC_ASSERT(aw != nullptr);
  for (const auto& s : aw->shifts)
    for (const auto& act : s.activities)
      if (act.category == ActivityCategory::Meal) {
        const auto a = wf.adherence(u, act.start + std::chrono::minutes(act.minutes / 2));
        RC_ASSERT(a.actual == wfm::ActualState::Meal);
        RC_ASSERT(a.adherence_state == "InAdherence");
      }
}
