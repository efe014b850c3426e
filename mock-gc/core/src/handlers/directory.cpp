// Users and routing queues: classic page-number paging (genesys-api.md §5, §6g).
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "../call_helpers.hpp"

#include "../wire.hpp"
#include "mockgc/core/paging.hpp"

namespace mockgc::core {
namespace {

constexpr std::size_t kMaxIds = 100;
constexpr std::array<std::string_view, 4> kUserStates{"active", "inactive", "deleted", "any"};
constexpr std::array<std::string_view, 4> kSortOrders{"asc", "desc", "ascending", "descending"};

std::optional<ApiError> read_sort_desc(const Call& call, bool& desc) {
  desc = false;
  auto v = call.target.query.first("sortOrder");
  if (!v) return std::nullopt;
  const auto l = lower(*v);
  if (std::find(kSortOrders.begin(), kSortOrders.end(), l) == kSortOrders.end())
    return invalid_value(*v, "SortOrder", kSortOrders);
  desc = l == "desc" || l == "descending";
  return std::nullopt;
}

std::optional<ApiError> read_ids(const Call& call, std::string_view key, std::vector<std::string>& ids) {
  ids = call.target.query.list(key);
  if (ids.size() > kMaxIds)
    return bad_request(fmt::format("At most {} values of {} may be requested at once (got {}).", kMaxIds, key, ids.size()));
  return std::nullopt;
}

template <class T, class ToJson>
Reply paged(Call& call, const std::vector<const T*>& items, const PageRequest& page_request, ToJson&& to_json) {
  const Page page = make_page(call.target.path, call.target.query, page_request, items.size());
  json entities = json::array();
  for (std::size_t i = page.begin; i < page.end; ++i) entities.push_back(to_json(*items[i]));
  json j{{"entities", std::move(entities)},
         {"pageSize", page.page_size},
         {"pageNumber", page.page_number},
         {"total", page.total},
         {"pageCount", page.page_count},
         {"firstUri", page.first_uri},
         {"selfUri", page.self_uri},
         {"lastUri", page.last_uri}};
  if (page.next_uri) j["nextUri"] = *page.next_uri;
  if (page.previous_uri) j["previousUri"] = *page.previous_uri;
  Reply r = json_reply(j);
  if (page.page_number < page.page_count) r.more = fmt::format("page {}/{}", page.page_number, page.page_count);
  return r;
}

// Genesys' queue name filter: leading and/or trailing '*' are wildcards; matching ignores case.
bool name_matches(std::string_view name, const std::string& pattern) {
  std::string p = lower(pattern);
  const std::string n = lower(name);
  const bool lead = !p.empty() && p.front() == '*';
  if (lead) p.erase(0, 1);
  const bool trail = !p.empty() && p.back() == '*';
  if (trail) p.pop_back();
  if (lead && trail) return n.find(p) != std::string::npos;
  if (lead) return n.size() >= p.size() && n.compare(n.size() - p.size(), p.size(), p) == 0;
  if (trail) return n.compare(0, p.size(), p) == 0;
  return n == p;
}

// A user as listed, with the agent state's presence and routing status when `expand` asks for them.
json user_json(const Call& call, const OrgWorld& org, const User& u) {
  const auto expand = call.target.query.list("expand");
  auto wants = [&](std::string_view v) { return std::find(expand.begin(), expand.end(), v) != expand.end(); };
  json j = wire::user(org, u);
  add_user_presence(call, u, wants("presence"), wants("routingStatus"), j);
  return j;
}

}  // namespace

Reply handle_users_list(Call& call) {
  PageRequest page;
  if (auto e = parse_page_request(call.target.query, page)) return error_reply(*e);
  std::vector<std::string> ids;
  if (auto e = read_ids(call, "id", ids)) return error_reply(*e);
  std::string state = "active";
  if (auto s = call.target.query.first("state")) {
    if (std::find(kUserStates.begin(), kUserStates.end(), *s) == kUserStates.end())
      return error_reply(invalid_value(*s, "UserState", kUserStates));
    state = *s;
  }
  bool desc = false;
  if (auto e = read_sort_desc(call, desc)) return error_reply(*e);
  const OrgWorld& org = *call.org->world;
  std::vector<const User*> users;
  for (const User* u : roster_users(*call.org)) {  // generated users plus agents added by data events
    if (state != "any" && u->state != state) continue;
    if (!ids.empty() && std::find(ids.begin(), ids.end(), u->id) == ids.end()) continue;
    users.push_back(u);
  }
  if (desc) std::reverse(users.begin(), users.end());
  return paged(call, users, page, [&](const User& u) { return user_json(call, org, u); });
}

Reply handle_user_get(Call& call) {
  const OrgWorld& org = *call.org->world;
  const User* u = roster_find_user(*call.org, call.params[0]);
  if (!u) return error_reply(not_found(fmt::format("User {} was not found.", call.params[0])));
  return json_reply(user_json(call, org, *u));
}

Reply handle_queues_list(Call& call) {
  PageRequest page;
  if (auto e = parse_page_request(call.target.query, page)) return error_reply(*e);
  std::vector<std::string> ids, divisions;
  if (auto e = read_ids(call, "id", ids)) return error_reply(*e);
  if (auto e = read_ids(call, "divisionId", divisions)) return error_reply(*e);
  bool desc = false;
  if (auto e = read_sort_desc(call, desc)) return error_reply(*e);
  const auto name = call.target.query.first("name");
  const OrgWorld& org = *call.org->world;
  std::vector<const Queue*> queues;
  for (const auto& q : org.queues) {
    if (!ids.empty() && std::find(ids.begin(), ids.end(), q.id) == ids.end()) continue;
    if (!divisions.empty() && std::find(divisions.begin(), divisions.end(), org.division.id) == divisions.end()) continue;
    if (name && !name->empty() && !name_matches(q.name, *name)) continue;
    queues.push_back(&q);
  }
  if (desc) std::reverse(queues.begin(), queues.end());
  return paged(call, queues, page, [&](const Queue& q) { return wire::queue(org, q); });
}

Reply handle_queue_get(Call& call) {
  const OrgWorld& org = *call.org->world;
  const Queue* q = org.find_queue(call.params[0]);
  if (!q) return error_reply(not_found(fmt::format("Queue {} was not found.", call.params[0])));
  return json_reply(wire::queue(org, *q));
}

}  // namespace mockgc::core
