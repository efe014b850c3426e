// BU schedule import (genesys-api.md §6e; README "Schedule import"): upload URL -> PUT gzip JSON
// (ImportScheduleUploadSchema) -> import call, on the forecast import's flow (wfm_import.hpp). The import
// call refuses what is wrong with the request itself with a synchronous 400; everything else answers 202
// {status: Processing, operationId} and the upload is judged kImportValidation later by the world clock:
// the v2.workforcemanagement.businessunits.{id}.schedules topic then says Complete (eventType Import, result
// BuScheduleMetadata) and the schedule is what the schedule routes answer, or Error with the first problem
// (naming the offending user, activity code or shift) and nothing is imported.
#include <fmt/format.h>

#include <set>

#include "../call_helpers.hpp"
#include "mockgc/api/time.hpp"
#include "schedule_render.hpp"
#include "schedule_upload.hpp"
#include "wfm_import.hpp"

namespace mockgc::core {
namespace {

using std::chrono::days;
using std::chrono::minutes;
using wfm::Day;

std::optional<std::string> read_agent(const ScheduleUpload& in, const wfm::WeekSchedule& ws, int week_count,
                                      const json& j, std::size_t index, std::set<std::string>& seen,
                                      wfm::AgentWeek& aw) {
  const std::string where = fmt::format("agentSchedules[{}]", index);
  if (auto e = read_upload_user(in, j, where, aw.user)) return e;
  const std::string& id = aw.user->id;
  if (!seen.insert(id).second) return fmt::format("Duplicate userId [{}] ({}).", id, where);
  if (j.contains("shifts")) {
    const json& shifts = j["shifts"];
    if (!shifts.is_array() || shifts.size() > kMaxShiftsPerAgentWeek * static_cast<std::size_t>(week_count))
      return fmt::format("{}.shifts must be a list of at most {} shifts per week.", where, kMaxShiftsPerAgentWeek);
    for (std::size_t i = 0; i < shifts.size(); ++i) {
      wfm::Shift s;
      if (auto e = read_upload_shift(in, ws, shifts[i], fmt::format("{}.shifts[{}]", where, i), s)) return e;
      s.id = upload_shift_id(in, {"imported-shift", in.schedule_id, id, std::to_string(i)});
      aw.shifts.push_back(std::move(s));
    }
    if (auto e = sort_upload_shifts(id, aw.shifts)) return e;
  }
  if (j.contains("fullDayTimeOffMarkers")) {
    const json& markers = j["fullDayTimeOffMarkers"];
    if (!markers.is_array() || markers.size() > 7 * static_cast<std::size_t>(week_count))
      return fmt::format("{}.fullDayTimeOffMarkers must be a list of at most 7 markers per week.", where);
    for (std::size_t i = 0; i < markers.size(); ++i) {
      wfm::FullDayMarker fm;
      const std::string at = fmt::format("{}.fullDayTimeOffMarkers[{}]", where, i);
      if (auto e = read_upload_marker(in, ws, week_count, markers[i], at, fm)) return e;
      aw.markers.push_back(std::move(fm));
    }
  }
  return std::nullopt;
}

// What is wrong with the upload as a schedule of `week` (nullopt: nothing); on success `out` holds it.
std::optional<std::string> validate(const ScheduleUpload& in, const json& j, Day week, wfm::ImportedSchedule& out) {
  if (!j.contains("description") || !j["description"].is_string())
    return std::string("description is required: the imported schedule needs a string description.");
  if (!j.contains("weekCount") || !j["weekCount"].is_number_integer() || j["weekCount"].get<long long>() < 1 ||
      j["weekCount"].get<long long>() > kMaxScheduleWeekCount)
    return fmt::format("weekCount is required: an integer between 1 and {}.", kMaxScheduleWeekCount);
  out.week_count = j["weekCount"];
  if (j.contains("published") && !j["published"].is_boolean()) return std::string("published must be a boolean.");
  out.published = j.value("published", false);
  out.description = j["description"];
  auto ws = std::make_shared<wfm::WeekSchedule>();
  ws->id = in.schedule_id;
  ws->business_unit_id = in.bu.id;
  ws->week_date = week;
  ws->start = in.wf.local_time(in.bu, week, minutes(0));
  ws->end = in.wf.local_time(in.bu, week + days(7 * out.week_count), minutes(0));
  if (j.contains("agentSchedules")) {
    if (!j["agentSchedules"].is_array()) return std::string("agentSchedules must be a list.");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < j["agentSchedules"].size(); ++i) {
      wfm::AgentWeek aw;
      if (auto e = read_agent(in, *ws, out.week_count, j["agentSchedules"][i], i, seen, aw)) return e;
      ws->agents.push_back(std::move(aw));
    }
  }
  ws->index_agents();
  out.schedule = std::move(ws);
  return std::nullopt;
}

}  // namespace

Reply handle_schedule_import_upload_url(Call& call) { return wfm_import_upload_url(call, "schedule"); }

Reply handle_schedule_import(Call& call) {
  WfmUpload up;
  if (auto e = wfm_import_take_upload(call, "schedule", up)) return error_reply(*e);
  const BusinessUnit& bu = *up.bu;
  const ScheduleUpload in = schedule_upload(call, bu, wfm_operation_id(call));
  json upload;
  wfm::ImportedSchedule s;
  auto problem = wfm_import_parse(up.bytes, "schedule", upload);
  if (!problem) problem = validate(in, upload, up.week, s);

  const Instant done = call.now + kImportValidation;
  s.id = in.schedule_id;
  s.business_unit_id = bu.id;
  s.week = up.week;
  s.imported_at = done;
  return schedule_upload_completion(call, bu, "Import", problem, std::move(s), done);
}

}  // namespace mockgc::core
