// An instant without seconds, "2026-03-29T01:00Z", means the same at every door: a request body, a scenario
// file's clock.start and POST /mockgc/admin/clock/set (the property suite covers generated texts).
#include <gtest/gtest.h>

#include "mockgc/api/time.hpp"
#include "support/instant_entry_points.hpp"

namespace mockgc::testing {
namespace {

TEST(InstantEntryPoints, MinutePrecisionInstantIsTheSameInstantEverywhere) {
  InstantEntryPoints doors;
  const auto expected = api::parse_instant("2026-03-29T01:00:00.000Z");
  ASSERT_TRUE(expected);
  const auto v = doors.verdicts("2026-03-29T01:00Z");
  EXPECT_TRUE(v.request_body);
  EXPECT_TRUE(v.scenario);
  EXPECT_TRUE(v.admin);
  EXPECT_EQ(v.scenario_start, expected);
  EXPECT_EQ(v.admin_now, expected);
}

TEST(InstantEntryPoints, AnInvalidInstantIsRefusedEverywhere) {
  InstantEntryPoints doors;
  const auto v = doors.verdicts("2026-03-29T01Z");
  EXPECT_FALSE(v.request_body);
  EXPECT_FALSE(v.scenario);
  EXPECT_FALSE(v.admin);
}

}  // namespace
}  // namespace mockgc::testing
