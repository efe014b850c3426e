#include "mockgc/core/world.hpp"

#include <algorithm>
#include <array>
#include <functional>

namespace mockgc::core {
namespace {

constexpr std::array<std::string_view, 8> kCategoryNames{"OnQueueWork",  "Break",   "Meal",     "Meeting",
                                                         "OffQueueWork", "TimeOff", "Training", "Unavailable"};
constexpr std::array<std::string_view, 8> kDefaultNames{"On Queue Work",  "Break",    "Meal",     "Meeting",
                                                        "Off Queue Work", "Time Off", "Training", "Unavailable"};

using IdIndex = std::vector<std::pair<std::uint64_t, std::uint32_t>>;

std::uint64_t id_hash(std::string_view id) { return std::hash<std::string_view>{}(id); }

template <class T>
const T* lookup(const IdIndex& index, const std::vector<T>& items, std::string_view id) {
  const std::uint64_t h = id_hash(id);
  auto it = std::lower_bound(index.begin(), index.end(), std::pair<std::uint64_t, std::uint32_t>{h, 0});
  for (; it != index.end() && it->first == h; ++it)
    if (items[it->second].id == id) return &items[it->second];
  return nullptr;
}

// When ids repeat (hand-built worlds), the first entity with the id wins, as a map's emplace did.
template <class T>
void reindex(IdIndex& index, const std::vector<T>& items) {
  index.clear();
  index.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) index.emplace_back(id_hash(items[i].id), static_cast<std::uint32_t>(i));
  std::sort(index.begin(), index.end());
}

}  // namespace

std::span<const std::string_view> activity_category_names() { return kCategoryNames; }
std::string_view to_string(ActivityCategory c) { return kCategoryNames[static_cast<std::size_t>(c)]; }
std::string_view default_activity_code_name(ActivityCategory c) { return kDefaultNames[static_cast<std::size_t>(c)]; }

std::optional<ActivityCategory> parse_activity_category(std::string_view s) {
  for (std::size_t i = 0; i < kCategoryNames.size(); ++i)
    if (kCategoryNames[i] == s) return static_cast<ActivityCategory>(i);
  return std::nullopt;
}

const BusinessUnit* OrgWorld::find_business_unit(std::string_view id) const { return lookup(bu_index_, business_units, id); }
const ManagementUnit* OrgWorld::find_management_unit(std::string_view id) const {
  return lookup(mu_index_, management_units, id);
}
const User* OrgWorld::find_user(std::string_view id) const { return lookup(user_index_, users, id); }
const Queue* OrgWorld::find_queue(std::string_view id) const { return lookup(queue_index_, queues, id); }
const Team* OrgWorld::find_team(std::string_view id) const { return lookup(team_index_, teams, id); }
const Division* OrgWorld::find_division(std::string_view id) const { return lookup(division_index_, divisions, id); }
const RoutingSkill* OrgWorld::find_skill(std::string_view id) const { return lookup(skill_index_, skills, id); }
const RoutingLanguage* OrgWorld::find_language(std::string_view id) const {
  return lookup(language_index_, languages, id);
}

void OrgWorld::build_indexes() {
  reindex(bu_index_, business_units);
  reindex(mu_index_, management_units);
  reindex(user_index_, users);
  reindex(queue_index_, queues);
  reindex(team_index_, teams);
  reindex(division_index_, divisions);
  reindex(skill_index_, skills);
  reindex(language_index_, languages);
}

const OrgWorld* World::find_org(std::string_view region) const {
  for (const auto& o : orgs)
    if (o.region == region) return &o;
  return nullptr;
}

}  // namespace mockgc::core
