#pragma once
// A Transport that plays a script, for tests and properties: answers OAuth logins itself (fresh tokens),
// replies to API requests from a queue (or a handler), and records what was sent and when (by the Clock).
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "mockgc/client/clock.hpp"
#include "mockgc/client/orgs.hpp"
#include "mockgc/client/transport.hpp"

namespace mockgc::client::testing {

using Reply = Result<api::HttpResponse>;

struct SentRequest {
  Instant at;
  Endpoint to;
  api::HttpRequest request;
  bool idempotent = true;
  bool is_login() const { return request.target == "/oauth/token"; }
};

api::HttpResponse http_status(int status, std::string body = {}, api::Headers headers = {});
api::HttpResponse http_json(int status, std::string json_body);
api::HttpResponse http_429(int retry_after_seconds);

// An org on a fake host: api.test.example / login.test.example (https), client id "cid", secret "secret".
OrgConfig test_org(std::string name = "EMEA", std::optional<int> requests_per_minute = std::nullopt);

class ScriptedTransport final : public Transport {
 public:
  explicit ScriptedTransport(api::WaitableClock& clock) : clock_(clock) {}

  // Queued replies for non-login requests, in order. When the queue is empty: 200 {"ok":true}.
  void script(Reply reply);
  // Consulted first for non-login requests; nullopt falls through to the queue.
  void set_handler(std::function<std::optional<Reply>(const SentRequest&)> handler);
  // Login replies: by default 200 with token "tok-<n>" and this lifetime.
  void set_token_lifetime_seconds(int seconds) { token_lifetime_s_ = seconds; }
  void script_login(Reply reply);
  // Simulated time each exchange takes (advances the clock after the request is recorded).
  void set_latency(Millis latency) { latency_ = latency; }

  Result<api::HttpResponse> send(const Endpoint& to, const api::HttpRequest& request,
                                 const SendOptions& options) override;

  std::vector<SentRequest> sent() const;
  std::vector<SentRequest> api_requests() const;  // without logins
  std::size_t login_count() const;

 private:
  api::WaitableClock& clock_;
  mutable std::mutex mutex_;
  std::deque<Reply> queue_;
  std::deque<Reply> login_queue_;
  std::function<std::optional<Reply>(const SentRequest&)> handler_;
  std::vector<SentRequest> sent_;
  int token_lifetime_s_ = 86399;
  int tokens_issued_ = 0;
  Millis latency_{0};
};

}  // namespace mockgc::client::testing
