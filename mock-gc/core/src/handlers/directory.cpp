// Users and routing queues: classic page-number paging (genesys-api.md §5, §6g), /users/me and user search.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "../call_helpers.hpp"

#include "../wire.hpp"
#include "directory_common.hpp"

namespace mockgc::core {
namespace {

constexpr std::size_t kMaxIds = 100;
constexpr std::array<std::string_view, 4> kUserStates{"active", "inactive", "deleted", "any"};
constexpr std::array<std::string_view, 4> kSortOrders{"asc", "desc", "ascending", "descending"};

}  // namespace

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

std::optional<ApiError> read_id_filter(const Call& call, std::string_view key, std::vector<std::string>& ids) {
  ids = call.target.query.list(key);
  if (ids.size() > kMaxIds)
    return bad_request(fmt::format("At most {} values of {} may be requested at once (got {}).", kMaxIds, key, ids.size()));
  return std::nullopt;
}

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

bool name_starts_with(std::string_view name, std::string_view prefix) {
  return lower(name).rfind(lower(prefix), 0) == 0;
}

namespace {

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
  if (auto e = read_page(call, page)) return error_reply(*e);
  std::vector<std::string> ids;
  if (auto e = read_id_filter(call, "id", ids)) return error_reply(*e);
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
  return paged_listing(call, users, page, [&](const User& u) { return user_json(call, org, u); });
}

Reply handle_user_get(Call& call) {
  const OrgWorld& org = *call.org->world;
  const User* u = roster_find_user(*call.org, call.params[0]);
  if (!u) return error_reply(not_found(fmt::format("User {} was not found.", call.params[0])));
  return json_reply(user_json(call, org, *u));
}

Reply handle_queues_list(Call& call) {
  PageRequest page;
  if (auto e = read_page(call, page)) return error_reply(*e);
  std::vector<std::string> ids, divisions;
  if (auto e = read_id_filter(call, "id", ids)) return error_reply(*e);
  if (auto e = read_id_filter(call, "divisionId", divisions)) return error_reply(*e);
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
  return paged_listing(call, queues, page, [&](const Queue& q) { return wire::queue(org, q); });
}

Reply handle_queue_get(Call& call) {
  const OrgWorld& org = *call.org->world;
  const Queue* q = org.find_queue(call.params[0]);
  if (!q) return error_reply(not_found(fmt::format("Queue {} was not found.", call.params[0])));
  return json_reply(wire::queue(org, *q));
}

}  // namespace mockgc::core

namespace mockgc::core {
namespace {

constexpr int kMaxSearchPageSize = 100;
constexpr std::array<std::string_view, 7> kSearchTypes{"EXACT",    "CONTAINS",        "STARTS_WITH", "TERM",
                                                       "TERMS",    "REQUIRED_FIELDS", "MATCH_ALL"};
constexpr std::array<std::string_view, 3> kSearchOperators{"AND", "OR", "NOT"};
constexpr std::array<std::string_view, 8> kSearchFields{"id",         "name",  "email", "username",
                                                        "department", "title", "state", "division.id"};
constexpr std::array<std::string_view, 2> kSearchSortOrders{"ASC", "DESC"};

std::string search_field(const OrgWorld& org, const User& u, std::string_view field) {
  if (field == "id") return u.id;
  if (field == "name") return u.name;
  if (field == "email" || field == "username") return u.email;
  if (field == "department") return u.department;
  if (field == "title") return u.title;
  if (field == "state") return u.state;
  return org.division.id;  // division.id
}

struct Criterion {
  std::string type, op;
  std::vector<std::string> fields, values;
};

bool criterion_matches(const OrgWorld& org, const User& u, const Criterion& c) {
  if (c.type == "MATCH_ALL") return true;
  for (const auto& field : c.fields) {
    const std::string have = lower(search_field(org, u, field));
    if (c.type == "REQUIRED_FIELDS") {
      if (!have.empty()) return true;
      continue;
    }
    for (const auto& v : c.values) {
      const std::string want = lower(v);
      const bool hit = c.type == "CONTAINS"      ? have.find(want) != std::string::npos
                       : c.type == "STARTS_WITH" ? have.rfind(want, 0) == 0
                                                 : have == want;  // EXACT, TERM, TERMS
      if (hit) return true;
    }
  }
  return false;
}

std::optional<ApiError> field_error(std::string_view field, std::string_view problem) {
  return bad_request(fmt::format("The field {} {}.", field, problem));
}

std::optional<ApiError> read_criteria(const json& query, std::vector<Criterion>& out) {
  if (!query.is_array()) return field_error("query", "must be an array of search criteria");
  for (std::size_t i = 0; i < query.size(); ++i) {
    const json& q = query[i];
    const std::string at = fmt::format("query[{}]", i);
    if (!q.is_object()) return field_error(at, "must be an object");
    Criterion c;
    auto type = q.find("type");
    if (type == q.end() || !type->is_string()) return field_error(at + ".type", "is required");
    c.type = type->get<std::string>();
    if (std::find(kSearchTypes.begin(), kSearchTypes.end(), c.type) == kSearchTypes.end())
      return invalid_value(c.type, at + ".type", kSearchTypes);
    if (q.contains("group")) return field_error(at + ".group", "is not supported by mock-gc (use flat criteria)");
    c.op = "AND";
    if (auto op = q.find("operator"); op != q.end() && !op->is_null()) {
      if (!op->is_string()) return field_error(at + ".operator", "must be a string");
      c.op = op->get<std::string>();
      if (std::find(kSearchOperators.begin(), kSearchOperators.end(), c.op) == kSearchOperators.end())
        return invalid_value(c.op, at + ".operator", kSearchOperators);
    }
    if (auto fields = q.find("fields"); fields != q.end() && !fields->is_null()) {
      if (!fields->is_array()) return field_error(at + ".fields", "must be an array of field names");
      for (const auto& f : *fields) {
        if (!f.is_string()) return field_error(at + ".fields", "must be an array of field names");
        const auto name = f.get<std::string>();
        if (std::find(kSearchFields.begin(), kSearchFields.end(), name) == kSearchFields.end())
          return invalid_value(name, at + ".fields", kSearchFields);
        c.fields.push_back(name);
      }
    }
    if (auto value = q.find("value"); value != q.end() && !value->is_null()) {
      if (!value->is_string()) return field_error(at + ".value", "must be a string");
      c.values.push_back(value->get<std::string>());
    }
    if (auto values = q.find("values"); values != q.end() && !values->is_null()) {
      if (!values->is_array()) return field_error(at + ".values", "must be an array of strings");
      for (const auto& v : *values) {
        if (!v.is_string()) return field_error(at + ".values", "must be an array of strings");
        c.values.push_back(v.get<std::string>());
      }
    }
    if (c.type != "MATCH_ALL" && c.fields.empty()) return field_error(at + ".fields", "is required for " + c.type);
    if (c.type != "MATCH_ALL" && c.type != "REQUIRED_FIELDS" && c.values.empty())
      return field_error(at + ".value", "or values is required for " + c.type);
    out.push_back(std::move(c));
  }
  return std::nullopt;
}

std::optional<ApiError> read_search_int(const json& body, std::string_view key, int max, int& out) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer() || it->get<std::int64_t>() < 1 || it->get<std::int64_t>() > max)
    return field_error(key, fmt::format("must be an integer between 1 and {}", max));
  out = it->get<int>();
  return std::nullopt;
}

}  // namespace

// A client-credentials token has no user (genesys-api.md §2): Genesys answers 400 with this message.
Reply handle_users_me(Call&) {
  return error_reply(bad_request(
      "This request requires a user context. Client credentials cannot be used for requests to this resource."));
}

// POST /api/v2/users/search: flat criteria (AND; OR = at least one of the OR criteria; NOT excludes), sorted by
// name (sortOrder ASC|DESC), paged by pageSize (1..100) and pageNumber. Inactive users are found too.
Reply handle_users_search(Call& call) {
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_object()) return error_reply(*field_error("body", "must be a UserSearchRequest object"));
  int page_size = kDefaultPageSize, page_number = 1;
  if (auto e = read_search_int(body, "pageSize", kMaxSearchPageSize, page_size)) return error_reply(*e);
  if (auto e = read_search_int(body, "pageNumber", 1'000'000, page_number)) return error_reply(*e);
  bool desc = false;
  if (auto it = body.find("sortOrder"); it != body.end() && !it->is_null()) {
    if (!it->is_string()) return error_reply(*field_error("sortOrder", "must be a string"));
    const auto order = it->get<std::string>();
    if (order != "SCORE" && std::find(kSearchSortOrders.begin(), kSearchSortOrders.end(), order) == kSearchSortOrders.end())
      return error_reply(invalid_value(order, "sortOrder", kSearchSortOrders));
    desc = order == "DESC";
  }
  if (auto it = body.find("sortBy"); it != body.end() && !it->is_null() && (!it->is_string() || *it != "name"))
    return error_reply(*field_error("sortBy", "must be \"name\" (the only sort mock-gc offers)"));
  if (auto it = body.find("expand"); it != body.end() && !it->is_null() && !it->is_array())
    return error_reply(*field_error("expand", "must be an array of strings"));
  std::vector<Criterion> criteria;
  if (auto it = body.find("query"); it != body.end() && !it->is_null())
    if (auto e = read_criteria(*it, criteria)) return error_reply(*e);

  const OrgWorld& org = *call.org->world;
  std::vector<const User*> found;
  for (const User* u : roster_users(*call.org)) {
    bool ok = true, any_or = false, or_hit = false;
    for (const auto& c : criteria) {
      const bool hit = criterion_matches(org, *u, c);
      if (c.op == "AND") ok = ok && hit;
      else if (c.op == "NOT") ok = ok && !hit;
      else {
        any_or = true;
        or_hit = or_hit || hit;
      }
    }
    if (ok && (!any_or || or_hit)) found.push_back(u);
  }
  if (desc) std::reverse(found.begin(), found.end());
  const auto size = static_cast<std::size_t>(page_size);
  const std::size_t begin = std::min(found.size(), static_cast<std::size_t>(page_number - 1) * size);
  const std::size_t end = std::min(found.size(), begin + size);
  json results = json::array();
  for (std::size_t i = begin; i < end; ++i) results.push_back(wire::user(org, *found[i]));
  const auto page_count = (found.size() + size - 1) / size;
  Reply r = json_reply({{"total", found.size()},
                        {"pageCount", page_count},
                        {"pageSize", page_size},
                        {"pageNumber", page_number},
                        {"types", json::array({"users"})},
                        {"results", std::move(results)}});
  if (static_cast<std::size_t>(page_number) < page_count) r.more = fmt::format("page {}/{}", page_number, page_count);
  return r;
}

}  // namespace mockgc::core
