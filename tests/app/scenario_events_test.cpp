// `mock-gc run`'s event expectations (expect.events), played in-process on the virtual clock: scenarios/
// notifications.json passes; an expected event that never comes, an absent one that comes, a field that does not
// match and a topic the server rejects each fail their check with a reason naming the topic; a scenario with
// a malformed expectation is a start-up error.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "mockgc/core/scenario.hpp"
#include "scenario_runner.hpp"

namespace mockgc::app {
namespace {

using nlohmann::json;

const std::filesystem::path kScenario = std::filesystem::path(MOCKGC_SOURCE_DIR) / "scenarios" / "notifications.json";

// scenarios/notifications.json without its faults and with `events` as its only expectations.
RunReport run_with(const std::string& name, json events) {
  std::ifstream in(kScenario);
  json s = json::parse(in);
  s.erase("faults");
  s["expect"] = {{"events", std::move(events)}};
  const auto file = std::filesystem::path(::testing::TempDir()) / (name + ".json");
  std::ofstream(file) << s.dump(2);
  RunOptions o;
  o.scenario = file;
  return run_scenario(o);
}

std::string diffs_of(const CheckResult& c) {
  std::string out;
  for (const auto& d : c.diffs) out += d + "\n";
  return out;
}

TEST(ScenarioEvents, TheNotificationsScenarioPasses) {
  RunOptions o;
  o.scenario = kScenario;
  const auto r = run_scenario(o);
  ASSERT_EQ(r.checks.size(), 5u);
  for (const auto& c : r.checks) EXPECT_TRUE(c.diffs.empty()) << c.name << ": " << diffs_of(c);
}

TEST(ScenarioEvents, AnExpectedEventThatNeverComesFails) {
  // Nobody asks for time off: the user's time-off topic stays silent.
  const auto r = run_with("event-missing", json::array({{{"region", "eu_central_1"},
                                                         {"topic", "v2.users.{user}.workforcemanagement.timeoffrequests"},
                                                         {"by", "PT2M"}}}));
  ASSERT_EQ(r.checks.size(), 1u);
  EXPECT_FALSE(r.passed());
  ASSERT_EQ(r.checks[0].diffs.size(), 1u);
  EXPECT_NE(r.checks[0].diffs[0].find("no event on v2.users."), std::string::npos) << r.checks[0].diffs[0];
  EXPECT_NE(r.checks[0].diffs[0].find(".workforcemanagement.timeoffrequests"), std::string::npos);
  EXPECT_EQ(r.checks[0].diffs[0].find("{user}"), std::string::npos) << "the placeholder is resolved";
}

TEST(ScenarioEvents, TheSameExpectationPassesWhenTheEventComes) {
  // Heartbeats come every 30 s of world time: one arrives by PT31S, none before PT29S.
  const auto r = run_with("event-heartbeat",
                          json::array({{{"region", "eu_central_1"}, {"topic", "channel.metadata"}, {"by", "PT31S"},
                                        {"fields", {{"/message", "WebSocket Heartbeat"}}}},
                                       {{"region", "eu_central_1"}, {"topic", "channel.metadata"}, {"by", "PT29S"},
                                        {"absent", true}}}));
  ASSERT_EQ(r.checks.size(), 2u);
  for (const auto& c : r.checks) EXPECT_TRUE(c.diffs.empty()) << c.name << ": " << diffs_of(c);
}

TEST(ScenarioEvents, AnAbsentEventThatComesFailsWithItsInstant) {
  const auto r = run_with("event-absent", json::array({{{"region", "eu_central_1"},
                                                        {"topic", "channel.metadata"},
                                                        {"by", "PT1M"},
                                                        {"absent", true}}}));
  ASSERT_EQ(r.checks.size(), 1u);
  ASSERT_EQ(r.checks[0].diffs.size(), 1u);
  EXPECT_NE(r.checks[0].diffs[0].find("arrived at PT30S"), std::string::npos) << r.checks[0].diffs[0];
}

TEST(ScenarioEvents, AFieldThatDoesNotMatchFails) {
  const auto r = run_with("event-field", json::array({{{"region", "eu_central_1"},
                                                       {"topic", "channel.metadata"},
                                                       {"by", "PT1M"},
                                                       {"fields", {{"/message", "something else"}}}}}));
  ASSERT_EQ(r.checks.size(), 1u);
  ASSERT_EQ(r.checks[0].diffs.size(), 1u);
  EXPECT_NE(r.checks[0].diffs[0].find("2 on the topic"), std::string::npos) << r.checks[0].diffs[0];
  EXPECT_NE(r.checks[0].diffs[0].find("WebSocket Heartbeat"), std::string::npos) << r.checks[0].diffs[0];
}

TEST(ScenarioEvents, ARejectedTopicFailsWithTheRejectionReason) {
  const auto r = run_with("event-rejected", json::array({{{"region", "eu_central_1"},
                                                          {"topic", "v2.no.such.topic"},
                                                          {"by", "PT1M"}}}));
  ASSERT_EQ(r.checks.size(), 1u);
  ASSERT_EQ(r.checks[0].diffs.size(), 1u);
  EXPECT_NE(r.checks[0].diffs[0].find("rejected"), std::string::npos) << r.checks[0].diffs[0];
}

TEST(ScenarioEvents, AMalformedExpectationIsAStartUpError) {
  EXPECT_THROW(run_with("event-bad", json::array({{{"region", "eu_central_1"}, {"topic", "channel.metadata"}}})),
               core::ScenarioError);  // no `by`
  EXPECT_THROW(run_with("event-bad-pointer", json::array({{{"region", "eu_central_1"},
                                                            {"topic", "channel.metadata"},
                                                            {"by", "PT1M"},
                                                            {"fields", {{"message", "x"}}}}})),
               core::ScenarioError);
}

}  // namespace
}  // namespace mockgc::app
