#pragma once
// The client's Transport seam wired straight into mock-gc's core: the same workflow code that talks to
// real Genesys over sockets runs in-process. For the Clock seam, pass the world's api::ManualClock to the
// client too (it is both the server's Clock and the client's WaitableClock): a 60 s Retry-After then
// moves the world forward and costs no wall time.
#include "mockgc/client/transport.hpp"
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

}  // namespace mockgc::inproc
