#pragma once
// Sends requests to one region of a running mock-gc world. The same endpoint suites run through
// an in-process harness (straight into the core) and a loopback harness (real sockets, port 0).
#include <memory>
#include <string>
#include <string_view>

#include "mockgc/api/http.hpp"
#include "mockgc/core/service.hpp"

namespace mockgc::testing {

class Harness {
 public:
  virtual ~Harness() = default;
  // `region` is a region key such as "eu_central_1".
  virtual api::HttpResponse send(std::string_view region, api::HttpRequest request) = 0;
  virtual core::Service& service() = 0;
  virtual std::string name() const = 0;  // "inprocess" / "loopback", for parameterised test names
};

std::unique_ptr<Harness> make_inprocess_harness(const core::ServiceOptions& options = {});

}  // namespace mockgc::testing
