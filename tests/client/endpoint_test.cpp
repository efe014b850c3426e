#include "mockgc/client/endpoint.hpp"

#include <gtest/gtest.h>

#include "mockgc/client/errc.hpp"

namespace mockgc::client {
namespace {

TEST(Endpoint, ParsesGenesysAndLoopbackBaseUrls) {
  auto g = parse_endpoint("https://api.mypurecloud.de");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->scheme, "https");
  EXPECT_EQ(g->host, "api.mypurecloud.de");
  EXPECT_EQ(g->port, 443);
  EXPECT_EQ(g->base_path, "");
  EXPECT_EQ(g->host_header(), "api.mypurecloud.de");
  EXPECT_TRUE(g->tls());

  auto m = parse_endpoint("HTTP://127.0.0.1:8080/gateway/");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->scheme, "http");
  EXPECT_EQ(m->port, 8080);
  EXPECT_EQ(m->base_path, "/gateway");
  EXPECT_EQ(m->host_header(), "127.0.0.1:8080");
  EXPECT_EQ(m->origin(), "http://127.0.0.1:8080");

  auto v6 = parse_endpoint("http://[::1]:9000");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->host_header(), "[::1]:9000");
}

TEST(Endpoint, RejectsWhatIsNotABaseUrl) {
  for (const char* bad : {"api.mypurecloud.de", "ftp://x", "http://", "http://h:0", "http://h:70000",
                          "http://h:80x", "http://u@h", "http://h/x?y=1", "http://[::1"})
    EXPECT_EQ(parse_endpoint(bad).error(), errc::bad_url) << bad;
}

TEST(Endpoint, LoginHostIsLoginDotEnvForApiHostsAndTheSameHostOtherwise) {
  auto g = default_login_endpoint(*parse_endpoint("https://api.mypurecloud.com.au"));
  EXPECT_EQ(g.host, "login.mypurecloud.com.au");
  EXPECT_EQ(g.port, 443);
  auto m = default_login_endpoint(*parse_endpoint("http://127.0.0.1:8080"));
  EXPECT_EQ(m.host, "127.0.0.1");
  EXPECT_EQ(m.port, 8080);
}

TEST(Endpoint, SplitsAbsoluteUrlsSuchAsDownloadUrls) {
  auto u = parse_absolute_url("https://dl.example.com:8443/files/abc.json?sig=x%2By#frag");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->endpoint.host, "dl.example.com");
  EXPECT_EQ(u->endpoint.port, 8443);
  EXPECT_EQ(u->target, "/files/abc.json?sig=x%2By");
  auto bare = parse_absolute_url("http://h?x=1");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->target, "/?x=1");
}

}  // namespace
}  // namespace mockgc::client
