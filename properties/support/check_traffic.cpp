#include "check_traffic.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "mockgc/api/time.hpp"
#include "mockgc/api/random.hpp"
#include "check/journal_builder.hpp"

namespace mockgc::properties {
namespace {

using core::journal::JournalEntry;

const core::Instant kStart = *api::parse_instant("2026-01-05T09:00:00.000Z");
constexpr const char* kAdherenceRoute = "/api/v2/workforcemanagement/managementunits/{managementUnitId}/adherence";
constexpr const char* kJobRoute = "/api/v2/analytics/conversations/aggregates/jobs/{jobId}";

class Writer {
 public:
  Writer(std::vector<JournalEntry>& out, std::string client) : out_(out), client_(std::move(client)) {}

  JournalEntry& add(std::int64_t ms, const std::string& region, const std::string& method, const std::string& path,
                    const std::string& route, int status) {
    JournalEntry e;
    e.seq = out_.size() + 1;
    e.time = kStart + core::Millis(ms);
    e.region = region;
    e.client_id = client_ + "-" + region;
    e.method = method;
    e.path = path;
    e.route = route;
    e.status = status;
    e.token = fmt::format("{:012x}", api::derive_seed(1, {client_, region}) & 0xFFFFFFFFFFFFULL);
    e.token_region = region;
    e.auth = "ok";
    e.limit_scope = "client";
    e.inflight = 1;
    out_.push_back(std::move(e));
    return out_.back();
  }
  JournalEntry& login(std::int64_t ms, const std::string& region) {
    auto& e = add(ms, region, "POST", "/oauth/token", "/oauth/token", 200);
    e.token.clear();
    e.token_region.clear();
    e.auth.clear();
    e.limit_scope.clear();
    e.expires_in_s = 86400;
    return e;
  }
  // A notification channel event (core::journal::channel_event) of channel `id`.
  JournalEntry& channel(std::int64_t ms, const std::string& region, std::string_view event, const std::string& id,
                        std::string_view detail = {}, std::int64_t count = -1, int status = 0) {
    return check::testing::as_channel_event(add(ms, region, "", "", "", status), event, id, detail, count);
  }

 private:
  std::vector<JournalEntry>& out_;
  std::string client_;
};

}  // namespace

rc::Gen<TrafficModel> polite_traffic() {
  static const std::vector<std::string> kRegions = {"eu_central_1", "ap_southeast_2", "us_east_1"};
  return rc::gen::apply(
      [](int n, int cycles, int period, std::uint64_t seed) {
        TrafficModel m;
        for (int i = 0; i < n; ++i) m.regions.push_back(kRegions.at(static_cast<std::size_t>(i)));
        m.cycles = cycles;
        m.period_s = period;
        m.seed = seed;
        return m;
      },
      rc::gen::inRange(1, 4), rc::gen::inRange(5, 30), rc::gen::inRange(60, 181), rc::gen::arbitrary<std::uint64_t>());
}

std::string show(const TrafficModel& m) {
  std::string regions;
  for (const auto& r : m.regions) regions += (regions.empty() ? "" : ",") + r;
  return fmt::format("regions={} cycles={} period_s={} seed={}", regions, m.cycles, m.period_s, m.seed);
}

check::CheckContext traffic_context(const TrafficModel& m) {
  check::CheckContext c;
  c.scenario = "polite-traffic";
  c.seed = m.seed;
  c.regions = m.regions;
  c.rate_limit_per_minute = 300;
  c.start = kStart;
  return c;
}

std::vector<JournalEntry> polite_journal(const TrafficModel& m) {
  // Events are generated per org and merged by time: each org keeps its own phase.
  std::vector<JournalEntry> all;
  api::Rng rng(m.seed);
  const std::int64_t period = m.period_s * 1000;
  const auto n = static_cast<std::int64_t>(m.regions.size());
  for (std::int64_t k = 0; k < n; ++k) {
    const std::string& region = m.regions[static_cast<std::size_t>(k)];
    std::vector<JournalEntry> mine;
    Writer w(mine, m.client);
    const std::int64_t phase = k * period / n;
    w.login(phase, region);
    const std::string adherence = fmt::format("/api/v2/workforcemanagement/managementunits/mu-{}/adherence", region);
    for (int c = 0; c < m.cycles; ++c) {
      // Each org owns a slot of period / n; its jitter and the events of a cycle stay within the first half
      // of the slot, so two orgs never poll a route within seconds of each other.
      const std::int64_t slot = period / n;
      const std::int64_t jitter = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(slot / 4)));
      std::int64_t t = 1000 + phase + c * period + jitter;
      const auto kind = rng.below(6);
      if (kind == 1) {  // a 429 waited out: the retry comes at Retry-After or later
        const auto ra = static_cast<std::int64_t>(1 + rng.below(static_cast<std::uint64_t>(slot / 4000)));
        w.add(t, region, "GET", adherence, kAdherenceRoute, 429).retry_after_s = ra;
        w.add(t + ra * 1000 + static_cast<std::int64_t>(rng.below(2000)), region, "GET", adherence, kAdherenceRoute,
              200);
        continue;
      }
      if (kind == 2) {  // an outage retried with doubling gaps, then recovered
        std::int64_t gap = 1000;
        const auto failures = 1 + rng.below(3);
        for (std::uint64_t i = 0; i < failures; ++i) {
          w.add(t, region, "GET", adherence, kAdherenceRoute, 503).fault = "outage";
          t += gap;
          gap *= 2;
        }
        w.add(t, region, "GET", adherence, kAdherenceRoute, 200);
        continue;
      }
      w.add(t, region, "GET", adherence, kAdherenceRoute, 200);
      if (kind == 3) {  // the users listing, every page
        const auto pages = 1 + rng.below(3);
        for (std::uint64_t p = 1; p <= pages; ++p) {
          auto& e = w.add(t + static_cast<std::int64_t>(p) * 300, region, "GET", "/api/v2/users", "/api/v2/users", 200);
          e.query = fmt::format("pageSize=100&pageNumber={}", p);
          if (p < pages) e.more = fmt::format("page {}/{}", p, pages);
        }
      } else if (kind == 4) {  // an analytics job: created, polled every 2 s, results fetched
        const std::string job = fmt::format("/api/v2/analytics/conversations/aggregates/jobs/{}-{}", region, c);
        w.add(t + 500, region, "POST", "/api/v2/analytics/conversations/aggregates/jobs",
              "/api/v2/analytics/conversations/aggregates/jobs", 202)
            .body_hash = 1 + rng.below(1000);
        w.add(t + 2500, region, "GET", job, kJobRoute, 200);
        w.add(t + 4500, region, "GET", job, kJobRoute, 200);
        w.add(t + 6500, region, "GET", job + "/results", std::string(kJobRoute) + "/results", 200).more = "";
      } else if (kind == 5) {  // a named create, once
        auto& e = w.add(t + 500, region, "POST", "/api/v2/routing/queues", "/api/v2/routing/queues", 200);
        e.name = fmt::format("queue {} {} {}", m.client, region, c);
        e.body_hash = api::derive_seed(m.seed, {e.name});
      }
    }
    for (auto& e : mine) all.push_back(std::move(e));
  }
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.time < b.time; });
  for (std::size_t i = 0; i < all.size(); ++i) all[i].seq = i + 1;
  return all;
}

std::vector<std::string> injectable_rules(const TrafficModel& m) {
  std::vector<std::string> out;
  for (const auto& r : check::rule_catalogue())
    if (m.regions.size() >= 2 || (r.id != "foreign-ids" && r.id != "foreign-tokens")) out.push_back(r.id);
  return out;
}

void inject_violation(const std::string& rule, std::uint64_t seed, std::vector<JournalEntry>& journal,
                      check::CheckContext& context, check::RunOutcome& outcome) {
  api::Rng rng(api::derive_seed(seed, {"violation", rule}));
  const std::int64_t end = journal.empty() ? 0 : (journal.back().time - kStart).count();
  std::int64_t t = end + 600'000;  // ten quiet minutes after the polite traffic
  const std::string& region = context.regions[rng.below(context.regions.size())];
  const std::string& other = context.regions[(&region - context.regions.data() + 1) % context.regions.size()];
  Writer w(journal, "app");
  const std::string user = fmt::format("/api/v2/users/{:08x}", rng.below(1U << 31U));
  const std::string user_route = "/api/v2/users/{userId}";
  if (rule == "retry-after") {
    w.add(t, region, "GET", user, user_route, 429).retry_after_s = 30;
    w.add(t + 1000 + static_cast<std::int64_t>(rng.below(28'000)), region, "GET", user, user_route, 200);
  } else if (rule == "rate-budget") {
    for (int i = 0; i < 301; ++i)
      w.add(t + i * 100, region, "GET", fmt::format("/api/v2/users/u{}", i), user_route, 200);
  } else if (rule == "outage-backoff") {
    for (int i = 0; i < 8; ++i) w.add(t + i * 1000, region, "GET", user, user_route, 503);  // 7 retries in 7 s
  } else if (rule == "token-reuse") {
    w.login(t, region);
    w.add(t + 1000, region, "GET", user, user_route, 200);
  } else if (rule == "foreign-ids") {
    w.add(t, region, "GET", user, user_route, 200).foreign_ids = fmt::format("{}@{}", user.substr(14), other);
  } else if (rule == "valid-requests") {
    auto& e = w.add(t, region, "GET", "/api/v2/userz", "", 404);
    e.error_code = "not.found";
    e.error_message = "The requested resource was not found";
  } else if (rule == "write-retries") {
    w.add(t, region, "POST", "/api/v2/routing/queues", "/api/v2/routing/queues", 503).body_hash = 5;
    w.add(t + 30'000, region, "POST", "/api/v2/routing/queues", "/api/v2/routing/queues", 200).body_hash = 5;
  } else if (rule == "region-coverage") {
    context.regions.push_back("sa_east_1");
  } else if (rule == "poll-jitter") {
    for (int i = 0; i < 7; ++i) w.add(t + i * 500, region, "GET", user, user_route, 200);
  } else if (rule == "paging") {
    auto& e = w.add(t, region, "GET", "/api/v2/users", "/api/v2/users", 200);
    e.query = "pageSize=25&pageNumber=1";
    e.more = "page 1/4";
  } else if (rule == "async-jobs") {
    w.add(t, region, "GET", "/api/v2/analytics/conversations/aggregates/jobs/forgotten", kJobRoute, 200);
  } else if (rule == "exit-code") {
    outcome.exit_code = 1 + static_cast<int>(rng.below(100));
  } else if (rule == "no-retry-4xx") {
    w.add(t, region, "POST", "/api/v2/routing/queues", "/api/v2/routing/queues", 409).body_hash = 9;
    w.add(t + 2000, region, "POST", "/api/v2/routing/queues", "/api/v2/routing/queues", 409).body_hash = 9;
  } else if (rule == "retry-budget") {
    w.add(t, region, "GET", user, user_route, 429).retry_after_s = 600;
    w.add(t + 600'000, region, "GET", user, user_route, 200);
  } else if (rule == "token-leak") {
    auto& e = w.add(t, region, "GET", user, user_route, 200);
    e.query = "access_token=REDACTED";
    e.leak = "access_token in query";
  } else if (rule == "foreign-tokens") {
    auto& e = w.add(t, region, "GET", user, user_route, 401);
    e.token_region = other;
    e.auth = "foreign";
    e.client_id.clear();
  } else if (rule == "concurrency") {
    w.add(t, region, "GET", user, user_route, 200).inflight = 9 + static_cast<int>(rng.below(20));
  } else if (rule.starts_with("channel-")) {
    namespace ev = core::journal::channel_event;
    const std::string channel = fmt::format("streaming-0-{:016x}", rng.next());
    const std::int64_t late = 61'000 + static_cast<std::int64_t>(rng.below(60'000));  // past a 60 s wait
    if (rule == "channel-reconnect") {
      w.channel(t, region, ev::kSocketClose, channel, core::journal::close_reason::kSocketDrop);
      w.add(t + late, region, "GET", user, user_route, 200);
    } else if (rule == "channel-resubscribe") {
      w.channel(t, region, ev::kCreate, channel, {}, 1);
      w.channel(t + 1000, region, ev::kNotFound, channel, "expired", -1, 404);
      w.add(t + 1000 + late, region, "GET", user, user_route, 200);
    } else if (rule == "channel-one-socket") {
      w.channel(t, region, ev::kSocketOpen, channel, {}, -1, 101);
      w.channel(t + static_cast<std::int64_t>(rng.below(60'000)), region, ev::kSocketOpen, channel, {}, -1, 101);
    } else if (rule == "channel-limits") {
      w.channel(t, region, ev::kCreate, channel, {}, 21 + static_cast<std::int64_t>(rng.below(10)));
    } else if (rule == "channel-heartbeat") {
      w.channel(t, region, ev::kSocketOpen, channel, {}, -1, 101);
      w.channel(t + 30'000, region, ev::kHeartbeatMissed, channel);
      w.add(t + 30'000 + late, region, "GET", user, user_route, 200);
    } else if (rule == "channel-duplicates") {
      w.channel(t, region, ev::kDuplicate, channel, "c0ffee00-0000-4000-8000-000000000001");
      for (int i = 1; i <= 2; ++i)
        w.add(t + i * 1000, region, "PATCH", user, user_route, 200).body_hash = 42;
    }
  } else if (rule == "redundant-reads") {
    for (int i = 0; i < 4; ++i) w.add(t + i * 1000, region, "GET", "/api/v2/routing/queues", "/api/v2/routing/queues", 200);
  }
}

}  // namespace mockgc::properties
