#include "mockgc/core/clock_text.hpp"

#include <charconv>
#include <cstdint>

#include <date/date.h>
#include <fmt/format.h>

namespace mockgc::core {

namespace {

// Reads exactly `n` digits at `s[i]`.
bool digits(std::string_view s, std::size_t i, std::size_t n, int& out) {
  if (i + n > s.size()) return false;
  out = 0;
  for (std::size_t k = i; k < i + n; ++k) {
    if (s[k] < '0' || s[k] > '9') return false;
    out = out * 10 + (s[k] - '0');
  }
  return true;
}

}  // namespace

// Hand-written rather than date::parse: strict about the shape, and no stream per call.
std::optional<Instant> parse_instant(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2, h) || s[13] != ':' ||
      !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec))
    return std::nullopt;
  std::size_t i = 19;
  int ms = 0;
  if (i < s.size() && s[i] == '.') {
    std::size_t j = i + 1;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    std::size_t n = j - i - 1;
    if (n == 0 || n > 3) return std::nullopt;
    digits(s, i + 1, n, ms);
    for (std::size_t k = n; k < 3; ++k) ms *= 10;
    i = j;
  }
  int offset_min = 0;
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) {
    // UTC
  } else if (i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':') {
    int oh, om;
    if (!digits(s, i + 1, 2, oh) || !digits(s, i + 4, 2, om) || oh > 23 || om > 59) return std::nullopt;
    offset_min = (s[i] == '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  auto ymd = date::year(y) / date::month(static_cast<unsigned>(mo)) / date::day(static_cast<unsigned>(d));
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  auto t = date::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi - offset_min) +
           std::chrono::seconds(sec) + Millis(ms);
  return Instant(t);
}

std::string format_instant(Instant t) {
  return date::format("%FT%TZ", t);
}

namespace {

// One "<number>[.<fraction>]<unit>" component; returns false on syntax errors.
bool read_number(std::string_view& s, std::int64_t& whole, std::int64_t& frac_ms, bool& has_frac) {
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == 0 || i > 12) return false;
  std::from_chars(s.data(), s.data() + i, whole);
  has_frac = false;
  frac_ms = 0;
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    std::size_t j = i + 1;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    std::size_t digits = j - i - 1;
    if (digits == 0 || digits > 3) return false;
    std::from_chars(s.data() + i + 1, s.data() + j, frac_ms);
    for (std::size_t k = digits; k < 3; ++k) frac_ms *= 10;
    has_frac = true;
    i = j;
  }
  s.remove_prefix(i);
  return true;
}

}  // namespace

std::optional<Millis> parse_duration(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s.front() != 'P') return std::nullopt;
  s.remove_prefix(1);
  std::int64_t total = 0;
  bool in_time = false, any = false;
  // Units must appear in order; `order` is the rank of the last unit read.
  int order = -1;
  while (!s.empty()) {
    if (s.front() == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      s.remove_prefix(1);
      if (s.empty()) return std::nullopt;
      continue;
    }
    std::int64_t whole = 0, frac = 0;
    bool has_frac = false;
    if (!read_number(s, whole, frac, has_frac) || s.empty()) return std::nullopt;
    char unit = s.front();
    s.remove_prefix(1);
    int rank = 0;
    std::int64_t unit_ms = 0;
    if (!in_time && unit == 'W') { rank = 0; unit_ms = 7 * 86'400'000LL; }
    else if (!in_time && unit == 'D') { rank = 1; unit_ms = 86'400'000LL; }
    else if (in_time && unit == 'H') { rank = 2; unit_ms = 3'600'000LL; }
    else if (in_time && unit == 'M') { rank = 3; unit_ms = 60'000LL; }
    else if (in_time && unit == 'S') { rank = 4; unit_ms = 1'000LL; }
    else return std::nullopt;
    if (rank <= order || (has_frac && unit != 'S') || (has_frac && !s.empty())) return std::nullopt;
    order = rank;
    total += whole * unit_ms + frac;
    any = true;
  }
  if (!any) return std::nullopt;
  return Millis(negative ? -total : total);
}

std::string format_duration(Millis d) {
  std::int64_t ms = d.count();
  std::string out = ms < 0 ? "-PT" : "PT";
  std::uint64_t a = ms < 0 ? static_cast<std::uint64_t>(-(ms + 1)) + 1 : static_cast<std::uint64_t>(ms);
  std::uint64_t h = a / 3'600'000, m = a / 60'000 % 60, s = a / 1000 % 60, f = a % 1000;
  if (h) out += fmt::format("{}H", h);
  if (m) out += fmt::format("{}M", m);
  if (f) out += fmt::format("{}.{:03}S", s, f);
  else if (s || (!h && !m)) out += fmt::format("{}S", s);
  return out;
}

}  // namespace mockgc::core
