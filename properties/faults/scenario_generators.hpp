#pragma once
// Whole-scenario generators for the end-to-end fault properties: a scenario model (world, clock, rate
// limits, faults, journal, expect) plus the ways a hand-written file may spell the same thing, and
// request sequences built from the real route table with ids taken from the generated world.
#include <rapidcheck.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "mockgc/api/http.hpp"
#include "mockgc/core/clock_edges.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/world.hpp"

namespace mockgc::properties {

// A scenario model and how to write it: the loader must read every spelling back to the same model.
struct ScenarioDocument {
  core::Scenario model;                 // what the loader must produce (edge starts already resolved)
  std::optional<core::StartEdge> edge;  // written instead of the clock's start instant when set
  bool absolute_fault_times = false;    // fault `at` as an instant instead of an offset (needs a clock start)
  bool explicit_defaults = false;       // write default values out (probability 1, method GET, repeat 1 …)
  bool pretty = false;                  // dump(2) rather than compact
};

rc::Gen<ScenarioDocument> scenario_documents();
// The document as JSON (before dumping): canonical text, then the spelling variations of `doc`.
nlohmann::json render(const ScenarioDocument& doc);
std::string render_text(const ScenarioDocument& doc);

// A small world on a virtual clock with a random fault timeline aimed at that world (its regions, real
// route paths, its business-unit and activity-code names), optionally rate limits; no expect section.
rc::Gen<core::Scenario> service_scenario();

// One step of a driver: advance the virtual clock by `advance`, then send `request` to `region`.
struct DriverStep {
  core::Millis advance{0};
  std::string region;
  api::HttpRequest request;
};
// Requests for `world`: logins (good and bad credentials), a mix of the route table's GET/POST paths with
// real and unknown ids, malformed targets and bodies, admin reads. Tokens are filled in by the driver:
// an Authorization value "Bearer {token}" means "the region's latest token".
rc::Gen<std::vector<DriverStep>> driver_steps(core::World world, std::size_t max_steps);
inline constexpr std::string_view kTokenPlaceholder = "{token}";

}  // namespace mockgc::properties
