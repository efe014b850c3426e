// Schedules, time off and adherence generation (see schedule.hpp for the rules).
#include "mockgc/core/wfm/schedule.hpp"
#include "schedule_overlay.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <deque>

#include "mockgc/api/random.hpp"
#include "../lru_cache.hpp"

namespace mockgc::core::wfm {

using std::chrono::days;
using std::chrono::minutes;

namespace {

// Generated weeks kept per org (least recently used first out): at most kCachedAgentWeeks agent-weeks' worth
// (64 weeks of a 200-agent org), never fewer than kMinCachedWeeksPerBu per business unit (the agent state
// process reads at most two weeks of a BU at one instant). A week takes about 5 KB per agent.
constexpr std::size_t kCachedAgentWeeks = 12'800;
constexpr std::size_t kMinCachedWeeksPerBu = 4;
constexpr int kTimeOffBlockDays = 28;  // time off is generated per (agent, 28-day block)
constexpr int kOwnerBlockDays = 3;     // bi-regional ownership changes at most every 3 UTC days

std::string day_label(Day d) { return std::to_string(d.time_since_epoch().count()); }


std::string uuid_for(std::uint64_t seed, std::initializer_list<std::string_view> labels) {
  api::Rng rng(api::derive_seed(seed, labels));
  return api::make_uuid(rng);
}

unsigned weekday_index(std::string_view name) {
  static constexpr std::array<std::string_view, 7> names{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                         "Thursday", "Friday", "Saturday"};
  for (unsigned i = 0; i < 7; ++i)
    if (names[i] == name) return i;
  return 1;
}

std::string code_of(ActivityCategory c) { return std::to_string(static_cast<int>(c)); }

long floor_div(long a, long b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

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

std::string_view to_string(TimeOffStatus s) {
  switch (s) {
    case TimeOffStatus::Pending: return "PENDING";
    case TimeOffStatus::Approved: return "APPROVED";
    case TimeOffStatus::Denied: return "DENIED";
    case TimeOffStatus::Canceled: return "CANCELED";
  }
  return "PENDING";
}

std::optional<TimeOffStatus> parse_time_off_status(std::string_view s) {
  for (auto st : {TimeOffStatus::Pending, TimeOffStatus::Approved, TimeOffStatus::Denied, TimeOffStatus::Canceled})
    if (to_string(st) == s) return st;
  return std::nullopt;
}

void classify_adherence(std::optional<ActivityCategory> scheduled, ActualState actual, std::string_view& state,
                        std::string_view& impact) {
  const bool on_queue = actual == ActualState::OnQueue;
  if (!scheduled) {
    if (actual == ActualState::Offline) {
      state = "Unscheduled", impact = "Neutral";
    } else {
      state = "OutOfAdherence", impact = on_queue ? "Positive" : "Neutral";
    }
    return;
  }
  const ActivityCategory s = *scheduled;
  bool match = false;
  switch (actual) {
    case ActualState::Offline: match = s == ActivityCategory::TimeOff; break;
    case ActualState::OnQueue: match = s == ActivityCategory::OnQueueWork; break;
    case ActualState::Break: match = s == ActivityCategory::Break; break;
    case ActualState::Meal: match = s == ActivityCategory::Meal; break;
    case ActualState::Meeting: match = s == ActivityCategory::Meeting; break;
    case ActualState::Training: match = s == ActivityCategory::Training; break;
  }
  if (match) {
    state = "InAdherence", impact = "Neutral";
  } else if (on_queue) {
    state = "OutOfAdherence", impact = "Positive";
  } else {
    state = "OutOfAdherence", impact = "Negative";
  }
}

std::string_view system_presence(ActualState a) {
  switch (a) {
    case ActualState::Offline: return "Offline";
    case ActualState::OnQueue: return "OnQueue";
    case ActualState::Break: return "Break";
    case ActualState::Meal: return "Meal";
    case ActualState::Meeting: return "Meeting";
    case ActualState::Training: return "Training";
  }
  return "Offline";
}


std::string_view actual_activity_category(ActualState a) {
  switch (a) {
    case ActualState::Offline: return "Unscheduled";
    case ActualState::OnQueue: return "OnQueueWork";
    case ActualState::Break: return "Break";
    case ActualState::Meal: return "Meal";
    case ActualState::Meeting: return "Meeting";
    case ActualState::Training: return "Training";
  }
  return "Unscheduled";
}

namespace {
ActualState actual_for(ActivityCategory c) {
  switch (c) {
    case ActivityCategory::OnQueueWork: return ActualState::OnQueue;
    case ActivityCategory::Break: return ActualState::Break;
    case ActivityCategory::Meal: return ActualState::Meal;
    case ActivityCategory::Meeting: return ActualState::Meeting;
    case ActivityCategory::Training: return ActualState::Training;
    default: return ActualState::Offline;
  }
}

// Per-shift deviations of the actual state from the schedule; a pure function of (seed, user, shift date).
struct Deviation {
  minutes late_start{0}, long_break{0}, early_leave{0}, overtime{0};
};
}  // namespace

struct Workforce::Impl {
  struct BuInfo {
    const BusinessUnit* bu = nullptr;
    const date::time_zone* zone = nullptr;
    unsigned start_weekday = 1;
    std::vector<const User*> agents;
  };
  std::vector<BuInfo> bus;
  std::unordered_map<std::string, std::size_t> bu_of_mu;   // MU id -> index into bus
  std::vector<const User*> all_agents;                      // every BU's agents, in org user order
  std::unordered_map<std::string, std::vector<std::string>> regions_of_email;  // bi-regional people
  std::string region;

  mutable std::mutex cache_mutex;
  using WeekKey = std::pair<std::string, long>;  // (BU id, week)
  struct WeekKeyHash {
    std::size_t operator()(const WeekKey& k) const {
      return std::hash<std::string>()(k.first) ^ (std::hash<long>()(k.second) * 0x9e3779b97f4a7c15ULL);
    }
  };
  mutable LruCache<WeekKey, std::shared_ptr<const WeekSchedule>, WeekKeyHash> weeks;  // guarded by cache_mutex

  mutable std::mutex time_off_mutex;
  std::map<std::string, TimeOffRequest> overlay;  // run-time created/edited, by id
  std::uint64_t created = 0;
  std::map<std::pair<std::string, long>, std::vector<ImportedForecast>> imported;  // guarded by time_off_mutex

  const BuInfo* info(const BusinessUnit& bu) const {
    for (const auto& b : bus)
      if (b.bu == &bu || b.bu->id == bu.id) return &b;
    return nullptr;
  }
};

Workforce::Workforce(const World& world, const OrgWorld& org, std::uint64_t seed)
    : org_(&org),
      seed_(seed),
      demand_(DemandModel::build(org, seed)),
      impl_(std::make_unique<Impl>()),
      overlay_(std::make_unique<ScheduleOverlay>()) {
  impl_->region = org.region;
  for (const auto& bu : org.business_units) {
    Impl::BuInfo info;
    info.bu = &bu;
    info.zone = date::locate_zone(bu.time_zone);
    info.start_weekday = weekday_index(bu.start_day_of_week);
    for (const auto& mu_id : bu.management_unit_ids) impl_->bu_of_mu[mu_id] = impl_->bus.size();
    impl_->bus.push_back(std::move(info));
  }
  for (const auto& u : org.users) {
    auto it = impl_->bu_of_mu.find(u.management_unit_id);
    if (it != impl_->bu_of_mu.end() && u.state == "active") {
      impl_->bus[it->second].agents.push_back(&u);
      impl_->all_agents.push_back(&u);
    }
  }
  for (const auto& o : world.orgs)
    for (const auto& u : o.users)
      if (u.bi_regional) impl_->regions_of_email[u.email].push_back(o.region);
  for (auto& [email, regions] : impl_->regions_of_email) std::sort(regions.begin(), regions.end());
  impl_->weeks.set_budget(std::max(kMinCachedWeeksPerBu * std::max<std::size_t>(1, impl_->bus.size()),
                                   kCachedAgentWeeks / std::max<std::size_t>(1, impl_->all_agents.size())));
}

Workforce::~Workforce() = default;

const date::time_zone* Workforce::zone(const BusinessUnit& bu) const {
  const auto* i = impl_->info(bu);
  return i ? i->zone : date::locate_zone("UTC");
}

bool Workforce::is_week_start(const BusinessUnit& bu, Day d) const {
  const auto* i = impl_->info(bu);
  return i && date::weekday(d).c_encoding() == i->start_weekday;
}

Day Workforce::week_containing(const BusinessUnit& bu, Day local) const {
  const auto* i = impl_->info(bu);
  const unsigned start = i ? i->start_weekday : 1;
  const unsigned wd = date::weekday(local).c_encoding();
  return local - days((wd + 7 - start) % 7);
}

Day Workforce::local_date(const BusinessUnit& bu, Instant t) const {
  const auto local = zone(bu)->to_local(std::chrono::time_point_cast<std::chrono::seconds>(t));
  return Day(std::chrono::floor<days>(local).time_since_epoch());
}

Instant Workforce::local_time(const BusinessUnit& bu, Day d, minutes since_midnight) const {
  const date::local_time<minutes> lt(d.time_since_epoch() + since_midnight);
  const date::zoned_time<minutes> z(zone(bu), lt, date::choose::earliest);
  return std::chrono::time_point_cast<Millis>(z.get_sys_time());
}

const BusinessUnit* Workforce::business_unit_of(const User& u) const {
  auto it = impl_->bu_of_mu.find(u.management_unit_id);
  return it == impl_->bu_of_mu.end() ? nullptr : impl_->bus[it->second].bu;
}

std::vector<const User*> Workforce::agents_of(const BusinessUnit& bu) const {
  const auto* i = impl_->info(bu);
  return i ? i->agents : std::vector<const User*>{};
}

std::string Workforce::schedule_id(const BusinessUnit& bu, Day week) const {
  return uuid_for(seed_, {"bu-schedule", bu.id, day_label(week)});
}

std::string Workforce::forecast_id(const BusinessUnit& bu, Day week) const {
  return uuid_for(seed_, {"bu-forecast", bu.id, day_label(week)});
}

// ---------------------------------------------------------------------------------------------- time off

std::vector<TimeOffRequest> Workforce::generated_time_off(const User& u, Day from, Day to) const {
  std::vector<TimeOffRequest> out;
  const BusinessUnit* bu = business_unit_of(u);
  if (!bu) return out;
  const long first_block = floor_div(from.time_since_epoch().count() - 7, kTimeOffBlockDays);
  const long last_block = floor_div(to.time_since_epoch().count(), kTimeOffBlockDays);
  for (long block = first_block; block <= last_block; ++block) {
    api::Rng rng(api::derive_seed(seed_, {"time-off", u.id, std::to_string(block)}));
    const int count = rng.chance(0.55) ? (rng.chance(0.3) ? 2 : 1) : 0;
    for (int k = 0; k < count; ++k) {
      TimeOffRequest r;
      r.id = api::make_uuid(rng);
      r.user_id = u.id;
      r.management_unit_id = u.management_unit_id;
      r.full_day = rng.chance(0.7);
      const double s = rng.uniform();
      r.status = s < 0.55   ? TimeOffStatus::Approved
                 : s < 0.75 ? TimeOffStatus::Pending
                 : s < 0.9  ? TimeOffStatus::Denied
                            : TimeOffStatus::Canceled;
      // Two requests of one block use disjoint halves so an agent never has overlapping requests.
      const Day block_start{days(block * kTimeOffBlockDays)};
      const Day first = block_start + days(k * 14 + static_cast<int>(rng.below(10)));
      if (r.full_day) {
        const int n = static_cast<int>(rng.between(1, 3));
        for (int i = 0; i < n; ++i) r.full_day_dates.push_back(first + days(i));
        r.daily_duration_minutes = 480;
        r.first_day = first;
        r.last_day = first + days(n - 1);
      } else {
        r.daily_duration_minutes = static_cast<int>(rng.between(2, 4)) * 60;
        r.partial_day_starts.push_back(local_time(*bu, first, minutes(13 * 60)));
        r.first_day = r.last_day = first;
      }
      r.notes = r.full_day ? "Annual leave" : "Appointment";
      r.submitted_by = Actor::user(u.id);
      r.submitted = local_time(*bu, first, minutes(0)) - days(rng.between(7, 40)) + minutes(rng.between(480, 1080));
      if (r.status == TimeOffStatus::Approved || r.status == TimeOffStatus::Denied) {
        r.reviewed = r.submitted + days(rng.between(1, 3));
        r.version = 2;
      }
      if (r.status == TimeOffStatus::Canceled) r.version = 2;
      if (r.last_day >= from && r.first_day <= to) out.push_back(std::move(r));
    }
  }
  return out;
}

std::vector<TimeOffRequest> Workforce::time_off(const User& u, Day from, Day to) const {
  auto out = generated_time_off(u, from, to);
  std::lock_guard lock(impl_->time_off_mutex);
  for (auto& r : out)
    if (auto it = impl_->overlay.find(r.id); it != impl_->overlay.end()) r = it->second;
  for (const auto& [id, r] : impl_->overlay) {
    if (r.user_id != u.id || r.last_day < from || r.first_day > to) continue;
    if (std::none_of(out.begin(), out.end(), [&](const TimeOffRequest& x) { return x.id == id; })) out.push_back(r);
  }
  std::erase_if(out, [&](const TimeOffRequest& r) { return r.last_day < from || r.first_day > to; });
  return out;
}

std::optional<TimeOffRequest> Workforce::time_off_by_id(const User& u, std::string_view id, Day around) const {
  {
    std::lock_guard lock(impl_->time_off_mutex);
    if (auto it = impl_->overlay.find(std::string(id)); it != impl_->overlay.end()) {
      if (it->second.user_id != u.id) return std::nullopt;
      return it->second;
    }
  }
  for (auto& r : generated_time_off(u, around - days(26 * 7 + 7), around + days(26 * 7 + 7)))
    if (r.id == id) return r;
  return std::nullopt;
}

void Workforce::store_time_off(TimeOffRequest r) {
  std::lock_guard lock(impl_->time_off_mutex);
  impl_->overlay[r.id] = std::move(r);
}

std::string Workforce::next_time_off_id() {
  std::lock_guard lock(impl_->time_off_mutex);
  return uuid_for(seed_, {"time-off-created", impl_->region, std::to_string(impl_->created++)});
}

void Workforce::add_imported_forecast(ImportedForecast f) {
  std::lock_guard lock(impl_->time_off_mutex);
  impl_->imported[{f.business_unit_id, static_cast<long>(f.week.time_since_epoch().count())}].push_back(std::move(f));
}

std::vector<ImportedForecast> Workforce::imported_forecasts(const std::string& bu_id, Day week, Instant now) const {
  std::lock_guard lock(impl_->time_off_mutex);
  std::vector<ImportedForecast> out;
  auto it = impl_->imported.find({bu_id, static_cast<long>(week.time_since_epoch().count())});
  if (it != impl_->imported.end())
    for (const auto& f : it->second)
      if (f.completes <= now) out.push_back(f);
  return out;
}

void Workforce::add_imported_schedule(ImportedSchedule s) { overlay_->add_import(std::move(s)); }

std::vector<ImportedSchedule> Workforce::imported_schedules(const std::string& bu_id, Instant now) const {
  return overlay_->imports(bu_id, now);
}

std::shared_ptr<const WeekSchedule> Workforce::schedule_in_force(const BusinessUnit& bu, Day week, Instant t) const {
  return overlay_->in_force(*this, bu, week, t);
}

std::vector<Instant> Workforce::schedule_changes(const BusinessUnit& bu, Instant from, Instant to) const {
  return overlay_->changes(bu.id, from, to);
}

std::uint64_t Workforce::schedule_generation() const { return overlay_->generation(); }

void Workforce::store_shift_trade(ShiftTrade t) { overlay_->store_trade(std::move(t)); }

std::optional<ShiftTrade> Workforce::stored_shift_trade(std::string_view id) const { return overlay_->trade(id); }

std::vector<ShiftTrade> Workforce::stored_shift_trades(std::string_view mu_id, Day week) const {
  return overlay_->trades(mu_id, week);
}

std::string Workforce::next_shift_trade_id() {
  return uuid_for(seed_, {"shift-trade-created", impl_->region, std::to_string(overlay_->next_trade_ordinal())});
}

std::optional<ImportedSchedule> Workforce::latest_imported_schedule(const std::string& bu_id, std::string_view id) const {
  return overlay_->latest_import(bu_id, id);
}

// ---------------------------------------------------------------------------------------------- schedules

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
    for (std::size_t i = 0; i < load.size(); ++i)
      for (std::size_t q = 0; q < demand_.queues().size(); ++q) {
        const Instant t = open + i * kInterval;
        load[i] += demand_.expected_offered(q, t) * demand_.expected_aht_seconds(q, t);
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

// ---------------------------------------------------------------------------------------------- adherence

namespace {

Deviation deviation_for(std::uint64_t seed, const User& u, const Shift& s) {
  api::Rng rng(api::derive_seed(seed, {"adherence", u.id, day_label(s.bu_date)}));
  Deviation d;
  if (rng.chance(0.25)) d.late_start = minutes(rng.between(2, 15));
  if (rng.chance(0.2)) d.long_break = minutes(rng.between(3, 12));
  if (rng.chance(0.1)) d.early_leave = minutes(rng.between(5, 20));
  else if (rng.chance(0.15)) d.overtime = minutes(rng.between(5, 20));
  return d;
}

// All shifts of the user whose (possibly extended) span may touch t: BU dates t-2 .. t, from the schedule in
// force at `in_force_at` (the one place agent state and adherence read the schedule).
std::vector<Shift> shifts_near(const Workforce& wf, const BusinessUnit& bu, const User& u, Instant t,
                               std::vector<FullDayMarker>* markers, Instant in_force_at) {
  std::vector<Shift> out;
  const Day today = wf.local_date(bu, t);
  Day last_week{};
  for (Day d : {today - days(2), today - days(1), today}) {
    const Day week = wf.week_containing(bu, d);
    if (week == last_week) continue;
    last_week = week;
    auto ws = wf.schedule_in_force(bu, week, in_force_at);
    if (const AgentWeek* aw = ws->find(u.id)) {
      // An import spanning several weeks holds them all: each week's dates are read from that week only.
      for (const auto& s : aw->shifts)
        if (s.bu_date >= today - days(2) && s.bu_date <= today && wf.week_containing(bu, s.bu_date) == week)
          out.push_back(s);
      if (markers)
        for (const auto& m : aw->markers)
          if (m.bu_date == today) markers->push_back(m);
    }
  }
  std::sort(out.begin(), out.end(), [](const Shift& a, const Shift& b) { return a.start < b.start; });
  return out;
}

const ScheduledActivity* scheduled_activity(const std::vector<Shift>& shifts, Instant t) {
  for (const auto& s : shifts)
    for (const auto& a : s.activities)
      if (a.start <= t && t < a.end()) return &a;
  return nullptr;
}

ActualState actual_state(std::uint64_t seed, const User& u, const std::vector<Shift>& shifts, Instant t) {
  for (const auto& s : shifts) {
    const Deviation d = deviation_for(seed, u, s);
    if (t >= s.end() && t < s.end() + d.overtime) return ActualState::OnQueue;
    if (t < s.start || t >= s.end()) continue;
    if (t < s.start + d.late_start) return ActualState::Offline;
    if (t >= s.end() - d.early_leave) return ActualState::Offline;
    for (const auto& a : s.activities)
      if (a.category == ActivityCategory::Break) {  // the first break runs long
        if (t >= a.end() && t < a.end() + d.long_break) return ActualState::Break;
        break;
      }
    for (const auto& a : s.activities)
      if (a.start <= t && t < a.end()) return actual_for(a.category);
  }
  return ActualState::Offline;
}

void boundaries(std::uint64_t seed, const User& u, const std::vector<Shift>& shifts, std::vector<Instant>& out) {
  for (const auto& s : shifts) {
    const Deviation d = deviation_for(seed, u, s);
    for (const auto& a : s.activities) {
      out.push_back(a.start);
      out.push_back(a.end());
    }
    out.push_back(s.start + d.late_start);
    out.push_back(s.end() - d.early_leave);
    out.push_back(s.end() + d.overtime);
    for (const auto& a : s.activities)
      if (a.category == ActivityCategory::Break) {
        out.push_back(a.end() + d.long_break);
        break;
      }
  }
}

// Shifts of every BU date whose (extended) span may touch [from, to), by start, from the schedule in force at
// `from` (callers split their ranges at schedule changes).
std::vector<Shift> shifts_touching(const Workforce& wf, const BusinessUnit& bu, const User& u, Instant from,
                                   Instant to) {
  std::vector<Shift> shifts;
  for (Instant probe = from;; probe = std::min(probe + days(1), to)) {
    for (auto& s : shifts_near(wf, bu, u, probe, nullptr, from))
      if (std::none_of(shifts.begin(), shifts.end(), [&](const Shift& x) { return x.id == s.id; }))
        shifts.push_back(std::move(s));
    if (probe == to) break;
  }
  std::sort(shifts.begin(), shifts.end(), [](const Shift& a, const Shift& b) { return a.start < b.start; });
  return shifts;
}

}  // namespace

ActualState Workforce::actual_at(const User& u, Instant t) const {
  const BusinessUnit* bu = business_unit_of(u);
  if (!bu) return ActualState::Offline;
  return actual_state(seed_, u, shifts_near(*this, *bu, u, t, nullptr, t), t);
}

std::vector<Workforce::PresenceSpan> Workforce::presence_timeline(const User& u, Instant from, Instant to) const {
  std::vector<PresenceSpan> out;
  if (to <= from) return out;
  const BusinessUnit* bu = business_unit_of(u);
  if (!bu) return {{from, to, ActualState::Offline}};
  // One piece per schedule in force: the deviation process restarts on the new schedule at each change.
  auto pieces = schedule_changes(*bu, from, to);
  pieces.insert(pieces.begin(), from);
  pieces.push_back(to);
  for (std::size_t p = 0; p + 1 < pieces.size(); ++p) {
    const Instant a = pieces[p], b = pieces[p + 1];
    const auto shifts = shifts_touching(*this, *bu, u, a, b);
    std::vector<Instant> bounds{a};
    boundaries(seed_, u, shifts, bounds);
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
    for (std::size_t i = 0; i < bounds.size(); ++i) {
      if (bounds[i] < a || bounds[i] >= b) continue;
      const Instant end = i + 1 < bounds.size() ? std::min(bounds[i + 1], b) : b;
      const ActualState state = actual_state(seed_, u, shifts, bounds[i]);
      if (!out.empty() && out.back().state == state) {
        out.back().end = end;
      } else {
        out.push_back({bounds[i], end, state});
      }
    }
  }
  return out;
}

std::vector<Instant> Workforce::adherence_boundaries(const User& u, Instant from, Instant to) const {
  std::vector<Instant> out;
  const BusinessUnit* bu = business_unit_of(u);
  if (!bu || to <= from) return out;
  auto pieces = schedule_changes(*bu, from, to + Millis(1));  // (from, to], as the other boundaries
  out.insert(out.end(), pieces.begin(), pieces.end());
  pieces.insert(pieces.begin(), from);
  pieces.push_back(to);
  for (std::size_t p = 0; p + 1 < pieces.size(); ++p)
    boundaries(seed_, u, shifts_touching(*this, *bu, u, pieces[p], pieces[p + 1]), out);
  for (Day d = local_date(*bu, from); local_time(*bu, d, minutes(0)) <= to; d += days(1))
    out.push_back(local_time(*bu, d, minutes(0)));  // a time-off marker's day starts or ends
  std::erase_if(out, [&](Instant b) { return b <= from || b > to; });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const std::vector<const User*>& Workforce::agents() const { return impl_->all_agents; }

AdherenceAt Workforce::adherence(const User& u, Instant t) const {
  AdherenceAt out;
  const BusinessUnit* bu = business_unit_of(u);
  if (!bu) {
    classify_adherence(std::nullopt, ActualState::Offline, out.adherence_state, out.impact);
    out.time_of_adherence_change = out.presence_update_time = t;
    return out;
  }
  const Day today = local_date(*bu, t);
  const Instant window_start = local_time(*bu, today - days(2), minutes(0));
  // The schedule in force at t, and before each change of it inside the window (looking back).
  std::vector<FullDayMarker> markers;
  auto shifts = shifts_near(*this, *bu, u, t, &markers, t);
  auto scheduled = [&](Instant x, std::string* code) -> std::optional<ActivityCategory> {
    if (const auto* a = scheduled_activity(shifts, x)) {
      if (code) *code = a->activity_code_id;
      return a->category;
    }
    if (!markers.empty() && local_date(*bu, x) == today) {
      if (code) *code = markers.front().activity_code_id;
      return ActivityCategory::TimeOff;
    }
    return std::nullopt;
  };
  out.scheduled = scheduled(t, &out.scheduled_code_id);
  out.actual = actual_state(seed_, u, shifts, t);
  classify_adherence(out.scheduled, out.actual, out.adherence_state, out.impact);

  auto changes = schedule_changes(*bu, window_start, t + Millis(1));
  std::vector<Instant> bounds = changes;
  boundaries(seed_, u, shifts, bounds);
  bounds.push_back(local_time(*bu, today, minutes(0)));  // the marker day starts
  std::sort(bounds.begin(), bounds.end(), std::greater<>());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  out.time_of_adherence_change = window_start;
  out.presence_update_time = window_start;
  bool adherence_found = false, presence_found = false;
  for (Instant b : bounds) {
    if (b > t || b <= window_start) continue;
    const Instant before = b - Millis(1);
    if (std::binary_search(changes.begin(), changes.end(), b)) {
      markers.clear();  // `scheduled` reads markers of today only: those of `before`'s day serve when it is today
      shifts = shifts_near(*this, *bu, u, before, &markers, before);
    }
    const ActualState a = actual_state(seed_, u, shifts, before);
    if (!presence_found && a != out.actual) {
      out.presence_update_time = b;
      presence_found = true;
    }
    if (!adherence_found) {
      std::string_view st, im;
      classify_adherence(scheduled(before, nullptr), a, st, im);
      if (st != out.adherence_state) {
        out.time_of_adherence_change = b;
        adherence_found = true;
      }
    }
    if (adherence_found && presence_found) break;
  }
  return out;
}

}  // namespace mockgc::core::wfm
