#include "mockgc/check/rules_config.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace mockgc::check {

const std::vector<RuleInfo>& rule_catalogue() {
  static const std::vector<RuleInfo> kRules = {
      {"async-jobs", Severity::warn,
       "an async job is polled faster than once a second or its result is never fetched",
       {{"min_interval_s", 1.0}, {"max_fast_polls", 0.0}}},
      {"channel-duplicates", Severity::error,
       "a write made for a notification event is repeated for its duplicate (the duplicate handled as new)",
       {{"window_s", 30.0}}},
      {"channel-heartbeat", Severity::warn, "no new socket within a bound after a channel's heartbeats stop",
       {{"within_s", 60.0}}},
      {"channel-limits", Severity::error, "more than 20 live channels per client or 1000 topics per channel",
       {{"max_channels", 20.0}, {"max_topics", 1000.0}}},
      {"channel-one-socket", Severity::error, "a second socket is opened on a channel whose socket is open", {}},
      {"channel-reconnect", Severity::error, "no new socket within about a minute after socket_closing or a drop",
       {{"within_s", 60.0}}},
      {"channel-resubscribe", Severity::error,
       "no new subscribed channel within about a minute after a channel answered 404", {{"within_s", 60.0}}},
      {"concurrency", Severity::warn, "more requests in flight for one client than a cap", {{"max_inflight", 8.0}}},
      {"exit-code", Severity::error, "COMMAND exited non-zero or was killed at the time limit", {}},
      {"foreign-ids", Severity::error, "an id minted by one org is sent to another org", {}},
      {"foreign-tokens", Severity::error, "a token issued for one org or region is sent to another", {}},
      {"no-retry-4xx", Severity::error, "an identical request is re-sent after a 400/403/404/409/422",
       {{"window_s", 300.0}}},
      {"outage-backoff", Severity::error, "retries to a region answering 5xx come faster than a backoff allows",
       {{"max_per_minute", 6.0}}},
      {"paging", Severity::warn, "a listing with more pages was read on its first page only", {}},
      {"poll-jitter", Severity::warn,
       "a route polled in several orgs runs in lock-step, or a resource is polled faster than a floor",
       {{"spread_s", 2.0}, {"lockstep_share", 0.5}, {"min_polls", 5.0}, {"floor_s", 1.0}}},
      {"rate-budget", Severity::error, "a client exceeds its per-minute limit in a sliding window",
       {{"window_s", 60.0}, {"allowed_share", 1.0}}},
      {"redundant-reads", Severity::warn, "the same static listing is re-read within seconds, again and again",
       {{"window_s", 5.0}, {"repeats", 3.0}}},
      {"region-coverage", Severity::error,
       "an org gets no authenticated request, or a recovered region is never contacted again", {}},
      {"retry-after", Severity::error, "a client sends to a limit scope before the Retry-After of its 429 elapsed",
       {{"tolerance_s", 0.0}}},
      {"retry-budget", Severity::warn,
       "retries exceed a share of first attempts, or a client sleeps on a Retry-After beyond a sane cap",
       {{"window_s", 60.0}, {"max_share", 0.5}, {"min_retries", 10.0}, {"max_retry_after_s", 180.0}}},
      {"token-leak", Severity::error, "an access token or client secret appears in a URL", {}},
      {"token-reuse", Severity::error, "more logins than needed: re-login without a 401 or expiry",
       {{"refresh_margin_s", 300.0}}},
      {"valid-requests", Severity::error, "a request is answered 400/404/405/413/415 because of the request itself",
       {{"count_entity_404", 0.0}}},
      {"write-retries", Severity::error,
       "a non-idempotent write is re-sent after a transport error or 5xx without a read, or a name is created twice",
       {}},
  };
  return kRules;
}

const RuleInfo* find_rule(std::string_view id) {
  for (const auto& r : rule_catalogue())
    if (r.id == id) return &r;
  return nullptr;
}

RulesConfig RulesConfig::from_json(const nlohmann::json& j, const std::string& source) {
  const auto fail = [&](const std::string& pointer, const std::string& what) {
    throw std::invalid_argument(fmt::format("{}: {}: {}", source, pointer.empty() ? "/" : pointer, what));
  };
  if (!j.is_object()) fail("", "the conformance settings must be a JSON object");
  RulesConfig out;
  for (const auto& [key, value] : j.items()) {
    if (key != "rules") fail("/" + key, "unknown key (expected \"rules\")");
    if (!value.is_object()) fail("/rules", "must be an object of rule ids");
    for (const auto& [id, settings] : value.items()) {
      const std::string at = "/rules/" + id;
      const RuleInfo* info = find_rule(id);
      if (info == nullptr) {
        std::string known;
        for (const auto& r : rule_catalogue()) known += (known.empty() ? "" : ", ") + r.id;
        fail(at, fmt::format("unknown rule (known: {})", known));
      }
      RuleSettings rs;
      if (settings.is_boolean()) {
        rs.enabled = settings.get<bool>();
      } else if (settings.is_object()) {
        for (const auto& [k, v] : settings.items()) {
          const std::string kat = at + "/" + k;
          if (k == "enabled") {
            if (!v.is_boolean()) fail(kat, "must be true or false");
            rs.enabled = v.get<bool>();
            continue;
          }
          if (!info->defaults.count(k)) {
            std::string known = "enabled";
            for (const auto& [name, def] : info->defaults) known += ", " + name;
            fail(kat, fmt::format("unknown key (known: {})", known));
          }
          if (!v.is_number()) fail(kat, "must be a number");
          const double d = v.get<double>();
          if (!(d >= 0.0) || d > 1e9) fail(kat, "must be a number between 0 and 1e9");
          rs.thresholds[k] = d;
        }
      } else {
        fail(at, "must be an object ({\"enabled\": …, thresholds}) or a boolean");
      }
      out.rules[id] = std::move(rs);
    }
  }
  return out;
}

nlohmann::json RulesConfig::to_json() const {
  auto rules_json = nlohmann::json::object();
  for (const auto& [id, settings] : rules) {
    auto r = nlohmann::json::object();
    if (settings.enabled) r["enabled"] = *settings.enabled;
    for (const auto& [k, v] : settings.thresholds) r[k] = v;
    rules_json[id] = std::move(r);
  }
  return {{"rules", std::move(rules_json)}};
}

RulesConfig RulesConfig::merged_with(const RulesConfig& overlay) const {
  RulesConfig out = *this;
  for (const auto& [id, settings] : overlay.rules) {
    auto [it, inserted] = out.rules.try_emplace(id, settings);
    if (inserted) continue;
    if (settings.enabled) it->second.enabled = settings.enabled;
    for (const auto& [k, v] : settings.thresholds) it->second.thresholds[k] = v;
  }
  return out;
}

bool RulesConfig::enabled(std::string_view id) const {
  const auto it = rules.find(std::string(id));
  return it == rules.end() || it->second.enabled.value_or(true);
}

double RulesConfig::threshold(std::string_view id, std::string_view key) const {
  const std::string sid(id), skey(key);
  if (const auto it = rules.find(sid); it != rules.end())
    if (const auto t = it->second.thresholds.find(skey); t != it->second.thresholds.end()) return t->second;
  const RuleInfo* info = find_rule(id);
  if (info == nullptr) throw std::out_of_range(fmt::format("no rule {}", id));
  const auto d = info->defaults.find(skey);
  if (d == info->defaults.end()) throw std::out_of_range(fmt::format("rule {} has no threshold {}", id, key));
  return d->second;
}

}  // namespace mockgc::check
