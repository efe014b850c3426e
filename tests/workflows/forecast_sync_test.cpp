// Forecast sync, in-process against mock-gc's core on a virtual clock: a calm import is readable back
// (GET the forecast and its data) and equals what was pushed; under scenarios/forecast-maintenance.json
// the EMEA import falls back to the exact gzip JSON file + runbook while APAC (and EMEA's other APIs)
// keep working, and a retry after the window imports it; a region that is down ends missing with a
// reason. Plus the seasonal-naive mean across a DST change and the import-file helpers.
#include <gtest/gtest.h>

#include <date/date.h>
#include <date/tz.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "mockgc/api/time.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/api/gzip.hpp"
#include "mockgc/workflows/forecast_sync.hpp"
#include "support/default_world.hpp"

namespace mockgc::workflows {
namespace {

using client::Instant;
using client::Millis;
using nlohmann::json;
using namespace std::chrono_literals;

constexpr std::int64_t kNowMs = 1'772'442'000'000;  // 2026-03-02T09:00:00Z, the maintenance scenario's start

std::string read_file(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

std::filesystem::path fresh_dir(const std::string& name) {
  auto dir = std::filesystem::path(::testing::TempDir()) / name;
  std::filesystem::remove_all(dir);
  return dir;
}

// A service built from a scenario file (seed 13) on a virtual clock set to `now_ms`.
struct ScenarioWorld : testing::DefaultWorld {
  ScenarioWorld(const std::string& scenario_file, std::int64_t now_ms)
      : DefaultWorld(now_ms, read_file(std::filesystem::path(MOCKGC_SOURCE_DIR) / "scenarios" / scenario_file), 13) {}
};

std::string week_path(const BusinessUnitForecast& u) {
  return "/api/v2/workforcemanagement/businessunits/" + u.business_unit_id + "/weeks/" + u.week + "/shorttermforecasts";
}

// The imported forecast as mock-gc serves it: item + data (downloadUrl resolved), as planning groups.
std::vector<PlanningGroupForecast> read_back(client::OrgClient& c, const BusinessUnitForecast& u, json& item) {
  auto got = client::get_json(c, week_path(u) + "/" + u.forecast_id);
  EXPECT_TRUE(got.has_value());
  if (got) item = *got;
  auto data = client::get_json(c, week_path(u) + "/" + u.forecast_id + "/data");
  EXPECT_TRUE(data.has_value());
  if (!data) return {};
  json result = data->contains("result") ? (*data)["result"] : json();
  if (!data->contains("result")) {
    auto fetched = client::json_from(c.fetch_url((*data)["downloadUrl"].get<std::string>()));
    EXPECT_TRUE(fetched.has_value());
    if (fetched) result = *fetched;
  }
  EXPECT_EQ(result.value("referenceStartDate", std::string()), api::format_instant(u.reference_start));
  json body = {{"description", u.body.description}, {"planningGroups", result.value("planningGroups", json::array())}};
  auto parsed = forecast_import_body_from_json(body);
  EXPECT_TRUE(parsed.has_value());
  return parsed ? parsed->planning_groups : std::vector<PlanningGroupForecast>{};
}

void expect_same_groups(const std::vector<PlanningGroupForecast>& a, const std::vector<PlanningGroupForecast>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].planning_group_id, b[i].planning_group_id);
    EXPECT_EQ(a[i].offered, b[i].offered) << a[i].planning_group_id;
    EXPECT_EQ(a[i].aht_seconds, b[i].aht_seconds) << a[i].planning_group_id;
  }
}

const BusinessUnitForecast& only_unit(const ForecastSyncReport& r, const std::string& region) {
  for (const auto& o : r.orgs)
    if (o.region == region) {
      EXPECT_EQ(o.units.size(), 1u) << region;
      if (!o.units.empty()) return o.units.front();
    }
  throw std::logic_error("no unit for " + region);
}

TEST(ForecastSync, CalmImportIsReadableBackAndEqualsWhatWasPushed) {
  testing::DefaultWorld w(kNowMs);
  ForecastSyncOptions o;
  o.output_dir = fresh_dir("forecast-calm");
  const auto r = sync_forecasts(*w.orgs, o);
  ASSERT_EQ(r.orgs.size(), 2u);
  EXPECT_FALSE(r.any_missing());
  EXPECT_FALSE(r.runbook_file.has_value());
  EXPECT_FALSE(std::filesystem::exists(o.output_dir));  // nothing to fall back on
  for (std::size_t i = 0; i < r.orgs.size(); ++i) {
    const auto& of = r.orgs[i];
    EXPECT_EQ(of.outcome, ForecastOutcome::imported) << of.org << " " << of.why;
    ASSERT_FALSE(of.units.empty());
    for (const auto& u : of.units) {
      EXPECT_EQ(u.outcome, ForecastOutcome::imported) << u.why;
      EXPECT_FALSE(u.forecast_id.empty());
      EXPECT_FALSE(u.operation_id.empty());
      EXPECT_EQ(u.job_status, "Complete");
      EXPECT_EQ(u.attempts, 1);
      EXPECT_GT(u.offered_total, 0.0);
      // The week after the one containing 2026-03-02 in the BU's zone, on its start day, local midnight.
      const auto* zone = date::locate_zone(u.time_zone);
      const auto first = *api::parse_local_date(u.week);
      EXPECT_EQ(date::weekday(first), u.start_day_of_week == "Sunday" ? date::Sunday : date::Monday) << u.week;
      EXPECT_EQ(u.week, u.start_day_of_week == "Sunday" ? "2026-03-08" : "2026-03-09");
      EXPECT_EQ(u.reference_start, zone->to_sys(date::local_days(first.time_since_epoch())));
      for (const auto& pg : u.body.planning_groups) {
        EXPECT_EQ(pg.offered.size(), 672u);
        EXPECT_EQ(pg.aht_seconds.size(), 672u);
      }
      client::OrgClient reader(w.configs[i], *w.inner, *w.clock);
      json item;
      expect_same_groups(read_back(reader, u, item), u.body.planning_groups);
      EXPECT_EQ(item["creationMethod"], "Import");
      EXPECT_EQ(item["description"], u.body.description);
      EXPECT_EQ(item["weekDate"], u.week);
    }
  }
  // The JSON report names every org and its forecast.
  const auto j = to_json(r);
  EXPECT_EQ(j["orgs"][0]["outcome"], "imported");
  EXPECT_TRUE(j["orgs"][0]["businessUnits"][0].contains("forecastId"));
}

TEST(ForecastSync, MaintenanceWritesTheExactImportFileAndRunbookThenARetryImports) {
  // PT12M into the scenario: forecast import in EMEA (eu_central_1) is in maintenance until PT40M.
  ScenarioWorld w("forecast-maintenance.json", kNowMs + 12 * 60'000);
  ForecastSyncOptions o;
  o.output_dir = fresh_dir("forecast-maintenance-1");
  o.rerun_command = "gc-hub forecast --orgs ORGS.json";
  std::vector<std::string> announced;
  o.on_fallback = [&](const std::string& region, const BusinessUnitForecast&) { announced.push_back(region); };
  const auto first = sync_forecasts(*w.orgs, o);  // retry_for = 0: write the files and stop
  ASSERT_EQ(first.orgs.size(), 2u);
  EXPECT_EQ(announced, std::vector<std::string>{"eu_central_1"});
  const auto& emea = only_unit(first, "eu_central_1");
  EXPECT_EQ(emea.outcome, ForecastOutcome::fallback_written) << emea.why;
  EXPECT_NE(emea.why.find("503 service.unavailable"), std::string::npos) << emea.why;
  EXPECT_FALSE(emea.next_retry.has_value());  // no retry time left
  // The rest of EMEA's API answered during the window: its history and BU settings were read.
  EXPECT_GT(emea.offered_total, 0.0);
  EXPECT_EQ(emea.week, "2026-03-09");
  // APAC is not in maintenance.
  EXPECT_EQ(only_unit(first, "ap_southeast_2").outcome, ForecastOutcome::imported);
  EXPECT_FALSE(first.any_missing());  // a fallback is not a missing region

  // The file: named deterministically, the exact upload bytes, parsing back to what would be pushed.
  ASSERT_TRUE(emea.fallback_file.has_value());
  EXPECT_EQ(emea.fallback_file->filename().string(), forecast_file_name("eu_central_1", emea.business_unit_id, "2026-03-09"));
  const auto bytes = read_file(*emea.fallback_file);
  EXPECT_EQ(bytes, forecast_import_bytes(emea.body));
  const auto text = api::gunzip(bytes);
  ASSERT_TRUE(text.has_value());
  const auto parsed = forecast_import_body_from_json(json::parse(*text));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->description, emea.body.description);
  EXPECT_EQ(parsed->week_count, 1);
  expect_same_groups(parsed->planning_groups, emea.body.planning_groups);
  // The runbook line: printed in the report and in RUNBOOK.txt, with the calls to make by hand.
  ASSERT_TRUE(first.runbook_file.has_value());
  const auto runbook = read_file(*first.runbook_file);
  EXPECT_NE(runbook.find(emea.runbook), std::string::npos);
  for (const char* part : {"/shorttermforecasts/import/uploadurl", "contentLengthBytes", "Content-Encoding: gzip",
                           "/shorttermforecasts/import {\"uploadKey\"", "gc-hub forecast --orgs ORGS.json"})
    EXPECT_NE(emea.runbook.find(part), std::string::npos) << part << " in " << emea.runbook;
  EXPECT_NE(emea.runbook.find(emea.fallback_file->string()), std::string::npos);
  EXPECT_EQ(to_json(first)["orgs"][0]["outcome"], "fallback_written");

  // Again, now retrying for up to 2 h on the virtual clock: the window ends at PT40M and the retry imports.
  const Instant before = w.clock->now();
  ASSERT_LT(before, Instant(Millis(kNowMs + 40 * 60'000)));  // still inside the window
  o.output_dir = fresh_dir("forecast-maintenance-2");
  o.retry_for = 2h;
  announced.clear();
  const auto second = sync_forecasts(*w.orgs, o);
  EXPECT_EQ(announced, std::vector<std::string>{"eu_central_1"});
  const auto& retried = only_unit(second, "eu_central_1");
  EXPECT_EQ(retried.outcome, ForecastOutcome::imported) << retried.why;
  EXPECT_GT(retried.attempts, 1);
  EXPECT_GE(w.clock->now(), Instant(Millis(kNowMs + 40 * 60'000)));  // it waited for the window's end
  EXPECT_LE(w.clock->now(), before + 2h + 30min);
  ASSERT_TRUE(retried.fallback_file.has_value());  // the file written before the retry stays, marked done
  const auto runbook2 = read_file(*second.runbook_file);
  EXPECT_NE(runbook2.find("ALREADY IMPORTED"), std::string::npos) << runbook2;
  EXPECT_NE(runbook2.find(retried.forecast_id), std::string::npos);
  client::OrgClient reader(w.configs[0].region == "eu_central_1" ? w.configs[0] : w.configs[1], *w.inner, *w.clock);
  json item;
  const auto back = read_back(reader, retried, item);
  expect_same_groups(back, forecast_import_body_from_json(json::parse(*api::gunzip(read_file(*retried.fallback_file))))
                               ->planning_groups);
  EXPECT_EQ(item["creationMethod"], "Import");
}

// gc-hub's clock is the machine's until the first response's Date moves it to the server's (a mock-gc world
// months away): the retry deadline is measured on the clock as it reads when the first import falls back,
// so retry_for 0 still means "write the files and stop", without a wait.
TEST(ForecastSync, TheRetryDeadlineFollowsAClockThatMovedToTheServersTime) {
  ScenarioWorld w("forecast-maintenance.json", kNowMs + 12 * 60'000);
  bool aligned = false;
  client::CallbackClock clock(
      [&] { return w.virtual_clock.now() + (aligned ? Millis(0) : Millis(std::chrono::days(270))); },
      [&](Instant t) { w.virtual_clock.sleep_until(t); });
  client::FunctionTransport aligning([&](const client::Endpoint& to, const api::HttpRequest& r,
                                         const client::SendOptions& so) {
    aligned = true;
    return w.failing->send(to, r, so);
  });
  client::OrgClients orgs(w.configs, aligning, clock, client::OrgClientOptions{}, 1);
  ForecastSyncOptions o;
  o.output_dir = fresh_dir("forecast-aligned-clock");
  o.week = date::sys_days(date::year(2026) / 3 / 9);  // the machine's "next week" is not the world's
  const Instant before = w.virtual_clock.now();
  const auto r = sync_forecasts(orgs, o);
  EXPECT_EQ(only_unit(r, "eu_central_1").outcome, ForecastOutcome::fallback_written);
  EXPECT_FALSE(only_unit(r, "eu_central_1").next_retry.has_value());
  EXPECT_LT(w.virtual_clock.now(), before + 5min);  // no retry round (retry_initial: 5 min) was waited for
}

TEST(ForecastSync, ARegionThatIsDownEndsMissingWithAReason) {
  testing::DefaultWorld w(kNowMs);
  const auto apac = std::find_if(w.configs.begin(), w.configs.end(), [](const auto& c) { return c.region == "ap_southeast_2"; });
  ASSERT_NE(apac, w.configs.end());
  w.failing->host = apac->api.host;
  w.failing->fails = [](const std::string&) { return true; };
  ForecastSyncOptions o;
  o.output_dir = fresh_dir("forecast-down");
  const auto r = sync_forecasts(*w.orgs, o);
  EXPECT_TRUE(r.any_missing());
  for (const auto& of : r.orgs) {
    if (of.region == "ap_southeast_2") {
      EXPECT_EQ(of.outcome, ForecastOutcome::missing);
      EXPECT_FALSE(of.why.empty());
      EXPECT_EQ(to_json(r)["orgs"][1]["outcome"], "missing");
    } else {
      EXPECT_EQ(of.outcome, ForecastOutcome::imported) << of.why;
    }
  }
}

// An upload the server refuses completes Error: the unit is `rejected` with the reason the import topic's
// completion event gives (subscribed before the import), not left waiting as "not listed", and the run
// fails; mock-gc's mock-only /mockgc/downloads route is never asked.
TEST(ForecastSync, AnImportThatEndsErrorIsRejectedWithTheReason) {
  testing::DefaultWorld w(kNowMs);
  int completion_reads = 0;
  client::FunctionTransport corrupting([&](const client::Endpoint& to, const api::HttpRequest& request,
                                           const client::SendOptions& options) {
    if (request.target.rfind("/mockgc/downloads/", 0) == 0) ++completion_reads;
    if (request.method != "PUT" || request.target.rfind("/mockgc/uploads/", 0) != 0)
      return w.inner->send(to, request, options);
    api::HttpRequest truncated = request;  // no longer gzip
    truncated.body.resize(truncated.body.size() / 2);
    return w.inner->send(to, truncated, options);
  });
  client::OrgClients orgs(w.configs, corrupting, *w.clock, client::OrgClientOptions{}, 1);
  inproc::InProcessWebSocketConnector sockets(*w.service, w.virtual_clock);
  ForecastSyncOptions o;
  o.output_dir = fresh_dir("forecast-rejected");
  o.sockets = &sockets;
  const auto r = sync_forecasts(orgs, o);
  EXPECT_TRUE(r.any_missing()) << "a rejected import fails the run";
  for (const auto& of : r.orgs) {
    EXPECT_EQ(of.outcome, ForecastOutcome::rejected) << of.org;
    for (const auto& u : of.units) {
      EXPECT_EQ(u.outcome, ForecastOutcome::rejected) << u.why;
      EXPECT_EQ(u.job_status, "Error");
      EXPECT_NE(u.why.find(u.operation_id), std::string::npos) << u.why;
      EXPECT_NE(u.why.find("not gzip-encoded"), std::string::npos) << u.why;
      EXPECT_TRUE(u.forecast_id.empty());
    }
  }
  EXPECT_EQ(completion_reads, 0) << "the completion comes by notification";
  EXPECT_EQ(to_json(r)["orgs"][0]["businessUnits"][0]["outcome"], "rejected");
}

// A calm import completes Complete by notification: the unit carries the event's forecast id, which the
// week lists; the forecast list is not polled for it.
TEST(ForecastSync, AnImportCompletesThroughTheImportTopic) {
  testing::DefaultWorld w(kNowMs);
  int list_reads = 0;
  client::FunctionTransport counting([&](const client::Endpoint& to, const api::HttpRequest& request,
                                         const client::SendOptions& options) {
    if (request.method == "GET" && request.target.find("/shorttermforecasts") != std::string::npos &&
        request.target.find("/shorttermforecasts/") == std::string::npos)
      ++list_reads;
    return w.inner->send(to, request, options);
  });
  client::OrgClients orgs(w.configs, counting, *w.clock, client::OrgClientOptions{}, 1);
  inproc::InProcessWebSocketConnector sockets(*w.service, w.virtual_clock);
  ForecastSyncOptions o;
  o.output_dir = fresh_dir("forecast-by-topic");
  o.sockets = &sockets;
  const auto r = sync_forecasts(orgs, o);
  EXPECT_FALSE(r.any_missing());
  EXPECT_EQ(list_reads, 0) << "no polling while the completion comes by notification";
  for (const auto& of : r.orgs)
    for (const auto& u : of.units) {
      ASSERT_EQ(u.outcome, ForecastOutcome::imported) << u.why;
      EXPECT_EQ(u.job_status, "Complete");
      auto listing = client::get_wfm_listing(orgs.at(&of - r.orgs.data()), week_path(u));
      ASSERT_TRUE(listing.has_value());
      bool listed = false;
      for (const auto& e : (*listing)["entities"]) listed = listed || e["id"] == u.forecast_id;
      EXPECT_TRUE(listed) << u.forecast_id;
    }
}

// EMEA's Notifications API cannot be reached (no channel, so no completion event): EMEA's week forecast list is
// polled instead and the import is found there.
TEST(ForecastSync, ALostCompletionFallsBackToTheForecastList) {
  testing::DefaultWorld w(kNowMs);
  w.failing->host = "api.mypurecloud.de";
  w.failing->fails = [](const std::string& target) { return target.starts_with("/api/v2/notifications"); };
  inproc::InProcessWebSocketConnector sockets(*w.service, w.virtual_clock);
  ForecastSyncOptions o;
  o.output_dir = fresh_dir("forecast-no-topic");
  o.sockets = &sockets;
  const auto r = sync_forecasts(*w.orgs, o);
  EXPECT_FALSE(r.any_missing());
  for (const auto& of : r.orgs)
    for (const auto& u : of.units) EXPECT_EQ(u.outcome, ForecastOutcome::imported) << u.why;
}

TEST(ForecastSync, UnknownBusinessUnitIsMissingNotDropped) {
  testing::DefaultWorld w(kNowMs);
  ForecastSyncOptions o;
  o.business_unit = "No Such BU";
  o.output_dir = fresh_dir("forecast-no-bu");
  const auto r = sync_forecasts(*w.orgs, o);
  ASSERT_EQ(r.orgs.size(), 2u);
  for (const auto& of : r.orgs) {
    EXPECT_EQ(of.outcome, ForecastOutcome::missing);
    EXPECT_NE(of.why.find("No Such BU"), std::string::npos) << of.why;
  }
}

// Europe/London enters BST on 2026-03-29 at 01:00 UTC. The Monday 2026-03-30 week starts at 2026-03-29T23:00Z;
// its local midnight one and two weeks earlier (GMT) are 2026-03-23T00:00Z and 2026-03-16T00:00Z — not the
// instants exactly 168 h earlier.
TEST(ForecastSeasonalNaive, UsesTheSameLocalTimeInEarlierWeeksAcrossDst) {
  const Instant history_start = date::sys_days(date::year(2026) / 3 / 2);  // 4 weeks, up to 2026-03-30T00:00Z
  const std::size_t n = 4 * 672;
  std::vector<std::uint64_t> offered(n), handled(n, 1), handle_ms(n);
  for (std::size_t i = 0; i < n; ++i) {
    offered[i] = i;
    handle_ms[i] = i * 1000;
  }
  const Instant ref = date::sys_days(date::year(2026) / 3 / 29) + 23h;
  const auto f = seasonal_naive_forecast(ref, "Europe/London", 2, history_start, offered, handled, handle_ms);
  ASSERT_EQ(f.offered.size(), 672u);
  const double idx_23 = 21 * 96, idx_16 = 14 * 96;  // 2026-03-23T00:00Z, 2026-03-16T00:00Z
  EXPECT_DOUBLE_EQ(f.offered[0], (idx_23 + idx_16) / 2);
  EXPECT_DOUBLE_EQ(f.aht_seconds[0], (idx_23 + idx_16) / 2);  // Σ handle / Σ handled
  // The last interval starts at local Sunday 2026-04-05 23:45 BST. One week back is 2026-03-29 23:45 BST =
  // 22:45Z (already summer time), two weeks back 2026-03-22 23:45 GMT = 23:45Z.
  const double last_1 = 27 * 96 + 22 * 4 + 3, last_2 = 20 * 96 + 23 * 4 + 3;
  EXPECT_DOUBLE_EQ(f.offered[671], (last_1 + last_2) / 2);
  // Without enough history, fewer weeks are averaged (never zeros mixed in).
  const auto g = seasonal_naive_forecast(ref, "Europe/London", 6, history_start, offered, handled, handle_ms);
  EXPECT_DOUBLE_EQ(g.offered[0], (21 * 96 + 14 * 96 + 7 * 96 + 0) / 4.0);
}

TEST(ForecastSeasonalNaive, AFarFutureWeekUsesTheLastCompleteWeeks) {
  const Instant history_start = date::sys_days(date::year(2026) / 1 / 5);  // Monday, 3 weeks of history
  const std::size_t n = 3 * 672;
  std::vector<std::uint64_t> offered(n), handled(n, 0), handle_ms(n, 0);
  for (std::size_t i = 0; i < n; ++i) offered[i] = i / 672 + 1;  // week w of the history offers w+1 per interval
  const Instant ref = date::sys_days(date::year(2026) / 6 / 1);  // 18 weeks after the history: UTC, no DST
  const auto f = seasonal_naive_forecast(ref, "Etc/UTC", 2, history_start, offered, handled, handle_ms);
  for (double v : f.offered) EXPECT_DOUBLE_EQ(v, (3 + 2) / 2.0);  // the two most recent complete weeks
  for (double v : f.aht_seconds) EXPECT_DOUBLE_EQ(v, 0.0);        // nothing handled anywhere
}

TEST(ForecastSync, AnExplicitPastWeekIsForecastFromTheWeeksBeforeIt) {
  testing::DefaultWorld w(kNowMs);
  ForecastSyncOptions o;
  o.output_dir = fresh_dir("forecast-past");
  o.history_weeks = 2;
  o.week = date::sys_days(date::year(2026) / 2 / 11);  // a Wednesday, three weeks back
  const auto r = sync_forecasts(*w.orgs, o);
  ASSERT_FALSE(r.any_missing());
  for (const auto& of : r.orgs) {
    ASSERT_EQ(of.units.size(), 1u);
    const auto& u = of.units[0];
    EXPECT_EQ(u.outcome, ForecastOutcome::imported) << u.why;
    EXPECT_EQ(u.week, u.start_day_of_week == "Sunday" ? "2026-02-08" : "2026-02-09");
    EXPECT_GT(u.offered_total, 0.0);  // history before that week exists and was used
  }
}

// A client whose clock runs far ahead of the server's world (the usual mistake against a virtual-clock
// mock-gc, or a wrong --week) finds no history: it must not import a forecast of zeros over real planning.
// History partly unreadable (the earlier of the two chunks never answers): averaging the unread weeks as
// zeros would import a too-low forecast, so nothing is imported and the reason names the chunk.
TEST(ForecastSync, APartlyUnreadableHistoryImportsNothing) {
  testing::DefaultWorld w(kNowMs);
  const auto emea = std::find_if(w.configs.begin(), w.configs.end(), [](const auto& c) { return c.region == "eu_central_1"; });
  ASSERT_NE(emea, w.configs.end());
  w.failing->host = emea->api.host;
  int attempts = 0;  // the first chunk's query and every retry of it fail; the second chunk is answered
  w.failing->fails = [&](const std::string& target) {
    return target.find("/analytics/conversations/aggregates/query") != std::string::npos && attempts++ < 6;
  };
  ForecastSyncOptions o;
  o.output_dir = fresh_dir("forecast-partial-history");
  const auto r = sync_forecasts(*w.orgs, o);
  EXPECT_GE(attempts, 6);
  EXPECT_TRUE(r.any_missing());
  for (std::size_t i = 0; i < r.orgs.size(); ++i) {
    const auto& of = r.orgs[i];
    ASSERT_EQ(of.units.size(), 1u) << of.region;
    const auto& u = of.units[0];
    if (of.region != "eu_central_1") {
      EXPECT_EQ(of.outcome, ForecastOutcome::imported) << u.why;
      continue;
    }
    EXPECT_EQ(of.outcome, ForecastOutcome::missing);
    EXPECT_NE(u.why.find("history not readable: "), std::string::npos) << u.why;
    EXPECT_NE(u.why.find("too low"), std::string::npos) << u.why;
    EXPECT_TRUE(u.forecast_id.empty());
    auto listed = client::get_json(w.orgs->at(i), week_path(u));
    ASSERT_TRUE(listed.has_value());
    for (const auto& f : (*listed)["entities"])
      EXPECT_EQ(f.value("description", "").rfind("gc-hub forecast", 0), std::string::npos) << f.dump();
  }
}

TEST(ForecastSync, NoHistoryIsMissingAndNothingIsImported) {
  testing::DefaultWorld w(kNowMs);
  api::ManualClock ahead(core::Instant(core::Millis(kNowMs)) + date::days(400));
  client::OrgClients orgs(w.configs, *w.failing, ahead, client::OrgClientOptions{}, 1);
  ForecastSyncOptions o;
  o.output_dir = fresh_dir("forecast-no-history");
  const auto r = sync_forecasts(orgs, o);
  EXPECT_TRUE(r.any_missing());
  ASSERT_EQ(r.orgs.size(), w.orgs->size());
  for (std::size_t i = 0; i < r.orgs.size(); ++i) {
    const auto& of = r.orgs[i];
    EXPECT_EQ(of.outcome, ForecastOutcome::missing) << of.region;
    ASSERT_EQ(of.units.size(), 1u);
    const auto& u = of.units[0];
    EXPECT_NE(u.why.find("no history to forecast from"), std::string::npos) << u.why;
    EXPECT_TRUE(u.forecast_id.empty());
    auto listed = client::get_json(w.orgs->at(i), week_path(u));
    ASSERT_TRUE(listed.has_value());
    for (const auto& f : (*listed)["entities"])  // the world's own generated forecasts only, none of ours
      EXPECT_EQ(f.value("description", "").rfind("gc-hub forecast", 0), std::string::npos) << f.dump();
  }
}

TEST(ForecastImportFile, GzipIsDeterministicAndRoundTrips) {
  ForecastImportBody b;
  b.description = "d";
  b.planning_groups.push_back({"pg-1", std::vector<double>(672, 1.5), std::vector<double>(672, 300)});
  const auto bytes = forecast_import_bytes(b);
  EXPECT_EQ(bytes, forecast_import_bytes(b));
  ASSERT_GE(bytes.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(bytes[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(bytes[1]), 0x8b);
  const auto back = forecast_import_body_from_json(json::parse(*api::gunzip(bytes)));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->planning_groups.at(0).offered, b.planning_groups[0].offered);
  EXPECT_FALSE(api::gunzip("not gzip").has_value());
  EXPECT_EQ(forecast_file_name("eu_central_1", "bu/1 x", "2026-03-09"), "eu_central_1_bu-1-x_2026-03-09.json.gz");
}

}  // namespace
}  // namespace mockgc::workflows
