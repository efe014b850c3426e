// Shift trades of an MU week (the JS SDK's WorkforceManagementApi …/managementunits/{id}/weeks/{weekDateId}/
// shifttrades operations): the week's trades with their match review, an admin-created offer, the search for
// offers a receiving schedule's shifts can match, an offer's PATCH, and the admin bulk state change (approve or
// deny) whose approvals swap the shifts in the schedule in force (wfm/shift_trades.hpp). The bulk change
// answers Complete with its result, or (forceAsync) Processing with the result on
// v2.workforcemanagement.managementunits.{id}.shifttrades.state.bulk.
#include "mockgc/core/wfm/shift_trades.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <set>

#include "../call_helpers.hpp"
#include "../wire.hpp"
#include "mockgc/api/time.hpp"
#include "schedule_render.hpp"

namespace mockgc::core {
namespace {

using std::chrono::days;
using wfm::Day;
using wfm::ShiftTrade;
using wfm::TradeState;

constexpr std::size_t kMaxBulkEntities = 100;  // UNCERTAIN in Genesys; README
constexpr std::array<std::string_view, 2> kDecisions{"Approved", "Denied"};

// Serialises the read-modify-write of trade decisions and edits (two approvals of one trade: one wins).
std::mutex& trade_mutex() {
  static std::mutex m;
  return m;
}

struct TradeWeek {
  const ManagementUnit* mu = nullptr;
  const BusinessUnit* bu = nullptr;
  Day week{};
};

std::optional<ApiError> find_week(const Call& call, TradeWeek& w) {
  if (auto e = wfm_find_mu(call, call.params[0], w.mu)) return e;
  w.bu = call.org->world->find_business_unit(w.mu->business_unit_id);
  if (!w.bu) return not_found(fmt::format("Management unit {} was not found.", call.params[0]));
  auto d = api::parse_local_date(call.params[1]);
  if (!d) return bad_request(fmt::format("The week date [{}] is not a date in yyyy-MM-dd format.", call.params[1]));
  if (!call.org->workforce->is_week_start(*w.bu, *d))
    return bad_request(fmt::format("The week date [{}] must fall on the business unit's start day of week ({}).",
                                   call.params[1], w.bu->start_day_of_week));
  w.week = *d;
  return std::nullopt;
}

// The week's trades: the generated ones as changed at run time, then those created at run time.
std::vector<ShiftTrade> week_trades(const wfm::Workforce& wf, const TradeWeek& w) {
  auto out = wfm::generated_shift_trades(wf, *w.bu, *w.mu, w.week);
  auto stored = wf.stored_shift_trades(w.mu->id, w.week);
  for (auto& t : out)
    for (auto& s : stored)
      if (s.id == t.id) t = s;
  for (auto& s : stored)
    if (std::none_of(out.begin(), out.end(), [&](const ShiftTrade& t) { return t.id == s.id; })) out.push_back(s);
  return out;
}

// The trade `id` of the week: 404 when no trade has the id, 400 when it is a trade of another MU week.
std::optional<ApiError> find_trade(const Call& call, const TradeWeek& w, const std::vector<ShiftTrade>& trades,
                                   const std::string& id, const ShiftTrade*& out) {
  for (const auto& t : trades)
    if (t.id == id) {
      out = &t;
      return std::nullopt;
    }
  const auto& wf = *call.org->workforce;
  std::optional<ShiftTrade> other = wf.stored_shift_trade(id);
  for (int k = -8; k <= 8 && !other; ++k)
    for (auto& t : wfm::generated_shift_trades(wf, *w.bu, *w.mu, w.week + days(7 * k)))
      if (t.id == id) other = std::move(t);
  if (other)
    return bad_request(fmt::format("Shift trade [{}] belongs to week {} of management unit [{}], not to week {} of [{}].",
                                   id, api::format_local_date(other->week), other->management_unit_id,
                                   api::format_local_date(w.week), w.mu->id));
  return not_found(fmt::format("Shift trade [{}] was not found.", id));
}

json bu_ref(const std::string& bu_id) {
  return {{"id", bu_id}, {"selfUri", fmt::format("/api/v2/workforcemanagement/businessunits/{}", bu_id)}};
}

json trade_json(const ShiftTrade& t, Instant now) {
  const std::string week = api::format_local_date(t.week);
  json intervals = json::array();
  for (const auto& i : t.acceptable_intervals) intervals.push_back(i);
  json metadata{{"version", t.version}, {"dateModified", api::format_instant(t.modified)}};
  if (!t.modified_by.empty()) metadata["modifiedBy"] = wire::actor_ref(t.modified_by);
  json j{{"id", t.id},
         {"weekDate", week},
         {"schedule",
          {{"id", t.schedule_id},
           {"weekDate", week},
           {"businessUnit", bu_ref(t.business_unit_id)},
           {"selfUri", wfm_schedule_self(t.business_unit_id, t.week, t.schedule_id)}}},
         {"state", std::string(wfm::to_string(t.state_at(now)))},
         {"initiatingUser", wire::user_ref(t.initiating_user_id)},
         {"initiatingShiftId", t.initiating_shift_id},
         {"initiatingShiftStart", api::format_instant(t.initiating_start)},
         {"initiatingShiftEnd", api::format_instant(t.initiating_end)},
         {"expiration", api::format_instant(t.expiration)},
         {"oneSided", t.one_sided},
         {"acceptableIntervals", std::move(intervals)},
         {"metadata", std::move(metadata)}};
  if (!t.receiving_user_id.empty()) j["receivingUser"] = wire::user_ref(t.receiving_user_id);
  if (!t.receiving_shift_id.empty()) {
    j["receivingWeekDate"] = week;
    j["receivingShiftId"] = t.receiving_shift_id;
    j["receivingShiftStart"] = api::format_instant(t.receiving_start);
    j["receivingShiftEnd"] = api::format_instant(t.receiving_end);
  }
  if (t.reviewed) {
    j["reviewedDate"] = api::format_instant(*t.reviewed);
    if (!t.reviewed_by.empty()) j["reviewedBy"] = wire::actor_ref(t.reviewed_by);
  }
  return j;
}

json preview_json(const std::vector<const wfm::Shift*>& shifts) {
  json acts = json::array();
  for (const auto* s : shifts)
    for (const auto& a : s->activities)
      acts.push_back({{"startDate", api::format_instant(a.start)},
                      {"lengthMinutes", a.minutes},
                      {"activityCodeId", a.activity_code_id},
                      {"countsAsPaidTime", a.paid},
                      {"payableMinutes", a.paid ? a.minutes : 0}});
  return {{"activities", std::move(acts)}};
}

// ShiftTradeMatchReviewResponse of a matched trade against the schedule in force.
json match_review_json(const wfm::WeekSchedule& ws, const ShiftTrade& t) {
  const auto r = wfm::review_trade(ws, t);
  auto side = [](const wfm::TradeReview::Side& s) {
    return json{{"weeklyMinimumPaidMinutes", wfm::kWeeklyMinimumPaidMinutes},
                {"weeklyMaximumPaidMinutes", wfm::kWeeklyMaximumPaidMinutes},
                {"preTradeSchedulePaidMinutes", s.pre},
                {"postTradeSchedulePaidMinutes", s.post},
                {"postTradeNewShift", preview_json(s.new_shifts)}};
  };
  json violations = json::array();
  if (r.failure) {
    // The missing piece, as the violation types spell it.
    static const std::map<std::string, std::string, std::less<>> kAs{
        {"InitiatingAgentScheduleNotFound", "InitiatingAgentScheduleDoesNotExist"},
        {"InitiatingAgentShiftNotFound", "InitiatingShiftDoesNotExist"},
        {"ReceivingAgentScheduleNotFound", "ReceivingAgentScheduleDoesNotExist"},
        {"ReceivingAgentShiftNotFound", "ReceivingShiftDoesNotExist"}};
    auto it = kAs.find(*r.failure);
    violations.push_back({{"type", it == kAs.end() ? *r.failure : it->second}, {"params", json::object()}});
  }
  for (const auto& v : r.violations) violations.push_back({{"type", v}, {"params", json::object()}});
  return {{"initiatingUser", side(r.initiating)},
          {"receivingUser", side(r.receiving)},
          {"violations", std::move(violations)},
          {"adminReviewViolations", json::array()},
          {"unevaluatedRules", json::array()}};
}

std::shared_ptr<const wfm::WeekSchedule> in_force(const Call& call, const TradeWeek& w) {
  return call.org->workforce->schedule_in_force(*w.bu, w.week, call.now);
}


// An agent of the MU other than `initiator`, for receivingUserId.
std::optional<ApiError> check_receiver(const Call& call, const TradeWeek& w, const std::string& id,
                                       const std::string& initiator) {
  const User* u = call.org->world->find_user(id);
  if (!u || u->management_unit_id != w.mu->id)
    return bad_request(fmt::format("receivingUserId [{}] is not an agent of management unit [{}].", id, w.mu->id));
  if (id == initiator) return bad_request(fmt::format("receivingUserId [{}] is the initiating user.", id));
  return std::nullopt;
}

std::optional<ApiError> read_intervals(const json& values, std::vector<std::string>& out) {
  if (!values.is_array() || values.size() > 50) return bad_request("acceptableIntervals must be a list of at most 50 intervals.");
  out.clear();
  for (const auto& v : values) {
    const std::string s = v.is_string() ? v.get<std::string>() : "";
    const auto slash = s.find('/');
    if (slash == std::string::npos || !api::parse_instant(s.substr(0, slash)) || !api::parse_instant(s.substr(slash + 1)))
      return bad_request(fmt::format("acceptableIntervals: [{}] is not an ISO-8601 interval (start/end).", v.dump()));
    out.push_back(s);
  }
  return std::nullopt;
}

// Stores a created or edited trade as modified now by the caller and answers it (ShiftTradeResponse).
Reply stored(Call& call, ShiftTrade& t) {
  t.modified = call.now;
  t.modified_by = writer(call);
  call.org->workforce->store_shift_trade(t);
  return json_reply(trade_json(t, call.now));
}

std::optional<ApiError> read_version(const json& body, int& out) {
  if (!body.contains("metadata") || !body["metadata"].is_object() || !body["metadata"].contains("version") ||
      !body["metadata"]["version"].is_number_integer())
    return bad_request("metadata.version is required.");
  out = body["metadata"]["version"].get<int>();
  return std::nullopt;
}

}  // namespace

Reply handle_shift_trades_list(Call& call) {
  TradeWeek w;
  if (auto e = find_week(call, w)) return error_reply(*e);
  bool evaluate = true, cross_week = false, force_download = false;
  if (auto e = read_bool_param(call, "evaluateMatches", true, evaluate)) return error_reply(*e);
  if (auto e = read_bool_param(call, "includeCrossWeekShifts", false, cross_week)) return error_reply(*e);
  if (auto e = read_bool_param(call, "forceDownloadService", false, force_download)) return error_reply(*e);
  const auto trades = week_trades(*call.org->workforce, w);
  const auto ws = in_force(call, w);
  json entities = json::array();
  for (const auto& t : trades) {
    json e{{"trade", trade_json(t, call.now)}};
    if (evaluate && t.state_at(call.now) == TradeState::Matched) e["matchReview"] = match_review_json(*ws, t);
    entities.push_back(std::move(e));
  }
  return wfm_listing(call, json{{"entities", std::move(entities)}}.dump(), force_download);
}

Reply handle_shift_trade_create(Call& call) {
  TradeWeek w;
  if (auto e = find_week(call, w)) return error_reply(*e);
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_object() || !body.contains("scheduleId") || !body["scheduleId"].is_string() ||
      !body.contains("initiatingShiftId") || !body["initiatingShiftId"].is_string())
    return error_reply(bad_request("scheduleId and initiatingShiftId are required."));
  const auto ws = in_force(call, w);
  if (body["scheduleId"] != ws->id)
    return error_reply(bad_request(fmt::format("scheduleId [{}] is not the published schedule of week {} ([{}]).",
                                               body["scheduleId"].get<std::string>(), call.params[1], ws->id)));
  const std::string shift_id = body["initiatingShiftId"];
  const wfm::AgentWeek* owner = nullptr;
  const wfm::Shift* shift = nullptr;
  auto& wf = *call.org->workforce;
  for (const auto& aw : ws->agents)
    for (const auto& s : aw.shifts)
      if (s.id == shift_id && aw.user->management_unit_id == w.mu->id && wf.week_containing(*w.bu, s.bu_date) == w.week)
        owner = &aw, shift = &s;
  if (!shift)
    return error_reply(bad_request(fmt::format("initiatingShiftId [{}] is not a shift of management unit [{}] in week {}.",
                                               shift_id, w.mu->id, call.params[1])));
  for (const auto& t : week_trades(wf, w))
    if (t.initiating_shift_id == shift_id &&
        (t.state_at(call.now) == TradeState::Unmatched || t.state_at(call.now) == TradeState::Matched))
      return error_reply(bad_request(fmt::format("Shift [{}] is already offered in shift trade [{}].", shift_id, t.id)));
  ShiftTrade t;
  if (body.contains("receivingUserId") && !body["receivingUserId"].is_null()) {
    if (!body["receivingUserId"].is_string()) return error_reply(bad_request("receivingUserId must be a user id."));
    t.receiving_user_id = body["receivingUserId"];
    if (auto e = check_receiver(call, w, t.receiving_user_id, owner->user->id)) return error_reply(*e);
  }
  t.expiration = shift->start;
  if (body.contains("expiration")) {
    auto at = body["expiration"].is_string() ? api::parse_instant(body["expiration"].get<std::string>()) : std::nullopt;
    if (!at) return error_reply(invalid_date());
    t.expiration = *at;
  }
  if (body.contains("acceptableIntervals"))
    if (auto e = read_intervals(body["acceptableIntervals"], t.acceptable_intervals)) return error_reply(*e);
  t.id = wf.next_shift_trade_id();
  t.business_unit_id = w.bu->id;
  t.management_unit_id = w.mu->id;
  t.week = w.week;
  t.schedule_id = ws->id;
  t.initiating_user_id = owner->user->id;
  t.initiating_shift_id = shift->id;
  t.initiating_start = shift->start;
  t.initiating_end = shift->end();
  return stored(call, t);
}

Reply handle_shift_trades_search(Call& call) {
  TradeWeek w;
  if (auto e = find_week(call, w)) return error_reply(*e);
  bool force_download = false;
  if (auto e = read_bool_param(call, "forceDownloadService", false, force_download)) return error_reply(*e);
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_object() || !body.contains("receivingScheduleId") || !body["receivingScheduleId"].is_string())
    return error_reply(bad_request("receivingScheduleId is required."));
  const auto ws = in_force(call, w);
  if (body["receivingScheduleId"] != ws->id)
    return error_reply(bad_request(fmt::format("receivingScheduleId [{}] is not the published schedule of week {}.",
                                               body["receivingScheduleId"].get<std::string>(), call.params[1])));
  // The receiving shifts named, with their owners.
  std::vector<std::pair<const wfm::AgentWeek*, const wfm::Shift*>> receiving;
  if (body.contains("receivingShiftIds")) {
    if (!body["receivingShiftIds"].is_array() || body["receivingShiftIds"].size() > 50)
      return error_reply(bad_request("receivingShiftIds must be a list of at most 50 shift ids."));
    for (const auto& id : body["receivingShiftIds"]) {
      const std::string text = id.is_string() ? id.get<std::string>() : "";
      std::pair<const wfm::AgentWeek*, const wfm::Shift*> found{nullptr, nullptr};
      for (const auto& aw : ws->agents)
        for (const auto& s : aw.shifts)
          if (s.id == text) found = {&aw, &s};
      if (!found.second)
        return error_reply(bad_request(fmt::format("receivingShiftIds: [{}] is not a shift of the schedule.", id.dump())));
      receiving.push_back(found);
    }
  }
  json trades = json::array();
  for (const auto& t : week_trades(*call.org->workforce, w)) {
    if (t.state_at(call.now) != TradeState::Unmatched) continue;
    json matching = json::array();
    for (const auto& [aw, s] : receiving) {
      if (aw->user->id == t.initiating_user_id) continue;
      if (!t.receiving_user_id.empty() && aw->user->id != t.receiving_user_id) continue;
      bool inside = t.acceptable_intervals.empty();
      for (const auto& i : t.acceptable_intervals) {
        const auto slash = i.find('/');
        const auto from = api::parse_instant(i.substr(0, slash)), to = api::parse_instant(i.substr(slash + 1));
        if (from && to && *from <= s->start && s->end() <= *to) inside = true;
      }
      if (inside) matching.push_back(s->id);
    }
    if (!receiving.empty() && matching.empty()) continue;
    std::vector<const wfm::Shift*> offered;
    if (const auto* aw = ws->find(t.initiating_user_id))
      for (const auto& s : aw->shifts)
        if (s.id == t.initiating_shift_id) offered.push_back(&s);
    trades.push_back({{"trade", trade_json(t, call.now)},
                      {"matchingReceivingShiftIds", std::move(matching)},
                      {"preview", preview_json(offered)}});
  }
  return json_reply({{"trades", std::move(trades)}});
}

Reply handle_shift_trade_patch(Call& call) {
  TradeWeek w;
  if (auto e = find_week(call, w)) return error_reply(*e);
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_object()) return error_reply(bad_request("The body must be a PatchShiftTradeRequest object."));
  int version = 0;
  if (auto e = read_version(body, version)) return error_reply(*e);
  auto& wf = *call.org->workforce;
  std::lock_guard lock(trade_mutex());
  const auto trades = week_trades(wf, w);
  const ShiftTrade* found = nullptr;
  if (auto e = find_trade(call, w, trades, call.params[2], found)) return error_reply(*e);
  ShiftTrade t = *found;
  const TradeState state = t.state_at(call.now);
  if (state != TradeState::Unmatched && state != TradeState::Matched)
    return error_reply(bad_request(fmt::format("Shift trade [{}] is already {} and can no longer be changed.", t.id,
                                               wfm::to_string(state))));
  if (version != t.version)
    return error_reply(conflict(fmt::format("Shift trade [{}] has version {}; the request was based on version {}.",
                                            t.id, t.version, version)));
  if (body.contains("receivingUserId")) {
    const json& v = body["receivingUserId"];
    if (!v.is_object() || !v.contains("value") || !(v["value"].is_string() || v["value"].is_null()))
      return error_reply(bad_request("receivingUserId must be {\"value\": userId}."));
    if (state != TradeState::Unmatched)
      return error_reply(bad_request(fmt::format("Shift trade [{}] is matched: its receiving user cannot change.", t.id)));
    t.receiving_user_id = v["value"].is_null() ? "" : v["value"].get<std::string>();
    if (!t.receiving_user_id.empty())
      if (auto e = check_receiver(call, w, t.receiving_user_id, t.initiating_user_id)) return error_reply(*e);
  }
  if (body.contains("expiration")) {
    const json& v = body["expiration"];
    auto at = v.is_object() && v.contains("value") && v["value"].is_string()
                  ? api::parse_instant(v["value"].get<std::string>())
                  : std::nullopt;
    if (!at) return error_reply(invalid_date());
    t.expiration = *at;
  }
  if (body.contains("acceptableIntervals")) {
    const json& v = body["acceptableIntervals"];
    if (!v.is_object() || !v.contains("values"))
      return error_reply(bad_request("acceptableIntervals must be {\"values\": [interval, …]}."));
    if (auto e = read_intervals(v["values"], t.acceptable_intervals)) return error_reply(*e);
  }
  t.version += 1;
  return stored(call, t);
}

Reply handle_shift_trades_state_bulk(Call& call) {
  TradeWeek w;
  if (auto e = find_week(call, w)) return error_reply(*e);
  bool force_async = false;
  if (auto e = read_bool_param(call, "forceAsync", false, force_async)) return error_reply(*e);
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_object() || !body.contains("entities") || !body["entities"].is_array() || body["entities"].empty() ||
      body["entities"].size() > kMaxBulkEntities)
    return error_reply(bad_request(fmt::format("entities is required: 1 to {} shift trade state changes.", kMaxBulkEntities)));
  struct Change {
    std::string id;
    TradeState to = TradeState::Approved;
    int version = 0;
  };
  std::vector<Change> changes;
  std::set<std::string> seen;
  for (const auto& e : body["entities"]) {
    if (!e.is_object() || !e.contains("id") || !e["id"].is_string() || !e.contains("state") || !e["state"].is_string())
      return error_reply(bad_request("Each entity needs an id and a state."));
    Change c{e["id"].get<std::string>(), TradeState::Approved, 0};
    const std::string state = e["state"];
    if (state != "Approved" && state != "Denied")
      return error_reply(at_field(invalid_value(state, "state", kDecisions), "entities.state"));
    c.to = state == "Approved" ? TradeState::Approved : TradeState::Denied;
    if (auto err = read_version(e, c.version)) return error_reply(*err);
    if (!seen.insert(c.id).second) return error_reply(bad_request(fmt::format("Shift trade [{}] is listed twice.", c.id)));
    changes.push_back(std::move(c));
  }
  auto& wf = *call.org->workforce;
  json results = json::array();
  std::vector<std::string> changed;  // agents whose schedule an approval changed, in order
  {
    std::lock_guard lock(trade_mutex());
    const auto trades = week_trades(wf, w);
    std::vector<ShiftTrade> current;
    for (const auto& c : changes) {
      const ShiftTrade* found = nullptr;
      if (auto e = find_trade(call, w, trades, c.id, found)) return error_reply(*e);
      if (c.version != found->version)
        return error_reply(conflict(fmt::format("Shift trade [{}] has version {}; the request was based on version {}.",
                                                c.id, found->version, c.version)));
      current.push_back(*found);
    }
    for (std::size_t i = 0; i < changes.size(); ++i) {
      ShiftTrade& t = current[i];
      const TradeState state = t.state_at(call.now);
      std::optional<std::string> failure;
      if (changes[i].to == TradeState::Approved ? state != TradeState::Matched
                                                : state != TradeState::Matched && state != TradeState::Unmatched) {
        failure = "TransitionNotAllowed";
      } else if (changes[i].to == TradeState::Approved) {
        // Against the schedule in force now (earlier approvals of this request included).
        const auto r = wfm::review_trade(*in_force(call, w), t);
        failure = r.failure;
        for (const auto& v : r.violations)
          if (!failure && (v == "ReceivingShiftOverlapsExisting" || v == "InitiatingShiftOverlapsExisting"))
            failure = "TransitionNotAllowed";  // a shift or full-day time off already holds that time
      }
      if (!failure) {
        t.state = changes[i].to;
        t.reviewed = call.now;
        t.reviewed_by = writer(call);
        t.version += 1;
        t.modified = call.now;
        t.modified_by = writer(call);
        wf.store_shift_trade(t);
        if (t.state == TradeState::Approved)
          for (const auto& id : {t.initiating_user_id, t.receiving_user_id})
            if (std::find(changed.begin(), changed.end(), id) == changed.end()) changed.push_back(id);
      }
      json item = trade_json(t, call.now);
      json r{{"id", t.id}, {"state", item["state"]}, {"metadata", item["metadata"]}};
      if (item.contains("reviewedBy")) r["reviewedBy"] = item["reviewedBy"];
      if (item.contains("reviewedDate")) r["reviewedDate"] = item["reviewedDate"];
      if (failure) r["failureReason"] = *failure;
      results.push_back(std::move(r));
    }
  }
  // Approvals change the schedules of both agents of each trade: mirrors refetch them.
  if (!changed.empty()) {
    const auto week_start = wf.local_time(*w.bu, w.week, std::chrono::minutes(0));
    json agents = json::array();
    for (const auto& id : changed)
      agents.push_back({{"agentId", id},
                        {"startDate", api::format_instant(week_start)},
                        {"endDate", api::format_instant(wf.local_time(*w.bu, w.week + days(7), std::chrono::minutes(0)))}});
    call.epoch.notify(call.org->world->region,
                        fmt::format("v2.workforcemanagement.managementunits.{}.agentschedules.changed", w.mu->id),
                        {{"managementUnitId", w.mu->id}, {"agents", std::move(agents)}}, call.now);
  }
  const std::string op = wfm_operation_id(call);
  json result{{"entities", std::move(results)}};
  if (!force_async) return json_reply({{"status", "Complete"}, {"operationId", op}, {"result", std::move(result)}});
  // The topic model's references carry ids only.
  for (auto& e : result["entities"]) {
    if (e.contains("reviewedBy")) e["reviewedBy"].erase("selfUri");
    if (e["metadata"].contains("modifiedBy")) e["metadata"]["modifiedBy"].erase("selfUri");
  }
  call.epoch.notify(call.org->world->region,
                      fmt::format("v2.workforcemanagement.managementunits.{}.shifttrades.state.bulk", w.mu->id),
                      json{{"status", "Complete"},
                           {"operationId", op},
                           {"result", std::move(result)},
                           {"weekDate", api::format_local_date(w.week)}},
                      call.now);
  return json_reply({{"status", "Processing"}, {"operationId", op}});
}

}  // namespace mockgc::core
