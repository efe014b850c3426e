#include "mockgc/client/auth.hpp"

#include <gtest/gtest.h>

#include "mockgc/client/errc.hpp"

namespace mockgc::client {
namespace {

const Instant t0 = Instant(Millis(1'700'000'000'000));

TEST(Auth, Base64MatchesRfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Auth, TokenRequestIsWhatTheSdkSends) {
  // genesys-api.md §7: the SDK sent exactly this for test-client/test-secret.
  const auto req = make_token_request({"test-client", "test-secret"});
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.target, "/oauth/token");
  EXPECT_EQ(req.headers.get("Authorization"), "Basic dGVzdC1jbGllbnQ6dGVzdC1zZWNyZXQ=");
  EXPECT_EQ(req.headers.get("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(req.body, "grant_type=client_credentials");
}

TEST(Auth, ParsesTokenResponsesAndRejectsOAuthErrors) {
  api::HttpResponse ok{200, {}, R"({"access_token":"abc","token_type":"bearer","expires_in":86399})", {}, {}};
  auto token = parse_token_response(ok, t0);
  ASSERT_TRUE(token);
  EXPECT_EQ(token->value, "abc");
  EXPECT_EQ(token->expires_at, t0 + Millis(86'399'000));

  api::HttpResponse denied{401, {}, R"({"error":"invalid_client","description":"authentication failed"})", {}, {}};
  EXPECT_EQ(parse_token_response(denied, t0).error(), errc::auth_failed);
  api::HttpResponse no_expiry{200, {}, R"({"access_token":"abc"})", {}, {}};
  EXPECT_EQ(parse_token_response(no_expiry, t0).error(), errc::auth_failed);
  api::HttpResponse garbage{200, {}, "<html>", {}, {}};
  EXPECT_EQ(parse_token_response(garbage, t0).error(), errc::auth_failed);
}

TEST(Auth, CachedTokenIsReplacedWithinTheMarginOfExpiry) {
  TokenCache cache(Millis(60'000));
  EXPECT_FALSE(cache.usable(t0));
  cache.store({"abc", t0, t0 + Millis(3'600'000)});
  EXPECT_EQ(cache.usable(t0 + Millis(3'539'999)), "abc");
  EXPECT_FALSE(cache.usable(t0 + Millis(3'540'000)));
}

TEST(Auth, MarginShrinksForShortLivedTokens) {
  TokenCache cache(Millis(60'000));
  cache.store({"short", t0, t0 + Millis(30'000)});  // would otherwise never be usable
  EXPECT_EQ(cache.usable(t0 + Millis(14'999)), "short");
  EXPECT_FALSE(cache.usable(t0 + Millis(15'000)));
}

TEST(Auth, InvalidateOnlyDropsTheRejectedToken) {
  TokenCache cache;
  cache.store({"new", t0, t0 + Millis(3'600'000)});
  cache.invalidate("old");  // a late 401 for a token that was already replaced
  EXPECT_EQ(cache.usable(t0), "new");
  cache.invalidate("new");
  EXPECT_FALSE(cache.usable(t0));
}

}  // namespace
}  // namespace mockgc::client
