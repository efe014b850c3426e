// HTTPS listeners (--tls-cert/--tls-key): a throwaway self-signed certificate is made at test time with
// OpenSSL's own APIs, so the test needs no openssl CLI.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "child_process.hpp"
#include "self_signed.hpp"
#include "echo_service.hpp"
#include "mockgc/net/server.hpp"
#include "raw_client.hpp"

namespace mockgc::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;

// One HTTPS GET that trusts only `cert_pem`.
std::optional<http::response<http::string_body>> https_get(std::uint16_t port, const std::string& cert_pem,
                                                            const std::string& target) {
  asio::io_context ioc;
  ssl::context ctx(ssl::context::tls_client);
  ctx.add_certificate_authority(asio::buffer(cert_pem));
  ctx.set_verify_mode(ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
  beast::error_code ec;
  beast::get_lowest_layer(stream).connect({asio::ip::make_address("127.0.0.1"), port}, ec);
  if (!ec) stream.handshake(ssl::stream_base::client, ec);
  if (ec) return std::nullopt;
  http::request<http::string_body> req{http::verb::get, target, 11};
  req.set(http::field::host, "api.mypurecloud.de");
  http::write(stream, req, ec);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  if (!ec) http::read(stream, buffer, res, ec);
  if (ec) return std::nullopt;
  stream.shutdown(ec);
  return res;
}

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    certificate = make_self_signed(::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override {
    std::filesystem::remove(certificate.cert);
    std::filesystem::remove(certificate.key);
  }
  SelfSigned certificate;
  EchoService service;
};

TEST_F(TlsTest, EveryListenerSpeaksHttpsAndTellsTheCore) {
  net::ServerOptions options;
  options.tls = net::TlsFiles{certificate.cert, certificate.key};
  net::Server server(service, options);
  server.start();
  std::thread io([&] { server.run(); });
  for (const auto& e : server.endpoints()) {
    EXPECT_EQ(e.scheme, "https");
    EXPECT_TRUE(e.url().starts_with("https://127.0.0.1:"));
  }
  const auto regional = https_get(server.port("eu_central_1"), certificate.cert_pem, "/tls");
  ASSERT_TRUE(regional.has_value());
  const auto echo = nlohmann::json::parse(regional->body());
  EXPECT_EQ(echo["scheme"], "https");
  EXPECT_EQ(echo["region"], "eu_central_1");
  const auto shared = https_get(server.port(), certificate.cert_pem, "/tls");
  ASSERT_TRUE(shared.has_value());
  EXPECT_EQ(nlohmann::json::parse(shared->body())["region"], "");

  // Plain HTTP on a TLS port gets no HTTP answer, and the listener keeps serving TLS.
  EXPECT_FALSE(get_once(server.port(), "/plain").has_value());
  EXPECT_TRUE(https_get(server.port(), certificate.cert_pem, "/again").has_value());
  server.stop();
  io.join();
}

// Delivery directives over TLS: paced and delayed answers arrive whole; reset and close mid-body leave the
// client without a complete response.
TEST_F(TlsTest, DeliveryDirectivesAreCarriedOutOverTls) {
  net::ServerOptions options;
  options.tls = net::TlsFiles{certificate.cert, certificate.key};
  net::Server server(service, options);
  server.start();
  std::thread io([&] { server.run(); });
  const auto port = server.port("eu_central_1");
  for (const char* whole : {"/delivery/slow_body", "/delivery/delay"}) {
    const auto res = https_get(port, certificate.cert_pem, whole);
    ASSERT_TRUE(res.has_value()) << whole;
    EXPECT_EQ(nlohmann::json::parse(res->body())["target"], whole);
  }
  EXPECT_FALSE(https_get(port, certificate.cert_pem, "/delivery/reset").has_value());
  EXPECT_FALSE(https_get(port, certificate.cert_pem, "/delivery/close_mid_body").has_value());
  EXPECT_TRUE(https_get(port, certificate.cert_pem, "/after").has_value()) << "the listener keeps serving";
  server.stop();
  io.join();
}

TEST_F(TlsTest, UnreadableCertificateFailsAtStart) {
  net::ServerOptions options;
  options.tls = net::TlsFiles{certificate.cert.string() + ".missing", certificate.key};
  net::Server server(service, options);
  EXPECT_THROW(server.start(), std::runtime_error);
}

TEST_F(TlsTest, MockGcServesHttpsWithTlsFlags) {
  ChildProcess child({MOCKGC_BIN, "serve", "--tls-cert", certificate.cert.string(), "--tls-key",
                      certificate.key.string()});
  std::uint16_t port = 0;
  while (auto line = child.read_line()) {
    if (line->starts_with("region=eu_central_1 ")) {
      ASSERT_NE(line->find(" url=https://127.0.0.1:"), std::string::npos) << *line;
      const auto at = line->find("url=https://127.0.0.1:") + 22;
      port = static_cast<std::uint16_t>(std::stoi(line->substr(at)));
    }
    if (*line == "ready") break;
  }
  ASSERT_NE(port, 0);
  const auto res = https_get(port, certificate.cert_pem, "/api/v2/no-such-thing");
  ASSERT_TRUE(res.has_value());
  EXPECT_GE(res->result_int(), 400U);
  child.send_signal(SIGTERM);
  EXPECT_EQ(child.wait_exit(), 0);
}

TEST_F(TlsTest, MockGcExitsTwoForAMissingKeyFile) {
  ChildProcess child({MOCKGC_BIN, "serve", "--tls-cert", certificate.cert.string(), "--tls-key", "/nonexistent.pem"});
  EXPECT_EQ(child.wait_exit(), 2);
  EXPECT_NE(child.drain_stderr().find("TLS"), std::string::npos);
}

}  // namespace
}  // namespace mockgc::testing
