#pragma once
// Small request-reading helpers shared by the handlers: JSON bodies, booleans, enum lists, `mine`.
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "mockgc/api/text.hpp"
#include "service_impl.hpp"

namespace mockgc::core {

// Parses the body as JSON (no-throw). Empty or unparseable -> 400 bad.request; too deeply nested -> 400.
std::optional<ApiError> parse_json_body(const Call& call, json& out);
// "true"/"false" (any case); absent -> fallback; anything else -> 400 bad.request naming the parameter.
std::optional<ApiError> read_bool_param(const Call& call, std::string_view key, bool fallback, bool& out);
// Every value of a list parameter (comma, %2C or repeated) must be in `allowed`, else 400 invalid.value.
std::optional<ApiError> read_enum_list(const Call& call, std::string_view key, std::string_view field_type,
                                       std::span<const std::string_view> allowed, std::set<std::string>& out);
// `mine` names the caller's own BU/MU: impossible with a client-credentials token (400 bad.request).
std::optional<ApiError> reject_mine(std::string_view id, std::string_view what);
bool is_json_media_type(std::string_view content_type);
std::string trim(std::string_view s);
using api::iequals;  // the one ASCII case folding (mockgc/api/text.hpp)
using api::lower;

}  // namespace mockgc::core
