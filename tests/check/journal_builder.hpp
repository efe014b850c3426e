#pragma once
// Hand-built journals for the rule tests: entries with sensible defaults (an authenticated GET of client
// "app" with its own region's token), tweaked field by field, then judged by a fresh Evaluator.
#include <set>
#include <string>
#include <vector>

#include "mockgc/check/evaluator.hpp"
#include "mockgc/api/time.hpp"

namespace mockgc::check::testing {

using core::journal::JournalEntry;

inline const core::Instant kStart = *api::parse_instant("2026-01-05T09:00:00.000Z");
inline constexpr const char* kEu = "eu_central_1";
inline constexpr const char* kAp = "ap_southeast_2";

inline CheckContext two_regions() {
  CheckContext c;
  c.scenario = "hand-built";
  c.regions = {kEu, kAp};
  c.rate_limit_per_minute = 300;
  c.start = kStart;
  return c;
}

// Turns a request entry into the channel event the hub journals for channel `id` (method WS, path
// /channels/<id>, no token facts); its time, region, client and status stay. The property tests share it.
inline JournalEntry& as_channel_event(JournalEntry& e, std::string_view event, const std::string& id,
                                      std::string_view detail = {}, std::int64_t count = -1) {
  e.method = core::journal::kChannelMethod;
  e.path = "/channels/" + id;
  e.route = core::journal::kChannelRoute;
  e.token.clear();
  e.token_region.clear();
  e.auth.clear();
  e.limit_scope.clear();
  e.inflight = 0;
  e.event = event;
  e.detail = detail;
  e.count = count;
  return e;
}

struct Journal {
  std::vector<JournalEntry> entries;

  // A 200 answer to an authenticated GET of `path` at `at_s` world seconds after kStart.
  JournalEntry& add(double at_s, const std::string& region, const std::string& method, const std::string& path,
                    int status = 200) {
    JournalEntry e;
    e.seq = entries.size() + 1;
    e.time = kStart + core::Millis(static_cast<std::int64_t>(at_s * 1000.0 + 0.5));
    e.region = region;
    e.client_id = "app-" + region;
    e.method = method;
    e.path = path;
    e.route = path;
    e.status = status;
    e.token = region == kEu ? "aaaaaaaaaaaa" : "bbbbbbbbbbbb";
    e.token_region = region;
    e.auth = "ok";
    e.limit_scope = "client";
    e.inflight = 1;
    entries.push_back(e);
    return entries.back();
  }
  JournalEntry& get(double at_s, const std::string& region, const std::string& path, int status = 200) {
    return add(at_s, region, "GET", path, status);
  }
  JournalEntry& login(double at_s, const std::string& region, int status = 200, std::int64_t expires_in_s = 86400) {
    auto& e = add(at_s, region, "POST", "/oauth/token", status);
    e.token.clear();
    e.token_region.clear();
    e.auth.clear();
    e.limit_scope.clear();
    e.expires_in_s = status == 200 ? expires_in_s : -1;
    return e;
  }
  // A notification channel event (core::journal::channel_event) of channel `id` of client "app-<region>".
  JournalEntry& channel(double at_s, const std::string& region, std::string_view event, const std::string& id,
                        const std::string& detail = "", std::int64_t count = -1, int status = 0) {
    return as_channel_event(add(at_s, region, "", "", status), event, id, detail, count);
  }
  // Both orgs logged in and read once: every world begins like this so region-coverage passes.
  Journal& baseline() {
    login(0, kEu);
    login(0, kAp);
    get(0.1, kEu, "/api/v2/tokens/me");
    get(0.1, kAp, "/api/v2/tokens/me");
    return *this;
  }
};

inline CheckReport judge(const Journal& j, CheckContext context = two_regions(), RulesConfig config = {},
                         RunOutcome outcome = {"integration", 0, false, true}) {
  Evaluator ev(std::move(context), std::move(config));
  for (const auto& e : j.entries) ev.observe(e);
  return ev.finish(outcome);
}

inline RuleResult result(const CheckReport& r, const std::string& id, const std::string& region) {
  for (const auto& x : r.rules)
    if (x.id == id && x.region == region) return x;
  throw std::out_of_range(id + " " + region);
}

inline std::set<std::string> flagged(const CheckReport& r) {
  const auto ids = r.flagged_rules();
  return {ids.begin(), ids.end()};
}

}  // namespace mockgc::check::testing
