#pragma once
// The notification side of `mock-gc run`: the `expect.events` of a scenario. Before the first probe, one
// notification channel per region named by an event expectation is made and subscribed through the REST API
// (as any client would: the requests are in the journal) and its stream opened on the core (the in-process
// transport's notification stream, no socket). The runner then moves the virtual clock in steps of at most
// one world second, pulling every stream after each step and after each probe, so every frame is stamped
// with the world instant it was delivered at. check() judges each expectation against what arrived.
//
// Topics may name ids the world generated: {client} = the region's OAuth client id, {user}, {managementUnit},
// {businessUnit} = the first entity of GET /api/v2/users?pageSize=1, …/workforcemanagement/managementunits,
// …/businessunits. channel.metadata (heartbeats, pongs) and v2.system.socket_closing reach every socket
// and are not subscribed.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "mockgc/api/clock.hpp"
#include "mockgc/core/notifications/stream.hpp"
#include "mockgc/core/scenario.hpp"
#include "scenario_runner.hpp"

namespace mockgc::app {

class EventWatch {
 public:
  // Sends an authenticated request of `region` (the runner's token) and returns the response.
  using Call = std::function<api::HttpResponse(const std::string& region, const std::string& method,
                                               const std::string& target, const std::string& body)>;
  using OpenStream = std::function<std::unique_ptr<core::notifications::Stream>(const std::string& region,
                                                                                const std::string& target)>;

  EventWatch(const std::vector<core::EventExpectation>& expected, api::ManualClock& clock, core::Instant start);

  // Makes the channels and opens their streams (at the clock's current instant). Problems (a region without
  // an org, a placeholder without an entity, a rejected topic) fail the expectations they concern.
  void open(const Call& call, const OpenStream& open_stream, const std::map<std::string, std::string>& client_ids);
  // Moves the clock to `t` (never back) in steps of at most a second, pulling after each step.
  void advance_to(core::Instant t);
  void pull();
  // The latest `by` of the expectations (the runner advances there after the last probe).
  core::Instant horizon() const;

  std::vector<CheckResult> check() const;

 private:
  struct Arrival {
    core::Instant at;
    std::string topic;
    std::string body;  // eventBody as JSON text
  };
  struct RegionChannel {
    std::unique_ptr<core::notifications::Stream> stream;
    std::vector<Arrival> arrived;
  };

  const std::vector<core::EventExpectation>& expected_;
  api::ManualClock& clock_;
  core::Instant start_;
  std::vector<std::string> topics_;               // resolved, one per expectation
  std::vector<std::string> problems_;             // one per expectation, empty = none
  std::map<std::string, RegionChannel> regions_;  // by region key
};

}  // namespace mockgc::app
