// The organization, its divisions and teams. Divisions use classic paging; teams and team members page by
// cursor (`after`/`before`, TeamEntityListing: entities, selfUri, nextUri, previousUri), as the Teams API does.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "../call_helpers.hpp"
#include "../wire.hpp"
#include "directory_common.hpp"

namespace mockgc::core {
namespace {

// Cursor paging over `total` items: the cursor is the position of the first item of a page (opaque to
// clients). `after` starts a page there; `before` ends one there. Links keep the caller's other parameters.
struct CursorPage {
  std::size_t begin = 0, end = 0;
  std::string self_uri;
  std::optional<std::string> next_uri, previous_uri;
};

std::optional<ApiError> read_cursor(const Call& call, std::string_view key, std::size_t total,
                                    std::optional<std::size_t>& out) {
  auto v = call.target.query.first(key);
  if (!v) return std::nullopt;
  std::size_t n = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (v->empty() || ec != std::errc{} || ptr != v->data() + v->size() || n > total)
    return bad_request(fmt::format("The value [{}] of query parameter {} is not a cursor this listing issued.", *v, key));
  out = n;
  return std::nullopt;
}

std::string cursor_uri(const Call& call, std::size_t page_size, std::string_view key, std::size_t at) {
  std::string s = fmt::format("{}?pageSize={}&{}={}", call.target.path, page_size, key, at);
  for (const auto& [k, v] : call.target.query.items()) {
    if (k == "pageSize" || k == "after" || k == "before") continue;
    s += "&" + api::percent_encode(k) + "=" + api::percent_encode(v);
  }
  return s;
}

std::optional<ApiError> cursor_page(const Call& call, std::size_t total, CursorPage& out) {
  PageRequest request;
  if (auto e = read_page(call, request)) return e;
  const auto size = static_cast<std::size_t>(request.page_size);
  std::optional<std::size_t> after, before;
  if (auto e = read_cursor(call, "after", total, after)) return e;
  if (auto e = read_cursor(call, "before", total, before)) return e;
  if (after && before) return bad_request("Query parameters after and before cannot be combined.");
  if (before) {
    out.end = *before;
    out.begin = out.end > size ? out.end - size : 0;
  } else {
    out.begin = after.value_or(0);
    out.end = std::min(total, out.begin + size);
  }
  out.self_uri = after || before ? cursor_uri(call, size, before ? "before" : "after", before ? *before : *after)
                                 : cursor_uri(call, size, "after", 0);
  if (out.end < total) out.next_uri = cursor_uri(call, size, "after", out.end);
  if (out.begin > 0) out.previous_uri = cursor_uri(call, size, "before", out.begin);
  return std::nullopt;
}

template <class T, class ToJson>
Reply cursor_listing(Call& call, const std::vector<const T*>& items, ToJson&& to_json) {
  CursorPage page;
  if (auto e = cursor_page(call, items.size(), page)) return error_reply(*e);
  json entities = json::array();
  for (std::size_t i = page.begin; i < page.end; ++i) entities.push_back(to_json(*items[i]));
  json j{{"entities", std::move(entities)}, {"selfUri", page.self_uri}};
  if (page.next_uri) j["nextUri"] = *page.next_uri;
  if (page.previous_uri) j["previousUri"] = *page.previous_uri;
  Reply r = json_reply(j);
  if (page.next_uri) r.more = "cursor";
  return r;
}

}  // namespace

Reply handle_organization_me(Call& call) { return json_reply(wire::organization(*call.org->world)); }

// GET /api/v2/authorization/divisions: the home division first, then the others by name; `name` matches
// case-insensitively anywhere in the name; `objectCount=true` adds objectCounts.
Reply handle_divisions_list(Call& call) {
  PageRequest page;
  if (auto e = read_page(call, page)) return error_reply(*e);
  std::vector<std::string> ids;
  if (auto e = read_id_filter(call, "id", ids)) return error_reply(*e);
  bool counts = false;
  if (auto e = read_bool_param(call, "objectCount", false, counts)) return error_reply(*e);
  const auto name = call.target.query.first("name");
  const OrgWorld& org = *call.org->world;
  std::vector<const Division*> divisions;
  for (const auto& d : org.divisions) {
    if (!ids.empty() && std::find(ids.begin(), ids.end(), d.id) == ids.end()) continue;
    if (name && !name->empty() && lower(d.name).find(lower(*name)) == std::string::npos) continue;
    divisions.push_back(&d);
  }
  return paged_listing(call, divisions, page, [&](const Division& d) { return wire::authz_division(org, d, counts); });
}

Reply handle_division_get(Call& call) {
  bool counts = false;
  if (auto e = read_bool_param(call, "objectCount", false, counts)) return error_reply(*e);
  const OrgWorld& org = *call.org->world;
  const Division* d = org.find_division(call.params.at(0));
  if (!d) return error_reply(not_found(fmt::format("Division {} was not found.", call.params[0])));
  return json_reply(wire::authz_division(org, *d, counts));
}

// GET /api/v2/teams: sorted by name; `name` keeps teams whose names start with it (any case).
Reply handle_teams_list(Call& call) {
  const OrgWorld& org = *call.org->world;
  const auto name = call.target.query.first("name");
  std::vector<const Team*> teams;
  for (const auto& t : org.teams)
    if (!name || name->empty() || name_starts_with(t.name, *name)) teams.push_back(&t);
  std::sort(teams.begin(), teams.end(),
            [](const Team* a, const Team* b) { return std::tie(a->name, a->id) < std::tie(b->name, b->id); });
  return cursor_listing(call, teams, [&](const Team& t) { return wire::team(org, t, roster_members(*call.org, t).size()); });
}

Reply handle_team_get(Call& call) {
  const OrgWorld& org = *call.org->world;
  const Team* t = org.find_team(call.params.at(0));
  if (!t) return error_reply(not_found(fmt::format("Team {} was not found.", call.params[0])));
  return json_reply(wire::team(org, *t, roster_members(*call.org, *t).size()));
}

// GET /api/v2/teams/{teamId}/members: the team's current members (data events included), sorted by name.
Reply handle_team_members(Call& call) {
  const OrgWorld& org = *call.org->world;
  const Team* t = org.find_team(call.params.at(0));
  if (!t) return error_reply(not_found(fmt::format("Team {} was not found.", call.params[0])));
  auto members = roster_members(*call.org, *t);
  std::sort(members.begin(), members.end(),
            [](const User* a, const User* b) { return std::tie(a->name, a->id) < std::tie(b->name, b->id); });
  return cursor_listing(call, members, [](const User& u) { return wire::user_ref_with_name(u); });
}

}  // namespace mockgc::core
