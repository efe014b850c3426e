// HTTPS listeners (--tls-cert/--tls-key): a throwaway self-signed certificate is made at test time with
// OpenSSL's own APIs, so the test needs no openssl CLI.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>
#include <vector>

#include "support/served_world.hpp"
#include "echo_service.hpp"
#include "mockgc/net/server.hpp"
#include "raw_client.hpp"
#include "running_server.hpp"

namespace mockgc::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;

struct SelfSigned {
  std::filesystem::path cert;
  std::filesystem::path key;
  std::string cert_pem;
};

std::string pem_of(int (*write)(BIO*, void*), void* object) {
  BIO* bio = BIO_new(BIO_s_mem());
  write(bio, object);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  return out;
}

// P-256 key, CN=127.0.0.1 with SAN IP:127.0.0.1, valid one day.
SelfSigned make_self_signed(const std::string& stem) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  if (X509_EXTENSION* san = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "IP:127.0.0.1")) {
    X509_add_ext(cert, san, -1);
    X509_EXTENSION_free(san);
  }
  X509_sign(cert, key, EVP_sha256());

  SelfSigned out;
  out.cert_pem = pem_of([](BIO* b, void* o) { return PEM_write_bio_X509(b, static_cast<X509*>(o)); }, cert);
  const std::string key_pem = pem_of(
      [](BIO* b, void* o) {
        return PEM_write_bio_PrivateKey(b, static_cast<EVP_PKEY*>(o), nullptr, nullptr, 0, nullptr, nullptr);
      },
      key);
  X509_free(cert);
  EVP_PKEY_free(key);
  const auto dir = std::filesystem::path(::testing::TempDir());
  out.cert = dir / (stem + "-cert.pem");
  out.key = dir / (stem + "-key.pem");
  std::ofstream(out.cert) << out.cert_pem;
  std::ofstream(out.key) << key_pem;
  return out;
}

// Sends `requests` one after another on one kept-alive HTTPS connection trusting only `cert_pem`: the answers
// that arrived whole, in order, up to the first that did not. Every operation is bounded by a guard timeout, so an
// answer that never arrives whole fails the test instead of hanging it.
using Requests = std::vector<http::request<http::string_body>>;
std::vector<http::response<http::string_body>> https_kept_alive(std::uint16_t port, const std::string& cert_pem,
                                                                Requests requests) {
  asio::io_context ioc;
  ssl::context ctx(ssl::context::tls_client);
  ctx.add_certificate_authority(asio::buffer(cert_pem));
  ctx.set_verify_mode(ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
  std::vector<http::response<http::string_body>> answers;
  auto exchanges = [&]() -> asio::awaitable<void> {
    constexpr auto guard = std::chrono::seconds(10);
    constexpr auto token = asio::experimental::as_tuple(asio::use_awaitable);
    auto& tcp = beast::get_lowest_layer(stream);
    tcp.expires_after(guard);
    if (auto [ec] = co_await tcp.async_connect({asio::ip::make_address("127.0.0.1"), port}, token); ec) co_return;
    tcp.expires_after(guard);
    if (auto [ec] = co_await stream.async_handshake(ssl::stream_base::client, token); ec) co_return;
    beast::flat_buffer buffer;
    for (auto& request : requests) {
      request.set(http::field::host, "api.mypurecloud.de");
      request.keep_alive(true);
      request.prepare_payload();
      tcp.expires_after(guard);
      if (auto [ec, n] = co_await http::async_write(stream, request, token); ec) co_return;
      http::response<http::string_body> response;
      tcp.expires_after(guard);
      if (auto [ec, n] = co_await http::async_read(stream, buffer, response, token); ec) co_return;
      answers.push_back(std::move(response));
    }
  };
  asio::co_spawn(ioc, exchanges(), asio::detached);
  ioc.run();
  return answers;
}

// One HTTPS GET that trusts only `cert_pem`: its answer, or nothing when none arrived whole.
std::optional<http::response<http::string_body>> https_get(std::uint16_t port, const std::string& cert_pem,
                                                            const std::string& target) {
  Requests one;
  one.emplace_back(http::verb::get, target, 11);
  auto answers = https_kept_alive(port, cert_pem, std::move(one));
  if (answers.empty()) return std::nullopt;
  return std::move(answers.front());
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

// Answers of every size arrive whole over TLS, one after another on a kept-alive connection: bodies below and
// above the 16 KiB that beast::ssl_stream coalesces into one TLS record (a larger answer goes out as its head
// followed by its body), owned by the answer or shared from the core.
TEST_F(TlsTest, AnswersOfEverySizeArriveWholeOnAKeptAliveConnection) {
  net::ServerOptions options;
  options.tls = net::TlsFiles{certificate.cert, certificate.key};
  RunningServer running(service, options);
  Requests requests;
  std::vector<std::string> bodies;
  for (const bool shared : {false, true}) {
    for (const std::size_t size : {std::size_t{0}, std::size_t{100}, std::size_t{15'900}, std::size_t{16'384},
                                   std::size_t{20'000}, std::size_t{200'000}}) {
      std::string body(size, 'x');
      for (std::size_t i = 0; i < size; ++i) body[i] = static_cast<char>('a' + i % 26);
      http::request<http::string_body> request{http::verb::post, "/large", 11};
      if (shared) request.set("X-Shared-Body", "1");
      request.body() = body;
      requests.push_back(std::move(request));
      bodies.push_back(std::move(body));
    }
  }
  const auto answers = https_kept_alive(running.server.port("eu_central_1"), certificate.cert_pem, requests);
  ASSERT_EQ(answers.size(), requests.size()) << "the answer to a " << bodies[answers.size()].size()
                                             << "-byte echo (shared: " << (answers.size() >= 6) << ") never came whole";
  for (std::size_t i = 0; i < answers.size(); ++i) {
    EXPECT_EQ(answers[i].result_int(), 200U);
    EXPECT_EQ(nlohmann::json::parse(answers[i].body())["body"], bodies[i]) << i;
  }
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
  const auto banner = read_banner(child);
  std::uint16_t port = 0;
  if (const auto emea = banner.regions.find("eu_central_1"); emea != banner.regions.end()) {
    ASSERT_TRUE(emea->second.at("url").starts_with("https://127.0.0.1:")) << emea->second.at("url");
    port = port_of(emea->second.at("url"));
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
