#pragma once
// Shared by the admin suites: admin requests, and a fixture on the default world with a virtual clock
// that starts where the EndpointTest clock does (so scenario offsets and the fixture clock agree).
#include <nlohmann/json.hpp>
#include <string>

#include "core/endpoint_fixture.hpp"
#include "mockgc/core/scenario.hpp"

namespace mockgc::testing {

inline constexpr const char* kAdminStart = "2026-03-02T09:00:00Z";

inline api::HttpRequest admin_request(std::string method, std::string target, std::string body = "",
                                      std::string token = "") {
  api::HttpRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.body = std::move(body);
  if (!r.body.empty()) r.headers.set("Content-Type", "application/json");
  if (!token.empty()) r.headers.set("Authorization", "Bearer " + token);
  return r;
}

// The default world plus `sections`, on a virtual clock starting at kAdminStart.
inline std::string default_scenario_with(const nlohmann::json& sections) {
  nlohmann::json j = nlohmann::json::parse(core::default_scenario_text());
  j["clock"] = {{"mode", "virtual"}, {"start", kAdminStart}};
  j.erase("expect");
  for (const auto& [k, v] : sections.items()) {
    if (v.is_null()) j.erase(k);  // {"rate_limits": null}: without that section
    else j[k] = v;
  }
  return j.dump();
}

class AdminFixture : public EndpointTest {
 protected:
  core::ServiceOptions options() override {
    core::ServiceOptions o;
    o.scenario_text = default_scenario_with(sections());
    return o;
  }
  virtual nlohmann::json sections() { return nlohmann::json::object(); }
  api::HttpResponse admin(std::string method, std::string target, std::string body = "") {
    return h().send(kEmea, admin_request(std::move(method), std::move(target), std::move(body)));
  }
  nlohmann::json admin_json(std::string method, std::string target, std::string body = "", int status = 200) {
    auto res = admin(method, target, body);
    EXPECT_EQ(res.status, status) << method << " " << target << ": " << res.body;
    return res.body.empty() ? nlohmann::json() : nlohmann::json::parse(res.body, nullptr, false);
  }
};

}  // namespace mockgc::testing
