// Transport faults and real-clock latency performed by the network shell (mock-gc/net/src/delivery.hpp),
// observed byte for byte over real loopback sockets: a real core::Service whose scenario puts one transport
// fault on each of a few paths, served on ONE io thread so a delayed or paced answer visibly does not hold
// up the other connections. Then the reference client's BeastTransport on the same faults.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/asio/error.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <thread>

#include "mockgc/client/beast_transport.hpp"
#include "mockgc/client/errc.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/core/scenario.hpp"
#include "raw_client.hpp"
#include "running_server.hpp"
#include "support/session.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kRegion = "eu_central_1";
constexpr const char* kReset = "/api/v2/routing/queues";
constexpr const char* kCloseMidBody = "/api/v2/users";
constexpr const char* kSlowBody = "/api/v2/workforcemanagement/businessunits";
constexpr const char* kTruncated = "/api/v2/workforcemanagement/managementunits";
constexpr const char* kMalformed = "/api/v2/tokens/me";
constexpr const char* kDelayed = "/api/v2/users/nobody";  // a 404, 1.5 s late
constexpr std::int64_t kDelayMs = 1500;
constexpr const char* kHourLate = "/api/v2/routing/queues/nowhere";  // answered an hour late
// The shell's read/write timeouts, shorter than the delay: a delay is not an idle connection.
constexpr auto kShellTimeout = std::chrono::milliseconds(1000);
constexpr int kChunk = 64;

// The default world on the real clock (the default), plus one transport fault per path.
std::string scenario_text() {
  json j = json::parse(core::default_scenario_text());
  j.erase("clock");
  auto transport = [](const char* path, const char* action) {
    return json{{"type", "transport"}, {"action", action}, {"path", path}, {"method", "GET"}};
  };
  json slow = transport(kSlowBody, "slow_body");
  slow["bytes_per_chunk"] = kChunk;
  slow["chunk_interval_ms"] = 40;
  j["faults"] = json::array({transport(kReset, "reset"), transport(kCloseMidBody, "close_mid_body"), slow,
                             transport(kTruncated, "truncated_json"), transport(kMalformed, "malformed_json"),
                             {{"type", "latency"}, {"distribution", "fixed"}, {"ms", kDelayMs}, {"path", "/api/v2/users/*"}},
                             {{"type", "latency"}, {"distribution", "fixed"}, {"ms", 3'600'000}, {"path", kHourLate}}});
  return j.dump();
}

struct HeadAndBody {
  std::string head;  // status line and fields, up to and including the blank line
  std::string body;  // what came after it
  std::size_t content_length = 0;
};

HeadAndBody split(const std::string& bytes) {
  HeadAndBody out;
  const auto end = bytes.find("\r\n\r\n");
  if (end == std::string::npos) {
    out.head = bytes;
    return out;
  }
  out.head = bytes.substr(0, end + 4);
  out.body = bytes.substr(end + 4);
  const auto at = out.head.find("Content-Length: ");
  if (at != std::string::npos) out.content_length = std::stoul(out.head.substr(at + 16));
  return out;
}

class TransportFaultTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    core::ServiceOptions o;
    o.scenario_text = scenario_text();
    o.seed = 11;
    service_ = core::make_service(o).release();
    net::ServerOptions options;
    options.io_threads = 1;  // every connection on the same thread: delays must not block it
    options.read_timeout = kShellTimeout;
    options.write_timeout = kShellTimeout;
    server_ = new RunningServer(*service_, options);
    port_ = server_->server.port(kRegion);
    token_ = login();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete service_;
    server_ = nullptr;
    service_ = nullptr;
  }

  static std::string login() {
    std::string client_id, secret;
    for (const auto& r : service_->regions())
      if (r.region == kRegion) client_id = r.client_id, secret = r.client_secret;
    RawClient c(port_);
    const std::string body = "grant_type=client_credentials";
    c.send(fmt::format("POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {}\r\n"
                       "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{}",
                       basic_auth(client_id, secret), body.size(), body));
    auto res = c.read_response();
    EXPECT_TRUE(res && res->result_int() == 200U);
    if (!res) return "";
    return json::parse(res->body())["access_token"].get<std::string>();
  }

  static std::string get_request(std::string_view target, bool close = false) {
    return fmt::format("GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {}\r\n{}\r\n", target, token_,
                       close ? "Connection: close\r\n" : "");
  }

  // Everything the server sends until it ends the connection (or the guard expires), and how it ended.
  static std::pair<std::string, boost::system::error_code> read_until_end(RawClient& c) {
    std::string bytes;
    for (;;) {
      auto ec = c.read_some(bytes);
      if (ec) return {bytes, ec};
    }
  }

  static core::Service* service_;
  static RunningServer* server_;
  static std::uint16_t port_;
  static std::string token_;
};

core::Service* TransportFaultTest::service_ = nullptr;
RunningServer* TransportFaultTest::server_ = nullptr;
std::uint16_t TransportFaultTest::port_ = 0;
std::string TransportFaultTest::token_;

TEST_F(TransportFaultTest, ResetSendsNoBytesAndAbortsTheConnection) {
  RawClient c(port_);
  ASSERT_TRUE(c.send(get_request(kReset)));
  auto [bytes, ec] = read_until_end(c);
  EXPECT_EQ(bytes, "") << "a reset answers nothing";
  // SO_LINGER 0: the client sees ECONNRESET (EOF only if the RST raced the read on some stacks).
  EXPECT_TRUE(ec == boost::asio::error::connection_reset || ec == boost::asio::error::eof) << ec.message();
  EXPECT_NE(ec, boost::beast::error::timeout);
  // The server goes on serving others.
  auto ok = get_once(port_, "/api/v2/tokens/me");
  EXPECT_TRUE(ok.has_value());
}

TEST_F(TransportFaultTest, CloseMidBodyAnnouncesTheFullLengthSendsLessThenCloses) {
  RawClient c(port_);
  ASSERT_TRUE(c.send(get_request(kCloseMidBody)));
  auto [bytes, ec] = read_until_end(c);
  EXPECT_EQ(ec, boost::asio::error::eof) << "a normal close after the partial body: " << ec.message();
  const auto got = split(bytes);
  EXPECT_TRUE(got.head.starts_with("HTTP/1.1 200 OK\r\n")) << got.head;
  ASSERT_GT(got.content_length, 1U);
  EXPECT_LT(got.body.size(), got.content_length);
  EXPECT_GT(got.body.size(), 0U);
  EXPECT_EQ(got.body.size(), got.content_length / 2) << "half of the body";
  EXPECT_EQ(got.body.front(), '{');
}

TEST_F(TransportFaultTest, SlowBodyArrivesCompleteInSeveralReadsAndKeepsTheConnection) {
  RawClient c(port_);
  ASSERT_TRUE(c.send(get_request(kSlowBody)));
  std::string bytes;
  int reads_with_body = 0;
  HeadAndBody got;
  for (;;) {
    const auto before = split(bytes).body.size();
    const auto ec = c.read_some(bytes);
    ASSERT_FALSE(ec) << ec.message() << " after " << bytes.size() << " bytes";
    got = split(bytes);
    if (got.body.size() > before) ++reads_with_body;
    if (got.content_length > 0 && got.body.size() >= got.content_length) break;
  }
  EXPECT_TRUE(got.head.starts_with("HTTP/1.1 200 OK\r\n")) << got.head;
  ASSERT_GT(got.content_length, 3U * kChunk) << "the body spans several chunks";
  EXPECT_EQ(got.body.size(), got.content_length) << "nothing more than announced";
  EXPECT_TRUE(json::accept(got.body)) << "the paced body is the complete, valid JSON";
  EXPECT_GE(reads_with_body, 2) << "pieces " << kChunk << " bytes apart arrived separately";
  // Keep-alive as normal: the same connection answers the next request.
  ASSERT_TRUE(c.send(get_request(kMalformed, /*close=*/true)));
  auto next = c.read_response();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->result_int(), 200U);
}

TEST_F(TransportFaultTest, TruncatedJsonIsACompleteMessageWithCutJson) {
  RawClient c(port_);
  ASSERT_TRUE(c.send(get_request(kTruncated, /*close=*/true)));
  auto res = c.read_response();
  ASSERT_TRUE(res.has_value()) << "the HTTP framing is intact";
  EXPECT_EQ(res->result_int(), 200U);
  EXPECT_EQ(std::string((*res)["Content-Length"]), std::to_string(res->body().size()));
  EXPECT_EQ(res->body().front(), '{');
  EXPECT_FALSE(json::accept(res->body())) << res->body();
}

TEST_F(TransportFaultTest, MalformedJsonIsACompleteMessageWithInvalidJson) {
  RawClient c(port_);
  ASSERT_TRUE(c.send(get_request(kMalformed, /*close=*/true)));
  auto res = c.read_response();
  ASSERT_TRUE(res.has_value());
  EXPECT_EQ(res->result_int(), 200U);
  EXPECT_EQ(std::string((*res)["Content-Length"]), std::to_string(res->body().size()));
  EXPECT_NE(res->body().find("NaN"), std::string::npos) << res->body();
  EXPECT_FALSE(json::accept(res->body()));
}

TEST_F(TransportFaultTest, LatencyDelaysTheAnswerWithoutHoldingUpOtherConnections) {
  RawClient delayed(port_, 30s);
  const auto sent = std::chrono::steady_clock::now();
  ASSERT_TRUE(delayed.send(get_request(kDelayed, /*close=*/true)));
  // A second connection, on the same (only) io thread, is answered while the first still waits.
  RawClient prompt(port_);
  ASSERT_TRUE(prompt.send(get_request(kMalformed, /*close=*/true)));
  auto quick = prompt.read_response();
  ASSERT_TRUE(quick.has_value());
  EXPECT_EQ(quick->result_int(), 200U);
  EXPECT_EQ(delayed.bytes_available(), 0U) << "the delayed answer must come after the prompt one";
  auto slow = delayed.read_response();
  const auto elapsed = std::chrono::steady_clock::now() - sent;
  ASSERT_TRUE(slow.has_value());
  EXPECT_EQ(slow->result_int(), 404U);
  EXPECT_GE(elapsed, std::chrono::milliseconds(kDelayMs)) << "not before the injected latency (lower bound only)";
}

TEST_F(TransportFaultTest, APipelinedRequestDuringTheDelayIsNotMistakenForTheClientLeaving) {
  RawClient c(port_, 30s);
  ASSERT_TRUE(c.send(get_request(kDelayed) + get_request(kMalformed, /*close=*/true)));
  auto first = c.read_response();
  ASSERT_TRUE(first.has_value()) << "the delayed answer still comes";
  EXPECT_EQ(first->result_int(), 404U);
  auto second = c.read_response();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->result_int(), 200U);
}

TEST_F(TransportFaultTest, ClientLeavingDuringTheDelayEndsTheConnectionCleanly) {
  {
    RawClient gone(port_);
    ASSERT_TRUE(gone.send(get_request(kHourLate)));
    gone.reset();
  }
  {
    RawClient gone(port_);
    ASSERT_TRUE(gone.send(get_request(kHourLate)));
  }  // closed with a FIN
  // The answers are due in an hour; the server notices the clients left during the delay and frees both
  // connections long before (the poll below is a hang guard, 10 s); it keeps serving.
  bool freed = false;
  for (int i = 0; i < 2000 && !freed; ++i) {
    freed = server_->server.open_connections() == 0;
    if (!freed) std::this_thread::sleep_for(5ms);
  }
  EXPECT_TRUE(freed) << server_->server.open_connections() << " connections still open";
  auto ok = get_once(port_, "/api/v2/tokens/me");
  ASSERT_TRUE(ok.has_value());
}

// --- the reference client on the same faults ------------------------------------------------------

class ClientOverFaultsTest : public TransportFaultTest {
 protected:
  client::Result<api::HttpResponse> send(const char* target) {
    client::Endpoint to{"http", "127.0.0.1", port_, "", ""};
    api::HttpRequest req;
    req.method = "GET";
    req.target = target;
    req.headers.set("Authorization", "Bearer " + token_);
    return transport_.send(to, req, {});
  }
  client::BeastTransport transport_;
};

TEST_F(ClientOverFaultsTest, ResetIsATransportErrorNotAResponse) {
  auto res = send(kReset);
  ASSERT_FALSE(res.has_value()) << "got HTTP " << res->status;
  EXPECT_EQ(res.error(), client::errc::connection_reset) << res.error().message();
}

TEST_F(ClientOverFaultsTest, CloseMidBodyIsATransportErrorNotAResponse) {
  auto res = send(kCloseMidBody);
  ASSERT_FALSE(res.has_value()) << "got HTTP " << res->status;
  EXPECT_EQ(res.error(), client::errc::connection_reset) << res.error().message();
  EXPECT_TRUE(client::may_have_reached_server(res.error()));
}

TEST_F(ClientOverFaultsTest, TruncatedJsonIsA200WhoseJsonFailsToParse) {
  auto res = send(kTruncated);
  ASSERT_TRUE(res.has_value()) << res.error().message();
  EXPECT_EQ(res->status, 200);
  auto parsed = client::json_from(res);
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error(), client::errc::malformed_response);
}

TEST_F(ClientOverFaultsTest, SlowBodyIsAnOrdinaryResponse) {
  auto res = send(kSlowBody);
  ASSERT_TRUE(res.has_value()) << res.error().message();
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(client::json_from(res).has_value());
}

}  // namespace
}  // namespace mockgc::testing
