// Routing dictionaries and membership: skills, languages, an agent's skills, a queue's members
// (classic paging, genesys-api.md §5; queue members use QueueMemberEntityListing, which has no totals).
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "../call_helpers.hpp"
#include "../wire.hpp"
#include "directory_common.hpp"

namespace mockgc::core {
namespace {

constexpr int kMaxQueueMemberPageSize = 100;
constexpr std::array<std::string_view, 2> kMemberBy{"user", "group"};

template <class T>
std::vector<const T*> filter_dictionary(const Call& call, const std::vector<T>& items, const std::vector<std::string>& ids) {
  const auto name = call.target.query.first("name");
  std::vector<const T*> out;
  for (const auto& item : items) {
    if (!ids.empty() && std::find(ids.begin(), ids.end(), item.id) == ids.end()) continue;
    if (name && !name->empty() && !name_starts_with(item.name, *name)) continue;
    out.push_back(&item);
  }
  return out;
}

// Names of `held` (skill or language ids) joined for the contains-style member filters.
bool any_name_contains(const std::vector<std::string>& names, const std::vector<std::string>& wanted) {
  for (const auto& w : wanted)
    for (const auto& n : names)
      if (lower(n).find(lower(w)) != std::string::npos) return true;
  return false;
}

}  // namespace

Reply handle_skills_list(Call& call) {
  PageRequest page;
  if (auto e = read_page(call, page)) return error_reply(*e);
  std::vector<std::string> ids;
  if (auto e = read_id_filter(call, "id", ids)) return error_reply(*e);
  const OrgWorld& org = *call.org->world;
  return paged_listing(call, filter_dictionary(call, org.skills, ids), page,
                       [&](const RoutingSkill& s) { return wire::routing_skill(org, s); });
}

Reply handle_skill_get(Call& call) {
  const OrgWorld& org = *call.org->world;
  const RoutingSkill* s = org.find_skill(call.params.at(0));
  if (!s) return error_reply(not_found(fmt::format("Skill {} was not found.", call.params[0])));
  return json_reply(wire::routing_skill(org, *s));
}

Reply handle_languages_list(Call& call) {
  PageRequest page;
  if (auto e = read_page(call, page)) return error_reply(*e);
  std::vector<std::string> ids;
  if (auto e = read_id_filter(call, "id", ids)) return error_reply(*e);
  bool desc = false;
  if (auto e = read_sort_desc(call, desc)) return error_reply(*e);
  auto languages = filter_dictionary(call, call.org->world->languages, ids);
  if (desc) std::reverse(languages.begin(), languages.end());
  return paged_listing(call, languages, page, [](const RoutingLanguage& l) { return wire::routing_language(l); });
}

Reply handle_language_get(Call& call) {
  const RoutingLanguage* l = call.org->world->find_language(call.params.at(0));
  if (!l) return error_reply(not_found(fmt::format("Language {} was not found.", call.params[0])));
  return json_reply(wire::routing_language(*l));
}

Reply handle_user_routing_skills(Call& call) {
  PageRequest page;
  if (auto e = read_page(call, page)) return error_reply(*e);
  bool desc = false;
  if (auto e = read_sort_desc(call, desc)) return error_reply(*e);
  const OrgWorld& org = *call.org->world;
  const User* u = roster_find_user(*call.org, call.params.at(0));
  if (!u) return error_reply(not_found(fmt::format("User {} was not found.", call.params[0])));
  std::vector<const HeldSkill*> held;
  for (const auto& s : u->skills) held.push_back(&s);
  if (desc) std::reverse(held.begin(), held.end());
  return paged_listing(call, held, page, [&](const HeldSkill& s) { return wire::user_routing_skill(org, s); });
}

// GET /api/v2/routing/queues/{queueId}/members: members sorted by name; filters name (contains), joined,
// memberBy, skills and languages (contains-style on their names). Presence and routing status are not
// modelled by the directory, so those filters answer 400 rather than silently matching everything.
Reply handle_queue_members(Call& call) {
  const OrgWorld& org = *call.org->world;
  const Queue* q = org.find_queue(call.params.at(0));
  if (!q) return error_reply(not_found(fmt::format("Queue {} was not found.", call.params[0])));
  PageRequest page;
  if (auto e = read_page(call, page)) return error_reply(*e);
  if (page.page_size > kMaxQueueMemberPageSize)
    return error_reply(bad_request(fmt::format("Query parameter pageSize must be between 1 and {} (got {}).",
                                               kMaxQueueMemberPageSize, page.page_size)));
  bool desc = false;
  if (auto e = read_sort_desc(call, desc)) return error_reply(*e);
  for (const char* key : {"routingStatus", "presence"})
    if (call.target.query.first(key))
      return error_reply(bad_request(fmt::format(
          "Query parameter {} is not supported by mock-gc: its directory does not model agent presence.", key)));
  std::optional<bool> joined;
  if (call.target.query.first("joined")) {
    bool v = false;
    if (auto e = read_bool_param(call, "joined", false, v)) return error_reply(*e);
    joined = v;
  }
  std::string member_by;
  if (auto v = call.target.query.first("memberBy")) {
    if (std::find(kMemberBy.begin(), kMemberBy.end(), *v) == kMemberBy.end())
      return error_reply(invalid_value(*v, "memberBy", kMemberBy));
    member_by = *v;
  }
  const auto name = call.target.query.first("name");
  const auto skills = call.target.query.list("skills");
  const auto languages = call.target.query.list("languages");
  std::vector<const User*> members;
  if (member_by != "group") {
    const QueueMembers& queue_members = org.queue_members(*q);
    for (const std::uint32_t index : queue_members.users) {
      const User* u = &org.users[index];
      const bool is_joined = queue_members.joined(index);
      if (joined && *joined != is_joined) continue;
      if (name && !name->empty() && lower(u->name).find(lower(*name)) == std::string::npos) continue;
      if (!skills.empty()) {
        std::vector<std::string> names;
        for (const auto& s : u->skills) names.push_back(org.skills.at(s.skill).name);
        if (!any_name_contains(names, skills)) continue;
      }
      if (!languages.empty()) {
        std::vector<std::string> names;
        for (const auto l : u->languages) names.push_back(org.languages.at(l).name);
        if (!any_name_contains(names, languages)) continue;
      }
      members.push_back(u);
    }
  }
  if (desc) std::reverse(members.begin(), members.end());
  // Every member is a generated user: its position in org.users is its index in the membership.
  return page_reply(call, members, page, false, [&](const User& u) {
    return wire::queue_member(org, u, org.queue_members(*q).joined(static_cast<std::uint32_t>(&u - org.users.data())));
  });
}

}  // namespace mockgc::core
