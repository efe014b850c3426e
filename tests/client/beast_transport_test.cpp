// BeastTransport over real loopback sockets (label: integration). No timing assertions: timeouts are
// configured short and only their *kind* of outcome is checked.
#include "mockgc/client/beast_transport.hpp"

#include <gtest/gtest.h>

#include "mockgc/client/errc.hpp"
#include "mockgc/client/org_client.hpp"
#include "support/scripted_transport.hpp"
#include "support/self_signed_cert.hpp"
#include "support/test_http_server.hpp"

namespace mockgc::client {
namespace {

using testing::ServerAction;
using testing::ServerReply;
using testing::ServerRequest;
using testing::TestHttpServer;

ServerReply ok_echo(const ServerRequest& in) {
  ServerReply r;
  r.response.status = 200;
  r.response.headers.set("Content-Type", "application/json");
  r.response.body = in.request.method + " " + in.request.target + " " + in.request.body;
  return r;
}

api::HttpRequest get(std::string target) { return api::HttpRequest{"GET", std::move(target), {}, {}}; }
api::HttpRequest post(std::string target, std::string body) {
  return api::HttpRequest{"POST", std::move(target), {{"Content-Type", "application/json"}}, std::move(body)};
}

Endpoint endpoint_of(const TestHttpServer& server, std::string ca_file = {}) {
  auto ep = parse_endpoint(server.base_url());
  EXPECT_TRUE(ep);
  ep->ca_file = std::move(ca_file);
  return *ep;
}

const SendOptions idempotent{true};
const SendOptions non_idempotent{false};

TEST(BeastTransport, SendsTheRequestAndReturnsTheResponse) {
  std::string seen_host;
  TestHttpServer server([&](const ServerRequest& in) {
    seen_host = std::string(in.request.headers.get("Host").value_or(""));
    return ok_echo(in);
  });
  BeastTransport transport;
  auto ep = endpoint_of(server);
  ep.base_path = "/gw";
  auto r = transport.send(ep, post("/api/v2/x?a=1", R"({"k":"v"})"), non_idempotent);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"(POST /gw/api/v2/x?a=1 {"k":"v"})");
  EXPECT_EQ(r->headers.get("Content-Type"), "application/json");
  EXPECT_EQ(seen_host, "127.0.0.1:" + std::to_string(server.port()));
}

TEST(BeastTransport, HttpErrorStatusesAreValues) {
  TestHttpServer server([](const ServerRequest&) {
    ServerReply r;
    r.response.status = 503;
    r.response.body = R"({"code":"service.unavailable"})";
    return r;
  });
  BeastTransport transport;
  auto r = transport.send(endpoint_of(server), get("/x"), idempotent);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
}

TEST(BeastTransport, KeepAliveReusesOneConnectionPerOrigin) {
  TestHttpServer server(ok_echo);
  BeastTransport transport;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(transport.send(endpoint_of(server), get("/x"), idempotent));
  ASSERT_TRUE(transport.send(endpoint_of(server), post("/y", "{}"), non_idempotent));
  EXPECT_EQ(server.connections_accepted(), 1u);
  EXPECT_EQ(server.requests(), 6u);
  EXPECT_EQ(transport.stats().connections_reused, 5u);
}

TEST(BeastTransport, IdleConnectionClosedByTheServerIsNotReusedEvenForPost) {
  TestHttpServer server([](const ServerRequest& in) {
    auto r = ok_echo(in);
    if (in.connection == 0) r.action = ServerAction::respond_then_close;  // an idle timeout, seen as FIN
    return r;
  });
  BeastTransport transport;
  ASSERT_TRUE(transport.send(endpoint_of(server), get("/x"), idempotent));
  ASSERT_TRUE(server.wait_closed(1));
  auto r = transport.send(endpoint_of(server), post("/y", "{}"), non_idempotent);
  ASSERT_TRUE(r) << r.error().message();  // detected before sending: a fresh connection, no ambiguity
  EXPECT_EQ(server.connections_accepted(), 2u);
  EXPECT_EQ(server.requests(), 2u);
  EXPECT_EQ(transport.stats().stale_resends, 0u);
}

// The server accepts the second request on the kept-alive connection, then drops it without answering.
ServerReply drop_second_request_on_first_connection(const ServerRequest& in, std::size_t& seen) {
  auto r = ok_echo(in);
  if (in.connection == 0 && ++seen == 2) r.action = ServerAction::close_without_response;
  return r;
}

TEST(BeastTransport, ReusedConnectionDyingBeforeAnAnswerResendsAnIdempotentGetOnce) {
  std::size_t seen = 0;
  TestHttpServer server([&](const ServerRequest& in) { return drop_second_request_on_first_connection(in, seen); });
  BeastTransport transport;
  ASSERT_TRUE(transport.send(endpoint_of(server), get("/a"), idempotent));
  auto r = transport.send(endpoint_of(server), get("/b"), idempotent);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->body, "GET /b ");
  EXPECT_EQ(server.connections_accepted(), 2u);
  EXPECT_EQ(server.requests(), 3u);
  EXPECT_EQ(transport.stats().stale_resends, 1u);
}

TEST(BeastTransport, ReusedConnectionDyingBeforeAnAnswerIsNotResentForPost) {
  std::size_t seen = 0;
  TestHttpServer server([&](const ServerRequest& in) { return drop_second_request_on_first_connection(in, seen); });
  BeastTransport transport;
  ASSERT_TRUE(transport.send(endpoint_of(server), get("/a"), idempotent));
  auto r = transport.send(endpoint_of(server), post("/b", "{}"), non_idempotent);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::connection_reset);
  EXPECT_TRUE(may_have_reached_server(r.error()));
  EXPECT_EQ(server.requests(), 2u);  // the POST reached the server exactly once
  EXPECT_EQ(server.connections_accepted(), 1u);
}

TEST(BeastTransport, ResetMidResponseIsATransportErrorNotAStatus) {
  TestHttpServer server([](const ServerRequest& in) {
    auto r = ok_echo(in);
    r.action = ServerAction::reset_mid_response;
    return r;
  });
  BeastTransport transport;
  auto r = transport.send(endpoint_of(server), get("/x"), idempotent);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::connection_reset);
}

TEST(BeastTransport, NonHttpAnswerIsAProtocolError) {
  TestHttpServer server([](const ServerRequest&) {
    ServerReply r;
    r.action = ServerAction::raw;
    r.raw = "SSH-2.0-OpenSSH_9.2\r\n\r\n";
    return r;
  });
  BeastTransport transport;
  auto r = transport.send(endpoint_of(server), get("/x"), idempotent);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::protocol_error);
}

TEST(BeastTransport, SilentServerTimesOut) {
  TestHttpServer server([](const ServerRequest&) {
    ServerReply r;
    r.action = ServerAction::stall;
    return r;
  });
  BeastTransport transport({.request_timeout = std::chrono::milliseconds(200)});
  auto r = transport.send(endpoint_of(server), get("/x"), idempotent);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::timeout);
  server.stop();
}

TEST(BeastTransport, BodyAboveTheLimitIsRefused) {
  TestHttpServer server([](const ServerRequest&) {
    ServerReply r;
    r.response.body = std::string(4096, 'x');
    return r;
  });
  BeastTransport transport({.body_limit = 1024});
  auto r = transport.send(endpoint_of(server), get("/x"), idempotent);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::body_too_large);
}

TEST(BeastTransport, RefusedConnectionIsConnectFailed) {
  TestHttpServer gone(ok_echo);
  const std::uint16_t port = gone.port();
  gone.stop();  // nothing listens there now
  BeastTransport transport;
  auto r = transport.send(*parse_endpoint("http://127.0.0.1:" + std::to_string(port)), get("/x"), non_idempotent);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::connect_failed);
  EXPECT_FALSE(may_have_reached_server(r.error()));
}

TEST(BeastTransport, HttpsWithTheCaFileOptionVerifiesAndReusesTheConnection) {
  testing::SelfSignedCert cert;
  TestHttpServer server(ok_echo, testing::TlsFiles{cert.cert_file().string(), cert.key_file().string()});
  BeastTransport transport;
  const auto ep = endpoint_of(server, cert.cert_file().string());
  for (int i = 0; i < 3; ++i) {
    auto r = transport.send(ep, get("/secure"), idempotent);
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->body, "GET /secure ");
  }
  EXPECT_EQ(server.connections_accepted(), 1u);
}

TEST(BeastTransport, HttpsIdleConnectionClosedByTheServerIsNotReusedForPost) {
  testing::SelfSignedCert cert;
  TestHttpServer server(
      [](const ServerRequest& in) {
        auto r = ok_echo(in);
        if (in.connection == 0) r.action = ServerAction::respond_then_close;
        return r;
      },
      testing::TlsFiles{cert.cert_file().string(), cert.key_file().string()});
  BeastTransport transport;
  const auto ep = endpoint_of(server, cert.cert_file().string());
  ASSERT_TRUE(transport.send(ep, get("/x"), idempotent));
  ASSERT_TRUE(server.wait_closed(1));
  auto r = transport.send(ep, post("/y", "{}"), non_idempotent);
  ASSERT_TRUE(r) << r.error().message();  // the hang-up was seen before sending (TLS 1.3 tickets aside)
  EXPECT_EQ(server.connections_accepted(), 2u);
  EXPECT_EQ(server.requests(), 2u);
}

TEST(BeastTransport, HttpsWithoutTrustIsRejected) {
  testing::SelfSignedCert cert;
  TestHttpServer server(ok_echo, testing::TlsFiles{cert.cert_file().string(), cert.key_file().string()});
  BeastTransport transport;
  auto r = transport.send(endpoint_of(server), get("/secure"), idempotent);  // system store only
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::tls_failed);
  EXPECT_EQ(server.requests(), 0u);
}

TEST(BeastTransport, HttpsChecksTheHostNameAgainstTheCertificate) {
  testing::SelfSignedCert cert("DNS:mock-gc.test");  // trusted, but issued for another name
  TestHttpServer server(ok_echo, testing::TlsFiles{cert.cert_file().string(), cert.key_file().string()});
  BeastTransport transport;
  auto r = transport.send(endpoint_of(server, cert.cert_file().string()), get("/secure"), idempotent);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), errc::tls_failed);
  // The same certificate for the right name passes: the failure above is the name check, not trust.
  testing::SelfSignedCert right("IP:127.0.0.1");
  TestHttpServer good(ok_echo, testing::TlsFiles{right.cert_file().string(), right.key_file().string()});
  auto ep = endpoint_of(good, right.cert_file().string());
  EXPECT_TRUE(transport.send(ep, get("/secure"), idempotent));
}

TEST(BeastTransport, HttpsSendsSniAndVerifiesDnsNames) {
  testing::SelfSignedCert cert("DNS:localhost");
  TestHttpServer server(ok_echo, testing::TlsFiles{cert.cert_file().string(), cert.key_file().string()});
  BeastTransport transport;
  auto ep = endpoint_of(server, cert.cert_file().string());
  ep.host = "localhost";
  auto r = transport.send(ep, get("/secure"), idempotent);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(server.last_sni(), "localhost");
}

TEST(BeastTransport, MissingCaFileIsATlsError) {
  testing::SelfSignedCert cert;
  TestHttpServer server(ok_echo, testing::TlsFiles{cert.cert_file().string(), cert.key_file().string()});
  BeastTransport transport;
  auto r = transport.send(endpoint_of(server, "/nonexistent/ca.pem"), get("/x"), idempotent);
  EXPECT_EQ(r.error(), errc::tls_failed);
}

// The whole politeness stack over real sockets: login, bearer token, keep-alive, 401 re-login.
TEST(BeastTransport, OrgClientLogsInAndCallsOverLoopback) {
  int tokens = 0;
  TestHttpServer server([&](const ServerRequest& in) {
    ServerReply r;
    r.response.headers.set("Content-Type", "application/json");
    if (in.request.target == "/oauth/token") {
      r.response.body = R"({"access_token":"t)" + std::to_string(++tokens) + R"(","token_type":"bearer","expires_in":86399})";
    } else if (in.request.headers.get("Authorization") == "Bearer t1") {
      r.response.status = 401;  // the first token gets revoked
      r.response.body = R"({"code":"bad.credentials","status":401})";
    } else {
      r.response.body = R"({"entities":[]})";
    }
    return r;
  });
  auto orgs = parse_orgs(R"({"orgs":[{"name":"EMEA","region":"eu_central_1","base_url":")" + server.base_url() +
                         R"(","client_id":"a","client_secret":"b"}]})");
  BeastTransport transport;
  SystemClock clock;
  OrgClient client(orgs[0], transport, clock);
  auto r = client.call("GET", "/api/v2/workforcemanagement/businessunits");
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(tokens, 2);
  EXPECT_EQ(server.connections_accepted(), 1u);  // login and API share the single-port origin
}

TEST(BeastTransport, OrgClientOverHttpsTrustsTheOrgsCaFileForLoginAndApi) {
  testing::SelfSignedCert cert;
  TestHttpServer server(
      [](const ServerRequest& in) {
        ServerReply r;
        r.response.headers.set("Content-Type", "application/json");
        r.response.body = in.request.target == "/oauth/token"
                              ? R"({"access_token":"t","token_type":"bearer","expires_in":86399})"
                              : R"({"entities":[{"id":"bu-1"}]})";
        return r;
      },
      testing::TlsFiles{cert.cert_file().string(), cert.key_file().string()});
  auto orgs = parse_orgs(R"({"orgs":[{"name":"EMEA","region":"eu_central_1","base_url":")" + server.base_url() +
                         R"(","ca_file":")" + cert.cert_file().string() + R"(","client_id":"a","client_secret":"b"}]})");
  BeastTransport transport;
  SystemClock clock;
  OrgClient client(orgs[0], transport, clock);
  auto r = client.call("GET", "/api/v2/workforcemanagement/businessunits");
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->body, R"({"entities":[{"id":"bu-1"}]})");
  EXPECT_EQ(server.requests(), 2u);  // login + API, both over verified TLS
  EXPECT_EQ(server.connections_accepted(), 1u);
}

}  // namespace
}  // namespace mockgc::client
