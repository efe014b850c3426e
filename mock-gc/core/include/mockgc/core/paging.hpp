#pragma once
// Classic page-number paging (genesys-api.md §5): pageSize (default 25, 1..500 unless the scenario says otherwise) and pageNumber (>= 1);
// links are relative paths with the query, pageSize and pageNumber first, then the caller's other
// parameters in their original order; absent links (next/previous) are omitted by the renderer.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "mockgc/api/url.hpp"
#include "mockgc/core/errors.hpp"

namespace mockgc::core {

inline constexpr int kDefaultPageSize = 25;
inline constexpr int kMaxPageSize = 500;

struct PageRequest {
  int page_size = kDefaultPageSize;
  int page_number = 1;
};

// Reads pageSize/pageNumber; a non-numeric, zero/negative or too large value is 400 bad.request. The upper
// pageSize limit is a mock-gc choice (scenario `limits.max_page_size`), and its message says so.
std::optional<ApiError> parse_page_request(const api::QueryParams& query, PageRequest& out,
                                           int max_page_size = kMaxPageSize);

struct Page {
  int page_size = 0;
  int page_number = 0;
  std::size_t total = 0;
  int page_count = 0;
  std::size_t begin = 0;  // slice [begin, end) of the filtered, sorted entities
  std::size_t end = 0;
  std::string first_uri, self_uri, last_uri;
  std::optional<std::string> next_uri, previous_uri;
};

Page make_page(std::string_view path, const api::QueryParams& query, const PageRequest& request, std::size_t total);

}  // namespace mockgc::core
