#include "mockgc/client/org_client.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "mockgc/client/errc.hpp"
#include "support/scripted_transport.hpp"

namespace mockgc::client {
namespace {

using testing::http_429;
using testing::http_json;
using testing::http_status;
using testing::ScriptedTransport;

class OrgClientTest : public ::testing::Test {
 protected:
  api::ManualClock clock;
  ScriptedTransport transport{clock};
  Instant t0 = clock.now();
  OrgClientOptions options = [] {
    OrgClientOptions o;
    o.retry = RetryConfig{.max_retries = 4, .max_total = Millis(10 * 60'000), .base_delay = Millis(1'000),
                          .max_delay = Millis(8'000), .seed = 11};
    return o;
  }();
};

TEST_F(OrgClientTest, LogsInOnceAndSendsTheBearerTokenAndJsonHeaders) {
  OrgClient client(testing::test_org(), transport, clock, options);
  ASSERT_TRUE(client.call("GET", "/api/v2/workforcemanagement/businessunits", {{"divisionId", "d1,d2"}}));
  ASSERT_TRUE(client.call("POST", "/api/v2/x", {}, R"({"a":1})"));
  const auto sent = transport.sent();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_TRUE(sent[0].is_login());
  EXPECT_EQ(sent[0].to.host, "login.test.example");
  EXPECT_EQ(sent[1].to.host, "api.test.example");
  EXPECT_EQ(sent[1].request.target, "/api/v2/workforcemanagement/businessunits?divisionId=d1%2Cd2");
  EXPECT_EQ(sent[1].request.headers.get("Authorization"), "Bearer tok-1");
  EXPECT_EQ(sent[1].request.headers.get("Accept"), "application/json");
  EXPECT_FALSE(sent[1].request.headers.has("Content-Type"));
  EXPECT_EQ(sent[2].request.headers.get("Content-Type"), "application/json");
  EXPECT_EQ(sent[2].request.headers.get("Authorization"), "Bearer tok-1");
  EXPECT_TRUE(sent[1].idempotent);
  EXPECT_FALSE(sent[2].idempotent);
}

TEST_F(OrgClientTest, HttpErrorsAreValuesNotErrors) {
  OrgClient client(testing::test_org(), transport, clock, options);
  transport.script(http_json(404, R"({"code":"not.found","status":404})"));
  auto r = client.call("GET", "/api/v2/nothing");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(transport.api_requests().size(), 1u);  // 4xx are never retried
}

TEST_F(OrgClientTest, RetryAfterIsHonouredExactlyAndCostsNoWallTime) {
  OrgClient client(testing::test_org(), transport, clock, options);
  transport.set_latency(Millis(7));
  transport.script(http_429(60));
  const auto wall = std::chrono::steady_clock::now();
  auto r = client.call("GET", "/api/v2/x");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  const auto sent = transport.api_requests();
  ASSERT_EQ(sent.size(), 2u);
  // The 429 arrived after 7 ms of latency; the retry goes exactly 60 s after that, not a millisecond earlier.
  EXPECT_EQ(sent[1].at - sent[0].at, Millis(60'007));
  EXPECT_LT(std::chrono::steady_clock::now() - wall, std::chrono::seconds(5));
}

TEST_F(OrgClientTest, RetryAfterHoldsEveryRequestToThatOrg) {
  transport.script(http_429(30));
  options.retry.max_retries = 0;
  OrgClient impatient(testing::test_org(), transport, clock, options);
  auto r = impatient.call("GET", "/api/v2/x");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429);  // no retries allowed: the 429 is the answer
  const auto at429 = clock.now();
  auto next = impatient.call("GET", "/api/v2/y");  // another request to the same org waits too
  ASSERT_TRUE(next);
  const auto sent = transport.api_requests();
  EXPECT_EQ(sent[1].at, at429 + Millis(30'000));
}

TEST_F(OrgClientTest, ServiceUnavailableBacksOffWithJitterWithinTheCap) {
  OrgClient client(testing::test_org(), transport, clock, options);
  for (int i = 0; i < 3; ++i) transport.script(http_status(503));
  auto r = client.call("GET", "/api/v2/x");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  const auto sent = transport.api_requests();
  ASSERT_EQ(sent.size(), 4u);
  for (std::size_t i = 1; i < sent.size(); ++i) {
    const auto gap = sent[i].at - sent[i - 1].at;
    EXPECT_GE(gap, Millis(0));
    EXPECT_LE(gap, Millis(1'000 << (i - 1))) << "retry " << i;  // full jitter in [0, base·2^n]
  }
  EXPECT_EQ(client.stats().retries, 3u);
}

TEST_F(OrgClientTest, RetriesStopAtTheBudgetAndTheLastAnswerIsReturned) {
  OrgClient client(testing::test_org(), transport, clock, options);
  for (int i = 0; i < 10; ++i) transport.script(http_status(503));
  auto r = client.call("GET", "/api/v2/x");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(transport.api_requests().size(), 5u);  // 1 + max_retries
}

TEST_F(OrgClientTest, TransportErrorsOnAGetAreRetriedThenReportedAsBudgetExhausted) {
  OrgClient client(testing::test_org(), transport, clock, options);
  for (int i = 0; i < 10; ++i) transport.script(std::error_code(errc::connection_reset));
  auto r = client.call("GET", "/api/v2/x");
  EXPECT_EQ(r.error(), errc::retry_budget_exhausted);
  EXPECT_EQ(transport.api_requests().size(), 5u);
}

TEST_F(OrgClientTest, PostIsNeverBlindlyRetriedAfterAResetOrTimeout) {
  OrgClient client(testing::test_org(), transport, clock, options);
  transport.script(std::error_code(errc::connection_reset));
  EXPECT_EQ(client.call("POST", "/api/v2/x", {}, "{}").error(), errc::outcome_unknown);
  transport.script(std::error_code(errc::timeout));
  EXPECT_EQ(client.call("PATCH", "/api/v2/x", {}, "{}").error(), errc::outcome_unknown);
  EXPECT_EQ(transport.api_requests().size(), 2u);
  EXPECT_EQ(client.stats().outcome_unknown, 2u);
  // A 504 on a POST is handed back as a value, not retried (the gateway may have forwarded it).
  transport.script(http_status(504));
  auto r = client.call("POST", "/api/v2/x", {}, "{}");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 504);
  EXPECT_EQ(transport.api_requests().size(), 3u);
}

TEST_F(OrgClientTest, PostIsRetriedWhenItCertainlyWasNotProcessed) {
  OrgClient client(testing::test_org(), transport, clock, options);
  transport.script(std::error_code(errc::connect_failed));
  transport.script(http_429(5));
  transport.script(http_status(503));
  transport.script(http_json(200, R"({"id":"new"})"));
  auto r = client.call("POST", "/api/v2/x", {}, "{}");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(transport.api_requests().size(), 4u);
}

TEST_F(OrgClientTest, IdempotentPatchMayBeRetried) {
  OrgClient client(testing::test_org(), transport, clock, options);
  transport.script(std::error_code(errc::connection_reset));
  auto r = client.call("PATCH", "/api/v2/x", {}, "{}", CallOptions{.idempotent = true});
  ASSERT_TRUE(r);
  EXPECT_EQ(transport.api_requests().size(), 2u);
}

TEST_F(OrgClientTest, ReLoginExactlyOnceOn401) {
  OrgClient client(testing::test_org(), transport, clock, options);
  ASSERT_TRUE(client.call("GET", "/api/v2/warmup"));
  transport.script(http_json(401, R"({"code":"bad.credentials","status":401})"));
  auto r = client.call("GET", "/api/v2/x");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(transport.login_count(), 2u);
  const auto sent = transport.api_requests();
  EXPECT_EQ(sent.back().request.headers.get("Authorization"), "Bearer tok-2");

  // Two 401s in a row: one re-login, then the 401 is the answer (no login storm).
  transport.script(http_json(401, "{}"));
  transport.script(http_json(401, "{}"));
  auto denied = client.call("GET", "/api/v2/y");
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 401);
  EXPECT_EQ(transport.login_count(), 3u);
  EXPECT_EQ(client.stats().relogins_on_401, 2u);
}

TEST_F(OrgClientTest, ReLoginBeforeExpiryByTheClock) {
  transport.set_token_lifetime_seconds(3600);
  OrgClient client(testing::test_org(), transport, clock, options);
  ASSERT_TRUE(client.call("GET", "/api/v2/a"));
  clock.advance(Millis(3'600'000 - 60'001));
  ASSERT_TRUE(client.call("GET", "/api/v2/b"));
  EXPECT_EQ(transport.login_count(), 1u);
  clock.advance(Millis(2));  // now within the 60 s margin
  ASSERT_TRUE(client.call("GET", "/api/v2/c"));
  EXPECT_EQ(transport.login_count(), 2u);
  EXPECT_EQ(transport.api_requests().back().request.headers.get("Authorization"), "Bearer tok-2");
}

TEST_F(OrgClientTest, BadCredentialsAreAnAuthError) {
  transport.script_login(http_json(401, R"({"error":"invalid_client","description":"authentication failed"})"));
  OrgClient client(testing::test_org(), transport, clock, options);
  EXPECT_EQ(client.call("GET", "/api/v2/x").error(), errc::auth_failed);
  EXPECT_TRUE(transport.api_requests().empty());
}

TEST_F(OrgClientTest, ALoginThatKeepsAnswering503IsUnavailableNotBadCredentials) {
  options.retry.max_retries = 2;
  for (int i = 0; i < 3; ++i)
    transport.script_login(http_json(503, R"({"message":"down","code":"service.unavailable","status":503})"));
  OrgClient client(testing::test_org(), transport, clock, options);
  EXPECT_EQ(client.call("GET", "/api/v2/x").error(), errc::login_unavailable);
  EXPECT_EQ(transport.login_count(), 3u);
  EXPECT_TRUE(transport.api_requests().empty());
}

TEST_F(OrgClientTest, LoginIsRetriedOnTransportErrors) {
  transport.script_login(std::error_code(errc::connect_failed));
  transport.script_login(std::error_code(errc::connection_reset));
  OrgClient client(testing::test_org(), transport, clock, options);
  ASSERT_TRUE(client.call("GET", "/api/v2/x"));
  EXPECT_EQ(transport.login_count(), 3u);
}

TEST_F(OrgClientTest, ADamagedJsonAnswerToAGetIsRetriedLikeATransportError) {
  OrgClient client(testing::test_org(), transport, clock, options);
  transport.script(http_json(200, R"({"entities":[{"id":"a"},)"));  // cut short on the way
  transport.script(http_json(200, R"({"entities":[NaN]})"));          // garbled
  transport.script(http_json(200, R"({"entities":[]})"));
  auto r = client.call("GET", "/api/v2/x");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, R"({"entities":[]})");
  EXPECT_EQ(transport.api_requests().size(), 3u);
  EXPECT_EQ(client.stats().retries, 2u);
  EXPECT_GT(clock.now(), t0) << "backed off between the attempts";
}

TEST_F(OrgClientTest, ADamagedJsonAnswerToAPostIsHandedBackNotResent) {
  OrgClient client(testing::test_org(), transport, clock, options);
  transport.script(http_json(200, R"({"id":)"));
  auto r = client.call("POST", "/api/v2/x", {}, "{}");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, R"({"id":)");
  EXPECT_EQ(transport.api_requests().size(), 1u) << "the create may have landed";
}

TEST_F(OrgClientTest, ADamagedTokenAnswerIsRetried) {
  transport.script_login(http_json(200, R"({"access_token":"tok-x","expi)"));
  OrgClient client(testing::test_org(), transport, clock, options);
  ASSERT_TRUE(client.call("GET", "/api/v2/x"));
  EXPECT_EQ(transport.login_count(), 2u);
}

TEST_F(OrgClientTest, DamagedAnswersUntilTheBudgetIsSpentReturnTheLastOne) {
  OrgClient client(testing::test_org(), transport, clock, options);
  for (int i = 0; i < 10; ++i) transport.script(http_json(200, "{"));
  auto r = client.call("GET", "/api/v2/x");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "{");
  EXPECT_EQ(transport.api_requests().size(), 5u);  // 1 + max_retries
}

TEST_F(OrgClientTest, ACallersReaderReadsEvery2xxAnswerAndDecidesWhetherAJsonOneIsDamaged) {
  OrgClient client(testing::test_org(), transport, clock, options);
  transport.script(http_json(503, R"({"status":503})"));
  transport.script(http_json(200, R"({"id":"a"})"));            // JSON, but the reader says it does not parse
  transport.script(http_status(200, "plain", {{"Content-Type", "text/plain"}}));  // not labelled JSON
  std::vector<std::string> read;
  auto reader = [&](const api::HttpResponse& answer) {
    read.push_back(answer.body);
    return answer.body != R"({"id":"a"})";
  };
  auto r = client.call("GET", "/api/v2/x", {}, {}, CallOptions{.read_answer = reader});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "plain");  // a body not labelled JSON is never damaged, whatever the reader says
  EXPECT_EQ(read, (std::vector<std::string>{R"({"id":"a"})", "plain"})) << "every 2xx answer, the last one returned";
  EXPECT_EQ(client.stats().retries, 2u);

  // The reader's word stands in for the client's own check: a garbled body it accepts is the answer.
  read.clear();
  transport.script(http_json(200, R"({"entities":[NaN]})"));
  r = client.call("GET", "/api/v2/x", {}, {}, CallOptions{.read_answer = [&](const api::HttpResponse& answer) {
                                                            read.push_back(answer.body);
                                                            return true;
                                                          }});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, R"({"entities":[NaN]})");
  EXPECT_EQ(read.size(), 1u);
  EXPECT_EQ(client.stats().retries, 2u);

  // A POST is read too, and never resent for a damaged answer.
  read.clear();
  transport.script(http_json(201, R"({"id":)"));
  r = client.call("POST", "/api/v2/x", {}, "{}", CallOptions{.read_answer = reader});
  ASSERT_TRUE(r);
  EXPECT_EQ(read, (std::vector<std::string>{R"({"id":)"}));
  EXPECT_EQ(transport.api_requests().size(), 5u);
}

TEST_F(OrgClientTest, TheOrgsRateBudgetIsNeverExceeded) {
  OrgClient client(testing::test_org("EMEA", 100), transport, clock, options);
  transport.set_latency(Millis(10));
  for (int i = 0; i < 350; ++i) ASSERT_TRUE(client.call("GET", "/api/v2/x"));
  const auto sent = transport.api_requests();
  for (std::size_t i = 100; i < sent.size(); ++i)
    ASSERT_GE(sent[i].at - sent[i - 100].at, Millis(60'000)) << i;  // 101 requests never fit in 60 s
  // and the budget is used, not wasted: 350 requests need just over 3 windows
  EXPECT_LT(sent.back().at - sent.front().at, Millis(3 * 60'000 + 5'000));
}

TEST_F(OrgClientTest, LearnsTheLimitFromResponses) {
  OrgClient client(testing::test_org(), transport, clock, options);
  transport.set_handler([](const testing::SentRequest&) -> std::optional<testing::Reply> {
    return http_status(200, "{}", {{"inin-ratelimit-allowed", "50"}, {"inin-ratelimit-count", "1"},
                                   {"inin-ratelimit-reset", "60"}});
  });
  for (int i = 0; i < 120; ++i) ASSERT_TRUE(client.call("GET", "/api/v2/x"));
  EXPECT_EQ(client.current_rate_limit(), 50);
  const auto sent = transport.api_requests();
  for (std::size_t i = 50; i < sent.size(); ++i) ASSERT_GE(sent[i].at - sent[i - 50].at, Millis(60'000)) << i;
}

TEST_F(OrgClientTest, TwoOrgsHaveIndependentBudgetsAndTokens) {
  OrgClient emea(testing::test_org("EMEA", 2), transport, clock, options);
  OrgClient apac(testing::test_org("APAC", 2), transport, clock, options);
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(emea.call("GET", "/a"));
    ASSERT_TRUE(apac.call("GET", "/b"));
  }
  EXPECT_EQ(clock.now(), t0);  // neither org waited for the other
  EXPECT_EQ(transport.login_count(), 2u);
}

TEST_F(OrgClientTest, ObserverSeesEveryExchangeWithTimes) {
  struct Seen {
    bool login;
    int attempt;
    int status;
    std::error_code error;
    Millis sent;
  };
  std::vector<Seen> seen;
  options.observer = [&](const ExchangeEvent& e) {
    EXPECT_EQ(e.org, "EMEA");
    seen.push_back({e.login, e.attempt, e.status, e.error, e.sent_at - t0});
  };
  OrgClient client(testing::test_org(), transport, clock, options);
  transport.script(http_429(60));
  transport.script(std::error_code(errc::connection_reset));
  ASSERT_TRUE(client.call("GET", "/api/v2/x"));
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_TRUE(seen[0].login);
  EXPECT_EQ(seen[1].status, 429);
  EXPECT_EQ(seen[1].attempt, 0);
  EXPECT_EQ(seen[2].error, errc::connection_reset);
  EXPECT_EQ(seen[2].attempt, 1);
  EXPECT_EQ(seen[2].sent, Millis(60'000));
  EXPECT_EQ(seen[3].status, 200);
  EXPECT_EQ(seen[3].attempt, 2);
}

TEST_F(OrgClientTest, ConcurrentCallersShareOneTokenAndAllComplete) {
  OrgClient client(testing::test_org("EMEA", 10), transport, clock, options);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) ok += client.call("GET", "/api/v2/x") ? 1 : 0;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 100);
  EXPECT_EQ(transport.login_count(), 1u);
  EXPECT_EQ(client.stats().api_requests, 100u);
  // 100 requests at 10 per minute need at least 9 further windows.
  EXPECT_GE(clock.now() - t0, Millis(9 * 60'000));
}

}  // namespace
}  // namespace mockgc::client
