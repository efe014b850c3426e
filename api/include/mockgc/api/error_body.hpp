#pragma once
// Genesys' ErrorBody (genesys-api.md §3): the JSON every non-OAuth error carries, and the one place that
// renders and reads it. mock-gc always emits message, code, status, contextId, details:[] and errors:[], in
// that order (Genesys' order, byte for byte the normalised 429 of §4); reading tolerates any field being absent.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mockgc/api/http.hpp"

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

// {"message":…,"code":…,"status":…,"contextId":…,"details":[…],"errors":[]}; invalid UTF-8 is replaced, never thrown.
std::string to_json_text(const ErrorBody& body);
// nullopt when `text` is not a JSON object; missing fields stay empty. The login service's shape
// ({"error","description"}, below) fills `code` and `message` when the ErrorBody fields are absent.
std::optional<ErrorBody> parse_error_body(std::string_view text);
// What a client learns from an error answer: the body as above (empty when it is not JSON), `status` the
// HTTP status, `context_id` the ININ-Correlation-Id header when the body has none.
ErrorBody error_body_of(const HttpResponse& response);

// The OAuth login service's error shape: {"error","description","error_description"} (genesys-api.md §2).
struct OAuthError {
  std::string error;        // invalid_client, invalid_request, unsupported_grant_type
  std::string description;
};
std::string to_json_text(const OAuthError& e);

}  // namespace mockgc::api
