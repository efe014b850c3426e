#pragma once
// Genesys error outcomes as values: status + code + message, the one catalog of the errors mock-gc answers
// with (handlers, faults, the rate limiter, the network shell). error_body_json renders them as ErrorBody
// JSON with contextId = ININ-Correlation-Id (genesys-api.md §3). Messages follow Genesys' texts where known.
#include <span>
#include <string>
#include <string_view>

namespace mockgc::core {

struct ApiError {
  int status = 400;
  std::string code;
  std::string message;
  std::string field{};  // the request field at fault, if any: ErrorBody details[{errorCode, fieldName}]
  bool operator==(const ApiError&) const = default;
};

// The ErrorBody text of `e` (api::to_json_text: Genesys field order, details:[] — or the field at fault — and
// errors:[]).
std::string error_body_json(const ApiError& e, std::string_view context_id);
// `e` naming `field` (a body path such as "interval" or "paging.pageSize") in its details.
ApiError at_field(ApiError e, std::string field);

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
ApiError header_too_large(std::size_t max_bytes);  // 431
ApiError uri_too_long(std::size_t max_bytes);      // 414: the request line alone does not fit the header limit
ApiError method_not_allowed(std::string_view method);
ApiError internal_error();
// "Rate limit exceeded the maximum. Retry the request in [N] seconds" (the normalised 429, genesys-api.md §4).
ApiError too_many_requests(int retry_after_seconds);
ApiError service_unavailable();  // 503, an outage or maintenance window
ApiError request_timeout();      // 504

}  // namespace mockgc::core
