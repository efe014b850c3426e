// BU schedule import (genesys-api.md §6e; README "Schedule import"): upload URL -> PUT gzip JSON
// (ImportScheduleUploadSchema) -> import call, on the forecast import's flow (wfm_import.hpp). The import
// call refuses what is wrong with the request itself with a synchronous 400; everything else answers 202
// {status: Processing, operationId} and the upload is judged kImportValidation later by the world clock:
// the v2.workforcemanagement.businessunits.{id}.schedules topic then says Complete (eventType Import, result
// BuScheduleMetadata) and the schedule is what the schedule routes answer, or Error with the first problem
// (naming the offending user, activity code or shift) and nothing is imported.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>

#include "../call_helpers.hpp"
#include "mockgc/api/random.hpp"
#include "mockgc/api/time.hpp"
#include "schedule_render.hpp"
#include "wfm_import.hpp"

namespace mockgc::core {
namespace {

using std::chrono::days;
using std::chrono::minutes;
using wfm::Day;

constexpr int kMaxWeekCount = 6;          // as the forecast import (UNCERTAIN in Genesys)
constexpr std::size_t kMaxShiftsPerWeek = 28;   // per agent: bounds what one upload may hold
constexpr std::size_t kMaxActivitiesPerShift = 96;

struct Inputs {
  const BusinessUnit& bu;
  const wfm::Workforce& wf;
  std::map<std::string, ActivityCode> codes;  // the BU's activity codes by id
  std::string schedule_id;
};

std::optional<std::string> read_minutes(const json& j, std::string_view where, int max, int& out) {
  if (!j.contains("lengthMinutes") || !j["lengthMinutes"].is_number_integer() || j["lengthMinutes"].get<long long>() < 1 ||
      j["lengthMinutes"].get<long long>() > max)
    return fmt::format("{}.lengthMinutes must be an integer between 1 and {}.", where, max);
  out = j["lengthMinutes"].get<int>();
  return std::nullopt;
}

std::optional<std::string> read_code(const Inputs& in, const json& j, std::string_view where, const ActivityCode*& out) {
  if (!j.contains("activityCodeId") || !j["activityCodeId"].is_string())
    return fmt::format("{}.activityCodeId is required.", where);
  const std::string id = j["activityCodeId"];
  auto it = in.codes.find(id);
  if (it == in.codes.end())
    return fmt::format("Activity code [{}] ({}) is not an activity code of business unit [{}].", id, where, in.bu.id);
  out = &it->second;
  return std::nullopt;
}

std::optional<std::string> read_shift(const Inputs& in, const wfm::WeekSchedule& ws, const json& j,
                                      const std::string& where, wfm::Shift& s) {
  if (!j.is_object()) return fmt::format("{} must be an object.", where);
  auto start = j.contains("startDate") && j["startDate"].is_string() ? api::parse_instant(j["startDate"].get<std::string>())
                                                                      : std::nullopt;
  if (!start) return fmt::format("{}.startDate is required: an ISO-8601 instant.", where);
  if (*start < ws.start || *start >= ws.end)
    return fmt::format("{}.startDate {} is outside the schedule ({} to {}).", where, api::format_instant(*start),
                       api::format_instant(ws.start), api::format_instant(ws.end));
  s.start = *start;
  s.bu_date = in.wf.local_date(in.bu, s.start);
  if (auto e = read_minutes(j, where, 24 * 60, s.minutes)) return e;
  if (!j.contains("activities") || !j["activities"].is_array() || j["activities"].empty() ||
      j["activities"].size() > kMaxActivitiesPerShift)
    return fmt::format("{}.activities is required: 1 to {} activities.", where, kMaxActivitiesPerShift);
  for (std::size_t i = 0; i < j["activities"].size(); ++i) {
    const json& a = j["activities"][i];
    const std::string at = fmt::format("{}.activities[{}]", where, i);
    if (!a.is_object()) return fmt::format("{} must be an object.", at);
    wfm::ScheduledActivity act;
    auto t = a.contains("startDate") && a["startDate"].is_string() ? api::parse_instant(a["startDate"].get<std::string>())
                                                                    : std::nullopt;
    if (!t) return fmt::format("{}.startDate is required: an ISO-8601 instant.", at);
    act.start = *t;
    if (auto e = read_minutes(a, at, s.minutes, act.minutes)) return e;
    if (act.start < s.start || act.end() > s.end()) return fmt::format("{} lies outside its shift.", at);
    if (!s.activities.empty() && act.start < s.activities.back().end())
      return fmt::format("{} starts before the activity before it ends.", at);
    const ActivityCode* code = nullptr;
    if (auto e = read_code(in, a, at, code)) return e;
    act.activity_code_id = code->id;
    act.category = code->category;
    act.paid = code->counts_as_paid_time;
    if (a.contains("paid")) {
      if (!a["paid"].is_boolean()) return fmt::format("{}.paid must be a boolean.", at);
      act.paid = a["paid"];
    }
    act.description = a.contains("description") && a["description"].is_string() ? a["description"].get<std::string>()
                                                                                   : code->name;
    s.activities.push_back(std::move(act));
  }
  return std::nullopt;
}

std::optional<std::string> read_agent(const Inputs& in, const wfm::WeekSchedule& ws, int week_count, const json& j,
                                      std::size_t index, std::set<std::string>& seen, wfm::AgentWeek& aw) {
  const std::string where = fmt::format("agentSchedules[{}]", index);
  if (!j.is_object() || !j.contains("userId") || !j["userId"].is_string())
    return fmt::format("{}.userId is required.", where);
  const std::string id = j["userId"];
  aw.user = in.wf.org().find_user(id);
  if (!aw.user) return fmt::format("Unknown userId [{}] ({}).", id, where);
  const BusinessUnit* home = in.wf.business_unit_of(*aw.user);
  if (!home || home->id != in.bu.id)
    return fmt::format("User [{}] ({}) is not an agent of business unit [{}].", id, where, in.bu.id);
  if (!seen.insert(id).second) return fmt::format("Duplicate userId [{}] ({}).", id, where);
  if (j.contains("shifts")) {
    const json& shifts = j["shifts"];
    if (!shifts.is_array() || shifts.size() > kMaxShiftsPerWeek * static_cast<std::size_t>(week_count))
      return fmt::format("{}.shifts must be a list of at most {} shifts per week.", where, kMaxShiftsPerWeek);
    for (std::size_t i = 0; i < shifts.size(); ++i) {
      wfm::Shift s;
      if (auto e = read_shift(in, ws, shifts[i], fmt::format("{}.shifts[{}]", where, i), s)) return e;
      api::Rng rng(api::derive_seed(in.wf.seed(), {"imported-shift", in.schedule_id, id, std::to_string(i)}));
      s.id = api::make_uuid(rng);
      aw.shifts.push_back(std::move(s));
    }
    std::stable_sort(aw.shifts.begin(), aw.shifts.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    for (std::size_t i = 1; i < aw.shifts.size(); ++i)
      if (aw.shifts[i].start < aw.shifts[i - 1].end())
        return fmt::format("Overlapping shifts of user [{}]: the shift starting {} begins before the shift starting {} ends.",
                           id, api::format_instant(aw.shifts[i].start), api::format_instant(aw.shifts[i - 1].start));
  }
  if (j.contains("fullDayTimeOffMarkers")) {
    const json& markers = j["fullDayTimeOffMarkers"];
    if (!markers.is_array() || markers.size() > 7 * static_cast<std::size_t>(week_count))
      return fmt::format("{}.fullDayTimeOffMarkers must be a list of at most 7 markers per week.", where);
    for (std::size_t i = 0; i < markers.size(); ++i) {
      const json& m = markers[i];
      const std::string at = fmt::format("{}.fullDayTimeOffMarkers[{}]", where, i);
      if (!m.is_object()) return fmt::format("{} must be an object.", at);
      auto d = m.contains("businessUnitDate") && m["businessUnitDate"].is_string()
                   ? api::parse_local_date(m["businessUnitDate"].get<std::string>())
                   : std::nullopt;
      if (!d || *d < ws.week_date || *d >= ws.week_date + days(7 * week_count))
        return fmt::format("{}.businessUnitDate must be a yyyy-MM-dd date of the schedule.", at);
      wfm::FullDayMarker fm;
      fm.bu_date = *d;
      if (auto e = read_minutes(m, at, 24 * 60, fm.minutes)) return e;
      const ActivityCode* code = nullptr;
      if (auto e = read_code(in, m, at, code)) return e;
      fm.activity_code_id = code->id;
      fm.paid = m.contains("paid") && m["paid"].is_boolean() ? m["paid"].get<bool>() : code->counts_as_paid_time;
      if (m.contains("description") && m["description"].is_string()) fm.description = m["description"];
      aw.markers.push_back(std::move(fm));
    }
  }
  return std::nullopt;
}

// What is wrong with the upload as a schedule of `week` (nullopt: nothing); on success `out` holds it.
std::optional<std::string> validate(const Inputs& in, const json& j, Day week, wfm::ImportedSchedule& out) {
  if (!j.contains("description") || !j["description"].is_string())
    return std::string("description is required: the imported schedule needs a string description.");
  if (!j.contains("weekCount") || !j["weekCount"].is_number_integer() || j["weekCount"].get<long long>() < 1 ||
      j["weekCount"].get<long long>() > kMaxWeekCount)
    return fmt::format("weekCount is required: an integer between 1 and {}.", kMaxWeekCount);
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
  Inputs in{bu, *call.org->workforce, {}, wfm_operation_id(call)};
  {
    std::shared_lock lock(call.org->mutex);
    auto it = call.org->codes.find(bu.id);
    if (it != call.org->codes.end())
      for (const auto& c : it->second.codes) in.codes.emplace(c.id, c);
  }
  json upload;
  wfm::ImportedSchedule s;
  auto problem = wfm_import_parse(up.bytes, "schedule", upload);
  if (!problem) problem = validate(in, upload, up.week, s);

  const Instant done = call.now + kImportValidation;
  json event{{"status", problem ? "Error" : "Complete"}, {"eventType", "Import"}};
  if (problem) {
    event["error"] = wfm_import_error(*problem);
  } else {
    s.id = in.schedule_id;
    s.business_unit_id = bu.id;
    s.week = up.week;
    s.created = call.now;
    s.completes = done;
    json result = wfm_imported_schedule_item(bu, s, s.published);
    result["managementUnits"] = wfm_schedule_management_units(bu, *s.schedule, false);
    event["result"] = std::move(result);
    call.org->workforce->add_imported_schedule(std::move(s));
  }
  return wfm_import_accepted(call, fmt::format("v2.workforcemanagement.businessunits.{}.schedules", bu.id),
                             std::move(event), done);
}

}  // namespace mockgc::core
