#include "mockgc/client/rate_budget.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>

namespace mockgc::client {
namespace {

std::optional<long long> header_int(const api::HttpResponse& r, std::string_view name) {
  auto v = r.headers.get(name);
  if (!v) return std::nullopt;
  std::string_view s = *v;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  long long out = 0;
  const auto [p, e] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (e != std::errc{} || p != s.data() + s.size() || out < 0) return std::nullopt;
  return out;
}

}  // namespace

std::optional<Millis> parse_retry_after(const api::HttpResponse& response) {
  auto seconds = header_int(response, "Retry-After");
  if (!seconds) return std::nullopt;
  return Millis(std::min<long long>(*seconds, 24 * 3600) * 1000);
}

RateBudget::RateBudget(RateBudgetConfig config)
    : config_(config), limit_(std::max(1, config.limit)), window_(config.window) {}

Instant RateBudget::next_send_time(Instant now) const {
  Instant t = now;
  if (blocked_until_) t = std::max(t, *blocked_until_);
  // The limit_-th most recent send must have left the window.
  if (static_cast<int>(sent_.size()) >= limit_) t = std::max(t, sent_[sent_.size() - limit_] + window_);
  if (server_window_end_ && server_remaining_ <= 0) t = std::max(t, *server_window_end_);
  return t;
}

void RateBudget::record_send(Instant now) {
  sent_.push_back(now);
  // Keep only what can still matter: entries inside the window, and at most limit_ of them.
  while (!sent_.empty() && (sent_.front() + window_ <= now || static_cast<int>(sent_.size()) > limit_))
    sent_.pop_front();
  if (server_window_end_) {
    if (now >= *server_window_end_)
      server_window_end_.reset();
    else
      --server_remaining_;
  }
}

void RateBudget::observe(const api::HttpResponse& response, Instant now) {
  const int ceiling = std::max(1, config_.limit);
  if (auto advertised = header_int(response, "inin-ratelimit-allowed"); advertised && *advertised > 0) {
    const int a = static_cast<int>(std::min<long long>(*advertised, ceiling));
    if (a <= limit_) {
      limit_ = a;
      lowered_confirmed_ = a < ceiling ? std::optional<Instant>(now) : std::nullopt;
    } else if (!lowered_confirmed_ || now >= *lowered_confirmed_ + window_) {
      // The lower limit went a whole window unconfirmed: it was a temporary or per-route scope.
      limit_ = a;
      lowered_confirmed_ = a < ceiling ? std::optional<Instant>(now) : std::nullopt;
    }
  }
  const auto allowed = header_int(response, "inin-ratelimit-allowed");
  const auto count = header_int(response, "inin-ratelimit-count");
  const auto reset = header_int(response, "inin-ratelimit-reset");
  if (reset && *reset > 0) {
    const Millis r(std::min<long long>(*reset, 24 * 3600) * 1000);
    longest_reset_ = std::max(longest_reset_.value_or(r), r);
    window_ = std::min(config_.window, *longest_reset_);
  }
  if (allowed && count && reset) {
    server_window_end_ = now + Millis(*reset * 1000);
    server_remaining_ = static_cast<int>(*allowed - *count);
  }
  if (response.status == 429) {
    const auto wait = parse_retry_after(response).value_or(config_.default_retry_after);
    blocked_until_ = std::max(blocked_until_.value_or(now), now + wait);
  }
}

}  // namespace mockgc::client
