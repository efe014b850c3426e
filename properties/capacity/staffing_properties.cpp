// Required agents are monotone in volume and AHT; the fast grid kernel equals the reference search.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

#include "mockgc/capacity/grid.hpp"
#include "mockgc/capacity/staffing.hpp"

namespace mc = mockgc::capacity;

namespace {
rc::Gen<double> gen_range(double lo, double hi, int steps = 100000) {
  return rc::gen::map(rc::gen::inRange(0, steps + 1),
                      [=](int i) { return lo + (hi - lo) * static_cast<double>(i) / steps; });
}
mc::StaffingTarget gen_target() {
  mc::StaffingTarget t;
  t.service_level = *gen_range(0.0, 0.99);
  t.sl_seconds = *gen_range(0.0, 120.0);
  if (*rc::gen::arbitrary<bool>()) t.max_occupancy = *gen_range(0.5, 1.0);
  if (*rc::gen::arbitrary<bool>()) t.max_asa_seconds = *gen_range(1.0, 300.0);
  return t;
}
}  // namespace

RC_GTEST_PROP(StaffingProps, AgentsNonDecreasingInVolume, ()) {
  const auto t = gen_target();
  const double interval = 1800.0;
  const double aht = *gen_range(30.0, 900.0);
  const double calls = *gen_range(0.0, 5000.0);
  const double more = calls + *gen_range(0.0, 500.0);
  const auto n1 = mc::required_agents_erlang_c(calls * aht / interval, aht, t).value();
  const auto n2 = mc::required_agents_erlang_c(more * aht / interval, aht, t).value();
  RC_ASSERT(n1.agents <= n2.agents);
}

RC_GTEST_PROP(StaffingProps, AgentsNonDecreasingInAht, ()) {
  const auto t = gen_target();
  const double interval = 1800.0;
  const double calls = *gen_range(0.0, 3000.0);
  const double aht = *gen_range(30.0, 900.0);
  const double longer = aht + *gen_range(0.0, 300.0);
  const auto n1 = mc::required_agents_erlang_c(calls * aht / interval, aht, t).value();
  const auto n2 = mc::required_agents_erlang_c(calls * longer / interval, longer, t).value();
  RC_ASSERT(n1.agents <= n2.agents);
}

RC_GTEST_PROP(StaffingProps, ResultMeetsTargetAndOneFewerDoesNot, ()) {
  const auto t = gen_target();
  const double a = *gen_range(0.01, 2000.0);
  const double aht = *gen_range(30.0, 900.0);
  const auto m = mc::required_agents_erlang_c(a, aht, t).value();
  RC_ASSERT(m.service_level >= *t.service_level);
  RC_ASSERT(m.agents == mc::erlang_c_search_start(a) ||
            [&] {
              const auto below = mc::evaluate_erlang_c(m.agents - 1, a, aht, t.sl_seconds).value();
              const bool occ_ok = !t.max_occupancy || below.occupancy <= *t.max_occupancy;
              const bool asa_ok = !t.max_asa_seconds || below.asa_seconds <= *t.max_asa_seconds;
              return !(below.service_level >= *t.service_level && occ_ok && asa_ok);
            }());
}

RC_GTEST_PROP(StaffingProps, GridKernelEqualsReferenceSearch, ()) {
  const auto t = gen_target();
  const auto count = *rc::gen::inRange<std::size_t>(1, 40);
  std::vector<double> erl(count), aht(count);
  for (std::size_t i = 0; i < count; ++i) {
    erl[i] = *gen_range(0.0, 3000.0);
    aht[i] = *gen_range(20.0, 900.0);
  }
  std::vector<int> out(count);
  mc::staff_cells_unchecked(erl.data(), aht.data(), count, t, out.data());
  for (std::size_t i = 0; i < count; ++i) {
    RC_ASSERT(out[i] == mc::required_agents_erlang_c(erl[i], aht[i], t).value().agents);
  }
}

RC_GTEST_PROP(StaffingProps, ErlangARequirementMeetsItsTarget, ()) {
  mc::StaffingTarget t;
  t.service_level = *gen_range(0.5, 0.95);
  t.sl_seconds = *gen_range(5.0, 60.0);
  const double a = *gen_range(0.5, 40.0);
  const double aht = *gen_range(60.0, 600.0);
  const double patience = *gen_range(30.0, 900.0);
  const auto m = mc::required_agents_erlang_a(a, aht, patience, t).value();
  RC_ASSERT(m.service_level(t.sl_definition) >= *t.service_level);
  if (m.agents > 1) {
    const auto below = mc::evaluate_erlang_a(m.agents - 1, a, aht, patience, t.sl_seconds).value();
    RC_ASSERT(below.service_level(t.sl_definition) < *t.service_level);
  }
}
