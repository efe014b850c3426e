// Any bytes, read as an HTTP request (request line, headers, body), through the core's whole pipeline.
// Invariants: no crash or exception; every response has a UUID ININ-Correlation-Id; a body is JSON with
// Content-Type application/json; every error is a Genesys ErrorBody whose contextId is the correlation id
// (or the OAuth error shape on /oauth/token). "$TOKEN", "$BU" and "$MU" in an input are replaced by a live bearer token and
// business/management unit ids so mutations reach the authenticated handlers.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "fuzz_target.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/core/service.hpp"
#include "mockgc/api/random.hpp"

namespace {

using mockgc::api::HttpRequest;
using mockgc::api::HttpResponse;
using nlohmann::json;

struct World {
  mockgc::api::ManualClock clock{*mockgc::api::parse_instant("2026-03-02T09:00:00Z")};
  std::unique_ptr<mockgc::core::Service> service;
  std::string token;
  std::string bu, mu;  // live ids substituted for $BU / $MU

  World() {
    mockgc::core::ServiceOptions options;
    options.clock = &clock;
    options.max_body_bytes = 64 * 1024;
    service = mockgc::core::make_service(options);
    const auto regions = service->regions();
    const auto& emea = regions.front();
    HttpRequest login{"POST", "/oauth/token", {}, "grant_type=client_credentials&client_id=" + emea.client_id +
                                                      "&client_secret=" + emea.client_secret};
    login.headers.set("Content-Type", "application/x-www-form-urlencoded");
    auto res = service->handle(login, {emea.region, "fuzz", "http"});
    token = json::parse(res.body).value("access_token", "");
    bu = first_id("/api/v2/workforcemanagement/businessunits", emea.region);
    mu = first_id("/api/v2/workforcemanagement/businessunits/" + bu + "/managementunits", emea.region);
  }

  std::string first_id(const std::string& target, const std::string& region) {
    HttpRequest get{"GET", target, {}, ""};
    get.headers.set("Authorization", "Bearer " + token);
    auto body = json::parse(service->handle(get, {region, "fuzz", "http"}).body, nullptr, false);
    if (body.is_discarded() || !body.contains("entities") || body["entities"].empty()) return "missing";
    return body["entities"][0].value("id", "missing");
  }
};

World& world() {
  static World w;
  return w;
}

HttpRequest parse(std::string_view in, std::string& region) {
  HttpRequest req;
  auto line_end = in.find('\n');
  std::string_view line = in.substr(0, line_end);
  in = line_end == std::string_view::npos ? std::string_view{} : in.substr(line_end + 1);
  auto space = line.find(' ');
  req.method = std::string(line.substr(0, space));
  req.target = space == std::string_view::npos ? "/" : std::string(line.substr(space + 1));
  while (!in.empty()) {
    line_end = in.find('\n');
    line = in.substr(0, line_end);
    in = line_end == std::string_view::npos ? std::string_view{} : in.substr(line_end + 1);
    if (line.empty() || line == "\r") break;
    auto colon = line.find(':');
    std::string name(line.substr(0, colon));
    std::string value(colon == std::string_view::npos ? std::string_view{} : line.substr(colon + 1));
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    if (name == "X-Fuzz-Region") region = value;
    else req.headers.add(std::move(name), std::move(value));
  }
  req.body = std::string(in);
  return req;
}

void replace_all(std::string& s, std::string_view what, const std::string& with) {
  for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size())) s.replace(at, what.size(), with);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  const std::string original = text;
  replace_all(text, "$TOKEN", world().token);
  replace_all(text, "$BU", world().bu);
  replace_all(text, "$MU", world().mu);
  std::string region = "eu_central_1";
  HttpRequest req = parse(text, region);
  HttpResponse res = world().service->handle(req, {region, "fuzz", "http"});
  static const bool trace = std::getenv("MOCKGC_FUZZ_TRACE") != nullptr;  // shows what the corpus reaches
  if (trace) std::fprintf(stderr, "%d %s %.120s\n", res.status, req.method.c_str(), req.target.c_str());

  if (res.status < 200 || res.status > 599) fuzz_fail("status out of range", original);
  const auto correlation = res.headers.get("ININ-Correlation-Id");
  if (!correlation || !mockgc::api::is_uuid_v4(*correlation)) fuzz_fail("missing/invalid ININ-Correlation-Id", original);
  if (res.body.empty()) {
    if (res.status >= 400) fuzz_fail("error without a body", original);
    return 0;
  }
  if (res.headers.get("Content-Type").value_or("") != "application/json") fuzz_fail("body without JSON content type", original);
  json body = json::parse(res.body, nullptr, false);
  if (body.is_discarded()) fuzz_fail("body is not JSON", original);
  if (res.status >= 400) {
    if (!body.is_object()) fuzz_fail("error body is not an object", original);
    if (body.contains("error")) return 0;  // the login service's OAuth shape
    if (!body.contains("code") || !body["code"].is_string() || !body.contains("message") ||
        body.value("status", 0) != res.status || body.value("contextId", "") != *correlation ||
        !body.value("details", json()).is_array() || !body.value("errors", json()).is_array())
      fuzz_fail("error is not a Genesys ErrorBody", original);
  }
  return 0;
}
