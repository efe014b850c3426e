#pragma once
// Every org of an ORGS.json as an OrgClient over one shared Transport and Clock. One seed drives them
// all: each org's retry jitter gets its own stream (mixed from the seed and the org's position), and
// poll_schedule() offsets the orgs' pollers from the same seed.
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "mockgc/client/org_client.hpp"
#include "mockgc/client/poll_schedule.hpp"

namespace mockgc::client {

class OrgClients {
 public:
  OrgClients(std::vector<OrgConfig> orgs, Transport& transport, api::WaitableClock& clock,
             const OrgClientOptions& options, std::uint64_t seed);

  std::size_t size() const { return clients_.size(); }
  OrgClient& at(std::size_t i) { return *clients_.at(i); }
  OrgClient* find(std::string_view name);  // nullptr when there is no such org
  std::uint64_t seed() const { return seed_; }
  // Pollers for all orgs at `period`, never aligned (see poll_schedule.hpp); org i is schedule org i.
  PollSchedule poll_schedule(Millis period, double jitter_fraction = 0.25) const;

 private:
  std::vector<std::unique_ptr<OrgClient>> clients_;
  std::uint64_t seed_;
};

}  // namespace mockgc::client
