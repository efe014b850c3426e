#include "json_text.hpp"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

namespace mockgc::core::wfm::text {

using json = nlohmann::json;

// Plain ASCII directly, anything else through nlohmann itself.
void append_string(std::string& out, std::string_view s) {
  const bool plain = std::all_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f && c != '"' && c != '\\';
  });
  if (!plain) {
    out += json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace);
    return;
  }
  out += '"';
  out.append(s);
  out += '"';
}

void append_uint(std::string& out, std::uint64_t v) {
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

void append_double(std::string& out, double v) { out += json(v).dump(); }

// Keys in nlohmann's sorted order.
void append_stats(std::string& out, Metric m, const MetricCell& c) {
  switch (m) {
    case Metric::nOffered:
    case Metric::nTransferred:
    case Metric::nConnected:
    case Metric::nOverSla:
      out += "{\"count\":";
      append_uint(out, c.time.count);
      out += '}';
      return;
    case Metric::oServiceLevel:
      out += "{\"denominator\":";
      append_uint(out, c.denominator);
      out += ",\"numerator\":";
      append_uint(out, c.numerator);
      out += ",\"ratio\":";
      append_double(out, static_cast<double>(c.numerator) / static_cast<double>(c.denominator));
      if (c.target_lo == c.target_hi) {
        out += ",\"target\":";
        append_double(out, c.target_lo);
      }
      out += '}';
      return;
    case Metric::oServiceTarget:
      out += "{\"current\":";
      append_double(out, c.target_lo);
      out += '}';
      return;
    default:
      out += "{\"count\":";
      append_uint(out, c.time.count);
      out += ",\"max\":";
      append_uint(out, c.time.max_ms);
      out += ",\"min\":";
      append_uint(out, c.time.min_ms);
      out += ",\"sum\":";
      append_uint(out, c.time.sum_ms);
      out += '}';
  }
}

void AggregateRows::group(const AggregateGroup& g) {
  // AggregateText writes the response: "{\"results\":[" before the first group, "," before the others.
  text_.group(g);
  if (buffer_.empty()) return;  // no data: left out
  const std::size_t prefix = rows_.empty() ? std::string_view("{\"results\":[").size() : 1;
  rows_.emplace_back(buffer_, prefix);
  buffer_.clear();
}

namespace {
void append_rows(std::string& out, std::span<const std::string> rows) {
  std::size_t size = out.size() + rows.size() + 16;
  for (const auto& r : rows) size += r.size();
  out.reserve(size);
  out += '[';
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i) out += ',';
    out += rows[i];
  }
  out += ']';
}
}  // namespace

std::string results_body(std::span<const std::string> rows) {
  if (rows.empty()) return "{}";
  std::string out = "{\"results\":";
  append_rows(out, rows);
  out += '}';
  return out;
}

std::string results_page(std::span<const std::string> rows, std::string_view cursor) {
  std::string out = "{";
  if (!cursor.empty()) {
    out += "\"cursor\":";
    append_string(out, cursor);
    out += ',';
  }
  out += "\"results\":";
  append_rows(out, rows);
  out += '}';
  return out;
}

}  // namespace mockgc::core::wfm::text
