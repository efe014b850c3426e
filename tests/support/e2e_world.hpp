#pragma once
// One mock-gc world behind the real network shell on 127.0.0.1:0 (one listener per region), reached by the
// reference client through BeastTransport over real sockets, with the client's Clock bound to the world's
// api::ManualClock: a Retry-After, a backoff or an injected latency moves the same clock the server reads, so a
// run with an hour of 429s costs no wall time and is byte-deterministic for one seed.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/client/beast_transport.hpp"
#include "mockgc/client/org_clients.hpp"
#include "mockgc/core/journal/request_journal.hpp"
#include "mockgc/core/service.hpp"
#include "mockgc/inproc/inproc.hpp"
#include "mockgc/net/server.hpp"

namespace mockgc::e2e {

// scenarios/<name>.json as JSON (the shipped library; tests patch sections of it).
nlohmann::json shipped_scenario(const std::string& name);
// A shipped scenario's world (orgs, shared agents, seed) with a virtual clock at `start` and no faults,
// limits or expectations: the base of the inline scenarios.
nlohmann::json calm_scenario(const std::string& world_from, const std::string& start);

struct Exchange {  // one answer the client received, as seen on its side of the socket
  std::string host;  // "127.0.0.1:port" (one per region)
  std::string method, target;
  int status = 0;
  std::optional<long long> retry_after_s;
};

// Wraps the real transport: records what came back, and can play a noisy neighbour that shares the
// OAuth client's server-side rate window (another process with the same client id). Before the API
// requests picked by `storm_before`, it sends `GET /api/v2/users?pageSize=1&neighbour=1` with the same
// bearer token until the server answers 429, so the workflow's own request meets a full window.
class ObservedTransport final : public client::Transport {
 public:
  explicit ObservedTransport(client::Transport& inner) : inner_(inner) {}
  client::Result<api::HttpResponse> send(const client::Endpoint& to, const api::HttpRequest& request,
                                         const client::SendOptions& options) override;
  // (host, n-th API request of the workflow to that host, 0-based) → storm first?
  std::function<bool(const std::string& host, int n)> storm_before;
  std::vector<Exchange> exchanges() const;
  int neighbour_requests() const;

 private:
  client::Transport& inner_;
  mutable std::mutex mutex_;
  std::vector<Exchange> exchanges_;
  std::map<std::string, int> api_requests_;
  int neighbour_ = 0;
};

class LoopbackWorld {
 public:
  // `scenario` must have a virtual clock. Throws on a bad scenario (start-up error).
  explicit LoopbackWorld(const nlohmann::json& scenario, std::uint64_t client_seed = 1);
  ~LoopbackWorld();
  LoopbackWorld(const LoopbackWorld&) = delete;
  LoopbackWorld& operator=(const LoopbackWorld&) = delete;

  client::OrgClients& orgs() { return *orgs_; }
  const std::vector<client::OrgConfig>& configs() const { return configs_; }
  ObservedTransport& transport() { return *observed_; }
  api::WaitableClock& clock() { return *virtual_clock_; }
  api::ManualClock& virtual_clock() { return *virtual_clock_; }
  core::Service& service() { return *service_; }
  std::vector<core::journal::JournalEntry> journal() const;
  core::Instant start() const { return start_; }  // the clock's start (fault offsets count from it)
  // A fresh client of org i over the same sockets and clock, unobserved: ground-truth reads.
  std::unique_ptr<client::OrgClient> direct_client(std::size_t i);
  // OrgClients over a different list of orgs (e.g. one org twice).
  std::unique_ptr<client::OrgClients> orgs_of(std::vector<client::OrgConfig> configs);
  std::string region_of_host(const std::string& host) const;

 private:
  std::unique_ptr<core::Service> service_;
  api::ManualClock* virtual_clock_ = nullptr;
  std::unique_ptr<net::Server> server_;
  std::thread thread_;
  client::BeastTransport beast_;
  std::unique_ptr<ObservedTransport> observed_;
  std::vector<client::OrgConfig> configs_;
  std::unique_ptr<client::OrgClients> orgs_;
  std::uint64_t client_seed_;
  core::Instant start_{};
};

// ---- journal checks (the server's view; neighbour requests are told apart by their query) ----

bool is_neighbour(const core::journal::JournalEntry& e);
bool is_token_request(const core::journal::JournalEntry& e);
// Token requests per region.
std::map<std::string, int> token_requests(const std::vector<core::journal::JournalEntry>& journal);
// API entries (not admin, not token, not neighbour) per region, in order.
std::map<std::string, std::vector<core::journal::JournalEntry>> workflow_requests(
    const std::vector<core::journal::JournalEntry>& journal);
// The largest number of entries inside any 60 s sliding window (t − 60 s, t].
int max_per_minute(const std::vector<core::journal::JournalEntry>& entries);

}  // namespace mockgc::e2e
