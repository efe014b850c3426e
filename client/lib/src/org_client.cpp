#include "mockgc/client/org_client.hpp"

#include <nlohmann/json.hpp>

#include "mockgc/api/url.hpp"
#include "mockgc/client/errc.hpp"

namespace mockgc::client {
namespace {

// A 2xx answer labelled JSON whose body does not parse was damaged on the way (a proxy cut it short, a
// gateway garbled it): retried like a transport error when the request is safe to repeat. When the retries
// are spent the damaged answer is returned and the caller reports it as malformed. `parses`: the caller's
// reading of the body, when it read it (CallOptions::read_answer); else the body is parsed here.
bool damaged_json(const api::HttpResponse& r, std::optional<bool> parses = std::nullopt) {
  if (!r.ok() || r.body.empty()) return false;
  const auto type = r.headers.get("Content-Type");
  if (!type || !api::is_json_media_type(*type)) return false;
  return parses ? !*parses : !nlohmann::json::accept(r.body);
}

RateBudgetConfig rate_config_for(const OrgConfig& org, RateBudgetConfig base) {
  if (org.requests_per_minute) base.limit = *org.requests_per_minute;
  return base;
}

}  // namespace

std::string build_target(std::string_view path, const Query& query) {
  std::string target(path);
  char sep = target.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [key, value] : query) {
    target += sep;
    target += api::percent_encode(key);
    target += '=';
    target += api::percent_encode(value);
    sep = '&';
  }
  return target;
}

OrgClient::OrgClient(OrgConfig org, Transport& transport, api::WaitableClock& clock, OrgClientOptions options)
    : org_(std::move(org)),
      transport_(transport),
      clock_(clock),
      options_(std::move(options)),
      tokens_(options_.token_refresh_margin),
      budget_(rate_config_for(org_, options_.rate)) {}

OrgClientStats OrgClient::stats() const {
  std::lock_guard lock(stats_mutex_);
  return stats_;
}

int OrgClient::current_rate_limit() const {
  std::lock_guard lock(budget_mutex_);
  return budget_.limit();
}

void OrgClient::bump(std::uint64_t OrgClientStats::*field) {
  std::lock_guard lock(stats_mutex_);
  ++(stats_.*field);
}

Result<api::HttpResponse> OrgClient::call(std::string_view method, std::string_view path, const Query& query,
                                          std::string body, CallOptions options) {
  return call_target(method, build_target(path, query), std::move(body), options);
}

Result<api::HttpResponse> OrgClient::call_target(std::string_view method, std::string target, std::string body,
                                                 CallOptions options) {
  api::HttpRequest req;
  req.method = std::string(method);
  req.target = std::move(target);
  req.headers.set("Accept", "application/json");
  req.headers.set("User-Agent", options_.user_agent);
  if (!body.empty()) req.headers.set("Content-Type", "application/json");
  req.body = std::move(body);
  const bool idempotent = options.idempotent.value_or(is_idempotent_method(method));
  return execute(Target{&org_.api, true, true}, std::move(req), idempotent, options);
}

Result<api::HttpResponse> OrgClient::fetch_url(std::string_view absolute_url) {
  auto url = parse_absolute_url(absolute_url);
  if (!url) return url.error();
  url->endpoint.ca_file = org_.api.ca_file;
  api::HttpRequest req;
  req.method = "GET";
  req.target = std::move(url->target);
  req.headers.set("Accept", "application/json");
  req.headers.set("User-Agent", options_.user_agent);
  return execute(Target{&url->endpoint, false, false}, std::move(req), true);
}

Result<api::HttpResponse> OrgClient::put_url(std::string_view absolute_url, std::string body,
                                             const std::vector<std::pair<std::string, std::string>>& headers) {
  auto url = parse_absolute_url(absolute_url);
  if (!url) return url.error();
  url->endpoint.ca_file = org_.api.ca_file;
  api::HttpRequest req;
  req.method = "PUT";
  req.target = std::move(url->target);
  req.headers.set("User-Agent", options_.user_agent);
  for (const auto& [name, value] : headers) req.headers.set(name, value);
  req.body = std::move(body);
  return execute(Target{&url->endpoint, false, false}, std::move(req), true);
}

void OrgClient::wait_for_budget() {
  for (;;) {
    Instant next;
    {
      std::lock_guard lock(budget_mutex_);
      const Instant now = clock_.now();
      next = budget_.next_send_time(now);
      if (next <= now) {
        budget_.record_send(now);
        return;
      }
    }
    clock_.sleep_until(next);  // re-checked: another caller may have taken the slot, or a 429 arrived
  }
}

Result<api::HttpResponse> OrgClient::send_observed(const Endpoint& to, const api::HttpRequest& request,
                                                  bool idempotent, bool login, int attempt) {
  const Instant sent = clock_.now();
  auto result = transport_.send(to, request, SendOptions{idempotent});
  if (options_.observer) {
    ExchangeEvent e;
    e.org = org_.name;
    e.method = request.method;
    e.target = request.target;
    e.login = login;
    e.attempt = attempt;
    e.sent_at = sent;
    e.answered_at = clock_.now();
    if (result)
      e.status = result->status;
    else
      e.error = result.error();
    options_.observer(e);
  }
  return result;
}

Result<AccessToken> OrgClient::login() {
  const auto request = make_token_request(Credentials{org_.client_id, org_.client_secret});
  RetryState retry(options_.retry, clock_.now(), call_counter_.fetch_add(1));
  for (;;) {
    bump(&OrgClientStats::logins);
    // A token grant has no side effects worth protecting, so it is retried like an idempotent request.
    auto result = send_observed(org_.login, request, true, true, retry.retries());
    std::optional<Millis> hint;
    if (result) {
      const int status = result->status;
      if (status != 429 && status != 502 && status != 503 && status != 504 && !damaged_json(*result))
        return parse_token_response(*result, clock_.now());
      if (status == 429) hint = parse_retry_after(*result).value_or(options_.rate.default_retry_after);
    } else if (classify_error(result.error(), true) == RetryKind::none) {
      return result.error();
    }
    const auto delay = retry.next_delay(clock_.now(), hint);
    if (!delay) return result ? std::error_code(errc::login_unavailable) : std::error_code(errc::retry_budget_exhausted);
    clock_.sleep_for(*delay);
  }
}

Result<std::string> OrgClient::bearer_token() {
  std::lock_guard lock(auth_mutex_);
  if (auto token = tokens_.usable(clock_.now())) return *token;
  auto fresh = login();
  if (!fresh) return fresh.error();
  std::string value = fresh->value;
  tokens_.store(std::move(*fresh));
  return value;
}

Result<api::HttpResponse> OrgClient::execute(const Target& where, api::HttpRequest request, bool idempotent,
                                             const CallOptions& options) {
  RetryState retry(options_.retry, clock_.now(), call_counter_.fetch_add(1));
  bool relogged = false;
  for (int attempt = 0;; ++attempt) {
    std::string token;
    if (where.authenticated) {
      auto t = bearer_token();
      if (!t) return t.error();
      token = std::move(*t);
      request.headers.set("Authorization", "Bearer " + token);
    }
    if (where.budgeted) {
      wait_for_budget();
      bump(&OrgClientStats::api_requests);
    }
    auto result = send_observed(*where.endpoint, request, idempotent, false, attempt);

    if (!result) {
      const auto ec = result.error();
      if (classify_error(ec, idempotent) == RetryKind::none) {
        if (!idempotent && may_have_reached_server(ec) && ec != errc::body_too_large) {
          bump(&OrgClientStats::outcome_unknown);
          return errc::outcome_unknown;
        }
        return ec;
      }
      const auto delay = retry.next_delay(clock_.now());
      if (!delay) return errc::retry_budget_exhausted;
      bump(&OrgClientStats::retries);
      clock_.sleep_for(*delay);
      continue;
    }

    const Instant received = clock_.now();
    if (where.budgeted) {
      std::lock_guard lock(budget_mutex_);
      budget_.observe(*result, received);
    }
    if (result->status == 401 && where.authenticated && !relogged) {
      // Exactly once per request: a second 401 is the answer (wrong permissions, revoked client …).
      relogged = true;
      bump(&OrgClientStats::relogins_on_401);
      std::lock_guard lock(auth_mutex_);
      tokens_.invalidate(token);
      continue;
    }
    std::optional<bool> parses;
    if (result->ok() && options.read_answer) parses = options.read_answer(*result);
    const auto kind = idempotent && damaged_json(*result, parses) ? RetryKind::backoff
                                                                  : classify_status(result->status, idempotent);
    if (kind == RetryKind::none) return result;
    std::optional<Millis> hint;
    if (kind == RetryKind::retry_after) {
      if (where.budgeted) {
        std::lock_guard lock(budget_mutex_);
        hint = budget_.blocked_until().value_or(received) - received;
      } else {
        hint = parse_retry_after(*result).value_or(options_.rate.default_retry_after);
      }
      if (*hint < Millis::zero()) hint = Millis::zero();
    }
    const auto delay = retry.next_delay(received, hint);
    if (!delay) return result;  // budget spent: the last HTTP outcome is the answer
    bump(&OrgClientStats::retries);
    // A budgeted 429 needs no sleep here: wait_for_budget() holds every request to this org (not only
    // this one) until Retry-After has elapsed, to the millisecond.
    if (kind == RetryKind::backoff || !where.budgeted) clock_.sleep_until(received + *delay);
  }
}

}  // namespace mockgc::client
