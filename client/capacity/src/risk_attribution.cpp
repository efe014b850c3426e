#include "mockgc/capacity/risk_attribution.hpp"

#include <algorithm>
#include <vector>

namespace mockgc::capacity {

namespace {
double variance(const Eigen::ArrayXd& x) {
  if (x.size() < 2) return 0.0;
  const double mean = x.mean();
  return (x - mean).square().sum() / static_cast<double>(x.size() - 1);
}
}  // namespace

Result<RiskAttribution> attribute_risk(const PlanInputs& in, const StaffingCurves& curves, const Uncertainty& u,
                                       std::size_t draws, std::uint64_t seed, const Eigen::ArrayXd& all_horizon) {
  if (auto s = validate(u); !s) return s.error();
  if (draws < 2) return Error{"risk attribution needs at least two draws"};
  RiskAttribution r;
  r.draws = draws;
  Eigen::ArrayXXd weekly;
  std::size_t clamped = 0;
  if (all_horizon.size() >= 2) {
    r.total_variance = variance(all_horizon);
  } else {
    simulate_weekly_fte(in, curves, u, FactorMask{}, draws, seed, weekly, clamped);
    r.total_variance = variance(horizon_metric(weekly));
  }
  double sum = 0.0;
  for (int f = 0; f < kRiskFactorCount; ++f) {
    const auto factor = static_cast<RiskFactor>(f);
    simulate_weekly_fte(in, curves, u, FactorMask::only(factor), draws, seed, weekly, clamped);
    const Eigen::ArrayXd horizon = horizon_metric(weekly);
    const double v = variance(horizon);
    std::vector<double> column(horizon.begin(), horizon.end());
    const double low = nearest_rank_quantile(column, 0.05);
    const double high = nearest_rank_quantile(column, 0.95);
    r.factors.push_back(FactorShare{factor, v, 0.0, low, high});
    sum += v;
  }
  for (auto& f : r.factors) f.share = sum > 0.0 ? f.variance / sum : 0.0;
  std::stable_sort(r.factors.begin(), r.factors.end(),
                   [](const FactorShare& a, const FactorShare& b) { return a.share > b.share; });
  r.additivity = r.total_variance > 0.0 ? sum / r.total_variance : 0.0;
  return r;
}

}  // namespace mockgc::capacity
