// BU schedule update (genesys-api.md §6e; README "Schedule import"): POST …/schedules/{scheduleId}/update/uploadurl
// -> PUT gzip JSON (UpdateScheduleUploadSchema) -> POST …/schedules/{scheduleId}/update {uploadKey}, on the
// import's flow (wfm_import.hpp) and with its readers (schedule_upload.hpp). The upload is a change to the
// schedule's current version:
//   - metadata.version (required) must be the schedule's current version (else Error, nothing changes);
//   - description and published replace the schedule's when given (published: true makes it the week's
//     published schedule; left out, the schedule stays as published as it is);
//   - agentSchedules[]: per userId, `delete: true` drops the agent's week; otherwise each shift with an `id`
//     replaces (or with `delete: true` removes) that shift of the agent, a shift without one is added, and
//     each full-day marker replaces (or with `delete: true` removes) the agent's marker on its date. Agents
//     left out keep their week.
// Completion as the import's: Complete (eventType Update, result BuScheduleMetadata of the new version, whose
// metadata.version is one more) or Error naming the offending id. Only imported schedules take updates: the
// generated schedule of a week answers 400 (it is the world's own, not an upload's).
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "../call_helpers.hpp"
#include "mockgc/api/time.hpp"
#include "schedule_render.hpp"
#include "schedule_upload.hpp"
#include "wfm_import.hpp"

namespace mockgc::core {
namespace {

constexpr std::string_view kKind = "schedule-update";

std::optional<ApiError> find_updatable(Call& call, WfmScheduleTarget& t) {
  if (auto e = wfm_find_schedule(call, t)) return e;
  if (!t.ref.imported)
    return bad_request(fmt::format("Schedule {} is the generated schedule of week {}: only imported schedules take "
                                   "updates in mock-gc.",
                                   call.params[2], call.params[1]));
  return std::nullopt;
}

bool deletes(const json& j) { return j.is_object() && j.contains("delete") && j["delete"] == true; }

std::optional<std::string> apply_shifts(const ScheduleUpload& in, const wfm::WeekSchedule& ws, int week_count,
                                        const json& shifts, const std::string& where, int version, wfm::AgentWeek& aw) {
  if (!shifts.is_array() || shifts.size() > kMaxShiftsPerAgentWeek * static_cast<std::size_t>(week_count))
    return fmt::format("{}.shifts must be a list of at most {} shifts per week.", where, kMaxShiftsPerAgentWeek);
  for (std::size_t i = 0; i < shifts.size(); ++i) {
    const json& j = shifts[i];
    const std::string at = fmt::format("{}.shifts[{}]", where, i);
    auto existing = aw.shifts.end();
    if (j.is_object() && j.contains("id")) {
      const std::string id = j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump();
      existing = std::find_if(aw.shifts.begin(), aw.shifts.end(), [&](const auto& s) { return s.id == id; });
      if (existing == aw.shifts.end())
        return fmt::format("Shift [{}] ({}) is not a shift of user [{}] in schedule [{}].", id, at, aw.user->id,
                           in.schedule_id);
    } else if (deletes(j)) {
      return fmt::format("{}.id is required to delete a shift.", at);
    }
    if (deletes(j)) {
      aw.shifts.erase(existing);
      continue;
    }
    wfm::Shift s;
    if (auto e = read_upload_shift(in, ws, j, at, s)) return e;
    if (existing != aw.shifts.end()) {
      s.id = existing->id;
      *existing = std::move(s);
    } else {
      s.id = upload_shift_id(in, {"updated-shift", in.schedule_id, std::to_string(version), aw.user->id, std::to_string(i)});
      aw.shifts.push_back(std::move(s));
    }
  }
  return sort_upload_shifts(aw.user->id, aw.shifts);
}

std::optional<std::string> apply_markers(const ScheduleUpload& in, const wfm::WeekSchedule& ws, int week_count,
                                         const json& markers, const std::string& where, wfm::AgentWeek& aw) {
  if (!markers.is_array() || markers.size() > 7 * static_cast<std::size_t>(week_count))
    return fmt::format("{}.fullDayTimeOffMarkers must be a list of at most 7 markers per week.", where);
  for (std::size_t i = 0; i < markers.size(); ++i) {
    const json& m = markers[i];
    const std::string at = fmt::format("{}.fullDayTimeOffMarkers[{}]", where, i);
    if (deletes(m)) {
      auto d = m.contains("businessUnitDate") && m["businessUnitDate"].is_string()
                   ? api::parse_local_date(m["businessUnitDate"].get<std::string>())
                   : std::nullopt;
      if (!d) return fmt::format("{}.businessUnitDate is required to delete a marker.", at);
      std::erase_if(aw.markers, [&](const auto& k) { return k.bu_date == *d; });
      continue;
    }
    wfm::FullDayMarker fm;
    if (auto e = read_upload_marker(in, ws, week_count, m, at, fm)) return e;
    std::erase_if(aw.markers, [&](const auto& k) { return k.bu_date == fm.bu_date; });
    aw.markers.push_back(std::move(fm));
  }
  std::stable_sort(aw.markers.begin(), aw.markers.end(), [](const auto& a, const auto& b) { return a.bu_date < b.bu_date; });
  return std::nullopt;
}

std::optional<std::string> apply_agent(const ScheduleUpload& in, wfm::WeekSchedule& ws, int week_count, int version,
                                       const json& j, std::size_t index, std::set<std::string>& seen) {
  const std::string where = fmt::format("agentSchedules[{}]", index);
  const User* user = nullptr;
  if (auto e = read_upload_user(in, j, where, user)) return e;
  if (!seen.insert(user->id).second) return fmt::format("Duplicate userId [{}] ({}).", user->id, where);
  auto it = std::find_if(ws.agents.begin(), ws.agents.end(), [&](const auto& aw) { return aw.user == user; });
  if (deletes(j)) {
    if (it == ws.agents.end())
      return fmt::format("User [{}] ({}) has no schedule in schedule [{}] to delete.", user->id, where, in.schedule_id);
    ws.agents.erase(it);
    return std::nullopt;
  }
  wfm::AgentWeek aw = it == ws.agents.end() ? wfm::AgentWeek{user, {}, {}} : *it;
  if (j.contains("shifts"))
    if (auto e = apply_shifts(in, ws, week_count, j["shifts"], where, version, aw)) return e;
  if (j.contains("fullDayTimeOffMarkers"))
    if (auto e = apply_markers(in, ws, week_count, j["fullDayTimeOffMarkers"], where, aw)) return e;
  if (it == ws.agents.end()) ws.agents.push_back(std::move(aw));
  else *it = std::move(aw);
  return std::nullopt;
}

// What is wrong with the upload as a change to `s` (nullopt: nothing); on success `s` is the next version.
std::optional<std::string> apply_update(const ScheduleUpload& in, const json& j, wfm::ImportedSchedule& s) {
  if (!j.contains("metadata") || !j["metadata"].is_object() || !j["metadata"].contains("version") ||
      !j["metadata"]["version"].is_number_integer())
    return std::string("metadata.version is required: the version of the schedule the update applies to.");
  if (j["metadata"]["version"].get<long long>() != s.version)
    return fmt::format("Schedule [{}] was changed: metadata.version {} is not its current version {}.", s.id,
                       j["metadata"]["version"].get<long long>(), s.version);
  if (j.contains("description")) {
    if (!j["description"].is_string()) return std::string("description must be a string.");
    s.description = j["description"];
  }
  if (j.contains("published")) {
    if (!j["published"].is_boolean()) return std::string("published must be a boolean.");
    s.published = j["published"];
  }
  auto ws = std::make_shared<wfm::WeekSchedule>(*s.schedule);
  if (j.contains("agentSchedules")) {
    if (!j["agentSchedules"].is_array()) return std::string("agentSchedules must be a list.");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < j["agentSchedules"].size(); ++i)
      if (auto e = apply_agent(in, *ws, s.week_count, s.version + 1, j["agentSchedules"][i], i, seen)) return e;
  }
  ws->index_agents();
  s.schedule = std::move(ws);
  return std::nullopt;
}

}  // namespace

Reply handle_schedule_update_upload_url(Call& call) {
  WfmScheduleTarget t;
  if (auto e = find_updatable(call, t)) return error_reply(*e);
  return wfm_import_upload_url(call, kKind, t.ref.imported->id);
}

Reply handle_schedule_update(Call& call) {
  WfmScheduleTarget t;
  if (auto e = find_updatable(call, t)) return error_reply(*e);
  const BusinessUnit& bu = *t.bu;
  WfmUpload up;
  if (auto e = wfm_import_take_upload(call, kKind, up, t.ref.imported->id)) return error_reply(*e);
  // The newest version, an update still in flight included: a second update on the same version conflicts.
  wfm::ImportedSchedule next = call.org->workforce->latest_imported_schedule(bu.id, t.ref.imported->id).value();
  if (next.version == t.ref.imported->version)
    next.published = wfm_published_import(t.imports, t.week) == t.ref.imported;  // as it is published now
  const ScheduleUpload in = schedule_upload(call, bu, next.id);
  json upload;
  auto problem = wfm_import_parse(up.bytes, "schedule update", upload);
  if (!problem) problem = apply_update(in, upload, next);

  next.version += 1;
  return schedule_upload_completion(call, bu, "Update", problem, std::move(next), call.now + kImportValidation);
}

}  // namespace mockgc::core
