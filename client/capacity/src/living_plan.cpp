#include "mockgc/capacity/living_plan.hpp"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mockgc::capacity {

LivingPlan::LivingPlan(CapacitySettings settings) : settings_(std::move(settings)) {}

Status LivingPlan::ingest(const VolumeSet& volume) {
  if (auto s = merge_volume(volume_, volume); !s) return s;
  ++revision_;
  return ok_status();
}

Result<CapacityReport> LivingPlan::replan() const {
  if (volume_.groups.empty()) return Error{"no volume ingested yet"};
  auto inputs = make_plan_inputs(volume_, settings_.plan);
  if (!inputs) return inputs.error();
  auto curves = StaffingCurves::build(*inputs, settings_.uncertainty, settings_.monte_carlo.curves);
  if (!curves) return curves.error();
  auto mc = run_monte_carlo(*inputs, *curves, settings_.uncertainty, settings_.monte_carlo);
  if (!mc) return mc.error();
  auto attribution = attribute_risk(*inputs, *curves, settings_.uncertainty, settings_.attribution_draws,
                                    settings_.monte_carlo.seed);
  if (!attribution) return attribution.error();
  CapacityReport r;
  r.revision = revision_;
  r.seed = settings_.monte_carlo.seed;
  r.start_utc = inputs->start_utc;
  r.weeks = inputs->weeks;
  r.monte_carlo = std::move(mc).value();
  r.attribution = std::move(attribution).value();
  r.sentence = range_sentence(r);
  return r;
}

namespace {
std::string pct_label(double q) { return fmt::format("P{}", static_cast<int>(std::lround(q * 100.0))); }
double round4(double x) { return std::round(x * 1e4) / 1e4; }
}  // namespace

std::string range_sentence(const CapacityReport& r) {
  const auto& mc = r.monte_carlo;
  const auto& q = mc.horizon.quantiles;
  const auto& lv = mc.quantile_levels;
  std::string median;
  for (std::size_t i = 0; i < lv.size(); ++i) {
    if (lv[i] == 0.5) median = fmt::format(", P50 {:.0f}", q[i]);
  }
  std::string drivers;
  const auto& f = r.attribution.factors;
  if (f.empty() || r.attribution.total_variance <= 0.0) {
    drivers = "with no modelled uncertainty";
  } else if (f.size() == 1 || f[1].share < 0.05) {
    drivers = fmt::format("driven mostly by {} ({:.0f} %)", to_string(f[0].factor), 100.0 * f[0].share);
  } else {
    drivers = fmt::format("driven mostly by {} ({:.0f} %) and {} ({:.0f} %)", to_string(f[0].factor),
                          100.0 * f[0].share, to_string(f[1].factor), 100.0 * f[1].share);
  }
  return fmt::format("{:.0f}–{:.0f} FTE ({}–{}{}) over {} weeks from {}, {}.", q.front(), q.back(),
                     pct_label(lv.front()), pct_label(lv.back()), median, r.weeks, format_date(r.start_utc),
                     drivers);
}

std::string render_text(const CapacityReport& r) {
  const auto& mc = r.monte_carlo;
  std::string out = r.sentence + "\n\n";
  out += fmt::format("seed {}  draws {}  attribution draws {}  revision {}  curve nodes {}×{}  clamped draw-weeks {}\n\n",
                     r.seed, mc.draws, r.attribution.draws, r.revision, mc.load_nodes, mc.aht_nodes,
                     mc.clamped_draw_weeks);
  auto table = [&](const char* title, const std::vector<PeriodRange>& rows) {
    out += fmt::format("{:<12} {:>8} {:>8}", title, "plan", "mean");
    for (double q : mc.quantile_levels) out += fmt::format(" {:>8}", pct_label(q));
    out += "\n";
    for (const auto& p : rows) {
      out += fmt::format("{:<12} {:>8.1f} {:>8.1f}", p.label, p.deterministic, p.mean);
      for (double v : p.quantiles) out += fmt::format(" {:>8.1f}", v);
      out += "\n";
    }
    out += "\n";
  };
  table("week", mc.weeks);
  table("month", mc.months);
  out += fmt::format("{:<14} {:>10} {:>8}\n", "risk factor", "variance", "share");
  for (const auto& f : r.attribution.factors) {
    out += fmt::format("{:<14} {:>10.2f} {:>7.1f}%\n", to_string(f.factor), f.variance, 100.0 * f.share);
  }
  out += fmt::format("(one-at-a-time variance shares; additivity Σ V_f / V_all = {:.2f})\n", r.attribution.additivity);
  return out;
}

nlohmann::json to_json(const CapacityReport& r) {
  using nlohmann::json;
  const auto& mc = r.monte_carlo;
  auto period = [&](const PeriodRange& p) {
    json q = json::object();
    for (std::size_t i = 0; i < mc.quantile_levels.size(); ++i) q[pct_label(mc.quantile_levels[i])] = round4(p.quantiles[i]);
    return json{{"label", p.label}, {"plan_fte", round4(p.deterministic)}, {"mean_fte", round4(p.mean)}, {"quantiles", q}};
  };
  json weeks = json::array();
  for (const auto& p : mc.weeks) weeks.push_back(period(p));
  json months = json::array();
  for (const auto& p : mc.months) months.push_back(period(p));
  json factors = json::array();
  for (const auto& f : r.attribution.factors) {
    factors.push_back(json{{"factor", to_string(f.factor)},
                           {"variance", round4(f.variance)},
                           {"share", round4(f.share)},
                           {"P5_fte", round4(f.low)},
                           {"P95_fte", round4(f.high)}});
  }
  return json{{"sentence", r.sentence},
              {"seed", r.seed},
              {"draws", mc.draws},
              {"revision", r.revision},
              {"start", format_utc(r.start_utc)},
              {"weeks", r.weeks},
              {"horizon", period(mc.horizon)},
              {"weekly", weeks},
              {"monthly", months},
              {"attribution", json{{"method", "one-at-a-time variance shares"},
                                   {"draws", r.attribution.draws},
                                   {"total_variance", round4(r.attribution.total_variance)},
                                   {"additivity", round4(r.attribution.additivity)},
                                   {"factors", factors}}},
              {"curves", json{{"load_nodes", mc.load_nodes}, {"aht_nodes", mc.aht_nodes},
                              {"clamped_draw_weeks", mc.clamped_draw_weeks}}}};
}

}  // namespace mockgc::capacity
