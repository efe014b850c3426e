#pragma once
// `mock-gc explore`: draw fault timelines inside a scenario's envelope, run the integration under each like
// `mock-gc check`, shrink the first failure to a minimal replayable scenario. mockgc::explore does the work
// (mock-gc/explore/README.md); these files only declare the command line.
#include "mockgc/explore/explore.hpp"

namespace CLI {
class App;
}

namespace mockgc::app {

CLI::App* declare_explore(CLI::App& root, explore::ExploreOptions& options);
int explore_main(const explore::ExploreOptions& options);

}  // namespace mockgc::app
