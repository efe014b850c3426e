#pragma once
// POST /api/v2/analytics/conversations/details/query (and the body of a details job): the conversations of
// the generated history (conversations_offered) as Genesys' AnalyticsConversation, each answered one with the
// agent the agent state process gave it. Pure: the caller passes "now".
//
// Selection (PY:ConversationQuery.interval): a conversation is in the result when it started on a UTC day the
// interval touches and it started, ended or was active during the interval (start < end of interval, end >=
// start of interval), and it started before now. Its participants:
//   customer  one session, an `interact` segment over the whole conversation;
//   acd       an `interact` segment with the queueId from the offer to the answer (or abandon); metrics
//             nOffered (emitted at the offer), tAnswered (at the answer) or tAbandon (at the abandon);
//   agent     (answered) the user's `interact`, `hold` (when the conversation had hold), `interact`, `wrapup`
//             segments; metrics tHandle, tTalk, tAcw and nTransferred, all emitted when the wrap-up ends.
// Metrics are emitted where the aggregates count them, so summing every session metric whose emitDate lies in
// [a, b) over a details query of [a - 1 day, b) gives the conversation aggregates of [a, b) (conversations end
// well within a day). Segments and metrics after "now" are left out, as is conversationEnd of a
// conversation still going on.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <variant>
#include <vector>

#include "aggregates.hpp"
#include "mockgc/core/wfm/agent_state.hpp"

namespace mockgc::core::wfm {

// Largest details page (paging.pageSize) and job result page: mock-gc choices (Genesys documents none).
inline constexpr int kMaxDetailsPageSize = 100;
inline constexpr int kMaxDetailsJobPageSize = 1000;
// Longest interval of a details job: a mock-gc choice that bounds the memory a job's selection takes.
inline constexpr auto kMaxDetailsJobInterval = std::chrono::days(31);

struct DetailsQuery : QueryWindow {
  std::vector<Filter> segment_filters;       // each holds for some participant's segment
  std::vector<Filter> conversation_filters;  // each holds for the conversation
  bool descending = false;
  bool by_end = false;  // orderBy conversationEnd (else conversationStart)
  int page_size = 25, page_number = 1;  // the synchronous query's paging
  std::int64_t limit = -1;              // a job's `limit` (-1: none)
};

// `async`: the body of a details job (`limit` instead of `paging`).
std::variant<DetailsQuery, ApiError> parse_conversation_details_query(const nlohmann::json& body, bool async,
                                                                       const ApiLimits& limits = {});

// One selected conversation, compact: rendered only when its page is.
struct DetailsHit {
  Instant start{}, end{};
  std::int64_t interval = 0;  // offer interval and ordinal (Conversation)
  std::uint32_t queue = 0, ordinal = 0;
};

// The conversations of the query, in its order; `window` bounds the data (the history store's window).
std::vector<DetailsHit> select_conversations(const DetailsQuery& q, const AgentStates& agents,
                                             std::pair<Instant, Instant> window, Instant now);
// The AnalyticsConversation of one hit as of `now`.
nlohmann::json render_conversation(const DetailsHit& hit, const AgentStates& agents, Instant now);
// The synchronous response: {"conversations": [page], "totalHits": n} ({"totalHits": 0} when none).
nlohmann::json run_conversation_details_query(const DetailsQuery& q, const AgentStates& agents,
                                              std::pair<Instant, Instant> window, Instant now);

}  // namespace mockgc::core::wfm
