#pragma once
// Scenario files (scenarios/*.json): data that shapes a world. Each top-level section (`seed`, `world`,
// `clock`, `faults`, `expect`, `conformance`, …) is a Scenario member and a row in the section table of
// scenario.cpp. Unknown keys anywhere are errors naming the file, the JSON
// pointer and the key; bad values name the key and the reason (ScenarioError, thrown at start-up only).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "mockgc/core/clock.hpp"
#include "mockgc/core/faults/fault_plan.hpp"
#include "mockgc/core/faults/rate_limiter.hpp"
#include "mockgc/core/journal/request_journal.hpp"

namespace mockgc::core {

class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BusinessUnitSpec {
  std::string name;
  std::string time_zone;               // IANA zone, validated against the system tzdata
  std::string start_day_of_week = "Monday";
  int management_units = 2;
  int teams_per_management_unit = 2;
  int custom_activity_codes = 4;
};

struct OrgSpec {
  std::string region;                  // SDK region key, e.g. "eu_central_1"
  std::string name;
  std::optional<std::string> client_id;      // default: derived from the seed
  std::optional<std::string> client_secret;  // default: derived from the seed
  int agents = 200;                    // users in this org, bi-regional ones included
  int queues = 25;
  std::vector<BusinessUnitSpec> business_units;
};

// `count` people who each have one user in every org of `regions` (same name and email).
struct SharedAgentsSpec {
  std::vector<std::string> regions;
  int count = 0;
};

struct WorldSpec {
  std::vector<OrgSpec> orgs;
  std::vector<SharedAgentsSpec> shared_agents;
};

// One `expect.probes` entry: a timed request the scenario runner sends on the virtual clock, and what
// the response (the last one when `repeat` > 1) must look like. See scenarios/README.md.
struct ProbeSpec {
  Millis at{0};                         // offset from the clock start
  std::string region;                   // required
  std::string method = "GET";
  std::string path;                     // target with query, e.g. "/api/v2/users?pageSize=1"
  std::string body;                     // JSON text (sent with Content-Type: application/json)
  bool authenticated = true;            // send the region's bearer token (fetched by the runner)
  int repeat = 1;                       // send it this many times at the same instant
  std::optional<int> status;            // expected status of the last response
  std::optional<std::string> code;      // expected ErrorBody code
  std::vector<std::pair<std::string, std::string>> headers;  // expected header values (exact)
  std::vector<std::pair<int, int>> status_counts;             // (status, how many of the `repeat` responses)
  std::vector<std::pair<std::string, std::string>> body_contains;  // (JSON pointer, expected value as text)
  std::string transport;                // expected transport action ("reset", "slow_body", …); empty = none
  bool operator==(const ProbeSpec&) const = default;
};

struct CounterExpectation {  // per-route counter from the request journal after all probes
  std::string route, method;
  int status_class = 2;      // 2 = 2xx … 5 = 5xx
  std::uint64_t count = 0;
  bool operator==(const CounterExpectation&) const = default;
};

// One `expect.events` entry: a notification the scenario runner's channel in `region` must receive (or, with
// `absent`, must not) between `after` and `by` on the virtual clock. See scenarios/README.md.
struct EventExpectation {
  std::string region;                   // required
  std::string topic;                    // required; may hold {client}, {user}, {managementUnit}, {businessUnit}
  Millis after{0};                      // offset from the clock start
  Millis by{0};                         // required, ≥ after
  std::vector<std::pair<std::string, std::string>> fields;  // (JSON pointer into eventBody, expected value as text)
  bool absent = false;
  bool operator==(const EventExpectation&) const = default;
};

struct ExpectSpec {
  std::vector<ProbeSpec> probes;
  std::vector<CounterExpectation> counters;
  std::vector<EventExpectation> events;
  bool operator==(const ExpectSpec&) const = default;
};

// `limits`: strictness where Genesys documents no limit. Each is a mock-gc choice, and the 400 that enforces it
// says so and names the scenario key that relaxes it.
struct ApiLimits {
  int max_page_size = 500;           // classic paging pageSize (users, queues, skills, divisions, …)
  bool aligned_intervals = true;     // aggregates interval ends on 15-minute UTC boundaries
  int max_sync_interval_days = 31;   // synchronous aggregates query
  int max_job_page_size = 1000;      // aggregates job pageSize
  bool operator==(const ApiLimits&) const = default;
};

// `wfm`: timing of the asynchronous WFM operations. Genesys validates historical-data imports and leaves
// them Pending until a nightly processing window "around 03:00 local time" (RC-HDI); the window's local
// time (the org's first business unit's zone) is a scenario choice.
struct WfmTiming {
  std::chrono::minutes historical_import_window{3 * 60};  // `historical_import_window`: "HH:MM" local
  bool operator==(const WfmTiming&) const = default;
};

struct Scenario {
  std::string source = "<built-in default>";  // file name, for messages
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  WorldSpec world;
  ClockConfig clock;                            // `clock` (default: real wall clock)
  std::optional<int> rate_limit_per_minute;     // `rate_limits.per_client_per_minute`; absent section = no limiter
  std::size_t rate_limit_max_clients = 100'000;
  std::vector<faults::Fault> faults;            // `faults` timeline (offsets from the clock start)
  journal::JournalConfig journal;               // `journal`
  ApiLimits limits;                             // `limits`
  WfmTiming wfm;                                // `wfm`
  ExpectSpec expect;                            // `expect` (scenario runner only)
  // `conformance` and `explore` as canonical JSON text ("" = absent): the check and explore libraries validate
  // and read them (mock-gc/check/RULES.md, mock-gc/explore/README.md); the core only requires an object and
  // writes it back.
  std::string conformance;
  std::string explore;
  Instant fault_start{};                        // the instant fault offsets count from (clock start or load time)

  bool limiter_enabled() const;                 // a `rate_limits` section or any rate_limit fault
};

// Parses scenario JSON text; `source` names it in error messages. Throws ScenarioError.
Scenario parse_scenario(std::string_view text, std::string_view source);
// Reads and parses a file. Throws ScenarioError (unreadable file included).
Scenario load_scenario_file(const std::filesystem::path& path);
// The built-in world (identical to scenarios/default.json; a test keeps the two in sync).
std::string_view default_scenario_text();
Scenario default_scenario();
// The scenario as canonical JSON text (loader round-trip: parse_scenario(to_json_text(s)) == s for
// every section but `source`).
std::string scenario_to_json_text(const Scenario& s);

// Where a driven run of the scenario begins (`mock-gc run` on its virtual clock, `mock-gc check` on a real
// one): `clock.start`, else 2026-01-05T09:00:00Z, never the wall clock, so the same traffic gives the same
// bytes.
Instant run_start(const Scenario& s);

}  // namespace mockgc::core
