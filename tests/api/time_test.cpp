// ISO-8601 instants, durations and local dates, and HTTP Date text: what mock-gc sends and what the client reads back.
#include <gtest/gtest.h>

#include "mockgc/api/time.hpp"

namespace mockgc::api {
namespace {

TEST(HttpDate, FormatsImfFixdateInGmtWithWholeSeconds) {
  EXPECT_EQ(format_http_date(*parse_instant("1994-11-06T08:49:37.999Z")), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(format_http_date(*parse_instant("2028-02-29T23:59:59+10:00")), "Tue, 29 Feb 2028 13:59:59 GMT");
  EXPECT_EQ(format_http_date(*parse_instant("2027-01-01T00:00:00Z")), "Fri, 01 Jan 2027 00:00:00 GMT");
}

TEST(HttpDate, EachCallFormatsItsOwnSecond) {
  // Within a second, across seconds, days and the epoch, and back to a second seen before.
  const auto at = [](const char* iso) { return *parse_instant(iso); };
  EXPECT_EQ(format_http_date(at("2026-12-05T17:00:54.001Z")), "Sat, 05 Dec 2026 17:00:54 GMT");
  EXPECT_EQ(format_http_date(at("2026-12-05T17:00:54.999Z")), "Sat, 05 Dec 2026 17:00:54 GMT");
  EXPECT_EQ(format_http_date(at("2026-12-05T17:00:55.000Z")), "Sat, 05 Dec 2026 17:00:55 GMT");
  EXPECT_EQ(format_http_date(at("2026-12-06T17:00:55.000Z")), "Sun, 06 Dec 2026 17:00:55 GMT");
  EXPECT_EQ(format_http_date(at("1969-12-31T23:59:59.500Z")), "Wed, 31 Dec 1969 23:59:59 GMT");
  EXPECT_EQ(format_http_date(at("1970-01-01T00:00:00.000Z")), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(format_http_date(at("2026-12-05T17:00:54.500Z")), "Sat, 05 Dec 2026 17:00:54 GMT");
}

TEST(HttpDate, ParsesWhatItFormatsAndRejectsOtherText) {
  const auto t = *parse_instant("2026-03-29T01:00:00Z");
  EXPECT_EQ(parse_http_date(format_http_date(t)), t);
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), parse_instant("1994-11-06T08:49:37Z"));
  EXPECT_FALSE(parse_http_date(""));
  EXPECT_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"));  // obsolete RFC 850 form
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT trailing"));
  EXPECT_FALSE(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"));
}

TEST(Time, FormatsMillisecondsZulu) {
  auto t = parse_instant("2024-03-11T08:00:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_instant(*t), "2024-03-11T08:00:00.000Z");
  EXPECT_EQ(format_instant(*parse_instant("2024-03-11T08:00:00.1234+10:00")), "2024-03-10T22:00:00.123Z");
  EXPECT_EQ(format_instant(*parse_instant("2024-03-11T08:00-0530")), "2024-03-11T13:30:00.000Z");
  EXPECT_EQ(format_instant(*parse_instant("2024-02-29t23:59:59.999z")), "2024-02-29T23:59:59.999Z");
  EXPECT_EQ(format_instant_seconds(*parse_instant("2024-02-29t23:59:59.999z")), "2024-02-29T23:59:59Z");
  EXPECT_EQ(parse_instant(format_instant_seconds(*t)), t);
}

TEST(Time, RejectsMalformedAndImpossibleDates) {
  for (const char* bad : {"", "2024-03-11", "2024-03-11T08:00:00", "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z",
                          "2024-13-01T00:00:00Z", "2024-03-11T24:00:00Z", "2024-03-11T08:00:00ZZ", "yesterday",
                          "2024-03-11T08:00:00.Z", "2024-03-11T08:00:00+25:00", "2024-3-11T08:00:00Z"})
    EXPECT_FALSE(parse_instant(bad)) << bad;
  EXPECT_TRUE(parse_local_date("2024-02-29"));
  EXPECT_FALSE(parse_local_date("2023-02-29"));
  EXPECT_EQ(format_local_date(*parse_local_date("2024-02-29")), "2024-02-29");
}

TEST(Time, OneGrammarForEveryInstant) {
  const auto z = parse_instant("2026-03-29T01:00:00Z");
  ASSERT_TRUE(z);
  EXPECT_EQ(format_instant(*z), "2026-03-29T01:00:00.000Z");
  for (const char* same : {"2026-03-29T01:00Z", "2026-03-29T01:00:00.000Z", "2026-03-29T02:00:00+01:00",
                           "2026-03-29T02:00+0100", "2026-03-28T20:00:00-05:00", "2026-03-29t01:00:00.0000001z"})
    EXPECT_EQ(parse_instant(same), z) << same;
  EXPECT_EQ(format_instant(*parse_instant("2028-02-29T23:59:59.5Z")), "2028-02-29T23:59:59.500Z");
  for (const char* bad : {"2026-03-29T01:00:00.1234567890Z", "2026-03-29T01:00:00Zjunk", "2026-03-29 01:00:00Z",
                          "2026-03-29T01Z", "2026-03-29T01:00:0Z", "2026-03-29T01:00+01", "2026-03-29T01:00+19:00",
                          " 2026-03-29T01:00Z", "2026-03-29T01:00Z "})
    EXPECT_FALSE(parse_instant(bad)) << bad;
}

TEST(Time, ParsesIsoDurations) {
  using std::chrono::milliseconds;
  using namespace std::chrono_literals;
  EXPECT_EQ(parse_duration("PT1H"), milliseconds(1h));
  EXPECT_EQ(parse_duration("-PT1H"), milliseconds(-1h));
  EXPECT_EQ(parse_duration("PT1H30M"), milliseconds(90min));
  EXPECT_EQ(parse_duration("P1DT2H"), milliseconds(26h));
  EXPECT_EQ(parse_duration("P1W"), milliseconds(168h));
  EXPECT_EQ(parse_duration("PT0.5S"), milliseconds(500));
  EXPECT_EQ(parse_duration("PT0S"), milliseconds(0));
  for (auto bad : {"", "P", "PT", "1H", "PT1", "P1H", "PT1D", "PT1M1H", "PT1.5M", "PT0.0001S", "P1Y", "P1M"})
    EXPECT_FALSE(parse_duration(bad)) << bad;
}

TEST(Time, FormatsDurationsCanonicallyAndRoundTrips) {
  using std::chrono::milliseconds;
  using namespace std::chrono_literals;
  EXPECT_EQ(format_duration(milliseconds(0)), "PT0S");
  EXPECT_EQ(format_duration(milliseconds(90min)), "PT1H30M");
  EXPECT_EQ(format_duration(milliseconds(-1h)), "-PT1H");
  EXPECT_EQ(format_duration(milliseconds(36h)), "PT36H");
  EXPECT_EQ(format_duration(milliseconds(-250)), "-PT0.250S");
  for (std::int64_t ms : {0LL, 1LL, -1LL, 999LL, 61'001LL, -3'600'000LL, 86'400'123LL})
    EXPECT_EQ(parse_duration(format_duration(milliseconds(ms))), milliseconds(ms)) << ms;
}

}  // namespace
}  // namespace mockgc::api
