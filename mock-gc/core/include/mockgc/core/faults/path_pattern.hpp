#pragma once
// Path globs for faults and per-endpoint rate limits, matched segment by segment against the request
// path (percent-encoded, query ignored):
//   "*" or "{name}"  one whole segment        "/api/v2/users/{userId}" matches "/api/v2/users/u1"
//   "**"             zero or more segments    "/api/v2/analytics/**" matches "/api/v2/analytics" and below
//   "ab*"            '*' inside a segment matches any characters except '/'
// Route templates from the Genesys docs are therefore valid patterns as written.
#include <string>
#include <string_view>
#include <vector>

namespace mockgc::core::faults {

class PathPattern {
 public:
  PathPattern() = default;  // matches nothing until compiled
  // Throws std::invalid_argument for a pattern that does not start with '/' or has "**" inside a segment.
  explicit PathPattern(std::string_view pattern);

  bool matches(std::string_view path) const;
  const std::string& text() const { return text_; }
  bool operator==(const PathPattern& other) const { return text_ == other.text_; }

 private:
  std::string text_;
  std::vector<std::string> segments_;
};

}  // namespace mockgc::core::faults
