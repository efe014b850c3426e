// The volume workflow's SAX reading of a conversation-aggregates answer (client/workflows/src/
// aggregates_answer.hpp): what it keeps from a body, what it leaves out, every truncation and wrong type as
// errc::malformed_response, and the same groups as a DOM reading of real answers of the default world.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aggregates_answer.hpp"
#include "mockgc/client/errc.hpp"
#include "mockgc/client/org_client.hpp"
#include "mockgc/core/service.hpp"
#include "mockgc/inproc/inproc.hpp"
#include "support/sync_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

api::Instant at(const char* text) { return *api::parse_instant(text); }

// The groups as the workflow reads them, by nlohmann's DOM: the reference the SAX reading must equal.
std::vector<AggregateQueueGroup> dom_reading(const json& body) {
  auto number = [](const json& stats, const char* key) -> std::uint64_t {
    const auto it = stats.find(key);
    if (it == stats.end()) return 0;
    return it->is_number_unsigned() ? it->get<std::uint64_t>() : static_cast<std::uint64_t>(it->get<double>());
  };
  std::vector<AggregateQueueGroup> out;
  for (const auto& g : body.value("results", json::array())) {
    if (!g.contains("group") || !g["group"].contains("queueId")) continue;
    AggregateQueueGroup group{g["group"]["queueId"].get<std::string>(), {}};
    for (const auto& d : g.value("data", json::array())) {
      if (!d.contains("interval")) continue;
      const auto text = d["interval"].get<std::string>();
      AggregateInterval i{*api::parse_instant(text.substr(0, text.find('/')))};
      for (const auto& m : d.value("metrics", json::array())) {
        const json stats = m.value("stats", json::object());
        if (m.value("metric", "") == "nOffered") i.offered += number(stats, "count");
        if (m.value("metric", "") == "tHandle") {
          i.handled += number(stats, "count");
          i.handle_ms += number(stats, "sum");
        }
      }
      group.data.push_back(i);
    }
    out.push_back(std::move(group));
  }
  return out;
}

std::vector<AggregateQueueGroup> read_ok(std::string_view body) {
  auto r = read_queue_aggregates(body);
  EXPECT_TRUE(r) << r.error().message() << " for " << body;
  return r ? *r : std::vector<AggregateQueueGroup>{};
}

const char* const kTwoQueues = R"({"results":[
  {"data":[{"interval":"2026-05-01T00:00:00.000Z/2026-05-01T00:15:00.000Z","metrics":[
             {"metric":"nOffered","stats":{"count":3}},
             {"metric":"tAnswered","stats":{"count":9,"max":5,"min":1,"sum":40}},
             {"metric":"tHandle","stats":{"count":2,"max":400,"min":100,"sum":500}}]},
           {"interval":"2026-05-01T00:15:00Z/2026-05-01T00:30:00Z","metrics":[
             {"metric":"tHandle","stats":{"count":1,"max":70,"min":70,"sum":70}}]}],
   "group":{"mediaType":"voice","queueId":"q-1"}},
  {"group":{"queueId":"q-2"},"data":[{"metrics":[{"stats":{"count":4},"metric":"nOffered"}],
                                      "interval":"2026-05-01T00:30:00.000Z/2026-05-01T00:45:00.000Z"}]}],
 "systemToOrganizationMappings":{"x":[1,{"y":[null,true,-2.5]}]}})";

TEST(AggregatesAnswer, KeepsEachGroupsQueueIdAndPerIntervalItsStartAndTheNOfferedAndTHandleSums) {
  const auto groups = read_ok(kTwoQueues);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].queue_id, "q-1");
  ASSERT_EQ(groups[0].data.size(), 2u);
  EXPECT_EQ(groups[0].data[0], (AggregateInterval{at("2026-05-01T00:00:00Z"), 3, 2, 500}));
  EXPECT_EQ(groups[0].data[1], (AggregateInterval{at("2026-05-01T00:15:00Z"), 0, 1, 70}));
  // Keys in any order: the group after its data, stats before the metric's name, the interval last.
  EXPECT_EQ(groups[1].queue_id, "q-2");
  ASSERT_EQ(groups[1].data.size(), 1u);
  EXPECT_EQ(groups[1].data[0], (AggregateInterval{at("2026-05-01T00:30:00Z"), 4, 0, 0}));
  EXPECT_EQ(groups, dom_reading(json::parse(kTwoQueues)));
}

TEST(AggregatesAnswer, AnAnswerWithoutResultsHasNoGroups) {
  EXPECT_TRUE(read_ok("{}").empty());
  EXPECT_TRUE(read_ok(R"( {"entities":[{"results":[{"group":{"queueId":"q"},"data":[]}]}]} )").empty());
  EXPECT_TRUE(read_ok(R"({"results":[]})").empty());
}

TEST(AggregatesAnswer, MissingPiecesAreNoData) {
  const char* body = R"({"results":[
    {"group":{"mediaType":"voice"},"data":[{"interval":"2026-05-01T00:00:00Z/x","metrics":[]}]},
    {"group":{"queueId":"no-data"}},
    {"group":{"queueId":"q"},"data":[
      {"metrics":[{"metric":"nOffered","stats":{"count":5}}]},
      {"interval":"2026-05-01T00:00:00Z/2026-05-01T00:15:00Z"},
      {"interval":"2026-05-01T00:15:00Z","metrics":[{"metric":"nOffered"},{"metric":"tHandle","stats":{"count":2}},
                                                    {"stats":{"count":7}}]}]}]})";
  const auto groups = read_ok(body);
  ASSERT_EQ(groups.size(), 2u);  // the group without a queueId is left out
  EXPECT_EQ(groups[0], (AggregateQueueGroup{"no-data", {}}));
  EXPECT_EQ(groups[1].queue_id, "q");
  // The entry without an interval is left out; without metrics, stats or sum, they count zero.
  ASSERT_EQ(groups[1].data.size(), 2u);
  EXPECT_EQ(groups[1].data[0], (AggregateInterval{at("2026-05-01T00:00:00Z"), 0, 0, 0}));
  EXPECT_EQ(groups[1].data[1], (AggregateInterval{at("2026-05-01T00:15:00Z"), 0, 2, 0}));
  EXPECT_EQ(groups, dom_reading(json::parse(body)));
}

TEST(AggregatesAnswer, AKeyGivenTwiceCountsWithItsLastValueAndTwoMetricsOfAnEntryAddUp) {
  const char* body = R"({"results":[{"group":{"queueId":"dropped"},"data":[]}],
    "results":[{"group":{"queueId":"first"},"group":{"queueId":"a","queueId":"b"},
                "data":[{"interval":"2026-05-01T00:00:00Z/y"}],
                "data":[{"interval":"2026-05-01T00:00:00Z/y","interval":"2026-05-01T01:00:00Z/y",
                         "metrics":[{"metric":"nOffered","stats":{"count":100}}],
                         "metrics":[{"metric":"nOffered","stats":{"count":1}},
                                    {"metric":"tHandle","metric":"nOffered","stats":{"count":2,"count":3}},
                                    {"metric":"tHandle","stats":{"count":4,"sum":9},"stats":{"count":5,"sum":6}},
                                    {"metric":"tHandle","stats":{"count":1,"sum":1.9}}]}]}]})";
  const auto groups = read_ok(body);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].queue_id, "b");
  ASSERT_EQ(groups[0].data.size(), 1u);
  EXPECT_EQ(groups[0].data[0], (AggregateInterval{at("2026-05-01T01:00:00Z"), 4, 6, 7}));
  EXPECT_EQ(groups, dom_reading(json::parse(body)));  // as nlohmann's DOM keeps duplicate keys
}

TEST(AggregatesAnswer, FractionalCountsAndSumsAreTruncatedAndLargeOnesKept) {
  const auto groups = read_ok(R"({"results":[{"group":{"queueId":"q"},"data":[{"interval":"2026-05-01T00:00:00Z/y",
    "metrics":[{"metric":"tHandle","stats":{"count":2.0,"sum":1234.99}},
               {"metric":"nOffered","stats":{"count":18446744073709551615}}]}]}]})");
  ASSERT_EQ(groups.size(), 1u);
  ASSERT_EQ(groups[0].data.size(), 1u);
  EXPECT_EQ(groups[0].data[0], (AggregateInterval{at("2026-05-01T00:00:00Z"), 18446744073709551615u, 2, 1234}));
}

TEST(AggregatesAnswer, ANonJsonTruncatedOrWrongTypedBodyIsAMalformedResponse) {
  const std::string group_head = R"({"results":[{"group":{"queueId":"q"},"data":[)";
  const std::string entry_head = group_head + R"({"interval":"2026-05-01T00:00:00Z/y","metrics":[)";
  const std::vector<std::string> not_json = {
      "", " ", "{", "}", "{} x", "{}{}", "{NaN}", R"({"results":[NaN]})",
      "{\"results\":[{\"group\":{\"queueId\":\"q\xff\"}}]}",  // invalid UTF-8
      R"({"results":[{"group":{"queueId":"q"}}],})", R"({"results":[{"group":{"queueId":"q"}} {}]})",
      R"({"results":[],"x":1e999})", group_head + R"({"interval":5]}]})",
  };
  const std::vector<std::string> wrong_shape = {
      "[]", "null", "5", R"("results")",
      R"({"results":null})", R"({"results":{}})", R"({"results":"q"})", R"({"results":[null]})",
      R"({"results":[[]]})", R"({"results":[{"group":"q"}]})", R"({"results":[{"group":{"queueId":7}}]})",
      R"({"results":[{"group":{"queueId":null}}]})", R"({"results":[{"group":{"queueId":"q"},"data":{}}]})",
      group_head + "5]}]}", group_head + R"({"interval":5}]}]})", group_head + R"({"interval":"yesterday/today"}]}]})",
      group_head + R"({"interval":""}]}]})", group_head + R"({"metrics":{}}]}]})",
      entry_head + "null]}]}]}", entry_head + R"({"metric":1}]}]}]})", entry_head + R"({"stats":[]}]}]}]})",
      entry_head + R"({"stats":{"count":"3"}}]}]}]})", entry_head + R"({"stats":{"count":-1}}]}]}]})",
      entry_head + R"({"stats":{"sum":-0.5}}]}]}]})", entry_head + R"({"stats":{"sum":true}}]}]}]})",
      entry_head + R"({"stats":{"count":null}}]}]}]})", entry_head + R"({"stats":{"count":{}}}]}]}]})",
      entry_head + R"({"stats":{"count":1e20}}]}]}]})",
      // the wrong type first, then more to parse, all of it JSON
      R"({"results":[{"group":{"queueId":1}},{"group":{"queueId":"q"},"data":[{"x":[[{}],{}]}]}],"more":[1]})",
  };
  for (const bool json_text : {false, true})
    for (const auto& body : json_text ? wrong_shape : not_json) {
      bool is_json = !json_text;
      const auto r = read_queue_aggregates(body, &is_json);
      EXPECT_FALSE(r) << body;
      EXPECT_EQ(r.error(), client::errc::malformed_response) << body;
      EXPECT_EQ(is_json, json_text) << body;
      EXPECT_EQ(json::accept(body), json_text) << body;  // as nlohmann's own check says
    }
}

TEST(AggregatesAnswer, EveryTruncationOfAnAnswerIsAMalformedResponse) {
  const std::string body = kTwoQueues;
  bool is_json = false;
  ASSERT_TRUE(read_queue_aggregates(body, &is_json));
  EXPECT_TRUE(is_json);
  for (std::size_t n = 0; n < body.size(); ++n) {
    const auto r = read_queue_aggregates(std::string_view(body).substr(0, n), &is_json);
    EXPECT_EQ(r.error(), client::errc::malformed_response) << n;
    EXPECT_FALSE(is_json) << n;
  }
}

// Real answers of the default world, in-process on a virtual clock.
struct AnswersWorld {
  AnswersWorld() {
    core::ServiceOptions o;
    o.clock = &clock;
    service = core::make_service(o);
    transport = std::make_unique<inproc::InProcessTransport>(*service);
    configs = testing::org_configs(*service);
  }
  std::string answer(std::size_t org, const json& query) {
    client::OrgClient c(configs.at(org), *transport, clock);
    auto r = c.call("POST", "/api/v2/analytics/conversations/aggregates/query", {}, query.dump());
    EXPECT_TRUE(r && r->ok()) << query.dump();
    return r && r->ok() ? r->body : std::string();
  }
  api::ManualClock clock{at("2026-07-06T00:00:00Z")};
  std::unique_ptr<core::Service> service;
  std::unique_ptr<inproc::InProcessTransport> transport;
  std::vector<client::OrgConfig> configs;
};

TEST(AggregatesAnswer, RealAnswersReadTheSameAsByTheDom) {
  AnswersWorld w;
  const json volume = {{"interval", "2026-05-01T00:00:00Z/2026-06-01T00:00:00Z"}, {"granularity", "PT15M"},
                       {"groupBy", {"queueId"}}, {"metrics", {"nOffered", "tHandle"}}};
  std::vector<json> queries = {volume};
  queries.push_back(volume);
  queries.back()["granularity"] = "PT60M";
  queries.back()["groupBy"] = {"queueId", "mediaType"};
  queries.back()["metrics"] = {"tAnswered", "nOffered", "tHandle", "tAbandon"};
  queries.push_back(volume);
  queries.back()["granularity"] = "P1D";
  queries.push_back(volume);
  queries.back().erase("granularity");
  queries.push_back(volume);
  queries.back()["interval"] = "2020-01-01T00:00:00Z/2020-01-02T00:00:00Z";  // long before the world: no data
  for (std::size_t org = 0; org < w.configs.size(); ++org)
    for (const auto& q : queries) {
      const auto body = w.answer(org, q);
      const auto sax = read_queue_aggregates(body);
      ASSERT_TRUE(sax) << q.dump();
      EXPECT_EQ(*sax, dom_reading(json::parse(body))) << q.dump();
    }
  // The volume query itself has data: every queue, every bucket with offered or handled conversations.
  const auto groups = *read_queue_aggregates(w.answer(0, volume));
  ASSERT_FALSE(groups.empty());
  std::uint64_t offered = 0, handled = 0, handle_ms = 0;
  for (const auto& g : groups)
    for (const auto& d : g.data) offered += d.offered, handled += d.handled, handle_ms += d.handle_ms;
  EXPECT_GT(offered, 0u);
  EXPECT_GT(handled, 0u);
  EXPECT_GT(handle_ms, handled);
}

TEST(AggregatesAnswer, CutsOfARealAnswerAreMalformedResponses) {
  AnswersWorld w;
  const auto body = w.answer(0, {{"interval", "2026-05-01T00:00:00Z/2026-05-03T00:00:00Z"}, {"granularity", "PT15M"},
                                 {"groupBy", {"queueId"}}, {"metrics", {"nOffered", "tHandle"}}});
  ASSERT_TRUE(read_queue_aggregates(body));
  for (std::size_t n = 0; n < body.size(); n += 1 + body.size() / 500) {
    bool is_json = true;
    EXPECT_EQ(read_queue_aggregates(std::string_view(body).substr(0, n), &is_json).error(),
              client::errc::malformed_response) << n;
    EXPECT_FALSE(is_json) << n;
    std::string bad = body;  // a control byte is JSON nowhere, in a string or out of one
    bad[n] = '\x01';
    is_json = true;
    const auto r = read_queue_aggregates(bad, &is_json);
    EXPECT_EQ(r.error(), client::errc::malformed_response) << n << ": " << bad.substr(n > 40 ? n - 40 : 0, 80);
    EXPECT_FALSE(is_json) << n;
  }
}

}  // namespace
}  // namespace mockgc::workflows
