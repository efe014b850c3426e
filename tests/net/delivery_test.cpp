// Delivery directives (mock-gc/net/src/delivery.hpp) performed by the per-connection loop over
// beast::test::stream: exact bytes, how the session ends, and every write failure point via fail_count.
// The same directives over real sockets: transport_faults_test.cpp.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "echo_service.hpp"
#include "session_runner.hpp"

namespace mockgc::testing {
namespace {

using namespace mockgc::net::detail;

using Outcome = SessionRun;

class DeliveryTest : public ::testing::Test {
 protected:
  Outcome run(std::string_view input, beast_test::fail_count* fail = nullptr) {
    return run_session(config, input, {}, fail);
  }

  static std::string get(std::string_view target) { return "GET " + std::string(target) + " HTTP/1.1\r\nHost: h\r\n\r\n"; }

  // The head (through the blank line) and the body bytes after it.
  static std::pair<std::string, std::string> split(const std::string& bytes) {
    const auto end = bytes.find("\r\n\r\n");
    if (end == std::string::npos) return {bytes, ""};
    return {bytes.substr(0, end + 4), bytes.substr(end + 4)};
  }

  static std::size_t content_length(const std::string& head) {
    const auto at = head.find("Content-Length: ");
    return at == std::string::npos ? 0 : std::stoul(head.substr(at + 16));
  }

  EchoService service;
  CorrelationIds ids{1};
  SessionConfig config{.service = &service, .correlation_ids = &ids, .body_limit = 1024, .header_limit = 2048,
                       .read_timeout = std::chrono::milliseconds(1000), .write_timeout = std::chrono::milliseconds(1000)};
};

TEST_F(DeliveryTest, ResetWritesNothingAndAbortsEvenWithMoreRequestsQueued) {
  const auto out = run(get("/delivery/reset") + get("/after"));
  ASSERT_TRUE(out.finished);
  EXPECT_FALSE(out.threw);
  EXPECT_EQ(out.end, SessionEnd::aborted);
  EXPECT_EQ(out.output, "");
  EXPECT_EQ(service.calls, 1) << "the pipelined request after the reset is never read";
}

TEST_F(DeliveryTest, CloseMidBodySendsTheFullLengthHalfTheBodyThenEndsTheConnection) {
  const auto out = run(get("/delivery/close_mid_body") + get("/after"));
  EXPECT_EQ(out.end, SessionEnd::clean) << "a deliberate close, not a transport error";
  const auto [head, body] = split(out.output);
  EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n")) << head;
  const auto announced = content_length(head);
  ASSERT_GT(announced, 2U);
  EXPECT_EQ(body.size(), announced / 2);
  EXPECT_EQ(service.calls, 1);
}

TEST_F(DeliveryTest, SlowBodyWritesTheCompleteMessageAndKeepsServing) {
  const auto out = run(get("/delivery/slow_body") + get("/after"));
  EXPECT_EQ(out.end, SessionEnd::clean);
  const auto [head, rest] = split(out.output);
  const auto announced = content_length(head);
  ASSERT_GT(announced, 7U * 3);
  ASSERT_GE(rest.size(), announced);
  EXPECT_TRUE(nlohmann::json::accept(rest.substr(0, announced)));
  EXPECT_TRUE(rest.substr(announced).starts_with("HTTP/1.1 200 OK\r\n")) << "the next answer follows on the same connection";
  EXPECT_EQ(service.calls, 2);
}

TEST_F(DeliveryTest, DelayedAnswerIsTheCompleteMessage) {
  const auto delayed = run(get("/delivery/delay"));
  EXPECT_EQ(delayed.end, SessionEnd::clean);
  const auto [head, body] = split(delayed.output);
  EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n"));
  EXPECT_EQ(body.size(), content_length(head));
  EXPECT_TRUE(nlohmann::json::accept(body));
}

// Every read and write failure point of every directive ends the session without an exception; walked
// until a run with failure point n no longer fails, i.e. gives the bytes and the end of an undisturbed run.
TEST_F(DeliveryTest, ASharedBodyIsDeliveredLikeAnOwnedOne) {
  for (const std::string target : {"/x", "/delivery/close_mid_body", "/delivery/slow_body", "/delivery/delay"}) {
    const std::string owned = "GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n";
    const std::string shared = "GET " + target + " HTTP/1.1\r\nHost: h\r\nX-Shared-Body: 1\r\n\r\n";
    const auto a = run(owned + get("/after") + "HEAD " + target + " HTTP/1.1\r\nHost: h\r\n\r\n");
    const auto b = run(shared + get("/after") + "HEAD " + target + " HTTP/1.1\r\nHost: h\r\nX-Shared-Body: 1\r\n\r\n");
    EXPECT_EQ(a.end, b.end) << target;
    EXPECT_EQ(a.output, b.output) << target;
    EXPECT_TRUE(a.output.starts_with("HTTP/1.1 200 OK\r\n")) << a.output;
  }
}

TEST_F(DeliveryTest, EveryFailurePointEndsTheSessionQuietly) {
  for (const char* target : {"/delivery/reset", "/delivery/close_mid_body", "/delivery/slow_body", "/delivery/delay"}) {
    const std::string input = get(target) + get("/after");
    const auto undisturbed = run(input);
    bool reached_the_end = false;
    for (std::size_t n = 0; n < 200 && !reached_the_end; ++n) {
      beast_test::fail_count fail(n);
      const auto out = run(input, &fail);
      ASSERT_TRUE(out.finished) << target << " at failure point " << n;
      EXPECT_FALSE(out.threw) << target << " at failure point " << n;
      reached_the_end = out.end == undisturbed.end && out.output == undisturbed.output;
    }
    EXPECT_TRUE(reached_the_end) << target;
  }
}

}  // namespace
}  // namespace mockgc::testing
