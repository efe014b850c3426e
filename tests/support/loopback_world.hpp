#pragma once
// The one mock-gc world behind the real network shell on 127.0.0.1 (port 0 per region), served on a background
// thread, with the ORGS entries a client needs to reach it and the reference client's BeastTransport over real
// sockets behind a RecordingTransport. The client's clock is the world's api::ManualClock when the server reads
// one (a test's, or a scenario's virtual clock): a Retry-After, a backoff or an injected latency then moves
// the same clock the server reads, so an hour of 429s costs no wall time and a run is byte-deterministic for
// one seed. Otherwise (a real-clock scenario) the client sleeps on the system clock.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/client/beast_transport.hpp"
#include "mockgc/client/clock.hpp"
#include "mockgc/client/org_clients.hpp"
#include "mockgc/core/journal/request_journal.hpp"
#include "mockgc/core/service.hpp"
#include "mockgc/net/server.hpp"
#include "support/recording_transport.hpp"

namespace mockgc::testing {

class LoopbackWorld {
 public:
  // `clock`: the clock the server reads (e.g. a test's api::ManualClock; not owned); nullptr = the scenario's.
  // Throws on a bad scenario (start-up error).
  explicit LoopbackWorld(const std::string& scenario_text, api::Clock* clock = nullptr,
                         std::uint64_t client_seed = 1);
  explicit LoopbackWorld(const nlohmann::json& scenario, std::uint64_t client_seed = 1)
      : LoopbackWorld(scenario.dump(), nullptr, client_seed) {}
  ~LoopbackWorld();
  LoopbackWorld(const LoopbackWorld&) = delete;
  LoopbackWorld& operator=(const LoopbackWorld&) = delete;

  // Every org of the world as OrgConfig, at its region's own port.
  const std::vector<client::OrgConfig>& configs() const { return configs_; }
  // OrgClients over every org through the recorded transport, on clock(), seeded with client_seed.
  client::OrgClients& orgs();
  RecordingTransport& transport() { return *recorded_; }
  api::WaitableClock& clock() { return virtual_clock_ ? static_cast<api::WaitableClock&>(*virtual_clock_) : system_clock_; }
  // The server's virtual clock; throws std::logic_error when it runs on a real clock.
  api::ManualClock& virtual_clock();
  core::Service& service() { return *service_; }
  std::vector<core::journal::JournalEntry> journal() const;
  core::Instant start() const { return start_; }  // the clock's start (fault offsets count from it)
  // A fresh client of org i over the same sockets and clock, unrecorded: ground-truth reads.
  std::unique_ptr<client::OrgClient> direct_client(std::size_t i);
  // OrgClients over a different list of orgs (e.g. one org twice), through the recorded transport.
  std::unique_ptr<client::OrgClients> orgs_of(std::vector<client::OrgConfig> configs);
  // The region served at "127.0.0.1:port" (Exchange::authority()); empty when none.
  std::string region_of_host(const std::string& authority) const;

  // A noisy neighbour: another process with the same OAuth client, sharing its server-side rate window.
  // Before the API requests picked by `storm_before(authority, n)` (n: the client's n-th API request to that
  // listener, 0-based) it sends `GET /api/v2/users?pageSize=1&neighbour=1` with the same bearer token,
  // unrecorded, until the server answers 429, so the client's own request meets a full window.
  void storm_before(std::function<bool(const std::string& authority, int n)> storm_before);
  int neighbour_requests() const { return neighbour_; }

 private:
  std::unique_ptr<core::Service> service_;
  api::ManualClock* virtual_clock_ = nullptr;
  client::SystemClock system_clock_;
  std::unique_ptr<net::Server> server_;
  std::thread thread_;
  client::BeastTransport beast_;
  std::unique_ptr<RecordingTransport> recorded_;
  std::vector<client::OrgConfig> configs_;
  std::unique_ptr<client::OrgClients> orgs_;
  std::uint64_t client_seed_;
  core::Instant start_{};
  std::atomic<int> neighbour_{0};
};

}  // namespace mockgc::testing
