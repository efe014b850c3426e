#pragma once
// Sends requests to one region of a running mock-gc world. The same endpoint suites run through
// an in-process harness (straight into the core) and a loopback harness (real sockets, port 0).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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

// The built-in default world without its Genesys rate limiter: for tests that hammer one client on purpose
// (concurrency, paging walks, reset races) and test something other than politeness.
std::string unthrottled_default_scenario();

std::unique_ptr<Harness> make_inprocess_harness(const core::ServiceOptions& options = {});
// Real sockets on 127.0.0.1, port 0: defined next to the network shell (tests/support/loopback_harness.cpp).
std::unique_ptr<Harness> make_loopback_harness(const core::ServiceOptions& options = {});

// Every way a test can reach the server: "inprocess" always, "loopback" once the network shell is built.
// Endpoint suites are TEST_P over these, so each endpoint is checked both in-process and over sockets.
struct HarnessKind {
  std::string name;
  std::unique_ptr<Harness> (*make)(const core::ServiceOptions&);
};
std::vector<HarnessKind> harness_kinds();

}  // namespace mockgc::testing
