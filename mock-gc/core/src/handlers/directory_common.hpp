#pragma once
// What the directory handlers share: the classic-paging listing renderer, list-parameter caps and Genesys'
// name filters (genesys-api.md §5, §6g).
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "../handler_context.hpp"
#include "mockgc/core/paging.hpp"

namespace mockgc::core {

// pageSize/pageNumber of a classic-paging route, pageSize capped by the scenario's limits.max_page_size.
inline std::optional<ApiError> read_page(const Call& call, PageRequest& page) {
  return parse_page_request(call.target.query, page, call.epoch.limits().max_page_size);
}
// Every value of list parameter `key` (comma, %2C or repeated); more than 100 is 400 naming the parameter.
std::optional<ApiError> read_id_filter(const Call& call, std::string_view key, std::vector<std::string>& ids);
// sortOrder asc|desc|ascending|descending (any case); anything else is 400 invalid.value.
std::optional<ApiError> read_sort_desc(const Call& call, bool& desc);
// Genesys' name filter: leading and/or trailing '*' are wildcards; matching ignores case.
bool name_matches(std::string_view name, const std::string& pattern);
// Case-insensitive prefix match ("Return only … whose names start with this value").
bool name_starts_with(std::string_view name, std::string_view prefix);

// A classic-paging listing ({entities, pageSize, pageNumber, total, pageCount, first/self/next/previous/lastUri}).
// `items[page]` rendered by `to_json` with the fields every classic listing has (entities, pageSize,
// pageNumber, firstUri, selfUri, nextUri/previousUri when they exist); `totals` adds total, pageCount and
// lastUri (QueueMemberEntityListing has none of them). The journal learns how many pages are left.
template <class T, class ToJson>
Reply page_reply(Call& call, const std::vector<const T*>& items, const PageRequest& page_request, bool totals,
                 ToJson&& to_json) {
  const Page page = make_page(call.target.path, call.target.query, page_request, items.size());
  json entities = json::array();
  for (std::size_t i = page.begin; i < page.end; ++i) entities.push_back(to_json(*items[i]));
  json j{{"entities", std::move(entities)},
         {"pageSize", page.page_size},
         {"pageNumber", page.page_number},
         {"firstUri", page.first_uri},
         {"selfUri", page.self_uri}};
  if (totals) {
    j["total"] = page.total;
    j["pageCount"] = page.page_count;
    j["lastUri"] = page.last_uri;
  }
  if (page.next_uri) j["nextUri"] = *page.next_uri;
  if (page.previous_uri) j["previousUri"] = *page.previous_uri;
  Reply r = json_reply(j);
  if (page.page_number < page.page_count) r.more = fmt::format("page {}/{}", page.page_number, page.page_count);
  return r;
}

template <class T, class ToJson>
Reply paged_listing(Call& call, const std::vector<const T*>& items, const PageRequest& page_request, ToJson&& to_json) {
  return page_reply(call, items, page_request, true, std::forward<ToJson>(to_json));
}

}  // namespace mockgc::core
