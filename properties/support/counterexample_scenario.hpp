#pragma once
// When a property over a world and a fault timeline fails, the case it failed on as a scenario file under the
// build folder (build/counterexamples/<Suite>.<Property>.json), its path in the property's log (RapidCheck
// prints the log of the shrunk counterexample). Replay it with `mock-gc run --scenario FILE` or an integration
// with `mock-gc check --scenario FILE -- COMMAND`; fixed, copy it to scenarios/regressions/ with `expect` probes.
#include <exception>
#include <optional>
#include <string>

#include "mockgc/core/clock.hpp"

namespace mockgc::testing {

// Holds one case's scenario; its destructor writes the file when the case ends in an exception (a failed
// RC_ASSERT, or a throw). Each failing case overwrites the file, so it ends up holding the last one RapidCheck
// tried: the shrunk counterexample.
class CounterexampleScenario {
 public:
  // `scenario_text`: a complete scenario document; `clock_start`: the virtual clock the property drove, written
  // as the scenario's `clock` section.
  CounterexampleScenario(std::string scenario_text, std::optional<core::Instant> clock_start);
  ~CounterexampleScenario();
  CounterexampleScenario(const CounterexampleScenario&) = delete;
  CounterexampleScenario& operator=(const CounterexampleScenario&) = delete;

 private:
  std::string text_;
  std::optional<core::Instant> clock_start_;
  int uncaught_ = std::uncaught_exceptions();
};

// The file a failing case of the running gtest test writes: <dir>/<Suite>.<Test>.json.
std::string counterexample_scenario_path();

}  // namespace mockgc::testing
