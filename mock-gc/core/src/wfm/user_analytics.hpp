#pragma once
// POST /api/v2/analytics/users/aggregates/query and /users/details/query: parsing with Genesys' errors
// and evaluation over the agent state process. Pure (the caller passes "now"); interval, timeZone and
// granularity are those of the conversation aggregates (parse_query_window, Bucketer).
//
// Aggregates: per group (userId / queueId / mediaType as asked) and bucket,
//   tAgentRoutingStatus, tSystemPresence, tOrganizationPresence  sum of ms per qualifier (routing status,
//       system presence, presence definition id) — only for groups without queueId/mediaType; an agent's
//       routing-status time over a bucket adds up to the bucket (data stops at the last 15-minute
//       boundary before now);
//   tHandle (stats of handled conversations, in the interval where handling ends, as for queues),
//   nOffered (conversations the agent was offered, in the interval of the answer).
// Details: per user (org user order, paged), primaryPresence[] and routingStatus[] segments clipped
// to the interval.
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "aggregates.hpp"
#include "mockgc/core/wfm/agent_state.hpp"

namespace mockgc::core::wfm {

enum class UserMetric { tAgentRoutingStatus, tSystemPresence, tOrganizationPresence, tHandle, nOffered };

struct UserAggregateQuery : QueryWindow {
  bool by_user = false, by_queue = false, by_media = false;
  std::optional<Filter> filter;
  std::vector<std::pair<std::string, UserMetric>> metrics;  // requested order, de-duplicated
  int page_size = 100;                                      // async jobs only
};

std::variant<UserAggregateQuery, ApiError> parse_user_aggregate_query(const nlohmann::json& body, bool async,
                                                                       const ApiLimits& limits = {});
// `presence_ids`: the org's presence definition id per ActualState (index = enum value). The response
// ({"results":[…]}, or {} when no group has data) as a DOM: the reference rendering.
nlohmann::json run_user_aggregate_query(const UserAggregateQuery& q, const AgentStates& agents,
                                        const std::vector<std::string>& presence_ids, Instant now);
// The same response written straight to text: byte for byte the DOM's dump (what the route answers).
std::string run_user_aggregate_query_text(const UserAggregateQuery& q, const AgentStates& agents,
                                          const std::vector<std::string>& presence_ids, Instant now);
// The response's groups, each one's text on its own (the elements of the DOM's "results"): what a users
// aggregates job keeps to page through.
std::vector<std::string> user_aggregate_rows(const UserAggregateQuery& q, const AgentStates& agents,
                                             const std::vector<std::string>& presence_ids, Instant now);

struct UserDetailsQuery : QueryWindow {
  bool descending = false;
  int page_size = 25, page_number = 1;  // the synchronous query's paging
  std::int64_t limit = -1;              // a job's `limit` (-1: none)
  std::optional<Filter> user_filter;
};

// `async`: the body of a users details job (`limit` instead of `paging`).
std::variant<UserDetailsQuery, ApiError> parse_user_details_query(const nlohmann::json& body, bool async = false,
                                                                   const ApiLimits& limits = {});
// The synchronous response {"totalHits":n,"userDetails":[page]} ("userDetails" left out when the page is empty),
// as a DOM (the reference rendering) and as text (what the route answers; byte for byte the dump).
nlohmann::json run_user_details_query(const UserDetailsQuery& q, const AgentStates& agents,
                                      const std::vector<std::string>& presence_ids, Instant now);
std::string run_user_details_query_text(const UserDetailsQuery& q, const AgentStates& agents,
                                        const std::vector<std::string>& presence_ids, Instant now);
// The users the query selects (its filter and order, at most `limit`), and the userDetails of [first, last) of them.
std::vector<const User*> select_users(const UserDetailsQuery& q, const AgentStates& agents);
nlohmann::json render_user_details(const UserDetailsQuery& q, const AgentStates& agents,
                                   const std::vector<std::string>& presence_ids, Instant now,
                                   std::span<const User* const> users);
// A users details job's results page as text: {"cursor":…,"dataAvailabilityDate":…,"userDetails":[…]} (the
// userDetails of `users`), without "cursor" when it is empty (the last page).
std::string user_details_page(const UserDetailsQuery& q, const AgentStates& agents,
                              const std::vector<std::string>& presence_ids, Instant now,
                              std::span<const User* const> users, std::string_view cursor,
                              std::string_view availability);

// Analytics' spelling of a system presence ("ON_QUEUE", "BREAK", …), also the activity topic's.
std::string_view analytics_system_presence(ActualState a);

}  // namespace mockgc::core::wfm
