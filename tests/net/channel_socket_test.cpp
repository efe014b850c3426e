// A notification channel's WebSocket through the per-connection loop (session.hpp -> websocket.hpp) over
// beast::test::stream, with a real core on a ManualClock: upgrade, ping/pong, a heartbeat after 30 world
// seconds, a socket subscribe, the client's close; then every server I/O failure point (fail_count).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "mockgc/api/clock.hpp"
#include "mockgc/api/time.hpp"
#include "session.hpp"
#include "support/beast_test_stream.hpp"
#include "support/harness.hpp"
#include "support/session.hpp"

namespace mockgc::testing {
namespace {

using namespace mockgc::net::detail;
using nlohmann::json;

constexpr const char* kRegion = "eu_central_1";

class ChannelSocket : public ::testing::Test {
 protected:
  void SetUp() override {
    core::ServiceOptions options;
    options.clock = &clock;
    harness = make_inprocess_harness(options);
    const std::string token = login(*harness, kRegion);
    auto res = harness->send(kRegion, json_request("POST", "/api/v2/notifications/channels", token, json::object()));
    ASSERT_EQ(res.status, 200) << res.body;
    channel_path = path_of_url(body_json(res)["connectUri"].get<std::string>());
    config.service = &harness->service();
    config.correlation_ids = &ids;
    config.channel.poll_interval = std::chrono::milliseconds(1);
  }

  struct Run {
    bool server_finished = false;
    bool server_threw = false;
    bool client_done = false;  // the client saw everything it expected
    std::vector<std::string> received;
  };

  // The client: upgrade, ping, (clock +30 s) heartbeat, subscribe, then close.
  Run run(beast_test::fail_count* fail) {
    asio::io_context ioc;
    std::optional<beast_test::stream> server;
    if (fail) server.emplace(ioc, *fail);
    else server.emplace(ioc);
    websocket::stream<beast_test::stream> client(ioc);
    server->connect(client.next_layer());
    beast::flat_buffer buffer;
    core::RequestContext ctx;
    ctx.region = kRegion;
    Run result;
    asio::co_spawn(ioc, serve_http(*server, buffer, ctx, config), [&](std::exception_ptr e, SessionEnd) {
      result.server_finished = true;
      result.server_threw = static_cast<bool>(e);
      server->close();  // as the server's socket would be: the client sees the end instead of waiting
    });
    auto talk = [&]() -> asio::awaitable<void> {
      auto [hs] = co_await client.async_handshake("streaming.mypurecloud.de", channel_path, use_tuple);
      if (hs) co_return;
      auto read = [&]() -> asio::awaitable<bool> {
        beast::flat_buffer b;
        auto [ec, n] = co_await client.async_read(b, use_tuple);
        (void)n;
        if (ec) co_return false;
        result.received.push_back(beast::buffers_to_string(b.data()));
        co_return true;
      };
      const std::string ping = R"({"message":"ping"})";
      auto [w1, n1] = co_await client.async_write(asio::buffer(ping), use_tuple);
      (void)n1;
      if (w1 || !co_await read()) co_return;
      clock.advance(std::chrono::seconds(30));
      if (!co_await read()) co_return;
      const std::string subscribe =
          R"({"message":"subscribe","topics":["v2.workforcemanagement.historicaldata.status"],"correlationId":"c-1"})";
      auto [w2, n2] = co_await client.async_write(asio::buffer(subscribe), use_tuple);
      (void)n2;
      if (w2 || !co_await read()) co_return;
      auto [closed] = co_await client.async_close(websocket::close_code::normal, use_tuple);
      if (closed) co_return;
      result.client_done = true;
    };
    asio::co_spawn(ioc, talk(), asio::detached);
    ioc.run_for(std::chrono::seconds(10));
    return result;
  }

  api::ManualClock clock{*api::parse_instant("2026-03-02T09:00:00Z")};
  std::unique_ptr<Harness> harness;
  std::string channel_path;
  CorrelationIds ids{1};
  SessionConfig config;
};

TEST_F(ChannelSocket, PingHeartbeatSubscribeClose) {
  auto r = run(nullptr);
  ASSERT_TRUE(r.client_done);
  EXPECT_TRUE(r.server_finished);
  EXPECT_FALSE(r.server_threw);
  ASSERT_EQ(r.received.size(), 3u);
  EXPECT_EQ(json::parse(r.received[0])["eventBody"]["message"], "pong");
  EXPECT_EQ(json::parse(r.received[1])["eventBody"]["message"], "WebSocket Heartbeat");
  EXPECT_EQ(json::parse(r.received[2]), json::parse(R"({"result":"200","status":"subscribed","correlationId":"c-1"})"));
}

TEST_F(ChannelSocket, UnknownChannelAnswers404AndCloses) {
  channel_path = "/channels/streaming-0-unknown";
  asio::io_context ioc;
  beast_test::stream server(ioc);
  websocket::stream<beast_test::stream> client(ioc);
  server.connect(client.next_layer());
  beast::flat_buffer buffer;
  core::RequestContext ctx;
  ctx.region = kRegion;
  asio::co_spawn(ioc, serve_http(server, buffer, ctx, config), [&](std::exception_ptr, SessionEnd) { server.close(); });
  std::vector<std::string> got;
  beast::error_code last;
  asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
    auto [hs] = co_await client.async_handshake("127.0.0.1", channel_path, use_tuple);
    if (hs) co_return;
    for (;;) {
      beast::flat_buffer b;
      auto [ec, n] = co_await client.async_read(b, use_tuple);
      (void)n;
      last = ec;
      if (ec) co_return;
      got.push_back(beast::buffers_to_string(b.data()));
    }
  }, asio::detached);
  ioc.run_for(std::chrono::seconds(10));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], R"({"result":"404"})");
  EXPECT_EQ(last, websocket::error::closed);
}

TEST_F(ChannelSocket, EveryServerFailurePointEndsCleanly) {
  for (std::size_t n = 0; n < 200; ++n) {
    beast_test::fail_count fail(n);
    auto r = run(&fail);
    EXPECT_TRUE(r.server_finished) << "failure point " << n;
    EXPECT_FALSE(r.server_threw) << "failure point " << n;
    if (r.client_done) return;  // the run got past every failure point
  }
  FAIL() << "the exchange never completed";
}

}  // namespace
}  // namespace mockgc::testing
