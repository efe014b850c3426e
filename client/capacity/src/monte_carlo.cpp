#include "mockgc/capacity/monte_carlo.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "mockgc/capacity/grid.hpp"
#include "mockgc/api/random.hpp"
#include "validate.hpp"

namespace mockgc::capacity {

const char* to_string(RiskFactor f) noexcept {
  switch (f) {
    case RiskFactor::volume: return "volume error";
    case RiskFactor::aht: return "AHT";
    case RiskFactor::shrinkage: return "shrinkage";
    case RiskFactor::attrition: return "attrition";
    case RiskFactor::hiring_lag: return "hiring lag";
  }
  return "?";
}

Status validate(const Uncertainty& u) {
  using namespace detail;
  if (auto e = require_non_negative(u.volume_cv, "volume CV")) return *e;
  if (auto e = require_non_negative(u.aht_cv, "AHT CV")) return *e;
  if (u.volume_cv > 2.0 || u.aht_cv > 2.0) return Error{"volume/AHT CV above 2 is not a forecast error"};
  if (auto e = require_fraction(u.volume_week_correlation, "volume week-to-week correlation", true)) return *e;
  if (auto e = require_fraction(u.aht_week_correlation, "AHT week-to-week correlation", true)) return *e;
  if (auto e = require_non_negative(u.shrinkage_sd, "shrinkage SD")) return *e;
  if (auto e = require_fraction(u.attrition_annual, "annual attrition", false)) return *e;
  if (auto e = require_non_negative(u.attrition_annual_sd, "annual attrition SD")) return *e;
  if (auto e = require_non_negative(u.hiring_lag_weeks, "hiring lag (weeks)")) return *e;
  if (auto e = require_non_negative(u.hiring_lag_sd_weeks, "hiring lag SD (weeks)")) return *e;
  return ok_status();
}

namespace {
double log_sigma(double cv) { return std::sqrt(std::log1p(cv * cv)); }
}  // namespace

struct CurveBuilder {
  static Result<StaffingCurves> build(const PlanInputs& in, const Uncertainty& u, const CurveOptions& o) {
    if (auto s = validate(u); !s) return s.error();
    if (o.load_nodes < 2 || o.aht_nodes < 2 || !(o.node_sigmas > 0.0)) {
      return Error{"curve options need ≥ 2 nodes per axis and a positive range"};
    }
    StaffingCurves c;
    c.inputs_ = &in;
    c.weeks_ = in.weeks;
    const double sv = log_sigma(u.volume_cv);
    const double sh = log_sigma(u.aht_cv);
    const double sg = std::sqrt(sv * sv + sh * sh);
    c.g_nodes_ = sg > 0.0 ? o.load_nodes : 1;
    c.h_nodes_ = sh > 0.0 ? o.aht_nodes : 1;
    c.log_g_lo_ = -o.node_sigmas * sg;
    c.log_g_step_ = c.g_nodes_ > 1 ? 2.0 * o.node_sigmas * sg / (c.g_nodes_ - 1) : 0.0;
    c.log_h_lo_ = -o.node_sigmas * sh;
    c.log_h_step_ = c.h_nodes_ > 1 ? 2.0 * o.node_sigmas * sh / (c.h_nodes_ - 1) : 0.0;
    const auto G = static_cast<std::size_t>(c.g_nodes_);
    const auto H = static_cast<std::size_t>(c.h_nodes_);
    c.nodes_.assign(static_cast<std::size_t>(in.weeks) * H * G, 0.0);

    std::vector<double> g_mult(G), h_mult(H);
    for (std::size_t j = 0; j < G; ++j) g_mult[j] = std::exp(c.log_g_lo_ + static_cast<double>(j) * c.log_g_step_);
    for (std::size_t k = 0; k < H; ++k) h_mult[k] = std::exp(c.log_h_lo_ + static_cast<double>(k) * c.log_h_step_);
    if (G == 1) g_mult[0] = 1.0;
    if (H == 1) h_mult[0] = 1.0;

    // Workspace sized once for the longest (group, week) segment × G nodes.
    std::size_t longest = 0;
    for (const auto& g : in.groups) {
      std::size_t b = 0;
      while (b < g.week.size()) {
        std::size_t e = b;
        while (e < g.week.size() && g.week[e] == g.week[b]) ++e;
        longest = std::max(longest, e - b);
        b = e;
      }
    }
    std::vector<double> erl(longest * G), aht(longest * G);
    std::vector<int> out(longest * G);
    for (const auto& g : in.groups) {
      if (auto s = check_cells(g.erlangs.data(), g.aht_seconds.data(), g.erlangs.size()); !s) {
        return Error{fmt::format("queue group '{}': {}", g.name, s.error().message)};
      }
      std::size_t b = 0;
      while (b < g.week.size()) {
        std::size_t e = b;
        while (e < g.week.size() && g.week[e] == g.week[b]) ++e;
        const std::size_t len = e - b;
        const auto w = static_cast<std::size_t>(g.week[b]);
        for (std::size_t k = 0; k < H; ++k) {
          for (std::size_t j = 0; j < G; ++j) {
            for (std::size_t i = 0; i < len; ++i) {
              erl[j * len + i] = g.erlangs[b + i] * g_mult[j];
              aht[j * len + i] = g.aht_seconds[b + i] * h_mult[k];
            }
          }
          staff_cells_unchecked(erl.data(), aht.data(), len * G, g.target, out.data());
          c.cells_solved_ += len * G;
          for (std::size_t j = 0; j < G; ++j) {
            double sum = 0.0;
            for (std::size_t i = 0; i < len; ++i) sum += out[j * len + i];
            c.nodes_[(w * H + k) * G + j] += sum;
          }
        }
        b = e;
      }
    }
    return c;
  }
};

Result<StaffingCurves> StaffingCurves::build(const PlanInputs& inputs, const Uncertainty& u,
                                             const CurveOptions& options) {
  return CurveBuilder::build(inputs, u, options);
}

double StaffingCurves::node_value(int week, double log_g, double log_h, bool* clamped) const noexcept {
  const auto G = static_cast<std::size_t>(g_nodes_);
  const auto H = static_cast<std::size_t>(h_nodes_);
  const double* base = nodes_.data() + static_cast<std::size_t>(week) * H * G;
  auto locate = [&](double x, double lo, double step, int n, std::size_t& idx, double& t) {
    if (n == 1) {
      idx = 0;
      t = 0.0;
      return;
    }
    double u = (x - lo) / step;
    if (u < 0.0 || u > n - 1) {
      if (clamped) *clamped = true;
      u = std::clamp(u, 0.0, static_cast<double>(n - 1));
    }
    idx = std::min(static_cast<std::size_t>(u), static_cast<std::size_t>(n - 2));
    t = u - static_cast<double>(idx);
  };
  std::size_t j = 0, k = 0;
  double tg = 0.0, th = 0.0;
  locate(log_g, log_g_lo_, log_g_step_, g_nodes_, j, tg);
  locate(log_h, log_h_lo_, log_h_step_, h_nodes_, k, th);
  auto at = [&](std::size_t kk, std::size_t jj) { return base[kk * G + jj]; };
  auto along_g = [&](std::size_t kk) {
    return G == 1 ? at(kk, 0) : at(kk, j) + tg * (at(kk, j + 1) - at(kk, j));
  };
  return H == 1 ? along_g(0) : along_g(k) + th * (along_g(k + 1) - along_g(k));
}

double StaffingCurves::weekly_agents(int week, double m, double h, bool* clamped) const noexcept {
  return node_value(week, std::log(m * h), std::log(h), clamped);
}

double StaffingCurves::weekly_agents_log(int week, double log_load_mult, double log_aht_mult,
                                         bool* clamped) const noexcept {
  return node_value(week, log_load_mult, log_aht_mult, clamped);
}

Result<StaffingCurves::InterpolationError> StaffingCurves::measure_interpolation_error(int week, double m,
                                                                                      double h) const {
  if (week < 0 || week >= weeks_) return Error{fmt::format("week {} out of range", week)};
  if (!(m > 0.0) || !(h > 0.0)) return Error{"multipliers must be > 0"};
  InterpolationError err;
  double interp_sum = 0.0;
  double exact_sum = 0.0;
  std::size_t count = 0;
  const double lg = std::log(m * h);
  const double lh = std::log(h);
  for (const auto& g : inputs_->groups) {
    std::vector<double> erl, aht;
    for (std::size_t i = 0; i < g.week.size(); ++i) {
      if (g.week[i] != week) continue;
      erl.push_back(g.erlangs[i]);
      aht.push_back(g.aht_seconds[i]);
    }
    const std::size_t n = erl.size();
    if (n == 0) continue;
    // Per-interval interpolant: the same bilinear weights applied to per-interval node solves.
    auto solve = [&](double gm, double hm) {
      std::vector<double> e2(n), a2(n);
      std::vector<int> o2(n);
      for (std::size_t i = 0; i < n; ++i) {
        e2[i] = erl[i] * gm;
        a2[i] = aht[i] * hm;
      }
      staff_cells_unchecked(e2.data(), a2.data(), n, g.target, o2.data());
      return o2;
    };
    auto weights = [](double x, double lo, double step, int nn, int& idx, double& t) {
      if (nn == 1) {
        idx = 0;
        t = 0.0;
        return;
      }
      const double u = std::clamp((x - lo) / step, 0.0, static_cast<double>(nn - 1));
      idx = std::min(static_cast<int>(u), nn - 2);
      t = u - idx;
    };
    int j = 0, k = 0;
    double tg = 0.0, th = 0.0;
    weights(lg, log_g_lo_, log_g_step_, g_nodes_, j, tg);
    weights(lh, log_h_lo_, log_h_step_, h_nodes_, k, th);
    auto gval = [&](int jj) { return std::exp(log_g_lo_ + jj * log_g_step_); };
    auto hval = [&](int kk) { return std::exp(log_h_lo_ + kk * log_h_step_); };
    const double g0 = g_nodes_ == 1 ? 1.0 : gval(j), g1 = g_nodes_ == 1 ? 1.0 : gval(j + 1);
    const double h0 = h_nodes_ == 1 ? 1.0 : hval(k), h1 = h_nodes_ == 1 ? 1.0 : hval(k + 1);
    const auto n00 = solve(g0, h0), n01 = solve(g1, h0), n10 = solve(g0, h1), n11 = solve(g1, h1);
    const auto exact = solve(m * h, h);
    for (std::size_t i = 0; i < n; ++i) {
      const double lo = n00[i] + tg * (n01[i] - n00[i]);
      const double hi = n10[i] + tg * (n11[i] - n10[i]);
      const double v = h_nodes_ == 1 ? lo : lo + th * (hi - lo);
      err.max_interval_abs = std::max(err.max_interval_abs, std::fabs(v - exact[i]));
      interp_sum += v;
      exact_sum += exact[i];
    }
    count += n;
  }
  if (count > 0) err.weekly_mean_abs = std::fabs(interp_sum - exact_sum) / static_cast<double>(count);
  return err;
}

void simulate_weekly_fte(const PlanInputs& in, const StaffingCurves& curves, const Uncertainty& u,
                         const FactorMask& mask, std::size_t draws, std::uint64_t seed,
                         Eigen::ArrayXXd& out, std::size_t& clamped) {
  const int weeks = in.weeks;
  if (out.rows() != static_cast<Eigen::Index>(draws) || out.cols() != weeks) {
    out.resize(static_cast<Eigen::Index>(draws), weeks);
  }
  clamped = 0;
  api::Rng rng(seed);
  const double sv = mask.has(RiskFactor::volume) ? log_sigma(u.volume_cv) : 0.0;
  const double sh = mask.has(RiskFactor::aht) ? log_sigma(u.aht_cv) : 0.0;
  const double ss = mask.has(RiskFactor::shrinkage) ? u.shrinkage_sd : 0.0;
  const double sa = mask.has(RiskFactor::attrition) ? u.attrition_annual_sd : 0.0;
  const double sl = mask.has(RiskFactor::hiring_lag) ? u.hiring_lag_sd_weeks : 0.0;
  const double phv = u.volume_week_correlation;
  const double phh = u.aht_week_correlation;
  const double innov_v = std::sqrt(1.0 - phv * phv);
  const double innov_h = std::sqrt(1.0 - phh * phh);
  const double s_mean = in.settings.shrinkage;
  const double hours_per_agent_interval = in.interval_hours;
  for (std::size_t d = 0; d < draws; ++d) {
    const double attr = std::clamp(u.attrition_annual + sa * rng.normal(), 0.0, 0.95);
    const double lag = std::max(0.0, u.hiring_lag_weeks + sl * rng.normal());
    const double buffer = attrition_buffer(attr, lag);
    double zv = 0.0;
    double zh = 0.0;
    for (int w = 0; w < weeks; ++w) {
      const double ev = rng.normal();
      const double eh = rng.normal();
      const double es = rng.normal();
      zv = w == 0 ? ev : phv * zv + innov_v * ev;
      zh = w == 0 ? eh : phh * zh + innov_h * eh;
      // log M = σ_v·Z_v, log H = σ_h·Z_h: the curves are indexed in logs, so no exp/log per draw.
      const double log_h = sh * zh;
      const double s = std::clamp(s_mean + ss * es, 0.0, 0.95);
      bool clip = false;
      const double agents = curves.weekly_agents_log(w, sv * zv + log_h, log_h, &clip);
      if (clip) ++clamped;
      const auto wi = static_cast<std::size_t>(w);
      out(static_cast<Eigen::Index>(d), w) = agents * hours_per_agent_interval / (1.0 - s) /
                                             (in.settings.paid_hours_per_week * in.week_coverage[wi]) * buffer;
    }
  }
}

double attrition_buffer(double annual_attrition, double hiring_lag_weeks) noexcept {
  // (1 − a_week)^(−lag) with a_week = 1 − (1 − annual)^(1/52).
  return std::exp(-hiring_lag_weeks * std::log1p(-annual_attrition) / 52.0);
}

double nearest_rank_quantile(std::span<double> values, double q) noexcept {
  const std::size_t n = values.size();
  std::size_t rank = q <= 0.0 ? 1 : static_cast<std::size_t>(std::ceil(q * static_cast<double>(n)));
  rank = std::clamp<std::size_t>(rank, 1, n);
  auto nth = values.begin() + static_cast<std::ptrdiff_t>(rank - 1);
  std::nth_element(values.begin(), nth, values.end());
  return *nth;
}

Eigen::ArrayXd horizon_metric(const Eigen::ArrayXXd& weekly) { return weekly.rowwise().mean(); }

namespace {
PeriodRange summarise(std::string label, double deterministic, std::vector<double>& column,
                      const std::vector<double>& levels) {
  PeriodRange r;
  r.label = std::move(label);
  r.deterministic = deterministic;
  double sum = 0.0;
  for (double v : column) sum += v;
  r.mean = column.empty() ? 0.0 : sum / static_cast<double>(column.size());
  for (double q : levels) r.quantiles.push_back(nearest_rank_quantile(column, q));
  for (std::size_t i = 0; i < kFanLevels.size(); ++i) r.fan[i] = nearest_rank_quantile(column, kFanLevels[i]);
  return r;
}
}  // namespace

Result<MonteCarloResult> run_monte_carlo(const PlanInputs& in, const StaffingCurves& curves, const Uncertainty& u,
                                         const MonteCarloOptions& o) {
  if (auto s = validate(u); !s) return s.error();
  if (o.draws < 1) return Error{"Monte Carlo needs at least one draw"};
  if (o.quantiles.empty()) return Error{"at least one quantile level is required"};
  for (double q : o.quantiles) {
    if (!(q >= 0.0 && q <= 1.0)) return Error{fmt::format("quantile level must be in [0, 1] (got {})", q)};
  }
  if (curves.weeks() != in.weeks) return Error{"staffing curves were built for other inputs"};
  auto point = deterministic_plan(in);
  if (!point) return point.error();
  // The point plan at nominal inputs carries the same attrition buffer as every draw.
  for (double& f : point->fte) f *= attrition_buffer(u.attrition_annual, u.hiring_lag_weeks);

  MonteCarloResult r;
  r.seed = o.seed;
  r.draws = o.draws;
  r.quantile_levels = o.quantiles;
  std::sort(r.quantile_levels.begin(), r.quantile_levels.end());
  r.load_nodes = curves.load_nodes();
  r.aht_nodes = curves.aht_nodes();
  simulate_weekly_fte(in, curves, u, FactorMask{}, o.draws, o.seed, r.weekly_fte, r.clamped_draw_weeks);
  r.horizon_fte = horizon_metric(r.weekly_fte);

  std::vector<double> column(o.draws);
  for (int w = 0; w < in.weeks; ++w) {
    for (std::size_t d = 0; d < o.draws; ++d) column[d] = r.weekly_fte(static_cast<Eigen::Index>(d), w);
    r.weeks.push_back(summarise(format_date(in.week_start_utc[static_cast<std::size_t>(w)]),
                                point->fte[static_cast<std::size_t>(w)], column, r.quantile_levels));
  }
  std::map<std::string, std::vector<int>> months;
  for (int w = 0; w < in.weeks; ++w) months[format_month(in.week_start_utc[static_cast<std::size_t>(w)])].push_back(w);
  for (const auto& [label, ws] : months) {
    double det = 0.0;
    for (int w : ws) det += point->fte[static_cast<std::size_t>(w)];
    det /= static_cast<double>(ws.size());
    for (std::size_t d = 0; d < o.draws; ++d) {
      double s = 0.0;
      for (int w : ws) s += r.weekly_fte(static_cast<Eigen::Index>(d), w);
      column[d] = s / static_cast<double>(ws.size());
    }
    r.months.push_back(summarise(label, det, column, r.quantile_levels));
  }
  double det_h = 0.0;
  for (double f : point->fte) det_h += f;
  det_h /= static_cast<double>(std::max(1, in.weeks));
  for (std::size_t d = 0; d < o.draws; ++d) column[d] = r.horizon_fte(static_cast<Eigen::Index>(d));
  r.horizon = summarise("horizon", det_h, column, r.quantile_levels);
  return r;
}

}  // namespace mockgc::capacity
