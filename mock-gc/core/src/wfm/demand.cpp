#include "mockgc/core/wfm/demand.hpp"

#include <date/tz.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "mockgc/api/random.hpp"
#include "mockgc/api/zone_cursor.hpp"
#include "mockgc/core/world.hpp"

namespace mockgc::core::wfm {
namespace {

constexpr int kSlotsPerDay = 96;

struct MediaShape {
  double open_hour, close_hour;  // local opening hours; nothing arrives outside them (no agent works then)
  double peak1, peak2;           // hours of the two daily humps
  double aht_lo, aht_hi;         // mean handle time range, seconds
  double sigma;                  // lognormal shape
  double answer_lo, answer_hi;
  double weekend_weight;         // Saturday; Sunday is 70 % of it
};

constexpr MediaShape shape_of(MediaType m) {
  switch (m) {
    case MediaType::Voice: return {8, 20, 10.5, 14.5, 240, 420, 0.55, 0.90, 0.97, 0.45};
    case MediaType::Chat: return {8, 21, 11.0, 18.5, 420, 780, 0.60, 0.92, 0.98, 0.60};
    case MediaType::Email: return {8, 19, 10.0, 15.0, 540, 1080, 0.70, 0.99, 1.00, 0.55};
    case MediaType::Message: return {8, 21, 12.5, 18.5, 360, 720, 0.65, 0.93, 0.99, 0.75};
    case MediaType::Callback: return {8, 18, 11.0, 15.5, 300, 480, 0.55, 0.95, 0.99, 0.30};
  }
  return {8, 20, 10.5, 14.5, 300, 300, 0.5, 0.9, 0.9, 0.5};
}

// Unnormalised weight of the slot starting at local hour h (fractional).
double raw_weight(const MediaShape& s, double h) {
  const double mid = h + 0.125;  // centre of the 15-minute slot
  if (mid < s.open_hour || mid >= s.close_hour) return 0.0;
  auto hump = [](double x, double centre, double width) { return std::exp(-0.5 * std::pow((x - centre) / width, 2)); };
  return 0.35 + hump(mid, s.peak1, 1.6) + 0.85 * hump(mid, s.peak2, 2.0);
}

struct IntradayTable {
  std::array<std::array<double, kSlotsPerDay>, 5> share{};
  IntradayTable() {
    for (int m = 0; m < 5; ++m) {
      const auto s = shape_of(static_cast<MediaType>(m));
      double total = 0;
      for (int i = 0; i < kSlotsPerDay; ++i) total += share[m][i] = raw_weight(s, i / 4.0);
      for (auto& v : share[m]) v /= total;
    }
  }
};

const IntradayTable& intraday() {
  static const IntradayTable table;
  return table;
}

}  // namespace

std::string_view to_string(MediaType m) {
  switch (m) {
    case MediaType::Voice: return "voice";
    case MediaType::Chat: return "chat";
    case MediaType::Email: return "email";
    case MediaType::Message: return "message";
    case MediaType::Callback: return "callback";
  }
  return "voice";
}

MediaType media_for_queue_channel(std::string_view media) {
  if (media == "chat") return MediaType::Chat;
  if (media == "email") return MediaType::Email;
  if (media == "message") return MediaType::Message;
  if (media == "callback") return MediaType::Callback;
  return MediaType::Voice;
}

double intraday_share(MediaType media, int minute_of_day) {
  const int slot = std::clamp(minute_of_day / 15, 0, kSlotsPerDay - 1);
  return intraday().share[static_cast<int>(media)][slot];
}

DemandModel DemandModel::build(const OrgWorld& org, std::uint64_t seed) {
  DemandModel model;
  model.seed_ = seed;
  model.region_ = org.region;
  const date::time_zone* zone =
      date::locate_zone(org.business_units.empty() ? std::string("UTC") : org.business_units.front().time_zone);
  // Workload scales with the org's agents: what they carry at ~35 paid hours, ~60 % on queue and 85 %
  // occupancy, so generated schedules can cover it.
  const double weekly_handle_seconds =
      static_cast<double>(std::max<std::size_t>(org.users.size(), 10)) * 35.0 * 3600.0 * 0.38;
  std::vector<double> raw_share;
  for (const auto& q : org.queues) {
    api::Rng rng = api::Rng::derive(seed, {org.region, "demand", q.id});
    QueueDemand d;
    d.queue_id = q.id;
    d.queue_name = q.name;
    d.media = media_for_queue_channel(q.media);
    d.zone = zone;
    const auto s = shape_of(d.media);
    d.aht_seconds = rng.uniform(s.aht_lo, s.aht_hi);
    d.aht_log_sigma = s.sigma;
    d.answer_rate = rng.uniform(s.answer_lo, s.answer_hi);
    d.mean_wait_seconds = d.media == MediaType::Email ? rng.uniform(600, 1800) : rng.uniform(8, 60);
    const double weekday[5] = {1.16, 1.06, 1.02, 1.0, 0.92};
    for (int i = 0; i < 5; ++i) d.weekday_weight[i] = weekday[i] * rng.uniform(0.95, 1.05);
    d.weekday_weight[5] = s.weekend_weight;
    d.weekday_weight[6] = s.weekend_weight * 0.7;
    double sum = 0;
    for (double w : d.weekday_weight) sum += w;
    for (double& w : d.weekday_weight) w *= 7.0 / sum;
    // Skewed queue sizes: a few big queues, many small ones.
    raw_share.push_back(std::pow(rng.uniform(0.05, 1.0), 8.0));
    model.queues_.push_back(std::move(d));
  }
  double total = 0;
  for (double r : raw_share) total += r;
  for (std::size_t i = 0; i < model.queues_.size(); ++i)
    model.queues_[i].weekly_offered =
        total > 0 ? weekly_handle_seconds * raw_share[i] / total / model.queues_[i].aht_seconds : 0;
  return model;
}

std::size_t DemandModel::find(std::string_view queue_id) const {
  for (std::size_t i = 0; i < queues_.size(); ++i)
    if (queues_[i].queue_id == queue_id) return i;
  return queues_.size();
}

namespace {

// The seed whose index-th stream draws a queue's level shift of week `index` (UTC days since the epoch / 7).
std::uint64_t week_seed(std::uint64_t seed, const QueueDemand& q) { return api::derive_seed(seed, {q.queue_id + "|week"}); }

// Yearly season (peaks in late November / January) and a per-week level shift, drawn per ISO week so
// that any interval's value is independent of which window of history was generated. `day` is the UTC day,
// `weeks` its queue's week_seed.
double level_on(std::uint64_t weeks, date::sys_days day) {
  const double day_of_year = static_cast<double>((day - date::sys_days{date::year_month_day{day}.year() / 1 / 1}).count());
  const double season = 1.0 + 0.08 * std::cos(2 * std::numbers::pi * (day_of_year - 330.0) / 365.25);
  const auto week = day.time_since_epoch().count() / 7;
  api::Rng rng(api::derive_seed(weeks, static_cast<std::uint64_t>(week)));
  const double shift = 1.0 + 0.06 * (2 * rng.uniform() - 1);
  return season * shift;
}

// Expected offered conversations of the interval starting at local time `local`, on a day of `level`.
double offered_at(const QueueDemand& q, date::local_seconds local, double level) {
  const auto local_day = std::chrono::floor<date::days>(local);
  const int minute = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - local_day).count());
  const unsigned wd = date::weekday{local_day}.iso_encoding();  // Monday = 1
  const double daily = q.weekly_offered / 7.0 * q.weekday_weight[wd - 1];
  return daily * intraday_share(q.media, minute) * level;
}

// Expected mean handle seconds of the interval starting at local time `local`.
double aht_at(const QueueDemand& q, date::local_seconds local) {
  const auto local_day = std::chrono::floor<date::days>(local);
  const double hour = std::chrono::duration<double, std::ratio<3600>>(local - local_day).count();
  // Handle times run ~8 % longer in the late afternoon and evening (tired agents, harder contacts).
  return q.aht_seconds * (1.0 + 0.08 * std::clamp((hour - 12.0) / 8.0, 0.0, 1.0));
}

}  // namespace

double DemandModel::level(std::size_t queue, Instant start) const {
  return level_on(week_seed(seed_, queues_[queue]), std::chrono::floor<date::days>(start));
}

double DemandModel::expected_offered(std::size_t queue, Instant start) const {
  const auto& q = queues_[queue];
  return offered_at(q, q.zone->to_local(std::chrono::time_point_cast<std::chrono::seconds>(start)), level(queue, start));
}

double DemandModel::expected_aht_seconds(std::size_t queue, Instant start) const {
  const auto& q = queues_[queue];
  return aht_at(q, q.zone->to_local(std::chrono::time_point_cast<std::chrono::seconds>(start)));
}

void DemandModel::expectations(std::size_t queue, std::int64_t first, std::int64_t end,
                               IntervalExpectation* out) const {
  if (first >= end) return;
  const auto& q = queues_[queue];
  const std::uint64_t weeks = week_seed(seed_, q);
  api::ZoneCursor zone(*q.zone);
  date::sys_days day = std::chrono::floor<date::days>(Instant(kInterval * first));
  double day_level = level_on(weeks, day);
  for (std::int64_t i = first; i < end; ++i) {
    const Instant start(kInterval * i);
    const auto utc = std::chrono::time_point_cast<std::chrono::seconds>(start);
    const date::local_seconds local = zone.to_local(utc);
    if (const auto d = std::chrono::floor<date::days>(start); d != day) {
      day = d;
      day_level = level_on(weeks, day);
    }
    out[i - first] = {offered_at(q, local, day_level), aht_at(q, local)};
  }
}

}  // namespace mockgc::core::wfm
