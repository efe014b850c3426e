#pragma once
// A tiny core::Service for shell tests: answers with what it received (method, target, headers, body and the
// RequestContext) as JSON, so a test sees exactly what the shell handed to the core.
//   /close      -> 200 with Connection: close      /no-content -> 204      /status/N -> status N, no body
//   /throw      -> throws (breaks the "never throws" contract on purpose)
//   /delivery/reset, /delivery/close_mid_body, /delivery/slow_body (7-byte pieces, 1 ms apart),
//   /delivery/delay (5 ms) -> the echo, with that api::Delivery directive for the shell
//   /fixed      -> 200 "hello" with fields Beast frames in its own way (duplicates, blanks, framing fields)
//   request header X-Shared-Body -> the same answer with its body in api::HttpResponse::shared_body
#include <atomic>

#include "mockgc/core/service.hpp"

namespace mockgc::testing {

class EchoService final : public core::Service {
 public:
  api::HttpResponse handle(const api::HttpRequest& request, const core::RequestContext& ctx) override;
  std::vector<core::RegionEndpointInfo> regions() const override;
  std::uint64_t seed() const override { return 7; }

  std::atomic<int> calls{0};
};

}  // namespace mockgc::testing
