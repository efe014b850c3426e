#pragma once
// Genesys ErrorBody JSON for the responses faults produce, byte-exact (genesys-api.md §3, §4): fields in
// the order message, code, status, contextId, details, errors. The pipeline passes only the correlation
// id (the same value as the ININ-Correlation-Id header, which finalize sets on every response).
#include <string>
#include <string_view>

#include "mockgc/api/http.hpp"

namespace mockgc::core::faults {

struct RateDecision;
struct EarlyResponse;

inline constexpr std::string_view kServiceUnavailableCode = "service.unavailable";
inline constexpr std::string_view kServiceUnavailableMessage =
    "Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance).";
inline constexpr std::string_view kRequestTimeoutCode = "request.timeout";
inline constexpr std::string_view kRequestTimeoutMessage = "The request timed out.";
inline constexpr std::string_view kBadCredentialsCode = "bad.credentials";
inline constexpr std::string_view kBadCredentialsMessage = "Invalid login credentials.";
inline constexpr std::string_view kTooManyRequestsCode = "too.many.requests.retry.after";

// {"message":…,"code":…,"status":…,"contextId":…,"details":[],"errors":[]}
std::string error_body_json(int status, std::string_view code, std::string_view message, std::string_view context_id);

// "Rate limit exceeded the maximum. Retry the request in [N] seconds", code too.many.requests.retry.after.
std::string rate_limit_body(int retry_after_seconds, std::string_view context_id);
std::string rate_limit_message(int retry_after_seconds);  // the message of that body
std::string service_unavailable_body(std::string_view context_id);  // 503
std::string request_timeout_body(std::string_view context_id);      // 504
std::string bad_credentials_body(std::string_view context_id);      // 401 (e.g. a revoked token)

// inin-ratelimit-allowed/-count/-reset from a decision; call on every rate-limited (authenticated) response.
void set_rate_limit_headers(api::Headers& headers, const RateDecision& decision);

// Complete responses (Content-Type: application/json; no ININ-Correlation-Id, finalize adds it):
// 429 with Retry-After, the inin-ratelimit-* headers and the body above.
api::HttpResponse rate_limited_response(const RateDecision& decision, std::string_view context_id);
// 503/504 from FaultDecision::early.
api::HttpResponse early_fault_response(const EarlyResponse& early, std::string_view context_id);
api::HttpResponse bad_credentials_response(std::string_view context_id);

}  // namespace mockgc::core::faults
