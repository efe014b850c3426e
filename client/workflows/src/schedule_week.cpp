#include "mockgc/workflows/schedule_week.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "mockgc/api/time.hpp"
#include "mockgc/api/url.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/workflows/timeoff_week.hpp"  // week_containing, local_date
#include "mockgc/workflows/wfm_models.hpp"
#include "genesys_paths.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

using paths::kBusinessUnits;

// A downloaded file holds the result object, or (the finished answer of a Processing operation) {status, result}.
std::optional<json> result_of(json fetched) {
  if (!fetched.is_object()) return std::nullopt;
  if (auto r = fetched.find("result"); r != fetched.end() && r->is_object()) return std::move(*r);
  if (fetched.contains("agentSchedules")) return fetched;
  return std::nullopt;
}

std::optional<json> fetch_result(client::OrgClient& c, const json& holder, std::string& why) {
  auto url = holder.find("downloadUrl");
  if (url == holder.end() || !url->is_string() || url->get<std::string>().empty()) {
    why = "no result, downloadUrl or operationId in the answer";
    return std::nullopt;
  }
  auto fetched = client::json_from(c.fetch_url(url->get<std::string>()));
  if (!fetched) {
    why = fmt::format("GET downloadUrl: {}", fetched.error().message());
    return std::nullopt;
  }
  auto result = result_of(std::move(*fetched));
  if (!result) why = "the downloaded file holds no result";
  return result;
}

void count_shifts(const json& result, BusinessUnitSchedules& u) {
  const auto agents = result.find("agentSchedules");
  if (agents == result.end() || !agents->is_array()) return;
  for (const auto& a : *agents) {
    if (!a.is_object()) continue;
    ++u.agents;
    for (const auto& s : a.value("shifts", json::array())) {
      if (!s.is_object() || !s.contains("startDate") || !s["startDate"].is_string()) continue;
      const auto start = api::parse_instant(s["startDate"].get<std::string>());
      if (!start || *start < u.window_start || *start >= u.window_end) continue;  // a shift counts where it starts
      ++u.shifts;
      for (const auto& act : s.value("activities", json::array()))
        if (act.is_object() && act.contains("lengthMinutes") && act["lengthMinutes"].is_number_integer())
          u.scheduled_minutes += act["lengthMinutes"].get<long long>();
    }
  }
}

// The week of `o.week` (or of today) in the BU's zone and start day. Empty = ready.
std::string unit_week(client::OrgClient& c, const ScheduleWeekOptions& o, BusinessUnitSchedules& u) {
  const auto path = fmt::format("{}/{}", kBusinessUnits, api::percent_encode(u.business_unit_id));
  auto bu = client::get_json(c, path, {{"expand", "settings"}});
  if (!bu) return fmt::format("GET {}: {}", path, bu.error().message());
  const auto settings = bu->is_object() ? bu->value("settings", json::object()) : json::object();
  const auto zone = settings.value("timeZone", json()), start_day = settings.value("startDayOfWeek", json());
  if (!zone.is_string() || !start_day.is_string()) return fmt::format("GET {}: no timeZone/startDayOfWeek", path);
  u.time_zone = zone.get<std::string>();
  try {
    const auto w = week_containing(o.week ? *o.week : local_date(c.clock().now(), u.time_zone), u.time_zone,
                                   start_day.get<std::string>());
    u.week = api::format_local_date(w.first_day);
    u.window_start = w.window_start;
    u.window_end = w.window_end;
  } catch (const std::exception& e) {
    return fmt::format("business unit settings: {}", e.what());
  }
  return {};
}

void finish(OrgSchedules& o, const std::string& org_why) {
  if (!org_why.empty()) {
    o.status = RegionStatus::missing(org_why);
    return;
  }
  const auto read = std::count_if(o.units.begin(), o.units.end(), [](const auto& u) { return u.read; });
  const auto failed = std::find_if(o.units.begin(), o.units.end(), [](const auto& u) { return !u.read; });
  if (o.units.empty()) o.status = RegionStatus::missing("no business unit");
  else if (read == 0) o.status = RegionStatus::missing(failed->why);
  else if (failed != o.units.end())
    o.status = RegionStatus::partial(fmt::format("{} of {} business units", read, o.units.size()), failed->why);
}

}  // namespace

std::string_view to_string(ResultPath p) {
  switch (p) {
    case ResultPath::inline_result: return "inline";
    case ResultPath::download: return "download";
    case ResultPath::notification: return "notification";
  }
  return "inline";
}

ScheduleAnswer read_agent_schedules(client::OrgClient& c, client::CompletionChannel& channel, std::string_view path,
                                    const json& body, bool force_async) {
  ScheduleAnswer out;
  const auto done = channel.run([&](std::string& why) -> std::optional<json> {
    client::Query q;
    if (force_async) q.emplace_back("forceAsync", "true");
    // A search changes nothing: safe to replay after a lost answer.
    auto answer = client::json_from(c.call("POST", path, q, body.dump(), client::CallOptions{.idempotent = true}));
    if (!answer) {
      why = fmt::format("POST {}: {}", path, answer.error().message());
      return std::nullopt;
    }
    return std::move(*answer);
  });
  out.operation_id = done.operation_id;
  if (!done.ok()) {
    out.why = fmt::format("POST {}: {}", path, done.why);
    if (!done.answer) out.why = done.why;
    return out;
  }
  if (done.event) {
    out.path = ResultPath::notification;
    out.result = fetch_result(c, *done.event, out.why);
  } else if (auto r = done.answer->find("result"); done.answer->is_object() && r != done.answer->end() && r->is_object()) {
    out.result = *r;
  } else {
    out.path = ResultPath::download;
    out.result = fetch_result(c, *done.answer, out.why);
  }
  if (!out.result && !out.why.empty()) out.why = fmt::format("POST {} ({}): {}", path, to_string(out.path), out.why);
  return out;
}

bool ScheduleWeek::any_missing() const {
  return std::any_of(orgs.begin(), orgs.end(), [](const OrgSchedules& o) { return o.status.is_missing(); });
}

ScheduleWeek read_schedule_week(client::OrgClients& orgs, client::WebSocketConnector* sockets,
                                const ScheduleWeekOptions& options) {
  ScheduleWeek out;
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    auto& c = orgs.at(i);
    OrgSchedules o;
    o.org = c.org().name;
    o.region = c.org().region;
    std::string org_why;
    auto listing = client::get_wfm_listing(c, kBusinessUnits);
    if (!listing) {
      org_why = fmt::format("GET {}: {}", kBusinessUnits, listing.error().message());
    } else {
      client::CompletionChannel channel(c, sockets, {client::requester_schedule_topic(c, "search")}, options.completion);
      for (const auto& bu : parse_business_units(*listing)) {
        BusinessUnitSchedules u;
        u.business_unit = bu.name;
        u.business_unit_id = bu.id;
        u.why = unit_week(c, options, u);
        if (u.why.empty()) {
          const auto path = fmt::format("{}/{}/agentschedules/search", kBusinessUnits, api::percent_encode(bu.id));
          auto answer = read_agent_schedules(
              c, channel, path,
              {{"startDate", api::format_instant(u.window_start)}, {"endDate", api::format_instant(u.window_end)}},
              options.force_async);
          u.path = answer.path;
          u.operation_id = answer.operation_id;
          u.why = answer.why;
          if (answer.result) {
            u.read = true;
            count_shifts(*answer.result, u);
          }
        }
        o.units.push_back(std::move(u));
      }
    }
    finish(o, org_why);
    out.orgs.push_back(std::move(o));
    if (options.progress) options.progress(i + 1, orgs.size(), c.org().name);
  }
  return out;
}

json to_json(const ScheduleWeek& w) {
  json orgs = json::array();
  for (const auto& o : w.orgs) {
    json units = json::array();
    for (const auto& u : o.units) {
      json j{{"businessUnit", u.business_unit}, {"businessUnitId", u.business_unit_id}, {"read", u.read}};
      if (!u.week.empty()) {
        j["timeZone"] = u.time_zone;
        j["weekDate"] = u.week;
      }
      if (u.read) {
        j["resultPath"] = std::string(to_string(u.path));
        j["agents"] = u.agents;
        j["shifts"] = u.shifts;
        j["scheduledMinutes"] = u.scheduled_minutes;
      }
      if (!u.operation_id.empty()) j["operationId"] = u.operation_id;
      if (!u.why.empty()) j["why"] = u.why;
      units.push_back(std::move(j));
    }
    json j{{"org", o.org}, {"region", o.region}, {"businessUnits", std::move(units)}};
    j.update(json(o.status));
    orgs.push_back(std::move(j));
  }
  return {{"orgs", std::move(orgs)}};
}

}  // namespace mockgc::workflows
