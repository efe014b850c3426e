#pragma once
// What the agent-topic publisher (agent_topics.cpp) keeps of one org between clock steps.
//
// The agents the region's channels follow, and a calendar: per followed agent the next instant at which
// anything it publishes can change (AgentStates::next_change). A step visits only the agents whose instant
// has come, so its cost follows the changes that are due, not the number of agents followed. The calendar is
// derived from three things and rebuilt (every agent due at once) when one of them changes:
//   - the subscribed topics of the region's live channels (who is followed, on which topics);
//   - the roster (the add_agents / remove_agents data events: MU and team membership);
//   - the schedule in force (Workforce::schedule_generation: imports, updates, publishing, shift-trade
//     approvals), which moves every agent's shift, activity and deviation boundaries.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include "mockgc/core/clock.hpp"
#include "mockgc/core/world.hpp"

namespace mockgc::core {

// What the channels of a region follow of one agent.
struct AgentFollow {
  const User* user = nullptr;
  bool activity = false, presence = false, routing = false;
  std::vector<std::string> adherence;  // adherence topics (user, MU, team) that carry this agent
};

struct AgentTopicCalendar {
  bool built = false;
  std::vector<std::string> topics;  // the subscribed topics the follows were derived from (sorted)
  std::uint64_t roster_version = 0;
  std::uint64_t schedule_generation = 0;
  std::vector<AgentFollow> follows;  // in the order the sorted topics first name the agents
  // (next change, index into follows), earliest first; one entry per follow.
  using Entry = std::pair<Instant, std::size_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> due;
};

}  // namespace mockgc::core
