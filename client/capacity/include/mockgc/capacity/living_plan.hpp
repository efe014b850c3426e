#pragma once
// The living capacity model: holds the latest volume (the reference client's aggregated volume, or a
// synthetic forecast), re-derives the plan whenever new volume arrives, and reports the FTE range with
// the risks that drive it:
//   "380–460 FTE (P10–P90, P50 418) over 26 weeks from 2026-01-05, driven mostly by volume error (61 %)
//    and attrition (22 %)."
// Every number in the sentence is computed from the Monte Carlo and the OAT attribution, never typed.
#include <cstdint>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "mockgc/capacity/monte_carlo.hpp"
#include "mockgc/capacity/plan.hpp"
#include "mockgc/capacity/risk_attribution.hpp"
#include "mockgc/capacity/volume.hpp"

namespace mockgc::capacity {

struct CapacitySettings {
  PlanSettings plan;
  Uncertainty uncertainty;
  MonteCarloOptions monte_carlo;
  std::size_t attribution_draws = 4000;
};

struct CapacityReport {
  int revision = 0;
  std::uint64_t seed = 0;
  std::int64_t start_utc = 0;
  int weeks = 0;
  MonteCarloResult monte_carlo;
  RiskAttribution attribution;
  std::string sentence;
};

class LivingPlan {
 public:
  explicit LivingPlan(CapacitySettings settings);
  /// Merges new volume (newer intervals win) and bumps the revision.
  Status ingest(const VolumeSet& volume);
  /// Re-derives the plan from the current volume.
  [[nodiscard]] Result<CapacityReport> replan() const;
  [[nodiscard]] int revision() const noexcept { return revision_; }
  [[nodiscard]] const VolumeSet& volume() const noexcept { return volume_; }

 private:
  CapacitySettings settings_;
  VolumeSet volume_;
  int revision_ = 0;
};

/// The range sentence for a report (uses the outermost requested quantiles and the median).
std::string range_sentence(const CapacityReport& report);
/// Sentence, weekly and monthly tables, attribution table (plain text, deterministic).
std::string render_text(const CapacityReport& report);
/// Deterministic JSON (sorted keys, numbers rounded to 4 decimals).
nlohmann::json to_json(const CapacityReport& report);

}  // namespace mockgc::capacity
