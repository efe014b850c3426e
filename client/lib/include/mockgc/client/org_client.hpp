#pragma once
// One org's polite API client: OAuth, the org's rate budget, Retry-After, backoff, 401 re-login and the
// no-blind-retry rule for non-idempotent writes, over any Transport and Clock.
//
// Outcome model: Result<HttpResponse> holds ANY HTTP status as a value (after retries, the last one);
// an error is one of client::errc (or a transport's error) — notably errc::outcome_unknown when a
// non-idempotent request may have been applied (re-read, then decide: see create_if_missing.hpp).
#include <atomic>
#include <functional>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mockgc/api/http.hpp"
#include "mockgc/client/auth.hpp"
#include "mockgc/client/clock.hpp"
#include "mockgc/client/orgs.hpp"
#include "mockgc/client/rate_budget.hpp"
#include "mockgc/client/result.hpp"
#include "mockgc/client/retry_policy.hpp"
#include "mockgc/client/transport.hpp"

namespace mockgc::client {

using Query = std::vector<std::pair<std::string, std::string>>;

// One exchange as the client saw it: for logs, conformance reports and tests on a real server.
struct ExchangeEvent {
  std::string_view org;
  std::string_view method;
  std::string_view target;
  bool login = false;           // the OAuth token request
  int attempt = 0;              // 0 = first try of this call
  Instant sent_at;
  Instant answered_at;
  int status = 0;               // 0 when `error` is set
  std::error_code error;        // a transport error
};

struct OrgClientOptions {
  RateBudgetConfig rate;          // rate.limit is replaced by the org's requests_per_minute when set
  RetryConfig retry;
  Millis token_refresh_margin{60'000};
  std::string user_agent = "mockgc-client/0.1";
  // Called after every exchange (API, login, download), on the calling thread. Must not call back in.
  std::function<void(const ExchangeEvent&)> observer;
};

struct CallOptions {
  // Safe to apply twice? Default by method (GET/PUT/DELETE yes, POST/PATCH no). Mark a PATCH that sets
  // absolute values as idempotent to let it be retried after transport errors.
  std::optional<bool> idempotent{};
  // Reads every 2xx answer of the call as it arrives (so the last answer it read is the one returned, when
  // that is a 2xx) and tells whether its body parses. For a JSON answer its word stands in for the client's
  // own parse check (a body that does not parse was damaged on the way: retried when the call is
  // idempotent), so a caller that reads a large body anyway, e.g. by SAX, lexes it once. Must not call back in.
  std::function<bool(const api::HttpResponse&)> read_answer{};
};

struct OrgClientStats {
  std::uint64_t api_requests = 0;    // requests handed to the transport for the API (budgeted)
  std::uint64_t logins = 0;          // token requests sent
  std::uint64_t retries = 0;         // API and download retries (backoff or Retry-After)
  std::uint64_t relogins_on_401 = 0;
  std::uint64_t outcome_unknown = 0;
};

// "/api/v2/x" + {{"a","1"},{"ids","u1,u2"}} → "/api/v2/x?a=1&ids=u1%2Cu2" (values percent-encoded).
std::string build_target(std::string_view path, const Query& query);

class OrgClient {
 public:
  OrgClient(OrgConfig org, Transport& transport, api::WaitableClock& clock, OrgClientOptions options = {});
  OrgClient(const OrgClient&) = delete;
  OrgClient& operator=(const OrgClient&) = delete;

  // `path` is already percent-encoded where needed (encode path parameters with api::percent_encode).
  // A non-empty body is sent as application/json.
  Result<api::HttpResponse> call(std::string_view method, std::string_view path, const Query& query = {},
                                 std::string body = {}, CallOptions options = {});
  // Same, with a ready origin-form target ("/api/v2/…?pageNumber=2", e.g. a listing's nextUri).
  Result<api::HttpResponse> call_target(std::string_view method, std::string target, std::string body = {},
                                        CallOptions options = {});
  // GET an absolute URL outside the API (a WFM downloadUrl, genesys-api.md §5): no Authorization header
  // and not counted against the org's API budget (it looks like pre-signed storage); retried like any GET.
  Result<api::HttpResponse> fetch_url(std::string_view absolute_url);
  // PUT `body` to a pre-signed absolute URL (a WFM upload url, genesys-api.md §6f) with the headers the
  // upload-url answer named: no Authorization header, not budgeted; PUT is idempotent, so retried like a GET.
  Result<api::HttpResponse> put_url(std::string_view absolute_url, std::string body,
                                    const std::vector<std::pair<std::string, std::string>>& headers);

  // Signs in now, or keeps the cached token: for a caller that needs an answer from the server before its
  // first call (e.g. its Date, server_time.hpp). Calls sign in by themselves.
  Result<std::string> sign_in() { return bearer_token(); }

  const OrgConfig& org() const { return org_; }
  api::WaitableClock& clock() { return clock_; }
  OrgClientStats stats() const;
  int current_rate_limit() const;

 private:
  struct Target {
    const Endpoint* endpoint;
    bool authenticated;
    bool budgeted;
  };
  Result<api::HttpResponse> execute(const Target& where, api::HttpRequest request, bool idempotent,
                                    const CallOptions& options = {});
  Result<std::string> bearer_token();
  Result<AccessToken> login();
  void wait_for_budget();
  Result<api::HttpResponse> send_observed(const Endpoint& to, const api::HttpRequest& request, bool idempotent,
                                          bool login, int attempt);
  void bump(std::uint64_t OrgClientStats::*field);

  OrgConfig org_;
  Transport& transport_;
  api::WaitableClock& clock_;
  OrgClientOptions options_;

  std::mutex auth_mutex_;    // one login at a time
  TokenCache tokens_;
  mutable std::mutex budget_mutex_;
  RateBudget budget_;
  mutable std::mutex stats_mutex_;
  OrgClientStats stats_;
  std::atomic<std::uint64_t> call_counter_{0};
};

}  // namespace mockgc::client
