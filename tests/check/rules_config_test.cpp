#include "mockgc/check/rules_config.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "driver/judging.hpp"
#include "mockgc/core/scenario.hpp"

#include <nlohmann/json.hpp>

namespace mockgc::check {
namespace {

using nlohmann::json;

std::string error_of(const std::string& text) {
  try {
    RulesConfig::from_json(json::parse(text), "rules.json");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(RulesConfig, CatalogueHasEveryRuleSortedWithSeverities) {
  std::vector<std::string> ids;
  for (const auto& r : rule_catalogue()) ids.push_back(r.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"async-jobs", "channel-duplicates", "channel-heartbeat", "channel-limits",
                                           "channel-one-socket", "channel-reconnect", "channel-resubscribe",
                                           "concurrency", "exit-code", "foreign-ids", "foreign-tokens",
                                           "no-retry-4xx", "outage-backoff", "paging", "poll-jitter", "rate-budget",
                                           "redundant-reads", "region-coverage", "retry-after", "retry-budget",
                                           "token-leak", "token-reuse", "valid-requests", "write-retries"}));
  for (const auto* warn :
       {"poll-jitter", "paging", "async-jobs", "retry-budget", "concurrency", "redundant-reads", "channel-heartbeat"})
    EXPECT_EQ(find_rule(warn)->severity, Severity::warn) << warn;
  EXPECT_EQ(find_rule("retry-after")->severity, Severity::error);
  EXPECT_EQ(find_rule("nope"), nullptr);
}

TEST(RulesConfig, ToJsonRoundTripsOnlyTheSettingsMade) {
  const auto c = RulesConfig::from_json(
      json::parse(R"({"rules": {"paging": false, "retry-after": {"tolerance_s": 2}, "token-reuse": {"enabled": true}}})"),
      "rules.json");
  EXPECT_EQ(c.to_json(), json::parse(R"({"rules": {"paging": {"enabled": false}, "retry-after": {"tolerance_s": 2.0},
                                                   "token-reuse": {"enabled": true}}})"));
  EXPECT_EQ(RulesConfig::from_json(c.to_json(), "again"), c);
  EXPECT_EQ(RulesConfig{}.to_json(), json::parse(R"({"rules": {}})"));
}

TEST(RulesConfig, DefaultsWhenUnset) {
  const RulesConfig c;
  EXPECT_TRUE(c.enabled("paging"));
  EXPECT_EQ(c.threshold("retry-after", "tolerance_s"), 0.0);
  EXPECT_EQ(c.threshold("retry-budget", "max_retry_after_s"), 180.0);
  EXPECT_THROW(c.threshold("retry-after", "colour"), std::out_of_range);
}

TEST(RulesConfig, ParsesEnabledThresholdsAndBareBooleans) {
  const auto c = RulesConfig::from_json(
      json::parse(R"({"rules":{"paging":false,"poll-jitter":{"enabled":true,"spread_s":5},"concurrency":{"max_inflight":2}}})"),
      "x");
  EXPECT_FALSE(c.enabled("paging"));
  EXPECT_TRUE(c.enabled("poll-jitter"));
  EXPECT_EQ(c.threshold("poll-jitter", "spread_s"), 5.0);
  EXPECT_EQ(c.threshold("poll-jitter", "floor_s"), 1.0);
  EXPECT_EQ(c.threshold("concurrency", "max_inflight"), 2.0);
  EXPECT_EQ(RulesConfig::from_json(json::object(), "x"), RulesConfig{});
}

TEST(RulesConfig, ErrorsNameTheJsonPointer) {
  EXPECT_EQ(error_of(R"({"rules":{"retry-after":{"colour":1}}})"),
            "rules.json: /rules/retry-after/colour: unknown key (known: enabled, tolerance_s)");
  EXPECT_EQ(error_of(R"({"rules":{"retry-afterr":{}}})").rfind("rules.json: /rules/retry-afterr: unknown rule (known: "
                                                              "async-jobs, ",
                                                              0),
            0U);
  EXPECT_EQ(error_of(R"({"rulez":{}})"), "rules.json: /rulez: unknown key (expected \"rules\")");
  EXPECT_EQ(error_of(R"({"rules":{"paging":{"enabled":"yes"}}})"), "rules.json: /rules/paging/enabled: must be true or false");
  EXPECT_EQ(error_of(R"({"rules":{"concurrency":{"max_inflight":"8"}}})"),
            "rules.json: /rules/concurrency/max_inflight: must be a number");
  EXPECT_EQ(error_of(R"({"rules":{"concurrency":{"max_inflight":-1}}})"),
            "rules.json: /rules/concurrency/max_inflight: must be a number between 0 and 1e9");
  EXPECT_EQ(error_of(R"({"rules":{"paging":3}})"),
            "rules.json: /rules/paging: must be an object ({\"enabled\": …, thresholds}) or a boolean");
  EXPECT_EQ(error_of(R"([1])"), "rules.json: /: the conformance settings must be a JSON object");
  EXPECT_EQ(error_of(R"({"rules":[]})"), "rules.json: /rules: must be an object of rule ids");
}

TEST(RulesConfig, OverlayWinsRuleByRuleAndKeyByKey) {
  const auto base = RulesConfig::from_json(
      json::parse(R"({"rules":{"paging":false,"poll-jitter":{"spread_s":5,"floor_s":3}}})"), "scenario");
  const auto overlay = RulesConfig::from_json(json::parse(R"({"rules":{"poll-jitter":{"floor_s":9},"concurrency":false}})"), "file");
  const auto m = base.merged_with(overlay);
  EXPECT_FALSE(m.enabled("paging"));  // untouched by the overlay
  EXPECT_FALSE(m.enabled("concurrency"));
  EXPECT_EQ(m.threshold("poll-jitter", "spread_s"), 5.0);
  EXPECT_EQ(m.threshold("poll-jitter", "floor_s"), 9.0);
  // A threshold in the overlay does not switch back on a rule the base disabled.
  const auto again = base.merged_with(RulesConfig::from_json(json::parse(R"({"rules":{"paging":{}}})"), "f"));
  EXPECT_FALSE(again.enabled("paging"));
}

TEST(CheckContext, AWindowAnsweringEveryRequestOfItsRegionIsWholeRegion) {
  // scenarios/apac-outage.json's world, with these faults.
  std::ifstream file(std::string(MOCKGC_CHECK_GOLDEN_DIR) + "/../../../scenarios/apac-outage.json");
  json text = json::parse(file);
  text["faults"] = json::parse(R"([
      {"id": "down", "type": "outage", "region": "ap_southeast_2", "at": "PT10M", "for": "PT30M"},
      {"id": "flaky", "type": "outage", "region": "ap_southeast_2", "probability": 0.5},
      {"id": "analytics", "type": "outage", "status": 504, "family": "analytics"},
      {"id": "one-path", "type": "outage", "path": "/api/v2/users", "at": "PT1M", "for": "PT1M"}
    ])");
  text.erase("expect");
  const auto scenario = core::parse_scenario(text.dump(), "test");
  const CheckContext c = driver::context_for(scenario, "test", 1, 60.0, false);
  ASSERT_EQ(c.faults.size(), 4u);
  EXPECT_TRUE(c.faults[0].whole_region);
  EXPECT_FALSE(c.faults[1].whole_region);
  EXPECT_FALSE(c.faults[2].whole_region);
  EXPECT_FALSE(c.faults[3].whole_region);
  EXPECT_EQ(c.faults[0].end, c.faults[0].start + std::chrono::minutes(30));
}

}  // namespace
}  // namespace mockgc::check
