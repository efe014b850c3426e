#pragma once
// Real notification sockets: WebSocket over TCP or TLS (OpenSSL, peer verified by default, SNI and host-name
// verification as in BeastTransport). Asio-free header; Beast lives in src/beast_websocket.cpp only.
// Each socket owns a small io_context and is used from one thread at a time.
#include <chrono>
#include <string>

#include "mockgc/client/websocket.hpp"

namespace mockgc::client {

struct BeastWebSocketOptions {
  std::chrono::milliseconds connect_timeout{10'000};  // TCP connect, TLS and WebSocket handshakes
  std::chrono::milliseconds write_timeout{10'000};
  std::size_t max_message_bytes = 4u << 20;           // a bigger message ends the socket
  bool verify_peer = true;
  std::string user_agent = "mockgc-client/0.1";
};

class BeastWebSocketConnector final : public WebSocketConnector {
 public:
  explicit BeastWebSocketConnector(BeastWebSocketOptions options = {}) : options_(std::move(options)) {}
  Result<std::unique_ptr<WebSocket>> connect(std::string_view url, const std::string& ca_file) override;

 private:
  BeastWebSocketOptions options_;
};

}  // namespace mockgc::client
