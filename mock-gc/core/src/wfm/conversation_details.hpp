#pragma once
// POST /api/v2/analytics/conversations/details/query (and the body of a details job): the conversations of
// the generated history (conversations_offered) as Genesys' AnalyticsConversation, each answered one with the
// agent the agent state process gave it. Pure: the caller passes "now".
//
// Selection (PY:ConversationQuery.interval): a conversation is in the result when it started on a UTC day the
// interval touches and it started, ended or was active during the interval (start < end of interval, end >=
// start of interval), and it started before now. Its participants:
//   customer  one session, an `interact` segment over the whole conversation;
//   acd       an `interact` segment with the queueId (and the requestedRoutingSkillIds / requestedLanguageId the
//             conversation asked for, if any) from the offer to the answer (or abandon); metrics nOffered
//             (emitted at the offer); at the answer or abandon tAnswered or tAbandon, tWait and tAcd (the queue
//             wait, which includes the agent's alert: no flow-out is modelled), nOverSla (wait over the queue's
//             service-level duration), tShortAbandon (abandoned within kShortAbandon);
//   agent     (answered) the user's `alert` (the last 2–12 s of the wait), `interact`, `hold` (when the
//             conversation had hold), `interact`, `wrapup` (with its wrapUpCode) segments; metrics tAlert and
//             nConnected (at the answer), tHeld and tHeldComplete (when
//             the hold ends), tConnected (answer to wrap-up: talk and hold) and tTalkComplete (when the wrap-up
//             begins), tHandle, tTalk, tAcw and nTransferred (when the wrap-up ends).
// Metrics are emitted where the aggregates count them, so summing every session metric whose emitDate lies in
// [a, b) over a details query of [a - 1 day, b) gives the conversation aggregates of [a, b) (conversations end
// well within a day). Segments and metrics after "now" are left out, as is conversationEnd of a
// conversation still going on.
//
// The conversationId encodes (queue, offer interval, ordinal) under a key of the org, so GET
// …/conversations/{id}/details finds a conversation without an index, and another org's id is unknown.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "aggregates.hpp"
#include "mockgc/core/wfm/agent_state.hpp"

namespace mockgc::core::wfm {

// An abandon within this wait is a short abandon (tShortAbandon): a mock-gc choice, as Genesys makes it a
// queue setting the API does not expose.
inline constexpr Millis kShortAbandon = std::chrono::seconds(10);

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
// The AnalyticsConversation of one hit as of `now`: a DOM (the reference rendering) and the same written
// straight to text, byte for byte its dump.
nlohmann::json render_conversation(const DetailsHit& hit, const AgentStates& agents, Instant now);
std::string render_conversation_text(const DetailsHit& hit, const AgentStates& agents, Instant now);
// A details job's results page as text: {"conversations":[…],"cursor":…,"dataAvailabilityDate":…}, without
// "cursor" when it is empty (the last page).
std::string conversation_details_page(std::span<const DetailsHit> hits, const AgentStates& agents, Instant now,
                                      std::string_view cursor, std::string_view availability);
// The hit of the conversation `id` of the org, when it started inside `window` before `now` (else nullopt).
std::optional<DetailsHit> find_conversation(std::string_view id, const AgentStates& agents,
                                            std::pair<Instant, Instant> window, Instant now);

// What analytics shows of one conversation as of `now`: the one source of the details' segments and metrics
// and of the conversation aggregates.
struct ConversationFacts {
  Conversation conversation;
  std::string conversation_id;
  std::string_view queue_id, media;
  std::string_view user_id;                // the agent once answered (empty when nobody took it)
  std::string_view skill_id, language_id;  // the routing request (empty: none)
  std::string wrap_up_code;                // once the wrap-up has ended
  Instant start{}, end{}, alert_start{}, answered{}, hold_start{}, hold_end{}, wrapup{};
  std::optional<std::size_t> agent;  // index into Workforce::agents()
  using Emission = MetricEmission;
  std::vector<Emission> metrics;  // emitted by `now`, ACD first, each participant's in emit order
  // The dimension values of an emission's participant (user and wrap-up code only on the agent's).
  DimensionValues values(const Emission& e) const;
};
ConversationFacts facts_of(const DetailsHit& hit, const AgentStates& agents, Instant now);
ConversationFacts facts_of(const Conversation& conversation, const AgentStates& agents, Instant now);

// The conversation aggregates from the conversations (the queries answered_by_store declines): each emitted
// session metric counts in the bucket of its emitDate, grouped and filtered by its participant's dimension
// values; oServiceLevel counts each tAnswered/tAbandon emission (numerator: answered within the queue's
// service-level duration; target: the queue's service-level percentage). `window` bounds the data as the
// history store's window does; intervals ending after `now` have no data yet.
void run_conversation_aggregate_query(const AggregateQuery& q, const AgentStates& agents,
                                      std::pair<Instant, Instant> window, Instant now, AggregateSink& out);
nlohmann::json run_conversation_aggregate_query(const AggregateQuery& q, const AgentStates& agents,
                                                std::pair<Instant, Instant> window, Instant now);

// The conversation aggregates query's response: from the history cells when they answer the query
// (answered_by_store), else from the conversations (inside the history's window). The route answers with the
// text (no DOM); a job keeps each result's text (text::AggregateRows) to page through.
void answer_aggregate_query(const AggregateQuery& q, const HistorySource& history, const AgentStates& agents,
                            Instant now, AggregateSink& out);
nlohmann::json answer_aggregate_query(const AggregateQuery& q, const HistorySource& history, const AgentStates& agents,
                                      Instant now);
std::string answer_aggregate_query_text(const AggregateQuery& q, const HistorySource& history,
                                        const AgentStates& agents, Instant now);

// The synchronous response: {"conversations": [page], "totalHits": n} ({"totalHits": n} when the page is
// empty), as a DOM (the reference rendering) and as text (what the route answers; byte for byte the dump).
nlohmann::json run_conversation_details_query(const DetailsQuery& q, const AgentStates& agents,
                                              std::pair<Instant, Instant> window, Instant now);
std::string run_conversation_details_query_text(const DetailsQuery& q, const AgentStates& agents,
                                                std::pair<Instant, Instant> window, Instant now);

}  // namespace mockgc::core::wfm
