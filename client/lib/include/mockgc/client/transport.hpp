#pragma once
// The transport seam: one HTTP exchange. Real sockets (BeastTransport) or an in-process call into
// mock-gc's core (FunctionTransport wrapping Service::handle), so workflow code runs unchanged in both.
// Contract: ANY HTTP status (200, 401, 429, 503 …) is a value; an error_code means no usable response
// arrived (see errc.hpp and may_have_reached_server()).
#include <functional>
#include <string_view>

#include "mockgc/api/http.hpp"
#include "mockgc/client/endpoint.hpp"
#include "mockgc/client/result.hpp"

namespace mockgc::client {

struct SendOptions {
  // May the transport silently resend on a fresh connection when a reused keep-alive connection turns
  // out to be dead after the request was written? Only for requests that are safe to apply twice.
  bool idempotent = true;
};

// GET, HEAD, PUT, DELETE, OPTIONS, TRACE (RFC 9110 §9.2.2). POST and PATCH are not.
bool is_idempotent_method(std::string_view method) noexcept;

class Transport {
 public:
  virtual ~Transport() = default;
  // `request.target` is origin-form ("/api/v2/…?x=1"); the endpoint's base_path is prepended by the caller.
  virtual Result<api::HttpResponse> send(const Endpoint& to, const api::HttpRequest& request,
                                         const SendOptions& options) = 0;
};

// Any callable as a transport: in-process adapters (mock-gc core) and test fakes.
class FunctionTransport final : public Transport {
 public:
  using Fn = std::function<Result<api::HttpResponse>(const Endpoint&, const api::HttpRequest&, const SendOptions&)>;
  explicit FunctionTransport(Fn fn) : fn_(std::move(fn)) {}
  Result<api::HttpResponse> send(const Endpoint& to, const api::HttpRequest& request,
                                 const SendOptions& options) override {
    return fn_(to, request, options);
  }

 private:
  Fn fn_;
};

}  // namespace mockgc::client
