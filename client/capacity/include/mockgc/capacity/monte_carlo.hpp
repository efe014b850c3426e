#pragma once
// Monte Carlo ranges for required FTE (wfm-math §4.1).
//
// Uncertainty model (documented choices):
//  - Volume: a weekly multiplier M_w = exp(σ_v·Z_w), median 1, common to every interval of week w
//    (forecast error is correlated within a week: a busy week is busy all week), with Z_w an AR(1)
//    across weeks (Z_0 ~ N(0,1), Z_w = φ·Z_{w−1} + √(1−φ²)·ε). σ_v = √ln(1+cv²). Poisson arrival
//    noise inside an interval is already part of the Erlang model, so it is not sampled again.
//  - AHT: the same construction with its own σ and φ; it scales both the load and T/AHT.
//  - Shrinkage: per week, normal around the plan's mean, truncated to [0, 0.95].
//  - Attrition and hiring lag: per draw (a scenario property). Headcount must be carried ahead of
//    attrition for the hiring lag: planned FTE = required FTE × (1 − a_week)^(−lag_weeks), with
//    a_week = 1 − (1 − annual)^(1/52). Annual rate ~ N(mean, sd) in [0, 0.95]; lag ~ N(mean, sd) ≥ 0.
//  - Multiple queue groups share the same draws (conservative: errors add up, no diversification).
//
// Speed: re-solving Erlang per interval per draw is ruled out. StaffingCurves precomputes, for each
// week, Σ_interval agents on a grid of (load multiplier g = M·H, AHT multiplier H) nodes — G
// log-spaced g nodes over ±4.5σ, 3 H nodes — using the grid kernel, and each draw interpolates
// bilinearly (in log g, log H). Linear interpolation commutes with the sum, so the weekly value equals
// the sum of per-interval interpolants; measure_interpolation_error() re-solves exactly to show the
// error (< 1 agent per interval; far less per week). Draws outside the node range are clamped and
// counted.
//
// Quantiles: nearest-rank on the sorted draws (q-quantile = x_(⌈q·n⌉), q = 0 → minimum).
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "mockgc/capacity/plan.hpp"
#include "mockgc/capacity/result.hpp"

namespace mockgc::capacity {

struct Uncertainty {
  double volume_cv = 0.08;
  double volume_week_correlation = 0.7;
  double aht_cv = 0.04;
  double aht_week_correlation = 0.7;
  double shrinkage_sd = 0.025;
  double attrition_annual = 0.30;
  double attrition_annual_sd = 0.08;
  double hiring_lag_weeks = 6.0;
  double hiring_lag_sd_weeks = 2.0;
};

Status validate(const Uncertainty& u);

/// The inputs risk attribution can switch on one at a time.
enum class RiskFactor { volume = 0, aht = 1, shrinkage = 2, attrition = 3, hiring_lag = 4 };
inline constexpr int kRiskFactorCount = 5;
const char* to_string(RiskFactor f) noexcept;

struct FactorMask {
  bool on[kRiskFactorCount] = {true, true, true, true, true};
  static FactorMask only(RiskFactor f) {
    FactorMask m;
    for (bool& b : m.on) b = false;
    m.on[static_cast<int>(f)] = true;
    return m;
  }
  [[nodiscard]] bool has(RiskFactor f) const { return on[static_cast<int>(f)]; }
};

struct CurveOptions {
  int load_nodes = 33;      ///< nodes in log g (1 when g has no variance)
  int aht_nodes = 3;        ///< nodes in log H (1 when AHT has no variance)
  double node_sigmas = 4.5; ///< node range ±k·σ
};

/// Per-week staffing curves. Keeps a pointer to `inputs` (for measure_interpolation_error): the
/// PlanInputs must outlive the curves.
class StaffingCurves {
 public:
  static Result<StaffingCurves> build(const PlanInputs& inputs, const Uncertainty& u,
                                      const CurveOptions& options = {});

  /// Σ over the week's intervals (all groups) of agents at load multiplier m·h and AHT multiplier h,
  /// interpolated. Sets *clamped when (m, h) lies outside the node range.
  double weekly_agents(int week, double volume_mult, double aht_mult, bool* clamped = nullptr) const noexcept;
  /// The same in logs: log g = log(volume_mult × aht_mult), log h = log(aht_mult).
  double weekly_agents_log(int week, double log_load_mult, double log_aht_mult,
                           bool* clamped = nullptr) const noexcept;

  struct InterpolationError {
    double max_interval_abs = 0.0;   ///< max over intervals of |interpolated − exact| agents
    double weekly_mean_abs = 0.0;    ///< |Σ interpolated − Σ exact| / intervals in the week
  };
  /// Exact re-solve for comparison (allocates; diagnostic only).
  Result<InterpolationError> measure_interpolation_error(int week, double volume_mult,
                                                         double aht_mult) const;

  [[nodiscard]] int weeks() const noexcept { return weeks_; }
  [[nodiscard]] int load_nodes() const noexcept { return g_nodes_; }
  [[nodiscard]] int aht_nodes() const noexcept { return h_nodes_; }
  [[nodiscard]] std::size_t cells_solved() const noexcept { return cells_solved_; }

 private:
  const PlanInputs* inputs_ = nullptr;  // for measure_interpolation_error only
  int weeks_ = 0;
  int g_nodes_ = 1;
  int h_nodes_ = 1;
  double log_g_lo_ = 0.0, log_g_step_ = 0.0;
  double log_h_lo_ = 0.0, log_h_step_ = 0.0;
  std::vector<double> nodes_;  // [week][h][g] agents summed over the week
  std::size_t cells_solved_ = 0;
  double node_value(int week, double log_g, double log_h, bool* clamped) const noexcept;
  friend struct CurveBuilder;
};

struct MonteCarloOptions {
  std::size_t draws = 10000;
  std::uint64_t seed = 1;
  std::vector<double> quantiles{0.1, 0.5, 0.9};
  CurveOptions curves;
};

/// FTE per draw and week (draws × weeks), using the factors in `mask`. All normals are always drawn
/// in the same order, so runs with different masks use common random numbers.
void simulate_weekly_fte(const PlanInputs& inputs, const StaffingCurves& curves, const Uncertainty& u,
                         const FactorMask& mask, std::size_t draws, std::uint64_t seed,
                         Eigen::ArrayXXd& weekly_fte, std::size_t& clamped);

/// Headcount carried ahead of attrition for the hiring lag: (1 − a_week)^(−lag_weeks),
/// a_week = 1 − (1 − annual)^(1/52).
double attrition_buffer(double annual_attrition, double hiring_lag_weeks) noexcept;

/// Nearest-rank quantile; reorders `values`. q in [0, 1]; values non-empty.
double nearest_rank_quantile(std::span<double> values, double q) noexcept;

/// The fixed percentile ladder every period also carries, whatever quantiles were asked for: P5, P25,
/// P50, P75, P95 (the bands of a fan chart).
inline constexpr std::array<double, 5> kFanLevels{0.05, 0.25, 0.5, 0.75, 0.95};

struct PeriodRange {
  std::string label;          ///< week start date "2026-01-05" or month "2026-01"; "horizon"
  double deterministic = 0.0; ///< point plan: nominal inputs, attrition buffer included
  double mean = 0.0;
  std::vector<double> quantiles;  ///< aligned with MonteCarloResult::quantile_levels
  std::array<double, 5> fan{};    ///< at kFanLevels
};

struct MonteCarloResult {
  std::uint64_t seed = 0;
  std::size_t draws = 0;
  std::vector<double> quantile_levels;
  std::vector<PeriodRange> weeks;
  std::vector<PeriodRange> months;
  PeriodRange horizon;  ///< mean weekly FTE over the whole horizon
  std::size_t clamped_draw_weeks = 0;
  int load_nodes = 0;
  int aht_nodes = 0;
  Eigen::ArrayXXd weekly_fte;  ///< draws × weeks
  Eigen::ArrayXd horizon_fte;  ///< per draw
};

Result<MonteCarloResult> run_monte_carlo(const PlanInputs& inputs, const StaffingCurves& curves,
                                         const Uncertainty& u, const MonteCarloOptions& options);

/// Per-draw horizon metric (mean weekly FTE) from a draws × weeks matrix.
Eigen::ArrayXd horizon_metric(const Eigen::ArrayXXd& weekly_fte);

}  // namespace mockgc::capacity
