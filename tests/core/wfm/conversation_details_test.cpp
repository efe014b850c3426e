// POST /api/v2/analytics/conversations/details/query over every harness kind: summing the session metrics of
// the details by emitDate gives the conversation aggregates (and, for one agent, the user aggregates); paging,
// order and segment/conversation filters; malformed queries get 400s naming the field. The aggregates over
// every modelled dimension and the conversation-level metrics count the details; GET …/{conversationId}/details
// is the details query's conversation.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "history_fixture.hpp"
#include "support/analytics_emissions.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
constexpr const char* kDetails = "/api/v2/analytics/conversations/details/query";
constexpr const char* kUserAggregates = "/api/v2/analytics/users/aggregates/query";

// Per metric name: number of values, their sum.
struct Sums {
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> by_metric;
  bool operator==(const Sums&) const = default;
};

class ConversationDetails : public HistoryEndpointTest {
 protected:
  void SetUp() override {
    HistoryEndpointTest::SetUp();
    start_at("2026-03-02T11:07:00Z");  // Monday morning in London: conversations still going on at "now"
  }
  json details(const json& body) {
    auto res = send_json(kEmea, "POST", kDetails, body);
    EXPECT_EQ(res.status, 200) << res.body;
    return body_json(res);
  }
  // Every conversation of a details query, page by page.
  json all_conversations(json body) {
    json all = json::array();
    for (int page = 1; page < 200; ++page) {
      body["paging"] = {{"pageSize", 100}, {"pageNumber", page}};
      auto j = details(body);
      if (!j.contains("conversations")) break;
      for (auto& c : j["conversations"]) all.push_back(std::move(c));
      if (all.size() >= j["totalHits"].get<std::size_t>()) break;
    }
    return all;
  }
  // Session metrics of `conversations` emitted in [from, to), by name; `user` keeps only that agent's
  // conversations (empty: all).
  static Sums aggregate(const json& conversations, Instant from, Instant to) {
    Sums s;
    for (const auto& c : conversations)
      for (const auto& p : c["participants"])
        for (const auto& session : p["sessions"])
          for (const auto& m : session.value("metrics", json::array())) {
            const Instant at = *api::parse_instant(m["emitDate"].get<std::string>());
            if (at < from || at >= to) continue;
            auto& [n, sum] = s.by_metric[m["name"]];
            ++n;
            sum += m["value"].get<std::uint64_t>();
          }
    return s;
  }
  static Sums from_aggregates(const json& response) {
    Sums s;
    if (!response.contains("results")) return s;
    for (const auto& g : response["results"])
      for (const auto& d : g["data"])
        for (const auto& m : d["metrics"]) {
          auto& [n, sum] = s.by_metric[m["metric"]];
          n += m["stats"]["count"].get<std::uint64_t>();
          sum += m["stats"].contains("sum") ? m["stats"]["sum"].get<std::uint64_t>() : m["stats"]["count"].get<std::uint64_t>();
        }
    return s;
  }
  // Each session metric of `conversations` emitted in [from, to), with its participant's dimension values.
  static std::vector<EmittedMetric> emissions(const json& conversations, Instant from, Instant to) {
    std::vector<EmittedMetric> out;
    for (const auto& c : conversations)
      for (auto& e : emitted_metrics(c))
        if (e.at >= from && e.at < to) out.push_back(std::move(e));
    return out;
  }
  std::string first_queue() {
    auto q = get_json(kEmea, "/api/v2/routing/queues?pageSize=1");
    return q["entities"][0]["id"];
  }
};

TEST_P(ConversationDetails, AggregatedDetailsEqualTheConversationAggregates) {
  const std::string queue = first_queue();
  const json queue_filter = {{"type", "and"}, {"predicates", {{{"dimension", "queueId"}, {"value", queue}}}}};
  // Conversations end well within a day, so a day of lead collects every metric emitted in [a, b).
  const auto conversations = all_conversations(
      {{"interval", "2026-03-01T08:00:00.000Z/2026-03-02T11:00:00.000Z"}, {"segmentFilters", {queue_filter}}});
  ASSERT_GT(conversations.size(), 20u);
  // Every session metric the details emit, so the conversation-level metrics are compared too.
  const Sums from_details = aggregate(conversations, at("2026-03-02T08:00:00Z"), at("2026-03-02T11:00:00Z"));
  json metrics = json::array();
  for (const auto& [name, _] : from_details.by_metric) metrics.push_back(name);
  const json aggregates = query(kEmea, {{"interval", "2026-03-02T08:00:00.000Z/2026-03-02T11:00:00.000Z"},
                                        {"filter", queue_filter},
                                        {"metrics", metrics}});
  EXPECT_EQ(from_details.by_metric, from_aggregates(aggregates).by_metric);
  EXPECT_GT(from_details.by_metric.at("tHandle").first, 0u);
  EXPECT_GT(from_details.by_metric.at("tHeld").first, 0u);
  EXPECT_GT(from_details.by_metric.at("nConnected").first, 0u);
  for (const auto& c : conversations) {
    EXPECT_EQ(c["participants"][1]["purpose"], "acd");
    EXPECT_EQ(c["participants"][1]["sessions"][0]["segments"][0]["queueId"], queue);
  }
}

TEST_P(ConversationDetails, AggregatesOverEveryDimensionCountTheDetails) {
  const std::string queue = first_queue();
  const json queue_filter = {{"type", "and"}, {"predicates", {{{"dimension", "queueId"}, {"value", queue}}}}};
  const auto conversations = all_conversations(
      {{"interval", "2026-03-01T08:00:00.000Z/2026-03-02T11:00:00.000Z"}, {"segmentFilters", {queue_filter}}});
  const auto emitted = emissions(conversations, at("2026-03-02T08:00:00Z"), at("2026-03-02T11:00:00Z"));
  const json metrics = {"nOffered",      "tAnswered",  "tAbandon", "tWait",   "tAcd",        "nOverSla",
                        "tShortAbandon", "nConnected", "tHeld",    "tHandle", "nTransferred"};
  for (const std::string dim : {"direction", "originatingDirection", "userId", "requestedRoutingSkillId",
                                "requestedLanguageId", "wrapUpCode"}) {
    // Per group value ("" = the participant has none): metric -> (count, sum).
    std::map<std::string, std::map<std::string, std::pair<std::uint64_t, std::uint64_t>>> expected, got;
    for (const auto& e : emitted) {
      if (std::find(metrics.begin(), metrics.end(), e.metric) == metrics.end()) continue;
      auto it = e.dims.find(dim);
      auto& [n, sum] = expected[it == e.dims.end() ? "" : it->second][e.metric];
      ++n;
      sum += e.value;
    }
    const json response = query(kEmea, {{"interval", "2026-03-02T08:00:00.000Z/2026-03-02T11:00:00.000Z"},
                                        {"groupBy", {dim}},
                                        {"filter", queue_filter},
                                        {"metrics", metrics}});
    for (const auto& g : response["results"]) {
      EXPECT_TRUE(g["group"].contains("mediaType")) << g["group"];
      const std::string value = g["group"].value(dim, "");
      for (const auto& d : g["data"])
        for (const auto& m : d["metrics"]) {
          auto& [n, sum] = got[value][m["metric"]];
          n += m["stats"]["count"].get<std::uint64_t>();
          sum += m["stats"].contains("sum") ? m["stats"]["sum"].get<std::uint64_t>()
                                            : m["stats"]["count"].get<std::uint64_t>();
        }
    }
    EXPECT_EQ(got, expected) << dim;
    EXPECT_GT(expected.size(), dim == "direction" || dim == "originatingDirection" ? 0u : 1u) << dim;
  }
  // A filter on a value keeps exactly that value's emissions (a user with a handle in the window).
  std::string user;
  for (const auto& e : emitted)
    if (e.metric == "tHandle" && e.dims.count("userId")) user = e.dims.at("userId");
  ASSERT_FALSE(user.empty());
  std::uint64_t handled = 0;
  for (const auto& e : emitted)
    handled += e.metric == "tHandle" && e.dims.count("userId") && e.dims.at("userId") == user;
  const json by_user = query(
      kEmea,
      {{"interval", "2026-03-02T08:00:00.000Z/2026-03-02T11:00:00.000Z"},
       {"filter",
        {{"type", "and"}, {"predicates", {{{"dimension", "userId"}, {"value", user}}}}, {"clauses", {queue_filter}}}},
       {"metrics", {"tHandle"}}});
  EXPECT_EQ(total_count(by_user, "tHandle"), handled);
  EXPECT_GT(handled, 0u);
}

TEST_P(ConversationDetails, ServiceLevelIsTheQueuesTarget) {
  const std::string queue = first_queue();
  const json q = get_json(kEmea, "/api/v2/routing/queues/" + queue);
  const json queue_filter = {{"type", "and"}, {"predicates", {{{"dimension", "queueId"}, {"value", queue}}}}};
  const auto conversations = all_conversations(
      {{"interval", "2026-03-01T08:00:00.000Z/2026-03-02T11:00:00.000Z"}, {"segmentFilters", {queue_filter}}});
  const json media =
      q["mediaSettings"][conversations.at(0)["participants"][0]["sessions"][0]["mediaType"] == "voice"
                             ? "call"
                             : conversations.at(0)["participants"][0]["sessions"][0]["mediaType"].get<std::string>()];
  const auto duration = media["serviceLevel"]["durationMs"].get<std::uint64_t>();
  std::uint64_t within = 0, offered = 0, over = 0;
  for (const auto& e : emissions(conversations, at("2026-03-02T08:00:00Z"), at("2026-03-02T11:00:00Z"))) {
    if (e.metric != "tAnswered" && e.metric != "tAbandon") continue;
    ++offered;
    within += e.metric == "tAnswered" && e.value <= duration;
    over += e.value > duration;
  }
  const json response = query(kEmea, {{"interval", "2026-03-02T08:00:00.000Z/2026-03-02T11:00:00.000Z"},
                                      {"filter", queue_filter},
                                      {"metrics", {"oServiceLevel", "nOverSla"}}});
  ASSERT_EQ(response["results"].size(), 1u) << response;
  const auto& data = response["results"][0]["data"];
  ASSERT_EQ(data.size(), 1u);
  const json& sl = data[0]["metrics"][0];
  ASSERT_EQ(sl["metric"], "oServiceLevel");
  EXPECT_EQ(sl["stats"]["numerator"], within);
  EXPECT_EQ(sl["stats"]["denominator"], offered);
  EXPECT_DOUBLE_EQ(sl["stats"]["ratio"].get<double>(), static_cast<double>(within) / static_cast<double>(offered));
  EXPECT_DOUBLE_EQ(sl["stats"]["target"].get<double>(), media["serviceLevel"]["percentage"].get<double>());
  EXPECT_EQ(total_count(response, "nOverSla"), over);
  EXPECT_GT(within, 0u);
}

TEST_P(ConversationDetails, AnAgentIsConnectedFromTheAnswerUntilTheWrapUpBegins) {
  const auto conversations = all_conversations({{"interval", "2026-03-02T09:00:00.000Z/2026-03-02T10:00:00.000Z"}});
  int checked = 0, held = 0;
  for (const auto& c : conversations)
    for (const auto& p : c["participants"]) {
      if (p["purpose"] != "agent" || !c.contains("conversationEnd")) continue;
      const auto& session = p["sessions"][0];
      std::map<std::string, std::uint64_t> metric;
      for (const auto& m : session["metrics"]) metric[m["name"]] = m["value"].get<std::uint64_t>();
      std::optional<Instant> alert_start, alert_end, answer, wrapup;
      for (const auto& seg : session["segments"]) {
        const Instant start = *api::parse_instant(seg["segmentStart"].get<std::string>());
        if (seg["segmentType"] == "alert") {
          alert_start = start;
          alert_end = *api::parse_instant(seg["segmentEnd"].get<std::string>());
          continue;
        }
        if (!answer) answer = start;
        if (seg["segmentType"] == "wrapup") wrapup = start;
      }
      ASSERT_TRUE(answer && wrapup) << c;
      EXPECT_EQ(metric.at("tConnected"), static_cast<std::uint64_t>((*wrapup - *answer).count())) << c;
      // The agent was alerted first, until the answer, for tAlert (2–12 s, never longer than the queue wait).
      ASSERT_TRUE(alert_start && alert_end) << c;
      EXPECT_EQ(*alert_end, *answer) << c;
      EXPECT_EQ(metric.at("tAlert"), static_cast<std::uint64_t>((*alert_end - *alert_start).count())) << c;
      EXPECT_LE(metric.at("tAlert"), 12000u) << c;
      EXPECT_GE(*alert_start, *api::parse_instant(c["conversationStart"].get<std::string>())) << c;
      // Connected = talk + hold, up to the rounding to whole milliseconds of the instants and durations it is
      // computed from (offer, wait, handle, wrap-up, talk, hold: at most 1 ms each, in either direction).
      const std::uint64_t parts = metric.at("tTalkComplete") + (metric.count("tHeld") ? metric.at("tHeld") : 0);
      EXPECT_LE(std::max(parts, metric.at("tConnected")) - std::min(parts, metric.at("tConnected")), 6u) << c;
      EXPECT_EQ(metric.count("tHeld"), metric.count("tHeldComplete"));
      if (metric.count("tHeld")) {
        EXPECT_EQ(metric.at("tHeld"), metric.at("tHeldComplete"));
        ++held;
      }
      ++checked;
    }
  EXPECT_GT(checked, 20);
  EXPECT_GT(held, 0);
}

TEST_P(ConversationDetails, GetByIdIsTheDetailsConversation) {
  const auto page = details({{"interval", "2026-03-02T09:00:00.000Z/2026-03-02T10:00:00.000Z"},
                             {"paging", {{"pageSize", 5}, {"pageNumber", 1}}}});
  ASSERT_EQ(page["conversations"].size(), 5u);
  for (const auto& c : page["conversations"]) {
    const std::string path = "/api/v2/analytics/conversations/" + c["conversationId"].get<std::string>() + "/details";
    EXPECT_EQ(get_json(kEmea, path), c);
    // Another org does not know the id.
    auto other = get(kApac, path);
    EXPECT_EQ(other.status, 404) << other.body;
    EXPECT_EQ(body_json(other)["code"], "not.found");
  }
  // An ongoing conversation has no end yet, as in the details query.
  const auto ongoing = details({{"interval", "2026-03-02T11:00:00.000Z/2026-03-02T11:15:00.000Z"},
                                {"order", "desc"},
                                {"paging", {{"pageSize", 1}}}});
  const json& latest = ongoing["conversations"][0];
  EXPECT_EQ(
      get_json(kEmea, "/api/v2/analytics/conversations/" + latest["conversationId"].get<std::string>() + "/details"),
      latest);
  for (const std::string id :
       {"not-a-uuid", "00000000-0000-4000-8000-000000000000", "f81d4fae-7dec-41d0-a765-00a0c91e6bf6"}) {
    auto res = get(kEmea, "/api/v2/analytics/conversations/" + id + "/details");
    EXPECT_EQ(res.status, 404) << id << ": " << res.body;
    EXPECT_EQ(body_json(res)["status"], 404);
    EXPECT_NE(body_json(res)["message"].get<std::string>().find(id), std::string::npos) << res.body;
  }
}

TEST_P(ConversationDetails, OneAgentsConversationsAreTheUserAggregates) {
  // The agent of some conversation answered in the morning.
  const auto page = details({{"interval", "2026-03-02T09:00:00.000Z/2026-03-02T09:15:00.000Z"}});
  std::string user;
  for (const auto& c : page["conversations"])
    for (const auto& p : c["participants"])
      if (p["purpose"] == "agent" && p.contains("userId")) user = p["userId"];
  ASSERT_FALSE(user.empty());
  const json user_filter = {{"type", "or"}, {"predicates", {{{"dimension", "userId"}, {"value", user}}}}};
  const auto mine = all_conversations(
      {{"interval", "2026-03-01T08:00:00.000Z/2026-03-02T11:00:00.000Z"}, {"segmentFilters", {user_filter}}});
  ASSERT_FALSE(mine.empty());
  std::uint64_t answered = 0;
  for (const auto& c : mine) {
    const auto& agent = c["participants"].back();
    ASSERT_EQ(agent["userId"], user);
    const Instant t = *api::parse_instant(agent["sessions"][0]["segments"][0]["segmentStart"].get<std::string>());
    answered += t >= at("2026-03-02T08:00:00Z") && t < at("2026-03-02T11:00:00Z");
  }
  auto res = send_json(kEmea, "POST", kUserAggregates,
                       {{"interval", "2026-03-02T08:00:00.000Z/2026-03-02T11:00:00.000Z"},
                        {"filter", user_filter},
                        {"metrics", {"tHandle", "nOffered"}}});
  ASSERT_EQ(res.status, 200) << res.body;
  const Sums users = from_aggregates(body_json(res));
  const Sums from_details = aggregate(mine, at("2026-03-02T08:00:00Z"), at("2026-03-02T11:00:00Z"));
  EXPECT_EQ(users.by_metric.at("nOffered").first, answered);
  EXPECT_EQ(users.by_metric.at("tHandle"), from_details.by_metric.at("tHandle"));
}

TEST_P(ConversationDetails, PagingOrderAndConversationShape) {
  const std::string iv = "2026-03-02T09:00:00.000Z/2026-03-02T10:00:00.000Z";
  const auto p1 = details({{"interval", iv}, {"paging", {{"pageSize", 10}, {"pageNumber", 1}}}});
  const auto p2 = details({{"interval", iv}, {"paging", {{"pageSize", 10}, {"pageNumber", 2}}}});
  const auto total = p1["totalHits"].get<std::size_t>();
  ASSERT_GT(total, 20u);
  EXPECT_EQ(p2["totalHits"], total);
  ASSERT_EQ(p1["conversations"].size(), 10u);
  std::set<std::string> ids;
  std::string last_start;
  for (const auto* page : {&p1, &p2})
    for (const auto& c : (*page)["conversations"]) {
      ids.insert(c["conversationId"].get<std::string>());
      const std::string start = c["conversationStart"];
      EXPECT_LE(last_start, start);
      last_start = start;
      // Started on the interval's day, and active during it.
      EXPECT_LT(start, "2026-03-02T10:00:00.000Z");
      if (c.contains("conversationEnd")) {
        EXPECT_GE(c["conversationEnd"].get<std::string>(), "2026-03-02T09:00:00.000Z");
      }
      EXPECT_EQ(c["originatingDirection"], "inbound");
      ASSERT_GE(c["participants"].size(), 2u);
      EXPECT_EQ(c["participants"][0]["purpose"], "customer");
      for (const auto& p : c["participants"]) {
        EXPECT_TRUE(p.contains("participantId"));
        for (const auto& s : p["sessions"]) {
          EXPECT_EQ(s["direction"], "inbound");
          EXPECT_TRUE(s.contains("mediaType"));
          for (const auto& seg : s["segments"]) EXPECT_TRUE(seg.contains("segmentType"));
        }
      }
    }
  EXPECT_EQ(ids.size(), 20u);
  // Descending order starts with the latest conversation; the same query gives the same bytes.
  const auto desc = details({{"interval", iv}, {"order", "desc"}, {"paging", {{"pageSize", 1}, {"pageNumber", 1}}}});
  const auto last = details({{"interval", iv}, {"paging", {{"pageSize", 1}, {"pageNumber", static_cast<int>(total)}}}});
  EXPECT_EQ(desc["conversations"], last["conversations"]);
  EXPECT_EQ(details({{"interval", iv}, {"paging", {{"pageSize", 10}, {"pageNumber", 1}}}}), p1);
  // A conversation filter on one id finds that conversation.
  const std::string id = p1["conversations"][3]["conversationId"];
  const auto one = details({{"interval", iv},
                            {"conversationFilters",
                             {{{"type", "and"}, {"predicates", {{{"dimension", "conversationId"}, {"value", id}}}}}}}});
  ASSERT_EQ(one["totalHits"], 1);
  EXPECT_EQ(one["conversations"][0], p1["conversations"][3]);
}

TEST_P(ConversationDetails, OngoingConversationsHaveNoEndYet) {
  // "now" is 11:07: conversations offered minutes ago are still being handled.
  const auto j = details({{"interval", "2026-03-02T11:00:00.000Z/2026-03-02T11:15:00.000Z"},
                          {"paging", {{"pageSize", 100}}}});
  ASSERT_TRUE(j.contains("conversations"));
  int ongoing = 0;
  for (const auto& c : j["conversations"]) {
    EXPECT_LE(c["conversationStart"].get<std::string>(), "2026-03-02T11:07:00.000Z");
    if (c.contains("conversationEnd")) continue;
    ++ongoing;
    for (const auto& p : c["participants"])
      for (const auto& s : p["sessions"])
        for (const auto& m : s.value("metrics", json::array()))
          EXPECT_LE(m["emitDate"].get<std::string>(), "2026-03-02T11:07:00.000Z");
  }
  EXPECT_GT(ongoing, 0);
}

TEST_P(ConversationDetails, MalformedQueriesNameTheField) {
  struct Case {
    json body;
    const char* names;
  };
  const std::string iv = "2026-03-02T09:00:00.000Z/2026-03-02T10:00:00.000Z";
  const Case cases[] = {
      {{{"interval", "2026-03-02T09:00:00Z"}}, "ISO-8601"},
      {json::object(), "interval"},
      {{{"interval", iv}, {"segmentFilters", {{{"type", "and"}, {"predicates", {{{"dimension", "flowId"}, {"value", "x"}}}}}}}},
       "flowId"},
      {{{"interval", iv}, {"conversationFilters", {{{"type", "and"}, {"predicates", {{{"dimension", "queueId"}, {"value", "x"}}}}}}}},
       "ConversationDetailQueryPredicate.dimension"},
      {{{"interval", iv}, {"orderBy", "tHandle"}}, "orderBy"},
      {{{"interval", iv}, {"order", "sideways"}}, "sideways"},
      {{{"interval", iv}, {"paging", {{"pageSize", 1000}}}}, "pageSize"},
      {{{"interval", iv}, {"segmentFilters", "queueId"}}, "segmentFilters"},
      {{{"interval", iv}, {"evaluationFilters", {json::object()}}}, "evaluationFilters"},
  };
  for (const auto& c : cases) {
    auto res = send_json(kEmea, "POST", kDetails, c.body);
    EXPECT_EQ(res.status, 400) << c.body.dump();
    EXPECT_NE(res.body.find(c.names), std::string::npos) << res.body;
  }
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(ConversationDetails);

}  // namespace
}  // namespace mockgc::testing
