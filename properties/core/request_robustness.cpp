// Any request — known or unknown paths, broken escapes, odd headers, garbage bodies — gets a well-formed
// answer: never a 500, always ININ-Correlation-Id, and every API error is an ErrorBody whose contextId
// equals that header.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <nlohmann/json.hpp>

#include "mockgc/api/error_body.hpp"
#include "support/generators.hpp"
#include "support/harness.hpp"
#include "support/session.hpp"

using namespace mockgc;

namespace {

mockgc::testing::Harness& shared_harness() {
  static auto harness = mockgc::testing::make_inprocess_harness();
  return *harness;
}

const std::string& shared_bu() {
  static const std::string bu = [] {
    auto& h = shared_harness();
    auto token = mockgc::testing::login(h, "eu_central_1");
    auto res = h.send("eu_central_1", mockgc::testing::get_request("/api/v2/workforcemanagement/businessunits", token));
    return nlohmann::json::parse(res.body)["entities"][0]["id"].get<std::string>();
  }();
  return bu;
}

rc::Gen<std::string> segment() {
  return rc::gen::oneOf(
      rc::gen::element<std::string>("api", "v2", "users", "routing", "queues", "workforcemanagement", "businessunits",
                                    "managementunits", "activitycodes", "bulk", "agents", "managementunit", "tokens",
                                    "me", "mine", "oauth", "token", "mockgc", "downloads", "0", "7", "%", "%zz", "%2F",
                                    "..", "caf%C3%A9", "%FF%FE", "settings"),
      rc::gen::just(shared_bu()), properties::utf8_name(6));
}

rc::Gen<std::string> target() {
  return rc::gen::exec([] {
    const auto known = *rc::gen::element<std::string>(
        "/api/v2/users", "/api/v2/routing/queues", "/api/v2/tokens/me", "/api/v2/workforcemanagement/businessunits",
        "/api/v2/workforcemanagement/managementunits", "/api/v2/workforcemanagement/businessunits/" + shared_bu(),
        "/api/v2/workforcemanagement/businessunits/" + shared_bu() + "/activitycodes",
        "/api/v2/workforcemanagement/businessunits/" + shared_bu() + "/activitycodes/bulk", "/oauth/token");
    std::string path = known;
    const auto extra = *rc::gen::container<std::vector<std::string>>(*rc::gen::inRange<std::size_t>(0, 3), segment());
    for (const auto& s : extra) path += "/" + s;
    if (*rc::gen::arbitrary<bool>()) {
      path += "?";
      const auto params = *rc::gen::container<std::vector<std::string>>(
          *rc::gen::inRange<std::size_t>(1, 4),
          rc::gen::element<std::string>("pageSize=0", "pageSize=7", "pageSize=x", "pageNumber=99", "state=any",
                                        "state=nope", "id=a,b", "id=a%2Cb", "expand=settings", "expand=bogus",
                                        "forceDownloadService=true", "forceDownloadService=maybe", "name=*a*",
                                        "sortOrder=up", "%zz=1", "a=%", "=", "&&"));
      for (const auto& p : params) path += p + "&";
    }
    return path;
  });
}

rc::Gen<std::string> body() {
  return rc::gen::oneOf(
      rc::gen::element<std::string>("", "{}", "[]", "null", "{\"name\":", "grant_type=client_credentials",
                                    "{\"name\":\"X\",\"category\":\"Break\"}", "{\"name\":\"Y\",\"category\":\"Nope\"}",
                                    "{\"metadata\":{\"version\":1}}", "{\"entities\":[{\"id\":\"0\"}]}",
                                    std::string("\xff\xfe\x00\x01", 4), std::string(300, '['), "\"\xc3\x28\""),
      rc::gen::map(properties::utf8_name(20), [](std::string s) { return "{\"name\":\"" + s + "\",\"category\":\"Meal\"}"; }));
}

}  // namespace

RC_GTEST_PROP(RequestRobustness, EveryRequestGetsAWellFormedAnswer, ()) {
  auto& h = shared_harness();
  static const std::string token = mockgc::testing::login(h, "eu_central_1");
  api::HttpRequest req;
  req.method = *rc::gen::element<std::string>("GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "get", "BREW");
  req.target = *target();
  const auto auth = *rc::gen::element<std::string>("valid", "none", "Bearer ", "Bearer nope", "Basic Zm9vOmJhcg==", "garbage");
  if (auth == "valid") req.headers.set("Authorization", "Bearer " + token);
  else if (auth != "none") req.headers.set("Authorization", auth);
  const auto ct = *rc::gen::element<std::string>("", "application/json", "application/json; charset=utf-8", "text/plain",
                                                 "application/x-www-form-urlencoded");
  if (!ct.empty()) req.headers.set("Content-Type", ct);
  req.body = *body();

  const auto res = h.send("eu_central_1", req);
  RC_ASSERT(res.status != 500);
  const auto corr = res.headers.get("ININ-Correlation-Id");
  RC_ASSERT(corr.has_value());
  if (res.status == 204) RC_ASSERT(res.body.empty());
  if (!res.body.empty()) {
    RC_ASSERT(res.headers.get("Content-Type").value_or("") == "application/json");
    RC_ASSERT(!nlohmann::json::parse(res.body, nullptr, false).is_discarded());
  }
  const bool oauth = req.target.rfind("/oauth/token", 0) == 0 && res.status != 404 && res.status != 405;
  if (res.status >= 400 && !oauth) {
    auto err = api::parse_error_body(res.body);
    RC_ASSERT(err.has_value());
    RC_ASSERT(err->status == res.status);
    RC_ASSERT(!err->code.empty());
    RC_ASSERT(!err->message.empty());
    RC_ASSERT(err->context_id == std::string(*corr));
  }
}
