#pragma once
// The client's Transport seam wired straight into mock-gc's core: the same workflow code that talks to
// real Genesys over sockets runs in-process. For the Clock seam, pass the world's api::ManualClock to the
// client too (it is both the server's Clock and the client's WaitableClock): a 60 s Retry-After then
// moves the world forward and costs no wall time.
#include "mockgc/api/clock.hpp"
#include "mockgc/client/transport.hpp"
#include "mockgc/client/websocket.hpp"
#include "mockgc/core/service.hpp"

namespace mockgc::inproc {

// Sends each request to `service.handle`. The endpoint's base path is prepended and its host becomes the
// Host header; the region is fixed from the host when it is a real Genesys host (api.mypurecloud.de),
// otherwise left to the Host header on the shared port (as a loopback client would see it).
// The service must outlive the transport.
class InProcessTransport final : public client::Transport {
 public:
  explicit InProcessTransport(core::Service& service) : service_(service) {}
  client::Result<api::HttpResponse> send(const client::Endpoint& to, const api::HttpRequest& request,
                                         const client::SendOptions& options) override;

 private:
  core::Service& service_;
};

// The client's WebSocket seam wired to the core's notification streams (Service::open_stream for the
// connectUri's path). A read pulls the frames due at the world's time; when none are due it moves the
// virtual clock on by the read's timeout (world time, no wall time) and pulls once more, so heartbeats,
// socket_closing, drops and expiry arrive as on a socket, deterministically. The clock is the world's.
class InProcessWebSocketConnector final : public client::WebSocketConnector {
 public:
  InProcessWebSocketConnector(core::Service& service, api::ManualClock& clock) : service_(service), clock_(clock) {}
  client::Result<std::unique_ptr<client::WebSocket>> connect(std::string_view url, const std::string& ca_file) override;
  std::size_t connects() const { return connects_; }

 private:
  core::Service& service_;
  api::ManualClock& clock_;
  std::size_t connects_ = 0;
};

}  // namespace mockgc::inproc
