#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "mockgc/core/clock.hpp"
#include "mockgc/api/time.hpp"

using namespace mockgc::core;
using nlohmann::json;

namespace {
std::string error_of(const json& j) {
  try {
    clock_config_from_json(j);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST(ClockConfig, VirtualClockStartsAtResolvedEdgeAndOnlyMovesWhenAdvanced) {
  auto c = clock_config_from_json(json::parse(
      R"({"mode":"virtual","start":{"edge":"dst","zone":"Europe/London","direction":"backward","offset":"-PT30M"}})"));
  EXPECT_EQ(c.mode, ClockMode::virtual_time);
  ASSERT_TRUE(c.start);
  EXPECT_EQ(mockgc::api::format_instant(*c.start), "2026-10-25T00:30:00.000Z");
  auto clock = make_clock(c);
  auto* v = dynamic_cast<mockgc::api::ManualClock*>(clock.get());
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->now(), *c.start);
  v->advance(Millis(60'000));
  EXPECT_EQ(mockgc::api::format_instant(v->now()), "2026-10-25T00:31:00.000Z");
  EXPECT_EQ(clock_config_from_json(clock_config_to_json(c)), c);
}

TEST(ClockConfig, RealClockWithFixedStartAndSpeed) {
  auto c = clock_config_from_json(json::parse(R"({"mode":"real","start":"2028-02-28T23:59:00Z","speed":60})"));
  EXPECT_EQ(c.speed, 60.0);
  auto clock = make_clock(c);
  EXPECT_NE(dynamic_cast<RealClock*>(clock.get()), nullptr);
  EXPECT_GE(clock->now(), *c.start);
  EXPECT_EQ(clock_config_from_json(clock_config_to_json(c)), c);
}

TEST(ClockConfig, DefaultsToRealWallClock) {
  auto c = clock_config_from_json(json::object());
  EXPECT_EQ(c.mode, ClockMode::real);
  EXPECT_FALSE(c.start);
  EXPECT_EQ(c.speed, 1.0);
}

TEST(ClockConfig, StrictErrorsNameTheKey) {
  EXPECT_EQ(error_of(json::parse(R"({"mode":"virtual"})")), "/clock/start: is required for a virtual clock");
  EXPECT_EQ(error_of(json::parse(R"({"mode":"virtual","start":"2026-01-01T00:00:00Z","speed":2})")),
            "/clock/speed: only applies to \"mode\": \"real\"");
  EXPECT_EQ(error_of(json::parse(R"({"mode":"fast"})")), "/clock/mode: must be \"real\" or \"virtual\"");
  EXPECT_EQ(error_of(json::parse(R"({"mdoe":"real"})")), "/clock/mdoe: unknown key 'mdoe' (allowed here: mode, start, speed)");
  EXPECT_EQ(error_of(json::parse(R"({"speed":0})")), "/clock/speed: must be > 0");
  EXPECT_NE(error_of(json::parse(R"({"start":"yesterday"})")).find("/clock/start: 'start': 'yesterday' is not an ISO-8601 instant"), std::string::npos);
}
