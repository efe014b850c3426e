#include "mockgc/api/time.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <limits>
#include <locale>
#include <sstream>

namespace mockgc::api {
namespace {

// Reads exactly `n` digits at `pos`, advancing it.
bool read_digits(std::string_view s, std::size_t& pos, int n, int& out) {
  if (pos + static_cast<std::size_t>(n) > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[pos + static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += static_cast<std::size_t>(n);
  out = v;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

std::optional<date::year_month_day> read_date(std::string_view s, std::size_t& pos) {
  int y = 0, m = 0, d = 0;
  if (!read_digits(s, pos, 4, y) || !expect(s, pos, '-') || !read_digits(s, pos, 2, m) || !expect(s, pos, '-') ||
      !read_digits(s, pos, 2, d))
    return std::nullopt;
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)}, date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

}  // namespace

std::string format_http_date(Instant t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  // The server stamps every answer with the second it is in: one rendering per second and thread.
  thread_local std::int64_t cached_second = std::numeric_limits<std::int64_t>::min();
  thread_local std::string cached;
  const std::int64_t second = std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count();
  if (second == cached_second) return cached;
  const auto day = std::chrono::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const date::weekday wd{day};
  const date::hh_mm_ss<std::chrono::seconds> tod{std::chrono::floor<std::chrono::seconds>(t - day)};
  cached = fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT", kDays[wd.c_encoding()],
                       static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                       static_cast<int>(ymd.year()), tod.hours().count(), tod.minutes().count(),
                       tod.seconds().count());
  cached_second = second;
  return cached;
}

std::optional<Instant> parse_http_date(std::string_view text) {
  std::istringstream in{std::string(text)};
  in.imbue(std::locale::classic());
  date::sys_seconds t;
  in >> date::parse("%a, %d %b %Y %H:%M:%S GMT", t);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  return std::chrono::time_point_cast<std::chrono::milliseconds>(t);
}

std::string format_instant(Instant t) {
  auto day = std::chrono::floor<date::days>(t);
  date::year_month_day ymd{day};
  date::hh_mm_ss<std::chrono::milliseconds> tod{t - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), tod.hours().count(),
                     tod.minutes().count(), tod.seconds().count(), tod.subseconds().count());
}

std::string format_instant_seconds(Instant t) {
  std::string text = format_instant(t);
  text.erase(text.size() - 5, 4);  // ".SSS" before the "Z"
  return text;
}

std::optional<Instant> parse_instant(std::string_view s) {
  std::size_t pos = 0;
  auto ymd = read_date(s, pos);
  if (!ymd) return std::nullopt;
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't')) return std::nullopt;
  ++pos;
  int hh = 0, mi = 0, ss = 0;
  if (!read_digits(s, pos, 2, hh) || !expect(s, pos, ':') || !read_digits(s, pos, 2, mi)) return std::nullopt;
  long long millis = 0;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!read_digits(s, pos, 2, ss)) return std::nullopt;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      int digits = 0;
      long long frac = 0;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        if (digits < 3) frac = frac * 10 + (s[pos] - '0');
        ++digits;
        ++pos;
      }
      if (digits == 0 || digits > 9) return std::nullopt;
      for (int i = digits; i < 3; ++i) frac *= 10;
      millis = frac;
    }
  }
  if (hh > 23 || mi > 59 || ss > 59) return std::nullopt;
  if (pos >= s.size()) return std::nullopt;  // an instant needs a zone designator
  int offset_minutes = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int oh = 0, om = 0;
    if (!read_digits(s, pos, 2, oh)) return std::nullopt;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (!read_digits(s, pos, 2, om)) return std::nullopt;
    if (oh > 18 || om > 59) return std::nullopt;
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  auto local = date::sys_days{*ymd} + std::chrono::hours{hh} + std::chrono::minutes{mi} + std::chrono::seconds{ss} +
               std::chrono::milliseconds{millis};
  return Instant{local - std::chrono::minutes{offset_minutes}};
}

std::optional<std::chrono::sys_days> parse_local_date(std::string_view s) {
  std::size_t pos = 0;
  auto ymd = read_date(s, pos);
  if (!ymd || pos != s.size()) return std::nullopt;
  return date::sys_days{*ymd};
}

std::string format_local_date(std::chrono::sys_days day) {
  date::year_month_day ymd{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
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

std::optional<std::chrono::milliseconds> parse_duration(std::string_view s) {
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
  return std::chrono::milliseconds(negative ? -total : total);
}

std::string format_duration(std::chrono::milliseconds d) {
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

}  // namespace mockgc::api
