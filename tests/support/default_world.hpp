#pragma once
// mock-gc's built-in default world (EMEA/Europe/London Monday weeks, APAC/Australia/Sydney Sunday weeks,
// 5 bi-regional people) in-process on a virtual clock, with a transport that can fail chosen requests.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/client/errc.hpp"
#include "mockgc/core/scenario.hpp"
#include "support/sync_world.hpp"

namespace mockgc::testing {

// Fails (connect_failed) every request to `host` for which `fails(target)` is true.
class FailingTransport final : public client::Transport {
 public:
  explicit FailingTransport(client::Transport& inner) : inner_(inner) {}
  client::Result<api::HttpResponse> send(const client::Endpoint& to, const api::HttpRequest& request,
                                         const client::SendOptions& options) override {
    if (to.host == host && fails && fails(request.target)) return client::errc::connect_failed;
    return inner_.send(to, request, options);
  }
  std::string host;
  std::function<bool(const std::string&)> fails;

 private:
  client::Transport& inner_;
};

// The default world with `faults`, its clock and expectations left out (the test's clock rules).
inline std::string default_scenario_with_faults(const nlohmann::json& faults) {
  nlohmann::json s = nlohmann::json::parse(core::default_scenario_text());
  s.erase("clock");
  s.erase("expect");
  s["faults"] = faults;
  return s.dump();
}

struct DefaultWorld {
  // `scenario_text`: empty for the built-in default world; the world's clock is the test's, at `now_ms`.
  explicit DefaultWorld(std::int64_t now_ms, std::string scenario_text = {}, std::uint64_t seed = 1)
      : virtual_clock(core::Instant(core::Millis(now_ms))) {
    core::ServiceOptions options;
    if (!scenario_text.empty()) options.scenario_text = std::move(scenario_text);
    options.seed = seed;
    options.clock = &virtual_clock;
    service = core::make_service(options);
    inner = std::make_unique<inproc::InProcessTransport>(*service);
    failing = std::make_unique<FailingTransport>(*inner);
    clock = &virtual_clock;
    configs = testing::org_configs(*service);
    orgs = std::make_unique<client::OrgClients>(configs, *failing, *clock, client::OrgClientOptions{}, 1);
  }
  api::ManualClock virtual_clock;
  std::unique_ptr<core::Service> service;
  std::unique_ptr<inproc::InProcessTransport> inner;
  std::unique_ptr<FailingTransport> failing;
  api::WaitableClock* clock = nullptr;  // the client side of virtual_clock
  std::vector<client::OrgConfig> configs;
  std::unique_ptr<client::OrgClients> orgs;
};

}  // namespace mockgc::testing
