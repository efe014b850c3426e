#pragma once
// A mock-gc world reached in-process on a virtual clock, with every org of it as a client OrgConfig, through
// a RecordingTransport (what was sent where; answers can be dropped after the server applied the request).
// Shared by the workflow tests and properties.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/client/org_clients.hpp"
#include "mockgc/core/clock.hpp"
#include "mockgc/core/service.hpp"
#include "mockgc/inproc/inproc.hpp"
#include "support/recording_transport.hpp"

namespace mockgc::testing {

// Scenario text: one org per region, each with one business unit and `custom_codes` generated codes.
std::string sync_scenario(const std::vector<std::string>& regions, int custom_codes = 0);

// Every org of a service as OrgConfig, reached at the region's real Genesys host names (the in-process
// transport routes by host).
std::vector<client::OrgConfig> org_configs(const core::Service& service);

// A service on a virtual clock, an in-process transport (optionally recorded) and OrgClients over it.
struct SyncWorld {
  explicit SyncWorld(const std::string& scenario_text, std::uint64_t seed = 1);
  api::ManualClock virtual_clock{core::Instant(core::Millis(1'700'000'000'000))};
  std::unique_ptr<core::Service> service;
  std::unique_ptr<inproc::InProcessTransport> inner;
  std::unique_ptr<RecordingTransport> transport;
  api::WaitableClock* clock = nullptr;  // the client side of virtual_clock
  std::unique_ptr<client::OrgClients> orgs;

  // Direct calls for test set-up (through an unrecorded client of the same org).
  std::string business_unit_id(const std::string& region);
  // Creates a code in `region`'s BU; returns its id. Fails the test on non-200.
  std::string create_code(const std::string& region, const nlohmann::json& body);
  nlohmann::json codes(const std::string& region);  // the BU's code entities
  void patch_code(const std::string& region, const std::string& id, nlohmann::json body);

 private:
  client::OrgClient& setup_client(const std::string& region);
  std::vector<std::unique_ptr<client::OrgClient>> setup_clients_;
};

}  // namespace mockgc::testing
