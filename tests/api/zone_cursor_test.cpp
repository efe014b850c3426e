// ZoneCursor gives time_zone::to_local's answer for every instant, across DST transitions and in any order.
#include <gtest/gtest.h>

#include "mockgc/api/time.hpp"
#include "mockgc/api/zone_cursor.hpp"

namespace mockgc::api {
namespace {

TEST(ZoneCursor, AgreesWithToLocalAcrossTransitionsForwardAndBack) {
  for (const char* name : {"Europe/London", "Australia/Sydney", "America/New_York", "Asia/Kolkata", "UTC"}) {
    const auto* zone = date::locate_zone(name);
    ZoneCursor cursor(*zone);
    // A year of quarter-hours holds both transitions of every zone above that has them.
    const Instant start = *parse_instant("2026-01-01T00:00:00Z");
    for (int i = 0; i < 365 * 96; ++i) {
      const Instant t = start + std::chrono::minutes(15) * i;
      ASSERT_EQ(cursor.to_local(t), zone->to_local(t)) << name << " at " << format_instant(t);
    }
    // Backwards, and a jump of years, leave the last period.
    for (const char* text : {"2026-03-29T00:59:59.999Z", "2026-03-29T01:00:00Z", "2019-07-01T12:00:00Z",
                             "2026-10-25T00:59:59Z", "2026-10-25T01:00:00Z"}) {
      const Instant t = *parse_instant(text);
      EXPECT_EQ(cursor.to_local(t), zone->to_local(t)) << name << " at " << text;
      const auto s = date::floor<std::chrono::seconds>(t);
      EXPECT_EQ(cursor.to_local(s), zone->to_local(s)) << name << " at " << text;
    }
  }
}

}  // namespace
}  // namespace mockgc::api
