#include "echo_service.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <stdexcept>
#include <utility>

namespace mockgc::testing {

api::HttpResponse EchoService::handle(const api::HttpRequest& request, const core::RequestContext& ctx) {
  ++calls;
  if (request.target.starts_with("/throw")) throw std::runtime_error("echo service asked to throw");
  api::HttpResponse res;
  if (request.target.starts_with("/status/")) {  // any status the test asks for, even an invalid one
    res.status = std::stoi(request.target.substr(8));
    return res;
  }
  if (request.target.starts_with("/no-content")) {
    res.status = 204;
    return res;
  }
  // Request header X-Shared-Body: the answer's body comes as api::HttpResponse::shared_body (a cached body).
  const bool shared = request.headers.has("X-Shared-Body");
  auto share = [&](api::HttpResponse& r) {
    if (shared) r.shared_body = std::make_shared<const std::string>(std::exchange(r.body, {}));
  };
  if (request.target == "/fixed") {
    // Fields Beast frames in its own way: a duplicate name apart from its first, blanks around a value, framing
    // fields of the core's that the shell replaces.
    res.headers.add("Content-Type", "text/plain");
    res.headers.add("X-Dup", "a");
    res.headers.add("Transfer-Encoding", "chunked");
    res.headers.add("X-Other", " \tpadded\t ");
    res.headers.add("x-dup", "b");
    res.headers.add("Content-Length", "99");
    res.headers.add("Connection", "keep-alive");
    res.headers.add("X-Empty", "");
    res.body = "hello";
    share(res);
    return res;
  }
  auto headers = nlohmann::json::object();
  for (const auto& f : request.headers)
    if (f.name != "X-Shared-Body") headers[f.name] = f.value;  // the same echo, shared or not
  res.headers.set("Content-Type", "application/json");
  res.headers.set("ININ-Correlation-Id", "echo");
  if (request.target.starts_with("/close")) res.headers.set("Connection", "close");
  res.body = nlohmann::json{{"method", request.method}, {"target", request.target}, {"headers", headers},
                            {"body", request.body},     {"region", ctx.region},     {"peer", ctx.peer},
                            {"scheme", ctx.scheme}}
                 .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);  // header bytes need not be UTF-8
  using Action = api::Delivery::Action;
  if (request.target == "/delivery/reset") res.delivery.action = Action::reset;
  if (request.target == "/delivery/close_mid_body") res.delivery.action = Action::close_mid_body;
  if (request.target == "/delivery/slow_body") res.delivery = {Action::slow_body, 0, 7, 1};
  if (request.target == "/delivery/delay") res.delivery.delay_ms = 5;
  share(res);
  return res;
}

std::vector<core::RegionEndpointInfo> EchoService::regions() const {
  std::vector<core::RegionEndpointInfo> out(2);
  out[0].region = "eu_central_1";
  out[0].org_name = "EMEA";
  out[0].client_id = "emea-client";
  out[0].client_secret = "emea-secret";
  out[1].region = "ap_southeast_2";
  out[1].org_name = "APAC";
  out[1].client_id = "apac-client";
  out[1].client_secret = "apac-secret";
  return out;
}

}  // namespace mockgc::testing
