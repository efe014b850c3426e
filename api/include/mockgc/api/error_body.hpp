#pragma once
// Genesys' ErrorBody (genesys-api.md §3): the JSON every non-OAuth error carries. mock-gc always emits
// message, code, status, contextId, details:[] and errors:[]; parsing tolerates any field being absent.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mockgc::api {

struct ErrorDetail {
  std::string error_code;
  std::string field_name;
  std::string entity_id;
  std::string entity_name;
  bool operator==(const ErrorDetail&) const = default;
};

struct ErrorBody {
  std::string message;
  std::string code;
  int status = 0;
  std::string context_id;
  std::vector<ErrorDetail> details;
  bool operator==(const ErrorBody&) const = default;
};

// Serialises with the Genesys field names (contextId, details, errors).
std::string to_json_text(const ErrorBody& body);
// nullopt when `text` is not a JSON object; missing fields stay empty.
std::optional<ErrorBody> parse_error_body(std::string_view text);

// The OAuth login service's error shape: {"error","description","error_description"} (genesys-api.md §2).
struct OAuthError {
  std::string error;        // invalid_client, invalid_request, unsupported_grant_type
  std::string description;
};
std::string to_json_text(const OAuthError& e);

}  // namespace mockgc::api
