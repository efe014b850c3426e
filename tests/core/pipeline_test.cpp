// The request pipeline's Genesys conventions: routing errors, media types, malformed input, headers.
#include "endpoint_fixture.hpp"
#include "mockgc/api/random.hpp"
#include "mockgc/core/journal/request_journal.hpp"

namespace mockgc::testing {
namespace {

class Pipeline : public EndpointTest {};

TEST_P(Pipeline, UnknownPathIsNotFound) {
  EXPECT_ERROR_BODY(get(kEmea, "/api/v2/nothing/here"), 404, "not.found");
  EXPECT_ERROR_BODY(get(kEmea, "/"), 404, "not.found");
  EXPECT_ERROR_BODY(h().send(kEmea, get_request("/api/v3/users", "")), 404, "not.found");
}

TEST_P(Pipeline, KnownPathWithAnotherMethodIs405WithAllow) {
  auto res = h().send(kEmea, json_request("DELETE", "/api/v2/users", token(kEmea), nlohmann::json::object()));
  ASSERT_ERROR_BODY(res, 405, "method.not.allowed");
  EXPECT_EQ(res.headers.get("Allow").value_or(""), "GET");
}

TEST_P(Pipeline, EverySuccessCarriesJsonAndAUuidCorrelationId) {
  auto res = get(kEmea, "/api/v2/users?pageSize=1");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.headers.get("Content-Type").value_or(""), "application/json");
  EXPECT_TRUE(mockgc::api::is_uuid_v4(res.headers.get("ININ-Correlation-Id").value_or("")));
  auto again = get(kEmea, "/api/v2/users?pageSize=1");
  EXPECT_NE(res.headers.get("ININ-Correlation-Id"), again.headers.get("ININ-Correlation-Id"));
}

TEST_P(Pipeline, UploadUrlsTakeAnyContentTypeWithoutAuthButOnlyForReservedKeys) {
  api::HttpRequest put{"PUT", "/mockgc/uploads/00000000-0000-4000-8000-000000000000", {}, "a,b\n1,2\n"};
  put.headers.set("Content-Type", "text/csv");
  EXPECT_ERROR_BODY(h().send(kEmea, put), 404, "not.found");
}

TEST_P(Pipeline, JsonContentTypeOnBodilessGetIsAccepted) {
  auto req = get_request("/api/v2/tokens/me", token(kEmea));
  req.headers.set("Content-Type", "application/json");
  EXPECT_EQ(h().send(kEmea, req).status, 200);
}

TEST_P(Pipeline, BodiesMustBeJson) {
  const auto path = codes_path(kEmea);
  auto req = json_request("POST", path, token(kEmea), {{"name", "X"}, {"category", "Break"}});
  req.headers.set("Content-Type", "text/plain");
  EXPECT_ERROR_BODY(h().send(kEmea, req), 415, "unsupported.media.type");
  req.headers.remove("Content-Type");
  EXPECT_ERROR_BODY(h().send(kEmea, req), 415, "unsupported.media.type");
  req.headers.set("Content-Type", "application/json; charset=UTF-8");
  EXPECT_EQ(h().send(kEmea, req).status, 200);
}

TEST_P(Pipeline, MalformedJsonIsBadRequest) {
  auto req = json_request("POST", codes_path(kEmea), token(kEmea), nullptr);
  for (const std::string& body : std::vector<std::string>{"{\"name\": ", "not json", "", std::string("\xff\xfe\x00garbage", 10), "[[[[[[[[[["}) {
    req.body = body;
    EXPECT_ERROR_BODY(h().send(kEmea, req), 400, "bad.request") << body;
  }
  req.body = std::string(200, '[') + std::string(200, ']');
  EXPECT_ERROR_BODY(h().send(kEmea, req), 400, "bad.request");
}

TEST_P(Pipeline, BadPercentEncodingIsBadRequest) {
  EXPECT_ERROR_BODY(get(kEmea, "/api/v2/users?id=%zz"), 400, "bad.request");
  EXPECT_ERROR_BODY(get(kEmea, "/api/v2/users/%G1"), 400, "bad.request");
}

TEST_P(Pipeline, NoContentHasNoBodyAndNoContentType) {
  const auto path = codes_path(kEmea);
  auto created = body_json(send_json(kEmea, "POST", path, {{"name", "Temporary"}, {"category", "Meeting"}}));
  auto req = get_request(path + "/" + created["id"].get<std::string>(), token(kEmea));
  req.method = "DELETE";
  req.headers.set("Content-Type", "application/json");
  auto res = h().send(kEmea, req);
  EXPECT_EQ(res.status, 204);
  EXPECT_TRUE(res.body.empty());
  EXPECT_FALSE(res.headers.has("Content-Type"));
  EXPECT_TRUE(res.headers.has("ININ-Correlation-Id"));
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(Pipeline);

// Limits configured small so the test stays cheap.
class PipelineLimits : public EndpointTest {
 protected:
  core::ServiceOptions options() override {
    core::ServiceOptions o;
    o.max_body_bytes = 4096;
    return o;
  }
};

TEST_P(PipelineLimits, OversizedBodyIs413) {
  auto req = json_request("POST", codes_path(kEmea), token(kEmea), {{"name", std::string(5000, 'x')}, {"category", "Break"}});
  EXPECT_ERROR_BODY(h().send(kEmea, req), 413, "request.entity.too.large");
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(PipelineLimits);

// Region resolution without a listener region: the Host header, then the credentials. In-process only,
// because these exercise how the core reads the Host header, not how a transport sets it.
class RegionResolution : public ::testing::Test {
 protected:
  RegionResolution() : harness_(make_inprocess_harness()) {}
  api::HttpResponse send(api::HttpRequest req, const char* host) {
    if (host) req.headers.set("Host", host);
    return harness_->service().handle(req, core::RequestContext{});
  }
  api::HttpRequest login_req(std::string_view region) {
    const auto info = region_info(*harness_, region);
    api::HttpRequest req;
    req.method = "POST";
    req.target = "/oauth/token";
    req.headers.set("Authorization", basic_auth(info.client_id, info.client_secret));
    req.headers.set("Content-Type", "application/x-www-form-urlencoded");
    req.body = "grant_type=client_credentials";
    return req;
  }
  std::string token_from(const api::HttpResponse& res) {
    return nlohmann::json::parse(res.body).value("access_token", std::string());
  }
  std::unique_ptr<Harness> harness_;
};

// A cached listing comes back shared to a caller that reads api::HttpResponse::shared_body (the network shell)
// and copied for any other: the same bytes and fields either way.
TEST_F(RegionResolution, ACachedListingIsSharedOnlyWithACallerThatAsksForIt) {
  const std::string token = token_from(send(login_req(kEmea), "api.mypurecloud.de"));
  auto get = [&](const std::string& target, bool shared) {
    api::HttpRequest req;
    req.method = "GET";
    req.target = target;
    req.headers.set("Host", "api.mypurecloud.de");
    req.headers.set("Authorization", "Bearer " + token);
    core::RequestContext ctx;
    ctx.shared_body = shared;
    return harness_->service().handle(req, ctx);
  };
  const auto units = nlohmann::json::parse(get("/api/v2/workforcemanagement/businessunits", false).body);
  const std::string codes = "/api/v2/workforcemanagement/businessunits/" +
                            units["entities"][0]["id"].get<std::string>() + "/activitycodes";
  const auto copied = get(codes, false);
  const auto shared = get(codes, true);
  ASSERT_EQ(copied.status, 200) << copied.body;
  EXPECT_EQ(copied.shared_body, nullptr);
  ASSERT_NE(shared.shared_body, nullptr);
  EXPECT_TRUE(shared.body.empty());
  EXPECT_EQ(*shared.shared_body, copied.body);
  EXPECT_EQ(shared.body_text(), copied.body_text());
  ASSERT_EQ(shared.headers.size(), copied.headers.size());
  for (std::size_t i = 0; i < copied.headers.size(); ++i)
    EXPECT_EQ(shared.headers.fields()[i].name, copied.headers.fields()[i].name);
  EXPECT_EQ(shared.headers.get("Content-Type"), copied.headers.get("Content-Type"));
}

TEST_F(RegionResolution, LoginAnswersOnApiAndLoginHosts) {
  EXPECT_EQ(send(login_req(kEmea), "login.mypurecloud.de").status, 200);
  EXPECT_EQ(send(login_req(kEmea), "api.mypurecloud.de:443").status, 200);
  EXPECT_EQ(send(login_req(kEmea), "login.mypurecloud.com.au").status, 401);  // EMEA client on the APAC host
}

TEST_F(RegionResolution, HostHeaderPicksTheRegion) {
  auto t = token_from(send(login_req(kApac), "login.mypurecloud.com.au"));
  auto me = send(get_request("/api/v2/tokens/me", t), "api.mypurecloud.com.au");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(nlohmann::json::parse(me.body)["organization"]["name"], "APAC");
  EXPECT_ERROR_BODY(send(get_request("/api/v2/tokens/me", t), "api.mypurecloud.de"), 401, "bad.credentials");
}

TEST_F(RegionResolution, SharedPortWithoutRegionHostUsesTheCredentials) {
  // A gateway such as 127.0.0.1:8080 sends login and API calls to one host with no region in it.
  auto t = token_from(send(login_req(kApac), "127.0.0.1:8080"));
  ASSERT_FALSE(t.empty());
  auto me = send(get_request("/api/v2/tokens/me", t), "127.0.0.1:8080");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(nlohmann::json::parse(me.body)["organization"]["name"], "APAC");
}

TEST_F(RegionResolution, RegionOutsideTheWorldIsNotFound) {
  EXPECT_ERROR_BODY(send(get_request("/api/v2/users", "x"), "api.mypurecloud.com"), 404, "not.found");
  api::HttpRequest req = get_request("/api/v2/users", "x");
  core::RequestContext ctx;
  ctx.region = "us_west_2";
  EXPECT_ERROR_BODY(harness_->service().handle(req, ctx), 404, "not.found");
}

// A process that serves some regions of the scenario (`serve --regions`) answers for the others as for regions
// the world lacks, while the world (ids, people) stays the whole scenario's.
TEST(ServedRegions, OtherRegionsAreOutsideThisProcess) {
  core::ServiceOptions all;
  core::ServiceOptions apac_only;
  apac_only.served_regions = {kApac};
  auto full_harness = make_inprocess_harness(all);
  auto split_harness = make_inprocess_harness(apac_only);
  core::Service* full = &full_harness->service();
  core::Service* split = &split_harness->service();
  ASSERT_EQ(split->regions().size(), 1U);
  EXPECT_EQ(split->regions()[0].region, kApac);
  EXPECT_EQ(split->regions()[0].client_id, region_info(*full_harness, kApac).client_id);  // same world

  api::HttpRequest login;
  login.method = "POST";
  login.target = "/oauth/token";
  const auto emea = region_info(*full_harness, kEmea);
  login.headers.set("Authorization", basic_auth(emea.client_id, emea.client_secret));
  login.headers.set("Content-Type", "application/x-www-form-urlencoded");
  login.body = "grant_type=client_credentials";
  EXPECT_EQ(full->handle(login, core::RequestContext{}).status, 200);
  EXPECT_EQ(split->handle(login, core::RequestContext{}).status, 401);  // EMEA's client is not served here
  core::RequestContext emea_listener;
  emea_listener.region = kEmea;
  EXPECT_ERROR_BODY(split->handle(get_request("/api/v2/users", "x"), emea_listener), 404, "not.found");
}

TEST(ServedRegions, AnUnknownRegionIsAStartUpErrorNamingTheScenariosRegions) {
  core::ServiceOptions o;
  o.served_regions = {"mars"};
  try {
    core::make_service(o);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("mars"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("eu_central_1, ap_southeast_2"), std::string::npos) << e.what();
  }
}

TEST(Health, AnswersWithoutCredentialsAndIsNotJournalled) {
  core::ServiceOptions o;
  o.served_regions = {kEmea};
  auto service = core::make_service(o);
  const auto before = service->journal()->total_appended();
  const auto res = service->handle(get_request("/mockgc/health?verbose=1", ""), core::RequestContext{});
  ASSERT_EQ(res.status, 200);
  const auto body = nlohmann::json::parse(res.body);
  EXPECT_EQ(body["status"], "UP");
  EXPECT_EQ(body["regions"], nlohmann::json::array({kEmea}));
  EXPECT_EQ(service->journal()->total_appended(), before);
  api::HttpRequest post = get_request("/mockgc/health", "");
  post.method = "POST";
  EXPECT_NE(service->handle(post, core::RequestContext{}).status, 200);
}

}  // namespace
}  // namespace mockgc::testing
