#include "mockgc/core/world.hpp"

#include <array>

namespace mockgc::core {
namespace {

constexpr std::array<std::string_view, 8> kCategoryNames{"OnQueueWork",  "Break",   "Meal",     "Meeting",
                                                         "OffQueueWork", "TimeOff", "Training", "Unavailable"};
constexpr std::array<std::string_view, 8> kDefaultNames{"On Queue Work",  "Break",    "Meal",     "Meeting",
                                                        "Off Queue Work", "Time Off", "Training", "Unavailable"};

template <class T>
const T* lookup(const std::unordered_map<std::string, std::size_t>& index, const std::vector<T>& items,
                std::string_view id) {
  auto it = index.find(std::string(id));
  return it == index.end() ? nullptr : &items[it->second];
}

template <class T>
void reindex(std::unordered_map<std::string, std::size_t>& index, const std::vector<T>& items) {
  index.clear();
  for (std::size_t i = 0; i < items.size(); ++i) index.emplace(items[i].id, i);
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
