#include "mockgc/core/faults/error_bodies.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mockgc/core/faults/fault_plan.hpp"
#include "mockgc/core/faults/rate_limiter.hpp"

namespace mockgc::core::faults {

std::string error_body_json(int status, std::string_view code, std::string_view message, std::string_view context_id) {
  // ordered_json keeps Genesys' field order; replace policy keeps arbitrary ids from throwing.
  nlohmann::ordered_json j;
  j["message"] = message;
  j["code"] = code;
  j["status"] = status;
  j["contextId"] = context_id;
  j["details"] = nlohmann::ordered_json::array();
  j["errors"] = nlohmann::ordered_json::array();
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string rate_limit_message(int retry_after_seconds) {
  return fmt::format("Rate limit exceeded the maximum. Retry the request in [{}] seconds", retry_after_seconds);
}

std::string rate_limit_body(int retry_after_seconds, std::string_view context_id) {
  return error_body_json(429, kTooManyRequestsCode, rate_limit_message(retry_after_seconds), context_id);
}

std::string service_unavailable_body(std::string_view context_id) {
  return error_body_json(503, kServiceUnavailableCode, kServiceUnavailableMessage, context_id);
}

std::string request_timeout_body(std::string_view context_id) {
  return error_body_json(504, kRequestTimeoutCode, kRequestTimeoutMessage, context_id);
}

std::string bad_credentials_body(std::string_view context_id) {
  return error_body_json(401, kBadCredentialsCode, kBadCredentialsMessage, context_id);
}

void set_rate_limit_headers(api::Headers& headers, const RateDecision& d) {
  headers.set("inin-ratelimit-count", std::to_string(d.count));
  headers.set("inin-ratelimit-allowed", std::to_string(d.limit));
  headers.set("inin-ratelimit-reset", std::to_string(d.reset_seconds));
}

namespace {
api::HttpResponse json_response(int status, std::string body) {
  api::HttpResponse r;
  r.status = status;
  r.headers.set("Content-Type", "application/json");
  r.body = std::move(body);
  return r;
}
}  // namespace

api::HttpResponse rate_limited_response(const RateDecision& d, std::string_view context_id) {
  auto r = json_response(429, rate_limit_body(d.retry_after_seconds, context_id));
  r.headers.set("Retry-After", std::to_string(d.retry_after_seconds));
  set_rate_limit_headers(r.headers, d);
  return r;
}

api::HttpResponse early_fault_response(const EarlyResponse& early, std::string_view context_id) {
  return json_response(early.status, error_body_json(early.status, early.code, early.message, context_id));
}

api::HttpResponse bad_credentials_response(std::string_view context_id) {
  return json_response(401, bad_credentials_body(context_id));
}

}  // namespace mockgc::core::faults
