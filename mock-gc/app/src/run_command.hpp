#pragma once
// `mock-gc run --scenario FILE`: play a scenario in-process on a virtual clock and check its `expect`.
#include "scenario_runner.hpp"

namespace CLI {
class App;
}

namespace mockgc::app {

CLI::App* declare_run(CLI::App& root, RunOptions& options);
int run_main(const RunOptions& options);

}  // namespace mockgc::app
