#include "mockgc/inproc/inproc.hpp"

#include "mockgc/api/regions.hpp"
#include "mockgc/client/errc.hpp"

namespace mockgc::inproc {

client::Result<api::HttpResponse> InProcessTransport::send(const client::Endpoint& to,
                                                           const api::HttpRequest& request,
                                                           const client::SendOptions&) {
  api::HttpRequest req = request;
  req.target = to.base_path + req.target;
  req.headers.set("Host", to.host_header());
  core::RequestContext ctx;
  if (const auto* region = api::region_for_host(to.host)) ctx.region = std::string(region->key);
  ctx.peer = "inprocess";
  ctx.scheme = to.scheme;
  api::HttpResponse response = service_.handle(req, ctx);
  // Over sockets (mock-gc/net) these faults leave no usable response; report them the way BeastTransport
  // does, so workflow code sees the same transport error in-process. slow_body and latency only cost time.
  using Action = api::Delivery::Action;
  if (response.delivery.action == Action::reset || response.delivery.action == Action::close_mid_body)
    return client::errc::connection_reset;
  return response;
}

}  // namespace mockgc::inproc
