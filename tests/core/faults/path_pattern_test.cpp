#include <gtest/gtest.h>

#include "mockgc/core/faults/path_pattern.hpp"

using mockgc::core::faults::PathPattern;

TEST(PathPattern, DoubleStarMatchesZeroOrMoreSegments) {
  PathPattern p("/api/v2/workforcemanagement/**");
  EXPECT_TRUE(p.matches("/api/v2/workforcemanagement"));
  EXPECT_TRUE(p.matches("/api/v2/workforcemanagement/businessunits/bu-1/activitycodes"));
  EXPECT_FALSE(p.matches("/api/v2/workforcemanagementx"));
  EXPECT_FALSE(p.matches("/api/v2/users"));
  PathPattern mid("/api/v2/**/import");
  EXPECT_TRUE(mid.matches("/api/v2/a/b/c/import"));
  EXPECT_TRUE(mid.matches("/api/v2/import"));
  EXPECT_FALSE(mid.matches("/api/v2/a/import/x"));
}

TEST(PathPattern, StarAndTemplateParamsMatchOneSegment) {
  PathPattern p("/api/v2/users/{userId}");
  EXPECT_TRUE(p.matches("/api/v2/users/u-1"));
  EXPECT_FALSE(p.matches("/api/v2/users"));
  EXPECT_FALSE(p.matches("/api/v2/users/u-1/x"));
  PathPattern s("/api/v2/*/queues");
  EXPECT_TRUE(s.matches("/api/v2/routing/queues"));
  EXPECT_FALSE(s.matches("/api/v2/routing/x/queues"));
}

TEST(PathPattern, StarInsideSegmentAndQueryIgnored) {
  PathPattern p("/api/v2/analytics/conversations/aggregates/*");
  EXPECT_TRUE(p.matches("/api/v2/analytics/conversations/aggregates/query?x=1"));
  PathPattern q("/api/v2/routing/que*");
  EXPECT_TRUE(q.matches("/api/v2/routing/queues"));
  EXPECT_FALSE(q.matches("/api/v2/routing/skills"));
}

TEST(PathPattern, ExactPathAndInvalidPatterns) {
  EXPECT_TRUE(PathPattern("/oauth/token").matches("/oauth/token"));
  EXPECT_FALSE(PathPattern("/oauth/token").matches("/oauth/token/x"));
  EXPECT_FALSE(PathPattern().matches("/anything"));
  EXPECT_THROW(PathPattern("api/v2"), std::invalid_argument);
  EXPECT_THROW(PathPattern("/api/a**"), std::invalid_argument);
}

TEST(PathPattern, PathsLongerThanTheInlineSegmentBufferStillMatch) {
  std::string deep = "/api";
  for (int i = 0; i < 40; ++i) deep += "/s" + std::to_string(i);
  mockgc::core::faults::PathSegments segs(deep);
  EXPECT_EQ(segs.view().size(), 41u);
  EXPECT_EQ(segs.view().back(), "s39");
  EXPECT_TRUE(PathPattern("/api/**/s39").matches(segs));
  EXPECT_FALSE(PathPattern("/api/**/s40").matches(segs));
}
