#pragma once
// Genesys error outcomes as values: status + code + message. The service renders them as ErrorBody JSON
// with contextId = ININ-Correlation-Id (genesys-api.md §3). Messages follow Genesys' texts where known.
#include <span>
#include <string>
#include <string_view>

namespace mockgc::core {

struct ApiError {
  int status = 400;
  std::string code;
  std::string message;
};

ApiError bad_request(std::string message);
ApiError not_found(std::string message = "The requested resource was not found.");
ApiError conflict(std::string message);
// "Value [%s] is not valid for field type [%s]. Allowable values are: %s"
ApiError invalid_value(std::string_view value, std::string_view field_type, std::span<const std::string_view> allowed);
// "Dates must be specified as ISO-8601 strings. For example: yyyy-MM-ddTHH:mm:ss.SSSZ"
ApiError invalid_date();
ApiError authentication_required();
ApiError bad_credentials();
ApiError unsupported_media_type(std::string_view content_type);
ApiError payload_too_large(std::size_t max_bytes);
ApiError method_not_allowed(std::string_view method);
ApiError internal_error();

}  // namespace mockgc::core
