#include "call_helpers.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace mockgc::core {

Actor writer(const Call& call) { return Actor::client(call.token ? call.token->client_id : ""); }

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string trim(std::string_view s) { return std::string(trim_view(s)); }

std::optional<ApiError> parse_json_body(const Call& call, json& out) {
  const std::string& body = call.request.body;
  if (trim(body).empty()) return bad_request("A request body is required.");
  // Nesting is bounded before nlohmann sees the body, so pathological bodies are refused cheaply.
  const std::size_t depth = for_each_json_string(body, [](std::string_view, std::size_t, bool) {});
  if (depth > 64) return bad_request("The request body is nested too deeply.");
  out = json::parse(body, nullptr, false);
  if (out.is_discarded()) return bad_request("The request body could not be parsed as JSON.");
  return std::nullopt;
}

std::optional<ApiError> read_bool_param(const Call& call, std::string_view key, bool fallback, bool& out) {
  out = fallback;
  auto v = call.target.query.first(key);
  if (!v) return std::nullopt;
  if (iequals(*v, "true")) out = true;
  else if (iequals(*v, "false")) out = false;
  else return bad_request(fmt::format("The value [{}] of query parameter {} is not a valid boolean.", *v, key));
  return std::nullopt;
}

std::optional<ApiError> read_enum_list(const Call& call, std::string_view key, std::string_view field_type,
                                       std::span<const std::string_view> allowed, std::set<std::string>& out) {
  for (const auto& v : call.target.query.list(key)) {
    if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) return invalid_value(v, field_type, allowed);
    out.insert(v);
  }
  return std::nullopt;
}

std::optional<ApiError> reject_mine(std::string_view id, std::string_view what) {
  if (id != "mine") return std::nullopt;
  return bad_request(fmt::format(
      "'mine' refers to the {} of the logged-in user and requires a user token; a client-credentials token has no "
      "user.",
      what));
}

std::optional<std::string> base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    const int v = value(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace mockgc::core
