#include "mockgc/core/paging.hpp"

#include <charconv>
#include <fmt/format.h>

namespace mockgc::core {
namespace {

// `over_max` is appended to the message of a value above `max`.
std::optional<ApiError> read_positive(const api::QueryParams& q, std::string_view key, int max, int& out,
                                      std::string_view over_max = {}) {
  auto v = q.first(key);
  if (!v) return std::nullopt;
  int n = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || ptr != v->data() + v->size())
    return bad_request(fmt::format("The value [{}] of query parameter {} is not a valid integer.", *v, key));
  if (n < 1 || n > max)
    return bad_request(fmt::format("Query parameter {} must be between 1 and {} (got {}).{}", key, max, n,
                                   n > max ? over_max : std::string_view{}));
  out = n;
  return std::nullopt;
}

// Encodes a query component but keeps ',' and '*' readable, as the JS SDK sends them.
std::string encode_component(std::string_view v) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t i = 0; i <= v.size(); ++i) {
    if (i == v.size() || v[i] == ',' || v[i] == '*') {
      out += api::percent_encode(v.substr(from, i - from));
      if (i < v.size()) out.push_back(v[i]);
      from = i + 1;
    }
  }
  return out;
}

std::string uri(std::string_view path, const api::QueryParams& q, int size, int number) {
  std::string s = fmt::format("{}?pageSize={}&pageNumber={}", path, size, number);
  for (const auto& [k, v] : q.items()) {
    if (k == "pageSize" || k == "pageNumber") continue;
    s += "&" + encode_component(k) + "=" + encode_component(v);
  }
  return s;
}

}  // namespace

std::optional<ApiError> parse_page_request(const api::QueryParams& query, PageRequest& out, int max_page_size) {
  out = PageRequest{};
  const std::string note =
      fmt::format(" The limit {} is a mock-gc choice (scenario limits.max_page_size); Genesys documents none.", max_page_size);
  if (auto e = read_positive(query, "pageSize", max_page_size, out.page_size, note)) return e;
  if (auto e = read_positive(query, "pageNumber", 1'000'000'000, out.page_number)) return e;
  return std::nullopt;
}

Page make_page(std::string_view path, const api::QueryParams& query, const PageRequest& request, std::size_t total) {
  Page p;
  p.page_size = request.page_size;
  p.page_number = request.page_number;
  p.total = total;
  const auto size = static_cast<std::size_t>(request.page_size);
  p.page_count = static_cast<int>((total + size - 1) / size);
  const auto start = static_cast<std::size_t>(request.page_number - 1) * size;
  p.begin = std::min(start, total);
  p.end = std::min(start + size, total);
  const int last = std::max(p.page_count, 1);
  p.first_uri = uri(path, query, p.page_size, 1);
  p.self_uri = uri(path, query, p.page_size, p.page_number);
  p.last_uri = uri(path, query, p.page_size, last);
  if (p.page_number < p.page_count) p.next_uri = uri(path, query, p.page_size, p.page_number + 1);
  if (p.page_number > 1) p.previous_uri = uri(path, query, p.page_size, std::min(p.page_number - 1, last));
  return p;
}

}  // namespace mockgc::core
