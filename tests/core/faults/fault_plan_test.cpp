#include <gtest/gtest.h>

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/core/faults/fault_plan.hpp"

using namespace mockgc::core;
using namespace mockgc::core::faults;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {
Instant t0() { return *mockgc::api::parse_instant("2026-03-29T00:00:00Z"); }

FaultPlan plan(const char* text, std::uint64_t seed = 1) { return FaultPlan::from_json(json::parse(text), t0(), seed); }

std::string error_of(const char* text) {
  try {
    plan(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

FaultDecision at(const FaultPlan& p, Millis offset, std::string_view path = "/api/v2/users", std::string_view region = "eu",
                 std::uint64_t ordinal = 0, std::string_view method = "GET") {
  return p.evaluate({t0() + offset, region, method, path, "client-1", ordinal});
}

const char* kImport = "/api/v2/workforcemanagement/businessunits/bu-1/weeks/2026-03-30/shorttermforecasts/import";
}  // namespace

TEST(FaultPlan, OutageWindowGivesGenesys503Or504OnlyInsideWindowRegionAndPath) {
  auto p = plan(R"([{"type":"outage","at":"PT10M","for":"PT5M","region":"eu","path":"/api/v2/analytics/**"},
                    {"type":"outage","id":"timeouts","at":"2026-03-29T01:00:00Z","status":504}])");
  EXPECT_FALSE(at(p, 9min, "/api/v2/analytics/x").any());
  auto d = at(p, 10min, "/api/v2/analytics/conversations/aggregates/query");
  ASSERT_TRUE(d.early);
  EXPECT_EQ(d.early->status, 503);
  EXPECT_EQ(d.early->code, "service.unavailable");
  EXPECT_EQ(d.applied, "outage#0");
  EXPECT_FALSE(at(p, 15min, "/api/v2/analytics/x").any());  // `for` is exclusive
  EXPECT_FALSE(at(p, 12min, "/api/v2/users").any());
  EXPECT_FALSE(at(p, 12min, "/api/v2/analytics/x", "us").any());
  auto t = at(p, 61min, "/api/v2/users", "us");
  ASSERT_TRUE(t.early);
  EXPECT_EQ(t.early->status, 504);
  EXPECT_EQ(t.early->message, "The request timed out.");
  EXPECT_EQ(t.applied, "timeouts");
}

TEST(FaultPlan, MaintenanceTakesDownOneFamilyOnly) {
  auto p = plan(R"([{"type":"maintenance","family":"forecast-import","for":"PT1H"}])");
  auto d = at(p, 1min, kImport);
  ASSERT_TRUE(d.early);
  EXPECT_EQ(d.early->status, 503);
  EXPECT_FALSE(at(p, 1min, "/api/v2/workforcemanagement/businessunits/bu-1/activitycodes").any());
  EXPECT_FALSE(at(p, 61min, kImport).any());
}

TEST(FaultPlan, LatencyFixedUniformAndLognormalAreDeterministicAndBounded) {
  auto p = plan(R"([{"type":"latency","ms":250,"path":"/api/v2/users"},
                    {"type":"latency","id":"jitter","distribution":"uniform","min_ms":10,"max_ms":20,"path":"/api/v2/routing/**"},
                    {"type":"latency","id":"tail","distribution":"lognormal","median_ms":100,"sigma":0.5,"max_ms":1000,"path":"/api/v2/analytics/**"}])");
  EXPECT_EQ(at(p, 0ms).latency, 250ms);
  std::vector<std::int64_t> tail;
  for (std::uint64_t i = 0; i < 2000; ++i) {
    auto u = at(p, 0ms, "/api/v2/routing/queues", "eu", i).latency.count();
    EXPECT_GE(u, 10);
    EXPECT_LE(u, 20);
    EXPECT_EQ(u, at(p, 0ms, "/api/v2/routing/queues", "eu", i).latency.count());
    tail.push_back(at(p, 0ms, "/api/v2/analytics/q", "eu", i).latency.count());
  }
  std::sort(tail.begin(), tail.end());
  EXPECT_NEAR(static_cast<double>(tail[1000]), 100.0, 10.0);  // median of lognormal = exp(mu)
  EXPECT_LE(tail.back(), 1000);
  EXPECT_GT(tail.back(), 250);  // sigma 0.5 has a real tail
}

TEST(FaultPlan, ProbabilityIsDeterministicFromSeedAndSite) {
  const char* text = R"([{"type":"outage","probability":0.3}])";
  auto a = plan(text, 7), b = plan(text, 7), c = plan(text, 8);
  int fired = 0, same_as_other_seed = 0;
  for (std::uint64_t i = 0; i < 2000; ++i) {
    bool fa = at(a, 0ms, "/x", "eu", i).any();
    EXPECT_EQ(fa, at(b, 0ms, "/x", "eu", i).any());
    fired += fa;
    same_as_other_seed += fa == at(c, 0ms, "/x", "eu", i).any();
  }
  EXPECT_NEAR(fired, 600, 90);
  EXPECT_LT(same_as_other_seed, 1900);  // another seed gives another pattern
}

TEST(FaultPlan, ADrawFollowsTheRequestAndItsAttemptNotTheTimeItArrives) {
  auto p = plan(R"([{"type":"outage","for":"PT1H","probability":0.5}])");
  int retries_differ = 0, bodies_differ = 0;
  for (std::uint64_t attempt = 0; attempt < 200; ++attempt) {
    const bool first = at(p, 1s, "/x", "eu", attempt).any();
    for (Millis later : {Millis(7), Millis(59min)})  // the same attempt of the same request, anywhere in the window
      EXPECT_EQ(first, at(p, later, "/x", "eu", attempt).any());
    retries_differ += first != at(p, 1s, "/x", "eu", attempt + 1).any();
    RequestFacts other_body{t0() + 1s, "eu", "GET", "/x", "client-1", attempt, 42};
    bodies_differ += first != p.evaluate(other_body).any();
  }
  EXPECT_GT(retries_differ, 60);  // a retry is a fresh draw
  EXPECT_GT(bodies_differ, 60);   // so is another request to the same path
}

TEST(FaultPlan, ActivationSwitchesWholeSitesPerRun) {
  std::string text = "[";
  for (int i = 0; i < 200; ++i) text += fmt::format("{}{{\"type\":\"outage\",\"activation\":0.5}}", i ? "," : "");
  text += "]";
  auto p = plan(text.c_str(), 3);
  int on = 0;
  for (std::size_t i = 0; i < 200; ++i) on += p.site_active(i);
  EXPECT_NEAR(on, 100, 25);
  auto d = at(p, 0ms);
  ASSERT_EQ(d.early.has_value(), on > 0);
}

TEST(FaultPlan, TransportFaultCarriesSlowBodyParameters) {
  auto p = plan(R"([{"type":"transport","action":"slow_body","bytes_per_chunk":16,"chunk_interval_ms":250},
                    {"type":"transport","action":"reset"}])");
  auto d = at(p, 0ms);
  EXPECT_EQ(d.transport, TransportAction::slow_body);  // first transport fault wins
  EXPECT_EQ(d.bytes_per_chunk, 16);
  EXPECT_EQ(d.chunk_interval, 250ms);
  EXPECT_EQ(d.applied, "transport#0");
}

TEST(FaultPlan, RateLimitFaultsBecomeLimiterRules) {
  auto p = plan(R"([{"type":"rate_limit","at":"PT1M","for":"PT2M","region":"eu","method":"PUT","path":"/api/v2/architect/ivrs/*","per_minute":100},
                    {"type":"rate_limit","id":"squeeze","per_minute":10}])");
  auto rules = p.rate_limit_rules();
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].id, "rate_limit#0");
  EXPECT_EQ(rules[0].per_minute, 100);
  EXPECT_EQ(rules[0].from, t0() + 1min);
  EXPECT_EQ(rules[0].until, t0() + 3min);
  EXPECT_FALSE(rules[0].client_wide());
  EXPECT_TRUE(rules[1].client_wide());
  EXPECT_FALSE(rules[1].until);
  EXPECT_FALSE(at(p, 2min, "/api/v2/architect/ivrs/1").any());  // limits act in the limiter, not evaluate
}

TEST(FaultPlan, TokenFaults) {
  auto p = plan(R"([{"type":"token","action":"short_lifetime","lifetime":"PT2M","at":"PT10M","for":"PT10M","region":"eu"},
                    {"type":"token","action":"revoke_at","at":"PT30M","client_id":"client-1"}])");
  EXPECT_FALSE(p.token_lifetime(t0() + 5min, "eu", "client-1"));
  EXPECT_EQ(p.token_lifetime(t0() + 10min, "eu", "client-1"), Millis(2min));
  EXPECT_FALSE(p.token_lifetime(t0() + 10min, "us", "client-1"));
  EXPECT_FALSE(p.token_revoked(t0(), t0() + 29min, "eu", "client-1"));
  EXPECT_TRUE(p.token_revoked(t0(), t0() + 30min, "eu", "client-1"));
  EXPECT_TRUE(p.token_revoked(t0(), t0() + 30min, "us", "client-1"));  // no region = every region
  EXPECT_FALSE(p.token_revoked(t0(), t0() + 30min, "eu", "client-2"));
  EXPECT_FALSE(p.token_revoked(t0() + 30min, t0() + 40min, "eu", "client-1"));  // issued after revocation
}

TEST(FaultPlan, DueEventsAreOrderedAndTheCursorDeliversEachOnce) {
  auto p = plan(R"([{"type":"data","action":"rename_activity_code","at":"PT5M","business_unit":"bu-1","activity_code":"ac-2","name":"Lunch new"},
                    {"type":"data","action":"add_agents","at":"PT1M","management_unit":"mu-1","count":3,"region":"eu"},
                    {"type":"clock_skew","at":"PT2M","for":"PT1M","region":"us","skew":"-PT90S"},
                    {"type":"data","action":"remove_agents","at":"PT5M","management_unit":"mu-1","users":["u1","u2"]},
                    {"type":"data","action":"recategorise_activity_code","at":"PT6M","business_unit":"bu-1","activity_code":"ac-3","category":"Meal"}])");
  auto all = p.due_events(Instant::min(), t0() + 1h);
  std::vector<std::string> ids;
  for (const auto& e : all) ids.push_back(e.fault_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"data#1", "clock_skew#2", "clock_skew#2", "data#0", "data#3", "data#4"}));
  EXPECT_EQ(std::get<AgentsAdded>(all[0].payload).count, 3);
  EXPECT_EQ(all[0].region, "eu");
  EXPECT_EQ(std::get<ClockSkewChange>(all[1].payload).skew, Millis(-90s));
  EXPECT_EQ(std::get<ClockSkewChange>(all[2].payload).skew, Millis(0));
  EXPECT_EQ(std::get<ActivityCodeRenamed>(all[3].payload).name, "Lunch new");
  EXPECT_EQ(std::get<AgentsRemoved>(all[4].payload).users, (std::vector<std::string>{"u1", "u2"}));
  EXPECT_EQ(std::get<ActivityCodeRecategorised>(all[5].payload).category, "Meal");
  EXPECT_EQ(p.clock_skew(t0() + 150s, "us"), Millis(-90s));
  EXPECT_EQ(p.clock_skew(t0() + 150s, "eu"), Millis(0));

  EventCursor cursor(p);
  EXPECT_EQ(cursor.advance_to(t0() + 1min).size(), 1u);  // exactly at `at` counts
  EXPECT_EQ(cursor.advance_to(t0() + 1min).size(), 0u);
  EXPECT_EQ(cursor.advance_to(t0() + 5min).size(), 4u);
  EXPECT_EQ(cursor.advance_to(t0() + 2h).size(), 1u);
}

TEST(FaultPlan, JsonRoundTripIsCanonical) {
  auto p = plan(R"([{"type":"outage","at":"2026-03-29T00:05:00Z","for":"PT1M","probability":0.25,"activation":0.5},
                    {"type":"latency","distribution":"lognormal","median_ms":80,"sigma":0.75},
                    {"type":"transport","action":"malformed_json","family":"analytics"},
                    {"type":"token","action":"short_lifetime","lifetime":"PT30S"},
                    {"type":"data","action":"add_agents","management_unit":"mu","count":2},
                    {"type":"clock_skew","skew":"PT2M","region":"us"}])");
  EXPECT_EQ(p.faults()[0].at, Millis(5min));  // absolute instants become offsets from the clock start
  auto j = p.to_json();
  EXPECT_EQ(j[0]["at"], "PT5M");
  EXPECT_EQ(FaultPlan::from_json(j, t0(), 1), p);
}

TEST(FaultPlan, StrictErrorsNameFaultIndexAndKeyAsJsonPointers) {
  EXPECT_EQ(error_of(R"([{"type":"outage","staus":504}])"), "/faults/0/staus: unknown key 'staus' (allowed here: type, id, at, for, region, method, path, family, probability, activation, status)");
  EXPECT_EQ(error_of(R"([{"type":"outage","status":500}])"), "/faults/0/status: must be 503 or 504");
  EXPECT_EQ(error_of(R"([{"type":"maintenance"}])"), "/faults/0/family: is required for a maintenance window");
  EXPECT_EQ(error_of(R"([{"type":"maintenance","family":"forecasts-import"}])"),
            "/faults/0/family: unknown API family \"forecasts-import\"");
  EXPECT_EQ(error_of(R"([{"type":"outage","probability":1.5}])"), "/faults/0/probability: must be 0 … 1");
  EXPECT_EQ(error_of(R"([{"type":"outage"},{"type":"outage","id":"outage#0"}])"), "/faults/1/id: duplicate id \"outage#0\"");
  EXPECT_EQ(error_of(R"([{"type":"outage","path":"api/v2"}])"), "/faults/0/path: path pattern \"api/v2\" must start with '/'");
  EXPECT_EQ(error_of(R"([{"type":"outage","for":"10 minutes"}])"),
            "/faults/0/for: 'for': '10 minutes' is not an ISO-8601 duration (e.g. PT5M, -PT1H, PT0.5S)");
  EXPECT_EQ(error_of(R"([{"type":"token","action":"revoke_at","for":"PT1M"}])"),
            "/faults/0/for: revoke_at happens at one instant (`at`)");
  EXPECT_EQ(error_of(R"([{"type":"data","action":"add_agents","management_unit":"mu","count":1,"name":"x"}])"),
            "/faults/0/name: does not apply to action add_agents");
  EXPECT_EQ(error_of(R"([{"type":"token","action":"revoke_at","path":"/x"}])"), "/faults/0/path: unknown key 'path' (allowed here: type, id, at, for, region, probability, activation, action, client_id, lifetime)");
  EXPECT_EQ(error_of(R"([{"type":"bogus"}])"),
            "/faults/0/type: must be one of rate_limit, outage, maintenance, latency, transport, token, data, clock_skew, "
            "notification");
  EXPECT_EQ(error_of(R"({"type":"outage"})"), "/faults: must be a JSON array");
  EXPECT_EQ(error_of(R"([{"type":"latency","ms":5,"sigma":1}])"), "/faults/0/sigma: does not apply to a fixed latency");
}

TEST(FaultPlan, BodyFaultsProduceInvalidJson) {
  std::string body = R"({"entities":[{"id":"a"}],"pageSize":25})";
  for (auto broken : {truncate_json_body(body), malform_json_body(body), malform_json_body("[1,2]"),
                      truncate_json_body("1")}) {
    EXPECT_TRUE(json::parse(broken, nullptr, false).is_discarded()) << broken;
  }
  EXPECT_EQ(malform_json_body(body).substr(0, 4), "{NaN");
}
