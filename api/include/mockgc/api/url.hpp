#pragma once
// Request targets: path + query, percent-decoding, and Genesys' two list encodings.
// The JS SDK comma-joins arrays (`userId=a,b`), the Python SDK encodes the comma (`userId=a%2Cb`),
// swagger examples repeat the key (`id=a&id=b`): decode first, then accept all three.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mockgc::api {

// Percent-decodes `in`; '+' becomes ' ' only when `plus_is_space` (form bodies). nullopt on a bad escape.
std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space = false);
// Encodes everything outside RFC 3986 unreserved characters.
std::string percent_encode(std::string_view in);

class QueryParams {
 public:
  QueryParams() = default;
  // Parses "a=1&b=x%2Cy&b=z". Keys and values are decoded; a malformed escape leaves `valid()` false.
  static QueryParams parse(std::string_view query);

  bool valid() const { return valid_; }
  bool has(std::string_view key) const;
  // First raw (decoded) value of `key`.
  std::optional<std::string> first(std::string_view key) const;
  // Every value of `key`, across repeated keys and split on commas, empty items dropped.
  std::vector<std::string> list(std::string_view key) const;
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
  bool valid_ = true;
};

struct Target {
  std::string path;         // decoded path
  std::vector<std::string> segments;  // decoded path segments, without empty ones
  std::string raw_query;    // without '?'
  QueryParams query;
  bool valid = true;        // false when the path has a malformed escape
};

Target parse_target(std::string_view target);

}  // namespace mockgc::api
