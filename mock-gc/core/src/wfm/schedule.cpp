// Generated week schedules (see schedule.hpp for the rules): shifts and activities per agent, cached.
#include "mockgc/core/wfm/workforce.hpp"
#include "workforce_impl.hpp"

#include <algorithm>
#include <deque>

namespace mockgc::core::wfm {

using std::chrono::days;
using std::chrono::minutes;

namespace {

constexpr int kOwnerBlockDays = 3;     // bi-regional ownership changes at most every 3 UTC days

std::string code_of(ActivityCategory c) { return std::to_string(static_cast<int>(c)); }

}  // namespace

const AgentWeek* WeekSchedule::find(std::string_view user_id) const {
  if (index_.size() == agents.size() && !agents.empty()) {
    const auto it = index_.find(user_id);
    return it == index_.end() ? nullptr : &agents[it->second];
  }
  for (const auto& a : agents)
    if (a.user->id == user_id) return &a;
  return nullptr;
}

void WeekSchedule::index_agents() {
  index_.clear();
  index_.reserve(agents.size());
  for (std::size_t i = 0; i < agents.size(); ++i) index_.emplace(agents[i].user->id, i);
}

namespace {

std::vector<ScheduledActivity> shift_activities(api::Rng& rng, Instant start, int length) {
  std::vector<ScheduledActivity> acts;
  acts.reserve(9);  // the most a shift gets: no slack in the weeks the cache keeps
  auto add = [&](int from, int to, ActivityCategory c) {
    if (to <= from) return;
    ScheduledActivity a;
    a.start = start + minutes(from);
    a.minutes = to - from;
    a.category = c;
    a.activity_code_id = code_of(c);
    a.paid = c != ActivityCategory::Meal;
    acts.push_back(std::move(a));
  };
  using C = ActivityCategory;
  const int meal = length >= 540 ? 60 : 30;
  add(0, 120, C::OnQueueWork);
  add(120, 135, C::Break);
  const double r = rng.uniform();
  if (r < 0.45) {
    add(135, 150, C::OnQueueWork);
    add(150, 210, C::Meeting);
    add(210, 240, C::OnQueueWork);
  } else if (r < 0.75) {
    add(135, 195, C::Training);
    add(195, 240, C::OnQueueWork);
  } else {
    add(135, 240, C::OnQueueWork);
  }
  add(240, 240 + meal, C::Meal);
  add(240 + meal, length - 120, C::OnQueueWork);
  add(length - 120, length - 105, C::Break);
  add(length - 105, length, C::OnQueueWork);
  return acts;
}

}  // namespace

std::shared_ptr<const WeekSchedule> Workforce::schedule(const BusinessUnit& bu, Day week) const {
  const auto key = std::make_pair(bu.id, static_cast<long>(week.time_since_epoch().count()));
  {
    std::lock_guard lock(impl_->cache_mutex);
    if (const auto* hit = impl_->weeks.find(key)) return *hit;
  }
  auto ws = std::make_shared<WeekSchedule>();
  ws->id = schedule_id(bu, week);
  ws->business_unit_id = bu.id;
  ws->week_date = week;
  ws->start = local_time(bu, week, minutes(0));
  ws->end = local_time(bu, week + days(7), minutes(0));

  // Demand-weighted shift starts per day: 13 candidates 07:00..13:00 local, weight = workload in the window.
  constexpr int kCandidates = 13;
  std::array<std::array<double, kCandidates>, 7> cumulative{};
  std::array<std::array<int, kCandidates>, 7> lengths{};
  for (int d = 0; d < 7; ++d) {
    const Instant open = local_time(bu, week + days(d), minutes(7 * 60));
    std::array<double, 64> load{};
    std::array<IntervalExpectation, 64> expected;
    const std::int64_t first = open.time_since_epoch() / kInterval;  // local 07:00 starts a quarter-hour
    for (std::size_t q = 0; q < demand_.queues().size(); ++q) {
      demand_.expectations(q, first, first + static_cast<std::int64_t>(load.size()), expected.data());
      for (std::size_t i = 0; i < load.size(); ++i) load[i] += expected[i].offered * expected[i].aht_seconds;
    }
    double total = 0;
    for (int c = 0; c < kCandidates; ++c) {
      lengths[d][c] = 510;
      double w = 1e-9;
      for (int i = 2 * c; i < 2 * c + 34; ++i) w += load[static_cast<std::size_t>(i)];
      total += w;
      cumulative[d][c] = total;
    }
    for (auto& c : cumulative[d]) c /= total;
  }

  const auto* info = impl_->info(bu);
  for (const User* u : info ? info->agents : std::vector<const User*>{}) {
    AgentWeek aw;
    aw.user = u;
    api::Rng week_rng(api::derive_seed(seed_, {"days-off", u->id, day_label(week)}));
    const int off = static_cast<int>(week_rng.below(7));
    std::vector<Day> time_off_days;
    for (const auto& r : generated_time_off(*u, week, week + days(6))) {
      if (!r.full_day || r.status != TimeOffStatus::Approved) continue;
      for (Day d : r.full_day_dates) {
        if (d < week || d >= week + days(7)) continue;
        aw.markers.push_back({d, r.activity_code_id, r.daily_duration_minutes, r.paid, r.id, "Time Off"});
        time_off_days.push_back(d);
      }
    }
    for (int d = 0; d < 7; ++d) {
      const Day day = week + days(d);
      if (d == off || d == (off + 1) % 7) continue;
      if (std::find(time_off_days.begin(), time_off_days.end(), day) != time_off_days.end()) continue;
      api::Rng rng(api::derive_seed(seed_, {"shift", u->id, day_label(day)}));
      const double pick = rng.uniform();
      int c = 0;
      while (c + 1 < kCandidates && cumulative[static_cast<std::size_t>(d)][static_cast<std::size_t>(c)] < pick) ++c;
      Shift s;
      s.id = api::make_uuid(rng);
      s.bu_date = day;
      s.start = local_time(bu, day, minutes(7 * 60 + 30 * c));
      s.minutes = rng.chance(0.3) ? 540 : lengths[static_cast<std::size_t>(d)][static_cast<std::size_t>(c)];
      s.activities = shift_activities(rng, s.start, s.minutes);
      if (u->bi_regional) {
        auto it = impl_->regions_of_email.find(u->email);
        if (it != impl_->regions_of_email.end() && it->second.size() > 1) {
          const auto& regions = it->second;
          const long utc_day = std::chrono::floor<days>(s.start).time_since_epoch().count();
          auto owner = [&](long dd) -> const std::string& {
            const auto h = api::derive_seed(seed_, {"bi-regional-owner", u->email,
                                               std::to_string(floor_div(dd, kOwnerBlockDays))});
            return regions[h % regions.size()];
          };
          if (owner(utc_day) != impl_->region || owner(utc_day - 1) != impl_->region) continue;
        }
      }
      aw.shifts.push_back(std::move(s));
    }
    ws->agents.push_back(std::move(aw));
  }
  ws->index_agents();

  std::lock_guard lock(impl_->cache_mutex);
  return impl_->weeks.insert(key, std::move(ws));  // the week made meanwhile by another reader, if any
}

}  // namespace mockgc::core::wfm
