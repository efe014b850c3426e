// The network shell over real sockets on 127.0.0.1, port 0, with a fake core that echoes what it was given.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <thread>

#include "echo_service.hpp"
#include "mockgc/net/server.hpp"
#include "raw_client.hpp"
#include "running_server.hpp"

namespace mockgc::testing {
namespace {

using namespace std::chrono_literals;

nlohmann::json echo_of(const std::optional<RawResponse>& r) {
  EXPECT_TRUE(r.has_value());
  if (!r) return {};
  EXPECT_EQ(r->result_int(), 200U) << r->body();
  return nlohmann::json::parse(r->body());
}

// Polls `condition` (a state change in another thread) with a generous hang guard; not a speed assertion.
template <class F>
bool eventually(F condition) {
  for (int i = 0; i < 1000; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return condition();
}

class ServerTest : public ::testing::Test {
 protected:
  net::ServerOptions options() {
    net::ServerOptions o;
    o.body_limit = 4096;
    return o;
  }
  EchoService service;
};

TEST_F(ServerTest, EveryRegionAndTheSharedPortGetTheirOwnRealPort) {
  RunningServer s(service, options());
  const auto endpoints = s.server.endpoints();
  ASSERT_EQ(endpoints.size(), 3U);
  EXPECT_EQ(endpoints[0].region, "eu_central_1");
  EXPECT_EQ(endpoints[1].region, "ap_southeast_2");
  EXPECT_EQ(endpoints[2].region, "");
  for (const auto& e : endpoints) {
    EXPECT_NE(e.port, 0);
    EXPECT_EQ(e.scheme, "http");
    EXPECT_EQ(e.url(), "http://127.0.0.1:" + std::to_string(e.port));
  }
  EXPECT_NE(endpoints[0].port, endpoints[1].port);
  EXPECT_NE(endpoints[1].port, endpoints[2].port);
  EXPECT_EQ(s.server.port("ap_southeast_2"), endpoints[1].port);
  EXPECT_EQ(s.server.port(), endpoints[2].port);
}

TEST_F(ServerTest, RegionPortSetsTheRegionAndTheSharedPortLeavesItToTheHostHeader) {
  RunningServer s(service, options());
  const auto eu = echo_of(get_once(s.server.port("eu_central_1"), "/api/v2/x"));
  EXPECT_EQ(eu["region"], "eu_central_1");
  const auto ap = echo_of(get_once(s.server.port("ap_southeast_2"), "/api/v2/x"));
  EXPECT_EQ(ap["region"], "ap_southeast_2");
  const auto shared = echo_of(get_once(s.server.port(), "/api/v2/x", "Host: api.mypurecloud.de\r\n"));
  EXPECT_EQ(shared["region"], "");
  EXPECT_EQ(shared["headers"]["Host"], "api.mypurecloud.de");
  EXPECT_EQ(shared["scheme"], "http");
  EXPECT_TRUE(shared["peer"].get<std::string>().starts_with("127.0.0.1:"));
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  RunningServer s(service, options());
  RawClient client(s.server.port("eu_central_1"));
  std::string first_peer;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client.send("GET /k" + std::to_string(i) + " HTTP/1.1\r\nHost: h\r\n\r\n"));
    const auto echo = echo_of(client.read_response());
    EXPECT_EQ(echo["target"], "/k" + std::to_string(i));
    if (i == 0) first_peer = echo["peer"];
    EXPECT_EQ(echo["peer"], first_peer) << "same client port = same connection";
  }
  EXPECT_EQ(s.server.open_connections(), 1U);
}

TEST_F(ServerTest, PipelinedRequestsComeBackInOrder) {
  RunningServer s(service, options());
  RawClient client(s.server.port());
  std::string burst;
  for (int i = 0; i < 20; ++i) burst += "GET /p" + std::to_string(i) + " HTTP/1.1\r\nHost: h\r\n\r\n";
  ASSERT_TRUE(client.send(burst));
  for (int i = 0; i < 20; ++i) EXPECT_EQ(echo_of(client.read_response())["target"], "/p" + std::to_string(i));
}

TEST_F(ServerTest, OversizedBodyGets413JsonThenCloseAndTheServerKeepsServing) {
  RunningServer s(service, options());
  RawClient client(s.server.port("eu_central_1"));
  ASSERT_TRUE(client.send("POST /big HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
                          "Content-Length: 100000\r\n\r\n" + std::string(8000, '{')));
  const auto r = client.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->result_int(), 413U);
  EXPECT_FALSE(r->keep_alive());
  const auto body = nlohmann::json::parse(r->body());
  EXPECT_EQ(body["code"], "request.entity.too.large");
  EXPECT_EQ(body["message"], "The request is over the size limit. Maximum bytes: 4096");
  EXPECT_EQ(body["contextId"], std::string((*r)["ININ-Correlation-Id"]));
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_EQ(service.calls, 0);
  EXPECT_EQ(echo_of(get_once(s.server.port("eu_central_1"), "/after"))["target"], "/after");
}

TEST_F(ServerTest, NinetyKilobyteRequestLineGets414AndTheServerKeepsServing) {
  RunningServer s(service, options());  // the default 64 KB header limit
  RawClient client(s.server.port("eu_central_1"));
  // The server may answer (and close) before all bytes are written: the send's outcome does not matter.
  client.send("GET /api/v2/users?id=" + std::string(90 * 1024, 'a') + " HTTP/1.1\r\nHost: h\r\n\r\n");
  const auto r = client.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->result_int(), 414U);
  const auto body = nlohmann::json::parse(r->body());
  EXPECT_EQ(body["code"], "request.uri.too.long");
  EXPECT_EQ(body["status"], 414);
  EXPECT_EQ(service.calls, 0);
  EXPECT_EQ(echo_of(get_once(s.server.port("eu_central_1"), "/after"))["target"], "/after");
}

TEST_F(ServerTest, GarbageBytesGet400OrCloseAndTheNextConnectionIsServed) {
  RunningServer s(service, options());
  {
    RawClient client(s.server.port());
    ASSERT_TRUE(client.send(std::string("\x00\x01\x02\xff garbage \r\n\r\n\r\n", 20)));
    const auto r = client.read_response();
    if (r) {
      EXPECT_EQ(r->result_int(), 400U);
      EXPECT_EQ(nlohmann::json::parse(r->body())["code"], "bad.request");
    }
    EXPECT_TRUE(client.closed_by_server());
  }
  EXPECT_EQ(echo_of(get_once(s.server.port(), "/next"))["target"], "/next");
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosedAfterTheReadTimeout) {
  auto o = options();
  o.read_timeout = 200ms;
  RunningServer s(service, o);
  RawClient client(s.server.port("eu_central_1"));
  ASSERT_TRUE(client.send("GET /once HTTP/1.1\r\nHost: h\r\n\r\n"));
  ASSERT_TRUE(client.read_response().has_value());
  EXPECT_TRUE(client.closed_by_server()) << "an idle keep-alive connection must not live forever";
}

TEST_F(ServerTest, SlowlorisRequestIsCutOffByTheReadTimeout) {
  auto o = options();
  o.read_timeout = 200ms;
  RunningServer s(service, o);
  RawClient client(s.server.port("eu_central_1"));
  ASSERT_TRUE(client.send("GET /slow HTTP/1.1\r\nHost: h\r\nX-Dribble: a"));
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_EQ(service.calls, 0);
  EXPECT_TRUE(eventually([&] { return s.server.open_connections() == 0; }));
}

TEST_F(ServerTest, ClientVanishingMidBodyIsCleanedUp) {
  RunningServer s(service, options());
  {
    RawClient client(s.server.port("ap_southeast_2"));
    ASSERT_TRUE(client.send("POST /half HTTP/1.1\r\nHost: h\r\nContent-Length: 1000\r\n\r\nabc"));
    ASSERT_TRUE(eventually([&] { return s.server.open_connections() == 1; }));
    client.reset();
  }
  EXPECT_TRUE(eventually([&] { return s.server.open_connections() == 0; }));
  EXPECT_EQ(service.calls, 0);
  EXPECT_EQ(echo_of(get_once(s.server.port("ap_southeast_2"), "/after"))["target"], "/after");
}

TEST_F(ServerTest, AnExceptionFromTheCoreEndsOnlyThatConnection) {
  RunningServer s(service, options());
  {
    RawClient client(s.server.port());
    ASSERT_TRUE(client.send("GET /throw HTTP/1.1\r\nHost: h\r\n\r\n"));
    EXPECT_FALSE(client.read_response().has_value());
  }
  EXPECT_EQ(echo_of(get_once(s.server.port(), "/fine"))["target"], "/fine");
}

TEST_F(ServerTest, ConnectionsOverTheCapAreClosedWhileExistingOnesKeepWorking) {
  auto o = options();
  o.max_connections = 1;
  RunningServer s(service, o);
  RawClient first(s.server.port());
  ASSERT_TRUE(first.send("GET /1 HTTP/1.1\r\nHost: h\r\n\r\n"));
  ASSERT_TRUE(first.read_response().has_value());
  RawClient second(s.server.port());
  second.send("GET /2 HTTP/1.1\r\nHost: h\r\n\r\n");
  EXPECT_FALSE(second.read_response().has_value());
  ASSERT_TRUE(first.send("GET /3 HTTP/1.1\r\nHost: h\r\n\r\n"));
  EXPECT_EQ(echo_of(first.read_response())["target"], "/3");
}

TEST_F(ServerTest, StopEndsRunEvenWithOpenConnections) {
  auto s = std::make_unique<RunningServer>(service, options());
  RawClient idle(s->server.port());
  ASSERT_TRUE(eventually([&] { return s->server.open_connections() == 1; }));
  s.reset();  // stop() + join: would hang here if run() did not return
  EXPECT_TRUE(idle.closed_by_server());
}

TEST_F(ServerTest, StartFailsLoudlyWhenThePortIsTaken) {
  RunningServer first(service, options());
  auto o = options();
  o.port = first.server.port();
  net::Server second(service, o);
  EXPECT_THROW(second.start(), std::system_error);
}

}  // namespace
}  // namespace mockgc::testing
