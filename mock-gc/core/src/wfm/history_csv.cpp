#include "history_csv.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "mockgc/api/text.hpp"
#include "mockgc/api/time.hpp"

namespace mockgc::core::wfm {
namespace {

constexpr std::size_t kMaxReported = 5;

std::vector<std::string> split_csv_line(std::string_view line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') cur += '"', ++i;
      else if (c == '"') quoted = false;
      else cur += c;
    } else if (c == '"') quoted = true;
    else if (c == ',') out.push_back(std::move(cur)), cur.clear();
    else cur += c;
  }
  out.push_back(std::move(cur));
  for (auto& f : out) {
    while (!f.empty() && (f.back() == ' ' || f.back() == '\t')) f.pop_back();
    f.erase(0, f.find_first_not_of(" \t") == std::string::npos ? f.size() : f.find_first_not_of(" \t"));
  }
  return out;
}

bool non_negative_number(std::string_view s, bool integer) {
  if (s.empty()) return false;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) return false;
  return !integer || s.find_first_not_of("0123456789") == std::string_view::npos;
}

// "YYYY-MM-DDThh:mm:ssZ" exactly, minutes 00/15/30/45, seconds 00.
std::optional<Instant> interval_start(std::string_view s) {
  if (s.size() != 20 || s[10] != 'T' || s[19] != 'Z' || s[13] != ':' || s[16] != ':') return std::nullopt;
  if (s.substr(17, 2) != "00") return std::nullopt;
  const auto minutes = s.substr(14, 2);
  if (minutes != "00" && minutes != "15" && minutes != "30" && minutes != "45") return std::nullopt;
  return api::parse_instant(s);
}

}  // namespace

CsvCheck check_history_csv(std::string_view csv, const std::vector<std::string>& queue_names, Instant import_ended) {
  CsvCheck out;
  std::vector<std::string> problems;
  auto report = [&](std::string p) {
    if (problems.size() < kMaxReported) problems.push_back(std::move(p));
  };
  if (csv.size() >= 3 && csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);  // UTF-8 BOM
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos < csv.size();) {
    auto nl = csv.find('\n', pos);
    if (nl == std::string_view::npos) nl = csv.size();
    auto line = csv.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) lines.push_back(line);
    pos = nl + 1;
  }
  if (lines.empty()) {
    out.error = "The file is empty.";
    return out;
  }
  const auto header = split_csv_line(lines[0]);
  static constexpr std::array<std::string_view, 5> required = {"Interval Start UTC Date", "Queue", "Media Type",
                                                               "Offered", "Interactions Handled"};
  static constexpr std::string_view kHandle = "Total Handle Time (Seconds)";
  static constexpr std::array<std::string_view, 2> optional = {"Skill Set", "Language"};
  auto column = [&](std::string_view name) -> int {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    return -1;
  };
  for (auto name : required)
    if (column(name) < 0) report(fmt::format("Missing column '{}'.", name));
  if (column(kHandle) < 0) report(fmt::format("Missing column '{}'.", kHandle));
  for (const auto& h : header) {
    const bool known = std::find(required.begin(), required.end(), h) != required.end() || h == kHandle ||
                       std::find(optional.begin(), optional.end(), h) != optional.end();
    if (!known) report(fmt::format("Unknown column '{}'.", h));
  }
  if (!problems.empty()) {
    out.error = fmt::format("{}", fmt::join(problems, " "));
    return out;
  }
  const int c_time = column(required[0]), c_queue = column("Queue"), c_media = column("Media Type"),
            c_offered = column("Offered"), c_handled = column("Interactions Handled"), c_handle = column(kHandle);
  static constexpr std::array<std::string_view, 5> media = {"voice", "chat", "email", "callback", "message"};
  for (std::size_t r = 1; r < lines.size(); ++r) {
    const auto f = split_csv_line(lines[r]);
    const std::size_t row = r + 1;  // 1-based line number, header = 1
    if (f.size() != header.size()) {
      report(fmt::format("Line {}: expected {} fields, found {}.", row, header.size(), f.size()));
      continue;
    }
    ++out.rows;
    auto t = interval_start(f[static_cast<std::size_t>(c_time)]);
    if (!t) report(fmt::format("Line {}: '{}' is not a UTC interval start (YYYY-MM-DDThh:mm:ssZ on :00/:15/:30/:45).",
                               row, f[static_cast<std::size_t>(c_time)]));
    else {
      if (!out.earliest || *t < *out.earliest) out.earliest = *t;
      if (!out.latest || *t > *out.latest) out.latest = *t;
      if (*t > import_ended) report(fmt::format("Line {}: interval {} is after dateImportEnded.", row, f[static_cast<std::size_t>(c_time)]));
    }
    const auto& q = f[static_cast<std::size_t>(c_queue)];
    if (std::find(queue_names.begin(), queue_names.end(), q) == queue_names.end())
      report(fmt::format("Line {}: unknown queue '{}'.", row, q));
    const auto m = api::lower(f[static_cast<std::size_t>(c_media)]);
    if (std::find(media.begin(), media.end(), m) == media.end())
      report(fmt::format("Line {}: unknown media type '{}' (Voice, Chat, Email, Callback, Message).", row,
                         f[static_cast<std::size_t>(c_media)]));
    if (!non_negative_number(f[static_cast<std::size_t>(c_offered)], true))
      report(fmt::format("Line {}: Offered must be a non-negative integer.", row));
    if (!non_negative_number(f[static_cast<std::size_t>(c_handled)], true))
      report(fmt::format("Line {}: Interactions Handled must be a non-negative integer.", row));
    if (!non_negative_number(f[static_cast<std::size_t>(c_handle)], false))
      report(fmt::format("Line {}: {} must be a non-negative number.", row, kHandle));
  }
  if (out.rows == 0) report("The file has a header but no data rows.");
  if (!problems.empty()) out.error = fmt::format("{}", fmt::join(problems, " "));
  return out;
}

}  // namespace mockgc::core::wfm
