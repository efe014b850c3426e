#pragma once
// Path globs for faults and per-endpoint rate limits, matched segment by segment against the request
// path (percent-encoded, query ignored):
//   "*" or "{name}"  one whole segment        "/api/v2/users/{userId}" matches "/api/v2/users/u1"
//   "**"             zero or more segments    "/api/v2/analytics/**" matches "/api/v2/analytics" and below
//   "ab*"            '*' inside a segment matches any characters except '/'
// Route templates from the Genesys docs are therefore valid patterns as written.
#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mockgc::core::faults {

// A request path split into segments once, so many patterns can be tried without re-splitting or
// allocating (up to 32 segments inline).
class PathSegments {
 public:
  explicit PathSegments(std::string_view path);  // query ignored; empty segments skipped
  std::span<const std::string_view> view() const {
    return overflow_.empty() ? std::span<const std::string_view>(inline_.data(), n_) : std::span(overflow_);
  }

 private:
  std::array<std::string_view, 32> inline_{};
  std::size_t n_ = 0;
  std::vector<std::string_view> overflow_;
};

class PathPattern {
 public:
  PathPattern() = default;  // matches nothing until compiled
  // Throws std::invalid_argument for a pattern that does not start with '/' or has "**" inside a segment.
  explicit PathPattern(std::string_view pattern);

  bool matches(std::string_view path) const;
  bool matches(const PathSegments& path) const;
  const std::string& text() const { return text_; }
  bool operator==(const PathPattern& other) const { return text_ == other.text_; }

 private:
  std::string text_;
  std::vector<std::string> segments_;
};

}  // namespace mockgc::core::faults
