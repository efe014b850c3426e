// The scenario file a failing property leaves (properties/support/counterexample_scenario.hpp): a property that
// fails on timelines of two or more faults is checked with rc::check (not RC_GTEST_PROP, so its failure is data
// here); the file then holds the shrunk case, a loadable scenario with exactly two faults and the clock it drove.
#include "support/counterexample_scenario.hpp"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <rapidcheck.h>

#include "mockgc/core/scenario.hpp"
#include "workflow_world.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;

TEST(CounterexampleScenario, AFailingPropertyLeavesItsShrunkCaseAsAScenarioFile) {
  const std::filesystem::path path = counterexample_scenario_path();
  std::filesystem::remove(path);
  const core::Instant start = core::Instant(std::chrono::hours(24 * 20500));
  const bool passed = rc::check("fails on two faults or more", [&] {
    const auto world = json::parse(*small_world());
    const auto faults = json::parse(*fault_timeline(regions_of(world), 300));
    CounterexampleScenario guard(scenario_text(world, faults, 5), start);
    RC_ASSERT(faults.size() < 2u);
  });
  ASSERT_FALSE(passed);
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  std::ifstream in(path);
  const auto scenario = json::parse(in);
  EXPECT_EQ(scenario["faults"].size(), 2u);  // shrunk: the smallest timeline that still fails
  const auto loaded = core::load_scenario_file(path);
  EXPECT_EQ(loaded.faults.size(), 2u);
  EXPECT_EQ(core::run_start(loaded), start);
  EXPECT_EQ(loaded.seed, 5u);
}

TEST(CounterexampleScenario, APassingPropertyWritesNothing) {
  const std::filesystem::path path = counterexample_scenario_path();
  std::filesystem::remove(path);
  EXPECT_TRUE(rc::check("passes", [] {
    CounterexampleScenario guard(R"({"name": "x"})", std::nullopt);
    RC_ASSERT(true);
  }));
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace mockgc::testing
