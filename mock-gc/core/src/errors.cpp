#include "mockgc/core/errors.hpp"

#include <fmt/format.h>

#include "mockgc/api/error_body.hpp"
#include "mockgc/api/time.hpp"

namespace mockgc::core {

std::string error_body_json(const ApiError& e, std::string_view context_id) {
  std::vector<api::ErrorDetail> details;
  if (!e.field.empty()) details.push_back({.error_code = e.code, .field_name = e.field, .entity_id = {}, .entity_name = {}});
  return api::to_json_text(api::ErrorBody{e.message, e.code, e.status, std::string(context_id), std::move(details)});
}

ApiError at_field(ApiError e, std::string field) {
  e.field = std::move(field);
  return e;
}

ApiError bad_request(std::string message) { return {400, "bad.request", std::move(message)}; }
ApiError not_found(std::string message) { return {404, "not.found", std::move(message)}; }
ApiError conflict(std::string message) { return {409, "conflict", std::move(message)}; }

ApiError invalid_value(std::string_view value, std::string_view field_type, std::span<const std::string_view> allowed) {
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  return {400, "invalid.value",
          fmt::format("Value [{}] is not valid for field type [{}]. Allowable values are: {}", value, field_type, list)};
}

ApiError invalid_date() { return {400, "invalid.date", std::string(api::kInvalidDateMessage)}; }

ApiError authentication_required() {
  return {401, "authentication.required", "No authentication bearer token specified in authorization header."};
}
ApiError bad_credentials() { return {401, "bad.credentials", "Invalid login credentials."}; }

ApiError unsupported_media_type(std::string_view content_type) {
  return {415, "unsupported.media.type",
          fmt::format("Unsupported Media Type - Unsupported or incorrect media type [{}]; expected application/json.",
                      content_type)};
}

ApiError payload_too_large(std::size_t max_bytes) {
  return {413, "request.entity.too.large", fmt::format("The request is over the size limit. Maximum bytes: {}", max_bytes)};
}

ApiError header_too_large(std::size_t max_bytes) {
  return {431, "request.header.too.large",
          fmt::format("The request header is over the size limit. Maximum bytes: {}", max_bytes)};
}

ApiError uri_too_long(std::size_t max_bytes) {
  return {414, "request.uri.too.long",
          fmt::format("The request URI is over the size limit. Maximum bytes: {}", max_bytes)};
}

ApiError method_not_allowed(std::string_view method) {
  return {405, "method.not.allowed", fmt::format("HTTP method {} is not supported by this resource.", method)};
}

ApiError internal_error() {
  return {500, "internal.server.error",
          "The server encountered an unexpected condition which prevented it from fulfilling the request."};
}

ApiError too_many_requests(int retry_after_seconds) {
  return {429, "too.many.requests.retry.after",
          fmt::format("Rate limit exceeded the maximum. Retry the request in [{}] seconds", retry_after_seconds)};
}

ApiError service_unavailable() {
  return {503, "service.unavailable",
          "Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance)."};
}

ApiError request_timeout() { return {504, "request.timeout", "The request timed out."}; }

}  // namespace mockgc::core
