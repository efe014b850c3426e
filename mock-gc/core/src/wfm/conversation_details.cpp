#include "conversation_details.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <tuple>

#include "json_text.hpp"
#include "mockgc/api/random.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/core/wfm/history.hpp"

namespace mockgc::core::wfm {
namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, 7> kSegmentDimensions = {
    "direction", "mediaType", "queueId", "requestedLanguageId", "requestedRoutingSkillId", "userId", "wrapUpCode"};
// The wrap-up codes agents choose from: mock-gc serves no wrap-up code API, so their ids are a pure function of
// (seed, org, name).
constexpr std::array<std::string_view, 5> kWrapUpCodes = {"Resolved", "Follow-up required", "Information given",
                                                          "Escalated", "No resolution"};
// Shares of conversations that request a routing skill and a language (mock-gc/core/README.md, analytics).
constexpr double kSkillShare = 0.5, kLanguageShare = 0.75;
constexpr std::array<std::string_view, 2> kConversationDimensions = {"conversationId", "originatingDirection"};
constexpr std::array<std::string_view, 2> kOrderBy = {"conversationStart", "conversationEnd"};
constexpr std::string_view kInbound = "inbound";  // the history holds inbound ACD conversations only
// The offer alerts the agent for 2–12 s before the answer, and never as long as the queue's alerting timeout
// (after which Genesys would stop alerting): the last part of the queue wait (tAlert, the agent's "alert" segment).
constexpr Millis kMinAlert{2000}, kMaxAlert{12000};

Millis ms(double v) { return Millis(static_cast<std::int64_t>(v)); }

// The conversation's start: its offer, kept inside its offer interval (where the aggregates count nOffered).
Instant start_of(const Conversation& c) {
  return std::min(c.offered_at(), interval_start(c.interval + 1) - Millis(1));
}
// Its end: the end of the wrap-up, or the abandon.
Instant end_of(const Conversation& c) { return c.answered ? c.ended_at() : c.answered_at(); }

Instant utc_midnight(Instant t) { return std::chrono::floor<date::days>(t); }

// The conversationId: 62 payload bits (offer interval, queue, ordinal) masked under a key of the org, behind a
// 60-bit keyed check, so the id is opaque, decodes without an index, and fails the check under another key.
constexpr int kOrdinalBits = 14, kQueueBits = 12;
constexpr std::uint64_t kPayloadMask = (std::uint64_t{1} << 62) - 1;
struct IdKeys {
  std::uint64_t check, mask;
};
IdKeys id_keys(const AgentStates& agents) {
  const auto& org = agents.workforce().org().org_id;
  return {api::derive_seed(agents.workforce().seed(), {"conversation-id", org}),
          api::derive_seed(agents.workforce().seed(), {"conversation-id-mask", org})};
}
std::uint64_t with_version(std::uint64_t hi) { return (hi & ~0xF000ULL) | 0x4000ULL; }
// The two words of a UUIDv4 as api::uuid_from_words wrote them, or nullopt.
std::optional<std::pair<std::uint64_t, std::uint64_t>> uuid_words(std::string_view s) {
  if (!api::is_uuid_v4(s)) return std::nullopt;
  std::uint64_t words[2] = {0, 0};
  std::size_t nibble = 0;
  for (const char c : s) {
    if (c == '-') continue;
    const auto v = static_cast<std::uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
    words[nibble / 16] = (words[nibble / 16] << 4) | v;
    ++nibble;
  }
  return std::pair{words[0], words[1]};
}
std::string conversation_id(const IdKeys& k, std::size_t queue, std::int64_t interval, std::uint32_t ordinal) {
  const std::uint64_t payload = (static_cast<std::uint64_t>(interval) << (kQueueBits + kOrdinalBits)) |
                                (static_cast<std::uint64_t>(queue) << kOrdinalBits) | ordinal;
  const std::uint64_t hi = with_version(api::derive_seed(k.check, payload & kPayloadMask));
  return api::uuid_from_words(hi, (payload ^ api::derive_seed(k.mask, hi)) & kPayloadMask);
}

// The other ids and the routing request of one conversation: a pure function of (seed, queue, offer interval,
// ordinal).
struct Ids {
  std::string conversation, customer, acd, agent, customer_session, acd_session, agent_session;
  std::string_view skill, language;  // empty: none requested
  std::size_t wrap_up = 0;           // index into kWrapUpCodes
  double alert_share = 0;            // where the alert lies between kMinAlert and the queue's longest (0..1)
};
Ids ids_of(const AgentStates& agents, std::size_t queue, std::int64_t interval, std::uint32_t ordinal) {
  const auto& wf = agents.workforce();
  const std::string_view queue_id = wf.demand().queues()[queue].queue_id;
  api::Rng rng(api::derive_seed(api::derive_seed(api::derive_seed(wf.seed(), {"conversation", queue_id}), "interval",
                                                 static_cast<std::uint64_t>(interval)),
                                ordinal));
  Ids ids;
  ids.conversation = conversation_id(id_keys(agents), queue, interval, ordinal);
  for (std::string* s :
       {&ids.customer, &ids.acd, &ids.agent, &ids.customer_session, &ids.acd_session, &ids.agent_session})
    *s = api::make_uuid(rng);
  const auto& org = wf.org();
  if (rng.chance(kSkillShare) && !org.skills.empty()) ids.skill = org.skills[rng.below(org.skills.size())].id;
  if (rng.chance(kLanguageShare) && !org.languages.empty())
    ids.language = org.languages[rng.below(org.languages.size())].id;
  ids.wrap_up = rng.below(kWrapUpCodes.size());
  ids.alert_share = static_cast<double>(rng.below(10'001)) / 10'000.0;
  return ids;
}

std::string wrap_up_code_id(const AgentStates& agents, std::size_t index) {
  api::Rng rng =
      api::Rng::derive(agents.workforce().seed(), {"wrapupcode", agents.workforce().org().org_id, kWrapUpCodes[index]});
  return api::make_uuid(rng);
}

// The conversation of a hit, drawn again.
Conversation conversation_of(const DetailsHit& h, const AgentStates& agents) {
  std::vector<Conversation> batch;
  conversations_offered(agents.workforce().demand(), agents.workforce().seed(), h.queue, h.interval, batch);
  return batch.at(h.ordinal);
}

DetailsHit hit_of(const Conversation& c) {
  return {start_of(c), end_of(c), c.interval, static_cast<std::uint32_t>(c.queue), c.ordinal};
}

// Segments as of `now`: those starting after it are left out, and an unfinished one has no segmentEnd.
json* add_segment(json& segments, Instant start, Instant end, std::string_view type, std::string_view queue_id,
                  std::string_view disconnect, Instant now) {
  if (start > now || end < start) return nullptr;
  json s = {{"segmentStart", api::format_instant(start)}, {"segmentType", type}};
  if (end <= now) {
    s["segmentEnd"] = api::format_instant(end);
    if (!disconnect.empty()) s["disconnectType"] = disconnect;
  }
  if (!queue_id.empty()) s["queueId"] = queue_id;
  segments.push_back(std::move(s));
  return &segments.back();
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
                                   q.segment_filters, true))
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
  // Only the facts a filter reads are worked out (the agent and the ids cost a lookup and a few draws).
  const bool need_facts = needs(Predicate::Dimension::UserId) || needs(Predicate::Dimension::ConversationId) ||
                          needs(Predicate::Dimension::Metric) ||
                          needs(Predicate::Dimension::RequestedRoutingSkillId) ||
                          needs(Predicate::Dimension::RequestedLanguageId) || needs(Predicate::Dimension::WrapUpCode);
  const std::int64_t first = interval_index(std::max(utc_midnight(q.start), window.first));
  const std::int64_t last = interval_index(b - Millis(1));
  std::vector<Conversation> batch;
  for (std::size_t qi = 0; qi < demand.queues().size(); ++qi) {
    const QueueDemand& qd = demand.queues()[qi];
    const std::string_view media = to_string(qd.media);
    for (std::int64_t j = first; j <= last; ++j) {
      conversations_offered(demand, seed, qi, j, batch);
      for (const Conversation& c : batch) {
        const DetailsHit hit = hit_of(c);
        if (hit.start >= b || hit.end < a) continue;
        const ConversationFacts facts = need_facts ? facts_of(c, agents, now) : ConversationFacts{};
        const DimensionValues conversation{.originating_direction = kInbound, .conversation_id = facts.conversation_id};
        // The participants' segments: customer, acd, agent.
        const DimensionValues segments[] = {{.media = media, .direction = kInbound, .metrics = facts.metrics},
                                            {.queue_id = qd.queue_id,
                                             .media = media,
                                             .direction = kInbound,
                                             .skill_id = facts.skill_id,
                                             .language_id = facts.language_id,
                                             .metrics = facts.metrics},
                                            {.user_id = facts.user_id,
                                             .queue_id = qd.queue_id,
                                             .media = media,
                                             .direction = kInbound,
                                             .wrap_up_code = facts.wrap_up_code,
                                             .metrics = facts.metrics}};
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
        hits.push_back(hit);
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

ConversationFacts facts_of(const DetailsHit& h, const AgentStates& agents, Instant now) {
  return facts_of(conversation_of(h, agents), agents, now);
}

ConversationFacts facts_of(const Conversation& conversation, const AgentStates& agents, Instant now) {
  const DetailsHit h = hit_of(conversation);
  ConversationFacts f;
  f.conversation = conversation;
  const Conversation& c = f.conversation;
  const auto& wf = agents.workforce();
  const QueueDemand& qd = wf.demand().queues()[h.queue];
  const Ids ids = ids_of(agents, h.queue, h.interval, h.ordinal);
  f.conversation_id = ids.conversation;
  f.queue_id = qd.queue_id;
  f.media = to_string(qd.media);
  f.skill_id = ids.skill;
  f.language_id = ids.language;
  f.start = h.start;
  f.end = h.end;
  f.answered = c.answered_at();
  const Queue* queue = wf.org().find_queue(qd.queue_id);
  const Millis longest_alert =
      std::max(kMinAlert, std::min(kMaxAlert, queue ? Millis(std::chrono::seconds(queue->alerting_timeout_seconds)) -
                                                          Millis(1000)
                                                    : kMaxAlert));
  const Millis alert =
      kMinAlert + Millis(static_cast<std::int64_t>(ids.alert_share * static_cast<double>((longest_alert - kMinAlert).count())));
  f.alert_start = f.answered - std::min(alert, f.answered - f.start);
  // Talk, with the hold (if any) in its middle, then the wrap-up.
  f.wrapup = std::max(f.answered, f.end - ms(c.acw_ms));
  f.hold_start = std::min(f.wrapup, f.answered + ms(c.talk_ms / 2));
  f.hold_end = std::min(f.wrapup, f.hold_start + ms(c.hold_ms));
  const bool answered = c.answered && f.answered <= now;
  if (answered) {
    f.agent = agents.handler(f.answered, c.queue, c.interval, c.ordinal);
    if (f.agent) f.user_id = wf.agents()[*f.agent]->id;
    if (f.end <= now) f.wrap_up_code = wrap_up_code_id(agents, ids.wrap_up);
  }
  const Millis sl = Millis(queue ? queue->service_level_duration_ms : 20000);
  auto emit = [&](bool agent, Metric m, double value, Instant at) {
    if (at <= now) f.metrics.push_back({agent, m, static_cast<std::uint32_t>(value), at});
  };
  const Millis wait = f.answered - f.start;
  emit(false, Metric::nOffered, 1, f.start);
  emit(false, c.answered ? Metric::tAnswered : Metric::tAbandon, c.wait_ms, f.answered);
  emit(false, Metric::tWait, c.wait_ms, f.answered);
  emit(false, Metric::tAcd, c.wait_ms, f.answered);
  if (wait > sl) emit(false, Metric::nOverSla, 1, f.answered);
  if (!c.answered && wait < kShortAbandon) emit(false, Metric::tShortAbandon, c.wait_ms, f.answered);
  if (answered) {
    if (f.answered > f.alert_start)
      emit(true, Metric::tAlert, static_cast<double>((f.answered - f.alert_start).count()), f.answered);
    emit(true, Metric::nConnected, 1, f.answered);
    if (f.hold_end > f.hold_start) {
      const auto held = static_cast<double>((f.hold_end - f.hold_start).count());
      emit(true, Metric::tHeld, held, f.hold_end);
      emit(true, Metric::tHeldComplete, held, f.hold_end);  // the one hold always ends before the wrap-up
    }
    // Connected from the answer until the wrap-up: the talk with its hold; the talk completes there too.
    emit(true, Metric::tConnected, static_cast<double>((f.wrapup - f.answered).count()), f.wrapup);
    emit(true, Metric::tTalkComplete, c.talk_ms, f.wrapup);
    emit(true, Metric::tHandle, c.handle_ms, f.end);
    emit(true, Metric::tTalk, c.talk_ms, f.end);
    emit(true, Metric::tAcw, c.acw_ms, f.end);
    if (c.transferred) emit(true, Metric::nTransferred, 1, f.end);
  }
  return f;
}

DimensionValues ConversationFacts::values(const Emission& e) const {
  DimensionValues v{.queue_id = queue_id,
                    .media = media,
                    .direction = kInbound,
                    .originating_direction = kInbound,
                    .conversation_id = conversation_id,
                    .skill_id = skill_id,
                    .language_id = language_id,
                    .metrics = metrics};
  if (e.agent) {
    v.user_id = user_id;
    v.wrap_up_code = wrap_up_code;
  }
  return v;
}

json render_conversation(const DetailsHit& h, const AgentStates& agents, Instant now) {
  const ConversationFacts f = facts_of(h, agents, now);
  const Conversation& c = f.conversation;
  const QueueDemand& qd = agents.workforce().demand().queues()[h.queue];
  const Ids ids = ids_of(agents, h.queue, h.interval, h.ordinal);
  auto metrics_of = [&](bool agent) {
    json metrics = json::array();
    for (const auto& e : f.metrics)
      if (e.agent == agent)
        metrics.push_back(
            {{"name", metric_name(e.metric)}, {"value", e.value}, {"emitDate", api::format_instant(e.at)}});
    return metrics;
  };

  json conversation = {{"conversationId", f.conversation_id},
                       {"conversationStart", api::format_instant(f.start)},
                       {"originatingDirection", kInbound}};
  if (f.end <= now) conversation["conversationEnd"] = api::format_instant(f.end);

  json participants = json::array();
  {
    json segments = json::array();
    add_segment(segments, f.start, f.end, "interact", "", c.answered ? "peer" : "endpoint", now);
    participants.push_back(
        {{"participantId", ids.customer},
         {"purpose", "customer"},
         {"sessions", json::array({session(ids.customer_session, f.media, std::move(segments), json::array())})}});
  }
  {
    json segments = json::array();
    if (json* s = add_segment(segments, f.start, f.answered, "interact", qd.queue_id, c.answered ? "transfer" : "peer",
                              now)) {
      if (!f.skill_id.empty()) (*s)["requestedRoutingSkillIds"] = json::array({f.skill_id});
      if (!f.language_id.empty()) (*s)["requestedLanguageId"] = f.language_id;
    }
    participants.push_back(
        {{"participantId", ids.acd},
         {"participantName", qd.queue_name},
         {"purpose", "acd"},
         {"sessions", json::array({session(ids.acd_session, f.media, std::move(segments), metrics_of(false))})}});
  }
  if (c.answered && f.answered <= now) {
    json segments = json::array();
    add_segment(segments, f.alert_start, f.answered, "alert", qd.queue_id, "", now);
    if (f.hold_end > f.hold_start) {
      add_segment(segments, f.answered, f.hold_start, "interact", qd.queue_id, "", now);
      add_segment(segments, f.hold_start, f.hold_end, "hold", qd.queue_id, "", now);
      add_segment(segments, f.hold_end, f.wrapup, "interact", qd.queue_id, "client", now);
    } else {
      add_segment(segments, f.answered, f.wrapup, "interact", qd.queue_id, "client", now);
    }
    if (json* s = add_segment(segments, f.wrapup, f.end, "wrapup", qd.queue_id, "", now); s && !f.wrap_up_code.empty())
      (*s)["wrapUpCode"] = f.wrap_up_code;
    json p = {{"participantId", ids.agent}, {"purpose", "agent"}};
    if (f.agent) {
      const User& u = *agents.workforce().agents()[*f.agent];
      p["userId"] = u.id;
      p["participantName"] = u.name;
    }
    p["sessions"] = json::array({session(ids.agent_session, f.media, std::move(segments), metrics_of(true))});
    participants.push_back(std::move(p));
  }
  conversation["participants"] = std::move(participants);
  return conversation;
}

void append_conversation(std::string& out, const DetailsHit& h, const AgentStates& agents, Instant now) {
  const ConversationFacts f = facts_of(h, agents, now);
  const Conversation& c = f.conversation;
  const QueueDemand& qd = agents.workforce().demand().queues()[h.queue];
  const Ids ids = ids_of(agents, h.queue, h.interval, h.ordinal);
  auto str = [&](std::string_view v) { text::append_string(out, v); };
  auto instant = [&](Instant t) { str(api::format_instant(t)); };
  // Keys in nlohmann's sorted order, as render_conversation's objects dump.
  bool first_key = true;
  auto field = [&](std::string_view k) {
    out += first_key ? "\"" : ",\"";
    first_key = false;
    out += k;
    out += "\":";
  };
  auto open = [&] {
    out += '{';
    first_key = true;
  };
  // One participant's only session, up to its segments (which follow).
  auto open_session = [&](std::optional<bool> agent) {
    out += "\"sessions\":[{\"direction\":";
    str(kInbound);
    out += ",\"mediaType\":";
    str(f.media);
    if (agent && std::any_of(f.metrics.begin(), f.metrics.end(), [&](const auto& e) { return e.agent == *agent; })) {
      out += ",\"metrics\":[";
      bool first = true;
      for (const auto& e : f.metrics) {
        if (e.agent != *agent) continue;
        out += first ? "{\"emitDate\":" : ",{\"emitDate\":";
        first = false;
        instant(e.at);
        out += ",\"name\":";
        str(metric_name(e.metric));
        out += ",\"value\":";
        text::append_uint(out, e.value);
        out += '}';
      }
      out += ']';
    }
    out += ",\"segments\":[";
  };
  auto close_session = [&](const std::string& id) {
    out += "],\"sessionId\":";
    str(id);
    out += "}]";
  };
  // add_segment's segment (and the extras render_conversation sets on it), as of `now`.
  bool first_segment = true;
  auto segment = [&](Instant start, Instant end, std::string_view type, std::string_view queue_id,
                     std::string_view disconnect, std::string_view skill = {}, std::string_view language = {},
                     std::string_view wrap_up = {}) {
    if (start > now || end < start) return;
    if (!first_segment) out += ',';
    first_segment = false;
    open();
    const bool ended = end <= now;
    if (ended && !disconnect.empty()) field("disconnectType"), str(disconnect);
    if (!queue_id.empty()) field("queueId"), str(queue_id);
    if (!language.empty()) field("requestedLanguageId"), str(language);
    if (!skill.empty()) {
      field("requestedRoutingSkillIds");
      out += '[';
      str(skill);
      out += ']';
    }
    if (ended) field("segmentEnd"), instant(end);
    field("segmentStart"), instant(start);
    field("segmentType"), str(type);
    if (!wrap_up.empty()) field("wrapUpCode"), str(wrap_up);
    out += '}';
  };

  open();
  if (f.end <= now) field("conversationEnd"), instant(f.end);
  field("conversationId"), str(f.conversation_id);
  field("conversationStart"), instant(f.start);
  field("originatingDirection"), str(kInbound);
  field("participants");
  out += "[{\"participantId\":";
  str(ids.customer);
  out += ",\"purpose\":\"customer\",";
  open_session(std::nullopt);
  first_segment = true;
  segment(f.start, f.end, "interact", "", c.answered ? "peer" : "endpoint");
  close_session(ids.customer_session);
  out += "},{\"participantId\":";
  str(ids.acd);
  out += ",\"participantName\":";
  str(qd.queue_name);
  out += ",\"purpose\":\"acd\",";
  open_session(false);
  first_segment = true;
  segment(f.start, f.answered, "interact", qd.queue_id, c.answered ? "transfer" : "peer", f.skill_id, f.language_id);
  close_session(ids.acd_session);
  out += '}';
  if (c.answered && f.answered <= now) {
    const User* u = f.agent ? agents.workforce().agents()[*f.agent] : nullptr;
    out += ",{\"participantId\":";
    str(ids.agent);
    if (u) out += ",\"participantName\":", str(u->name);
    out += ",\"purpose\":\"agent\",";
    open_session(true);
    first_segment = true;
    segment(f.alert_start, f.answered, "alert", qd.queue_id, "");
    if (f.hold_end > f.hold_start) {
      segment(f.answered, f.hold_start, "interact", qd.queue_id, "");
      segment(f.hold_start, f.hold_end, "hold", qd.queue_id, "");
      segment(f.hold_end, f.wrapup, "interact", qd.queue_id, "client");
    } else {
      segment(f.answered, f.wrapup, "interact", qd.queue_id, "client");
    }
    segment(f.wrapup, f.end, "wrapup", qd.queue_id, "", {}, {}, f.wrap_up_code);
    close_session(ids.agent_session);
    if (u) out += ",\"userId\":", str(u->id);
    out += '}';
  }
  out += "]}";
}

std::string render_conversation_text(const DetailsHit& hit, const AgentStates& agents, Instant now) {
  std::string out;
  append_conversation(out, hit, agents, now);
  return out;
}

std::string conversation_details_page(std::span<const DetailsHit> hits, const AgentStates& agents, Instant now,
                                      std::string_view cursor, std::string_view availability) {
  std::string out = "{\"conversations\":[";
  for (std::size_t i = 0; i < hits.size(); ++i) {
    if (i) out += ',';
    append_conversation(out, hits[i], agents, now);
  }
  out += ']';
  if (!cursor.empty()) {
    out += ",\"cursor\":";
    text::append_string(out, cursor);
  }
  out += ",\"dataAvailabilityDate\":";
  text::append_string(out, availability);
  out += '}';
  return out;
}

std::optional<DetailsHit> find_conversation(std::string_view id, const AgentStates& agents,
                                            std::pair<Instant, Instant> window, Instant now) {
  const auto words = uuid_words(id);
  if (!words) return std::nullopt;
  const IdKeys k = id_keys(agents);
  const auto [hi, lo] = *words;
  const std::uint64_t payload = (lo ^ api::derive_seed(k.mask, hi)) & kPayloadMask;
  if (with_version(api::derive_seed(k.check, payload)) != hi) return std::nullopt;
  const auto ordinal = static_cast<std::uint32_t>(payload & ((1u << kOrdinalBits) - 1));
  const auto queue = static_cast<std::size_t>((payload >> kOrdinalBits) & ((1u << kQueueBits) - 1));
  const auto interval = static_cast<std::int64_t>(payload >> (kQueueBits + kOrdinalBits));
  const auto& demand = agents.workforce().demand();
  if (queue >= demand.queues().size()) return std::nullopt;
  std::vector<Conversation> batch;
  conversations_offered(demand, agents.workforce().seed(), queue, interval, batch);
  if (ordinal >= batch.size()) return std::nullopt;
  const DetailsHit hit = hit_of(batch[ordinal]);
  if (hit.start < window.first || hit.start >= window.second || hit.start >= now) return std::nullopt;
  return hit;
}

void run_conversation_aggregate_query(const AggregateQuery& q, const AgentStates& agents,
                                      std::pair<Instant, Instant> window, Instant now, AggregateSink& out) {
  const Instant from = std::max(q.start, window.first);
  const Instant to = std::min({q.end, window.second, floor_interval(now)});
  if (from >= to) return;
  Bucketer bucketer(q);
  const auto& wf = agents.workforce();
  const auto& demand = wf.demand();
  const auto& dims = q.group_by.dimensions;
  // Group key: mediaType, then each groupBy dimension's value ("" when the participant has none).
  std::map<std::vector<std::string>, std::map<std::int64_t, std::vector<MetricCell>>> groups;
  std::vector<Conversation> batch;
  std::vector<std::string> key;
  for (std::size_t qi = 0; qi < demand.queues().size(); ++qi) {
    const QueueDemand& qd = demand.queues()[qi];
    const Queue* queue = wf.org().find_queue(qd.queue_id);
    const double target = queue ? queue->service_level_percentage : 0.8;
    const Millis sl = Millis(queue ? queue->service_level_duration_ms : 20000);
    // Conversations end within HistoryStore::kMargin of their offer.
    for (std::int64_t j = interval_index(from - HistoryStore::kMargin); j < interval_index(to - Millis(1)) + 1; ++j) {
      conversations_offered(demand, wf.seed(), qi, j, batch);
      for (const Conversation& c : batch) {
        const ConversationFacts f = facts_of(c, agents, now);
        for (const auto& e : f.metrics) {
          if (e.at < from || e.at >= to) continue;
          const DimensionValues v = f.values(e);
          if (q.filter && !matches(*q.filter, v)) continue;
          key.assign(1, std::string(v.media));
          for (auto d : dims) key.emplace_back(v.of(dimension_of(d)));
          auto& cells = groups[key][bucketer.key(e.at)];
          cells.resize(q.metrics.size());
          for (std::size_t m = 0; m < q.metrics.size(); ++m) {
            const Metric metric = q.metrics[m].second;
            if (metric == e.metric) cells[m].add(e.value);
            if ((metric == Metric::oServiceLevel || metric == Metric::oServiceTarget) &&
                (e.metric == Metric::tAnswered || e.metric == Metric::tAbandon))
              cells[m].add_service_level(e.metric == Metric::tAnswered && Millis(e.value) <= sl, target);
          }
        }
      }
    }
  }
  AggregateGroup g;
  for (const auto& [k, buckets] : groups) {
    g.fields.assign(1, {"mediaType", k[0]});
    for (std::size_t d = 0; d < dims.size(); ++d)
      if (!k[d + 1].empty() && dims[d] != "mediaType") g.fields.emplace_back(std::string(dims[d]), k[d + 1]);
    g.keys.clear();
    g.cells.clear();
    for (const auto& [bk, cells] : buckets) {
      g.keys.push_back(bk);
      g.cells.insert(g.cells.end(), cells.begin(), cells.end());
    }
    out.group(g);
  }
}

json run_conversation_aggregate_query(const AggregateQuery& q, const AgentStates& agents,
                                      std::pair<Instant, Instant> window, Instant now) {
  AggregateJson out(q);
  run_conversation_aggregate_query(q, agents, window, now, out);
  return out.finish();
}

void answer_aggregate_query(const AggregateQuery& q, const HistorySource& history, const AgentStates& agents,
                            Instant now, AggregateSink& out) {
  if (answered_by_store(q)) return run_aggregate_query(q, history, agents.workforce().demand(), now, out);
  run_conversation_aggregate_query(q, agents, {history.first(), history.end()}, now, out);
}

json answer_aggregate_query(const AggregateQuery& q, const HistorySource& history, const AgentStates& agents,
                            Instant now) {
  AggregateJson out(q);
  answer_aggregate_query(q, history, agents, now, out);
  return out.finish();
}

std::string answer_aggregate_query_text(const AggregateQuery& q, const HistorySource& history,
                                        const AgentStates& agents, Instant now) {
  std::string body;
  AggregateText out(q, body);
  answer_aggregate_query(q, history, agents, now, out);
  out.finish();
  return body;
}

namespace {
// The synchronous page's [first, last) of the selection.
std::pair<std::size_t, std::size_t> page_of(const DetailsQuery& q, std::size_t total) {
  const std::size_t first =
      std::min(total, static_cast<std::size_t>(q.page_number - 1) * static_cast<std::size_t>(q.page_size));
  return {first, std::min(total, first + static_cast<std::size_t>(q.page_size))};
}
}  // namespace

std::string run_conversation_details_query_text(const DetailsQuery& q, const AgentStates& agents,
                                                std::pair<Instant, Instant> window, Instant now) {
  const auto hits = select_conversations(q, agents, window, now);
  const auto [first, last] = page_of(q, hits.size());
  std::string out = "{";
  if (first < last) {
    out += "\"conversations\":[";
    for (std::size_t i = first; i < last; ++i) {
      if (i > first) out += ',';
      append_conversation(out, hits[i], agents, now);
    }
    out += "],";
  }
  out += "\"totalHits\":";
  text::append_uint(out, hits.size());
  out += '}';
  return out;
}

json run_conversation_details_query(const DetailsQuery& q, const AgentStates& agents,
                                    std::pair<Instant, Instant> window, Instant now) {
  const auto hits = select_conversations(q, agents, window, now);
  const auto [first, last] = page_of(q, hits.size());
  json out = {{"totalHits", hits.size()}};
  if (first == last) return out;
  json conversations = json::array();
  for (std::size_t i = first; i < last; ++i) conversations.push_back(render_conversation(hits[i], agents, now));
  out["conversations"] = std::move(conversations);
  return out;
}

}  // namespace mockgc::core::wfm
