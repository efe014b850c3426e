#pragma once
// The scenario files explore writes: each case's (what `mock-gc check` runs) and the counterexample (the
// shrunk case, replayable by `mock-gc check --scenario DIR/counterexample.json -- COMMAND`).
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "mockgc/explore/timeline.hpp"

namespace mockgc::explore {

struct ScenarioLabel {
  std::string name;
  std::string description;
};

// `scenario` (the explored scenario file as JSON) with `faults` replaced by `timeline` (canonical fault JSON;
// no `faults` key when it is empty), `conformance` replaced by `conformance` (the rules the check applied, so
// a replay judges alike without --rules), and `name` and `description` from `label`; every other section as
// it was. Two-space indented, sorted keys, ending in a newline: same inputs, same bytes.
std::string scenario_text(const nlohmann::json& scenario, const Timeline& timeline, const nlohmann::json& conformance,
                          const ScenarioLabel& label);

}  // namespace mockgc::explore
