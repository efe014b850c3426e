#pragma once
// The two seams wired to mock-gc's core, for running the client in-process in simulations and tests:
// a Transport that calls Service::handle directly, and a Clock over the world's VirtualClock where
// sleeping advances the world (a 60 s Retry-After costs no wall time). Kept out of mockgc::client,
// which must not depend on the core (api ← client; api ← core).
#include <algorithm>

#include "mockgc/client/clock.hpp"
#include "mockgc/client/transport.hpp"
#include "mockgc/core/clock.hpp"
#include "mockgc/core/service.hpp"

namespace mockgc::client::testing {

inline FunctionTransport make_inprocess_transport(core::Service& service) {
  return FunctionTransport([&service](const Endpoint& to, const api::HttpRequest& request,
                                      const SendOptions&) -> Result<api::HttpResponse> {
    api::HttpRequest req = request;
    req.target = to.base_path + req.target;
    req.headers.set("Host", to.host_header());  // on the shared port the Host header picks the region
    core::RequestContext ctx;
    ctx.peer = "inprocess";
    ctx.scheme = to.scheme;
    return service.handle(req, ctx);
  });
}

inline CallbackClock make_virtual_clock_adapter(core::VirtualClock& clock) {
  return CallbackClock([&clock] { return clock.now(); },
                       [&clock](Instant until) {
                         if (until > clock.now()) clock.set(until);
                       });
}

}  // namespace mockgc::client::testing
