// HTTP Date text: what mock-gc sends and what the client reads back.
#include <gtest/gtest.h>

#include "mockgc/api/time.hpp"

namespace mockgc::api {
namespace {

TEST(HttpDate, FormatsImfFixdateInGmtWithWholeSeconds) {
  EXPECT_EQ(format_http_date(*parse_instant("1994-11-06T08:49:37.999Z")), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(format_http_date(*parse_instant("2028-02-29T23:59:59+10:00")), "Tue, 29 Feb 2028 13:59:59 GMT");
  EXPECT_EQ(format_http_date(*parse_instant("2027-01-01T00:00:00Z")), "Fri, 01 Jan 2027 00:00:00 GMT");
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

}  // namespace
}  // namespace mockgc::api
