// Adherence: the actual state of an agent against the schedule in force (deviations per shift), presence
// timelines and adherence records.
#include "mockgc/core/wfm/workforce.hpp"
#include "workforce_impl.hpp"

#include <algorithm>

namespace mockgc::core::wfm {

using std::chrono::days;
using std::chrono::minutes;

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
  std::vector<Instant> pieces{from};
  for (const Instant change : schedule_changes(*bu, from, to)) pieces.push_back(change);
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
  const auto changes = schedule_changes(*bu, from, to + Millis(1));  // (from, to], as the other boundaries
  out.insert(out.end(), changes.begin(), changes.end());
  std::vector<Instant> pieces{from};
  for (const Instant change : changes) pieces.push_back(change);
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
