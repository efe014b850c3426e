#pragma once
// OAuth client-credentials login for one org (genesys-api.md §2): POST {login}/oauth/token with
// `Authorization: Basic base64(id:secret)` and the form body `grant_type=client_credentials`.
// The token is cached and replaced when it is within `refresh_margin` of its expiry (by the injected
// Clock) or when the caller reports a 401 for it. Not thread-safe: OrgClient locks around it.
#include <optional>
#include <string>

#include "mockgc/api/http.hpp"
#include "mockgc/client/clock.hpp"
#include "mockgc/client/endpoint.hpp"
#include "mockgc/client/result.hpp"

namespace mockgc::client {

struct Credentials {
  std::string client_id;
  std::string client_secret;
};

struct AccessToken {
  std::string value;      // the bearer token
  Instant received_at;
  Instant expires_at;     // received_at + expires_in
};

std::string base64_encode(std::string_view in);

// The token request, exactly as the SDKs send it.
api::HttpRequest make_token_request(const Credentials& credentials);
// Parses a token response received at `now`. errc::auth_failed for a non-2xx status or missing
// access_token/expires_in (an OAuth error body is {"error": …, "description": …}, not ErrorBody).
Result<AccessToken> parse_token_response(const api::HttpResponse& response, Instant now);

class TokenCache {
 public:
  explicit TokenCache(Millis refresh_margin = Millis(60'000)) : margin_(refresh_margin) {}
  // The cached token if it is still good at `now`: not within the margin of expiry (the margin shrinks
  // to half the lifetime for short-lived tokens, so a 5-minute token is not refreshed on every call).
  std::optional<std::string> usable(Instant now) const;
  void store(AccessToken token) { token_ = std::move(token); }
  // Drops the token if it is still `rejected` (a 401 came back for it); a newer token is kept.
  void invalidate(const std::string& rejected);

 private:
  Millis margin_;
  std::optional<AccessToken> token_;
};

}  // namespace mockgc::client
