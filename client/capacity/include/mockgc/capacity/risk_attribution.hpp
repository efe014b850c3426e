#pragma once
// Risk attribution: which uncertain input drives how much of the spread of the horizon FTE.
//
// Method: one-at-a-time (OAT) variance shares. For each factor f, the Monte Carlo is re-run with only
// f random (all others at their nominal values), using the same seed, so every run sees common random
// numbers. V_f = Var(Y | only f varies); share_f = V_f / Σ_g V_g. For a model that is additive in the
// factors' effects V_f equals the first-order Sobol numerator Var(E[Y | X_f]), so the shares are
// first-order Sobol-like indices normalised to 1.
// Limits: interactions are ignored (the model is multiplicative: volume × AHT × shrinkage × attrition
// buffer, so small cross terms exist); `additivity` = Σ V_f / Var(Y with all factors) reports how far
// from additive the model is (≈ 1 additive; < 1 interactions add variance; > 1 the factors offset).
// Shares are estimates with Monte Carlo noise of order 1/√draws.
// Swing (what a tornado chart draws): the P5 and P95 of the horizon FTE in the same one-factor run.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "mockgc/capacity/monte_carlo.hpp"

namespace mockgc::capacity {

struct FactorShare {
  RiskFactor factor = RiskFactor::volume;
  double variance = 0.0;
  double share = 0.0;
  double low = 0.0;   ///< P5 of the horizon FTE with only this factor random
  double high = 0.0;  ///< P95 of the same
};

struct RiskAttribution {
  std::vector<FactorShare> factors;  ///< sorted by share, largest first
  double total_variance = 0.0;       ///< all factors on
  double additivity = 0.0;           ///< Σ V_f / total_variance
  std::size_t draws = 0;
};

/// `all_factors_horizon` is the per-draw horizon FTE of the full run (for total_variance); it may be
/// empty, in which case the full run is simulated here.
Result<RiskAttribution> attribute_risk(const PlanInputs& inputs, const StaffingCurves& curves,
                                       const Uncertainty& u, std::size_t draws, std::uint64_t seed,
                                       const Eigen::ArrayXd& all_factors_horizon = {});

}  // namespace mockgc::capacity
