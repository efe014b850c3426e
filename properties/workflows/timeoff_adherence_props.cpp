// Time-off week and adherence snapshot on random small worlds (random BU zones, DST-changing ones
// included; bi-regional people) under random fault timelines, in-process on the virtual clock:
//   - time off: for a random week (often a DST week), the output is exactly the ground-truth requests of
//     every MU that was read (all requests overlapping that MU's local week, per the core's own calendar,
//     chosen statuses), de-duplicated by id and sorted by submittedDate then id; each MU's week is the
//     core's week; regions not read are partial/missing with a reason, never absent;
//   - adherence: per-region counts add up to the listed agents, a complete region lists exactly its MUs'
//     users keyed by e-mail, global counts are the per-person union (each bi-regional person once).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <set>

#include <date/date.h>

#include "mockgc/api/text.hpp"
#include "mockgc/core/wfm/workforce.hpp"
#include "mockgc/workflows/adherence_snapshot.hpp"
#include "mockgc/workflows/timeoff_week.hpp"
#include "workflow_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;
using testing::WorkflowWorld;
using Day = std::chrono::sys_days;

// DST changes of 2026 in the property zones (US, EU, southern hemisphere spring/autumn, Lord Howe).
Day ymd(unsigned m, unsigned d) { return date::sys_days(date::year{2026} / date::month{m} / date::day{d}); }
const std::vector<Day> kDstDays = {ymd(3, 8), ymd(3, 29), ymd(4, 5), ymd(9, 27), ymd(10, 4), ymd(10, 25), ymd(11, 1)};

rc::Gen<Day> week_date() {
  return rc::gen::weightedOneOf<Day>(
      {{1, rc::gen::map(rc::gen::inRange(0, 365), [](int k) { return ymd(1, 1) + date::days(k); })},
       {1, rc::gen::map(rc::gen::tuple(rc::gen::elementOf(kDstDays), rc::gen::inRange(-3, 4)),
                        [](const std::tuple<Day, int>& t) { return std::get<0>(t) + date::days(std::get<1>(t)); })}});
}

struct TruthEntry {
  std::string id, status;
  core::Instant submitted;
  bool operator==(const TruthEntry&) const = default;
};

RC_GTEST_PROP(WorkflowTimeOff, WeekIsTheGroundTruthInEveryZoneDeduplicatedAndSorted, ()) {
  const auto world = json::parse(*testing::small_world());
  const auto regions = testing::regions_of(world);
  const auto faults = json::parse(*testing::fault_timeline(regions, 120));
  const auto seed = *rc::gen::inRange<std::uint64_t>(1, 1000);
  const auto day = *week_date();
  const auto statuses = *rc::gen::weightedOneOf<std::vector<std::string>>(
      {{2, rc::gen::just(std::vector<std::string>{})},
       {1, rc::gen::mapcat(rc::gen::inRange<std::size_t>(1, 3), [](std::size_t n) {
          return rc::gen::container<std::vector<std::string>>(
              n, rc::gen::elementOf(std::vector<std::string>{"PENDING", "APPROVED", "DENIED", "CANCELED"}));
        })}});
  const auto start = core::Instant(day) + std::chrono::hours(*rc::gen::inRange(-48, 48));
  WorkflowWorld w(testing::scenario_text(world, faults, seed), seed, start);

  TimeOffWeekOptions options;
  options.week = day;
  options.statuses = statuses;
  const auto out = aggregate_time_off_week(*w.orgs, options);
  RC_ASSERT(out.orgs.size() == regions.size());

  std::vector<TruthEntry> truth;
  std::set<std::string> seen;
  for (std::size_t o = 0; o < out.orgs.size(); ++o) {
    const auto& org = out.orgs[o];
    RC_ASSERT(org.region == regions[o]);
    RC_TAG(std::string(to_string(org.status.kind)));
    if (!org.status.is_complete()) RC_ASSERT(!org.status.why.empty());
    const auto& ow = w.org(org.region);
    if (org.status.is_complete()) RC_ASSERT(org.weeks.size() == ow.management_units.size());
    core::wfm::Workforce workforce(w.world, ow, seed);
    for (const auto& mw : org.weeks) {
      const auto* mu = ow.find_management_unit(mw.management_unit_id);
      RC_ASSERT(mu != nullptr);
      const auto* bu = ow.find_business_unit(mu->business_unit_id);
      RC_ASSERT(bu != nullptr);
      RC_TAG(bu->time_zone);
      // The MU's week per the core's own calendar (date/tz).
      const Day first = workforce.week_containing(*bu, day);
      RC_ASSERT(mw.time_zone == bu->time_zone);
      RC_ASSERT(mw.first_day == first);
      const auto window_start = workforce.local_time(*bu, first, std::chrono::minutes(0));
      const auto window_end = workforce.local_time(*bu, first + date::days(7), std::chrono::minutes(0));
      RC_ASSERT(mw.window_start == window_start);
      RC_ASSERT(mw.window_end == window_end);
      for (const auto i : mu->users) {
        const auto* user = &ow.users.at(i);
        for (const auto& r : workforce.time_off(*user, first - date::days(2), first + date::days(8))) {
          bool overlaps = false;
          for (auto d : r.full_day_dates) overlaps = overlaps || (d >= first && d < first + date::days(7));
          for (auto t : r.partial_day_starts) overlaps = overlaps || (t >= window_start && t < window_end);
          const std::string status(core::wfm::to_string(r.status));
          const bool wanted = statuses.empty() || std::count(statuses.begin(), statuses.end(), status) > 0;
          if (overlaps && wanted && seen.insert(r.id).second) truth.push_back({r.id, status, r.submitted});
        }
      }
    }
  }
  std::sort(truth.begin(), truth.end(), [](const TruthEntry& a, const TruthEntry& b) {
    return a.submitted != b.submitted ? a.submitted < b.submitted : a.id < b.id;
  });
  std::vector<TruthEntry> got;
  for (const auto& e : out.requests) got.push_back({e.id, e.status, e.submitted});
  RC_TAG(truth.empty() ? "no requests" : "requests");
  RC_ASSERT(got == truth);
}

int sum(const std::map<std::string, int>& m) {
  int n = 0;
  for (const auto& [k, v] : m) n += v;
  return n;
}

RC_GTEST_PROP(WorkflowAdherence, RegionCountsAddUpGlobalIsThePerPersonUnion, ()) {
  const auto world = json::parse(*testing::small_world());
  const auto regions = testing::regions_of(world);
  const auto faults = json::parse(*testing::fault_timeline(regions, 120));
  const auto seed = *rc::gen::inRange<std::uint64_t>(1, 1000);
  const auto start = *testing::start_instant();
  WorkflowWorld w(testing::scenario_text(world, faults, seed), seed, start);

  const auto snap = take_adherence_snapshot(*w.orgs, {});
  RC_ASSERT(snap.orgs.size() == regions.size());
  std::map<std::string, std::set<std::string>> orgs_of_person;
  int total = 0;
  for (std::size_t o = 0; o < snap.orgs.size(); ++o) {
    const auto& org = snap.orgs[o];
    RC_ASSERT(org.region == regions[o]);
    RC_TAG(std::string(to_string(org.status.kind)));
    if (!org.status.is_complete()) RC_ASSERT(!org.status.why.empty());
    const auto& c = org.counts;
    RC_ASSERT(c.agents == static_cast<int>(org.agents.size()));
    RC_ASSERT(sum(c.states) == c.agents);
    RC_ASSERT(sum(c.impacts) == c.agents);
    RC_ASSERT(c.in_adherence_scheduled <= c.scheduled);
    RC_ASSERT(c.scheduled <= c.agents);
    if (org.status.is_complete()) {
      const auto& ow = w.org(org.region);
      std::set<std::string> expected, listed;
      for (const auto& mu : ow.management_units)
        for (const auto i : mu.users) expected.insert(ow.users.at(i).id);
      for (const auto& a : org.agents) {
        listed.insert(a.user_id);
        const auto* u = ow.find_user(a.user_id);
        RC_ASSERT(u != nullptr);
        RC_ASSERT(a.person_key == api::lower(u->email));
      }
      RC_ASSERT(listed == expected);
    }
    for (const auto& a : org.agents) orgs_of_person[a.person_key].insert(org.region);
    total += c.agents;
  }
  int multi = 0;
  for (const auto& [key, in] : orgs_of_person) multi += in.size() > 1 ? 1 : 0;
  RC_ASSERT(snap.people == static_cast<int>(orgs_of_person.size()));
  RC_ASSERT(snap.global.agents == snap.people);
  RC_ASSERT(sum(snap.global.states) == snap.people);
  RC_ASSERT(sum(snap.global.impacts) == snap.people);
  RC_ASSERT(snap.multi_region_people == multi);
  RC_ASSERT(snap.duplicates == total - snap.people);
  // Every bi-regional person read in both orgs is one person globally.
  if (snap.orgs[0].status.is_complete() && snap.orgs[1].status.is_complete()) {
    std::set<std::string> shared;
    for (const auto& u : w.org(regions[0]).users)
      if (u.bi_regional) shared.insert(api::lower(u.email));
    RC_TAG(shared.empty() ? "no shared people" : "shared people");
    RC_ASSERT(multi == static_cast<int>(shared.size()));
  }
}

}  // namespace
}  // namespace mockgc::workflows
