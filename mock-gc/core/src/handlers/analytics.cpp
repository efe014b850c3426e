// Conversation aggregates over the generated history (genesys-api.md §6a): the synchronous query and the
// jobs trio (POST 202 {jobId} -> status QUEUED..FULFILLED by the service clock -> results with a cursor).
#include <fmt/format.h>

#include <charconv>
#include <mutex>

#include "../call_helpers.hpp"
#include "../wfm/history_state.hpp"
#include "../wfm/user_analytics.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/api/random.hpp"

namespace mockgc::core {
namespace {

std::variant<wfm::AggregateQuery, ApiError> read_query(Call& call, bool async) {
  json body;
  if (auto e = parse_json_body(call, body)) return *e;
  return wfm::parse_aggregate_query(body, async, call.service.limits());
}

// A job's results page cursor: the index of the next group, opaque to clients.
std::string cursor_for(std::size_t next) { return fmt::format("c{}", next); }
std::optional<std::size_t> parse_cursor(std::string_view c) {
  if (c.size() < 2 || c[0] != 'c') return std::nullopt;
  std::size_t v = 0;
  auto [p, ec] = std::from_chars(c.data() + 1, c.data() + c.size(), v);
  if (ec != std::errc() || p != c.data() + c.size()) return std::nullopt;
  return v;
}

ApiError job_not_found(std::string_view id) { return not_found(fmt::format("Analytics job {} was not found.", id)); }

// The org's presence definition id of each ActualState (index = enum value).
std::vector<std::string> presence_ids(const Call& call) {
  std::vector<std::string> out;
  for (auto a : {wfm::ActualState::Offline, wfm::ActualState::OnQueue, wfm::ActualState::Break, wfm::ActualState::Meal,
                 wfm::ActualState::Meeting, wfm::ActualState::Training})
    out.push_back(wfm::presence_definition_id(call.service.seed(), call.org->world->org_id, a));
  return out;
}

}  // namespace

Reply handle_aggregates_query(Call& call) {
  auto parsed = read_query(call, false);
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_reply(std::move(*e));
  auto& state = *call.org->history;
  return json_reply(wfm::run_aggregate_query(std::get<wfm::AggregateQuery>(parsed), state.store(), state.demand(), call.now));
}

Reply handle_aggregates_job_create(Call& call) {
  auto parsed = read_query(call, true);
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_reply(std::move(*e));
  auto& state = *call.org->history;
  std::lock_guard lock(state.mutex);
  wfm::AggregateJob job;
  job.id = api::make_uuid(state.id_rng);
  call.service.id_owners().add(job.id, call.org->world->region);
  job.query = std::move(std::get<wfm::AggregateQuery>(parsed));
  job.submitted = call.now;
  job.completes = call.now + wfm::HistoryState::kJobDelay;
  job.expires = job.completes + wfm::HistoryState::kJobLifetime;
  const std::string id = job.id;
  state.jobs.emplace(id, std::move(job));
  state.job_order.push_back(id);
  while (state.job_order.size() > wfm::HistoryState::kMaxJobs) {
    state.jobs.erase(state.job_order.front());
    state.job_order.pop_front();
  }
  return json_reply({{"jobId", id}}, 202);
}

Reply handle_aggregates_job_status(Call& call) {
  auto& state = *call.org->history;
  std::lock_guard lock(state.mutex);
  auto it = state.jobs.find(call.params.at(0));
  if (it == state.jobs.end()) return error_reply(job_not_found(call.params.at(0)));
  const auto& job = it->second;
  json j = {{"submissionDate", api::format_instant(job.submitted)}, {"expirationDate", api::format_instant(job.expires)}};
  if (call.now >= job.expires) {
    j["state"] = "EXPIRED";
  } else if (call.now >= job.completes) {
    j["state"] = "FULFILLED";
    j["completionDate"] = api::format_instant(job.completes);
  } else {
    j["state"] = call.now >= job.submitted + wfm::HistoryState::kJobDelay / 2 ? "PENDING" : "QUEUED";
  }
  return json_reply(j);
}

Reply handle_aggregates_job_results(Call& call) {
  auto& state = *call.org->history;
  std::shared_ptr<const json> results;
  int page_size = 0;
  {
    std::lock_guard lock(state.mutex);
    auto it = state.jobs.find(call.params.at(0));
    if (it == state.jobs.end()) return error_reply(job_not_found(call.params.at(0)));
    auto& job = it->second;
    if (call.now >= job.expires) return error_reply(not_found(fmt::format("Analytics job {} has expired.", job.id)));
    if (call.now < job.completes)
      return error_reply(bad_request(fmt::format("Analytics job {} is not complete; poll its status until FULFILLED.", job.id)));
    if (!job.results) {
      // Evaluated as of the completion instant, so the pages never change under a paging client.
      json full = wfm::run_aggregate_query(job.query, state.store(), state.demand(), job.completes);
      job.results = std::make_shared<const json>(full.contains("results") ? std::move(full["results"]) : json::array());
    }
    results = job.results;
    page_size = job.query.page_size;
  }
  std::size_t from = 0;
  if (auto c = call.target.query.first("cursor"); c && !c->empty()) {
    auto parsed = parse_cursor(*c);
    if (!parsed || *parsed > results->size()) return error_reply(bad_request("The cursor is not valid for this job."));
    from = *parsed;
  }
  const std::size_t to = std::min(results->size(), from + static_cast<std::size_t>(page_size));
  json page = json::array();
  for (std::size_t i = from; i < to; ++i) page.push_back((*results)[i]);
  json out = {{"results", std::move(page)}};
  if (to < results->size()) out["cursor"] = cursor_for(to);
  Reply r = json_reply(out);
  if (to < results->size()) r.more = "cursor";
  return r;
}

Reply handle_user_aggregates_query(Call& call) {
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  auto parsed = wfm::parse_user_aggregate_query(body, false, call.service.limits());
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_reply(std::move(*e));
  return json_reply(wfm::run_user_aggregate_query(std::get<wfm::UserAggregateQuery>(parsed), *call.org->agents,
                                                  presence_ids(call), call.now));
}

Reply handle_user_details_query(Call& call) {
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  auto parsed = wfm::parse_user_details_query(body, call.service.limits());
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_reply(std::move(*e));
  return json_reply(wfm::run_user_details_query(std::get<wfm::UserDetailsQuery>(parsed), *call.org->agents,
                                                presence_ids(call), call.now));
}

}  // namespace mockgc::core
