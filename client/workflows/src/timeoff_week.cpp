#include "mockgc/workflows/timeoff_week.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "mockgc/api/error_body.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/api/url.hpp"
#include "mockgc/client/json_calls.hpp"
#include "genesys_paths.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;
using std::chrono::sys_days;

using paths::kWfm;

std::string text_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

unsigned weekday_index(const std::string& name) {
  static const char* const names[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  for (unsigned i = 0; i < 7; ++i)
    if (name == names[i]) return i;
  throw std::runtime_error("unknown startDayOfWeek '" + name + "'");
}

std::optional<TimeOffEntry> parse_entry(const json& e) {
  if (!e.is_object()) return std::nullopt;
  TimeOffEntry t;
  t.id = text_of(e, "id");
  if (e.contains("user") && e["user"].is_object()) t.user_id = text_of(e["user"], "id");
  t.status = text_of(e, "status");
  auto submitted = api::parse_instant(text_of(e, "submittedDate"));
  if (t.id.empty() || !submitted) return std::nullopt;
  t.submitted = *submitted;
  t.full_day = e.value("isFullDayRequest", false);
  if (auto it = e.find("fullDayManagementUnitDates"); it != e.end() && it->is_array())
    for (const auto& d : *it)
      if (d.is_string()) t.full_day_dates.push_back(d.get<std::string>().substr(0, 10));
  if (auto it = e.find("partialDayStartDateTimes"); it != e.end() && it->is_array())
    for (const auto& d : *it)
      if (d.is_string())
        if (auto p = api::parse_instant(d.get<std::string>())) t.partial_day_starts.push_back(*p);
  if (auto it = e.find("dailyDurationMinutes"); it != e.end() && it->is_number_integer()) t.daily_duration_minutes = it->get<int>();
  return t;
}

}  // namespace

ManagementUnitWeek week_containing(sys_days date, const std::string& time_zone, const std::string& start_day_of_week) {
  const auto* zone = date::locate_zone(time_zone);  // throws for an unknown zone
  const unsigned start = weekday_index(start_day_of_week);
  const unsigned today = date::weekday(date).c_encoding();
  ManagementUnitWeek w;
  w.time_zone = time_zone;
  w.start_day_of_week = start_day_of_week;
  w.first_day = date - date::days((today + 7 - start) % 7);
  auto midnight = [&](sys_days d) {
    // A local midnight that does not exist (a DST gap at 00:00) maps to the instant after the gap.
    return std::chrono::time_point_cast<client::Millis>(
        zone->to_sys(date::local_days(d.time_since_epoch()), date::choose::earliest));
  };
  w.window_start = midnight(w.first_day);
  w.window_end = midnight(w.first_day + date::days(7));
  return w;
}

sys_days local_date(client::Instant t, const std::string& time_zone) {
  const auto local = date::make_zoned(time_zone, t).get_local_time();
  return sys_days(date::floor<date::days>(local).time_since_epoch());
}

std::string format_local(client::Instant t, const std::string& time_zone) {
  return date::format("%FT%T%Ez", date::make_zoned(time_zone, std::chrono::time_point_cast<std::chrono::seconds>(t)));
}

bool in_week(const TimeOffEntry& e, const ManagementUnitWeek& w) {
  for (const auto& d : e.full_day_dates) {
    auto day = api::parse_local_date(d);
    if (day && *day >= w.first_day && *day < w.first_day + date::days(7)) return true;
  }
  for (auto t : e.partial_day_starts)
    if (t >= w.window_start && t < w.window_end) return true;
  return false;
}

bool TimeOffWeek::any_missing() const {
  return std::any_of(orgs.begin(), orgs.end(), [](const OrgTimeOff& o) { return o.status.is_missing(); });
}

TimeOffWeek aggregate_time_off_week(client::OrgClients& orgs, const TimeOffWeekOptions& options) {
  TimeOffWeek out;
  std::set<std::string> seen;
  std::vector<TimeOffEntry> all;
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    auto& c = orgs.at(i);
    OrgTimeOff o;
    o.org = c.org().name;
    o.region = c.org().region;
    const std::string mus_path = fmt::format("{}/managementunits", kWfm);
    auto mus = client::get_wfm_listing(c, mus_path);
    if (!mus) {
      o.status = RegionStatus::missing(fmt::format("GET {}: {}", mus_path, mus.error().message()));
      out.orgs.push_back(std::move(o));
      if (options.progress) options.progress(i + 1, orgs.size(), c.org().name);
      continue;
    }
    std::map<std::string, std::pair<std::string, std::string>> bu_settings;  // bu → (zone, start day)
    UnitFailures mus_read;
    auto fail = [&](std::string why) { mus_read.fail(std::move(why)); };
    for (const auto& mu : (*mus)["entities"]) {
      const auto mu_id = text_of(mu, "id");
      if (mu_id.empty()) continue;
      ++mus_read.units;
      const auto bu_id = mu.contains("businessUnit") && mu["businessUnit"].is_object() ? text_of(mu["businessUnit"], "id") : std::string();
      if (bu_id.empty()) {
        fail(fmt::format("management unit {} has no business unit", mu_id));
        continue;
      }
      if (!bu_settings.count(bu_id)) {
        const auto path = fmt::format("{}/businessunits/{}", kWfm, api::percent_encode(bu_id));
        auto bu = client::get_json(c, path, {{"expand", "settings"}});
        if (!bu || !bu->contains("settings")) {
          fail(fmt::format("GET {}: {}", path, bu ? std::string("no settings") : bu.error().message()));
          continue;
        }
        bu_settings[bu_id] = {text_of((*bu)["settings"], "timeZone"), text_of((*bu)["settings"], "startDayOfWeek")};
      }
      const auto& [zone, start_day] = bu_settings[bu_id];
      ManagementUnitWeek w;
      try {
        const auto day = options.week ? *options.week : local_date(c.clock().now(), zone);
        w = week_containing(day, zone, start_day);
      } catch (const std::exception& e) {
        fail(fmt::format("business unit {}: {}", bu_id, e.what()));
        continue;
      }
      w.management_unit_id = mu_id;
      w.business_unit_id = bu_id;
      json body{{"dateRange",
                 {{"startDate", api::format_local_date(w.first_day)},
                  {"endDate", api::format_local_date(w.first_day + date::days(6))}}}};
      if (!options.statuses.empty()) body["statuses"] = options.statuses;
      const auto path = fmt::format("{}/managementunits/{}/timeoffrequests/query", kWfm, api::percent_encode(mu_id));
      // A query changes nothing: safe to replay after a lost answer.
      auto raw = c.call("POST", path, {}, body.dump(-1, ' ', false, json::error_handler_t::replace),
                        client::CallOptions{.idempotent = true});
      auto r = client::json_from(raw);
      if (!r) {
        // Name the status and code (a 503 outage vs a 400), not just "unexpected HTTP status".
        if (raw && !raw->ok()) {
          const auto e = api::error_body_of(*raw);
          fail(fmt::format("POST {} answered {}{}{}", path, raw->status, e.code.empty() ? "" : " ", e.code));
        } else {
          fail(fmt::format("POST {}: {}", path, r.error().message()));
        }
        continue;
      }
      auto listing = client::resolve_download(c, std::move(*r));
      if (!listing) {
        fail(fmt::format("POST {} (download): {}", path, listing.error().message()));
        continue;
      }
      for (const auto& e : (*listing)["entities"]) {
        auto t = parse_entry(e);
        if (!t) continue;
        t->org = o.org;
        t->region = o.region;
        t->management_unit_id = mu_id;
        t->time_zone = zone;
        if (!in_week(*t, w)) continue;
        if (!seen.insert(t->id).second) {
          ++out.duplicates;
          continue;
        }
        ++o.requests;
        all.push_back(std::move(*t));
      }
      o.weeks.push_back(std::move(w));
    }
    if (mus_read.failed > 0) o.status = mus_read.status("management units");
    out.orgs.push_back(std::move(o));
    if (options.progress) options.progress(i + 1, orgs.size(), c.org().name);
  }
  std::sort(all.begin(), all.end(), [](const TimeOffEntry& x, const TimeOffEntry& y) {
    return x.submitted != y.submitted ? x.submitted < y.submitted : x.id < y.id;
  });
  out.requests = std::move(all);
  return out;
}

json week_json(const ManagementUnitWeek& w) {
  return {{"timeZone", w.time_zone},
          {"startDayOfWeek", w.start_day_of_week},
          {"firstDay", api::format_local_date(w.first_day)},
          {"startUtc", api::format_instant(w.window_start)},
          {"endUtc", api::format_instant(w.window_end)},
          {"startLocal", format_local(w.window_start, w.time_zone)},
          {"endLocal", format_local(w.window_end, w.time_zone)}};
}

json to_json(const TimeOffWeek& w) {
  json orgs = json::array();
  for (const auto& o : w.orgs) {
    json weeks = json::array();
    for (const auto& mw : o.weeks) {
      auto j = week_json(mw);
      j["managementUnitId"] = mw.management_unit_id;
      weeks.push_back(std::move(j));
    }
    json j{{"org", o.org}, {"region", o.region}, {"requests", o.requests}, {"weeks", std::move(weeks)}};
    j.update(json(o.status));
    orgs.push_back(std::move(j));
  }
  json requests = json::array();
  for (const auto& e : w.requests) {
    json partial = json::array();
    for (auto t : e.partial_day_starts)
      partial.push_back({{"utc", api::format_instant(t)}, {"local", format_local(t, e.time_zone)}});
    requests.push_back({{"id", e.id},
                        {"org", e.org},
                        {"managementUnitId", e.management_unit_id},
                        {"userId", e.user_id},
                        {"status", e.status},
                        {"timeZone", e.time_zone},
                        {"submittedUtc", api::format_instant(e.submitted)},
                        {"submittedLocal", format_local(e.submitted, e.time_zone)},
                        {"fullDay", e.full_day},
                        {"fullDayDates", e.full_day_dates},
                        {"partialDayStarts", std::move(partial)},
                        {"dailyDurationMinutes", e.daily_duration_minutes}});
  }
  return {{"orgs", std::move(orgs)}, {"requests", std::move(requests)}, {"duplicates", w.duplicates}};
}

}  // namespace mockgc::workflows
