#include "mockgc/core/clock_edges.hpp"

#include <stdexcept>

#include <date/tz.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "strict_json.hpp"

namespace mockgc::core {
namespace {

const date::time_zone* zone_or_throw(std::string_view zone) {
  try {
    return date::locate_zone(zone);
  } catch (const std::exception&) {
    throw std::invalid_argument(fmt::format("unknown time zone \"{}\"", zone));
  }
}

// Local midnight of `day` as an instant; if DST skips midnight, the instant the day actually starts.
Instant local_day_start(const date::time_zone* tz, date::local_days day) {
  auto t = tz->to_sys(date::local_seconds(day), date::choose::earliest);
  return std::chrono::time_point_cast<Millis>(t);
}

date::local_days local_day_of(const date::time_zone* tz, Instant t) {
  return date::floor<date::days>(tz->to_local(t));
}

const char* direction_name(DstDirection d) {
  switch (d) {
    case DstDirection::forward: return "forward";
    case DstDirection::backward: return "backward";
    case DstDirection::any: break;
  }
  return "any";
}

const char* kind_name(EdgeKind k) {
  switch (k) {
    case EdgeKind::week: return "week";
    case EdgeKind::new_year: return "new_year";
    case EdgeKind::leap_day: return "leap_day";
    case EdgeKind::dst: break;
  }
  return "dst";
}

constexpr const char* kWeekdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

}  // namespace

Instant next_dst_transition(std::string_view zone, Instant after, DstDirection direction) {
  const auto* tz = zone_or_throw(zone);
  auto info = tz->get_info(after);
  const auto horizon = after + date::years(100);
  // sys_info boundaries include abbreviation-only changes; keep walking until the offset changes.
  while (info.end < horizon) {
    auto next = tz->get_info(info.end);
    bool changes = next.offset != info.offset;
    bool wanted = direction == DstDirection::any || (direction == DstDirection::forward && next.offset > info.offset) ||
                  (direction == DstDirection::backward && next.offset < info.offset);
    if (changes && wanted && Instant(std::chrono::time_point_cast<Millis>(info.end)) > after)
      return std::chrono::time_point_cast<Millis>(info.end);
    info = next;
  }
  throw std::invalid_argument(fmt::format("time zone \"{}\" has no {} DST transition after {}", zone,
                                          direction_name(direction), api::format_instant(after)));
}

Instant next_week_start(std::string_view zone, unsigned weekday, Instant after) {
  if (weekday > 6) throw std::invalid_argument("weekday must be 0 (Sunday) … 6 (Saturday)");
  const auto* tz = zone_or_throw(zone);
  auto day = local_day_of(tz, after);
  for (int i = 0; i < 15; ++i, day += date::days(1)) {
    if (date::weekday(day).c_encoding() != weekday) continue;
    auto start = local_day_start(tz, day);
    if (start > after) return start;
  }
  throw std::logic_error("next_week_start: no week start within 15 days");
}

Instant next_new_year(std::string_view zone, Instant after) {
  const auto* tz = zone_or_throw(zone);
  auto ymd = date::year_month_day(local_day_of(tz, after));
  for (auto y = ymd.year();; ++y) {
    auto start = local_day_start(tz, date::local_days(y / date::January / 1));
    if (start > after) return start;
  }
}

Instant next_leap_day(std::string_view zone, Instant after) {
  const auto* tz = zone_or_throw(zone);
  auto ymd = date::year_month_day(local_day_of(tz, after));
  for (auto y = ymd.year();; ++y) {
    if (!y.is_leap()) continue;
    auto start = local_day_start(tz, date::local_days(y / date::February / 29));
    if (start > after) return start;
  }
}

Instant resolve_edge(const StartEdge& e) {
  Instant base{};
  switch (e.kind) {
    case EdgeKind::dst: base = next_dst_transition(e.zone, e.after, e.direction); break;
    case EdgeKind::week: base = next_week_start(e.zone, e.week_start, e.after); break;
    case EdgeKind::new_year: base = next_new_year(e.zone, e.after); break;
    case EdgeKind::leap_day: base = next_leap_day(e.zone, e.after); break;
  }
  return base + e.offset;
}

StartEdge start_edge_from_json(const nlohmann::json& j) {
  using detail::JsonReader;
  JsonReader r(j, "/start");
  r.allow_keys({"edge", "zone", "after", "offset", "direction", "week_start"});
  StartEdge e;
  auto kind = r.required_string("edge");
  if (kind == "dst") e.kind = EdgeKind::dst;
  else if (kind == "week") e.kind = EdgeKind::week;
  else if (kind == "new_year") e.kind = EdgeKind::new_year;
  else if (kind == "leap_day") e.kind = EdgeKind::leap_day;
  else r.fail("edge", "must be one of dst, week, new_year, leap_day");
  e.zone = r.optional_string("zone").value_or("UTC");
  try {
    date::locate_zone(e.zone);
  } catch (const std::exception&) {
    r.fail("zone", fmt::format("unknown time zone \"{}\"", e.zone));
  }
  e.after = r.optional_instant("after").value_or(*api::parse_instant(kDefaultEdgeAfter));
  e.offset = r.optional_duration("offset").value_or(Millis(0));
  if (auto d = r.optional_string("direction")) {
    if (e.kind != EdgeKind::dst) r.fail("direction", "only applies to \"edge\": \"dst\"");
    if (*d == "any") e.direction = DstDirection::any;
    else if (*d == "forward") e.direction = DstDirection::forward;
    else if (*d == "backward") e.direction = DstDirection::backward;
    else r.fail("direction", "must be any, forward or backward");
  }
  if (auto w = r.optional_string("week_start")) {
    if (e.kind != EdgeKind::week) r.fail("week_start", "only applies to \"edge\": \"week\"");
    bool found = false;
    for (unsigned i = 0; i < 7; ++i)
      if (*w == kWeekdays[i]) { e.week_start = i; found = true; }
    if (!found) r.fail("week_start", "must be a weekday name, Sunday … Saturday");
  }
  if (e.kind == EdgeKind::dst) {
    try {
      next_dst_transition(e.zone, e.after, e.direction);
    } catch (const std::invalid_argument& ex) {
      r.fail("zone", ex.what());
    }
  }
  return e;
}

nlohmann::json start_edge_to_json(const StartEdge& e) {
  nlohmann::json j = {{"edge", kind_name(e.kind)}, {"zone", e.zone}, {"after", api::format_instant(e.after)},
                      {"offset", api::format_duration(e.offset)}};
  if (e.kind == EdgeKind::dst) j["direction"] = direction_name(e.direction);
  if (e.kind == EdgeKind::week) j["week_start"] = kWeekdays[e.week_start];
  return j;
}

}  // namespace mockgc::core
