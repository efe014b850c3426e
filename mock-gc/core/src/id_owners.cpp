#include "id_owners.hpp"

#include <mutex>

#include "handlers/wfm_common.hpp"

namespace mockgc::core {

template <class I>
void IdOwners::insert(I& index, std::string_view id, std::uint32_t org) {
  if (id.empty()) return;
  auto [it, added] = index.try_emplace(typename I::key_type(id), org);
  if (!added && it->second != org) it->second = kShared;
}

IdOwners::IdOwners(const World& world, std::uint64_t seed) {
  std::size_t ids = 0;
  for (const auto& org : world.orgs) ids += org.users.size() + org.queues.size() * (1 + org.business_units.size());
  generated_.reserve(ids);
  for (std::uint32_t o = 0; o < world.orgs.size(); ++o) {
    const OrgWorld& org = world.orgs[o];
    regions_.push_back(org.region);
    insert(generated_, org.org_id, o);
    for (const auto& division : org.divisions) insert(generated_, division.id, o);
    for (const auto& skill : org.skills) insert(generated_, skill.id, o);
    for (const auto& language : org.languages) insert(generated_, language.id, o);
    for (const auto& bu : org.business_units) {
      insert(generated_, bu.id, o);
      for (const auto& code : bu.activity_codes) insert(generated_, code.id, o);
      for (const auto& q : org.queues) insert(generated_, derived_.emplace_back(wfm_planning_group_id(seed, bu.id, q.id)), o);
    }
    for (const auto& mu : org.management_units) insert(generated_, mu.id, o);
    for (const auto& team : org.teams) insert(generated_, team.id, o);
    for (const auto& user : org.users) insert(generated_, user.id, o);
    for (const auto& queue : org.queues) insert(generated_, queue.id, o);
  }
}

void IdOwners::add(std::string_view id, std::string_view region) {
  std::uint32_t org = 0;
  while (org < regions_.size() && regions_[org] != region) ++org;
  if (org == regions_.size() || generated_.contains(id)) return;
  std::unique_lock lock(mutex_);
  if (runtime_.size() >= kMaxRuntimeIds && !runtime_.contains(id)) return;
  insert(runtime_, id, org);
  any_runtime_.store(true, std::memory_order_release);
}

std::string_view IdOwners::owner(std::string_view id) const {
  if (auto it = generated_.find(id); it != generated_.end()) return region_of(it->second);
  if (!any_runtime_.load(std::memory_order_acquire)) return {};
  std::shared_lock lock(mutex_);
  auto it = runtime_.find(id);
  return it == runtime_.end() ? std::string_view{} : region_of(it->second);
}

std::string_view IdOwners::region_of(std::uint32_t org) const {
  return org == kShared ? std::string_view{} : std::string_view(regions_[org]);
}

}  // namespace mockgc::core
