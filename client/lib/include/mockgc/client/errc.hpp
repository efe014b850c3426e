#pragma once
// Client-side failures as std::error_code (the pattern of Beast's http/error.hpp). These are things that
// went wrong *around* an HTTP exchange; an HTTP status (404, 429, 503 …) is never an errc, it is a value.
#include <string>
#include <system_error>

namespace mockgc::client {

enum class errc {
  // The request certainly did not reach the server: safe to retry any method.
  bad_url = 1,            // base URL / downloadUrl could not be parsed
  resolve_failed,         // DNS
  connect_failed,         // TCP connect refused, unreachable or timed out
  tls_failed,             // TLS handshake or certificate verification failed
  // The request may have reached the server (failure after the first byte was written).
  timeout,                // write or read did not finish within the configured time
  connection_reset,       // peer closed or reset before a complete response arrived
  protocol_error,         // the peer spoke something that is not HTTP/1.1
  malformed_response,     // an HTTP response that cannot be used (bad framing, unparsable JSON body)
  body_too_large,         // response body above the configured limit
  // Outcomes of the politeness layer.
  outcome_unknown,            // a non-idempotent request may or may not have been applied: re-read first
  retry_budget_exhausted,     // transport errors kept happening until the retry budget ran out
  auth_failed,                // the OAuth token endpoint refused the credentials or answered nonsense
  unexpected_status,          // a JSON/paging helper got a non-2xx answer (use call() to see it)
  // The token endpoint kept answering 429/502/503/504 until the retry budget ran out: the org is
  // unavailable (an outage), which is not the same as refused credentials (auth_failed).
  login_unavailable,
  // The Notifications API answered a subscription without permitting any of its topics (each topic's
  // rejectionReason says why): a protocol outcome, not a transport failure.
  subscription_rejected,
};

const std::error_category& client_category() noexcept;
std::error_code make_error_code(errc e) noexcept;

// True for errors after which the server may have seen (and applied) the request.
bool may_have_reached_server(std::error_code ec) noexcept;

}  // namespace mockgc::client

template <>
struct std::is_error_code_enum<mockgc::client::errc> : std::true_type {};
