#include "conversation_details.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <tuple>

#include "mockgc/api/random.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/core/wfm/history.hpp"

namespace mockgc::core::wfm {
namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, 4> kSegmentDimensions = {"direction", "mediaType", "queueId", "userId"};
constexpr std::array<std::string_view, 2> kConversationDimensions = {"conversationId", "originatingDirection"};
constexpr std::array<std::string_view, 2> kOrderBy = {"conversationStart", "conversationEnd"};
constexpr std::string_view kInbound = "inbound";  // the history holds inbound ACD conversations only

Millis ms(double v) { return Millis(static_cast<std::int64_t>(v)); }

// The conversation's start: its offer, kept inside its offer interval (where the aggregates count nOffered).
Instant start_of(const Conversation& c) {
  return std::min(c.offered_at(), interval_start(c.interval + 1) - Millis(1));
}
// Its end: the end of the wrap-up, or the abandon.
Instant end_of(const Conversation& c) { return c.answered ? c.ended_at() : c.answered_at(); }

Instant utc_midnight(Instant t) { return std::chrono::floor<date::days>(t); }

// The ids of one conversation: a pure function of (seed, queue, offer interval, ordinal).
struct Ids {
  std::string conversation, customer, acd, agent, customer_session, acd_session, agent_session;
};
Ids ids_of(std::uint64_t seed, std::string_view queue_id, std::int64_t interval, std::uint32_t ordinal) {
  api::Rng rng(api::derive_seed(api::derive_seed(api::derive_seed(seed, {"conversation", queue_id}), "interval",
                                                 static_cast<std::uint64_t>(interval)),
                                ordinal));
  Ids ids;
  for (std::string* s : {&ids.conversation, &ids.customer, &ids.acd, &ids.agent, &ids.customer_session,
                         &ids.acd_session, &ids.agent_session})
    *s = api::make_uuid(rng);
  return ids;
}

// The conversation of a hit, drawn again.
Conversation conversation_of(const DetailsHit& h, const AgentStates& agents) {
  std::vector<Conversation> batch;
  conversations_offered(agents.workforce().demand(), agents.workforce().seed(), h.queue, h.interval, batch);
  return batch.at(h.ordinal);
}

// The agent's user id for a conversation answered by `now` (empty otherwise, or when nobody took it).
std::string_view agent_of(const Conversation& c, const AgentStates& agents, Instant now) {
  if (!c.answered || c.answered_at() > now) return {};
  const auto a = agents.handler(c.answered_at(), c.queue, c.interval, c.ordinal);
  return a ? std::string_view(agents.workforce().agents()[*a]->id) : std::string_view();
}

// Segments as of `now`: those starting after it are left out, and an unfinished one has no segmentEnd.
void add_segment(json& segments, Instant start, Instant end, std::string_view type, std::string_view queue_id,
                 std::string_view disconnect, Instant now) {
  if (start > now || end < start) return;
  json s = {{"segmentStart", api::format_instant(start)}, {"segmentType", type}};
  if (end <= now) {
    s["segmentEnd"] = api::format_instant(end);
    if (!disconnect.empty()) s["disconnectType"] = disconnect;
  }
  if (!queue_id.empty()) s["queueId"] = queue_id;
  segments.push_back(std::move(s));
}

void add_metric(json& metrics, std::string_view name, std::uint64_t value, Instant at, Instant now) {
  if (at > now) return;
  metrics.push_back({{"name", name}, {"value", value}, {"emitDate", api::format_instant(at)}});
}

json session(const std::string& id, std::string_view media, json segments, json metrics) {
  json s = {{"sessionId", id}, {"mediaType", media}, {"direction", kInbound}, {"segments", std::move(segments)}};
  if (!metrics.empty()) s["metrics"] = std::move(metrics);
  return s;
}

}  // namespace

std::variant<DetailsQuery, ApiError> parse_conversation_details_query(const json& body, bool async,
                                                                       const ApiLimits& limits) {
  if (!body.is_object())
    return bad_request(fmt::format("The request body must be a{} object.", async ? "n AsyncConversationQuery" : " ConversationQuery"));
  DetailsQuery q;
  if (auto err = parse_query_window(body, async, false, q, limits)) return *err;
  if (async && q.end - q.start > Millis(kMaxDetailsJobInterval))
    return at_field(bad_request(fmt::format("The interval is longer than the maximum of {} days for a details job: a "
                                            "mock-gc choice (it bounds the memory of a job); split the interval.",
                                            kMaxDetailsJobInterval.count())),
                    "interval");
  if (auto err = parse_filter_list(body, "segmentFilters", kSegmentDimensions, "SegmentDetailQueryPredicate.dimension",
                                   q.segment_filters))
    return *err;
  if (auto err = parse_filter_list(body, "conversationFilters", kConversationDimensions,
                                   "ConversationDetailQueryPredicate.dimension", q.conversation_filters))
    return *err;
  if (auto err = parse_order(body, "ConversationQuery.order", q.descending)) return *err;
  if (auto o = body.find("orderBy"); o != body.end() && !o->is_null()) {
    const std::string by = o->is_string() ? o->get<std::string>() : o->dump();
    if (std::find(kOrderBy.begin(), kOrderBy.end(), by) == kOrderBy.end())
      return at_field(invalid_value(by, "ConversationQuery.orderBy", kOrderBy), "orderBy");
    q.by_end = by == "conversationEnd";
  }
  if (async) {
    if (auto err = parse_job_limit(body, q.limit)) return *err;
  } else if (auto err = parse_paging(body, kMaxDetailsPageSize, q.page_size, q.page_number)) {
    return *err;
  }
  for (const char* unsupported : {"evaluationFilters", "surveyFilters", "resolutionFilters", "aggregations"})
    if (auto x = body.find(unsupported); x != body.end() && !x->is_null() && !(x->is_array() && x->empty()))
      return at_field(bad_request(fmt::format("{} is not supported by mock-gc (its conversations have no evaluations, "
                                              "surveys or resolutions); aggregate the returned conversations instead.",
                                              unsupported)),
                      unsupported);
  return q;
}

std::vector<DetailsHit> select_conversations(const DetailsQuery& q, const AgentStates& agents,
                                             std::pair<Instant, Instant> window, Instant now) {
  std::vector<DetailsHit> hits;
  const Instant a = std::max(q.start, window.first);
  const Instant b = std::min({q.end, window.second, now});
  if (a >= b) return hits;
  const auto& demand = agents.workforce().demand();
  const std::uint64_t seed = agents.workforce().seed();
  auto needs = [&](Predicate::Dimension d) {
    auto in = [&](const std::vector<Filter>& fs) {
      return std::any_of(fs.begin(), fs.end(), [&](const Filter& f) { return reads(f, d); });
    };
    return in(q.segment_filters) || in(q.conversation_filters);
  };
  const bool need_user = needs(Predicate::Dimension::UserId);
  const bool need_id = needs(Predicate::Dimension::ConversationId);
  const std::int64_t first = interval_index(std::max(utc_midnight(q.start), window.first));
  const std::int64_t last = interval_index(b - Millis(1));
  std::vector<Conversation> batch;
  for (std::size_t qi = 0; qi < demand.queues().size(); ++qi) {
    const QueueDemand& qd = demand.queues()[qi];
    const std::string_view media = to_string(qd.media);
    for (std::int64_t j = first; j <= last; ++j) {
      conversations_offered(demand, seed, qi, j, batch);
      for (const Conversation& c : batch) {
        const Instant start = start_of(c), end = end_of(c);
        if (start >= b || end < a) continue;
        const std::string_view user = need_user ? agent_of(c, agents, now) : std::string_view();
        const std::string conversation_id = need_id ? ids_of(seed, qd.queue_id, j, c.ordinal).conversation : "";
        const DimensionValues conversation{.originating_direction = kInbound, .conversation_id = conversation_id};
        // The participants' segments: customer, acd, agent.
        const DimensionValues segments[] = {
            {.media = media, .direction = kInbound},
            {.queue_id = qd.queue_id, .media = media, .direction = kInbound},
            {.user_id = user, .queue_id = qd.queue_id, .media = media, .direction = kInbound}};
        const bool agent_segment = c.answered && c.answered_at() <= now;
        auto segment_ok = [&](const Filter& f) {
          for (std::size_t s = 0; s < (agent_segment ? 3u : 2u); ++s)
            if (matches(f, segments[s])) return true;
          return false;
        };
        if (!std::all_of(q.segment_filters.begin(), q.segment_filters.end(), segment_ok)) continue;
        if (!std::all_of(q.conversation_filters.begin(), q.conversation_filters.end(),
                         [&](const Filter& f) { return matches(f, conversation); }))
          continue;
        hits.push_back({start, end, j, static_cast<std::uint32_t>(qi), c.ordinal});
      }
    }
  }
  auto key = [&](const DetailsHit& h) {
    return std::tuple(q.by_end ? h.end : h.start, h.start, h.queue, h.interval, h.ordinal);
  };
  std::sort(hits.begin(), hits.end(), [&](const DetailsHit& x, const DetailsHit& y) { return key(x) < key(y); });
  if (q.descending) std::reverse(hits.begin(), hits.end());
  if (q.limit >= 0 && hits.size() > static_cast<std::size_t>(q.limit)) hits.resize(static_cast<std::size_t>(q.limit));
  return hits;
}

json render_conversation(const DetailsHit& h, const AgentStates& agents, Instant now) {
  const Conversation c = conversation_of(h, agents);
  const QueueDemand& qd = agents.workforce().demand().queues()[h.queue];
  const std::string_view media = to_string(qd.media);
  const Ids ids = ids_of(agents.workforce().seed(), qd.queue_id, h.interval, h.ordinal);
  const Instant start = h.start, end = h.end, answered = c.answered_at();

  json conversation = {{"conversationId", ids.conversation},
                       {"conversationStart", api::format_instant(start)},
                       {"originatingDirection", kInbound}};
  if (end <= now) conversation["conversationEnd"] = api::format_instant(end);

  json participants = json::array();
  {
    json segments = json::array();
    add_segment(segments, start, end, "interact", "", c.answered ? "peer" : "endpoint", now);
    participants.push_back({{"participantId", ids.customer},
                            {"purpose", "customer"},
                            {"sessions", json::array({session(ids.customer_session, media, std::move(segments), json::array())})}});
  }
  {
    json segments = json::array(), metrics = json::array();
    add_segment(segments, start, answered, "interact", qd.queue_id, c.answered ? "transfer" : "peer", now);
    add_metric(metrics, "nOffered", 1, start, now);
    add_metric(metrics, c.answered ? "tAnswered" : "tAbandon", static_cast<std::uint32_t>(c.wait_ms), answered, now);
    participants.push_back({{"participantId", ids.acd},
                            {"participantName", qd.queue_name},
                            {"purpose", "acd"},
                            {"sessions", json::array({session(ids.acd_session, media, std::move(segments), std::move(metrics))})}});
  }
  if (c.answered && answered <= now) {
    const auto agent = agents.handler(answered, c.queue, c.interval, c.ordinal);
    // Talk, with the hold (if any) in its middle, then the wrap-up.
    const Instant wrapup = std::max(answered, end - ms(c.acw_ms));
    const Instant hold_start = std::min(wrapup, answered + ms(c.talk_ms / 2));
    const Instant hold_end = std::min(wrapup, hold_start + ms(c.hold_ms));
    json segments = json::array(), metrics = json::array();
    if (hold_end > hold_start) {
      add_segment(segments, answered, hold_start, "interact", qd.queue_id, "", now);
      add_segment(segments, hold_start, hold_end, "hold", qd.queue_id, "", now);
      add_segment(segments, hold_end, wrapup, "interact", qd.queue_id, "client", now);
    } else {
      add_segment(segments, answered, wrapup, "interact", qd.queue_id, "client", now);
    }
    add_segment(segments, wrapup, end, "wrapup", qd.queue_id, "", now);
    add_metric(metrics, "tHandle", static_cast<std::uint32_t>(c.handle_ms), end, now);
    add_metric(metrics, "tTalk", static_cast<std::uint32_t>(c.talk_ms), end, now);
    add_metric(metrics, "tAcw", static_cast<std::uint32_t>(c.acw_ms), end, now);
    if (c.transferred) add_metric(metrics, "nTransferred", 1, end, now);
    json p = {{"participantId", ids.agent}, {"purpose", "agent"}};
    if (agent) {
      const User& u = *agents.workforce().agents()[*agent];
      p["userId"] = u.id;
      p["participantName"] = u.name;
    }
    p["sessions"] = json::array({session(ids.agent_session, media, std::move(segments), std::move(metrics))});
    participants.push_back(std::move(p));
  }
  conversation["participants"] = std::move(participants);
  return conversation;
}

json run_conversation_details_query(const DetailsQuery& q, const AgentStates& agents,
                                    std::pair<Instant, Instant> window, Instant now) {
  const auto hits = select_conversations(q, agents, window, now);
  const std::size_t first =
      std::min(hits.size(), static_cast<std::size_t>(q.page_number - 1) * static_cast<std::size_t>(q.page_size));
  const std::size_t last = std::min(hits.size(), first + static_cast<std::size_t>(q.page_size));
  json out = {{"totalHits", hits.size()}};
  if (first == last) return out;
  json conversations = json::array();
  for (std::size_t i = first; i < last; ++i) conversations.push_back(render_conversation(hits[i], agents, now));
  out["conversations"] = std::move(conversations);
  return out;
}

}  // namespace mockgc::core::wfm
