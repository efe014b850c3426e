#pragma once
// Live management-unit membership of one org: the generated (immutable, lock-free) world plus the
// `add_agents` / `remove_agents` data events applied so far (FAULTS.md, "Agents added/removed"). The
// changes live in OrgState::roster under OrgState::mutex, like the live activity codes; readers take no
// lock until the first change (`OrgState::roster_changed`).
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "mockgc/core/faults/fault_plan.hpp"
#include "mockgc/core/world.hpp"

namespace mockgc::core {

struct OrgState;

struct Roster {
  std::deque<User> added;  // never erased: handlers keep `const User*` while they render
  std::unordered_map<std::string, std::size_t> added_index;  // id -> position in `added`
  std::unordered_set<std::string> removed;                   // ids that left their management unit
};

// A user of the org (generated or added by an event); nullptr when unknown.
const User* roster_find_user(const OrgState& org, std::string_view id);
// Every user (generated and added), sorted by name then id, as /api/v2/users lists them.
std::vector<const User*> roster_users(const OrgState& org);
// Current members of an MU / a team: generated members minus removed ones, then added ones in order.
std::vector<const User*> roster_members(const OrgState& org, const ManagementUnit& mu);
std::vector<const User*> roster_members(const OrgState& org, const Team& team);
// True while `user` is still a member of its management unit (not removed by an event).
bool roster_in_management_unit(const OrgState& org, const User& user);

// Apply one event (the caller holds OrgState::mutex exclusively). The MU is matched by id or name; an
// MU this org does not have leaves the org unchanged. Added agents are full users named from the event's
// seed (hash of scenario seed and fault id) and the region; removals by count pick members with the same
// seed. Both are therefore deterministic for a given seed and fault id. They return the MU changed (nullptr
// when none) and fill `agents` with the ids of the agents who joined or left it.
const ManagementUnit* roster_add_agents(OrgState& org, const faults::FaultEvent& event, const faults::AgentsAdded& added,
                                        std::vector<std::string>& agents);
const ManagementUnit* roster_remove_agents(OrgState& org, const faults::FaultEvent& event,
                                           const faults::AgentsRemoved& removed, std::vector<std::string>& agents);

}  // namespace mockgc::core
