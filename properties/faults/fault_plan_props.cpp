// FaultPlan JSON round trip for random plans, and determinism of decisions from the seed.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <nlohmann/json.hpp>

#include "fault_generators.hpp"
#include "mockgc/api/time.hpp"

using namespace mockgc::core;
using namespace mockgc::core::faults;
using mockgc::properties::valid_faults;

RC_GTEST_PROP(FaultPlanProps, JsonRoundTripForRandomPlans, ()) {
  auto faults = *valid_faults();
  auto start = Instant(Millis(*rc::gen::inRange<std::int64_t>(1'700'000'000'000, 1'900'000'000'000)));
  auto seed = *rc::gen::arbitrary<std::uint64_t>();
  FaultPlan plan(faults, start, seed);
  auto text = plan.to_json().dump();
  auto back = FaultPlan::from_json(nlohmann::json::parse(text), start, seed);
  RC_ASSERT(back == plan);
  RC_ASSERT(back.to_json().dump() == text);
}

RC_GTEST_PROP(FaultPlanProps, DecisionsArePureFunctionsOfSeedAndRequest, ()) {
  auto faults = *valid_faults();
  auto start = *mockgc::api::parse_instant("2026-03-29T00:00:00Z");
  auto seed = *rc::gen::arbitrary<std::uint64_t>();
  FaultPlan a(faults, start, seed), b(faults, start, seed);
  for (int i = 0; i < 20; ++i) {
    RequestFacts r{start + Millis(*rc::gen::inRange<std::int64_t>(-3'600'000, 86'400'000)),
                   *rc::gen::element<std::string_view>("eu_central_1", "us_east_1"),
                   *rc::gen::element<std::string_view>("GET", "POST", "PUT"),
                   *rc::gen::element<std::string_view>("/api/v2/users/u1", "/api/v2/analytics/conversations/aggregates/query",
                                                       "/api/v2/workforcemanagement/businessunits/b/weeks/2026-03-30/shorttermforecasts/import"),
                   "client-1", static_cast<std::uint64_t>(i)};
    auto da = a.evaluate(r), db = b.evaluate(r);
    RC_ASSERT(da.applied == db.applied);
    RC_ASSERT(da.latency == db.latency);
    RC_ASSERT(da.transport == db.transport);
    RC_ASSERT(da.early.has_value() == db.early.has_value());
    if (da.early) RC_ASSERT(da.early->status == 503 || da.early->status == 504);
  }
}
