#pragma once
// A tiny HTTP/1.1 (or HTTPS) server on 127.0.0.1:0 for BeastTransport tests. Each request goes to a
// handler that picks a reply and a misbehaviour (close, reset mid-response, stall, raw bytes); the server
// counts connections and requests. One thread per connection; blocking I/O; stop() unblocks everything.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "mockgc/api/http.hpp"

namespace mockgc::client::testing {

enum class ServerAction {
  respond,                 // write the response; keep the connection open if the request allows
  respond_then_close,      // write the response (advertising keep-alive), then close: an "idle timeout"
  close_without_response,  // read the request, close without a byte of response
  reset_mid_response,      // write the status line and half the body, then RST the connection
  raw,                     // write `raw` bytes as the response, then close
  stall,                   // never answer (until stop())
};

struct ServerReply {
  ServerAction action = ServerAction::respond;
  api::HttpResponse response;
  std::string raw;
};

struct ServerRequest {
  api::HttpRequest request;
  std::size_t connection = 0;  // 0-based index of the connection it arrived on
};

struct TlsFiles {
  std::string cert_file;  // PEM
  std::string key_file;   // PEM
};

class TestHttpServer {
 public:
  using Handler = std::function<ServerReply(const ServerRequest&)>;
  explicit TestHttpServer(Handler handler, std::optional<TlsFiles> tls = std::nullopt);
  ~TestHttpServer();
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  std::uint16_t port() const;
  std::string base_url() const;  // "http://127.0.0.1:<port>" or https
  std::size_t connections_accepted() const;
  std::size_t connections_closed() const;  // closed by the server side (any reason)
  std::size_t requests() const;
  std::size_t tls_handshake_failures() const;
  std::string last_sni() const;  // server name the last TLS client sent (empty: none)
  // Waits (up to 5 s of wall time) until the server has closed `n` connections.
  bool wait_closed(std::size_t n) const;
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mockgc::client::testing
