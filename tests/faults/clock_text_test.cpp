#include <gtest/gtest.h>

#include "mockgc/core/clock_text.hpp"

using namespace mockgc::core;
using namespace std::chrono_literals;

TEST(ClockText, ParsesUtcAndOffsetInstants) {
  auto z = parse_instant("2026-03-29T01:00:00Z");
  ASSERT_TRUE(z);
  EXPECT_EQ(format_instant(*z), "2026-03-29T01:00:00.000Z");
  EXPECT_EQ(parse_instant("2026-03-29T02:00:00+01:00"), z);
  EXPECT_EQ(parse_instant("2026-03-28T20:00:00-05:00"), z);
  EXPECT_EQ(format_instant(*parse_instant("2028-02-29T23:59:59.5Z")), "2028-02-29T23:59:59.500Z");
}

TEST(ClockText, RejectsMalformedInstants) {
  for (auto bad : {"", "2026-03-29", "2026-03-29T01:00:00", "2026-02-30T00:00:00Z", "2027-02-29T00:00:00Z",
                   "2026-03-29T24:00:00Z", "2026-03-29T01:00:00.1234Z", "2026-03-29T01:00:00Zjunk",
                   "2026-03-29 01:00:00Z", "2026-03-29T01:00:00+0100"})
    EXPECT_FALSE(parse_instant(bad)) << bad;
}

TEST(ClockText, ParsesIsoDurations) {
  EXPECT_EQ(parse_duration("PT1H"), Millis(1h));
  EXPECT_EQ(parse_duration("-PT1H"), Millis(-1h));
  EXPECT_EQ(parse_duration("PT1H30M"), Millis(90min));
  EXPECT_EQ(parse_duration("P1DT2H"), Millis(26h));
  EXPECT_EQ(parse_duration("P1W"), Millis(168h));
  EXPECT_EQ(parse_duration("PT0.5S"), Millis(500));
  EXPECT_EQ(parse_duration("PT0S"), Millis(0));
  for (auto bad : {"", "P", "PT", "1H", "PT1", "P1H", "PT1D", "PT1M1H", "PT1.5M", "PT0.0001S", "P1Y", "P1M"})
    EXPECT_FALSE(parse_duration(bad)) << bad;
}

TEST(ClockText, FormatsDurationsCanonicallyAndRoundTrips) {
  EXPECT_EQ(format_duration(Millis(0)), "PT0S");
  EXPECT_EQ(format_duration(Millis(90min)), "PT1H30M");
  EXPECT_EQ(format_duration(Millis(-1h)), "-PT1H");
  EXPECT_EQ(format_duration(Millis(36h)), "PT36H");
  EXPECT_EQ(format_duration(Millis(-250)), "-PT0.250S");
  for (std::int64_t ms : {0LL, 1LL, -1LL, 999LL, 61'001LL, -3'600'000LL, 86'400'123LL})
    EXPECT_EQ(parse_duration(format_duration(Millis(ms))), Millis(ms)) << ms;
}
