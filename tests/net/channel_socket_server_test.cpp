// Notification channels over real sockets (net::Server on port 0, a Beast WebSocket client): the region's
// own port and the shared port with Host streaming.<env>, heartbeats on the virtual clock, ping/pong, one
// socket per channel, socket_drop (an abrupt close) and the 404 of an expired channel.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include "mockgc/api/clock.hpp"
#include "mockgc/api/time.hpp"
#include "running_server.hpp"
#include "support/harness.hpp"
#include "support/session.hpp"

namespace mockgc::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using nlohmann::json;

constexpr const char* kRegion = "eu_central_1";

class Socket {
 public:
  Socket(std::uint16_t port, const std::string& host, const std::string& path) : ws_(ioc_) {
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(10));
    beast::get_lowest_layer(ws_).connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    ws_.handshake(host, path);
  }
  // The next text message, or nullopt when the connection ended (the error is kept).
  std::optional<json> next() {
    beast::flat_buffer b;
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(10));
    ws_.read(b, error);
    if (error) return std::nullopt;
    return json::parse(beast::buffers_to_string(b.data()));
  }
  void send(const std::string& text) { ws_.write(asio::buffer(text)); }
  beast::error_code error;

 private:
  asio::io_context ioc_;
  websocket::stream<beast::tcp_stream> ws_;
};

class ChannelSocketServer : public ::testing::Test {
 protected:
  void SetUp() override {
    core::ServiceOptions options;
    options.clock = &clock;
    harness = make_inprocess_harness(options);
    token = login(*harness, kRegion);
    server = std::make_unique<RunningServer>(harness->service(), net::ServerOptions{});
  }
  json channel() {
    auto res = harness->send(kRegion, json_request("POST", "/api/v2/notifications/channels", token, json::object()));
    EXPECT_EQ(res.status, 200) << res.body;
    return body_json(res);
  }
  std::string path(const json& c) { return path_of_url(c["connectUri"].get<std::string>()); }
  std::uint16_t port(const std::string& region = kRegion) { return server->server.port(region); }

  api::ManualClock clock{*api::parse_instant("2026-03-02T09:00:00Z")};
  std::unique_ptr<Harness> harness;
  std::string token;
  std::unique_ptr<RunningServer> server;
};

TEST_F(ChannelSocketServer, HeartbeatAndPongOnTheRegionPort) {
  auto c = channel();
  Socket s(port(), "127.0.0.1", path(c));
  s.send(R"({"message":"ping"})");
  auto pong = s.next();
  ASSERT_TRUE(pong);
  EXPECT_EQ((*pong)["eventBody"]["message"], "pong");
  clock.advance(std::chrono::seconds(30));
  auto heartbeat = s.next();
  ASSERT_TRUE(heartbeat);
  EXPECT_EQ((*heartbeat)["eventBody"]["message"], "WebSocket Heartbeat");
}

TEST_F(ChannelSocketServer, SharedPortRoutesStreamingHosts) {
  auto c = channel();
  Socket s(port(""), "streaming.mypurecloud.de", path(c));
  s.send(R"({"message":"ping"})");
  auto pong = s.next();
  ASSERT_TRUE(pong);
  EXPECT_EQ((*pong)["eventBody"]["message"], "pong");
  // The channel belongs to EMEA: through APAC's streaming host it is unknown.
  Socket other(port(""), "streaming.mypurecloud.com.au", path(c));
  auto answer = other.next();
  ASSERT_TRUE(answer);
  EXPECT_EQ(*answer, json::parse(R"({"result":"404"})"));
  EXPECT_FALSE(other.next());
  EXPECT_EQ(other.error, websocket::error::closed);
}

TEST_F(ChannelSocketServer, SecondSocketClosesTheFirstAndExpiryAnswers404) {
  auto c = channel();
  Socket first(port(), "127.0.0.1", path(c));
  Socket second(port(), "127.0.0.1", path(c));
  EXPECT_FALSE(first.next());
  EXPECT_EQ(first.error, websocket::error::closed);
  clock.advance(std::chrono::hours(24));
  auto answer = second.next();
  ASSERT_TRUE(answer);
  EXPECT_EQ(*answer, json::parse(R"({"result":"404"})"));
  EXPECT_FALSE(second.next());
}

TEST_F(ChannelSocketServer, SocketDropCutsTheConnectionWithoutACloseFrame) {
  auto c = channel();
  Socket s(port(), "127.0.0.1", path(c));
  auto res = harness->send(kRegion, json_request("POST", "/mockgc/admin/faults", "",
                                                 {{"type", "notification"}, {"action", "socket_drop"}}));
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_FALSE(s.next());
  EXPECT_NE(s.error, websocket::error::closed);  // no close handshake: the TCP connection just ends
  Socket again(port(), "127.0.0.1", path(c));   // the channel lives on
  again.send(R"({"message":"ping"})");
  EXPECT_TRUE(again.next());
}

TEST_F(ChannelSocketServer, PlainHttpOnAChannelPathIsA404) {
  auto c = channel();
  auto res = harness->send(kRegion, get_request(path(c), token));
  EXPECT_EQ(res.status, 404);
}

}  // namespace
}  // namespace mockgc::testing
