// BU schedules (genesys-api.md §6e): week listings (incl. `recent`), schedule metadata and the
// agent-schedules query with its three answers (inline result, downloadUrl, Processing).
#include <fmt/format.h>

#include "../call_helpers.hpp"
#include "../wire.hpp"
#include "mockgc/api/time.hpp"
#include "schedule_render.hpp"

namespace mockgc::core {
namespace {

using std::chrono::days;
using wfm::Day;

json agent_schedule(const wfm::WeekSchedule& ws, const wfm::AgentWeek& aw) {
  const std::string week_text = api::format_local_date(ws.week_date);
  json shifts = json::array();
  for (const auto& s : aw.shifts) {
    json acts = json::array();
    for (const auto& a : s.activities) acts.push_back(wfm_activity_json(a));
    shifts.push_back({{"id", s.id},
                      {"startDate", api::format_instant(s.start)},
                      {"lengthMinutes", s.minutes},
                      {"activities", std::move(acts)},
                      {"manuallyEdited", false},
                      {"schedule",
                       {{"id", ws.id},
                        {"weekDate", week_text},
                        {"selfUri", wfm_schedule_self(ws.business_unit_id, ws.week_date, ws.id)}}}});
  }
  json markers = json::array();
  for (const auto& m : aw.markers) markers.push_back(wfm_marker_json(m));
  return {{"user", wire::user_ref(aw.user->id)},
          {"shifts", std::move(shifts)},
          {"fullDayTimeOffMarkers", std::move(markers)},
          {"metadata", {{"version", 1}}}};
}

}  // namespace

Reply handle_bu_schedules_list(Call& call) {
  const BusinessUnit* bu = nullptr;
  if (auto e = wfm_find_bu(call, call.params[0], bu)) return error_reply(*e);
  const wfm::Workforce& wf = *call.org->workforce;
  std::optional<Day> week;
  if (auto e = wfm_parse_schedule_week(wf, *bu, call.params[1], true, week)) return error_reply(*e);
  bool only_published = false;
  if (auto e = read_bool_param(call, "includeOnlyPublished", false, only_published)) return error_reply(*e);
  const auto imports = wf.imported_schedules(bu->id, call.now);
  // A week's generated schedule, then the imports whose first week it is (or, for a single week, that span it).
  auto add_week = [&](json& out, Day w, bool spanning) {
    if (!(only_published && wfm_published_import(imports, w)))
      out.push_back(wfm_generated_schedule_item(wf, *bu, w, !wfm_published_import(imports, w)));
    for (const auto& s : imports) {
      if (spanning ? !s.covers(w) : s.week != w) continue;
      const bool published = wfm_published_import(imports, s.week) == &s;
      if (!only_published || published) out.push_back(wfm_imported_schedule_item(*bu, s, published));
    }
  };
  json entities = json::array();
  if (week) {
    add_week(entities, *week, true);
  } else {
    // recent: ±26 weeks around the clock's current BU week, narrowed by earliestWeekDate/latestWeekDate.
    const Day current = wf.week_containing(*bu, wf.local_date(*bu, call.now));
    Day from = current - days(26 * 7), to = current + days(26 * 7);
    for (const char* key : {"earliestWeekDate", "latestWeekDate"}) {
      auto v = call.target.query.first(key);
      if (!v) continue;
      auto d = api::parse_local_date(*v);
      if (!d) return error_reply(bad_request(fmt::format("{} [{}] is not a date in yyyy-MM-dd format.", key, *v)));
      if (std::string_view(key) == "earliestWeekDate") from = std::max(from, *d);
      else to = std::min(to, *d);
    }
    for (Day w = current - days(26 * 7); w <= current + days(26 * 7); w += days(7))
      if (w + days(6) >= from && w <= to) add_week(entities, w, false);
  }
  return wfm_listing(call, json{{"entities", std::move(entities)}}.dump(), false);
}

Reply handle_bu_schedule_get(Call& call) {
  WfmScheduleTarget t;
  if (auto e = wfm_find_schedule(call, t)) return error_reply(*e);
  static constexpr std::array<std::string_view, 2> kExpand{"managementUnits.agents", "forecast.description"};
  std::set<std::string> expand;
  if (auto e = read_enum_list(call, "expand", "BuScheduleExpand", kExpand, expand)) return error_reply(*e);
  const wfm::Workforce& wf = *call.org->workforce;
  json j = t.ref.imported
               ? wfm_imported_schedule_item(*t.bu, *t.ref.imported, wfm_published_import(t.imports, t.week) == t.ref.imported)
               : wfm_generated_schedule_item(wf, *t.bu, t.week, !wfm_published_import(t.imports, t.week));
  json mus = wfm_schedule_management_units(*t.bu, *t.ref.schedule, expand.count("managementUnits.agents") > 0);
  j["managementUnits"] = std::move(mus);
  return json_reply(j);
}

Reply handle_bu_agent_schedules_query(Call& call) {
  WfmScheduleTarget t;
  if (auto e = wfm_find_schedule(call, t)) return error_reply(*e);
  bool force_async = false, force_download = false;
  if (auto e = read_bool_param(call, "forceAsync", false, force_async)) return error_reply(*e);
  if (auto e = read_bool_param(call, "forceDownloadService", false, force_download)) return error_reply(*e);
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_object() || !body.contains("managementUnitId") || !body["managementUnitId"].is_string())
    return error_reply(bad_request("managementUnitId is required."));
  const std::string mu_id = body["managementUnitId"];
  const ManagementUnit* mu = call.org->world->find_management_unit(mu_id);
  if (!mu || mu->business_unit_id != t.bu->id)
    return error_reply(not_found(fmt::format("Management unit {} was not found in business unit {}.", mu_id, t.bu->id)));
  std::set<std::string> user_ids, team_ids;
  for (const char* key : {"userIds", "teamIds"}) {
    if (!body.contains(key)) continue;
    if (!body[key].is_array()) return error_reply(bad_request(fmt::format("{} must be a list of ids.", key)));
    for (const auto& v : body[key]) {
      if (!v.is_string()) return error_reply(bad_request(fmt::format("{} must be a list of ids.", key)));
      (std::string_view(key) == "userIds" ? user_ids : team_ids).insert(v.get<std::string>());
    }
  }
  const auto& ws = t.ref.schedule;
  json agents = json::array();
  for (const auto& aw : ws->agents) {
    if (aw.user->management_unit_id != mu_id) continue;
    if (!roster_in_management_unit(*call.org, *aw.user)) continue;  // removed by a data event
    if (!user_ids.empty() && !user_ids.count(aw.user->id)) continue;
    if (!team_ids.empty() && !team_ids.count(aw.user->team_id)) continue;
    agents.push_back(agent_schedule(*ws, aw));
  }
  json result{{"agentSchedules", std::move(agents)}, {"businessUnitTimeZone", t.bu->time_zone}};
  std::string result_text = result.dump();
  if (force_async || wfm_answers_async(call, result_text.size())) {
    // Genesys answers Processing and delivers the result by notification only.
    json finished{{"status", "Complete"}, {"result", std::move(result)}};
    return wfm_processing(call, "query", t.bu->id, finished.dump());
  }
  if (force_download || result_text.size() > call.epoch.options().download_threshold_bytes) {
    return download_reply(call, std::move(result_text), {{"status", "Complete"}});
  }
  const std::string op = wfm_operation_id(call);
  return json_reply({{"status", "Complete"}, {"operationId", op}, {"result", std::move(result)}});
}

}  // namespace mockgc::core
