#include "mockgc/client/org_clients.hpp"

#include "mockgc/api/random.hpp"

namespace mockgc::client {

OrgClients::OrgClients(std::vector<OrgConfig> orgs, Transport& transport, api::WaitableClock& clock,
                       const OrgClientOptions& options, std::uint64_t seed)
    : seed_(seed) {
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    OrgClientOptions o = options;
    o.retry.seed = api::derive_seed(seed, i + 1);
    clients_.push_back(std::make_unique<OrgClient>(std::move(orgs[i]), transport, clock, std::move(o)));
  }
}

OrgClient* OrgClients::find(std::string_view name) {
  for (auto& c : clients_)
    if (c->org().name == name) return c.get();
  return nullptr;
}

PollSchedule OrgClients::poll_schedule(Millis period, double jitter_fraction) const {
  return PollSchedule(clients_.size(), period, api::derive_seed(seed_, 0x706F6C6CULL), jitter_fraction);
}

}  // namespace mockgc::client
