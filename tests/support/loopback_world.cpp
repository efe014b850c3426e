#include "support/loopback_world.hpp"

#include <map>
#include <mutex>
#include <stdexcept>

#include <fmt/format.h>

namespace mockgc::testing {

LoopbackWorld::LoopbackWorld(const std::string& scenario_text, api::Clock* clock, std::uint64_t client_seed)
    : client_seed_(client_seed) {
  core::ServiceOptions o;
  o.scenario_text = scenario_text;
  o.clock = clock;
  service_ = core::make_service(o);
  virtual_clock_ = dynamic_cast<api::ManualClock*>(clock ? clock : service_->clock());
  start_ = virtual_clock_ ? virtual_clock_->now() : core::Instant{};
  server_ = std::make_unique<net::Server>(*service_, net::ServerOptions{});
  server_->start();
  thread_ = std::thread([this] { server_->run(); });
  recorded_ = std::make_unique<RecordingTransport>(beast_, &this->clock());
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
}

LoopbackWorld::~LoopbackWorld() {
  orgs_.reset();
  beast_.close_idle_connections();
  server_->stop();
  thread_.join();
}

client::OrgClients& LoopbackWorld::orgs() {
  if (!orgs_) orgs_ = orgs_of(configs_);
  return *orgs_;
}

api::ManualClock& LoopbackWorld::virtual_clock() {
  if (!virtual_clock_) throw std::logic_error("this loopback world runs on a real clock");
  return *virtual_clock_;
}

std::vector<core::journal::JournalEntry> LoopbackWorld::journal() const { return service_->journal()->snapshot(); }

std::unique_ptr<client::OrgClient> LoopbackWorld::direct_client(std::size_t i) {
  return std::make_unique<client::OrgClient>(configs_.at(i), beast_, clock());
}

std::unique_ptr<client::OrgClients> LoopbackWorld::orgs_of(std::vector<client::OrgConfig> configs) {
  return std::make_unique<client::OrgClients>(std::move(configs), *recorded_, clock(), client::OrgClientOptions{},
                                              client_seed_);
}

std::string LoopbackWorld::region_of_host(const std::string& authority) const {
  for (const auto& c : configs_)
    if (fmt::format("{}:{}", c.api.host, c.api.port) == authority) return c.region;
  return {};
}

void LoopbackWorld::storm_before(std::function<bool(const std::string& authority, int n)> storm) {
  struct Counts {
    std::mutex mutex;
    std::map<std::string, int> api_requests;  // per listener
  };
  auto counts = std::make_shared<Counts>();
  recorded_->before_send = [this, storm = std::move(storm), counts](const client::Endpoint& to,
                                                                    const api::HttpRequest& request) {
    if (request.target.rfind("/api/v2/", 0) != 0) return;
    const std::string authority = fmt::format("{}:{}", to.host, to.port);
    int n = 0;
    {
      std::lock_guard lock(counts->mutex);
      n = counts->api_requests[authority]++;
    }
    if (!storm(authority, n)) return;
    // The neighbour fills the shared window: it stops at its first 429 (its own problem, not ours).
    api::HttpRequest noise;
    noise.method = "GET";
    noise.target = "/api/v2/users?pageSize=1&neighbour=1";
    noise.headers.set("Host", to.host_header());
    if (auto auth = request.headers.get("Authorization")) noise.headers.set("Authorization", std::string(*auth));
    for (int i = 0; i < 100'000; ++i) {
      auto r = beast_.send(to, noise, {});
      ++neighbour_;
      if (!r || r->status != 200) break;
    }
  };
}

}  // namespace mockgc::testing
