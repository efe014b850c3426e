#pragma once
// Endpoint suites of the conversation-history area: TEST_P over every harness kind, with an api::ManualClock
// the test can place (history exists for 190 days before the service's start instant) and the ground
// truth (DemandModel + HistoryStore built straight from the same seed).
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/endpoint_fixture.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/wfm/demand.hpp"
#include "mockgc/core/wfm/history.hpp"
#include "mockgc/core/world.hpp"

namespace mockgc::testing {

inline constexpr const char* kAggregates = "/api/v2/analytics/conversations/aggregates/query";
inline constexpr const char* kJobs = "/api/v2/analytics/conversations/aggregates/jobs";

class HistoryEndpointTest : public EndpointTest {
 protected:
  using Instant = core::Instant;
  // Restarts the service with its clock at `now` (the history window is anchored there).
  void start_at(const char* now) {
    harness_.reset();
    tokens_.clear();
    clock_ = std::make_unique<api::ManualClock>(*api::parse_instant(now));
    core::ServiceOptions o;
    o.clock = clock_.get();
    harness_ = GetParam().make(o);
  }
  static Instant at(const char* iso) { return *api::parse_instant(iso); }

  nlohmann::json query(const std::string& region, const nlohmann::json& body) {
    auto res = send_json(region, "POST", kAggregates, body);
    EXPECT_EQ(res.status, 200) << res.body;
    return body_json(res);
  }

  // Ground truth for a region, built for [from, to) only (cells do not depend on the window).
  struct Truth {
    core::World world;
    std::unique_ptr<core::wfm::DemandModel> demand;
    std::unique_ptr<core::wfm::HistoryStore> store;
  };
  Truth truth(const std::string& region, Instant from, Instant to) {
    Truth t;
    t.world = core::generate_world(core::default_scenario(), h().service().seed());
    t.demand = std::make_unique<core::wfm::DemandModel>(core::wfm::DemandModel::build(*t.world.find_org(region), h().service().seed()));
    t.store = std::make_unique<core::wfm::HistoryStore>(core::wfm::HistoryStore::build(*t.demand, h().service().seed(), from, to));
    return t;
  }
};

// Sum of one metric's stats.count over every group and bucket of a response.
inline std::uint64_t total_count(const nlohmann::json& response, std::string_view metric) {
  std::uint64_t n = 0;
  if (!response.contains("results")) return 0;
  for (const auto& g : response["results"])
    for (const auto& d : g["data"])
      for (const auto& m : d["metrics"])
        if (m["metric"] == metric) n += m["stats"]["count"].get<std::uint64_t>();
  return n;
}

}  // namespace mockgc::testing
