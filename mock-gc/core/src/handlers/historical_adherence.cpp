// Historical adherence (genesys-api.md §6c): POST …/managementunits/{muId}/historicaladherencequery and
// POST …/teams/{teamId}/adherence/historical answer 202 {id, queryState: "Processing"}. kQueryDelay later
// (world time) the result file is readable at its downloadUrl, GET …/adherence/historical/jobs/{id} answers
// Complete with downloadUrls, and v2.users.{requester}.workforcemanagement.historicaladherencequery carries
// {id, downloadUrl, downloadUrls, queryState} (the requester of a client-credentials token is its OAuth
// client id, as for the other user-scoped result topics). The file (WfmHistoricalAdherenceResultWrapper) is
// computed from AgentStates::adherence_timeline, the same spans live adherence reads, up to the instant the
// query was made (actualsEndDate).
#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <set>

#include "../call_helpers.hpp"
#include "../wfm/history_state.hpp"
#include "mockgc/api/random.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/core/wfm/agent_state.hpp"
#include "wfm_common.hpp"

namespace mockgc::core {
namespace {

using std::chrono::days;
using std::chrono::duration_cast;
using std::chrono::seconds;

constexpr Millis kQueryDelay = std::chrono::seconds(5);
constexpr days kMaxRange{31}, kMaxRangeWithExceptions{7};

struct Query {
  Instant start{}, end{};
  const date::time_zone* zone = nullptr;
  std::vector<const User*> users;
  bool exceptions = false;
};

// The ids the body's `field` lists (an array of ids, each one of `allowed`); none when absent.
std::optional<ApiError> read_ids(const json& body, std::string_view field, std::string_view what,
                                 const std::set<std::string>& allowed, std::vector<std::string>& out) {
  auto it = body.find(std::string(field));
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_array()) return bad_request(fmt::format("{} must be an array of ids.", field));
  for (const auto& id : *it) {
    if (!id.is_string()) return bad_request(fmt::format("{} must be an array of ids.", field));
    if (!allowed.count(id.get<std::string>()))
      return bad_request(fmt::format("{}: [{}] is not {}.", field, id.get<std::string>(), what));
    out.push_back(id.get<std::string>());
  }
  return std::nullopt;
}

std::optional<ApiError> read_instant(const json& body, std::string_view field, bool required,
                                     std::optional<Instant>& out) {
  auto it = body.find(std::string(field));
  if (it == body.end() || it->is_null()) {
    if (required) return bad_request(fmt::format("{} is required.", field));
    return std::nullopt;
  }
  out = it->is_string() ? api::parse_instant(it->get<std::string>()) : std::nullopt;
  if (!out) {
    ApiError e = invalid_date();
    e.message = fmt::format("{}: {}", field, e.message);
    return e;
  }
  return std::nullopt;
}

// The body fields both variants share. `members`: the users the query may name (the MU's or the team's).
std::optional<ApiError> parse_query(const Call& call, const json& body, const std::vector<const User*>& members,
                                    std::string_view member_of, bool zone_required, const date::time_zone* fallback,
                                    Query& q) {
  if (!body.is_object()) return bad_request("The body must be a WfmHistoricalAdherenceQuery object.");
  std::optional<Instant> start, end;
  if (auto e = read_instant(body, "startDate", true, start)) return e;
  if (auto e = read_instant(body, "endDate", false, end)) return e;
  q.start = *start;
  q.end = end.value_or(call.now);
  if (auto x = body.find("includeExceptions"); x != body.end() && !x->is_null()) {
    if (!x->is_boolean()) return bad_request("includeExceptions must be true or false.");
    q.exceptions = x->get<bool>();
  }
  if (q.start > call.now) return bad_request("startDate cannot be in the future.");
  if (q.end <= q.start) return bad_request("endDate must be after startDate.");
  const days limit = q.exceptions ? kMaxRangeWithExceptions : kMaxRange;
  if (q.end - q.start > limit)
    return bad_request(fmt::format("The range from startDate to endDate is longer than the maximum of {} days{}.",
                                   limit.count(), q.exceptions ? " with includeExceptions = true" : ""));
  q.zone = fallback;
  auto tz = body.find("timeZone");
  if (tz == body.end() || tz->is_null()) {
    if (zone_required) return bad_request("timeZone is required.");
  } else {
    if (!tz->is_string()) return bad_request("timeZone must be an IANA time zone name.");
    try {
      q.zone = date::locate_zone(tz->get<std::string>());
    } catch (const std::exception&) {
      return bad_request(fmt::format("timeZone: [{}] is not an IANA time zone name.", tz->get<std::string>()));
    }
  }
  std::set<std::string> member_ids;
  for (const User* u : members) member_ids.insert(u->id);
  std::vector<std::string> user_ids;
  if (auto e = read_ids(body, "userIds", fmt::format("a member of {}", member_of), member_ids, user_ids)) return e;
  std::set<std::string> wanted(user_ids.begin(), user_ids.end());
  q.users.clear();
  for (const User* u : members)
    if (wanted.empty() || wanted.count(u->id)) q.users.push_back(u);
  return std::nullopt;
}

double percent(Millis part, Millis whole) {
  if (whole <= Millis(0)) return 100.0;
  return std::round(10000.0 * static_cast<double>(part.count()) / static_cast<double>(whole.count())) / 100.0;
}

std::int64_t secs(Millis d) { return duration_cast<seconds>(d).count(); }

// The metrics of the spans' parts inside [from, to).
struct Metrics {
  Millis scheduled{0}, in_adherence{0}, scheduled_on_queue{0}, actual_on_queue{0}, actual{0}, exceptions{0};
  int exception_count = 0;

  void add(const wfm::AdherenceSpan& s, Instant from, Instant to) {
    const Instant a = std::max(s.start, from), b = std::min(s.end, to);
    if (b <= a) return;
    const Millis d = b - a;
    if (s.scheduled) scheduled += d;
    if (s.scheduled && s.adherence_state == "InAdherence") in_adherence += d;
    if (s.scheduled == ActivityCategory::OnQueueWork) scheduled_on_queue += d;
    if (s.actual == wfm::ActualState::OnQueue) actual_on_queue += d;
    if (s.actual != wfm::ActualState::Offline) actual += d;
    if (s.adherence_state == "OutOfAdherence") {
      exceptions += d;
      ++exception_count;
    }
  }
  json to_json() const {
    return {{"adherenceScheduleSecs", secs(scheduled)},
            {"conformanceScheduleSecs", secs(scheduled_on_queue)},
            {"conformanceActualSecs", secs(actual_on_queue)},
            {"exceptionCount", exception_count},
            {"exceptionDurationSecs", secs(exceptions)},
            {"impactSeconds", secs(actual_on_queue) - secs(scheduled_on_queue)},
            {"scheduleLengthSecs", secs(scheduled)},
            {"actualLengthSecs", secs(actual)},
            {"adherencePercentage", percent(in_adherence, scheduled)},
            {"conformancePercentage", percent(actual_on_queue, scheduled_on_queue)}};
  }
  std::string_view impact() const {
    return actual_on_queue > scheduled_on_queue   ? "Positive"
           : actual_on_queue < scheduled_on_queue ? "Negative"
                                                  : "Neutral";
  }
};

// Local midnights in `zone` strictly inside (from, to), then `to`: the ends of the query's days.
std::vector<Instant> day_ends(const date::time_zone* zone, Instant from, Instant to) {
  std::vector<Instant> out;
  const auto local = zone->to_local(date::floor<seconds>(from));
  for (auto d = date::floor<days>(local) + days(1);; d += days(1)) {
    const Instant t = date::zoned_time<seconds>(zone, date::local_seconds(d), date::choose::earliest)
                          .get_sys_time();
    if (t >= to) break;
    out.push_back(t);
  }
  out.push_back(to);
  return out;
}

json user_result(const Call& call, const User& u, const Query& q, Instant actuals_end) {
  const auto spans = call.org->agents->adherence_timeline(u, q.start, actuals_end);
  auto offset = [&](Instant t) { return secs(t - q.start); };
  Metrics total;
  json exceptions = json::array(), actuals = json::array();
  for (const auto& s : spans) {
    total.add(s, q.start, actuals_end);
    if (q.exceptions && s.adherence_state == "OutOfAdherence") {
      json e{{"startOffsetSeconds", offset(s.start)},
             {"endOffsetSeconds", offset(s.end)},
             {"actualActivityCategory", std::string(wfm::actual_activity_category(s.actual))},
             {"systemPresence", std::string(wfm::system_presence(s.actual))},
             {"routingStatus", std::string(wfm::to_string(s.routing))},
             {"impact", std::string(s.impact)}};
      if (s.scheduled) {
        e["scheduledActivityCategory"] = std::string(to_string(*s.scheduled));
        e["scheduledActivityCodeId"] = s.scheduled_code_id;
      }
      exceptions.push_back(std::move(e));
    }
    const std::string category(wfm::actual_activity_category(s.actual));
    if (!actuals.empty() && actuals.back()["actualActivityCategory"] == category &&
        actuals.back()["endOffsetSeconds"] == offset(s.start)) {
      actuals.back()["endOffsetSeconds"] = offset(s.end);
    } else {
      actuals.push_back({{"actualActivityCategory", category},
                         {"startOffsetSeconds", offset(s.start)},
                         {"endOffsetSeconds", offset(s.end)}});
    }
  }
  json day_metrics = json::array();
  Instant day_start = q.start;
  for (Instant day_end : day_ends(q.zone, q.start, actuals_end)) {
    Metrics m;
    for (const auto& s : spans) m.add(s, day_start, day_end);
    json j = m.to_json();
    j["dayStartOffsetSecs"] = offset(day_start);
    day_metrics.push_back(std::move(j));
    day_start = day_end;
  }
  json j = total.to_json();
  json out{{"userId", u.id},
           {"managementUnitId", u.management_unit_id},
           {"startDate", api::format_instant(q.start)},
           {"endDate", api::format_instant(q.end)},
           {"adherencePercentage", j["adherencePercentage"]},
           {"conformancePercentage", j["conformancePercentage"]},
           {"impact", std::string(total.impact())},
           {"dayMetrics", std::move(day_metrics)},
           {"actualsEndDate", api::format_instant(actuals_end)},
           {"actuals", std::move(actuals)}};
  if (q.exceptions) out["exceptionInfo"] = std::move(exceptions);
  return out;
}

std::string requester_of(const Call& call) { return call.token ? call.token->client_id : ""; }

// The job as GET …/jobs/{id} answers it at `now`.
json job_json(const Call& call, const wfm::AdherenceJob& job, Instant now) {
  json j{{"id", job.id}, {"queryState", now >= job.completes ? "Complete" : "Processing"}};
  if (now >= job.completes) {
    const std::string url = absolute_url(call, "/mockgc/downloads/" + job.download_id);
    j["downloadUrl"] = url;
    j["downloadUrls"] = json::array({url});
  }
  return j;
}

// Computes the result now, parks it until kQueryDelay has passed, records the job and schedules its topic.
Reply start_query(Call& call, const std::string& entity_id, const Query& q) {
  const Instant actuals_end = std::min(q.end, call.now);
  json data = json::array();
  const auto held = call.org->agents->hold(q.start, actuals_end);  // every user reads the same days
  for (const User* u : q.users) data.push_back(user_result(call, *u, q, actuals_end));
  const json wrapper{{"entityId", entity_id}, {"data", std::move(data)}, {"lookupIdToSecondaryPresenceId", json::object()}};
  wfm::AdherenceJob job;
  job.requester = requester_of(call);
  job.completes = call.now + kQueryDelay;
  job.download_id =
      call.epoch.downloads().put([&](const std::string&) { return wrapper.dump(); }, call.now, job.completes);
  auto& state = *call.org->history;
  {
    std::lock_guard lock(state.mutex);
    job.id = api::make_uuid(state.id_rng);
    state.adherence_jobs.push_back(job);
    while (state.adherence_jobs.size() > wfm::HistoryState::kMaxJobs) state.adherence_jobs.pop_front();
  }
  call.epoch.id_owners().add(job.id, call.org->world->region);
  call.epoch.notify(call.org->world->region,
                      fmt::format("v2.users.{}.workforcemanagement.historicaladherencequery", job.requester),
                      job_json(call, job, job.completes), call.now, job.completes);
  return json_reply(job_json(call, job, call.now), 202);
}

}  // namespace

Reply handle_mu_historical_adherence(Call& call) {
  const ManagementUnit* mu = nullptr;
  if (auto e = wfm_find_mu(call, call.params[0], mu)) return error_reply(*e);
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  const auto members = roster_members(*call.org, *mu);
  const BusinessUnit* bu = call.org->world->find_business_unit(mu->business_unit_id);
  Query q;
  if (auto e = parse_query(call, body, members, fmt::format("management unit {}", mu->id), false,
                           bu ? call.org->workforce->zone(*bu) : date::locate_zone("UTC"), q))
    return error_reply(*e);
  // teamIds narrow the users to those teams (teams of this management unit).
  std::set<std::string> mu_teams;
  for (const auto& t : call.org->world->teams)
    if (t.management_unit_id == mu->id) mu_teams.insert(t.id);
  std::vector<std::string> team_ids;
  if (auto e = read_ids(body, "teamIds", fmt::format("a team of management unit {}", mu->id), mu_teams, team_ids))
    return error_reply(*e);
  if (!team_ids.empty())
    std::erase_if(q.users, [&](const User* u) {
      return std::find(team_ids.begin(), team_ids.end(), u->team_id) == team_ids.end();
    });
  return start_query(call, mu->id, q);
}

Reply handle_team_historical_adherence(Call& call) {
  const Team* team = call.org->world->find_team(call.params[0]);
  if (!team) return error_reply(not_found(fmt::format("Team {} was not found.", call.params[0])));
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  Query q;
  if (auto e = parse_query(call, body, roster_members(*call.org, *team), fmt::format("team {}", team->id), true,
                           nullptr, q))
    return error_reply(*e);
  return start_query(call, team->id, q);
}

Reply handle_historical_adherence_job(Call& call) {
  auto& state = *call.org->history;
  std::optional<wfm::AdherenceJob> job;
  {
    std::lock_guard lock(state.mutex);
    for (const auto& j : state.adherence_jobs)
      if (j.id == call.params[0] && j.requester == requester_of(call)) job = j;
  }
  // Only the requester may read a job (genesys-api.md §6c); anyone else meets the same 404 as for no job.
  if (!job) return error_reply(not_found(fmt::format("Historical adherence job {} was not found.", call.params[0])));
  return json_reply(job_json(call, *job, call.now));
}

}  // namespace mockgc::core
