#include "mockgc/core/faults/rate_limiter.hpp"

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "strict_json.hpp"
#include "mockgc/api/http.hpp"

namespace mockgc::core::faults {
namespace {

// Timestamps (ms) of allowed requests, oldest first, in a growable ring.
class TimestampLog {
 public:
  void expire(std::int64_t now) {
    while (size_ && buf_[head_] <= now - kRateWindow.count()) {
      head_ = (head_ + 1) % buf_.size();
      --size_;
    }
  }
  std::size_t size() const { return size_; }
  std::int64_t at(std::size_t i) const { return buf_[(head_ + i) % buf_.size()]; }
  void push(std::int64_t t) {
    if (size_ == buf_.size()) {
      std::vector<std::int64_t> grown(std::max<std::size_t>(4, buf_.size() * 2));
      for (std::size_t i = 0; i < size_; ++i) grown[i] = at(i);
      buf_ = std::move(grown);
      head_ = 0;
    }
    buf_[(head_ + size_) % buf_.size()] = t;
    ++size_;
  }
  // Gives back memory after a burst once the log is small again.
  void shrink_if_sparse() {
    if (buf_.size() > 64 && size_ * 4 < buf_.size()) {
      std::vector<std::int64_t> smaller(std::max<std::size_t>(4, size_ * 2));
      for (std::size_t i = 0; i < size_; ++i) smaller[i] = at(i);
      buf_ = std::move(smaller);
      head_ = 0;
    }
  }

 private:
  std::vector<std::int64_t> buf_;
  std::size_t head_ = 0, size_ = 0;
};

struct ClientEntry {
  TimestampLog client_log;
  std::vector<std::pair<std::size_t, TimestampLog>> rule_logs;  // (rule index, log)
  std::int64_t last_seen = 0;

  TimestampLog& rule_log(std::size_t rule) {
    for (auto& [r, log] : rule_logs)
      if (r == rule) return log;
    return rule_logs.emplace_back(rule, TimestampLog{}).second;
  }
};

struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

bool active(const RateLimitRule& r, Instant now) {
  return (!r.from || *r.from <= now) && (!r.until || now < *r.until);
}

// Region and method only; the path (if the rule has one) is checked by the caller on pre-split segments.
bool applies_ignoring_path(const RateLimitRule& r, std::string_view region, std::string_view method) {
  if (!r.region.empty() && r.region != region) return false;
  return r.method.empty() || api::iequals(r.method, method);
}

std::int64_t ceil_seconds(std::int64_t ms) { return ms <= 0 ? 0 : (ms + 999) / 1000; }

int clamp_int(std::int64_t v) { return static_cast<int>(std::min<std::int64_t>(v, 1'000'000'000)); }

}  // namespace

struct RateLimiter::Shard {
  std::mutex mutex;
  std::unordered_map<std::string, ClientEntry, KeyHash, std::equal_to<>> clients;
  std::uint64_t calls = 0;
};

RateLimitConfig RateLimitConfig::from_json(const nlohmann::json& j) {
  detail::JsonReader r(j, "/rate_limits");
  r.allow_keys({"per_client_per_minute", "max_clients"});
  RateLimitConfig c;
  if (auto v = r.optional_int("per_client_per_minute")) {
    if (*v < 1 || *v > 1'000'000) r.fail("per_client_per_minute", "must be 1 … 1000000");
    c.client_per_minute = static_cast<int>(*v);
  }
  if (auto v = r.optional_int("max_clients")) {
    if (*v < 1) r.fail("max_clients", "must be >= 1");
    c.max_clients = static_cast<std::size_t>(*v);
  }
  return c;
}

RateLimiter::RateLimiter(const api::Clock& clock, RateLimitConfig config) : clock_(clock), config_(std::move(config)) {
  config_.shards = std::max<std::size_t>(1, config_.shards);
  for (std::size_t i = 0; i < config_.shards; ++i) shards_.push_back(std::make_unique<Shard>());
}

RateLimiter::~RateLimiter() = default;

RateDecision RateLimiter::check(std::string_view region, std::string_view client_id, std::string_view method,
                                std::string_view path) {
  return check_at(clock_.now(), region, client_id, method, path);
}

RateDecision RateLimiter::check_at(Instant now_instant, std::string_view region, std::string_view client_id,
                                   std::string_view method, std::string_view path) {
  const std::int64_t now = now_instant.time_since_epoch().count();
  const std::int64_t window = kRateWindow.count();

  // Scopes that apply: the client-wide limit (default or an active override) and matching endpoint rules.
  int client_limit = config_.client_per_minute;
  std::string_view client_rule_id;
  struct Scope {
    std::size_t rule;  // SIZE_MAX = client-wide
    int limit;
  };
  Scope scopes[8];
  std::size_t n_scopes = 1;
  std::vector<Scope> extra;  // only if more than 7 endpoint rules match one request
  std::optional<PathSegments> segments;  // split only if some rule has to look at the path
  for (std::size_t i = 0; i < config_.rules.size(); ++i) {
    const auto& rule = config_.rules[i];
    if (!active(rule, now_instant) || !applies_ignoring_path(rule, region, method)) continue;
    if (rule.path) {
      if (!segments) segments.emplace(path);
      if (!rule.path->matches(*segments)) continue;
    }
    if (rule.client_wide()) {
      client_limit = rule.per_minute;  // the last active override wins
      client_rule_id = rule.id;
    } else if (n_scopes < 8) {
      scopes[n_scopes++] = {i, rule.per_minute};
    } else {
      extra.push_back({i, rule.per_minute});
    }
  }
  scopes[0] = {SIZE_MAX, client_limit};

  std::string key;
  key.reserve(region.size() + client_id.size() + 1);
  key.append(region).push_back('\n');
  key.append(client_id);
  auto& shard = *shards_[std::hash<std::string>{}(key) % shards_.size()];

  std::lock_guard lock(shard.mutex);
  if (++shard.calls % 1024 == 0) {
    std::erase_if(shard.clients, [&](const auto& kv) { return kv.second.last_seen <= now - window; });
  }
  auto it = shard.clients.find(key);
  if (it == shard.clients.end()) {
    std::size_t cap = std::max<std::size_t>(1, config_.max_clients / shards_.size());
    if (shard.clients.size() >= cap) {
      std::erase_if(shard.clients, [&](const auto& kv) { return kv.second.last_seen <= now - window; });
      if (shard.clients.size() >= cap) {
        auto oldest = std::min_element(shard.clients.begin(), shard.clients.end(),
                                       [](const auto& a, const auto& b) { return a.second.last_seen < b.second.last_seen; });
        shard.clients.erase(oldest);
      }
    }
    it = shard.clients.emplace(std::move(key), ClientEntry{}).first;
  }
  ClientEntry& entry = it->second;
  entry.last_seen = std::max(entry.last_seen, now);

  auto log_for = [&](const Scope& s) -> TimestampLog& {
    return s.rule == SIZE_MAX ? entry.client_log : entry.rule_log(s.rule);
  };
  auto id_for = [&](const Scope& s) -> std::string_view {
    return s.rule == SIZE_MAX ? client_rule_id : std::string_view(config_.rules[s.rule].id);
  };
  auto endpoint_rule_for = [&](const Scope& s) -> const RateLimitRule* {
    return s.rule == SIZE_MAX ? nullptr : &config_.rules[s.rule];
  };
  auto for_each_scope = [&](auto&& fn) {
    for (std::size_t i = 0; i < n_scopes; ++i) fn(scopes[i]);
    for (const auto& s : extra) fn(s);
  };

  // Refusal: the wait is the longest over refusing scopes; a scope with c >= limit entries needs
  // c - limit + 1 of them to expire, i.e. until entry (c - limit) leaves the window.
  RateDecision d;
  std::int64_t worst_wait = -1;
  for_each_scope([&](const Scope& s) {
    auto& log = log_for(s);
    log.expire(now);
    auto c = static_cast<std::int64_t>(log.size());
    if (s.limit <= 0) {
      // A zero limit never admits; report a full window (the rule's end is not a slot freeing up).
      if (worst_wait < window) {
        worst_wait = window;
        d = {false, 0, clamp_int(c), 0, 0, Millis(0), id_for(s), endpoint_rule_for(s)};
      }
      return;
    }
    if (c < s.limit) return;
    std::int64_t wait = log.at(static_cast<std::size_t>(c - s.limit)) + window - now;
    if (wait > worst_wait) {
      worst_wait = wait;
      d = {false, s.limit, clamp_int(c), 0, 0, Millis(0), id_for(s), endpoint_rule_for(s)};
    }
  });
  if (worst_wait >= 0) {
    std::int64_t wait = std::max<std::int64_t>(worst_wait, 1);
    d.exact_wait = Millis(wait);
    d.retry_after_seconds = clamp_int(ceil_seconds(wait));
    d.reset_seconds = d.retry_after_seconds;
    return d;
  }

  // Allowed: record in every scope; report the scope with the least headroom.
  bool first = true;
  int best_room = 0;
  for_each_scope([&](const Scope& s) {
    auto& log = log_for(s);
    log.push(now);
    log.shrink_if_sparse();
    if (!d.endpoint_rule) d.endpoint_rule = endpoint_rule_for(s);
    int count = static_cast<int>(log.size());
    int room = s.limit - count;
    if (first || room < best_room) {
      first = false;
      best_room = room;
      d.allowed = true;
      d.limit = s.limit;
      d.count = count;
      d.reset_seconds = clamp_int(ceil_seconds(log.at(0) + window - now));
      d.rule_id = id_for(s);
    }
  });
  return d;
}

std::size_t RateLimiter::tracked_clients() const {
  std::size_t n = 0;
  for (const auto& s : shards_) {
    std::lock_guard lock(s->mutex);
    n += s->clients.size();
  }
  return n;
}

void RateLimiter::sweep(Instant now_instant) {
  const std::int64_t now = now_instant.time_since_epoch().count();
  for (auto& s : shards_) {
    std::lock_guard lock(s->mutex);
    std::erase_if(s->clients, [&](const auto& kv) { return kv.second.last_seen <= now - kRateWindow.count(); });
  }
}

void set_rate_limit_headers(api::Headers& headers, const RateDecision& d) {
  headers.set("inin-ratelimit-count", std::to_string(d.count));
  headers.set("inin-ratelimit-allowed", std::to_string(d.limit));
  headers.set("inin-ratelimit-reset", std::to_string(d.reset_seconds));
}

}  // namespace mockgc::core::faults
