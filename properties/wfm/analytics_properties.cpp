// Cross-family analytics properties over random small worlds (properties/support small_scenario), random
// days and intervals, through the same parsers and evaluators the routes use:
//   - Σ user tHandle = Σ queue tHandle (sum and count) for the same interval and org;
//   - conversation details summed by session-metric emitDate = the conversation aggregates of the interval
//     (details queried from a day earlier: every conversation ends within a day);
//   - every agent's routing-status time adds up to each bucket of the interval;
//   - for a random groupBy over the modelled dimensions, a random filter over values the details show and the
//     conversation-level metrics, each group's counts and sums (and oServiceLevel's numerator/denominator)
//     equal those computed from the rendered details; the history store and the conversations agree.
#include <algorithm>
#include <map>
#include <memory>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <rapidcheck/gtest.h>

#include "mockgc/api/time.hpp"
#include "support/analytics_emissions.hpp"
#include "support/generators.hpp"
#include "wfm/conversation_details.hpp"
#include "wfm/user_analytics.hpp"

using nlohmann::json;
using namespace mockgc::core;
using std::chrono::days;
using std::chrono::minutes;

namespace {

// One org of a random small world with its history built for [from - 1 day, to).
struct SmallOrg {
  World world;
  std::unique_ptr<wfm::Workforce> workforce;
  std::unique_ptr<wfm::AgentStates> agents;
  std::unique_ptr<wfm::HistoryStore> store;
  Instant from{}, to{};
  std::vector<std::string> presence_ids;
};

std::unique_ptr<SmallOrg> any_small_org() {
  const Scenario scenario = *rc::gen::arbitrary<Scenario>();
  auto o = std::make_unique<SmallOrg>();
  o->world = generate_world(scenario, scenario.seed);
  const auto& org = o->world.orgs[*rc::gen::inRange<std::size_t>(0, o->world.orgs.size())];
  o->workforce = std::make_unique<wfm::Workforce>(o->world, org, scenario.seed);
  o->agents = std::make_unique<wfm::AgentStates>(*o->workforce);
  // A day within half a year of 2026-03-02, from 15 minutes to 16 hours starting 05:00..14:45 UTC.
  const auto day = Instant(std::chrono::sys_days(std::chrono::year(2026) / 3 / 2).time_since_epoch()) +
                   days(*rc::gen::inRange(-180, 180));
  o->from = day + minutes(15 * *rc::gen::inRange(20, 60));
  o->to = o->from + minutes(15 * *rc::gen::inRange(1, 65));
  o->store = std::make_unique<wfm::HistoryStore>(
      wfm::HistoryStore::build(o->workforce->demand(), scenario.seed, o->from - days(2), o->to + days(1)));
  for (auto a : {wfm::ActualState::Offline, wfm::ActualState::OnQueue, wfm::ActualState::Break, wfm::ActualState::Meal,
                 wfm::ActualState::Meeting, wfm::ActualState::Training})
    o->presence_ids.push_back(wfm::presence_definition_id(scenario.seed, org.org_id, a));
  RC_TAG(o->workforce->agents().empty() ? "no agents" : "agents");
  return o;
}

std::string interval_of(Instant a, Instant b) { return mockgc::api::format_instant(a) + "/" + mockgc::api::format_instant(b); }

// "Now" well after the interval: every conversation of it has ended.
Instant later(const SmallOrg& o) { return o.to + days(1); }

template <class Q>
Q parsed(std::variant<Q, ApiError> v) {
  if (auto* e = std::get_if<ApiError>(&v)) RC_FAIL("query rejected: " + e->message);
  return std::get<Q>(std::move(v));
}

// Per metric: (count, sum) over every group and bucket of an aggregates response.
std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> totals(const json& response) {
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> out;
  if (!response.contains("results")) return out;
  for (const auto& g : response["results"])
    for (const auto& d : g["data"])
      for (const auto& m : d["metrics"]) {
        auto& [n, sum] = out[m["metric"]];
        n += m["stats"]["count"].get<std::uint64_t>();
        sum += m["stats"].contains("sum") ? m["stats"]["sum"].get<std::uint64_t>() : m["stats"]["count"].get<std::uint64_t>();
      }
  return out;
}

}  // namespace

RC_GTEST_PROP(AnalyticsProperties, UserHandleSumsToQueueHandle, ()) {
  const auto o = any_small_org();
  const json body = {{"interval", interval_of(o->from, o->to)}, {"metrics", {"tHandle"}}};
  const auto users = wfm::run_user_aggregate_query(parsed(wfm::parse_user_aggregate_query(body, false)), *o->agents,
                                                   o->presence_ids, later(*o));
  const auto queues = wfm::run_aggregate_query(parsed(wfm::parse_aggregate_query(body, false)), *o->store,
                                               o->workforce->demand(), later(*o));
  // Only conversations some agent could take reach a user: every day the handles come from must assign all.
  for (Instant d = o->from - days(1); d <= o->to; d += days(1)) RC_PRE(o->agents->assignment_stats(d).unassigned == 0u);
  const auto q = totals(queues);
  RC_TAG(q.empty() ? "no handled conversation" : "handled conversations");
  RC_ASSERT(totals(users) == q);
}

RC_GTEST_PROP(AnalyticsProperties, AggregatedDetailsEqualConversationAggregates, ()) {
  const auto o = any_small_org();
  const json metrics = {"nOffered", "tAnswered", "tAbandon", "tHandle", "tTalk", "tAcw", "nTransferred"};
  const auto aggregates =
      wfm::run_aggregate_query(parsed(wfm::parse_aggregate_query({{"interval", interval_of(o->from, o->to)}, {"metrics", metrics}}, false)),
                               *o->store, o->workforce->demand(), later(*o));
  const auto details =
      parsed(wfm::parse_conversation_details_query({{"interval", interval_of(o->from - days(1), o->to)}}, false));
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> summed;
  for (const auto& hit : wfm::select_conversations(details, *o->agents, {o->store->first(), o->store->end()}, later(*o))) {
    const json c = wfm::render_conversation(hit, *o->agents, later(*o));
    for (const auto& p : c["participants"])
      for (const auto& s : p["sessions"])
        for (const auto& m : s.value("metrics", json::array())) {
          const Instant at = *mockgc::api::parse_instant(m["emitDate"].get<std::string>());
          // The history store's metrics (the conversation-level ones: ConversationAggregatesCountTheDetails).
          if (at < o->from || at >= o->to || std::find(metrics.begin(), metrics.end(), m["name"]) == metrics.end())
            continue;
          auto& [n, sum] = summed[m["name"]];
          ++n;
          sum += m["value"].get<std::uint64_t>();
        }
  }
  const auto expected = totals(aggregates);
  RC_TAG(expected.empty() ? "no conversation" : "conversations");
  RC_ASSERT(summed == expected);
}

RC_GTEST_PROP(AnalyticsProperties, RoutingStatusTimeAddsUpToTheInterval, ()) {
  const auto o = any_small_org();
  const json body = {{"interval", interval_of(o->from, o->to)},
                     {"granularity", *rc::gen::element<std::string>("PT15M", "PT30M", "PT1H")},
                     {"groupBy", {"userId"}},
                     {"metrics", {"tAgentRoutingStatus"}}};
  const auto q = parsed(wfm::parse_user_aggregate_query(body, false));
  const auto users = wfm::run_user_aggregate_query(q, *o->agents, o->presence_ids, later(*o));
  const auto step = std::chrono::duration_cast<std::chrono::milliseconds>(q.step).count();
  const std::int64_t buckets = ((o->to - o->from).count() + step - 1) / step;
  std::size_t seen = 0;
  for (const auto& r : users.value("results", json::array())) {
    ++seen;
    RC_ASSERT(static_cast<std::int64_t>(r["data"].size()) == buckets);
    for (const auto& d : r["data"]) {
      const std::string iv = d["interval"];
      const auto a = *mockgc::api::parse_instant(iv.substr(0, iv.find('/')));
      const auto b = *mockgc::api::parse_instant(iv.substr(iv.find('/') + 1));
      std::uint64_t ms = 0;
      for (const auto& m : d["metrics"]) ms += m["stats"]["sum"].get<std::uint64_t>();
      RC_ASSERT(ms == static_cast<std::uint64_t>((b - a).count()));
    }
  }
  RC_ASSERT(seen == o->workforce->agents().size());
}

namespace {

constexpr std::string_view kDims[] = {"direction", "mediaType",           "originatingDirection",
                                      "queueId",   "requestedLanguageId", "requestedRoutingSkillId",
                                      "userId",    "wrapUpCode"};

// The filter's view of an emitted metric.
wfm::DimensionValues values_of(const mockgc::testing::EmittedMetric& e) {
  auto v = [&](const char* d) {
    auto it = e.dims.find(d);
    return it == e.dims.end() ? std::string_view() : std::string_view(it->second);
  };
  return {.user_id = v("userId"),
          .queue_id = v("queueId"),
          .media = v("mediaType"),
          .direction = v("direction"),
          .originating_direction = v("originatingDirection"),
          .skill_id = v("requestedRoutingSkillId"),
          .language_id = v("requestedLanguageId"),
          .wrap_up_code = v("wrapUpCode")};
}

// Per group (its JSON) per metric: count, sum (oServiceLevel: numerator, denominator).
using GroupTotals = std::map<std::string, std::map<std::string, std::pair<std::uint64_t, std::uint64_t>>>;

GroupTotals group_totals(const json& response) {
  GroupTotals out;
  if (!response.contains("results")) return out;
  for (const auto& g : response["results"])
    for (const auto& d : g["data"])
      for (const auto& m : d["metrics"]) {
        auto& [a, b] = out[g["group"].dump()][m["metric"]];
        const auto& st = m["stats"];
        if (m["metric"] == "oServiceLevel") {
          a += st["numerator"].get<std::uint64_t>();
          b += st["denominator"].get<std::uint64_t>();
        } else {
          a += st["count"].get<std::uint64_t>();
          b += st.contains("sum") ? st["sum"].get<std::uint64_t>() : st["count"].get<std::uint64_t>();
        }
      }
  return out;
}

}  // namespace

RC_GTEST_PROP(AnalyticsProperties, ConversationAggregatesCountTheDetails, ()) {
  const auto o = any_small_org();
  const Instant now = later(*o);
  std::vector<mockgc::testing::EmittedMetric> all;
  const auto details =
      parsed(wfm::parse_conversation_details_query({{"interval", interval_of(o->from - days(1), o->to)}}, false));
  for (const auto& hit : wfm::select_conversations(details, *o->agents, {o->store->first(), o->store->end()}, now))
    for (auto& e : mockgc::testing::emitted_metrics(wfm::render_conversation(hit, *o->agents, now)))
      if (e.at >= o->from && e.at < o->to) all.push_back(std::move(e));

  // groupBy: up to three dimensions; filter: up to three predicates on values seen (or exists/notExists).
  json group_by = json::array();
  for (auto d : *rc::gen::container<std::vector<std::string>>(
           *rc::gen::inRange(0, 4), rc::gen::elementOf(std::vector<std::string>(std::begin(kDims), std::end(kDims)))))
    group_by.push_back(d);
  json predicates = json::array();
  const int n_predicates = all.empty() ? 0 : *rc::gen::inRange(0, 4);
  for (int i = 0; i < n_predicates; ++i) {
    const std::string dim(*rc::gen::elementOf(std::vector<std::string_view>(std::begin(kDims), std::end(kDims))));
    const auto& sample = all[*rc::gen::inRange<std::size_t>(0, all.size())];
    const int kind = *rc::gen::inRange(0, 4);
    if (kind == 0)
      predicates.push_back({{"dimension", dim}, {"operator", "exists"}});
    else if (kind == 1)
      predicates.push_back({{"dimension", dim}, {"operator", "notExists"}});
    else
      predicates.push_back({{"type", "dimension"},
                            {"dimension", dim},
                            {"value", sample.dims.count(dim) ? sample.dims.at(dim) : "none"}});
  }
  const std::string type = *rc::gen::element<std::string>("and", "or");
  // Every metric the details emit, so `expected` (built from all emissions) is what the query should answer.
  const json metrics = {"nOffered",   "tAnswered", "tAbandon",      "tWait",      "tAcd",          "nOverSla",
                        "tShortAbandon", "nConnected", "tHeld",     "tHeldComplete", "tConnected", "tTalkComplete",
                        "tHandle",    "tTalk",     "tAcw",          "nTransferred", "oServiceLevel", "tAlert"};
  json body = {{"interval", interval_of(o->from, o->to)},
               {"granularity", *rc::gen::element<std::string>("PT15M", "PT1H", "P1D")},
               {"groupBy", group_by},
               {"metrics", metrics}};
  if (!predicates.empty()) body["filter"] = {{"type", type}, {"predicates", predicates}};
  const auto q = parsed(wfm::parse_aggregate_query(body, false));
  const json response = wfm::answer_aggregate_query(q, *o->store, *o->agents, now);

  GroupTotals expected;
  const auto& queues = o->workforce->org();
  for (const auto& e : all) {
    const wfm::DimensionValues v = values_of(e);
    if (q.filter && !wfm::matches(*q.filter, v)) continue;
    json group = {{"mediaType", e.dims.at("mediaType")}};
    for (const auto& d : q.group_by.dimensions)
      if (auto it = e.dims.find(std::string(d)); it != e.dims.end()) group[std::string(d)] = it->second;
    auto& cell = expected[group.dump()];
    auto& [n, sum] = cell[e.metric];
    ++n;
    sum += e.value;
    if (e.metric == "tAnswered" || e.metric == "tAbandon") {
      const Queue* queue = queues.find_queue(e.dims.at("queueId"));
      RC_ASSERT(queue != nullptr);
      auto& [within, offered] = cell["oServiceLevel"];
      within += e.metric == "tAnswered" && e.value <= static_cast<std::uint64_t>(queue->service_level_duration_ms);
      ++offered;
    }
  }
  RC_TAG(expected.empty() ? "no conversation" : "conversations");
  RC_ASSERT(group_totals(response) == expected);

  // The history store answers its metrics by queue as the conversations do.
  const json stored_metrics = {"nOffered", "tAnswered", "tAbandon", "tHandle", "tTalk", "tAcw", "nTransferred"};
  auto by_queue = parsed(wfm::parse_aggregate_query(
      {{"interval", interval_of(o->from, o->to)}, {"groupBy", {"queueId"}}, {"metrics", stored_metrics}}, false));
  RC_ASSERT(wfm::answered_by_store(by_queue));
  const json from_store = wfm::run_aggregate_query(by_queue, *o->store, o->workforce->demand(), now);
  const json from_conversations =
      wfm::run_conversation_aggregate_query(by_queue, *o->agents, {o->store->first(), o->store->end()}, now);
  RC_ASSERT(group_totals(from_store) == group_totals(from_conversations));
}
