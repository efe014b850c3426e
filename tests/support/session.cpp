#include "session.hpp"

#include <stdexcept>

namespace mockgc::testing {

std::string base64_encode(std::string_view in) {
  static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : in) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(table[(buffer >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(table[(buffer << (6 - bits)) & 0x3F]);
  while (out.size() % 4) out.push_back('=');
  return out;
}

std::string basic_auth(std::string_view client_id, std::string_view client_secret) {
  return "Basic " + base64_encode(std::string(client_id) + ":" + std::string(client_secret));
}

const core::RegionEndpointInfo& region_info(Harness& h, std::string_view region) {
  static thread_local std::vector<core::RegionEndpointInfo> cache;
  cache = h.service().regions();
  for (const auto& r : cache)
    if (r.region == region) return r;
  throw std::runtime_error("test asked for a region the world does not have: " + std::string(region));
}

api::HttpResponse login_response(Harness& h, std::string_view region) {
  const auto info = region_info(h, region);
  api::HttpRequest req;
  req.method = "POST";
  req.target = "/oauth/token";
  req.headers.set("Authorization", basic_auth(info.client_id, info.client_secret));
  req.headers.set("Content-Type", "application/x-www-form-urlencoded");
  req.body = "grant_type=client_credentials";
  return h.send(region, req);
}

std::string login(Harness& h, std::string_view region) {
  auto res = login_response(h, region);
  if (res.status != 200) {
    ADD_FAILURE() << "login to " << region << " failed: " << res.status << " " << res.body;
    return "";
  }
  auto j = nlohmann::json::parse(res.body, nullptr, false);
  if (j.is_discarded() || !j.contains("access_token")) {
    ADD_FAILURE() << "login body has no access_token: " << res.body;
    return "";
  }
  return j["access_token"].get<std::string>();
}

api::HttpRequest get_request(std::string target, std::string_view token) {
  api::HttpRequest req;
  req.method = "GET";
  req.target = std::move(target);
  if (!token.empty()) req.headers.set("Authorization", "Bearer " + std::string(token));
  return req;
}

api::HttpRequest json_request(std::string method, std::string target, std::string_view token, const nlohmann::json& body) {
  api::HttpRequest req = get_request(std::move(target), token);
  req.method = std::move(method);
  req.headers.set("Content-Type", "application/json");
  req.body = body.dump();
  return req;
}

nlohmann::json body_json(const api::HttpResponse& res) {
  auto j = nlohmann::json::parse(res.body, nullptr, false);
  if (j.is_discarded()) {
    ADD_FAILURE() << "response body is not JSON: " << res.body.substr(0, 200);
    return nullptr;
  }
  return j;
}

::testing::AssertionResult is_error_body(const api::HttpResponse& res, int status, std::string_view code) {
  if (res.status != status)
    return ::testing::AssertionFailure() << "status " << res.status << " != " << status << "; body " << res.body;
  auto ct = res.headers.get("Content-Type");
  if (!ct || ct->find("application/json") == std::string_view::npos)
    return ::testing::AssertionFailure() << "Content-Type is not application/json";
  auto j = nlohmann::json::parse(res.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return ::testing::AssertionFailure() << "body is not a JSON object: " << res.body;
  for (const char* key : {"message", "code", "status", "contextId", "details", "errors"})
    if (!j.contains(key)) return ::testing::AssertionFailure() << "ErrorBody lacks '" << key << "': " << res.body;
  if (!j["message"].is_string() || j["message"].get<std::string>().empty())
    return ::testing::AssertionFailure() << "empty message";
  if (j["code"] != code) return ::testing::AssertionFailure() << "code " << j["code"] << " != " << code << "; " << res.body;
  if (j["status"] != status) return ::testing::AssertionFailure() << "body status " << j["status"] << " != " << status;
  if (!j["details"].is_array() || !j["errors"].is_array())
    return ::testing::AssertionFailure() << "details/errors are not arrays";
  auto corr = res.headers.get("ININ-Correlation-Id");
  if (!corr) return ::testing::AssertionFailure() << "no ININ-Correlation-Id header";
  if (j["contextId"] != std::string(*corr))
    return ::testing::AssertionFailure() << "contextId " << j["contextId"] << " != header " << *corr;
  return ::testing::AssertionSuccess();
}

std::string path_of_url(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  auto slash = url.find('/', scheme + 3);
  return slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
}

}  // namespace mockgc::testing
