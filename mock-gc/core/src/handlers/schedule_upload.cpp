#include "schedule_upload.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <shared_mutex>

#include "mockgc/api/random.hpp"
#include "mockgc/api/time.hpp"
#include "schedule_render.hpp"
#include "wfm_import.hpp"

namespace mockgc::core {
namespace {

using std::chrono::days;

std::optional<std::string> read_minutes(const json& j, std::string_view where, int max, int& out) {
  if (!j.contains("lengthMinutes") || !j["lengthMinutes"].is_number_integer() || j["lengthMinutes"].get<long long>() < 1 ||
      j["lengthMinutes"].get<long long>() > max)
    return fmt::format("{}.lengthMinutes must be an integer between 1 and {}.", where, max);
  out = j["lengthMinutes"].get<int>();
  return std::nullopt;
}

std::optional<std::string> read_code(const ScheduleUpload& in, const json& j, std::string_view where,
                                     const ActivityCode*& out) {
  if (!j.contains("activityCodeId") || !j["activityCodeId"].is_string())
    return fmt::format("{}.activityCodeId is required.", where);
  const std::string id = j["activityCodeId"];
  auto it = in.codes.find(id);
  if (it == in.codes.end())
    return fmt::format("Activity code [{}] ({}) is not an activity code of business unit [{}].", id, where, in.bu.id);
  out = &it->second;
  return std::nullopt;
}

std::optional<Instant> read_instant(const json& j) {
  return j.contains("startDate") && j["startDate"].is_string() ? api::parse_instant(j["startDate"].get<std::string>())
                                                                : std::nullopt;
}

}  // namespace

ScheduleUpload schedule_upload(Call& call, const BusinessUnit& bu, std::string schedule_id) {
  ScheduleUpload in{bu, *call.org->workforce, {}, std::move(schedule_id)};
  std::shared_lock lock(call.org->mutex);
  auto it = call.org->codes.find(bu.id);
  if (it != call.org->codes.end())
    for (const auto& c : it->second.codes) in.codes.emplace(c.id, c);
  return in;
}

std::optional<std::string> read_upload_user(const ScheduleUpload& in, const json& j, const std::string& where,
                                            const User*& out) {
  if (!j.is_object() || !j.contains("userId") || !j["userId"].is_string())
    return fmt::format("{}.userId is required.", where);
  const std::string id = j["userId"];
  out = in.wf.org().find_user(id);
  if (!out) return fmt::format("Unknown userId [{}] ({}).", id, where);
  const BusinessUnit* home = in.wf.business_unit_of(*out);
  if (!home || home->id != in.bu.id)
    return fmt::format("User [{}] ({}) is not an agent of business unit [{}].", id, where, in.bu.id);
  return std::nullopt;
}

std::optional<std::string> read_upload_shift(const ScheduleUpload& in, const wfm::WeekSchedule& ws, const json& j,
                                             const std::string& where, wfm::Shift& s) {
  if (!j.is_object()) return fmt::format("{} must be an object.", where);
  auto start = read_instant(j);
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
    auto t = read_instant(a);
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

std::optional<std::string> read_upload_marker(const ScheduleUpload& in, const wfm::WeekSchedule& ws, int week_count,
                                              const json& m, const std::string& at, wfm::FullDayMarker& fm) {
  if (!m.is_object()) return fmt::format("{} must be an object.", at);
  auto d = m.contains("businessUnitDate") && m["businessUnitDate"].is_string()
               ? api::parse_local_date(m["businessUnitDate"].get<std::string>())
               : std::nullopt;
  if (!d || *d < ws.week_date || *d >= ws.week_date + days(7 * week_count))
    return fmt::format("{}.businessUnitDate must be a yyyy-MM-dd date of the schedule.", at);
  fm.bu_date = *d;
  if (auto e = read_minutes(m, at, 24 * 60, fm.minutes)) return e;
  const ActivityCode* code = nullptr;
  if (auto e = read_code(in, m, at, code)) return e;
  fm.activity_code_id = code->id;
  fm.paid = m.contains("paid") && m["paid"].is_boolean() ? m["paid"].get<bool>() : code->counts_as_paid_time;
  if (m.contains("description") && m["description"].is_string()) fm.description = m["description"];
  return std::nullopt;
}

std::optional<std::string> sort_upload_shifts(const std::string& user_id, std::vector<wfm::Shift>& shifts) {
  std::stable_sort(shifts.begin(), shifts.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
  for (std::size_t i = 1; i < shifts.size(); ++i)
    if (shifts[i].start < shifts[i - 1].end())
      return fmt::format("Overlapping shifts of user [{}]: the shift starting {} begins before the shift starting {} ends.",
                         user_id, api::format_instant(shifts[i].start), api::format_instant(shifts[i - 1].start));
  return std::nullopt;
}

Reply schedule_upload_completion(Call& call, const BusinessUnit& bu, std::string_view event_type,
                                 const std::optional<std::string>& problem, wfm::ImportedSchedule s, Instant done) {
  json event{{"status", problem ? "Error" : "Complete"}, {"eventType", event_type}};
  if (problem) {
    event["error"] = wfm_import_error(*problem);
  } else {
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

std::string upload_shift_id(const ScheduleUpload& in, std::initializer_list<std::string_view> parts) {
  api::Rng rng(api::derive_seed(in.wf.seed(), parts));
  return api::make_uuid(rng);
}

}  // namespace mockgc::core
