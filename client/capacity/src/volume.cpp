#include "mockgc/capacity/volume.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <numbers>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mockgc/api/random.hpp"

namespace mockgc::capacity {

using nlohmann::json;

namespace {

bool parse_digits(std::string_view s, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

std::chrono::sys_seconds to_tp(std::int64_t s) { return std::chrono::sys_seconds{std::chrono::seconds{s}}; }

Result<std::vector<double>> number_array(const json& j, const std::string& group, const char* key) {
  if (!j.contains(key)) return Error{fmt::format("queue group '{}': missing \"{}\"", group, key)};
  const json& a = j.at(key);
  if (!a.is_array()) return Error{fmt::format("queue group '{}': \"{}\" must be an array", group, key)};
  std::vector<double> out;
  out.reserve(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_number()) {
      return Error{fmt::format("queue group '{}': {}[{}] must be a number", group, key, i)};
    }
    out.push_back(a[i].get<double>());
  }
  return out;
}

}  // namespace

Result<std::int64_t> parse_utc(std::string_view s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  const bool shape = s.size() == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' &&
                     s[16] == ':' && s[19] == 'Z';
  if (!shape || !parse_digits(s, 0, 4, y) || !parse_digits(s, 5, 2, mo) || !parse_digits(s, 8, 2, d) ||
      !parse_digits(s, 11, 2, h) || !parse_digits(s, 14, 2, mi) || !parse_digits(s, 17, 2, se)) {
    return Error{fmt::format("'{}' is not a UTC timestamp like 2026-01-05T00:00:00Z", s)};
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 59) return Error{fmt::format("'{}' is not a valid date/time", s)};
  const auto days = std::chrono::sys_days{ymd}.time_since_epoch().count();
  return static_cast<std::int64_t>(days) * 86400 + h * 3600 + mi * 60 + se;
}

std::string format_utc(std::int64_t epoch) {
  const auto tp = to_tp(epoch);
  const auto day = std::chrono::floor<std::chrono::days>(tp);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{tp - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count());
}

std::string format_date(std::int64_t epoch) { return format_utc(epoch).substr(0, 10); }
std::string format_month(std::int64_t epoch) { return format_utc(epoch).substr(0, 7); }

Status validate(const VolumeSet& v) {
  if (v.interval_minutes != 15 && v.interval_minutes != 30) {
    return Error{fmt::format("interval_minutes must be 15 or 30 (got {})", v.interval_minutes)};
  }
  if (v.groups.empty()) return Error{"volume has no queue groups"};
  std::set<std::string> names;
  for (const auto& g : v.groups) {
    if (g.name.empty()) return Error{"queue group with an empty name"};
    if (!names.insert(g.name).second) return Error{fmt::format("duplicate queue group '{}'", g.name)};
    if (g.start_utc % (v.interval_minutes * 60) != 0) {
      return Error{fmt::format("queue group '{}': start {} is not aligned to {}-minute intervals", g.name,
                               format_utc(g.start_utc), v.interval_minutes)};
    }
    if (g.offered.empty()) return Error{fmt::format("queue group '{}': no intervals", g.name)};
    if (g.offered.size() != g.aht_seconds.size()) {
      return Error{fmt::format("queue group '{}': {} offered values but {} aht_seconds values", g.name,
                               g.offered.size(), g.aht_seconds.size())};
    }
    for (std::size_t i = 0; i < g.offered.size(); ++i) {
      if (!std::isfinite(g.offered[i]) || g.offered[i] < 0.0) {
        return Error{fmt::format("queue group '{}': offered[{}] must be finite and ≥ 0 (got {})", g.name, i,
                                 g.offered[i])};
      }
      if (!std::isfinite(g.aht_seconds[i]) || g.aht_seconds[i] <= 0.0) {
        return Error{fmt::format("queue group '{}': aht_seconds[{}] must be finite and > 0 (got {})", g.name,
                                 i, g.aht_seconds[i])};
      }
    }
    if (g.service_level && !(*g.service_level >= 0.0 && *g.service_level < 1.0)) {
      return Error{fmt::format("queue group '{}': service_level must be in [0, 1) (got {})", g.name,
                               *g.service_level)};
    }
    if (g.sl_seconds && !(std::isfinite(*g.sl_seconds) && *g.sl_seconds >= 0.0)) {
      return Error{fmt::format("queue group '{}': sl_seconds must be ≥ 0 (got {})", g.name, *g.sl_seconds)};
    }
    if (g.max_concurrent < 1 || g.max_concurrent > 5) {
      return Error{fmt::format("queue group '{}': max_concurrent must be 1..5 (got {})", g.name,
                               g.max_concurrent)};
    }
  }
  return ok_status();
}

Result<VolumeSet> parse_volume_json(std::string_view text) {
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Error{"volume input is not valid JSON"};
  if (!j.is_object()) return Error{"volume input must be a JSON object"};
  for (const auto& [key, _] : j.items()) {
    if (key != "format" && key != "interval_minutes" && key != "queue_groups") {
      return Error{fmt::format("volume input: unknown key \"{}\"", key)};
    }
  }
  if (!j.contains("format") || !j["format"].is_string() || j["format"].get<std::string>() != kVolumeFormat) {
    return Error{fmt::format("volume input: \"format\" must be \"{}\"", kVolumeFormat)};
  }
  VolumeSet v;
  if (!j.contains("interval_minutes") || !j["interval_minutes"].is_number_integer()) {
    return Error{"volume input: \"interval_minutes\" must be an integer (15 or 30)"};
  }
  v.interval_minutes = j["interval_minutes"].get<int>();
  if (!j.contains("queue_groups") || !j["queue_groups"].is_array()) {
    return Error{"volume input: \"queue_groups\" must be an array"};
  }
  static const std::set<std::string> kGroupKeys{"name",          "time_zone",  "start",
                                                "offered",       "aht_seconds", "service_level",
                                                "sl_seconds",    "max_concurrent"};
  for (std::size_t gi = 0; gi < j["queue_groups"].size(); ++gi) {
    const json& gj = j["queue_groups"][gi];
    if (!gj.is_object()) return Error{fmt::format("queue_groups[{}] must be an object", gi)};
    QueueGroupVolume g;
    if (!gj.contains("name") || !gj["name"].is_string()) {
      return Error{fmt::format("queue_groups[{}]: \"name\" must be a string", gi)};
    }
    g.name = gj["name"].get<std::string>();
    for (const auto& [key, _] : gj.items()) {
      if (!kGroupKeys.contains(key)) return Error{fmt::format("queue group '{}': unknown key \"{}\"", g.name, key)};
    }
    if (gj.contains("time_zone")) {
      if (!gj["time_zone"].is_string()) return Error{fmt::format("queue group '{}': time_zone must be a string", g.name)};
      g.time_zone = gj["time_zone"].get<std::string>();
    }
    if (!gj.contains("start") || !gj["start"].is_string()) {
      return Error{fmt::format("queue group '{}': \"start\" must be a UTC timestamp string", g.name)};
    }
    auto start = parse_utc(gj["start"].get<std::string>());
    if (!start) return Error{fmt::format("queue group '{}': {}", g.name, start.error().message)};
    g.start_utc = *start;
    auto offered = number_array(gj, g.name, "offered");
    if (!offered) return offered.error();
    g.offered = std::move(offered).value();
    auto aht = number_array(gj, g.name, "aht_seconds");
    if (!aht) return aht.error();
    g.aht_seconds = std::move(aht).value();
    if (gj.contains("service_level")) {
      if (!gj["service_level"].is_number()) return Error{fmt::format("queue group '{}': service_level must be a number", g.name)};
      g.service_level = gj["service_level"].get<double>();
    }
    if (gj.contains("sl_seconds")) {
      if (!gj["sl_seconds"].is_number()) return Error{fmt::format("queue group '{}': sl_seconds must be a number", g.name)};
      g.sl_seconds = gj["sl_seconds"].get<double>();
    }
    if (gj.contains("max_concurrent")) {
      if (!gj["max_concurrent"].is_number_integer()) {
        return Error{fmt::format("queue group '{}': max_concurrent must be an integer", g.name)};
      }
      g.max_concurrent = gj["max_concurrent"].get<int>();
    }
    v.groups.push_back(std::move(g));
  }
  if (auto s = validate(v); !s) return s.error();
  return v;
}

Result<VolumeSet> load_volume_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{fmt::format("cannot open volume file '{}'", path)};
  std::ostringstream ss;
  ss << in.rdbuf();
  auto v = parse_volume_json(ss.str());
  if (!v) return Error{fmt::format("{}: {}", path, v.error().message)};
  return v;
}

json to_json(const VolumeSet& v) {
  json groups = json::array();
  for (const auto& g : v.groups) {
    json gj{{"name", g.name}, {"start", format_utc(g.start_utc)}, {"offered", g.offered},
            {"aht_seconds", g.aht_seconds}};
    if (!g.time_zone.empty()) gj["time_zone"] = g.time_zone;
    if (g.service_level) gj["service_level"] = *g.service_level;
    if (g.sl_seconds) gj["sl_seconds"] = *g.sl_seconds;
    if (g.max_concurrent != 1) gj["max_concurrent"] = g.max_concurrent;
    groups.push_back(std::move(gj));
  }
  return json{{"format", kVolumeFormat}, {"interval_minutes", v.interval_minutes}, {"queue_groups", groups}};
}

Status merge_volume(VolumeSet& base, const VolumeSet& update) {
  if (auto s = validate(update); !s) return s;
  if (base.groups.empty()) {
    base = update;
    return ok_status();
  }
  if (base.interval_minutes != update.interval_minutes) {
    return Error{fmt::format("cannot merge {}-minute volume into {}-minute volume", update.interval_minutes,
                             base.interval_minutes)};
  }
  const std::int64_t step = base.interval_minutes * 60;
  for (const auto& u : update.groups) {
    auto it = std::find_if(base.groups.begin(), base.groups.end(), [&](const auto& g) { return g.name == u.name; });
    if (it == base.groups.end()) {
      base.groups.push_back(u);
      continue;
    }
    QueueGroupVolume& g = *it;
    const std::int64_t first = std::min(g.start_utc, u.start_utc);
    const std::int64_t end_g = g.start_utc + static_cast<std::int64_t>(g.offered.size()) * step;
    const std::int64_t end_u = u.start_utc + static_cast<std::int64_t>(u.offered.size()) * step;
    const auto count = static_cast<std::size_t>((std::max(end_g, end_u) - first) / step);
    std::vector<double> offered(count, 0.0);
    std::vector<double> aht(count, g.aht_seconds.front());
    auto place = [&](const QueueGroupVolume& src) {
      const auto off = static_cast<std::size_t>((src.start_utc - first) / step);
      for (std::size_t i = 0; i < src.offered.size(); ++i) {
        offered[off + i] = src.offered[i];
        aht[off + i] = src.aht_seconds[i];
      }
    };
    place(g);
    place(u);  // newer values win
    g.start_utc = first;
    g.offered = std::move(offered);
    g.aht_seconds = std::move(aht);
    if (!u.time_zone.empty()) g.time_zone = u.time_zone;
  }
  return validate(base);
}

VolumeSet synthetic_volume(const SyntheticVolumeOptions& o) {
  api::Rng rng(o.seed);
  VolumeSet v;
  v.interval_minutes = o.interval_minutes == 30 ? 30 : 15;
  const int per_day = 24 * 60 / v.interval_minutes;
  const int per_week = 7 * per_day;
  // Intraday: two Gaussian humps (10:30 and 15:00 UTC) over a night floor. Weekday factors Mon..Sun.
  static constexpr double kWeekday[7] = {1.18, 1.10, 1.05, 1.02, 0.95, 0.45, 0.25};
  std::vector<double> day_shape(static_cast<std::size_t>(per_day));
  double day_sum = 0.0;
  for (int i = 0; i < per_day; ++i) {
    const double h = (i + 0.5) * v.interval_minutes / 60.0;
    const double s = 0.03 + std::exp(-0.5 * std::pow((h - 10.5) / 1.8, 2)) +
                     0.8 * std::exp(-0.5 * std::pow((h - 15.0) / 2.2, 2));
    day_shape[static_cast<std::size_t>(i)] = s;
    day_sum += s;
  }
  double week_weight = 0.0;
  for (double w : kWeekday) week_weight += w;
  for (int gi = 0; gi < std::max(1, o.groups); ++gi) {
    QueueGroupVolume g;
    g.name = o.groups <= 1 ? "Synthetic" : fmt::format("Synthetic {}", gi + 1);
    g.start_utc = o.start_utc - o.start_utc % (v.interval_minutes * 60);
    const double group_scale = 1.0 / (1.0 + 0.5 * gi);
    const auto n = static_cast<std::size_t>(o.weeks) * static_cast<std::size_t>(per_week);
    g.offered.reserve(n);
    g.aht_seconds.reserve(n);
    for (int w = 0; w < o.weeks; ++w) {
      const double weekly = o.weekly_calls * group_scale * std::pow(1.0 + o.weekly_growth, w);
      for (int d = 0; d < 7; ++d) {
        const double daily = weekly * kWeekday[d] / week_weight;
        for (int i = 0; i < per_day; ++i) {
          const double mean = daily * day_shape[static_cast<std::size_t>(i)] / day_sum;
          g.offered.push_back(static_cast<double>(rng.poisson(mean)));
          const double h = (i + 0.5) * v.interval_minutes / 60.0;
          const double aht = o.aht_seconds * (1.0 + 0.06 * std::sin(2.0 * std::numbers::pi * h / 24.0)) *
                             (1.0 + 0.02 * rng.normal());
          g.aht_seconds.push_back(std::max(30.0, std::round(aht * 10.0) / 10.0));
        }
      }
    }
    v.groups.push_back(std::move(g));
  }
  return v;
}

}  // namespace mockgc::capacity
