#pragma once
// Small request-reading helpers shared by the handlers: JSON bodies, booleans, enum lists, `mine`.
#include <algorithm>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "mockgc/api/text.hpp"
#include "handler_context.hpp"

namespace mockgc::core {

// Walks JSON text without building a DOM: on_string(literal, depth, is_key) for every string literal in
// order (escapes left as they are; depth 1 = inside the outermost container). Returns the deepest nesting.
// Any bytes are safe: malformed text yields meaningless strings, never a fault.
template <class F>
std::size_t for_each_json_string(std::string_view text, F&& on_string) {
  std::size_t depth = 0, deepest = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    } else if (c == '"') {
      std::size_t j = i + 1;
      while (j < text.size() && text[j] != '"') j += text[j] == '\\' ? 2 : 1;
      if (j >= text.size()) break;
      std::size_t k = j + 1;
      while (k < text.size() && (text[k] == ' ' || text[k] == '\n' || text[k] == '\r' || text[k] == '\t')) ++k;
      on_string(text.substr(i + 1, j - i - 1), depth, k < text.size() && text[k] == ':');
      i = j;
    }
  }
  return deepest;
}

// Parses the body as JSON (no-throw). Empty or unparseable -> 400 bad.request; too deeply nested -> 400.
std::optional<ApiError> parse_json_body(const Call& call, json& out);
// "true"/"false" (any case); absent -> fallback; anything else -> 400 bad.request naming the parameter.
std::optional<ApiError> read_bool_param(const Call& call, std::string_view key, bool fallback, bool& out);
// Every value of a list parameter (comma, %2C or repeated) must be in `allowed`, else 400 invalid.value.
std::optional<ApiError> read_enum_list(const Call& call, std::string_view key, std::string_view field_type,
                                       std::span<const std::string_view> allowed, std::set<std::string>& out);
// `mine` names the caller's own BU/MU: impossible with a client-credentials token (400 bad.request).
std::optional<ApiError> reject_mine(std::string_view id, std::string_view what);
std::string trim(std::string_view s);
std::string_view trim_view(std::string_view s);  // the same, without a copy
// Who a write is made by: the OAuth client of the bearer token (every token is client credentials).
Actor writer(const Call& call);
// Standard or URL-safe base64, padding optional (Basic credentials); nullopt for any other character.
std::optional<std::string> base64_decode(std::string_view in);
using api::iequals;  // the one ASCII case folding (mockgc/api/text.hpp)
using api::lower;

}  // namespace mockgc::core
