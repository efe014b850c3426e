#include "mockgc/client/create_if_missing.hpp"

#include <gtest/gtest.h>

#include "mockgc/client/errc.hpp"
#include "mockgc/client/json_calls.hpp"
#include "support/scripted_transport.hpp"

namespace mockgc::client {
namespace {

using testing::http_json;

// A tiny server-side store behind the scripted transport: GET lists, POST creates (maybe losing the answer).
struct ActivityCodeServer {
  std::vector<std::string> names;
  int posts = 0;
  bool lose_next_answer = false;   // apply the create, then reset the connection
  bool fail_next_before_apply = false;  // reset without applying

  std::optional<testing::Reply> handle(const testing::SentRequest& s) {
    if (s.request.method == "GET") {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& n : names) list.push_back({{"id", "id-" + n}, {"name", n}});
      return http_json(200, nlohmann::json{{"entities", list}}.dump());
    }
    ++posts;
    if (fail_next_before_apply) {
      fail_next_before_apply = false;
      return std::error_code(errc::connection_reset);
    }
    const auto name = nlohmann::json::parse(s.request.body)["name"].get<std::string>();
    names.push_back(name);
    if (lose_next_answer) {
      lose_next_answer = false;
      return std::error_code(errc::connection_reset);
    }
    return http_json(200, nlohmann::json{{"id", "id-" + name}, {"name", name}}.dump());
  }
};

class CreateIfMissingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    transport.set_handler([this](const testing::SentRequest& s) { return server.handle(s); });
  }
  Result<CreateResult> ensure(const std::string& name) {
    const std::string path = "/api/v2/workforcemanagement/businessunits/bu1/activitycodes";
    return create_if_missing(
        [&]() -> Result<std::optional<nlohmann::json>> {
          auto listing = get_wfm_listing(client, path);
          if (!listing) return listing.error();
          for (auto& e : (*listing)["entities"])
            if (e["name"] == name) return std::optional<nlohmann::json>(e);
          return std::optional<nlohmann::json>();
        },
        [&] { return client.call("POST", path, {}, nlohmann::json{{"name", name}}.dump()); });
  }

  api::ManualClock clock;
  testing::ScriptedTransport transport{clock};
  OrgClient client{testing::test_org(), transport, clock};
  ActivityCodeServer server;
};

TEST_F(CreateIfMissingTest, CreatesWhenMissing) {
  auto r = ensure("Break");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcome, CreateOutcome::created);
  EXPECT_EQ(r->entity["id"], "id-Break");
  EXPECT_EQ(server.posts, 1);
}

TEST_F(CreateIfMissingTest, DoesNotCreateWhatExists) {
  server.names = {"Break"};
  auto r = ensure("Break");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcome, CreateOutcome::already_existed);
  EXPECT_EQ(server.posts, 0);
}

TEST_F(CreateIfMissingTest, LostCreateResponseIsReReadNotDuplicated) {
  server.lose_next_answer = true;
  auto r = ensure("Lunch");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcome, CreateOutcome::created_unconfirmed_answer);
  EXPECT_EQ(server.posts, 1);
  EXPECT_EQ(server.names, std::vector<std::string>{"Lunch"});  // exactly one, no duplicate
  // Between the two POST attempts there is always a read.
  const auto sent = transport.api_requests();
  for (std::size_t i = 1; i < sent.size(); ++i)
    EXPECT_FALSE(sent[i].request.method == "POST" && sent[i - 1].request.method == "POST");
}

TEST_F(CreateIfMissingTest, CreatesAgainOnlyIfTheReReadShowsItMissing) {
  server.fail_next_before_apply = true;
  auto r = ensure("Meeting");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcome, CreateOutcome::created);
  EXPECT_EQ(server.posts, 2);
  EXPECT_EQ(server.names, std::vector<std::string>{"Meeting"});
}

TEST_F(CreateIfMissingTest, DefinitiveRejectionIsReturnedWithTheResponse) {
  transport.set_handler([](const testing::SentRequest& s) -> std::optional<testing::Reply> {
    if (s.request.method == "GET") return http_json(200, R"({"entities":[]})");
    return http_json(400, R"({"code":"bad.request"})");
  });
  auto r = ensure("Bad");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcome, CreateOutcome::rejected);
  EXPECT_EQ(r->response.status, 400);
}

TEST_F(CreateIfMissingTest, GivesUpAsUnknownAfterMaxCreates) {
  transport.set_handler([](const testing::SentRequest& s) -> std::optional<testing::Reply> {
    if (s.request.method == "GET") return http_json(200, R"({"entities":[]})");
    return std::error_code(errc::timeout);
  });
  EXPECT_EQ(ensure("Never").error(), errc::outcome_unknown);
  std::size_t posts = 0;
  for (const auto& s : transport.api_requests()) posts += s.request.method == "POST";
  EXPECT_EQ(posts, 3u);
}

}  // namespace
}  // namespace mockgc::client
