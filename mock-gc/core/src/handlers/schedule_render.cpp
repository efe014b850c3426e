#include "schedule_render.hpp"

#include <fmt/format.h>

#include "../wire.hpp"
#include "mockgc/api/time.hpp"

namespace mockgc::core {
namespace {
using std::chrono::days;
const std::string kWfm = "/api/v2/workforcemanagement";
}  // namespace

const wfm::ImportedSchedule* wfm_published_import(const std::vector<wfm::ImportedSchedule>& imports, wfm::Day w) {
  return wfm::published_import(imports, w);
}

std::string wfm_schedule_self(const std::string& bu_id, wfm::Day week, const std::string& id) {
  return fmt::format("{}/businessunits/{}/weeks/{}/schedules/{}", kWfm, bu_id, api::format_local_date(week), id);
}

json wfm_generated_schedule_item(const wfm::Workforce& wf, const BusinessUnit& bu, wfm::Day week, bool published) {
  const std::string id = wf.schedule_id(bu, week);
  const std::string week_text = api::format_local_date(week);
  const std::string forecast = wf.forecast_id(bu, week);
  WfmMetadata meta;
  meta.date_created = meta.date_modified = wf.local_time(bu, week - days(10), std::chrono::minutes(9 * 60));
  return {{"id", id},
          {"weekDate", week_text},
          {"weekCount", 1},
          {"description", "Published schedule for the week of " + week_text},
          {"published", published},
          {"shortTermForecast",
           {{"id", forecast},
            {"weekDate", week_text},
            {"description", "Forecast for the week of " + week_text},
            {"selfUri", fmt::format("{}/businessunits/{}/weeks/{}/shorttermforecasts/{}", kWfm, bu.id, week_text,
                                    forecast)}}},
          {"generationResults", {{"failed", false}, {"runId", forecast}, {"messageCount", 0}}},
          {"metadata", wire::metadata(meta)},
          {"selfUri", wfm_schedule_self(bu.id, week, id)}};
}

json wfm_imported_schedule_item(const BusinessUnit& bu, const wfm::ImportedSchedule& s, bool published) {
  WfmMetadata meta;
  meta.version = s.version;
  meta.date_created = s.imported_at == Instant{} ? s.completes : s.imported_at;
  meta.date_modified = s.completes;
  return {{"id", s.id},
          {"weekDate", api::format_local_date(s.week)},
          {"weekCount", s.week_count},
          {"description", s.description},
          {"published", published},
          {"metadata", wire::metadata(meta)},
          {"selfUri", wfm_schedule_self(bu.id, s.week, s.id)}};
}

json wfm_schedule_management_units(const BusinessUnit& bu, const wfm::WeekSchedule& ws, bool with_agents) {
  json mus = json::array();
  for (const auto& mu_id : bu.management_unit_ids) {
    json agents = json::array();
    int count = 0;
    for (const auto& aw : ws.agents)
      if (aw.user->management_unit_id == mu_id) {
        ++count;
        if (with_agents) agents.push_back(wire::user_ref(aw.user->id));
      }
    mus.push_back({{"managementUnit", {{"id", mu_id}, {"selfUri", kWfm + "/managementunits/" + mu_id}}},
                   {"agentCount", count},
                   {"startDate", api::format_instant(ws.start)},
                   {"endDate", api::format_instant(ws.end)},
                   {"agents", std::move(agents)}});
  }
  return mus;
}

json wfm_activity_json(const wfm::ScheduledActivity& a) {
  return {{"startDate", api::format_instant(a.start)},
          {"lengthMinutes", a.minutes},
          {"description", a.description.empty() ? std::string(default_activity_code_name(a.category)) : a.description},
          {"activityCodeId", a.activity_code_id},
          {"paid", a.paid}};
}

json wfm_marker_json(const wfm::FullDayMarker& m) {
  json j{{"businessUnitDate", api::format_local_date(m.bu_date)},
         {"lengthMinutes", m.minutes},
         {"description", m.description},
         {"activityCodeId", m.activity_code_id},
         {"paid", m.paid}};
  if (!m.time_off_request_id.empty()) j["timeOffRequestId"] = m.time_off_request_id;  // an imported marker has none
  return j;
}

std::optional<ApiError> wfm_parse_schedule_week(const wfm::Workforce& wf, const BusinessUnit& bu,
                                                const std::string& text, bool allow_recent,
                                                std::optional<wfm::Day>& out) {
  if (allow_recent && text == "recent") return std::nullopt;
  auto d = api::parse_local_date(text);
  if (!d) return bad_request(fmt::format("The week id [{}] is not a date in yyyy-MM-dd format.", text));
  if (!wf.is_week_start(bu, *d))
    return bad_request(fmt::format("The week id [{}] must fall on the business unit's start day of week ({}).", text,
                                   bu.start_day_of_week));
  out = *d;
  return std::nullopt;
}

std::optional<ApiError> wfm_find_schedule(const Call& call, WfmScheduleTarget& t) {
  if (auto e = wfm_find_bu(call, call.params[0], t.bu)) return e;
  const auto& wf = *call.org->workforce;
  std::optional<wfm::Day> week;
  if (auto e = wfm_parse_schedule_week(wf, *t.bu, call.params[1], false, week)) return e;
  t.week = *week;
  t.imports = wf.imported_schedules(t.bu->id, call.now);
  const wfm::ImportedSchedule* published = wfm_published_import(t.imports, t.week);
  if (wf.schedule_id(*t.bu, t.week) == call.params[2]) {
    // The generated schedule, while it is the published one, reads as in force (approved shift trades applied).
    t.ref = {published ? wf.schedule(*t.bu, t.week) : wf.schedule_in_force(*t.bu, t.week, call.now), t.week, 1,
             nullptr};
    return std::nullopt;
  }
  for (const auto& s : t.imports)
    if (s.id == call.params[2] && s.week == t.week) {
      t.ref = {s.schedule, s.week, s.week_count, &s};
      // The published import reads as in force (approved shift trades applied).
      if (published == &s) t.ref.schedule = wf.schedule_in_force(*t.bu, t.week, call.now);
      return std::nullopt;
    }
  return not_found(fmt::format("Schedule {} was not found in week {}.", call.params[2], call.params[1]));
}

}  // namespace mockgc::core
