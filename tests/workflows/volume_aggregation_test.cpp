// Cross-org volume aggregation, in-process against mock-gc's default world on a virtual clock: totals equal
// direct aggregate queries, 26 weeks cut into ≤ 31-day requests, a region down (503 on analytics) →
// missing / partial with reasons while the other stays complete, DST local days, blended AHT weighting,
// and the capacity volume JSON accepted by the capacity loader.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <mutex>

#include "mockgc/capacity/volume.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/workflows/volume_aggregation.hpp"
#include "support/sync_world.hpp"
#include "support/volume_truth.hpp"

namespace mockgc::workflows {
namespace {

using client::Instant;
using client::Millis;
using nlohmann::json;


// Answers 503 (a value, not a transport error) to analytics calls for one API host, optionally only
// when the body names a given interval start; records every analytics request body.
class AnalyticsOutage final : public client::Transport {
 public:
  explicit AnalyticsOutage(client::Transport& inner) : inner_(inner) {}
  client::Result<api::HttpResponse> send(const client::Endpoint& to, const api::HttpRequest& request,
                                         const client::SendOptions& options) override {
    const bool analytics = request.target.find("/api/v2/analytics/") != std::string::npos;
    if (analytics) {
      std::lock_guard lock(mutex_);
      analytics_bodies.push_back(request.body);
    }
    if (analytics && !down_host.empty() && to.host == down_host &&
        (only_body_containing.empty() || request.body.find(only_body_containing) != std::string::npos)) {
      if (rewrite) {
        auto r = inner_.send(to, request, options);
        if (r) r->body = rewrite(r->body);
        return r;
      }
      api::HttpResponse r;
      r.status = 503;
      r.headers.set("Content-Type", "application/json");
      r.body = R"({"status":503,"code":"service.unavailable","message":"down for the test"})";
      return r;
    }
    return inner_.send(to, request, options);
  }
  std::string down_host;
  std::string only_body_containing;
  std::function<std::string(const std::string&)> rewrite;  // set: the server's answer, rewritten, instead of a 503
  std::vector<std::string> analytics_bodies;

 private:
  client::Transport& inner_;
  std::mutex mutex_;
};

struct VolumeWorld {
  VolumeWorld() {
    core::ServiceOptions o;  // no scenario: the built-in default world
    o.clock = &virtual_clock;
    service = core::make_service(o);
    inner = std::make_unique<inproc::InProcessTransport>(*service);
    outage = std::make_unique<AnalyticsOutage>(*inner);
    clock = &virtual_clock;
    configs = testing::org_configs(*service);
    orgs = std::make_unique<client::OrgClients>(configs, *outage, *clock, client::OrgClientOptions{}, 1);
  }
  api::ManualClock virtual_clock{core::Instant(core::Millis(1'700'000'000'000))};
  std::unique_ptr<core::Service> service;
  std::unique_ptr<inproc::InProcessTransport> inner;
  std::unique_ptr<AnalyticsOutage> outage;
  api::WaitableClock* clock = nullptr;  // the client side of virtual_clock
  std::vector<client::OrgConfig> configs;
  std::unique_ptr<client::OrgClients> orgs;
  Instant now() const { return clock->now(); }
};

Millis interval_length(const std::string& body) {
  const auto iv = json::parse(body)["interval"].get<std::string>();
  const auto slash = iv.find('/');
  return *parse_utc_instant(iv.substr(slash + 1)) - *parse_utc_instant(iv.substr(0, slash));
}

TEST(VolumeChunks, CutIntoAtMost31DaysCoveringTheWindow) {
  const Instant end = *parse_utc_instant("2026-07-06T00:00:00Z");
  const Instant start = end - std::chrono::days(182);
  const auto chunks = volume_chunks(start, end);
  ASSERT_EQ(chunks.size(), 6u);  // 5 × 31 + 27 days
  EXPECT_EQ(chunks.front().start, start);
  EXPECT_EQ(chunks.back().end, end);
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    EXPECT_LE(chunks[i].end - chunks[i].start, std::chrono::days(31));
    if (i > 0) {
      EXPECT_EQ(chunks[i].start, chunks[i - 1].end);
    }
  }
  EXPECT_EQ(interval_text(chunks.front()), "2026-01-05T00:00:00Z/2026-02-05T00:00:00Z");
}

TEST(VolumeAggregation, TotalsEqualDirectAggregateQueriesAndEveryRegionIsComplete) {
  VolumeWorld w;
  VolumeOptions o;
  o.weeks = 2;
  o.end = w.now();
  const auto report = aggregate_volume(*w.orgs, o);
  ASSERT_EQ(report.orgs.size(), w.configs.size());
  EXPECT_EQ(report.intervals, 14u * 96u);
  std::uint64_t all_offered = 0;
  for (std::size_t i = 0; i < report.orgs.size(); ++i) {
    const auto& org = report.orgs[i];
    EXPECT_TRUE(org.status.is_complete()) << describe(org.status);
    ASSERT_FALSE(org.queues.empty());
    EXPECT_FALSE(org.time_zone.empty());
    // Ground truth by another route: one bucket per queue for the whole window (no granularity).
    client::OrgClient direct(w.configs[i], *w.inner, *w.clock);
    auto totals = testing::server_queue_totals(direct, report.start, report.end);
    ASSERT_TRUE(totals) << totals.error().message();
    auto& truth = *totals;
    std::uint64_t org_offered = 0;
    for (const auto& s : org.queues) {
      const auto t = truth[s.id];
      EXPECT_EQ(s.total_offered(), t[0]) << s.name;
      EXPECT_EQ(s.total_handled(), t[1]) << s.name;
      EXPECT_EQ(s.total_handle_ms(), t[2]) << s.name;
      org_offered += t[0];
    }
    EXPECT_GT(org_offered, 0u);
    // Local days add up to the same totals.
    std::uint64_t day_offered = 0;
    for (const auto& d : org.days) day_offered += d.offered;
    EXPECT_EQ(day_offered, org_offered);
    all_offered += org_offered;
  }
  std::uint64_t group_offered = 0;
  for (const auto& g : report.groups) group_offered += g.total_offered;
  EXPECT_EQ(group_offered, all_offered);
  EXPECT_FALSE(report.any_missing());
}

TEST(VolumeAggregation, TwentySixWeeksAreRequestedInChunksOfAtMost31Days) {
  VolumeWorld w;
  VolumeOptions o;
  o.weeks = 26;
  o.end = w.now();
  const auto report = aggregate_volume(*w.orgs, o);
  for (const auto& org : report.orgs) EXPECT_TRUE(org.status.is_complete()) << describe(org.status);
  ASSERT_EQ(w.outage->analytics_bodies.size(), 6u * w.configs.size());
  Millis covered{0};
  for (const auto& b : w.outage->analytics_bodies) {
    EXPECT_LE(interval_length(b), std::chrono::days(31)) << b;
    covered += interval_length(b);
  }
  EXPECT_EQ(covered, std::chrono::days(182) * static_cast<long long>(w.configs.size()));
}

TEST(VolumeAggregation, ARegionWhoseAnalyticsAnswer503IsMissingWithTheReasonTheOtherComplete) {
  VolumeWorld w;
  ASSERT_GE(w.configs.size(), 2u);
  w.outage->down_host = w.configs[0].api.host;
  VolumeOptions o;
  o.weeks = 2;
  o.end = w.now();
  const auto report = aggregate_volume(*w.orgs, o);
  EXPECT_TRUE(report.orgs[0].status.is_missing());
  EXPECT_NE(report.orgs[0].status.why.find("503"), std::string::npos) << report.orgs[0].status.why;
  EXPECT_EQ(report.orgs[0].missing.size(), 1u);
  for (std::size_t i = 1; i < report.orgs.size(); ++i) EXPECT_TRUE(report.orgs[i].status.is_complete());
  EXPECT_TRUE(report.any_missing());
  const auto j = to_json(report);
  EXPECT_EQ(j["orgs"][0]["status"], "missing");
  EXPECT_EQ(j["orgs"][0]["missingIntervals"].size(), 1u);
}

TEST(VolumeAggregation, OneFailedChunkMakesThatRegionPartialListingTheMissingIntervals) {
  VolumeWorld w;
  VolumeOptions o;
  o.weeks = 6;  // 42 days: two chunks
  o.end = w.now();
  const auto probe_start = Instant(o.end.time_since_epoch() / Millis(900'000) * Millis(900'000)) - std::chrono::days(42);
  const auto second = volume_chunks(probe_start, probe_start + std::chrono::days(42)).at(1);
  w.outage->down_host = w.configs[0].api.host;
  w.outage->only_body_containing = interval_text(second);
  const auto report = aggregate_volume(*w.orgs, o);
  const auto& org = report.orgs[0];
  ASSERT_EQ(org.status.kind, RegionStatus::Kind::partial) << describe(org.status);
  EXPECT_NE(org.status.what.find(interval_text(second)), std::string::npos) << org.status.what;
  EXPECT_NE(org.status.why.find("503 service.unavailable"), std::string::npos) << org.status.why;
  ASSERT_EQ(org.missing.size(), 1u);
  EXPECT_EQ(org.missing[0].chunk.start, second.start);
  EXPECT_GT(org.offered(), 0u);  // the first chunk's data is kept
  EXPECT_TRUE(report.orgs[1].status.is_complete());
  EXPECT_FALSE(report.any_missing());
}

// A chunk's answer cut short (damaged on the way: retried, then still damaged) or of the wrong shape (not
// retried) is missing as a malformed body; nothing of it is counted, the other chunk is as in a calm run.
TEST(VolumeAggregation, AChunkWhoseAnswerIsCutShortOrWrongTypedIsMissingAsMalformedAndCountsNothing) {
  VolumeOptions o;
  o.weeks = 6;  // 42 days: two chunks
  VolumeReport calm;
  {
    VolumeWorld w;
    o.end = w.now();
    calm = aggregate_volume(*w.orgs, o);
  }
  const auto second = volume_chunks(calm.start, calm.end).at(1);
  const auto first_intervals = static_cast<std::size_t>((second.start - calm.start) / Millis(15 * 60'000));
  const std::vector<std::function<std::string(const std::string&)>> rewrites = {
      [](const std::string& body) { return body.substr(0, body.size() / 2); },
      [](const std::string& body) {
        auto bad = body;  // the last interval's count as a string
        const auto at = bad.rfind("\"count\":") + 8;
        return bad.insert(at, "\"").insert(bad.find_first_of(",}", at + 1), "\"");
      },
      [](const std::string&) { return std::string(R"({"results":{"group":{"queueId":"q"}}})"); },
  };
  for (std::size_t k = 0; k < rewrites.size(); ++k) {
    VolumeWorld w;
    w.outage->down_host = w.configs[0].api.host;
    w.outage->only_body_containing = interval_text(second);
    w.outage->rewrite = rewrites[k];
    const auto report = aggregate_volume(*w.orgs, o);
    const auto& org = report.orgs[0];
    ASSERT_EQ(org.status.kind, RegionStatus::Kind::partial) << k << ": " << describe(org.status);
    ASSERT_EQ(org.missing.size(), 1u) << k;
    EXPECT_EQ(org.missing[0].chunk.start, second.start) << k;
    EXPECT_EQ(org.missing[0].why, "POST /api/v2/analytics/conversations/aggregates/query: malformed body") << k;
    // Cut short: retried until the retry budget is spent; of the wrong shape: one try.
    if (k == 0) {
      EXPECT_GT(w.orgs->at(0).stats().retries, 0u);
    } else {
      EXPECT_EQ(w.orgs->at(0).stats().retries, 0u) << k;
    }
    EXPECT_EQ(w.outage->analytics_bodies.size(), 4u + w.orgs->at(0).stats().retries) << k;
    ASSERT_EQ(org.queues.size(), calm.orgs[0].queues.size());
    for (std::size_t q = 0; q < org.queues.size(); ++q) {
      const auto& s = org.queues[q];
      const auto& c = calm.orgs[0].queues[q];
      for (std::size_t i = 0; i < report.intervals; ++i) {
        const bool kept = i < first_intervals;
        ASSERT_EQ(s.offered[i], kept ? c.offered[i] : 0u) << k << " " << s.name << " " << i;
        ASSERT_EQ(s.handled[i], kept ? c.handled[i] : 0u) << k << " " << s.name << " " << i;
        ASSERT_EQ(s.handle_ms[i], kept ? c.handle_ms[i] : 0u) << k << " " << s.name << " " << i;
      }
    }
    EXPECT_GT(org.offered(), 0u);
    EXPECT_TRUE(report.orgs[1].status.is_complete());
    EXPECT_EQ(report.orgs[1].offered(), calm.orgs[1].offered());
  }
}

TEST(VolumeLocalDays, LondonSpringForwardDayHas92IntervalsAndAutumnDay100) {
  const auto start = *parse_utc_instant("2026-03-28T00:00:00Z");
  std::vector<std::uint64_t> ones(3 * 96, 1), handled(3 * 96, 2), ms(3 * 96, 1000);
  const auto days = local_day_rollup(start, 15, "Europe/London", ones, handled, ms);
  ASSERT_GE(days.size(), 3u);
  EXPECT_EQ(days[0].date, "2026-03-28");
  EXPECT_EQ(days[0].intervals, 96);
  EXPECT_EQ(days[1].date, "2026-03-29");
  EXPECT_EQ(days[1].intervals, 92);
  EXPECT_EQ(days[1].offered, 92u);
  EXPECT_EQ(days[1].handled, 184u);
  EXPECT_EQ(days[0].minutes, 1440);
  EXPECT_FALSE(days[0].dst_change());
  EXPECT_EQ(days[1].minutes, 23 * 60);  // the length of the local date, not of the window's part of it
  EXPECT_TRUE(days[1].dst_change());
  const auto autumn = local_day_rollup(*parse_utc_instant("2026-10-24T23:00:00Z"), 15, "Europe/London",
                                       std::vector<std::uint64_t>(100, 1), {}, {});
  ASSERT_EQ(autumn.size(), 1u);
  EXPECT_EQ(autumn[0].date, "2026-10-25");
  EXPECT_EQ(autumn[0].intervals, 100);
  EXPECT_EQ(autumn[0].minutes, 25 * 60);
  const auto edge = local_day_rollup(*parse_utc_instant("2026-03-29T12:00:00Z"), 15, "Europe/London",
                                     std::vector<std::uint64_t>(4, 1), {}, {});
  ASSERT_EQ(edge.size(), 1u);
  EXPECT_EQ(edge[0].intervals, 4);  // a window edge cuts the day, its length stays the zone's
  EXPECT_EQ(edge[0].minutes, 23 * 60);
}

TEST(VolumeQueueGroups, MatchedByNameKeyAndAhtBlendedByHandledCount) {
  auto org = [](std::string region, std::string queue, std::uint64_t handled, std::uint64_t aht_s) {
    OrgVolume o;
    o.region = std::move(region);
    o.time_zone = "Europe/London";
    QueueSeries s;
    s.name = queue;
    s.key = activity_code_name_key(queue);
    s.offered = {handled, 0};
    s.handled = {handled, 0};
    s.handle_ms = {handled * aht_s * 1000, 0};
    o.queues.push_back(std::move(s));
    return o;
  };
  const auto groups = group_queues({org("eu_west_2", "Support EN", 10, 1000), org("us_east_1", "  support   EN ", 90, 100)}, 2);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].name, "Support EN");
  EXPECT_EQ(groups[0].regions, (std::vector<std::string>{"eu_west_2", "us_east_1"}));
  EXPECT_EQ(groups[0].total_handled, 100u);
  ASSERT_TRUE(groups[0].blended_aht_seconds);
  EXPECT_DOUBLE_EQ(*groups[0].blended_aht_seconds, 190.0);  // (10×1000 + 90×100) / 100, not (1000+100)/2
}

TEST(VolumeQueueGroups, AnOrgNamePrefixIsDroppedBeforeKeyingOnlyWhenAsked) {
  EXPECT_EQ(queue_group_key("EMEA  Support - Chat ", "EMEA", true), "support - chat");
  EXPECT_EQ(queue_group_key("emea Support - Chat", "EMEA", true), "support - chat");
  EXPECT_EQ(queue_group_key("EMEA Support - Chat", "EMEA", false), "emea support - chat");
  EXPECT_EQ(queue_group_key("EMEAX Support", "EMEA", true), "emeax support");
  EXPECT_EQ(queue_group_key("EMEA", "EMEA", true), "emea");
}

TEST(VolumeQueueGroups, TheDefaultWorldsOrgsShareGroupsAcrossRegions) {
  VolumeWorld w;
  VolumeOptions o;
  o.weeks = 1;
  o.end = w.now();
  const auto report = aggregate_volume(*w.orgs, o);
  std::size_t shared = 0;
  for (const auto& g : report.groups) {
    if (g.regions.size() < 2) continue;
    ++shared;
    std::uint64_t handled = 0, ms = 0;
    for (const auto& org : report.orgs)
      for (const auto& q : org.queues)
        if (q.key == g.key) {
          handled += q.total_handled();
          ms += q.total_handle_ms();
        }
    EXPECT_EQ(g.total_handled, handled);
    ASSERT_TRUE(g.blended_aht_seconds) << g.name;
    EXPECT_DOUBLE_EQ(*g.blended_aht_seconds, static_cast<double>(ms) / 1000.0 / static_cast<double>(handled));
  }
  EXPECT_GT(shared, 0u);
}

TEST(VolumeCapacityInput, TheCapacityLoaderAcceptsTheVolumeJson) {
  VolumeWorld w;
  VolumeOptions o;
  o.weeks = 1;
  o.end = w.now();
  const auto report = aggregate_volume(*w.orgs, o);
  const auto j = capacity_volume_json(report);
  EXPECT_EQ(j["format"], "mockgc.capacity.volume/1");
  ASSERT_EQ(j["queue_groups"].size(), report.groups.size());
  for (const auto& g : j["queue_groups"]) EXPECT_EQ(g["offered"].size(), 7u * 96u);
  auto parsed = capacity::parse_volume_json(j.dump());
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
}

}  // namespace
}  // namespace mockgc::workflows
