#include "mockgc/core/faults/path_pattern.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace mockgc::core::faults {
namespace {

template <class Fn>
void for_each_segment(std::string_view path, Fn&& fn) {
  if (auto q = path.find('?'); q != std::string_view::npos) path = path.substr(0, q);
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') { ++i; continue; }
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    fn(path.substr(i, j - i));
    i = j;
  }
}

// '*' within one segment; iterative with single backtrack point (classic wildcard matcher).
bool segment_matches(std::string_view pat, std::string_view s) {
  if (pat == "*" || (pat.size() >= 2 && pat.front() == '{' && pat.back() == '}')) return true;
  std::size_t p = 0, i = 0, star = std::string_view::npos, mark = 0;
  while (i < s.size()) {
    if (p < pat.size() && pat[p] == s[i]) { ++p; ++i; }
    else if (p < pat.size() && pat[p] == '*') { star = p++; mark = i; }
    else if (star != std::string_view::npos) { p = star + 1; i = ++mark; }
    else return false;
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

bool match_from(const std::vector<std::string>& pat, std::size_t pi, std::span<const std::string_view> segs,
                std::size_t si) {
  while (pi < pat.size()) {
    if (pat[pi] == "**") {
      // Collapse consecutive "**", then try every split point.
      while (pi < pat.size() && pat[pi] == "**") ++pi;
      if (pi == pat.size()) return true;
      for (std::size_t k = si; k <= segs.size(); ++k)
        if (match_from(pat, pi, segs, k)) return true;
      return false;
    }
    if (si >= segs.size() || !segment_matches(pat[pi], segs[si])) return false;
    ++pi;
    ++si;
  }
  return si == segs.size();
}

}  // namespace

PathSegments::PathSegments(std::string_view path) {
  for_each_segment(path, [&](std::string_view seg) {
    if (overflow_.empty() && n_ < inline_.size()) {
      inline_[n_++] = seg;
      return;
    }
    if (overflow_.empty()) overflow_.assign(inline_.begin(), inline_.begin() + static_cast<std::ptrdiff_t>(n_));
    overflow_.push_back(seg);
  });
}

PathPattern::PathPattern(std::string_view pattern) : text_(pattern) {
  if (pattern.empty() || pattern.front() != '/')
    throw std::invalid_argument(fmt::format("path pattern \"{}\" must start with '/'", pattern));
  for_each_segment(pattern, [&](std::string_view seg) {
    if (seg != "**" && seg.find("**") != std::string_view::npos)
      throw std::invalid_argument(fmt::format("path pattern \"{}\": \"**\" must be a whole segment", pattern));
    segments_.emplace_back(seg);
  });
}

bool PathPattern::matches(std::string_view path) const { return matches(PathSegments(path)); }

bool PathPattern::matches(const PathSegments& path) const {
  if (text_.empty()) return false;
  return match_from(segments_, 0, path.view(), 0);
}

}  // namespace mockgc::core::faults
