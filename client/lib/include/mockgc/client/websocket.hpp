#pragma once
// The WebSocket seam of the notification client: text messages in and out of one connection. Real sockets
// (BeastWebSocketConnector, beast_websocket.hpp) or any fake, so the channel logic runs without a network.
// Contract: reading nothing within the timeout is errc::timeout and the socket stays usable; a socket the
// peer closed (close frame or dropped TCP) answers errc::connection_reset from then on.
#include <memory>
#include <string>
#include <string_view>

#include "mockgc/client/clock.hpp"
#include "mockgc/client/result.hpp"

namespace mockgc::client {

class WebSocket {
 public:
  virtual ~WebSocket() = default;
  // The next text message, waiting at most `timeout` (wall time).
  virtual Result<std::string> read(Millis timeout) = 0;
  virtual Status write(std::string_view text) = 0;
  // A close handshake when the socket is still open; the socket is dead afterwards.
  virtual void close() = 0;
};

class WebSocketConnector {
 public:
  virtual ~WebSocketConnector() = default;
  // `url` is ws://host[:port]/path or wss://… (a channel's connectUri). `ca_file`: extra PEM trust anchors
  // for wss (the org's, as for its HTTPS). Errors as for HTTP: bad_url, resolve_failed, connect_failed,
  // tls_failed before anything was sent; unexpected_status when the server declined the upgrade.
  virtual Result<std::unique_ptr<WebSocket>> connect(std::string_view url, const std::string& ca_file) = 0;
};

}  // namespace mockgc::client
