#pragma once
// Real sockets: HTTP/1.1 over TCP or TLS (OpenSSL), with a keep-alive connection pool per origin.
// Asio-free header; Beast lives in src/beast_transport.cpp only.
//
// - HTTPS verifies the peer by default against the system CA store (set_default_verify_paths) plus the
//   endpoint's optional ca_file; SNI and host-name (or IP) verification are always on.
// - A pooled connection is checked before reuse (idle age, peer FIN or stray bytes). If a reused
//   connection still dies before any response byte arrives, the request is resent once on a fresh
//   connection ONLY when SendOptions::idempotent; otherwise the error is returned (it may have been applied).
// - Synchronous: each connection owns a small io_context; different connections may be used from
//   different threads at once (the pool is locked, exchanges are not).
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "mockgc/client/transport.hpp"

namespace mockgc::client {

struct BeastTransportOptions {
  std::chrono::milliseconds connect_timeout{10'000};  // TCP connect + TLS handshake
  std::chrono::milliseconds request_timeout{30'000};  // writing the request + reading the response
  std::size_t body_limit = 256u << 20;                // WFM downloadUrl payloads can be large
  std::chrono::milliseconds max_idle{30'000};         // pooled connections idle longer are not reused
  std::size_t max_idle_per_origin = 4;
  bool verify_peer = true;                            // false only for experiments; never by default
  std::string user_agent = "mockgc-client/0.1";
};

struct TransportStats {
  std::size_t connections_opened = 0;
  std::size_t requests_sent = 0;      // exchanges started (including stale resends)
  std::size_t connections_reused = 0;
  std::size_t stale_resends = 0;      // idempotent requests resent after a reused connection died
};

class BeastTransport final : public Transport {
 public:
  explicit BeastTransport(BeastTransportOptions options = {});
  ~BeastTransport() override;
  BeastTransport(const BeastTransport&) = delete;
  BeastTransport& operator=(const BeastTransport&) = delete;

  Result<api::HttpResponse> send(const Endpoint& to, const api::HttpRequest& request,
                                 const SendOptions& options) override;
  TransportStats stats() const;
  void close_idle_connections();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mockgc::client
