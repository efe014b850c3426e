// Malformed queries on every analytics query and job route (conversation and user, aggregates and details, sync
// and jobs) over every harness kind: an unknown dimension, an unknown metric, a bad interval, bad paging… each
// gets a Genesys ErrorBody 400 whose details name the field at fault.
#include "history_fixture.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;

class AnalyticsErrors : public HistoryEndpointTest {
 protected:
  // Posts `body` and checks the 400 names `field` in details[].fieldName (and `text` in the message).
  void expect_field(const std::string& path, const json& body, const std::string& field, const std::string& text) {
    auto res = send_json(kEmea, "POST", path, body);
    ASSERT_EQ(res.status, 400) << path << " " << body.dump() << ": " << res.body;
    const json j = body_json(res);
    EXPECT_TRUE(j["code"] == "bad.request" || j["code"] == "invalid.value" || j["code"] == "invalid.date") << res.body;
    ASSERT_EQ(j["details"].size(), 1u) << path << " " << res.body;
    EXPECT_EQ(j["details"][0]["fieldName"], field) << path << " " << body.dump();
    EXPECT_EQ(j["details"][0]["errorCode"], j["code"]);
    EXPECT_NE(j["message"].get<std::string>().find(text), std::string::npos) << res.body;
  }
};

const std::string kIv = "2026-03-02T00:00:00.000Z/2026-03-02T06:00:00.000Z";
const json kFlowFilter = {{"type", "and"}, {"predicates", {{{"dimension", "flowId"}, {"value", "x"}}}}};

TEST_P(AnalyticsErrors, AggregatesRoutesNameTheField) {
  for (const std::string path : {"/api/v2/analytics/conversations/aggregates/query", "/api/v2/analytics/conversations/aggregates/jobs",
                                 "/api/v2/analytics/users/aggregates/query", "/api/v2/analytics/users/aggregates/jobs"}) {
    expect_field(path, {{"interval", kIv}, {"metrics", {"tBogus"}}}, "metrics", "tBogus");
    expect_field(path, {{"interval", kIv}}, "metrics", "metrics");
    expect_field(path, {{"interval", kIv}, {"groupBy", {"flowId"}}, {"metrics", {"tHandle"}}}, "groupBy", "flowId");
    expect_field(path, {{"interval", kIv}, {"filter", kFlowFilter}, {"metrics", {"tHandle"}}}, "filter", "flowId");
    expect_field(path, {{"interval", "2026-03-02"}, {"metrics", {"tHandle"}}}, "interval", "ISO-8601");
    expect_field(path, {{"metrics", {"tHandle"}}}, "interval", "interval");
    expect_field(path, {{"interval", "2026-03-02T06:00:00.000Z/2026-03-02T00:00:00.000Z"}, {"metrics", {"tHandle"}}},
                 "interval", "after its start");
    expect_field(path, {{"interval", kIv}, {"granularity", "PT7M"}, {"metrics", {"tHandle"}}}, "granularity", "PT7M");
    expect_field(path, {{"interval", kIv}, {"timeZone", "Mars/Olympus"}, {"metrics", {"tHandle"}}}, "timeZone", "Mars");
  }
  expect_field("/api/v2/analytics/users/aggregates/query", {{"interval", kIv}, {"metrics", {"tHandle"}}, {"pageSize", 5}},
               "pageSize", "pageSize");
}

TEST_P(AnalyticsErrors, DetailsRoutesNameTheField) {
  const std::string conversations[] = {"/api/v2/analytics/conversations/details/query",
                                       "/api/v2/analytics/conversations/details/jobs"};
  for (const auto& path : conversations) {
    expect_field(path, {{"interval", kIv}, {"segmentFilters", {kFlowFilter}}}, "segmentFilters", "flowId");
    expect_field(path, {{"interval", kIv}, {"conversationFilters", {kFlowFilter}}}, "conversationFilters", "flowId");
    expect_field(path, {{"interval", "yesterday"}}, "interval", "ISO-8601");
    expect_field(path, {{"interval", kIv}, {"orderBy", "tHandle"}}, "orderBy", "tHandle");
    expect_field(path, {{"interval", kIv}, {"order", "up"}}, "order", "up");
    expect_field(path, {{"interval", kIv}, {"surveyFilters", {kFlowFilter}}}, "surveyFilters", "surveyFilters");
  }
  const std::string users[] = {"/api/v2/analytics/users/details/query", "/api/v2/analytics/users/details/jobs"};
  for (const auto& path : users) {
    expect_field(path, {{"interval", kIv}, {"userFilters", {kFlowFilter}}}, "userFilters", "flowId");
    expect_field(path, {{"interval", "2026-03-02T00:00:00Z"}}, "interval", "ISO-8601");
    expect_field(path, {{"interval", kIv}, {"presenceFilters", {kFlowFilter}}}, "presenceFilters", "presenceFilters");
  }
  expect_field(conversations[0], {{"interval", kIv}, {"paging", {{"pageSize", 101}}}}, "paging.pageSize", "pageSize");
  expect_field(conversations[0], {{"interval", kIv}, {"paging", {{"pageNumber", 0}}}}, "paging.pageNumber", "pageNumber");
  expect_field(conversations[1], {{"interval", kIv}, {"limit", -1}}, "limit", "limit");
  expect_field(users[1], {{"interval", kIv}, {"paging", {{"pageSize", 5}}}}, "paging", "cursor");
}

TEST_P(AnalyticsErrors, JobResultsNameTheCursorAndPageSize) {
  auto res = send_json(kEmea, "POST", "/api/v2/analytics/users/details/jobs", {{"interval", kIv}});
  ASSERT_EQ(res.status, 202);
  const std::string id = body_json(res)["jobId"];
  clock_->advance(std::chrono::seconds(2));
  for (const std::string query : {"cursor=nonsense", "cursor=3.0123456789ab", "pageSize=0", "pageSize=x"}) {
    auto r = get(kEmea, "/api/v2/analytics/users/details/jobs/" + id + "/results?" + query);
    ASSERT_EQ(r.status, 400) << query << ": " << r.body;
    EXPECT_EQ(body_json(r)["details"][0]["fieldName"], query.substr(0, query.find('='))) << r.body;
  }
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(AnalyticsErrors);

}  // namespace
}  // namespace mockgc::testing
