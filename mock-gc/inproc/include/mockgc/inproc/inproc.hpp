#pragma once
// The client's Transport and Clock seams wired straight into mock-gc's core: the same workflow code that
// talks to real Genesys over sockets runs in-process, and a 60 s Retry-After costs no wall time.
#include "mockgc/client/clock.hpp"
#include "mockgc/client/transport.hpp"
#include "mockgc/core/clock.hpp"
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

// A client Clock reading the world's VirtualClock; sleep_until moves the world forward (never back).
class VirtualClockAdapter final : public client::Clock {
 public:
  explicit VirtualClockAdapter(core::VirtualClock& clock) : clock_(clock) {}
  client::Instant now() const override;
  void sleep_until(client::Instant t) override;

 private:
  core::VirtualClock& clock_;
};

}  // namespace mockgc::inproc
