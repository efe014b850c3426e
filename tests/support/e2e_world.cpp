#include "support/e2e_world.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "mockgc/client/rate_budget.hpp"

namespace mockgc::e2e {

using nlohmann::json;

json shipped_scenario(const std::string& name) {
  const std::string file = std::string(MOCKGC_SCENARIOS_DIR) + "/" + name + ".json";
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file);
  return json::parse(in);
}

json calm_scenario(const std::string& world_from, const std::string& start) {
  const json shipped = shipped_scenario(world_from);
  return {{"name", world_from + "-calm"},
          {"seed", shipped.at("seed")},
          {"world", shipped.at("world")},
          {"clock", {{"mode", "virtual"}, {"start", start}}}};
}

client::Result<api::HttpResponse> ObservedTransport::send(const client::Endpoint& to,
                                                          const api::HttpRequest& request,
                                                          const client::SendOptions& options) {
  const std::string host = fmt::format("{}:{}", to.host, to.port);
  const bool api_call = request.target.rfind("/api/v2/", 0) == 0;
  if (api_call) {
    int n = 0;
    {
      std::lock_guard lock(mutex_);
      n = api_requests_[host]++;
    }
    if (storm_before && storm_before(host, n)) {
      // The neighbour fills the shared window: it stops at its first 429 (its own problem, not ours).
      api::HttpRequest noise;
      noise.method = "GET";
      noise.target = "/api/v2/users?pageSize=1&neighbour=1";
      noise.headers.set("Host", to.host_header());
      if (auto auth = request.headers.get("Authorization")) noise.headers.set("Authorization", std::string(*auth));
      for (int i = 0; i < 100'000; ++i) {
        auto r = inner_.send(to, noise, {});
        {
          std::lock_guard lock(mutex_);
          ++neighbour_;
        }
        if (!r || r->status != 200) break;
      }
    }
  }
  auto r = inner_.send(to, request, options);
  Exchange x{host, request.method, request.target, r ? r->status : 0, std::nullopt};
  if (r && r->status == 429)
    if (auto wait = client::parse_retry_after(*r)) x.retry_after_s = wait->count() / 1000;
  std::lock_guard lock(mutex_);
  exchanges_.push_back(std::move(x));
  return r;
}

std::vector<Exchange> ObservedTransport::exchanges() const {
  std::lock_guard lock(mutex_);
  return exchanges_;
}

int ObservedTransport::neighbour_requests() const {
  std::lock_guard lock(mutex_);
  return neighbour_;
}

LoopbackWorld::LoopbackWorld(const json& scenario, std::uint64_t client_seed) : client_seed_(client_seed) {
  core::ServiceOptions o;
  o.scenario_text = scenario.dump();
  service_ = core::make_service(o);
  virtual_clock_ = dynamic_cast<api::ManualClock*>(service_->clock());
  if (!virtual_clock_) throw std::logic_error("the e2e worlds run on a virtual clock");
  start_ = virtual_clock_->now();
  server_ = std::make_unique<net::Server>(*service_, net::ServerOptions{});
  server_->start();
  thread_ = std::thread([this] { server_->run(); });
  observed_ = std::make_unique<ObservedTransport>(beast_);
  for (const auto& r : service_->regions()) {
    client::OrgConfig c;
    c.name = r.org_name;
    c.region = r.region;
    c.api = *client::parse_endpoint(fmt::format("http://127.0.0.1:{}", server_->port(r.region)));
    c.login = c.api;
    c.client_id = r.client_id;
    c.client_secret = r.client_secret;
    configs_.push_back(std::move(c));
  }
  orgs_ = orgs_of(configs_);
}

LoopbackWorld::~LoopbackWorld() {
  orgs_.reset();
  beast_.close_idle_connections();
  server_->stop();
  thread_.join();
}

std::vector<core::journal::JournalEntry> LoopbackWorld::journal() const { return service_->journal()->snapshot(); }

std::unique_ptr<client::OrgClient> LoopbackWorld::direct_client(std::size_t i) {
  return std::make_unique<client::OrgClient>(configs_.at(i), beast_, *virtual_clock_);
}

std::unique_ptr<client::OrgClients> LoopbackWorld::orgs_of(std::vector<client::OrgConfig> configs) {
  return std::make_unique<client::OrgClients>(std::move(configs), *observed_, *virtual_clock_, client::OrgClientOptions{},
                                              client_seed_);
}

std::string LoopbackWorld::region_of_host(const std::string& host) const {
  for (const auto& c : configs_)
    if (fmt::format("{}:{}", c.api.host, c.api.port) == host) return c.region;
  return {};
}

bool is_neighbour(const core::journal::JournalEntry& e) { return e.query.find("neighbour=1") != std::string::npos; }

bool is_token_request(const core::journal::JournalEntry& e) { return e.path == "/oauth/token"; }

std::map<std::string, int> token_requests(const std::vector<core::journal::JournalEntry>& journal) {
  std::map<std::string, int> out;
  for (const auto& e : journal)
    if (is_token_request(e)) ++out[e.region];
  return out;
}

std::map<std::string, std::vector<core::journal::JournalEntry>> workflow_requests(
    const std::vector<core::journal::JournalEntry>& journal) {
  std::map<std::string, std::vector<core::journal::JournalEntry>> out;
  for (const auto& e : journal)
    if (e.path.rfind("/api/v2/", 0) == 0 && !is_neighbour(e)) out[e.region].push_back(e);
  return out;
}

int max_per_minute(const std::vector<core::journal::JournalEntry>& entries) {
  int best = 0;
  std::size_t first = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    while (entries[first].time + std::chrono::seconds(60) <= entries[i].time) ++first;
    best = std::max(best, static_cast<int>(i - first + 1));
  }
  return best;
}

}  // namespace mockgc::e2e
