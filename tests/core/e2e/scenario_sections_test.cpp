// The scenario loader's clock / rate_limits / faults / journal / expect sections: values land in the
// Scenario, bad ones are start-up errors naming the file, line, JSON pointer and key; scenarios round-trip.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/core/scenario.hpp"

namespace mockgc::core {
namespace {

using nlohmann::json;

std::string with(const std::string& sections_json) {
  json j = json::parse(default_scenario_text());
  const json sections = json::parse(sections_json);
  for (const auto& [k, v] : sections.items()) j[k] = v;
  return j.dump(2);
}

std::string error_of(const std::string& text) {
  try {
    (void)parse_scenario(text, "x.json");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(ScenarioSections, ParsesEverySection) {
  const auto s = parse_scenario(with(R"({
    "clock": {"mode": "virtual", "start": "2026-03-29T00:30:00Z"},
    "rate_limits": {"per_client_per_minute": 120},
    "faults": [{"type": "outage", "region": "ap_southeast_2", "at": "PT10M", "for": "PT5M"}],
    "journal": {"capacity": 50},
    "expect": {"probes": [{"at": "PT11M", "region": "ap_southeast_2", "path": "/api/v2/users", "status": 503,
                           "code": "service.unavailable", "headers": {"Content-Type": "application/json"}}],
               "counters": [{"route": "/api/v2/users", "status_class": "5xx", "count": 1}]}
  })"), "x.json");
  EXPECT_EQ(s.clock.mode, ClockMode::virtual_time);
  EXPECT_EQ(s.clock.start, mockgc::api::parse_instant("2026-03-29T00:30:00Z"));
  EXPECT_EQ(s.rate_limit_per_minute, 120);
  EXPECT_TRUE(s.limiter_enabled());
  ASSERT_EQ(s.faults.size(), 1u);
  EXPECT_EQ(s.faults[0].at, std::chrono::minutes(10));
  EXPECT_EQ(s.faults[0].region, "ap_southeast_2");
  EXPECT_EQ(s.journal.capacity, 50u);
  ASSERT_EQ(s.expect.probes.size(), 1u);
  EXPECT_EQ(s.expect.probes[0].at, std::chrono::minutes(11));
  EXPECT_EQ(s.expect.probes[0].status, 503);
  EXPECT_EQ(s.expect.probes[0].headers.at(0).second, "application/json");
  ASSERT_EQ(s.expect.counters.size(), 1u);
  EXPECT_EQ(s.expect.counters[0].status_class, 5);
}

TEST(ScenarioSections, NoRateLimitsSectionMeansNoLimiter) {
  EXPECT_TRUE(default_scenario().limiter_enabled()) << "the default world is limited like Genesys (300/min)";
  json without = json::parse(default_scenario_text());
  without.erase("rate_limits");
  EXPECT_FALSE(parse_scenario(without.dump(), "x.json").limiter_enabled());
  EXPECT_TRUE(parse_scenario(with(R"({"rate_limits": {}})"), "x.json").limiter_enabled());
}

TEST(ScenarioSections, UnknownFaultKeyNamesFileLinePointerAndKey) {
  const std::string text = with(R"({"faults": [{"type": "outage"}, {"type": "outage", "staus": 504}]})");
  const auto msg = error_of(text);
  EXPECT_NE(msg.find("x.json:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("/faults/1/staus: unknown key 'staus'"), std::string::npos) << msg;
  // The line is the line of the unknown key itself in the pretty-printed text.
  const auto pos = text.find("\"staus\"");
  const auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n') + 1;
  EXPECT_NE(msg.find(fmt::format("x.json:{}:", line)), std::string::npos) << msg << " expected line " << line;
}

TEST(ScenarioSections, BadValuesNameTheKey) {
  EXPECT_NE(error_of(with(R"({"faults": [{"type": "outage", "for": "10 minutes"}]})")).find("/faults/0/for"),
            std::string::npos);
  EXPECT_NE(error_of(with(R"({"clock": {"mode": "virtual"}})")).find("/clock/start"), std::string::npos);
  EXPECT_NE(error_of(with(R"({"rate_limits": {"per_client_per_minute": 0}})")).find("per_client_per_minute"),
            std::string::npos);
  EXPECT_NE(error_of(with(R"({"journal": {"capacity": -1}})")).find("/journal/capacity"), std::string::npos);
  EXPECT_NE(error_of(with(R"({"faults": [{"type": "outage", "region": "mars_1"}]})")).find("/faults/0/region"),
            std::string::npos);
  EXPECT_NE(error_of(with(R"({"expect": {"probes": [{"region": "eu_central_1", "path": "/x", "stauts": 1}]}})"))
                .find("/expect/probes/0/stauts"),
            std::string::npos);
}

TEST(ScenarioSections, RoundTripsThroughTheWriter) {
  const auto s = parse_scenario(with(R"({
    "clock": {"mode": "virtual", "start": "2026-03-29T00:30:00Z"},
    "rate_limits": {"per_client_per_minute": 120},
    "faults": [{"type": "latency", "distribution": "uniform", "min_ms": 5, "max_ms": 50, "family": "users"},
               {"type": "rate_limit", "path": "/api/v2/users", "per_minute": 5, "at": "PT1M"}],
    "journal": {"capacity": 50},
    "expect": {"probes": [{"at": "PT1M", "region": "eu_central_1", "path": "/api/v2/users", "repeat": 6,
                           "status_counts": {"200": 5, "429": 1}, "body_contains": {"/code": "x"}}]}
  })"), "x.json");
  const auto again = parse_scenario(scenario_to_json_text(s), "x.json");
  EXPECT_EQ(again.clock, s.clock);
  EXPECT_EQ(again.rate_limit_per_minute, s.rate_limit_per_minute);
  EXPECT_EQ(again.faults, s.faults);
  EXPECT_EQ(again.journal.capacity, s.journal.capacity);
  EXPECT_EQ(again.expect, s.expect);
  EXPECT_EQ(scenario_to_json_text(again), scenario_to_json_text(s));
}

TEST(ScenarioSections, ConformanceAndExploreAreKeptAsWrittenForTheCheckLibrary) {
  const auto s = parse_scenario(with(R"({
    "conformance": {"rules": {"poll-jitter": {"enabled": false}}, "anything": [1, 2]},
    "explore": {"depth": 3}
  })"), "x.json");
  EXPECT_EQ(json::parse(s.conformance), json::parse(R"({"rules": {"poll-jitter": {"enabled": false}}, "anything": [1, 2]})"));
  EXPECT_EQ(json::parse(s.explore), json::parse(R"({"depth": 3})"));
  const auto again = parse_scenario(scenario_to_json_text(s), "x.json");
  EXPECT_EQ(again.conformance, s.conformance);
  EXPECT_EQ(again.explore, s.explore);
  EXPECT_EQ(default_scenario().conformance, "") << "absent section";
  EXPECT_EQ(json::parse(scenario_to_json_text(default_scenario())).contains("conformance"), false);
  const auto error = error_of(with(R"({"conformance": [1]})"));
  EXPECT_NE(error.find("'conformance' must be an object"), std::string::npos) << error;
  EXPECT_NE(error_of(with(R"({"explore": "x"})")).find("'explore' must be an object"), std::string::npos);
}

}  // namespace
}  // namespace mockgc::core
