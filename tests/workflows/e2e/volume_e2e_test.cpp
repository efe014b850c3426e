// Cross-org volume over real sockets against mock-gc on a virtual clock: calm totals equal the server's own
// aggregates; a 429 storm changes nothing in the result and the client stays polite (journal); one region
// down (whole run, or from the middle of its chunks) is missing / partial with the failed intervals and why;
// a token revoked mid-run costs exactly one extra login; local days across both DST changes are right.
#include <gtest/gtest.h>

#include <array>
#include <map>

#include <date/date.h>
#include <date/tz.h>

#include "mockgc/api/time.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/workflows/volume_aggregation.hpp"
#include "fault_runs.hpp"
#include "support/volume_truth.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;
using e2e::LoopbackWorld;

constexpr const char* kMonday = "2026-03-02T09:00:00Z";

VolumeReport run_volume(LoopbackWorld& w, int weeks, client::Instant end, int interval_minutes = 15) {
  VolumeOptions o;
  o.weeks = weeks;
  o.end = end;
  o.interval_minutes = interval_minutes;
  return aggregate_volume(w.orgs(), o);
}

client::Instant at(const std::string& text) { return *parse_utc_instant(text); }

// Ground truth: one aggregate query per org over [from, to) without granularity, per queue
// {offered, handled, handle ms}.
testing::QueueTotals server_totals(LoopbackWorld& w, std::size_t org, client::Instant from, client::Instant to) {
  auto truth = testing::server_queue_totals(*w.direct_client(org), from, to);
  EXPECT_TRUE(truth) << truth.error().message();
  return truth ? *truth : testing::QueueTotals{};
}

TEST(VolumeE2E, CalmEveryRegionCompleteAndEqualToTheServersAggregates) {
  LoopbackWorld w(e2e::calm_scenario("default", kMonday));
  const auto report = run_volume(w, 1, at(kMonday));
  ASSERT_EQ(report.orgs.size(), 2u);
  EXPECT_EQ(report.intervals, 7u * 96u);
  for (std::size_t i = 0; i < report.orgs.size(); ++i) {
    const auto& org = report.orgs[i];
    SCOPED_TRACE(org.org);
    EXPECT_TRUE(org.status.is_complete()) << describe(org.status);
    const auto truth = server_totals(w, i, report.start, report.end);
    // The server's results omit queues without conversations (the calibrated world has quiet queues);
    // gc-hub lists every queue, with zeros for those.
    std::uint64_t offered = 0;
    std::size_t with_data = 0;
    for (const auto& q : org.queues) {
      const auto found = truth.find(q.id);
      if (found == truth.end()) {
        EXPECT_EQ(q.total_offered(), 0u) << q.name;
        EXPECT_EQ(q.total_handled(), 0u) << q.name;
        continue;
      }
      ++with_data;
      const auto t = found->second;
      EXPECT_EQ(q.total_offered(), t[0]) << q.name;
      EXPECT_EQ(q.total_handled(), t[1]) << q.name;
      EXPECT_EQ(q.total_handle_ms(), t[2]) << q.name;
      offered += t[0];
    }
    EXPECT_EQ(with_data, truth.size());  // every queue the server has data for is one gc-hub listed
    EXPECT_GT(offered, 0u);
    EXPECT_EQ(org.offered(), offered);
  }
}

TEST(VolumeE2E, RateLimitStormSameResultAsCalmAndThe429sWereHonoured) {
  const auto storm = e2e::shipped_scenario("rate-limit-storm");
  const auto end = at("2026-03-02T09:00:00Z");
  LoopbackWorld calm(storm);
  const auto expected = to_json(run_volume(calm, 2, end));
  LoopbackWorld w(storm);
  w.storm_before([](const std::string&, int n) { return n % 2 == 1; });  // every other API call
  const auto report = run_volume(w, 2, end);
  for (const auto& o : report.orgs) EXPECT_TRUE(o.status.is_complete()) << o.org << ": " << describe(o.status);
  EXPECT_EQ(to_json(report), expected);
  EXPECT_GT(w.neighbour_requests(), 300);
  EXPECT_GT(w.clock().now(), calm.clock().now() + std::chrono::seconds(60));  // the waits happened (virtually)
  e2e::expect_polite_under_storm(w, 300);
}

TEST(VolumeE2E, OneRegionDownForTheWholeRunIsMissingWithWhyTheOtherComplete) {
  const auto calm_json = [] {
    LoopbackWorld calm(e2e::calm_scenario("default", kMonday));
    return to_json(run_volume(calm, 1, at(kMonday)));
  }();
  LoopbackWorld w(e2e::with_fault(e2e::calm_scenario("default", kMonday),
                                  {{"id", "apac-down"}, {"type", "outage"}, {"region", "ap_southeast_2"}}));
  const auto report = run_volume(w, 1, at(kMonday));
  ASSERT_EQ(report.orgs.size(), 2u);  // never dropped
  EXPECT_TRUE(report.any_missing());
  const auto& emea = report.orgs[0];
  const auto& apac = report.orgs[1];
  ASSERT_EQ(apac.region, "ap_southeast_2");
  EXPECT_TRUE(apac.status.is_missing()) << describe(apac.status);
  // The login itself met the outage (503 on /oauth/token, retried, then given up): said as such, not
  // as refused credentials.
  EXPECT_NE(apac.status.why.find("unavailable"), std::string::npos) << apac.status.why;
  EXPECT_EQ(apac.offered(), 0u);
  EXPECT_TRUE(emea.status.is_complete()) << describe(emea.status);
  EXPECT_EQ(to_json(report)["orgs"][0], calm_json["orgs"][0]);
  // The server saw the client try APAC (and answered 503), and nothing else answered there.
  int apac_logins = 0;
  for (const auto& e : w.journal())
    if (e.region == "ap_southeast_2") {
      EXPECT_EQ(e.status, 503) << e.path;
      apac_logins += e2e::is_token_request(e);
    }
  EXPECT_GE(apac_logins, 1);
}

TEST(VolumeE2E, RegionDownFromTheMiddleOfItsChunksIsPartialWithTheMissingIntervals) {
  // 10 weeks = 3 chunks (31 + 31 + 8 days). Every request costs 1 s of virtual time; the outage starts at
  // APAC's second aggregates request, as timed by a calm run.
  const auto base = e2e::with_latency(e2e::calm_scenario("default", kMonday));
  std::string outage_at;
  json calm_json;
  {
    LoopbackWorld calm(base);
    const auto r = run_volume(calm, 10, at(kMonday), 60);  // hourly: ten weeks stay small
    calm_json = to_json(r);
    const auto aggregates = e2e::requests_matching(calm.journal(), "ap_southeast_2", "/aggregates/query");
    ASSERT_EQ(aggregates.size(), 3u);
    const auto ms = (aggregates[1].time - calm.start()).count();
    outage_at = "PT" + std::to_string(ms / 1000) + "S";
  }
  LoopbackWorld w(e2e::with_fault(base, {{"id", "apac-down-mid-run"},
                                         {"type", "outage"},
                                         {"region", "ap_southeast_2"},
                                         {"at", outage_at}}));
  const auto report = run_volume(w, 10, at(kMonday), 60);
  const auto& apac = report.orgs.at(1);
  EXPECT_EQ(apac.status.kind, RegionStatus::Kind::partial) << describe(apac.status);
  ASSERT_EQ(apac.missing.size(), 2u);
  for (const auto& m : apac.missing) EXPECT_NE(m.why.find("503"), std::string::npos) << m.why;
  EXPECT_EQ(apac.missing[0].chunk.start, report.start + std::chrono::days(31));
  EXPECT_EQ(apac.missing[1].chunk.end, report.end);
  // The first chunk is the calm one; the missing intervals are zero and listed.
  const auto first_chunk_intervals = static_cast<std::size_t>(31 * 24);
  const auto& calm_apac = calm_json["orgs"][1];
  EXPECT_GT(apac.offered(), 0u);
  EXPECT_LT(apac.offered(), calm_apac["offered"].get<std::uint64_t>());
  for (const auto& q : apac.queues)
    for (std::size_t i = first_chunk_intervals; i < q.offered.size(); ++i) ASSERT_EQ(q.offered[i], 0u) << q.name;
  EXPECT_TRUE(report.orgs.at(0).status.is_complete());
  EXPECT_EQ(to_json(report)["orgs"][0], calm_json["orgs"][0]);
  const auto j = to_json(report)["orgs"][1];
  EXPECT_EQ(j["status"], "partial");
  EXPECT_EQ(j["missingIntervals"].size(), 2u);
}

TEST(VolumeE2E, TokenRevokedMidRunOneReloginPerOrgSameResult) {
  const auto base = e2e::with_latency(e2e::calm_scenario("default", kMonday));
  json expected;
  std::string emea_at, apac_at;
  {
    LoopbackWorld calm(base);
    expected = to_json(run_volume(calm, 2, at(kMonday)));
    const auto journal = calm.journal();

    EXPECT_EQ(e2e::token_requests(journal), (std::map<std::string, int>{{"ap_southeast_2", 1}, {"eu_central_1", 1}}));
    const auto per_region = e2e::workflow_requests(journal);
    emea_at = e2e::offset_of_request(calm, journal, "eu_central_1",
                                     static_cast<int>(per_region.at("eu_central_1").size() / 2));
    apac_at = e2e::offset_of_request(calm, journal, "ap_southeast_2",
                                     static_cast<int>(per_region.at("ap_southeast_2").size() / 2));
  }
  auto scenario = e2e::with_fault(base, {{"type", "token"}, {"action", "revoke_at"}, {"region", "eu_central_1"},
                                         {"at", emea_at}});
  scenario = e2e::with_fault(scenario, {{"type", "token"}, {"action", "revoke_at"}, {"region", "ap_southeast_2"},
                                        {"at", apac_at}});
  LoopbackWorld w(scenario);
  const auto report = run_volume(w, 2, at(kMonday));
  for (const auto& o : report.orgs) EXPECT_TRUE(o.status.is_complete()) << o.org << ": " << describe(o.status);
  EXPECT_EQ(to_json(report), expected);
  const auto journal = w.journal();
  EXPECT_EQ(e2e::token_requests(journal), (std::map<std::string, int>{{"ap_southeast_2", 2}, {"eu_central_1", 2}}));
  int refused = 0;
  for (const auto& e : journal) refused += e.status == 401;
  EXPECT_EQ(refused, 2);  // one request per org met its revoked token
  for (std::size_t i = 0; i < w.orgs().size(); ++i) EXPECT_EQ(w.orgs().at(i).stats().relogins_on_401, 1u);
}

// A local day [midnight, next midnight) of `zone` in UTC, with date/tz (not the workflow's helpers).
std::pair<client::Instant, client::Instant> local_day(const std::string& zone, date::local_days d) {
  const auto* tz = date::locate_zone(zone);
  return {std::chrono::time_point_cast<client::Millis>(tz->to_sys(d)),
          std::chrono::time_point_cast<client::Millis>(tz->to_sys(d + date::days(1)))};
}

TEST(VolumeE2E, DstWeekLocalDayRollupsAcrossBothChanges) {
  // dst-week: London springs forward on 2026-03-29, Sydney falls back on 2026-04-05 (local dates).
  LoopbackWorld w(e2e::shipped_scenario("dst-week"));
  const auto end = at("2026-04-07T00:00:00Z");
  w.virtual_clock().set(end);
  const auto report = run_volume(w, 2, end);
  const std::map<std::string, std::pair<std::string, int>> change{{"eu_central_1", {"2026-03-29", 92}},
                                                                  {"ap_southeast_2", {"2026-04-05", 100}}};
  for (std::size_t i = 0; i < report.orgs.size(); ++i) {
    const auto& org = report.orgs[i];
    SCOPED_TRACE(org.org);
    ASSERT_TRUE(org.status.is_complete()) << describe(org.status);
    const auto& [date_text, quarter_hours] = change.at(org.region);
    std::uint64_t sum_days = 0;
    const LocalDay* dst_day = nullptr;
    for (const auto& d : org.days) {
      sum_days += d.offered;
      if (d.date == date_text) dst_day = &d;
    }
    EXPECT_EQ(sum_days, org.offered());
    ASSERT_NE(dst_day, nullptr);
    EXPECT_EQ(dst_day->intervals, quarter_hours);
    // The DST day's totals equal the server's aggregate over that local day's real UTC bounds.
    const auto ymd = date::year_month_day(date::sys_days(*api::parse_local_date(date_text)));
    const auto [from, to] = local_day(org.time_zone, date::local_days(ymd));
    EXPECT_EQ(to - from, std::chrono::hours(quarter_hours / 4));
    std::uint64_t offered = 0, handled = 0;
    for (const auto& [id, t] : server_totals(w, i, from, to)) {
      offered += t[0];
      handled += t[1];
    }
    EXPECT_GT(offered, 0u);
    EXPECT_EQ(dst_day->offered, offered);
    EXPECT_EQ(dst_day->handled, handled);
  }
}

}  // namespace
}  // namespace mockgc::workflows
