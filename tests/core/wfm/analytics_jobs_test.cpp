// The analytics jobs of conversation details, users aggregates and users details over every harness kind:
// POST …/jobs (202 {jobId}) -> GET …/jobs/{id} (QUEUED -> FULFILLED by the service clock) -> GET
// …/jobs/{id}/results?cursor= pages that add up to the synchronous query; DELETE; a cursor of another job
// and an unknown job are refused; jobs expire and their number is capped.
#include "history_fixture.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
constexpr const char* kAnalytics = "/api/v2/analytics";
const std::string kPastDay = "2026-03-10T00:00:00.000Z/2026-03-11T00:00:00.000Z";

class AnalyticsJobs : public HistoryEndpointTest {
 protected:
  void SetUp() override {
    HistoryEndpointTest::SetUp();
    start_at("2026-04-20T12:00:00Z");
  }
  static std::string jobs(const std::string& family) { return std::string(kAnalytics) + "/" + family + "/jobs"; }
  std::string submit(const std::string& family, const json& body) {
    auto res = send_json(kEmea, "POST", jobs(family), body);
    EXPECT_EQ(res.status, 202) << res.body;
    return body_json(res).value("jobId", std::string());
  }
  // Every page of a fulfilled job's results, concatenated (`key`: the array each page holds).
  json all_results(const std::string& family, const std::string& id, const std::string& key, const std::string& extra = "") {
    json all = json::array();
    std::string cursor;
    int pages = 0;
    do {
      std::string target = jobs(family) + "/" + id + "/results?" + extra;
      if (!cursor.empty()) target += "&cursor=" + cursor;
      auto page = get_json(kEmea, target);
      for (auto& r : page.value(key, json::array())) all.push_back(std::move(r));
      cursor = page.value("cursor", std::string());
      ++pages;
    } while (!cursor.empty() && pages < 1000);
    pages_ = pages;
    return all;
  }
  json sync(const std::string& family, const json& body) {
    auto res = send_json(kEmea, "POST", std::string(kAnalytics) + "/" + family + "/query", body);
    EXPECT_EQ(res.status, 200) << res.body;
    return body_json(res);
  }
  int pages_ = 0;
};

TEST_P(AnalyticsJobs, ConversationDetailsJobPagesAreTheSyncQuery) {
  const std::string id = submit("conversations/details", {{"interval", kPastDay}, {"order", "desc"}});
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(get_json(kEmea, jobs("conversations/details") + "/" + id)["state"], "QUEUED");
  EXPECT_ERROR_BODY(get(kEmea, jobs("conversations/details") + "/" + id + "/results"), 400, "bad.request");
  clock_->advance(std::chrono::seconds(2));
  const auto status = get_json(kEmea, jobs("conversations/details") + "/" + id);
  EXPECT_EQ(status["state"], "FULFILLED");
  EXPECT_EQ(status["completionDate"], "2026-04-20T12:00:02.000Z");
  const json from_job = all_results("conversations/details", id, "conversations", "pageSize=500");
  EXPECT_GT(pages_, 1);
  json from_sync = json::array();
  for (int page = 1;; ++page) {
    auto j = sync("conversations/details", {{"interval", kPastDay}, {"order", "desc"}, {"paging", {{"pageSize", 100}, {"pageNumber", page}}}});
    if (!j.contains("conversations")) break;
    for (auto& c : j["conversations"]) from_sync.push_back(std::move(c));
  }
  ASSERT_GT(from_sync.size(), 500u);
  EXPECT_EQ(from_job, from_sync);
  auto first = get_json(kEmea, jobs("conversations/details") + "/" + id + "/results?pageSize=3");
  EXPECT_EQ(first["conversations"].size(), 3u);
  EXPECT_EQ(first["dataAvailabilityDate"], "2026-04-20T12:00:00.000Z");
  // `limit` keeps the first conversations.
  const std::string limited = submit("conversations/details", {{"interval", kPastDay}, {"order", "desc"}, {"limit", 5}});
  clock_->advance(std::chrono::seconds(2));
  const json five = all_results("conversations/details", limited, "conversations");
  ASSERT_EQ(five.size(), 5u);
  EXPECT_EQ(five[4], from_sync[4]);
  EXPECT_EQ(get_json(kEmea, jobs("conversations/details") + "/availability")["dataAvailabilityDate"],
            "2026-04-20T12:00:00.000Z");
}

TEST_P(AnalyticsJobs, UserJobsPagesAreTheSyncQueries) {
  const json aggregates = {{"interval", kPastDay}, {"granularity", "PT1H"}, {"groupBy", {"userId"}},
                           {"metrics", {"tAgentRoutingStatus", "tHandle"}}};
  json async = aggregates;
  async["pageSize"] = 25;
  const std::string agg = submit("users/aggregates", async);
  const std::string det = submit("users/details", {{"interval", kPastDay}});
  clock_->advance(std::chrono::seconds(2));
  EXPECT_EQ(get_json(kEmea, jobs("users/aggregates") + "/" + agg)["state"], "FULFILLED");
  EXPECT_EQ(all_results("users/aggregates", agg, "results"), sync("users/aggregates", aggregates)["results"]);
  EXPECT_GT(pages_, 1);
  const json details = all_results("users/details", det, "userDetails", "pageSize=30");
  EXPECT_GT(pages_, 1);
  json expected = json::array();
  for (int page = 1;; ++page) {
    auto j = sync("users/details", {{"interval", kPastDay}, {"paging", {{"pageSize", 100}, {"pageNumber", page}}}});
    if (!j.contains("userDetails")) break;
    for (auto& u : j["userDetails"]) expected.push_back(std::move(u));
  }
  EXPECT_EQ(details, expected);
  EXPECT_GT(details.size(), 100u);
}

TEST_P(AnalyticsJobs, CursorsUnknownJobsAndDeletion) {
  const std::string a = submit("conversations/details", {{"interval", kPastDay}});
  const std::string b = submit("conversations/details", {{"interval", kPastDay}});
  clock_->advance(std::chrono::seconds(2));
  const auto page_a = get_json(kEmea, jobs("conversations/details") + "/" + a + "/results?pageSize=10");
  const std::string cursor = page_a["cursor"];
  // Another job's cursor is refused, naming the field.
  auto res = get(kEmea, jobs("conversations/details") + "/" + b + "/results?cursor=" + cursor);
  EXPECT_ERROR_BODY(res, 400, "bad.request");
  EXPECT_NE(body_json(res)["message"].get<std::string>().find("cursor"), std::string::npos);
  EXPECT_NE(body_json(res)["message"].get<std::string>().find("another"), std::string::npos);
  res = get(kEmea, jobs("conversations/details") + "/" + a + "/results?cursor=garbage");
  EXPECT_ERROR_BODY(res, 400, "bad.request");
  EXPECT_NE(body_json(res)["message"].get<std::string>().find("cursor"), std::string::npos);
  EXPECT_ERROR_BODY(get(kEmea, jobs("conversations/details") + "/" + a + "/results?pageSize=0"), 400, "bad.request");
  // Its own cursor continues where the page ended.
  const auto next = get_json(kEmea, jobs("conversations/details") + "/" + a + "/results?pageSize=10&cursor=" + cursor);
  EXPECT_NE(next["conversations"][0], page_a["conversations"][0]);
  // Unknown ids, and ids of another family, are 404s.
  for (const auto& family : {"conversations/details", "users/details", "users/aggregates", "conversations/aggregates"}) {
    EXPECT_ERROR_BODY(get(kEmea, jobs(family) + "/no-such-job"), 404, "not.found");
    EXPECT_ERROR_BODY(get(kEmea, jobs(family) + "/no-such-job/results"), 404, "not.found");
  }
  EXPECT_ERROR_BODY(get(kEmea, jobs("users/details") + "/" + a), 404, "not.found");
  EXPECT_ERROR_BODY(get(kApac, jobs("conversations/details") + "/" + a), 404, "not.found");
  // DELETE forgets the job.
  EXPECT_EQ(h().send(kEmea, json_request("DELETE", jobs("conversations/details") + "/" + a, token(kEmea), json())).status, 204);
  EXPECT_ERROR_BODY(get(kEmea, jobs("conversations/details") + "/" + a), 404, "not.found");
  EXPECT_ERROR_BODY(h().send(kEmea, json_request("DELETE", jobs("conversations/details") + "/" + a, token(kEmea), json())), 404,
                    "not.found");
}

TEST_P(AnalyticsJobs, JobsExpireAndAreCapped) {
  const std::string first = submit("users/details", {{"interval", kPastDay}});
  clock_->advance(std::chrono::hours(25));
  tokens_.clear();  // the token has expired too
  EXPECT_EQ(get_json(kEmea, jobs("users/details") + "/" + first)["state"], "EXPIRED");
  EXPECT_ERROR_BODY(get(kEmea, jobs("users/details") + "/" + first + "/results"), 404, "not.found");
  // A lifetime after expiring, the next job creation forgets it.
  clock_->advance(std::chrono::hours(24));
  tokens_.clear();
  submit("users/details", {{"interval", kPastDay}});
  EXPECT_ERROR_BODY(get(kEmea, jobs("users/details") + "/" + first), 404, "not.found");
  // At most 1000 jobs per org: the oldest goes first.
  const std::string oldest = submit("users/aggregates", {{"interval", kPastDay}, {"metrics", {"tHandle"}}});
  for (int i = 0; i < 1000; ++i) {
    clock_->advance(std::chrono::milliseconds(250));  // under the default scenario's rate limit
    submit("users/aggregates", {{"interval", kPastDay}, {"metrics", {"tHandle"}}});
  }
  EXPECT_ERROR_BODY(get(kEmea, jobs("users/aggregates") + "/" + oldest), 404, "not.found");
}

TEST_P(AnalyticsJobs, MalformedJobsNameTheField) {
  struct Case {
    const char* family;
    json body;
    const char* names;
  };
  const Case cases[] = {
      {"conversations/details", {{"interval", kPastDay}, {"paging", {{"pageSize", 10}}}}, "paging"},
      {"conversations/details", {{"interval", kPastDay}, {"limit", 0}}, "limit"},
      {"conversations/details", {{"interval", "2026-01-01T00:00:00.000Z/2026-03-01T00:00:00.000Z"}}, "31 days"},
      {"conversations/details", {{"interval", "yesterday"}}, "ISO-8601"},
      {"users/details", {{"interval", kPastDay}, {"order", "up"}}, "order"},
      {"users/aggregates", {{"interval", kPastDay}, {"metrics", {"tBogus"}}}, "tBogus"},
      {"users/aggregates", {{"interval", kPastDay}, {"metrics", {"tHandle"}}, {"pageSize", 5000}}, "pageSize"},
      {"users/aggregates", {{"interval", kPastDay}, {"groupBy", {"wrapUpCode"}}, {"metrics", {"tHandle"}}}, "groupBy"},
  };
  for (const auto& c : cases) {
    auto res = send_json(kEmea, "POST", jobs(c.family), c.body);
    EXPECT_EQ(res.status, 400) << c.family << " " << c.body.dump();
    EXPECT_NE(res.body.find(c.names), std::string::npos) << res.body;
  }
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(AnalyticsJobs);

}  // namespace
}  // namespace mockgc::testing
