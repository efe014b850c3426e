#include "endpoint_fixture.hpp"

namespace mockgc::testing {
namespace {

class OAuth : public EndpointTest {};

api::HttpRequest token_request(std::string auth, std::string body,
                               std::string content_type = "application/x-www-form-urlencoded") {
  api::HttpRequest req;
  req.method = "POST";
  req.target = "/oauth/token";
  if (!auth.empty()) req.headers.set("Authorization", auth);
  if (!content_type.empty()) req.headers.set("Content-Type", content_type);
  req.body = std::move(body);
  return req;
}

void expect_oauth_error(const api::HttpResponse& res, int status, const std::string& error) {
  EXPECT_EQ(res.status, status) << res.body;
  auto j = body_json(res);
  EXPECT_EQ(j["error"], error);
  EXPECT_TRUE(j.contains("description"));
  EXPECT_TRUE(j.contains("error_description"));
  EXPECT_FALSE(j.contains("code")) << "the login service does not answer with ErrorBody";
  EXPECT_TRUE(res.headers.has("ININ-Correlation-Id"));
}

TEST_P(OAuth, ClientCredentialsGrantReturnsBearerToken) {
  auto res = login_response(h(), kEmea);
  ASSERT_EQ(res.status, 200) << res.body;
  auto j = body_json(res);
  EXPECT_EQ(j.size(), 3u);
  EXPECT_TRUE(j["access_token"].is_string());
  EXPECT_FALSE(j["access_token"].get<std::string>().empty());
  EXPECT_EQ(j["token_type"], "bearer");
  EXPECT_EQ(j["expires_in"], 86399);
  EXPECT_EQ(res.headers.get("Cache-Control").value_or(""), "no-store");
  EXPECT_EQ(res.headers.get("Content-Type").value_or(""), "application/json");
}

TEST_P(OAuth, CredentialsInTheFormBodyAreAccepted) {
  const auto info = region_info(h(), kApac);
  auto res = h().send(kApac, token_request("", "grant_type=client_credentials&client_id=" + api::percent_encode(info.client_id) +
                                                   "&client_secret=" + api::percent_encode(info.client_secret)));
  EXPECT_EQ(res.status, 200) << res.body;
}

TEST_P(OAuth, WrongSecretIsInvalidClientWithBasicChallenge) {
  const auto info = region_info(h(), kEmea);
  auto res = h().send(kEmea, token_request(basic_auth(info.client_id, "wrong"), "grant_type=client_credentials"));
  expect_oauth_error(res, 401, "invalid_client");
  EXPECT_EQ(body_json(res)["description"], "authentication failed");
  EXPECT_NE(res.headers.get("WWW-Authenticate").value_or("").find("Basic"), std::string_view::npos);
}

TEST_P(OAuth, AnotherRegionsClientCannotLogInHere) {
  const auto apac = region_info(h(), kApac);
  auto res = h().send(kEmea, token_request(basic_auth(apac.client_id, apac.client_secret), "grant_type=client_credentials"));
  expect_oauth_error(res, 401, "invalid_client");
}

TEST_P(OAuth, MissingCredentialsAndGarbledBasicAreInvalidClient) {
  expect_oauth_error(h().send(kEmea, token_request("", "grant_type=client_credentials")), 401, "invalid_client");
  expect_oauth_error(h().send(kEmea, token_request("Basic !!!not-base64", "grant_type=client_credentials")), 401,
                     "invalid_client");
}

TEST_P(OAuth, GrantTypeIsChecked) {
  const auto info = region_info(h(), kEmea);
  const auto auth = basic_auth(info.client_id, info.client_secret);
  expect_oauth_error(h().send(kEmea, token_request(auth, "grant_type=password")), 400, "unsupported_grant_type");
  expect_oauth_error(h().send(kEmea, token_request(auth, "")), 400, "invalid_request");
  expect_oauth_error(h().send(kEmea, token_request(auth, "{\"grant_type\":1}", "application/json")), 400,
                     "invalid_request");
}

TEST_P(OAuth, TokensMeDescribesTheOrgAndClient) {
  auto j = get_json(kEmea, "/api/v2/tokens/me");
  EXPECT_EQ(j["organization"]["name"], "EMEA");
  EXPECT_EQ(j["homeOrganization"]["id"], j["organization"]["id"]);
  EXPECT_TRUE(j["authorizedScope"].is_array());
  EXPECT_EQ(j["OAuthClient"]["id"], region_info(h(), kEmea).client_id);
  auto apac = get_json(kApac, "/api/v2/tokens/me");
  EXPECT_EQ(apac["organization"]["name"], "APAC");
  EXPECT_NE(apac["organization"]["id"], j["organization"]["id"]);
}

TEST_P(OAuth, MissingOrGarbledAuthorizationIsAuthenticationRequired) {
  EXPECT_ERROR_BODY(h().send(kEmea, get_request("/api/v2/users", "")), 401, "authentication.required");
  auto basic = get_request("/api/v2/users", "");
  basic.headers.set("Authorization", "Basic abc");
  EXPECT_ERROR_BODY(h().send(kEmea, basic), 401, "authentication.required");
  auto empty = get_request("/api/v2/users", "");
  empty.headers.set("Authorization", "Bearer ");
  EXPECT_ERROR_BODY(h().send(kEmea, empty), 401, "authentication.required");
}

TEST_P(OAuth, UnknownTokenIsBadCredentials) {
  auto res = h().send(kEmea, get_request("/api/v2/users", "not-a-token"));
  ASSERT_ERROR_BODY(res, 401, "bad.credentials");
  EXPECT_EQ(body_json(res)["message"], "Invalid login credentials.");
}

TEST_P(OAuth, TokenFromAnotherRegionIsBadCredentials) {
  const std::string apac_token = token(kApac);
  EXPECT_ERROR_BODY(h().send(kEmea, get_request("/api/v2/tokens/me", apac_token)), 401, "bad.credentials");
  EXPECT_EQ(h().send(kApac, get_request("/api/v2/tokens/me", apac_token)).status, 200);
}

TEST_P(OAuth, TokenExpiresByTheServiceClock) {
  const std::string t = token(kEmea);
  clock_->advance(std::chrono::seconds(86398));
  EXPECT_EQ(h().send(kEmea, get_request("/api/v2/tokens/me", t)).status, 200);
  clock_->advance(std::chrono::seconds(2));
  EXPECT_ERROR_BODY(h().send(kEmea, get_request("/api/v2/tokens/me", t)), 401, "bad.credentials");
}

TEST_P(OAuth, EachLoginIssuesADistinctToken) {
  auto a = login(h(), kEmea);
  auto b = login(h(), kEmea);
  EXPECT_NE(a, b);
  EXPECT_EQ(h().send(kEmea, get_request("/api/v2/tokens/me", a)).status, 200);
  EXPECT_EQ(h().send(kEmea, get_request("/api/v2/tokens/me", b)).status, 200);
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(OAuth);

}  // namespace
}  // namespace mockgc::testing
