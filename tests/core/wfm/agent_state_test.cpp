// The agent state process over every harness kind: REST adherence, users?expand=presence,routingStatus and
// presence definitions show the same state at the same instant; user aggregates and details come from the
// same process (routing-status time adds up, user tHandle sums to queue tHandle); malformed queries get 400s
// naming the field.
#include <set>

#include "core/endpoint_fixture.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
constexpr const char* kWfm = "/api/v2/workforcemanagement";
constexpr const char* kUserAggregates = "/api/v2/analytics/users/aggregates/query";
constexpr const char* kUserDetails = "/api/v2/analytics/users/details/query";

class AgentState : public EndpointTest {
 protected:
  void SetUp() override {
    EndpointTest::SetUp();
    clock_->set(*api::parse_instant("2026-03-02T11:00:00Z"));  // Monday 11:00 in London: the morning peak
  }
  std::string mu(const std::string& region) {
    auto j = get_json(region, std::string(kWfm) + "/businessunits/" + bu_id(region) + "/managementunits");
    return j["entities"][0]["id"];
  }
  json post_json(const std::string& region, const std::string& target, const json& body, int status = 200) {
    auto res = send_json(region, "POST", target, body);
    EXPECT_EQ(res.status, status) << target << ": " << res.body;
    return body_json(res);
  }
};

std::string wfm_spelling(const std::string& definition) { return definition == "On Queue" ? "OnQueue" : definition; }

TEST_P(AgentState, AdherenceUsersAndPresenceDefinitionsAgree) {
  const auto adherence =
      get_json(kEmea, std::string(kWfm) + "/managementunits/" + mu(kEmea) + "/adherence")["entities"];
  ASSERT_GT(adherence.size(), 20u);
  // The listing expands too; each adherence record is compared with the user read by id.
  const auto page = get_json(kEmea, "/api/v2/users?pageSize=5&expand=presence,routingStatus");
  for (const auto& u : page["entities"]) {
    EXPECT_TRUE(u.contains("presence"));
    EXPECT_TRUE(u.contains("routingStatus"));
  }
  std::map<std::string, std::string> definitions;  // id -> systemPresence
  const auto listing = get_json(kEmea, "/api/v2/presence/definitions");
  for (const auto& d : listing["entities"]) definitions[d["id"]] = d["systemPresence"];
  EXPECT_EQ(definitions.size(), 10u);
  int interacting = 0;
  for (const auto& a : adherence) {
    const std::string id = a["id"];
    const auto u = get_json(kEmea, "/api/v2/users/" + id + "?expand=presence,routingStatus");
    const std::string routing = a["routingStatus"];
    EXPECT_EQ(u["routingStatus"]["status"], routing);
    EXPECT_EQ(u["routingStatus"]["userId"], a["id"]);
    const std::string def_id = u["presence"]["presenceDefinition"]["id"];
    ASSERT_TRUE(definitions.count(def_id)) << def_id;
    EXPECT_EQ(definitions[def_id], u["presence"]["presenceDefinition"]["systemPresence"]);
    EXPECT_EQ(wfm_spelling(definitions[def_id]), a["systemPresence"]);
    EXPECT_EQ(u["presence"]["modifiedDate"], a["presenceUpdateTime"]);
    EXPECT_EQ(routing == "IDLE" || routing == "INTERACTING", a["systemPresence"] == "OnQueue");
    interacting += routing == "INTERACTING";
    // The presence definition resolves by id.
    if (interacting == 1 && routing == "INTERACTING") {
      EXPECT_EQ(get_json(kEmea, "/api/v2/presence/definitions/" + def_id)["systemPresence"], "On Queue");
    }
  }
  EXPECT_GT(interacting, 0) << "agents handle the history's conversations";
}

TEST_P(AgentState, PresenceDefinitionErrors) {
  EXPECT_EQ(get(kEmea, "/api/v2/presence/definitions/not-a-definition").status, 404);
  auto bad = get(kEmea, "/api/v2/presence/definitions?type=Bogus");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("Bogus"), std::string::npos);
  EXPECT_TRUE(get_json(kEmea, "/api/v2/presence/definitions?deactivated=true")["entities"].empty());
}

TEST_P(AgentState, RoutingStatusTimeAddsUpAndUserHandleSumsToQueueHandle) {
  const std::string interval = "2026-03-02T06:00:00.000Z/2026-03-02T10:00:00.000Z";
  const auto users = post_json(kEmea, kUserAggregates,
                               {{"interval", interval},
                                {"granularity", "PT1H"},
                                {"groupBy", {"userId"}},
                                {"metrics", {"tAgentRoutingStatus", "tSystemPresence", "tHandle", "nOffered"}}});
  ASSERT_TRUE(users.contains("results"));
  std::uint64_t user_handle = 0, user_handled = 0, interacting_ms = 0;
  for (const auto& r : users["results"]) {
    ASSERT_TRUE(r["group"].contains("userId"));
    EXPECT_EQ(r["data"].size(), 4u);
    for (const auto& d : r["data"]) {
      std::uint64_t routing = 0, presence = 0;
      for (const auto& m : d["metrics"]) {
        if (m["metric"] == "tAgentRoutingStatus") routing += m["stats"]["sum"].get<std::uint64_t>();
        if (m["metric"] == "tSystemPresence") presence += m["stats"]["sum"].get<std::uint64_t>();
        if (m["metric"] == "tAgentRoutingStatus" && m["qualifier"] == "INTERACTING")
          interacting_ms += m["stats"]["sum"].get<std::uint64_t>();
        if (m["metric"] == "tHandle") {
          user_handle += m["stats"]["sum"].get<std::uint64_t>();
          user_handled += m["stats"]["count"].get<std::uint64_t>();
        }
      }
      EXPECT_EQ(routing, 3'600'000u) << d["interval"];
      EXPECT_EQ(presence, 3'600'000u) << d["interval"];
    }
  }
  EXPECT_GT(interacting_ms, 0u);
  const auto queues = post_json(kEmea, "/api/v2/analytics/conversations/aggregates/query",
                                {{"interval", interval}, {"metrics", {"tHandle"}}});
  std::uint64_t queue_handle = 0, queue_handled = 0;
  for (const auto& r : queues["results"])
    for (const auto& d : r["data"])
      for (const auto& m : d["metrics"]) {
        queue_handle += m["stats"]["sum"].get<std::uint64_t>();
        queue_handled += m["stats"]["count"].get<std::uint64_t>();
      }
  EXPECT_GT(queue_handled, 0u);
  EXPECT_EQ(user_handled, queue_handled);
  EXPECT_EQ(user_handle, queue_handle);
}

TEST_P(AgentState, UserAggregatesByQueueAndMedia) {
  const auto j = post_json(kEmea, kUserAggregates,
                           {{"interval", "2026-03-02T06:00:00.000Z/2026-03-02T10:00:00.000Z"},
                            {"groupBy", {"queueId", "mediaType"}},
                            {"metrics", {"tHandle", "nOffered", "tAgentRoutingStatus"}}});
  ASSERT_TRUE(j.contains("results"));
  for (const auto& r : j["results"]) {
    EXPECT_TRUE(r["group"].contains("queueId"));
    EXPECT_TRUE(r["group"].contains("mediaType"));
    for (const auto& m : r["data"][0]["metrics"]) EXPECT_NE(m["metric"], "tAgentRoutingStatus");
  }
}

TEST_P(AgentState, UserDetailsSegmentsCoverTheInterval) {
  const auto j = post_json(kEmea, kUserDetails,
                           {{"interval", "2026-03-02T00:00:00.000Z/2026-03-02T10:00:00.000Z"},
                            {"paging", {{"pageSize", 5}, {"pageNumber", 2}}}});
  ASSERT_EQ(j["userDetails"].size(), 5u);
  EXPECT_GT(j["totalHits"].get<int>(), 100);
  for (const auto& u : j["userDetails"]) {
    for (const char* key : {"primaryPresence", "routingStatus"}) {
      const auto& segs = u[key];
      ASSERT_FALSE(segs.empty());
      EXPECT_EQ(segs.front()["startTime"], "2026-03-02T00:00:00.000Z");
      EXPECT_EQ(segs.back()["endTime"], "2026-03-02T10:00:00.000Z");
      for (std::size_t i = 1; i < segs.size(); ++i) EXPECT_EQ(segs[i]["startTime"], segs[i - 1]["endTime"]);
    }
  }
  // A user filter picks that user.
  const std::string id = j["userDetails"][0]["userId"];
  const auto one = post_json(kEmea, kUserDetails,
                             {{"interval", "2026-03-02T00:00:00.000Z/2026-03-02T10:00:00.000Z"},
                              {"userFilters", {{{"type", "or"}, {"predicates", {{{"dimension", "userId"}, {"value", id}}}}}}}});
  ASSERT_EQ(one["userDetails"].size(), 1u);
  EXPECT_EQ(one["userDetails"][0]["userId"], id);
}

TEST_P(AgentState, MalformedUserQueriesNameTheField) {
  struct Case {
    const char* target;
    json body;
    const char* names;
  };
  const std::string iv = "2026-03-02T00:00:00.000Z/2026-03-02T10:00:00.000Z";
  const Case cases[] = {
      {kUserAggregates, {{"interval", iv}, {"metrics", {"tBogus"}}}, "tBogus"},
      {kUserAggregates, {{"interval", iv}, {"groupBy", {"wrapUpCode"}}, {"metrics", {"tHandle"}}}, "wrapUpCode"},
      {kUserAggregates, {{"interval", "2026-03-02T00:00:00Z"}, {"metrics", {"tHandle"}}}, "ISO-8601"},
      {kUserAggregates, {{"interval", iv}}, "metrics"},
      {kUserAggregates, {{"interval", "2026-03-02T00:07:00.000Z/2026-03-02T10:00:00.000Z"}, {"metrics", {"tHandle"}}}, "interval"},
      {kUserAggregates, {{"interval", iv}, {"granularity", "PT7M"}, {"metrics", {"tHandle"}}}, "PT7M"},
      {kUserAggregates,
       {{"interval", iv}, {"metrics", {"tHandle"}}, {"filter", {{"type", "and"}, {"predicates", {{{"dimension", "flowId"}, {"value", "x"}}}}}}},
       "flowId"},
      {kUserDetails, {{"interval", iv}, {"paging", {{"pageSize", 1000}}}}, "pageSize"},
      {kUserDetails, {{"interval", iv}, {"order", "sideways"}}, "sideways"},
      {kUserDetails, {{"interval", iv}, {"presenceFilters", json::array({json::object()})}}, "presenceFilters"},
  };
  for (const auto& c : cases) {
    auto res = send_json(kEmea, "POST", c.target, c.body);
    EXPECT_EQ(res.status, 400) << c.body.dump();
    EXPECT_NE(res.body.find(c.names), std::string::npos) << res.body;
  }
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(AgentState);

}  // namespace
}  // namespace mockgc::testing
