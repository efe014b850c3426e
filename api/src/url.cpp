#include "mockgc/api/url.hpp"

#include <algorithm>

namespace mockgc::api {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space) {
  // Most text has nothing to decode (a plain path segment, a uuid): it is its own decoding.
  if (in.find('%') == std::string_view::npos && (!plus_is_space || in.find('+') == std::string_view::npos))
    return std::string(in);
  std::string out;
  out.reserve(in.size());
  std::size_t literal = 0;  // start of the run of characters copied as they are
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      int hi = hex_value(in[i + 1]);
      int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.append(in.substr(literal, i - literal));
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
      literal = i + 1;
    } else if (c == '+' && plus_is_space) {
      out.append(in.substr(literal, i - literal));
      out.push_back(' ');
      literal = i + 1;
    }
  }
  out.append(in.substr(literal));
  return out;
}

std::string percent_encode(std::string_view in) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size());
  for (unsigned char c : in) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 0xF]);
    }
  }
  return out;
}

QueryParams QueryParams::parse(std::string_view query) {
  QueryParams qp;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (part.empty()) continue;
    auto eq = part.find('=');
    auto key = percent_decode(part.substr(0, eq), true);
    auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : part.substr(eq + 1), true);
    if (!key || !value) {
      qp.valid_ = false;
      continue;
    }
    qp.items_.emplace_back(std::move(*key), std::move(*value));
  }
  return qp;
}

bool QueryParams::has(std::string_view key) const {
  for (const auto& [k, v] : items_)
    if (k == key) return true;
  return false;
}

std::optional<std::string> QueryParams::first(std::string_view key) const {
  for (const auto& [k, v] : items_)
    if (k == key) return v;
  return std::nullopt;
}

std::vector<std::string> QueryParams::list(std::string_view key) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : items_) {
    if (k != key) continue;
    std::string_view rest = v;
    while (true) {
      auto comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      if (!item.empty()) out.emplace_back(item);
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
  }
  return out;
}

Target parse_target(std::string_view target) {
  Target t;
  auto q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  if (q != std::string_view::npos) t.raw_query = std::string(target.substr(q + 1));
  auto path = percent_decode(raw_path, false);
  if (!path) {
    t.valid = false;
    t.path = std::string(raw_path);
  } else {
    t.path = std::move(*path);
  }
  // Segments are split on the *encoded* path so that an encoded '/' (%2F) stays inside its segment.
  t.segments.reserve(static_cast<std::size_t>(std::count(raw_path.begin(), raw_path.end(), '/')) + 1);
  std::string_view rest = raw_path;
  while (!rest.empty()) {
    auto slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    if (!seg.empty()) {
      auto dec = percent_decode(seg, false);
      if (!dec) t.valid = false;
      t.segments.push_back(dec ? std::move(*dec) : std::string(seg));
    }
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  t.query = QueryParams::parse(t.raw_query);
  if (!t.query.valid()) t.valid = false;
  return t;
}

}  // namespace mockgc::api
