// Time-off requests (genesys-api.md §6d): MU query (PENDING or ≤ 33-day range), per-user list/get,
// admin create and PATCH with optimistic concurrency; agent-only routes refuse client-credentials tokens.
#include <fmt/format.h>

#include <array>
#include <shared_mutex>

#include "../call_helpers.hpp"
#include "../wire.hpp"
#include "mockgc/api/time.hpp"
#include "wfm_common.hpp"

namespace mockgc::core {
namespace {

using std::chrono::days;
using wfm::Day;
using wfm::TimeOffRequest;
using wfm::TimeOffStatus;

constexpr int kMaxQueryDays = 33;
constexpr std::array<std::string_view, 4> kStatuses{"PENDING", "APPROVED", "DENIED", "CANCELED"};
constexpr std::array<std::string_view, 3> kPatchStatuses{"PENDING", "APPROVED", "DENIED"};
constexpr std::array<std::string_view, 2> kCreateStatuses{"PENDING", "APPROVED"};

json request_json(const TimeOffRequest& r) {
  json full = json::array(), partial = json::array(), durations = json::array();
  for (Day d : r.full_day_dates) {
    full.push_back(api::format_local_date(d));
    durations.push_back(r.minutes_on(durations.size()));
  }
  for (Instant t : r.partial_day_starts) {
    partial.push_back(api::format_instant(t));
    durations.push_back(r.minutes_on(durations.size()));
  }
  json j{{"id", r.id},
         {"user", wire::user_ref(r.user_id)},
         {"isFullDayRequest", r.full_day},
         {"markedAsRead", r.status != TimeOffStatus::Pending},
         {"activityCodeId", r.activity_code_id},
         {"paid", r.paid},
         {"status", std::string(wfm::to_string(r.status))},
         {"partialDayStartDateTimes", std::move(partial)},
         {"fullDayManagementUnitDates", std::move(full)},
         {"dailyDurationMinutes", r.daily_duration_minutes},
         {"durationMinutes", durations},
         {"payableMinutes", r.paid ? durations : json::array()},
         {"fullDayEarliestStartOffsetMinutes", json::array()},
         {"fullDayLatestEndOffsetMinutes", json::array()},
         {"notes", r.notes},
         {"submittedBy", wire::actor_ref(r.submitted_by)},
         {"submittedDate", api::format_instant(r.submitted)},
         {"syncVersion", r.version},
         {"metadata", {{"version", r.version}}},
         {"selfUri", fmt::format("/api/v2/workforcemanagement/managementunits/{}/users/{}/timeoffrequests/{}",
                                 r.management_unit_id, r.user_id, r.id)}};
  if (r.reviewed) {
    j["reviewedDate"] = api::format_instant(*r.reviewed);
    if (!r.reviewed_by.empty()) j["reviewedBy"] = wire::actor_ref(r.reviewed_by);
  }
  if (r.modified) {
    j["modifiedDate"] = api::format_instant(*r.modified);
    if (!r.modified_by.empty()) j["modifiedBy"] = wire::actor_ref(r.modified_by);
  }
  return j;
}

std::optional<ApiError> string_list(const json& body, const char* key, std::vector<std::string>& out) {
  if (!body.contains(key)) return std::nullopt;
  if (!body[key].is_array()) return bad_request(fmt::format("{} must be a list of strings.", key));
  for (const auto& v : body[key]) {
    if (!v.is_string()) return bad_request(fmt::format("{} must be a list of strings.", key));
    out.push_back(v.get<std::string>());
  }
  return std::nullopt;
}

std::optional<ApiError> find_user_in_mu(const Call& call, const ManagementUnit& mu, const std::string& id,
                                        const User*& out) {
  out = roster_find_user(*call.org, id);
  if (!out || out->management_unit_id != mu.id || !roster_in_management_unit(*call.org, *out))
    return not_found(fmt::format("User {} was not found in management unit {}.", id, mu.id));
  return std::nullopt;
}

// The management unit (params[0]) and its user (params[1]) of a per-user time-off route.
std::optional<ApiError> find_mu_and_user(const Call& call, const ManagementUnit*& mu, const User*& u) {
  if (auto e = wfm_find_mu(call, call.params[0], mu)) return e;
  return find_user_in_mu(call, *mu, call.params[1], u);
}

// ±26 weeks around the clock's BU-local today: the window of generated requests the lists show.
std::pair<Day, Day> default_window(const Call& call, const User& u) {
  const auto& wf = *call.org->workforce;
  const BusinessUnit* bu = wf.business_unit_of(u);
  const Day today = bu ? wf.local_date(*bu, call.now) : std::chrono::floor<days>(call.now);
  return {today - days(26 * 7), today + days(26 * 7)};
}

bool is_time_off_code(const Call& call, const std::string& bu_id, const std::string& code_id) {
  std::shared_lock lock(call.org->mutex);
  auto it = call.org->codes.find(bu_id);
  if (it == call.org->codes.end()) return false;
  for (const auto& c : it->second.codes)
    if (c.id == code_id) return c.category == ActivityCategory::TimeOff;
  return false;
}

// Dates/instants/durations of a create or patch body, applied onto `r`.
std::optional<ApiError> read_dates(const json& body, const wfm::Workforce& wf, const BusinessUnit& bu,
                                   TimeOffRequest& r, bool required) {
  std::vector<std::string> full, partial;
  if (auto e = string_list(body, "fullDayManagementUnitDates", full)) return e;
  if (auto e = string_list(body, "partialDayStartDateTimes", partial)) return e;
  if (full.empty() && partial.empty()) {
    if (required) return bad_request("One of fullDayManagementUnitDates or partialDayStartDateTimes is required.");
  } else if (!full.empty() && !partial.empty()) {
    return bad_request("Only one of fullDayManagementUnitDates or partialDayStartDateTimes may be specified.");
  } else {
    r.full_day_dates.clear();
    r.partial_day_starts.clear();
    r.full_day = !full.empty();
    for (const auto& s : full) {
      auto d = api::parse_local_date(s);
      if (!d) return bad_request(fmt::format("fullDayManagementUnitDates value [{}] is not a yyyy-MM-dd date.", s));
      r.full_day_dates.push_back(*d);
    }
    for (const auto& s : partial) {
      auto t = api::parse_instant(s);
      if (!t) return invalid_date();
      r.partial_day_starts.push_back(*t);
    }
    std::sort(r.full_day_dates.begin(), r.full_day_dates.end());
    std::sort(r.partial_day_starts.begin(), r.partial_day_starts.end());
    if (r.full_day) {
      r.first_day = r.full_day_dates.front();
      r.last_day = r.full_day_dates.back();
    } else {
      r.first_day = wf.local_date(bu, r.partial_day_starts.front());
      r.last_day = wf.local_date(bu, r.partial_day_starts.back());
    }
  }
  const std::size_t n = r.full_day ? r.full_day_dates.size() : r.partial_day_starts.size();
  bool have_duration = false;
  const auto in_range = [](std::int64_t m) { return m >= 1 && m <= 1440; };
  if (body.contains("durationMinutes")) {
    // One duration per date (or start), each kept: dailyDurationMinutes is ignored when these are given.
    const auto& d = body["durationMinutes"];
    if (!d.is_array() || d.size() != n || d.empty())
      return bad_request("durationMinutes must match the size of fullDayManagementUnitDates or partialDayStartDateTimes.");
    std::vector<int> minutes;
    for (const auto& m : d) {
      if (!m.is_number_integer() || !in_range(m.get<std::int64_t>()))
        return bad_request("durationMinutes values must be integers between 1 and 1440.");
      minutes.push_back(m.get<int>());
    }
    r.duration_minutes = std::move(minutes);
    r.daily_duration_minutes = r.duration_minutes.front();
    have_duration = true;
  } else if (body.contains("dailyDurationMinutes")) {
    if (!body["dailyDurationMinutes"].is_number_integer()) return bad_request("dailyDurationMinutes must be an integer.");
    r.daily_duration_minutes = body["dailyDurationMinutes"].get<int>();
    r.duration_minutes.clear();
    have_duration = true;
  } else if (r.duration_minutes.size() != n) {
    r.duration_minutes.clear();  // the dates changed without new per-day durations: the daily one applies
  }
  if (required && !have_duration) return bad_request("At least one of dailyDurationMinutes or durationMinutes is required.");
  if (!in_range(r.daily_duration_minutes)) return bad_request("dailyDurationMinutes must be between 1 and 1440 minutes.");
  return std::nullopt;
}

}  // namespace

Reply handle_time_off_query(Call& call) {
  const ManagementUnit* mu = nullptr;
  if (auto e = wfm_find_mu(call, call.params[0], mu)) return error_reply(*e);
  bool force_download = false;
  if (auto e = read_bool_param(call, "forceDownloadService", false, force_download)) return error_reply(*e);
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_object()) return error_reply(bad_request("The request body must be a TimeOffRequestQueryBody object."));
  std::vector<std::string> ids, user_ids, statuses, team_ids;
  for (auto [key, out] : {std::pair{"ids", &ids}, {"userIds", &user_ids}, {"statuses", &statuses}, {"teamIds", &team_ids}})
    if (auto e = string_list(body, key, *out)) return error_reply(*e);
  for (const auto& s : statuses)
    if (!wfm::parse_time_off_status(s)) return error_reply(invalid_value(s, "TimeOffRequestStatus", kStatuses));
  std::optional<std::pair<Day, Day>> range;
  if (body.contains("dateRange")) {
    const auto& dr = body["dateRange"];
    if (!dr.is_object() || !dr.contains("startDate") || !dr.contains("endDate") || !dr["startDate"].is_string() ||
        !dr["endDate"].is_string())
      return error_reply(bad_request("dateRange needs startDate and endDate (yyyy-MM-dd)."));
    auto from = api::parse_local_date(dr["startDate"].get<std::string>());
    auto to = api::parse_local_date(dr["endDate"].get<std::string>());
    if (!from || !to) return error_reply(bad_request("dateRange startDate and endDate must be yyyy-MM-dd dates."));
    if (*to < *from) return error_reply(bad_request("dateRange endDate must not be before startDate."));
    if ((*to - *from).count() + 1 > kMaxQueryDays)
      return error_reply(bad_request(fmt::format(
          "The dateRange covers {} days; it must be less than or equal to {} days.", (*to - *from).count() + 1,
          kMaxQueryDays)));
    range = std::pair{*from, *to};
  }
  const bool pending_only = statuses.size() == 1 && statuses[0] == "PENDING";
  if (!range && !pending_only && user_ids.empty())
    return error_reply(bad_request(
        "Request body requires one of the following: statuses == [PENDING], userIds, or a dateRange of less than or "
        "equal to 33 days."));
  const auto& wf = *call.org->workforce;
  const BusinessUnit* bu = call.org->world->find_business_unit(mu->business_unit_id);
  json entities = json::array();
  for (const User* u : roster_members(*call.org, *mu)) {
    const std::string& uid = u->id;
    if (!user_ids.empty() && std::find(user_ids.begin(), user_ids.end(), uid) == user_ids.end()) continue;
    if (!team_ids.empty() && std::find(team_ids.begin(), team_ids.end(), u->team_id) == team_ids.end()) continue;
    auto window = range ? *range : default_window(call, *u);
    (void)bu;
    for (const auto& r : wf.time_off(*u, window.first, window.second)) {
      if (!ids.empty() && std::find(ids.begin(), ids.end(), r.id) == ids.end()) continue;
      if (!statuses.empty() &&
          std::find(statuses.begin(), statuses.end(), std::string(wfm::to_string(r.status))) == statuses.end())
        continue;
      json j = request_json(r);
      j.erase("modifiedBy");
      j.erase("modifiedDate");
      entities.push_back(std::move(j));
    }
  }
  return wfm_listing(call, json{{"entities", std::move(entities)}}.dump(), force_download);
}

Reply handle_user_time_off_list(Call& call) {
  const ManagementUnit* mu = nullptr;
  const User* u = nullptr;
  if (auto e = find_mu_and_user(call, mu, u)) return error_reply(*e);
  auto [from, to] = default_window(call, *u);
  json list = json::array();
  for (const auto& r : call.org->workforce->time_off(*u, from, to)) list.push_back(request_json(r));
  return json_reply({{"timeOffRequests", std::move(list)}});
}

Reply handle_user_time_off_get(Call& call) {
  const ManagementUnit* mu = nullptr;
  const User* u = nullptr;
  if (auto e = find_mu_and_user(call, mu, u)) return error_reply(*e);
  auto [from, to] = default_window(call, *u);
  auto r = call.org->workforce->time_off_by_id(*u, call.params[2], from + days(26 * 7));
  if (!r) return error_reply(not_found(fmt::format("Time off request {} was not found.", call.params[2])));
  return json_reply(request_json(*r));
}

namespace {

// The topic model is not the REST one: submittedBy / reviewedBy / modifiedBy are plain id strings.
void publish_time_off(Call& call, const TimeOffRequest& r) {
  const std::string topic = fmt::format("v2.users.{}.workforcemanagement.timeoffrequests", r.user_id);
  json body = request_json(r);
  body.erase("selfUri");
  body.erase("metadata");
  body["submittedBy"] = r.submitted_by.id;
  if (r.reviewed) body["reviewedBy"] = r.reviewed_by.id;
  if (!r.modified_by.empty()) body["modifiedBy"] = r.modified_by.id;
  if (r.modified) body["modifiedDate"] = api::format_instant(*r.modified);
  call.epoch.notify(call.org->world->region, topic, body, call.now);
}

}  // namespace

Reply handle_user_time_off_patch(Call& call) {
  const ManagementUnit* mu = nullptr;
  const User* u = nullptr;
  if (auto e = find_mu_and_user(call, mu, u)) return error_reply(*e);
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_object() || !body.contains("metadata") || !body["metadata"].is_object() ||
      !body["metadata"].contains("version") || !body["metadata"]["version"].is_number_integer())
    return error_reply(bad_request("metadata.version is required."));
  auto& wf = *call.org->workforce;
  auto [from, to] = default_window(call, *u);
  auto found = wf.time_off_by_id(*u, call.params[2], from + days(26 * 7));
  if (!found) return error_reply(not_found(fmt::format("Time off request {} was not found.", call.params[2])));
  TimeOffRequest r = *found;
  if (body["metadata"]["version"].get<int>() != r.version)
    return error_reply(conflict(fmt::format("The time off request has version {}; the request was based on version {}.",
                                            r.version, body["metadata"]["version"].get<int>())));
  const Actor who = writer(call);
  if (body.contains("status")) {
    if (!body["status"].is_string()) return error_reply(bad_request("status must be a string."));
    const std::string s = body["status"];
    auto st = wfm::parse_time_off_status(s);
    if (!st || *st == TimeOffStatus::Canceled) return error_reply(invalid_value(s, "AdminTimeOffRequestStatus", kPatchStatuses));
    if (*st != r.status && *st != TimeOffStatus::Pending) {
      r.reviewed = call.now;
      r.reviewed_by = who;
    }
    r.status = *st;
  }
  if (body.contains("activityCodeId")) {
    const BusinessUnit* bu = wf.business_unit_of(*u);
    if (!body["activityCodeId"].is_string() || !bu ||
        !is_time_off_code(call, bu->id, body["activityCodeId"].get<std::string>()))
      return error_reply(bad_request("activityCodeId must be the id of a TimeOff activity code of the business unit."));
    r.activity_code_id = body["activityCodeId"];
  }
  if (body.contains("notes")) {
    if (!body["notes"].is_string()) return error_reply(bad_request("notes must be a string."));
    r.notes = body["notes"];
  }
  if (body.contains("paid")) {
    if (!body["paid"].is_boolean()) return error_reply(bad_request("paid must be a boolean."));
    r.paid = body["paid"];
  }
  if (const BusinessUnit* bu = wf.business_unit_of(*u))
    if (auto e = read_dates(body, wf, *bu, r, false)) return error_reply(*e);
  r.version += 1;
  r.modified = call.now;
  r.modified_by = who;
  wf.store_time_off(r);
  publish_time_off(call, r);
  return json_reply(request_json(r));
}

Reply handle_time_off_create(Call& call) {
  const ManagementUnit* mu = nullptr;
  if (auto e = wfm_find_mu(call, call.params[0], mu)) return error_reply(*e);
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_object()) return error_reply(bad_request("The request body must be a CreateAdminTimeOffRequest object."));
  if (!body.contains("status") || !body["status"].is_string()) return error_reply(bad_request("status is required."));
  const std::string status = body["status"];
  if (status != "PENDING" && status != "APPROVED")
    return error_reply(invalid_value(status, "CreateAdminTimeOffRequestStatus", kCreateStatuses));
  if (!body.contains("users") || !body["users"].is_array() || body["users"].empty())
    return error_reply(bad_request("users is required: a non-empty list of {id}."));
  if (!body.contains("activityCodeId") || !body["activityCodeId"].is_string())
    return error_reply(bad_request("activityCodeId is required."));
  auto& wf = *call.org->workforce;
  const BusinessUnit* bu = call.org->world->find_business_unit(mu->business_unit_id);
  if (!bu) return error_reply(not_found("The management unit has no business unit."));
  const std::string code = body["activityCodeId"];
  if (!is_time_off_code(call, bu->id, code))
    return error_reply(bad_request(fmt::format("Activity code [{}] is not a TimeOff activity code of the business unit.", code)));
  std::vector<const User*> users;
  for (const auto& v : body["users"]) {
    if (!v.is_object() || !v.contains("id") || !v["id"].is_string())
      return error_reply(bad_request("users entries must be objects with an id."));
    const User* u = nullptr;
    if (auto e = find_user_in_mu(call, *mu, v["id"].get<std::string>(), u)) return error_reply(*e);
    users.push_back(u);
  }
  TimeOffRequest base;
  base.status = status == "APPROVED" ? TimeOffStatus::Approved : TimeOffStatus::Pending;
  base.activity_code_id = code;
  base.management_unit_id = mu->id;
  if (body.contains("notes") && body["notes"].is_string()) base.notes = body["notes"];
  if (body.contains("paid") && body["paid"].is_boolean()) base.paid = body["paid"];
  if (auto e = read_dates(body, wf, *bu, base, true)) return error_reply(*e);
  const Actor who = writer(call);
  json list = json::array();
  for (const User* u : users) {
    TimeOffRequest r = base;
    r.id = wf.next_time_off_id();
    call.epoch.id_owners().add(r.id, call.org->world->region);
    r.user_id = u->id;
    r.submitted = call.now;
    r.submitted_by = who;
    if (r.status == TimeOffStatus::Approved) {
      r.reviewed = call.now;
      r.reviewed_by = who;
    }
    wf.store_time_off(r);
    publish_time_off(call, r);
    list.push_back(request_json(r));
  }
  return json_reply({{"timeOffRequests", std::move(list)}});
}

Reply handle_agent_time_off(Call&) {
  return error_reply(bad_request(
      "This route acts for the logged-in agent and requires a user token; a client-credentials token has no user. "
      "Use the management-unit time-off routes instead."));
}

}  // namespace mockgc::core
