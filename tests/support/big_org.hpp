#pragma once
// A big org to measure and test the per-agent readers on: the default scenario with its first org grown to
// `agents` (demand is calibrated to the headcount), the org's workforce, and its presence definition id per
// ActualState in the order the users analytics take them. Header-only on mockgc::core, so the benchmarks
// use it without the test-support library.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mockgc/core/scenario.hpp"
#include "mockgc/core/wfm/agent_state.hpp"
#include "mockgc/core/world.hpp"

namespace mockgc::testing {

struct BigOrg {
  core::World world;
  std::unique_ptr<core::wfm::Workforce> workforce;
  std::vector<std::string> presence_ids;

  BigOrg(int agents, std::uint64_t seed) {
    core::Scenario s = core::default_scenario();
    s.world.orgs.front().agents = agents;
    world = core::generate_world(s, seed);
    workforce = std::make_unique<core::wfm::Workforce>(world, world.orgs.front(), seed);
    using core::wfm::ActualState;
    for (auto a : {ActualState::Offline, ActualState::OnQueue, ActualState::Break, ActualState::Meal,
                   ActualState::Meeting, ActualState::Training})
      presence_ids.push_back(core::wfm::presence_definition_id(seed, world.orgs.front().org_id, a));
  }
};

}  // namespace mockgc::testing
