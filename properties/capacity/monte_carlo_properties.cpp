// Monte Carlo invariants: ordered quantiles; zero variance reproduces the deterministic plan.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "mockgc/capacity/monte_carlo.hpp"
#include "mockgc/capacity/volume.hpp"

namespace mc = mockgc::capacity;

RC_GTEST_PROP(MonteCarloProps, QuantilesAreOrdered, ()) {
  const auto values = *rc::gen::nonEmpty(rc::gen::container<std::vector<int>>(rc::gen::inRange(-1000, 1000)));
  auto levels = *rc::gen::nonEmpty(rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 1001)));
  std::sort(levels.begin(), levels.end());
  std::vector<double> work(values.begin(), values.end());
  double prev = -1e300;
  for (int l : levels) {
    const double q = mc::nearest_rank_quantile(work, l / 1000.0);
    RC_ASSERT(q >= prev);
    RC_ASSERT(std::find(values.begin(), values.end(), static_cast<int>(q)) != values.end());
    prev = q;
  }
}

RC_GTEST_PROP(MonteCarloProps, ZeroVarianceEqualsDeterministicPlan, ()) {
  // A random day-shaped week (30-minute intervals) of one or two queue groups.
  mc::VolumeSet v;
  v.interval_minutes = 30;
  const int groups = *rc::gen::inRange(1, 3);
  for (int g = 0; g < groups; ++g) {
    mc::QueueGroupVolume q;
    q.name = "G" + std::to_string(g);
    q.start_utc = mc::parse_utc("2026-01-05T00:00:00Z").value() + 1800 * *rc::gen::inRange(0, 48);
    const int n = *rc::gen::inRange(1, 400);
    const int peak = *rc::gen::inRange(0, 400);
    const int aht = *rc::gen::inRange(60, 900);
    for (int i = 0; i < n; ++i) {
      q.offered.push_back(i % 48 >= 16 && i % 48 < 36 ? peak : peak / 10);
      q.aht_seconds.push_back(aht);
    }
    v.groups.push_back(q);
  }
  mc::PlanSettings s;
  s.shrinkage = *rc::gen::inRange(0, 50) / 100.0;
  const auto in = mc::make_plan_inputs(v, s).value();
  mc::Uncertainty u;
  u.volume_cv = u.aht_cv = u.shrinkage_sd = u.attrition_annual_sd = u.hiring_lag_sd_weeks = 0.0;
  u.attrition_annual = *rc::gen::inRange(0, 60) / 100.0;
  const auto curves = mc::StaffingCurves::build(in, u).value();
  mc::MonteCarloOptions o;
  o.draws = 20;
  o.seed = *rc::gen::arbitrary<std::uint64_t>();
  const auto r = mc::run_monte_carlo(in, curves, u, o).value();
  const auto plan = mc::deterministic_plan(in).value();
  const double buffer = mc::attrition_buffer(u.attrition_annual, u.hiring_lag_weeks);
  for (std::size_t w = 0; w < r.weeks.size(); ++w) {
    for (double q : r.weeks[w].quantiles) RC_ASSERT(std::fabs(q - plan.fte[w] * buffer) <= 1e-9 * (1 + q));
  }
}
