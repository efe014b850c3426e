#pragma once
// The analytics benchmarks' world: the default scenario with its first org grown to `agents` (demand is
// calibrated to the headcount), its workforce, and the org's presence definition id per ActualState.
#include <memory>
#include <string>
#include <vector>

#include "mockgc/api/time.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/wfm/agent_state.hpp"
#include "mockgc/core/world.hpp"

namespace mockgc::bench {

inline constexpr std::uint64_t kSeed = 1;
inline constexpr const char* kWeek = "2026-10-05T00:00:00.000Z/2026-10-12T00:00:00.000Z";  // Monday to Monday
inline constexpr const char* kDay = "2026-10-07T00:00:00.000Z/2026-10-08T00:00:00.000Z";   // a Wednesday
inline const core::Instant kNow = *api::parse_instant("2026-10-20T12:00:00Z");

struct BigOrg {
  core::World world;
  std::unique_ptr<core::wfm::Workforce> workforce;
  std::vector<std::string> presence_ids;
  explicit BigOrg(int agents) {
    core::Scenario s = core::default_scenario();
    s.world.orgs.front().agents = agents;
    world = core::generate_world(s, kSeed);
    workforce = std::make_unique<core::wfm::Workforce>(world, world.orgs.front(), kSeed);
    using core::wfm::ActualState;
    for (auto a : {ActualState::Offline, ActualState::OnQueue, ActualState::Break, ActualState::Meal,
                   ActualState::Meeting, ActualState::Training})
      presence_ids.push_back(core::wfm::presence_definition_id(kSeed, world.orgs.front().org_id, a));
  }
};

}  // namespace mockgc::bench
