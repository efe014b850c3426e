#pragma once
// A mock-gc world reached in-process on a virtual clock, with every org of it as a client OrgConfig, and
// a transport wrapper that records what was sent where and can lose answers (the request is applied,
// the client sees a reset). Shared by the workflow tests and properties.
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "mockgc/client/org_clients.hpp"
#include "mockgc/core/clock.hpp"
#include "mockgc/core/service.hpp"
#include "mockgc/inproc/inproc.hpp"

namespace mockgc::testing {

// Scenario text: one org per region, each with one business unit and `custom_codes` generated codes.
std::string sync_scenario(const std::vector<std::string>& regions, int custom_codes = 0);

// Every org of a service as OrgConfig, reached at the region's real Genesys host names (the in-process
// transport routes by host).
std::vector<client::OrgConfig> org_configs(const core::Service& service);

struct SentRequest {
  std::string host;
  std::string method;
  std::string target;
  std::string body;
  int status = 0;  // what the server answered (also when the answer was then lost)
};

// Records every exchange; `lose_answer(req)` true → the request reaches the server but the client gets
// errc::connection_reset instead of the answer.
class RecordingTransport final : public client::Transport {
 public:
  explicit RecordingTransport(client::Transport& inner) : inner_(inner) {}
  client::Result<api::HttpResponse> send(const client::Endpoint& to, const api::HttpRequest& request,
                                         const client::SendOptions& options) override;
  std::function<bool(const client::Endpoint&, const api::HttpRequest&)> lose_answer;
  // Called before the request reaches the server (e.g. to interfere with the target's state).
  std::function<void(const api::HttpRequest&)> before_send;
  std::vector<SentRequest> sent() const;
  std::size_t writes() const;  // POST/PATCH/PUT/DELETE sent to /api/v2/

 private:
  client::Transport& inner_;
  mutable std::mutex mutex_;
  std::vector<SentRequest> sent_;
};

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
