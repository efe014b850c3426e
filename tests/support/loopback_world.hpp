#pragma once
// A mock-gc world behind the real network shell on 127.0.0.1 (port 0 per region), served on a background
// thread, and the ORGS entries a client needs to reach it. For tests that link mockgc::net.
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "mockgc/client/endpoint.hpp"
#include "mockgc/client/orgs.hpp"
#include "mockgc/core/service.hpp"
#include "mockgc/net/server.hpp"

namespace mockgc::testing {

class LoopbackWorld {
 public:
  // `clock`: the clock the server reads (e.g. a test's api::ManualClock; not owned); nullptr = the scenario's.
  explicit LoopbackWorld(const std::string& scenario_text, api::Clock* clock = nullptr) {
    core::ServiceOptions o;
    o.scenario_text = scenario_text;
    o.clock = clock;
    service_ = core::make_service(o);
    server_ = std::make_unique<net::Server>(*service_, net::ServerOptions{});
    server_->start();
    thread_ = std::thread([this] { server_->run(); });
  }
  ~LoopbackWorld() {
    server_->stop();
    thread_.join();
  }
  LoopbackWorld(const LoopbackWorld&) = delete;
  LoopbackWorld& operator=(const LoopbackWorld&) = delete;

  std::vector<client::OrgConfig> orgs() const {
    std::vector<client::OrgConfig> out;
    for (const auto& r : service_->regions()) {
      client::OrgConfig c;
      c.name = r.org_name;
      c.region = r.region;
      c.api = *client::parse_endpoint(fmt::format("http://127.0.0.1:{}", server_->port(r.region)));
      c.login = c.api;
      c.client_id = r.client_id;
      c.client_secret = r.client_secret;
      out.push_back(c);
    }
    return out;
  }
  core::Service& service() { return *service_; }

 private:
  std::unique_ptr<core::Service> service_;
  std::unique_ptr<net::Server> server_;
  std::thread thread_;
};

}  // namespace mockgc::testing
