// The aggregates jobs trio: POST …/jobs (202 {jobId}) -> GET …/jobs/{id} (QUEUED -> PENDING -> FULFILLED
// -> EXPIRED by the service clock) -> GET …/jobs/{id}/results?cursor= pages; and their errors.
#include "history_fixture.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;

class AggregateJobs : public HistoryEndpointTest {
 protected:
  void SetUp() override {
    HistoryEndpointTest::SetUp();
    start_at("2026-04-20T12:00:00Z");
  }
  std::string submit(const json& body) {
    auto res = send_json(kEmea, "POST", kJobs, body);
    EXPECT_EQ(res.status, 202) << res.body;
    return body_json(res).value("jobId", std::string());
  }
};

TEST_P(AggregateJobs, LifecycleAndCursorPagesMatchTheSyncQuery) {
  const json q = {{"interval", "2026-03-10T00:00:00Z/2026-03-12T00:00:00Z"}, {"granularity", "PT1H"},
                  {"groupBy", {"queueId"}}, {"metrics", {"nOffered", "tHandle"}}};
  json async = q;
  async["pageSize"] = 7;
  const std::string id = submit(async);
  ASSERT_FALSE(id.empty());
  auto status = get_json(kEmea, std::string(kJobs) + "/" + id);
  EXPECT_EQ(status["state"], "QUEUED");
  EXPECT_EQ(status["submissionDate"], "2026-04-20T12:00:00.000Z");
  EXPECT_FALSE(status.contains("completionDate"));
  EXPECT_ERROR_BODY(get(kEmea, std::string(kJobs) + "/" + id + "/results"), 400, "bad.request");
  clock_->advance(std::chrono::seconds(1));
  EXPECT_EQ(get_json(kEmea, std::string(kJobs) + "/" + id)["state"], "PENDING");
  clock_->advance(std::chrono::seconds(1));
  status = get_json(kEmea, std::string(kJobs) + "/" + id);
  EXPECT_EQ(status["state"], "FULFILLED");
  EXPECT_EQ(status["completionDate"], "2026-04-20T12:00:02.000Z");
  EXPECT_EQ(status["expirationDate"], "2026-04-21T12:00:02.000Z");

  json all = json::array();
  std::string cursor;
  int pages = 0;
  do {
    auto page = get_json(kEmea, std::string(kJobs) + "/" + id + "/results" + (cursor.empty() ? "" : "?cursor=" + cursor));
    EXPECT_LE(page["results"].size(), 7u);
    for (auto& r : page["results"]) all.push_back(r);
    cursor = page.value("cursor", std::string());
    ++pages;
  } while (!cursor.empty() && pages < 100);
  EXPECT_GT(pages, 1);
  auto sync = send_json(kEmea, "POST", kAggregates, q);
  ASSERT_EQ(sync.status, 200);
  EXPECT_EQ(all, body_json(sync)["results"]);

  EXPECT_ERROR_BODY(get(kEmea, std::string(kJobs) + "/" + id + "/results?cursor=garbage"), 400, "bad.request");
  clock_->advance(std::chrono::hours(25));
  tokens_.clear();  // the token has expired too
  EXPECT_EQ(get_json(kEmea, std::string(kJobs) + "/" + id)["state"], "EXPIRED");
  EXPECT_ERROR_BODY(get(kEmea, std::string(kJobs) + "/" + id + "/results"), 404, "not.found");
}

TEST_P(AggregateJobs, AllowLongerIntervalsThanTheSyncQuery) {
  const json q = {{"interval", "2025-11-01T00:00:00Z/2026-04-01T00:00:00Z"}, {"granularity", "P7D"},
                  {"timeZone", "Europe/London"}, {"metrics", {"nOffered"}}};
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", kAggregates, q), 400, "bad.request");
  const std::string id = submit(q);
  clock_->advance(std::chrono::seconds(5));
  auto page = get_json(kEmea, std::string(kJobs) + "/" + id + "/results");
  ASSERT_FALSE(page["results"].empty());
  EXPECT_GT(page["results"][0]["data"].size(), 20u);
  json too_long = q;
  too_long["interval"] = "2025-01-01T00:00:00Z/2026-04-01T00:00:00Z";
  auto res = send_json(kEmea, "POST", kJobs, too_long);
  EXPECT_ERROR_BODY(res, 400, "bad.request");
  EXPECT_NE(body_json(res)["message"].get<std::string>().find("190 days"), std::string::npos);
}

TEST_P(AggregateJobs, Errors) {
  EXPECT_ERROR_BODY(get(kEmea, std::string(kJobs) + "/no-such-job"), 404, "not.found");
  EXPECT_ERROR_BODY(get(kEmea, std::string(kJobs) + "/no-such-job/results"), 404, "not.found");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", kJobs, {{"interval", "bad"}, {"metrics", {"nOffered"}}}), 400, "invalid.date");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", kJobs,
                              {{"interval", "2026-03-10T00:00:00Z/2026-03-11T00:00:00Z"}, {"metrics", {"nOffered"}}, {"pageSize", 0}}),
                    400, "bad.request");
  // Jobs are per org: another region does not see them.
  const std::string id = submit({{"interval", "2026-03-10T00:00:00Z/2026-03-11T00:00:00Z"}, {"metrics", {"nOffered"}}});
  EXPECT_ERROR_BODY(get(kApac, std::string(kJobs) + "/" + id), 404, "not.found");
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(AggregateJobs);

}  // namespace
}  // namespace mockgc::testing
