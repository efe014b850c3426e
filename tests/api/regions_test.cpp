#include <gtest/gtest.h>

#include <set>

#include "mockgc/api/regions.hpp"

using namespace mockgc::api;

TEST(Regions, AllEighteenSdkRegionsWithUniqueKeysAndEnvironments) {
  auto all = all_regions();
  EXPECT_EQ(all.size(), 18u);
  std::set<std::string_view> keys, envs;
  for (const auto& r : all) {
    keys.insert(r.key);
    envs.insert(r.environment);
  }
  EXPECT_EQ(keys.size(), 18u);
  EXPECT_EQ(envs.size(), 18u);
  ASSERT_NE(find_region("eu_central_1"), nullptr);
  EXPECT_EQ(find_region("eu_central_1")->api_host(), "api.mypurecloud.de");
  EXPECT_EQ(find_region("ap_southeast_2")->login_host(), "login.mypurecloud.com.au");
  EXPECT_EQ(find_region("nowhere"), nullptr);
}

TEST(Regions, HostHeaderPicksTheRegionForApiAndLoginHosts) {
  EXPECT_EQ(region_for_host("api.mypurecloud.de")->key, "eu_central_1");
  EXPECT_EQ(region_for_host("LOGIN.mypurecloud.com.au:443")->key, "ap_southeast_2");
  EXPECT_EQ(region_for_host("api.mypurecloud.com")->key, "us_east_1");
  EXPECT_EQ(region_for_host("streaming.mypurecloud.de:8443")->key, "eu_central_1");
  EXPECT_EQ(find_region("eu_central_1")->streaming_host(), "streaming.mypurecloud.de");
  EXPECT_EQ(region_for_host("127.0.0.1:8080"), nullptr);
  EXPECT_EQ(region_for_host("mypurecloud.de"), nullptr);
}
