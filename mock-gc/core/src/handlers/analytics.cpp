// Analytics over the generated history and the agent state process (genesys-api.md §6a): conversation and
// user aggregates and details, synchronous, and as jobs (POST 202 {jobId} -> status QUEUED..FULFILLED by the
// service clock -> results with a cursor; DELETE forgets the job).
#include <fmt/format.h>

#include <charconv>
#include <mutex>

#include "../call_helpers.hpp"
#include "../wfm/conversation_details.hpp"
#include "../wfm/history_state.hpp"
#include "../wfm/json_text.hpp"
#include "../wfm/user_analytics.hpp"
#include "mockgc/api/time.hpp"

namespace mockgc::core {
namespace {

using Kind = wfm::AnalyticsJob::Kind;

// The org's presence definition id of each ActualState (index = enum value).
std::vector<std::string> presence_ids(const Call& call) {
  std::vector<std::string> out;
  for (auto a : {wfm::ActualState::Offline, wfm::ActualState::OnQueue, wfm::ActualState::Break, wfm::ActualState::Meal,
                 wfm::ActualState::Meeting, wfm::ActualState::Training})
    out.push_back(wfm::presence_definition_id(call.epoch.seed(), call.org->world->org_id, a));
  return out;
}

// The body of a query or job of `kind`, parsed.
std::variant<wfm::AnalyticsJob::Query, ApiError> read_query(Call& call, Kind kind, bool async) {
  json body;
  if (auto e = parse_json_body(call, body)) return *e;
  const ApiLimits& limits = call.epoch.limits();
  auto lift = [](auto parsed) -> std::variant<wfm::AnalyticsJob::Query, ApiError> {
    if (auto* e = std::get_if<ApiError>(&parsed)) return std::move(*e);
    return wfm::AnalyticsJob::Query(std::move(std::get<0>(parsed)));
  };
  switch (kind) {
    case Kind::ConversationAggregates: return lift(wfm::parse_aggregate_query(body, async, limits));
    case Kind::ConversationDetails: return lift(wfm::parse_conversation_details_query(body, async, limits));
    case Kind::UserAggregates: return lift(wfm::parse_user_aggregate_query(body, async, limits));
    case Kind::UserDetails: return lift(wfm::parse_user_details_query(body, async, limits));
  }
  return bad_request("Unknown analytics query.");
}

std::pair<Instant, Instant> history_window(Call& call) { return call.org->history->window(); }

// The synchronous answer of a query as of `now`, written straight to text (a month of every queue's 15-minute
// buckets, or a week of thousands of agents' half hours, is hundreds of MB as a DOM).
std::string answer_text(Call& call, const wfm::AnalyticsJob::Query& query, Instant now) {
  auto& history = *call.org->history;
  const auto& agents = *call.org->agents;
  if (auto* q = std::get_if<wfm::AggregateQuery>(&query))
    return wfm::answer_aggregate_query_text(*q, history.history(), agents, now);
  if (auto* q = std::get_if<wfm::DetailsQuery>(&query))
    return wfm::run_conversation_details_query_text(*q, agents, history_window(call), now);
  if (auto* q = std::get_if<wfm::UserAggregateQuery>(&query))
    return wfm::run_user_aggregate_query_text(*q, agents, presence_ids(call), now);
  return wfm::run_user_details_query_text(std::get<wfm::UserDetailsQuery>(query), agents, presence_ids(call), now);
}

// The text of each result of an aggregates job (as of `now`).
std::vector<std::string> aggregate_rows(Call& call, const wfm::AnalyticsJob::Query& query, Instant now) {
  const auto& agents = *call.org->agents;
  if (auto* q = std::get_if<wfm::UserAggregateQuery>(&query))
    return wfm::user_aggregate_rows(*q, agents, presence_ids(call), now);
  const auto& q = std::get<wfm::AggregateQuery>(query);
  wfm::text::AggregateRows rows(q);
  wfm::answer_aggregate_query(q, call.org->history->history(), agents, now, rows);
  return rows.finish();
}

Reply query_reply(Call& call, Kind kind) {
  auto parsed = read_query(call, kind, false);
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_reply(std::move(*e));
  Reply r;
  r.body = answer_text(call, std::get<wfm::AnalyticsJob::Query>(parsed), call.now);
  return r;
}

// A results cursor: the index of the next result and a tag of its job, so that a cursor of another job is
// told apart from a stale or garbled one. Opaque to clients.
std::string job_tag(const std::string& job_id) {
  std::string tag;
  for (char c : job_id)
    if (c != '-') tag += c;
  return tag.substr(tag.size() > 12 ? tag.size() - 12 : 0);
}
std::string cursor_for(const wfm::AnalyticsJob& job, std::size_t next) { return fmt::format("{}.{}", next, job_tag(job.id)); }
std::variant<std::size_t, ApiError> parse_cursor(const wfm::AnalyticsJob& job, std::string_view c, std::size_t total) {
  const auto dot = c.find('.');
  std::size_t v = 0;
  auto [p, ec] = std::from_chars(c.data(), c.data() + (dot == std::string_view::npos ? c.size() : dot), v);
  if (dot == std::string_view::npos || ec != std::errc() || p != c.data() + dot || v > total)
    return at_field(bad_request(fmt::format("The cursor [{}] is not valid: pass the cursor field of the previous "
                                            "results page of job {} unchanged.",
                                            c, job.id)),
                    "cursor");
  if (c.substr(dot + 1) != job_tag(job.id))
    return at_field(bad_request(fmt::format("The cursor [{}] belongs to another analytics job: a cursor is valid only "
                                            "for the job {} whose results returned it.",
                                            c, job.id)),
                    "cursor");
  return v;
}

ApiError job_not_found(std::string_view id) { return not_found(fmt::format("Analytics job {} was not found.", id)); }

Reply job_create(Call& call, Kind kind) {
  auto parsed = read_query(call, kind, true);
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_reply(std::move(*e));
  auto& state = *call.org->history;
  std::lock_guard lock(state.mutex);
  const auto& job = state.add_job(kind, std::move(std::get<wfm::AnalyticsJob::Query>(parsed)), call.now);
  call.epoch.id_owners().add(job.id, call.org->world->region);
  return json_reply({{"jobId", job.id}}, 202);
}

Reply job_status(Call& call, Kind kind) {
  auto& state = *call.org->history;
  std::lock_guard lock(state.mutex);
  const auto* job = state.find_job(kind, call.params.at(0));
  if (!job) return error_reply(job_not_found(call.params.at(0)));
  json j = {{"submissionDate", api::format_instant(job->submitted)}, {"expirationDate", api::format_instant(job->expires)}};
  if (call.now >= job->expires) {
    j["state"] = "EXPIRED";
  } else if (call.now >= job->completes) {
    j["state"] = "FULFILLED";
    j["completionDate"] = api::format_instant(job->completes);
  } else {
    j["state"] = call.now >= job->submitted + wfm::HistoryState::kJobDelay / 2 ? "PENDING" : "QUEUED";
  }
  return json_reply(j);
}

Reply job_delete(Call& call, Kind kind) {
  auto& state = *call.org->history;
  std::lock_guard lock(state.mutex);
  if (!state.remove_job(kind, call.params.at(0))) return error_reply(job_not_found(call.params.at(0)));
  return no_content();
}

// ?pageSize of a details job's results: 1..kMaxDetailsJobPageSize, default 100 (mock-gc choices).
std::variant<std::size_t, ApiError> results_page_size(const Call& call) {
  auto p = call.target.query.first("pageSize");
  if (!p || p->empty()) return std::size_t{100};
  int v = 0;
  auto [end, ec] = std::from_chars(p->data(), p->data() + p->size(), v);
  if (ec != std::errc() || end != p->data() + p->size() || v < 1 || v > wfm::kMaxDetailsJobPageSize)
    return at_field(bad_request(fmt::format("pageSize must be an integer from 1 to {} (a mock-gc choice).",
                                            wfm::kMaxDetailsJobPageSize)),
                    "pageSize");
  return static_cast<std::size_t>(v);
}

Reply job_results(Call& call, Kind kind) {
  auto& state = *call.org->history;
  wfm::AnalyticsJob job;  // a copy of what the page needs (the lock is not held while rendering)
  {
    std::lock_guard lock(state.mutex);
    auto* found = state.find_job(kind, call.params.at(0));
    if (!found) return error_reply(job_not_found(call.params.at(0)));
    if (call.now >= found->expires) return error_reply(not_found(fmt::format("Analytics job {} has expired.", found->id)));
    if (call.now < found->completes)
      return error_reply(
          bad_request(fmt::format("Analytics job {} is not complete; poll its status until FULFILLED.", found->id)));
    job.id = found->id;
    job.query = found->query;
    job.completes = found->completes;
    job.results = found->results;
  }
  // Aggregates results are computed once, outside the lock (answering from the conversations over a long
  // interval takes seconds): the first reader's results are kept, a concurrent reader's equal ones dropped.
  if ((kind == Kind::ConversationAggregates || kind == Kind::UserAggregates) && !job.results) {
    auto results = std::make_shared<const std::vector<std::string>>(aggregate_rows(call, job.query, job.completes));
    std::lock_guard lock(state.mutex);
    auto* found = state.find_job(kind, job.id);
    if (found && !found->results) found->results = results;
    job.results = found && found->results ? found->results : results;
  }
  const std::string cursor = call.target.query.first("cursor").value_or("");
  auto page = [&](std::size_t total, std::size_t page_size, auto&& render) -> Reply {
    std::size_t from = 0;
    if (!cursor.empty()) {
      auto parsed = parse_cursor(job, cursor, total);
      if (auto* e = std::get_if<ApiError>(&parsed)) return error_reply(std::move(*e));
      from = std::get<std::size_t>(parsed);
    }
    const std::size_t to = std::min(total, from + page_size);
    Reply r;
    r.body = render(from, to, to < total ? cursor_for(job, to) : std::string());
    if (to < total) r.more = "cursor";
    return r;
  };
  const std::string availability = api::format_instant(wfm::floor_interval(job.completes));
  switch (kind) {
    case Kind::ConversationAggregates:
    case Kind::UserAggregates: {
      const auto& results = *job.results;
      const int page_size = kind == Kind::UserAggregates ? std::get<wfm::UserAggregateQuery>(job.query).page_size
                                                         : std::get<wfm::AggregateQuery>(job.query).page_size;
      return page(results.size(), static_cast<std::size_t>(page_size),
                  [&](std::size_t a, std::size_t b, const std::string& next) {
                    return wfm::text::results_page(std::span(results).subspan(a, b - a), next);
                  });
    }
    case Kind::ConversationDetails: {
      auto size = results_page_size(call);
      if (auto* e = std::get_if<ApiError>(&size)) return error_reply(std::move(*e));
      const auto& q = std::get<wfm::DetailsQuery>(job.query);
      const auto hits = wfm::select_conversations(q, *call.org->agents, history_window(call), job.completes);
      return page(hits.size(), std::get<std::size_t>(size), [&](std::size_t a, std::size_t b, const std::string& next) {
        return wfm::conversation_details_page(std::span(hits).subspan(a, b - a), *call.org->agents, job.completes,
                                              next, availability);
      });
    }
    case Kind::UserDetails: {
      auto size = results_page_size(call);
      if (auto* e = std::get_if<ApiError>(&size)) return error_reply(std::move(*e));
      const auto& q = std::get<wfm::UserDetailsQuery>(job.query);
      const auto users = wfm::select_users(q, *call.org->agents);
      return page(users.size(), std::get<std::size_t>(size), [&](std::size_t a, std::size_t b, const std::string& next) {
        return wfm::user_details_page(q, *call.org->agents, presence_ids(call), job.completes,
                                      std::span(users).subspan(a, b - a), next, availability);
      });
    }
  }
  return error_reply(job_not_found(job.id));
}

// GET …/conversations/{conversationId}/details: one conversation as the details query renders it, as of now.
Reply conversation_details_reply(Call& call) {
  const std::string& id = call.params.at(0);
  const auto hit = wfm::find_conversation(id, *call.org->agents, history_window(call), call.now);
  if (!hit) return error_reply(not_found(fmt::format("Conversation {} was not found.", id)));
  Reply r;
  r.body = wfm::render_conversation_text(*hit, *call.org->agents, call.now);
  return r;
}

// GET …/details/jobs/availability: the data lake holds every 15-minute interval that has ended.
Reply availability_reply(Call& call) {
  return json_reply({{"dataAvailabilityDate", api::format_instant(wfm::floor_interval(call.now))}});
}

}  // namespace

Reply handle_aggregates_query(Call& call) { return query_reply(call, Kind::ConversationAggregates); }
Reply handle_aggregates_job_create(Call& call) { return job_create(call, Kind::ConversationAggregates); }
Reply handle_aggregates_job_status(Call& call) { return job_status(call, Kind::ConversationAggregates); }
Reply handle_aggregates_job_delete(Call& call) { return job_delete(call, Kind::ConversationAggregates); }
Reply handle_aggregates_job_results(Call& call) { return job_results(call, Kind::ConversationAggregates); }

Reply handle_conversation_details_query(Call& call) { return query_reply(call, Kind::ConversationDetails); }
Reply handle_conversation_details_job_create(Call& call) { return job_create(call, Kind::ConversationDetails); }
Reply handle_conversation_details_job_status(Call& call) { return job_status(call, Kind::ConversationDetails); }
Reply handle_conversation_details_job_delete(Call& call) { return job_delete(call, Kind::ConversationDetails); }
Reply handle_conversation_details_job_results(Call& call) { return job_results(call, Kind::ConversationDetails); }

Reply handle_user_aggregates_query(Call& call) { return query_reply(call, Kind::UserAggregates); }
Reply handle_user_aggregates_job_create(Call& call) { return job_create(call, Kind::UserAggregates); }
Reply handle_user_aggregates_job_status(Call& call) { return job_status(call, Kind::UserAggregates); }
Reply handle_user_aggregates_job_delete(Call& call) { return job_delete(call, Kind::UserAggregates); }
Reply handle_user_aggregates_job_results(Call& call) { return job_results(call, Kind::UserAggregates); }

Reply handle_user_details_query(Call& call) { return query_reply(call, Kind::UserDetails); }
Reply handle_user_details_job_create(Call& call) { return job_create(call, Kind::UserDetails); }
Reply handle_user_details_job_status(Call& call) { return job_status(call, Kind::UserDetails); }
Reply handle_user_details_job_delete(Call& call) { return job_delete(call, Kind::UserDetails); }
Reply handle_user_details_job_results(Call& call) { return job_results(call, Kind::UserDetails); }

Reply handle_analytics_details_availability(Call& call) { return availability_reply(call); }
Reply handle_conversation_details_get(Call& call) { return conversation_details_reply(call); }

}  // namespace mockgc::core
