#pragma once
// Shared pieces of the workflow properties: random small two-region worlds and random fault
// timelines as scenario JSON, the client's seam recorded by testing::RecordingTransport (every exchange with
// the virtual time it was sent and answered; answers the server already produced can be dropped), the
// politeness checks over that record, and ground truth computed from mock-gc's core models directly
// (world generator, history store, workforce) — never through the API under test.
#include <rapidcheck.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/client/org_clients.hpp"
#include "mockgc/core/clock.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/service.hpp"
#include "mockgc/core/world.hpp"
#include "mockgc/inproc/inproc.hpp"
#include "support/counterexample_scenario.hpp"
#include "support/recording_transport.hpp"

namespace mockgc::testing {

// Zones with and without DST, including a 30-minute DST shift (Lord Howe) and a half-hour offset.
const std::vector<std::string>& property_zones();

// `world` section: two orgs (a random pair of regions), 1–2 BUs each with random zones and week starts,
// small agent and queue counts, 0–3 people shared by both orgs.
// Generated as JSON text (so a counterexample prints as the JSON it is); parse with nlohmann::json::parse.
rc::Gen<std::string> small_world();
// `faults` array (0–4 entries) over the first `horizon_s` seconds, touching `regions`: 429 storms
// (rate_limit), outages, maintenance of a family, latency, token short lifetime / revocation and, when
// `transport` is set, truncated/malformed bodies and resets.
rc::Gen<std::string> fault_timeline(const std::vector<std::string>& regions, int horizon_s, bool transport = true);
// An instant in 2026 (minute resolution): where the virtual clock starts.
rc::Gen<core::Instant> start_instant();
std::vector<std::string> regions_of(const nlohmann::json& world);
// `per_client_per_minute` set → a `rate_limits` section (the Genesys limiter on, at that limit).
std::string scenario_text(const nlohmann::json& world, const nlohmann::json& faults, std::uint64_t seed,
                          std::optional<int> per_client_per_minute = std::nullopt);

// The `interval` of an analytics conversation-aggregates query exchange (the volume workflow's chunk); empty
// for any other exchange.
std::string aggregates_interval(const Exchange& e);

// One random volume run: a small world, a fault timeline over its first 120 s, a seed, a start, the interval
// width (15/30/60 min) and the number of weeks (1, 2, 5 or 9: 5 and 9 span two and three 31-day chunks).
struct VolumeCase {
  nlohmann::json world, faults;
  std::vector<std::string> regions;
  std::uint64_t seed = 0;
  core::Instant start{};
  int minutes = 15, weeks = 1;
};
rc::Gen<VolumeCase> volume_case();

// Politeness over a seam log: empty when fine, else what went wrong (for RC_ASSERT messages).
//  - no API request to a host is sent before a 429's Retry-After (counted from its answer) elapsed;
//  - per host, any 60 s window holds at most `limit` API requests.
std::string politeness_violation(const std::vector<Exchange>& log, int limit);

// A scenario served in-process on a virtual clock, reached through a RecordingTransport by OrgClients, and
// the same scenario's world generated independently for ground truth.
// A failing property leaves the case's scenario (world, fault timeline, clock) under build/counterexamples/.
struct WorkflowWorld {
  WorkflowWorld(const std::string& scenario_text, std::uint64_t seed, core::Instant start,
                client::OrgClientOptions options = {});
  CounterexampleScenario counterexample;  // first: its destructor runs last, after everything else unwound
  api::ManualClock virtual_clock;
  core::Scenario scenario;
  core::World world;  // generate_world(scenario, seed): what the service generated too
  std::uint64_t seed;
  std::unique_ptr<core::Service> service;
  std::unique_ptr<inproc::InProcessTransport> inner;
  api::WaitableClock* clock = nullptr;  // the client side of virtual_clock
  std::unique_ptr<RecordingTransport> seam;
  std::unique_ptr<client::OrgClients> orgs;
  const core::OrgWorld& org(const std::string& region) const;
};

// Ground truth volume of one org per queue id per interval of `minutes` in [start, end): offered,
// handled, handle ms, summed from the history store's 15-minute cells.
struct QueueTruth {
  std::vector<std::uint64_t> offered, handled, handle_ms;
};
std::map<std::string, QueueTruth> volume_truth(const core::OrgWorld& org, std::uint64_t seed, core::Instant start,
                                               core::Instant end, int minutes);

}  // namespace mockgc::testing
