#pragma once
// Endpoint suites are TEST_P over every harness kind (in-process, and loopback once the network shell is
// built), on the default world with a ManualClock so that runs are byte-identical.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/api/url.hpp"
#include "mockgc/core/clock.hpp"
#include "support/harness.hpp"
#include "support/session.hpp"

namespace mockgc::testing {

inline constexpr const char* kEmea = "eu_central_1";
inline constexpr const char* kApac = "ap_southeast_2";

class EndpointTest : public ::testing::TestWithParam<HarnessKind> {
 protected:
  void SetUp() override {
    clock_ = std::make_unique<api::ManualClock>(*api::parse_instant("2026-03-02T09:00:00Z"));
    core::ServiceOptions o = options();
    o.clock = clock_.get();
    harness_ = GetParam().make(o);
  }
  virtual core::ServiceOptions options() { return {}; }

  Harness& h() { return *harness_; }
  const std::string& token(const std::string& region) {
    auto it = tokens_.find(region);
    if (it == tokens_.end()) it = tokens_.emplace(region, login(*harness_, region)).first;
    return it->second;
  }
  api::HttpResponse get(const std::string& region, std::string target) {
    return harness_->send(region, get_request(std::move(target), token(region)));
  }
  api::HttpResponse send_json(const std::string& region, std::string method, std::string target, const nlohmann::json& body) {
    return harness_->send(region, json_request(std::move(method), std::move(target), token(region), body));
  }
  nlohmann::json get_json(const std::string& region, std::string target) {
    auto res = get(region, target);
    EXPECT_EQ(res.status, 200) << target << ": " << res.body;
    return body_json(res);
  }
  std::string bu_id(const std::string& region) {
    auto j = get_json(region, "/api/v2/workforcemanagement/businessunits");
    if (!j.contains("entities") || j["entities"].empty()) return "missing-bu";
    return j["entities"][0]["id"].get<std::string>();
  }
  // The first management unit of the region's first business unit.
  std::string mu_id(const std::string& region) {
    auto j = get_json(region, "/api/v2/workforcemanagement/businessunits/" + bu_id(region) + "/managementunits");
    if (!j.contains("entities") || j["entities"].empty()) return "missing-mu";
    return j["entities"][0]["id"].get<std::string>();
  }
  std::string codes_path(const std::string& region) {
    return "/api/v2/workforcemanagement/businessunits/" + bu_id(region) + "/activitycodes";
  }

  std::unique_ptr<api::ManualClock> clock_;
  std::unique_ptr<Harness> harness_;
  std::map<std::string, std::string> tokens_;
};

}  // namespace mockgc::testing

#define MOCKGC_INSTANTIATE_FOR_HARNESSES(Suite)                                   \
  INSTANTIATE_TEST_SUITE_P(Harness, Suite, ::testing::ValuesIn(::mockgc::testing::harness_kinds()), \
                           [](const auto& test_param) { return test_param.param.name; })
