// The living model: re-derives the plan when volume arrives; sentence numbers are computed.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mockgc/capacity/living_plan.hpp"

namespace mc = mockgc::capacity;

namespace {
mc::CapacitySettings small_settings() {
  mc::CapacitySettings s;
  s.monte_carlo.draws = 2000;
  s.attribution_draws = 1000;
  s.monte_carlo.seed = 17;
  return s;
}
mc::VolumeSet weeks(int n, double weekly_calls) {
  mc::SyntheticVolumeOptions o;
  o.weeks = n;
  o.weekly_calls = weekly_calls;
  return mc::synthetic_volume(o);
}
}  // namespace

TEST(LivingPlan, ReportsARangeSentenceFromComputedNumbers) {
  mc::LivingPlan plan(small_settings());
  EXPECT_FALSE(plan.replan().ok());  // nothing ingested
  ASSERT_TRUE(plan.ingest(weeks(5, 20000)).ok());
  const auto r = plan.replan().value();
  const auto& h = r.monte_carlo.horizon;
  const std::string expected_start = fmt::format("{:.0f}–{:.0f} FTE (P10–P90, P50 {:.0f}) over 5 weeks from 2026-01-05",
                                                 h.quantiles[0], h.quantiles[2], h.quantiles[1]);
  EXPECT_EQ(r.sentence.rfind(expected_start, 0), 0u) << r.sentence;
  EXPECT_NE(r.sentence.find(std::string("driven mostly by ") + mc::to_string(r.attribution.factors[0].factor)),
            std::string::npos);
  const std::string text = mc::render_text(r);
  EXPECT_NE(text.find("seed 17"), std::string::npos);
  EXPECT_NE(text.find("2026-02"), std::string::npos);  // monthly table
  EXPECT_EQ(mc::to_json(r).dump(), mc::to_json(plan.replan().value()).dump());  // deterministic
}

TEST(LivingPlan, NewVolumeChangesThePlan) {
  mc::LivingPlan plan(small_settings());
  ASSERT_TRUE(plan.ingest(weeks(2, 20000)).ok());
  const auto before = plan.replan().value();
  auto busier = weeks(2, 30000);
  ASSERT_TRUE(plan.ingest(busier).ok());
  EXPECT_EQ(plan.revision(), 2);
  const auto after = plan.replan().value();
  EXPECT_EQ(after.revision, 2);
  EXPECT_GT(after.monte_carlo.horizon.quantiles[1], 1.3 * before.monte_carlo.horizon.quantiles[1]);
}

TEST(LivingPlan, RejectsBadVolume) {
  mc::LivingPlan plan(small_settings());
  auto v = weeks(1, 1000);
  v.groups[0].offered[3] = -4;
  EXPECT_FALSE(plan.ingest(v).ok());
  EXPECT_EQ(plan.revision(), 0);
}
