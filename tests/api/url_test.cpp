#include <gtest/gtest.h>

#include "mockgc/api/url.hpp"

using namespace mockgc::api;

TEST(QueryParams, AcceptsCommaJoinedEncodedCommaAndRepeatedKeys) {
  EXPECT_EQ(QueryParams::parse("userId=a,b").list("userId"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(QueryParams::parse("userId=a%2Cb").list("userId"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(QueryParams::parse("userId=a&userId=b,c").list("userId"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(QueryParams::parse("userId=").list("userId").empty());
}

TEST(QueryParams, DecodesPlusAndEscapesAndFlagsBadEscapes) {
  auto q = QueryParams::parse("name=Sup%2A+Queue&x=1");
  EXPECT_EQ(q.first("name").value(), "Sup* Queue");
  EXPECT_EQ(q.first("x").value(), "1");
  EXPECT_FALSE(q.first("missing").has_value());
  EXPECT_TRUE(q.valid());
  EXPECT_FALSE(QueryParams::parse("a=%zz").valid());
  EXPECT_FALSE(QueryParams::parse("a=%4").valid());
}

TEST(Target, SplitsEncodedSegmentsWithoutBreakingOnEncodedSlash) {
  auto t = parse_target("/api/v2/x/ac%201%2Fx?y=1");
  ASSERT_TRUE(t.valid);
  ASSERT_EQ(t.segments.size(), 4u);
  EXPECT_EQ(t.segments[3], "ac 1/x");
  EXPECT_EQ(t.raw_query, "y=1");
  EXPECT_EQ(t.query.first("y").value(), "1");
}

TEST(PercentEncode, RoundTrips) {
  std::string s = "a b/c,d*é";
  EXPECT_EQ(percent_decode(percent_encode(s)).value(), s);
  EXPECT_EQ(percent_encode("a b"), "a%20b");
}
