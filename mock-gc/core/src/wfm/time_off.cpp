// Time off: generated requests per (agent, 28-day block) and the run-time ones created or edited through the API.
#include "mockgc/core/wfm/workforce.hpp"
#include "workforce_impl.hpp"

#include <algorithm>

namespace mockgc::core::wfm {

using std::chrono::days;
using std::chrono::minutes;

namespace {

constexpr int kTimeOffBlockDays = 28;  // time off is generated per (agent, 28-day block)

}  // namespace

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

}  // namespace mockgc::core::wfm
