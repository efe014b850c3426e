#include "roster.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <shared_mutex>

#include "mockgc/api/random.hpp"
#include "names.hpp"
#include "handler_context.hpp"

namespace mockgc::core {
namespace {

bool changed(const OrgState& org) { return org.roster_changed.load(std::memory_order_acquire); }

std::string email_part(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c))) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

const ManagementUnit* find_mu(const OrgWorld& world, const std::string& ref) {
  if (const auto* mu = world.find_management_unit(ref)) return mu;
  for (const auto& mu : world.management_units)
    if (mu.name == ref) return &mu;
  return nullptr;
}

// Members without taking the lock (the caller holds it, shared or exclusive).
std::vector<const User*> members_locked(const OrgState& org, const ManagementUnit& mu) {
  std::vector<const User*> out;
  for (const auto i : mu.users)
    if (const User& u = org.world->users[i]; !org.roster.removed.count(u.id)) out.push_back(&u);
  for (const auto& u : org.roster.added)
    if (u.management_unit_id == mu.id && !org.roster.removed.count(u.id)) out.push_back(&u);
  return out;
}

}  // namespace

const User* roster_find_user(const OrgState& org, std::string_view id) {
  if (const User* u = org.world->find_user(id)) return u;
  if (!changed(org)) return nullptr;
  std::shared_lock lock(org.mutex);
  auto it = org.roster.added_index.find(std::string(id));
  return it == org.roster.added_index.end() ? nullptr : &org.roster.added[it->second];
}

std::vector<const User*> roster_users(const OrgState& org) {
  std::vector<const User*> out;
  out.reserve(org.world->users.size());
  for (const auto& u : org.world->users) out.push_back(&u);
  if (!changed(org)) return out;
  std::shared_lock lock(org.mutex);
  for (const auto& u : org.roster.added) out.push_back(&u);
  std::sort(out.begin(), out.end(), [](const User* a, const User* b) { return std::tie(a->name, a->id) < std::tie(b->name, b->id); });
  return out;
}

std::vector<const User*> roster_members(const OrgState& org, const ManagementUnit& mu) {
  if (!changed(org)) {
    std::vector<const User*> out;
    out.reserve(mu.users.size());
    for (const auto i : mu.users) out.push_back(&org.world->users[i]);
    return out;
  }
  std::shared_lock lock(org.mutex);
  return members_locked(org, mu);
}

std::vector<const User*> roster_members(const OrgState& org, const Team& team) {
  std::vector<const User*> out;
  const bool any = changed(org);
  std::shared_lock lock(org.mutex, std::defer_lock);
  if (any) lock.lock();
  for (const auto i : team.users)
    if (const User& u = org.world->users[i]; !any || !org.roster.removed.count(u.id)) out.push_back(&u);
  if (any)
    for (const auto& u : org.roster.added)
      if (u.team_id == team.id && !org.roster.removed.count(u.id)) out.push_back(&u);
  return out;
}

bool roster_in_management_unit(const OrgState& org, const User& user) {
  if (user.management_unit_id.empty()) return false;
  if (!changed(org)) return true;
  std::shared_lock lock(org.mutex);
  return !org.roster.removed.count(user.id);
}

const ManagementUnit* roster_add_agents(OrgState& org, const faults::FaultEvent& event, const faults::AgentsAdded& added,
                                        std::vector<std::string>& agents) {
  const ManagementUnit* mu = find_mu(*org.world, added.management_unit);
  if (!mu) return nullptr;
  const std::string domain = email_part(org.world->org_name) + ".example.com";
  for (int k = 0; k < added.count; ++k) {
    api::Rng rng = api::Rng::derive(event.seed, {org.world->region, "added-agent", std::to_string(k)});
    User u;
    u.id = api::make_uuid(rng);
    if (org.world->find_user(u.id) || org.roster.added_index.count(u.id)) continue;  // 2^-122: skip, never clash
    const std::string first(rng.pick(names::kFirst)), last(rng.pick(names::kLast));
    u.name = first + " " + last;
    u.email = fmt::format("{}.{}.{}@{}", email_part(first), email_part(last), u.id.substr(0, 8), domain);
    u.state = "active";
    u.title = std::string(rng.pick(names::kTitles));
    u.department = std::string(rng.pick(names::kDepartments));
    u.management_unit_id = mu->id;
    if (!mu->team_ids.empty()) u.team_id = mu->team_ids[rng.below(mu->team_ids.size())];
    org.roster.added_index.emplace(u.id, org.roster.added.size());
    agents.push_back(u.id);
    org.roster.added.push_back(std::move(u));
  }
  org.roster_changed.store(true, std::memory_order_release);
  org.roster_version.fetch_add(1, std::memory_order_acq_rel);
  return mu;
}

const ManagementUnit* roster_remove_agents(OrgState& org, const faults::FaultEvent& event,
                                           const faults::AgentsRemoved& removed, std::vector<std::string>& agents) {
  const ManagementUnit* mu = find_mu(*org.world, removed.management_unit);
  if (!mu) return nullptr;
  auto members = members_locked(org, *mu);
  if (!removed.users.empty()) {
    for (const auto* u : members)
      if (std::find(removed.users.begin(), removed.users.end(), u->id) != removed.users.end())
        if (org.roster.removed.insert(u->id).second) agents.push_back(u->id);
  } else {
    // Partial Fisher-Yates with the event's seed: the same members leave on every run.
    api::Rng rng = api::Rng::derive(event.seed, {org.world->region, "removed-agents"});
    const std::size_t n = std::min(members.size(), static_cast<std::size_t>(std::max(0, removed.count)));
    for (std::size_t i = 0; i < n; ++i) {
      std::swap(members[i], members[i + rng.below(members.size() - i)]);
      if (org.roster.removed.insert(members[i]->id).second) agents.push_back(members[i]->id);
    }
  }
  org.roster_changed.store(true, std::memory_order_release);
  org.roster_version.fetch_add(1, std::memory_order_acq_rel);
  return mu;
}

}  // namespace mockgc::core
