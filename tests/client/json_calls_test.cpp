#include "mockgc/client/json_calls.hpp"

#include <gtest/gtest.h>

#include "mockgc/client/errc.hpp"
#include "support/scripted_transport.hpp"

namespace mockgc::client {
namespace {

using testing::http_json;
using testing::ScriptedTransport;

class JsonCallsTest : public ::testing::Test {
 protected:
  api::ManualClock clock;
  ScriptedTransport transport{clock};
  OrgClient client{testing::test_org(), transport, clock};
};

TEST_F(JsonCallsTest, FollowsNextUriUntilThereIsNone) {
  transport.script(http_json(200, R"({"entities":[{"id":"q1"},{"id":"q2"}],"pageNumber":1,"pageCount":2,
      "nextUri":"/api/v2/routing/queues?pageSize=2&pageNumber=2"})"));
  transport.script(http_json(200, R"({"entities":[{"id":"q3"}],"pageNumber":2,"pageCount":2})"));
  auto all = get_all_entities(client, "/api/v2/routing/queues", {{"pageSize", "2"}});
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[2]["id"], "q3");
  const auto sent = transport.api_requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].request.target, "/api/v2/routing/queues?pageSize=2");
  EXPECT_EQ(sent[1].request.target, "/api/v2/routing/queues?pageSize=2&pageNumber=2");
}

TEST_F(JsonCallsTest, APagingLoopIsAnErrorNotAHang) {
  transport.set_handler([](const testing::SentRequest&) -> std::optional<testing::Reply> {
    return http_json(200, R"({"entities":[],"nextUri":"/api/v2/loop"})");
  });
  EXPECT_EQ(get_all_entities(client, "/api/v2/loop").error(), errc::malformed_response);
}

TEST_F(JsonCallsTest, NonSuccessAndNonJsonAreDistinctErrors) {
  transport.script(http_json(403, R"({"code":"missing.permissions"})"));
  EXPECT_EQ(get_json(client, "/api/v2/x").error(), errc::unexpected_status);
  transport.script(testing::http_status(200, "<html>"));
  EXPECT_EQ(get_json(client, "/api/v2/x").error(), errc::malformed_response);
}

TEST_F(JsonCallsTest, WfmDownloadUrlIsFetchedWithoutAuthAndOutsideTheBudget) {
  transport.script(http_json(200, R"({"entities":[],"downloadUrl":"https://files.test.example/dl/1.json?sig=abc"})"));
  transport.script(http_json(200, R"({"entities":[{"id":"ac1"},{"id":"ac2"}]})"));
  auto listing = get_wfm_listing(client, "/api/v2/workforcemanagement/businessunits/bu1/activitycodes");
  ASSERT_TRUE(listing);
  EXPECT_EQ((*listing)["entities"].size(), 2u);
  const auto sent = transport.api_requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].to.host, "files.test.example");
  EXPECT_EQ(sent[1].request.target, "/dl/1.json?sig=abc");
  EXPECT_FALSE(sent[1].request.headers.has("Authorization"));
  EXPECT_EQ(client.stats().api_requests, 1u);
}

TEST_F(JsonCallsTest, ListingWithoutDownloadUrlIsReturnedAsIs) {
  transport.script(http_json(200, R"({"entities":[{"id":"ac1"}]})"));
  auto listing = get_wfm_listing(client, "/api/v2/workforcemanagement/businessunits/bu1/activitycodes");
  ASSERT_TRUE(listing);
  EXPECT_EQ((*listing)["entities"][0]["id"], "ac1");
  EXPECT_EQ(transport.api_requests().size(), 1u);
}

TEST_F(JsonCallsTest, FollowsAnalyticsCursorsUntilNoneComesBack) {
  transport.script(http_json(200, R"({"results":[{"n":1}],"cursor":"c1"})"));
  transport.script(http_json(200, R"({"results":[{"n":2},{"n":3}],"cursor":"c2"})"));
  transport.script(http_json(200, R"({"results":[{"n":4}]})"));
  auto all = get_all_cursor_pages(client, "/api/v2/analytics/conversations/aggregates/jobs/j1/results");
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[3]["n"], 4);
  const auto sent = transport.api_requests();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[2].request.target, "/api/v2/analytics/conversations/aggregates/jobs/j1/results?cursor=c2");
}

}  // namespace
}  // namespace mockgc::client
