#include "mockgc/client/errc.hpp"

#include <gtest/gtest.h>

#include "mockgc/client/result.hpp"

namespace mockgc::client {
namespace {

TEST(ClientErrc, ComparesAsErrorCodeInItsOwnCategory) {
  std::error_code ec = errc::timeout;
  EXPECT_EQ(ec, errc::timeout);
  EXPECT_NE(ec, errc::connection_reset);
  EXPECT_STREQ(ec.category().name(), "mockgc.client");
  EXPECT_EQ(ec.message(), "timed out waiting for the server");
  EXPECT_NE(ec, std::make_error_code(std::errc::timed_out));  // distinct category, no accidental equality
}

TEST(ClientErrc, OnlyPreSendFailuresAreKnownNotToHaveReachedTheServer) {
  EXPECT_FALSE(may_have_reached_server(errc::resolve_failed));
  EXPECT_FALSE(may_have_reached_server(errc::connect_failed));
  EXPECT_FALSE(may_have_reached_server(errc::tls_failed));
  EXPECT_TRUE(may_have_reached_server(errc::timeout));
  EXPECT_TRUE(may_have_reached_server(errc::connection_reset));
  EXPECT_TRUE(may_have_reached_server(errc::malformed_response));
  EXPECT_TRUE(may_have_reached_server(std::make_error_code(std::errc::io_error)));  // foreign: assume the worst
}

TEST(ClientResult, HoldsAValueOrAnError) {
  Result<int> good = 7;
  ASSERT_TRUE(good);
  EXPECT_EQ(*good, 7);
  EXPECT_FALSE(good.error());
  Result<int> bad = errc::connect_failed;
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error(), errc::connect_failed);
  EXPECT_THROW((void)bad.value(), std::logic_error);
}

}  // namespace
}  // namespace mockgc::client
