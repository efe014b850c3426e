// ErrorBody: the one renderer (Genesys field order, byte for byte) and the one reader (server tests and
// client workflows alike), including the login service's OAuth shape.
#include <gtest/gtest.h>

#include "mockgc/api/error_body.hpp"

namespace mockgc::api {
namespace {

TEST(ErrorBody, RendersInGenesysFieldOrder) {
  EXPECT_EQ(to_json_text(ErrorBody{"Rate limit exceeded the maximum. Retry the request in [42] seconds",
                                   "too.many.requests.retry.after", 429, "c0ffee", {}}),
            R"({"message":"Rate limit exceeded the maximum. Retry the request in [42] seconds",)"
            R"("code":"too.many.requests.retry.after","status":429,"contextId":"c0ffee","details":[],"errors":[]})");
  EXPECT_EQ(to_json_text(ErrorBody{"x", "bad.request", 400, "c", {{"invalid.value", "start", "", ""}}}),
            R"({"message":"x","code":"bad.request","status":400,"contextId":"c",)"
            R"("details":[{"errorCode":"invalid.value","fieldName":"start"}],"errors":[]})");
}

TEST(ErrorBody, EscapesAndReplacesRatherThanInjectingOrThrowing) {
  EXPECT_EQ(to_json_text(ErrorBody{"x", "bad.request", 400, "a\"b", {}}),
            R"({"message":"x","code":"bad.request","status":400,"contextId":"a\"b","details":[],"errors":[]})");
  EXPECT_NO_THROW((void)to_json_text(ErrorBody{"bad \xff utf-8", "bad.request", 400, "c", {}}));
}

TEST(ErrorBody, RoundTripsThroughJson) {
  ErrorBody b{"Nope", "not.found", 404, "ctx", {{"e", "f", "id", "name"}}};
  auto parsed = parse_error_body(to_json_text(b));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, b);
  EXPECT_FALSE(parse_error_body("[1]"));
  EXPECT_FALSE(parse_error_body("<html>"));
}

TEST(ErrorBody, OAuthErrorsRenderInLoginOrderAndReadAsCodeAndMessage) {
  const std::string text = to_json_text(OAuthError{"invalid_client", "authentication failed"});
  EXPECT_EQ(text, R"({"error":"invalid_client","description":"authentication failed","error_description":"authentication failed"})");
  auto parsed = parse_error_body(text);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->code, "invalid_client");
  EXPECT_EQ(parsed->message, "authentication failed");
}

HttpResponse response(int status, std::string body, std::optional<std::string> correlation = std::nullopt) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  if (correlation) r.headers.set("ININ-Correlation-Id", *correlation);
  return r;
}

TEST(ErrorBody, ErrorOfAResponseTakesTheHttpStatusAndFallsBackToTheCorrelationHeader) {
  auto e = error_body_of(response(
      429, R"({"message":"Rate limit exceeded","code":"too.many.requests.retry.after","status":429,"contextId":"c-1"})", "h-1"));
  EXPECT_EQ(e.status, 429);
  EXPECT_EQ(e.code, "too.many.requests.retry.after");
  EXPECT_EQ(e.context_id, "c-1");
  auto oauth = error_body_of(response(401, R"({"error":"invalid_client","description":"authentication failed"})"));
  EXPECT_EQ(oauth.status, 401);
  EXPECT_EQ(oauth.code, "invalid_client");
  EXPECT_EQ(oauth.message, "authentication failed");
  auto bare = error_body_of(response(502, "<html>bad gateway</html>", "h-9"));
  EXPECT_EQ(bare.status, 502);
  EXPECT_EQ(bare.code, "");
  EXPECT_EQ(bare.context_id, "h-9");
}

}  // namespace
}  // namespace mockgc::api
