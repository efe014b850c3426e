#include "support/scripted_transport.hpp"

#include <string>

namespace mockgc::client::testing {

api::HttpResponse http_status(int status, std::string body, api::Headers headers) {
  api::HttpResponse r;
  r.status = status;
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

api::HttpResponse http_json(int status, std::string json_body) {
  return http_status(status, std::move(json_body), {{"Content-Type", "application/json"}});
}

api::HttpResponse http_429(int retry_after_seconds) {
  return http_status(429,
                     R"({"message":"Rate limit exceeded the maximum","code":"too.many.requests.retry.after","status":429})",
                     {{"Content-Type", "application/json"}, {"Retry-After", std::to_string(retry_after_seconds)}});
}

OrgConfig test_org(std::string name, std::optional<int> requests_per_minute) {
  OrgConfig org;
  org.name = std::move(name);
  org.region = "eu_central_1";
  org.api = *parse_endpoint("https://api.test.example");
  org.login = default_login_endpoint(org.api);
  org.client_id = "cid";
  org.client_secret = "secret";
  org.requests_per_minute = requests_per_minute;
  return org;
}

void ScriptedTransport::script(Reply reply) {
  std::lock_guard lock(mutex_);
  queue_.push_back(std::move(reply));
}

void ScriptedTransport::script_login(Reply reply) {
  std::lock_guard lock(mutex_);
  login_queue_.push_back(std::move(reply));
}

void ScriptedTransport::set_handler(std::function<std::optional<Reply>(const SentRequest&)> handler) {
  std::lock_guard lock(mutex_);
  handler_ = std::move(handler);
}

Result<api::HttpResponse> ScriptedTransport::send(const Endpoint& to, const api::HttpRequest& request,
                                                  const SendOptions& options) {
  SentRequest record{clock_.now(), to, request, options.idempotent};
  std::optional<Reply> reply;
  {
    std::lock_guard lock(mutex_);
    sent_.push_back(record);
    if (record.is_login()) {
      if (!login_queue_.empty()) {
        reply = std::move(login_queue_.front());
        login_queue_.pop_front();
      } else {
        ++tokens_issued_;
        reply = http_json(200, R"({"access_token":"tok-)" + std::to_string(tokens_issued_) +
                                   R"(","token_type":"bearer","expires_in":)" + std::to_string(token_lifetime_s_) + "}");
      }
    }
  }
  if (!reply && handler_) reply = handler_(record);
  if (!reply) {
    std::lock_guard lock(mutex_);
    if (!queue_.empty()) {
      reply = std::move(queue_.front());
      queue_.pop_front();
    } else {
      reply = http_json(200, R"({"ok":true})");
    }
  }
  if (latency_ > Millis::zero()) clock_.sleep_for(latency_);
  return std::move(*reply);
}

std::vector<SentRequest> ScriptedTransport::sent() const {
  std::lock_guard lock(mutex_);
  return sent_;
}

std::vector<SentRequest> ScriptedTransport::api_requests() const {
  std::lock_guard lock(mutex_);
  std::vector<SentRequest> out;
  for (const auto& s : sent_)
    if (!s.is_login()) out.push_back(s);
  return out;
}

std::size_t ScriptedTransport::login_count() const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const auto& s : sent_) n += s.is_login() ? 1 : 0;
  return n;
}

}  // namespace mockgc::client::testing
