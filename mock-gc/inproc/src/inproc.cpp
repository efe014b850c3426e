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
  auto res = service_.handle(req, ctx);
  // The shell's delivery directives that lose the answer are transport errors here, as over a socket:
  // a reset sends nothing, close_mid_body cuts the body short of its Content-Length.
  if (res.delivery.action == api::Delivery::Action::reset ||
      res.delivery.action == api::Delivery::Action::close_mid_body)
    return client::errc::connection_reset;
  return res;
}

client::Instant VirtualClockAdapter::now() const { return clock_.now(); }

void VirtualClockAdapter::sleep_until(client::Instant t) {
  if (t > clock_.now()) clock_.set(t);
}

}  // namespace mockgc::inproc
