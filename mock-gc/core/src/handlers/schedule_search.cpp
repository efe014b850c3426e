// Agent-schedule search over a date range (genesys-api.md §6e): BU and MU routes with the same async
// answers as the week query. Shifts overlapping [startDate, endDate) (a shift that starts before the range
// but is still running at its start is kept whole) and full-day markers whose BU date falls in the range's
// BU-local dates, from every published week overlapping the range (and the week before, when one of its
// shifts runs into the range). A week's published schedule is its latest published import, if any, else
// the generated one.
#include <fmt/format.h>

#include "../call_helpers.hpp"
#include "../wire.hpp"
#include "mockgc/api/time.hpp"
#include "schedule_render.hpp"

namespace mockgc::core {
namespace {

using std::chrono::days;
using wfm::Day;
constexpr auto kMaxRange = days(100);  // UNCERTAIN in Genesys; documented in the README

Reply search(Call& call, const BusinessUnit& bu, const ManagementUnit* mu) {
  bool force_async = false, force_download = false;
  if (auto e = read_bool_param(call, "forceAsync", false, force_async)) return error_reply(*e);
  if (auto e = read_bool_param(call, "forceDownloadService", false, force_download)) return error_reply(*e);
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_object() || !body.contains("startDate") || !body.contains("endDate") || !body["startDate"].is_string() ||
      !body["endDate"].is_string())
    return error_reply(bad_request("startDate and endDate (ISO-8601 instants) are required."));
  auto start = api::parse_instant(body["startDate"].get<std::string>());
  auto end = api::parse_instant(body["endDate"].get<std::string>());
  if (!start || !end) return error_reply(invalid_date());
  if (*end <= *start) return error_reply(bad_request("endDate must be after startDate."));
  if (*end - *start > kMaxRange) return error_reply(bad_request("The search range must not exceed 100 days."));
  std::set<std::string> user_ids;
  if (body.contains("userIds")) {
    if (!body["userIds"].is_array()) return error_reply(bad_request("userIds must be a list of ids."));
    for (const auto& v : body["userIds"]) {
      if (!v.is_string()) return error_reply(bad_request("userIds must be a list of ids."));
      user_ids.insert(v.get<std::string>());
    }
  }
  const auto& wf = *call.org->workforce;
  const Day first_day = wf.local_date(bu, *start), last_day = wf.local_date(bu, *end - Millis(1));
  std::map<std::string, json> agents;  // by user id, in first-seen order kept through `order`
  std::vector<std::string> order;
  json published = json::array();
  const auto imports = wf.imported_schedules(bu.id, call.now);
  std::set<std::string> visited;  // an import spanning several weeks is read once
  // A shift is shorter than a day, so one starting before the range starts on the range's first day or the one before.
  for (Day w = wf.week_containing(bu, first_day - days(1)); w <= last_day; w += days(7)) {
    const wfm::ImportedSchedule* import = wfm_published_import(imports, w);
    const auto ws = wf.schedule_in_force(bu, w, call.now);  // the published one, approved shift trades applied
    if (!visited.insert(ws->id).second) continue;
    const Day week = import ? import->week : w;
    const int week_count = import ? import->week_count : 1;
    bool contributes = week + days(7 * week_count) > first_day;
    const json reference{{"id", ws->id},
                         {"weekDate", api::format_local_date(week)},
                         {"weekCount", week_count},
                         {"selfUri", wfm_schedule_self(bu.id, week, ws->id)}};
    for (const auto& aw : ws->agents) {
      if (mu && aw.user->management_unit_id != mu->id) continue;
      if (!roster_in_management_unit(*call.org, *aw.user)) continue;  // removed by a data event
      if (!user_ids.empty() && !user_ids.count(aw.user->id)) continue;
      auto [it, fresh] = agents.try_emplace(aw.user->id, json{{"user", wire::user_ref(aw.user->id)},
                                                            {"shifts", json::array()},
                                                            {"fullDayTimeOffMarkers", json::array()}});
      if (fresh) order.push_back(aw.user->id);
      for (const auto& s : aw.shifts) {
        if (s.start >= *end || s.start + std::chrono::minutes(s.minutes) <= *start) continue;
        contributes = true;
        json acts = json::array();
        for (const auto& a : s.activities) acts.push_back(wfm_activity_json(a));
        it->second["shifts"].push_back({{"id", s.id},
                                        {"startDate", api::format_instant(s.start)},
                                        {"lengthMinutes", s.minutes},
                                        {"activities", std::move(acts)},
                                        {"manuallyEdited", false},
                                        {"schedule", {{"id", ws->id}, {"weekDate", api::format_local_date(week)}}}});
      }
      for (const auto& m : aw.markers)
        if (m.bu_date >= first_day && m.bu_date <= last_day) it->second["fullDayTimeOffMarkers"].push_back(wfm_marker_json(m));
    }
    if (contributes) published.push_back(reference);
  }
  json list = json::array();
  for (const auto& id : order) list.push_back(std::move(agents[id]));
  json result{{"agentSchedules", std::move(list)},
              {"businessUnitTimeZone", bu.time_zone},
              {"publishedSchedules", std::move(published)}};
  std::string text = result.dump();
  if (force_async || wfm_answers_async(call, text.size()))
    return wfm_processing(call, "search", bu.id, json{{"status", "Complete"}, {"result", std::move(result)}}.dump());
  if (force_download || text.size() > call.epoch.options().download_threshold_bytes) {
    return download_reply(call, std::move(text), {{"status", "Complete"}});
  }
  return json_reply({{"status", "Complete"}, {"operationId", wfm_operation_id(call)}, {"result", std::move(result)}});
}

}  // namespace

Reply handle_bu_agent_schedules_search(Call& call) {
  const BusinessUnit* bu = nullptr;
  if (auto e = wfm_find_bu(call, call.params[0], bu)) return error_reply(*e);
  return search(call, *bu, nullptr);
}

Reply handle_mu_agent_schedules_search(Call& call) {
  const ManagementUnit* mu = nullptr;
  if (auto e = wfm_find_mu(call, call.params[0], mu)) return error_reply(*e);
  const BusinessUnit* bu = call.org->world->find_business_unit(mu->business_unit_id);
  if (!bu) return error_reply(not_found("The management unit has no business unit."));
  return search(call, *bu, mu);
}

}  // namespace mockgc::core
