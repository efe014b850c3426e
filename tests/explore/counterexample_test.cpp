#include "mockgc/explore/counterexample.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mockgc/core/scenario.hpp"

namespace mockgc::explore {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

json base() { return json::parse(core::default_scenario_text()); }

TEST(Counterexample, ReplacesFaultsConformanceAndLabelKeepsTheRest) {
  auto scenario = base();
  scenario["faults"] = json::parse(R"([{"type": "outage", "at": "PT1H"}])");
  scenario["explore"] = {{"max_faults", 2}};
  const auto e = parse_envelope("", {{"eu_central_1", "ap_southeast_2"}, core::Millis(10min)}, "s.json");
  const auto timeline = draw_timeline(e, 5, 2);
  const json conformance = {{"rules", {{"retry-after", {{"enabled", true}}}}}};
  const auto text = scenario_text(scenario, timeline, conformance, {"default", "what it reproduces"});
  const auto out = json::parse(text);
  EXPECT_EQ(out["world"], scenario["world"]);
  EXPECT_EQ(out["seed"], scenario["seed"]);
  EXPECT_EQ(out["explore"], scenario["explore"]);
  EXPECT_EQ(out["conformance"], conformance);
  EXPECT_EQ(out["description"], "what it reproduces");
  ASSERT_EQ(out["faults"].size(), timeline.size());
  EXPECT_EQ(text.back(), '\n');
  // The loader reads it back to the same timeline: a replayable scenario file.
  const auto loaded = core::parse_scenario(text, "counterexample.json");
  EXPECT_EQ(loaded.faults, timeline);
  // Same inputs, same bytes.
  EXPECT_EQ(scenario_text(scenario, timeline, conformance, {"default", "what it reproduces"}), text);
}

TEST(Counterexample, CalmWeatherHasNoFaultsKey) {
  auto scenario = base();
  scenario["faults"] = json::parse(R"([{"type": "outage", "at": "PT1H"}])");
  const auto out = json::parse(scenario_text(scenario, {}, {{"rules", json::object()}}, {"n", "d"}));
  EXPECT_FALSE(out.contains("faults"));
  EXPECT_TRUE(core::parse_scenario(out.dump(), "c.json").faults.empty());
}

}  // namespace
}  // namespace mockgc::explore
