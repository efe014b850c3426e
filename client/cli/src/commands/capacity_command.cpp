// gc-hub capacity: the living capacity plan (FTE range sentence, weekly/monthly table, attribution).
#include <array>
#include <ostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "args.hpp"
#include "command.hpp"
#include "mockgc/capacity/living_plan.hpp"
#include "mockgc/capacity/volume.hpp"

namespace gchub {

namespace mc = mockgc::capacity;

namespace {

constexpr std::array kFlags{
    FlagSpec{"volume"},           FlagSpec{"update", true, true}, FlagSpec{"synthetic-weeks"},
    FlagSpec{"synthetic-groups"}, FlagSpec{"weekly-calls"},      FlagSpec{"aht"},
    FlagSpec{"seed"},             FlagSpec{"draws"},             FlagSpec{"attribution-draws"},
    FlagSpec{"quantiles"},        FlagSpec{"sl"},                FlagSpec{"sl-seconds"},
    FlagSpec{"max-occupancy"},    FlagSpec{"shrinkage"},         FlagSpec{"paid-hours"},
    FlagSpec{"volume-cv"},        FlagSpec{"volume-corr"},       FlagSpec{"aht-cv"},
    FlagSpec{"aht-corr"},         FlagSpec{"shrinkage-sd"},      FlagSpec{"attrition"},
    FlagSpec{"attrition-sd"},     FlagSpec{"hiring-lag"},        FlagSpec{"hiring-lag-sd"},
    FlagSpec{"json", false},
};

bool parse_quantiles(const std::string& text, std::vector<double>& out, std::string& error) {
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    std::size_t used = 0;
    double q = 0.0;
    try {
      q = std::stod(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != item.size() || !(q > 0.0 && q < 1.0)) {
      error = fmt::format("--quantiles expects comma-separated levels in (0, 1) (got '{}')", item);
      return false;
    }
    out.push_back(q);
  }
  if (out.empty()) error = "--quantiles is empty";
  return !out.empty();
}

}  // namespace

int run_capacity(std::span<const std::string_view> argv, std::ostream& out, std::ostream& err) {
  constexpr std::string_view kName = "capacity";
  std::string error;
  auto args = Args::parse(argv, kFlags, error);
  if (!args) return usage_error(kName, error, err);
  if (args->has("volume") == args->has("synthetic-weeks")) {
    return usage_error(kName, "give exactly one of --volume FILE or --synthetic-weeks N", err);
  }

  mc::CapacitySettings settings;
  auto set = [&](const char* flag, double& field) {
    if (auto v = args->number(flag, error)) field = *v;
  };
  double sl = 0.8;
  set("sl", sl);
  settings.plan.target.service_level = sl;
  set("sl-seconds", settings.plan.target.sl_seconds);
  if (auto v = args->number("max-occupancy", error)) settings.plan.target.max_occupancy = *v;
  set("shrinkage", settings.plan.shrinkage);
  set("paid-hours", settings.plan.paid_hours_per_week);
  auto& u = settings.uncertainty;
  set("volume-cv", u.volume_cv);
  set("volume-corr", u.volume_week_correlation);
  set("aht-cv", u.aht_cv);
  set("aht-corr", u.aht_week_correlation);
  set("shrinkage-sd", u.shrinkage_sd);
  set("attrition", u.attrition_annual);
  set("attrition-sd", u.attrition_annual_sd);
  set("hiring-lag", u.hiring_lag_weeks);
  set("hiring-lag-sd", u.hiring_lag_sd_weeks);
  const auto seed = args->unsigned_integer("seed", error);
  const auto draws = args->unsigned_integer("draws", error);
  const auto attribution_draws = args->unsigned_integer("attribution-draws", error);
  const auto weeks = args->integer("synthetic-weeks", error);
  const auto groups = args->integer("synthetic-groups", error);
  const auto weekly_calls = args->number("weekly-calls", error);
  const auto aht = args->number("aht", error);
  if (!error.empty()) return usage_error(kName, error, err);
  if (auto q = args->text("quantiles")) {
    settings.monte_carlo.quantiles.clear();
    if (!parse_quantiles(*q, settings.monte_carlo.quantiles, error)) return usage_error(kName, error, err);
  }
  settings.monte_carlo.seed = seed.value_or(1);
  settings.monte_carlo.draws = draws.value_or(10000);
  settings.attribution_draws = attribution_draws.value_or(4000);
  if (settings.monte_carlo.draws < 10 || settings.monte_carlo.draws > 10'000'000) {
    return usage_error(kName, "--draws must be in 10..10000000", err);
  }
  if (settings.attribution_draws < 10 || settings.attribution_draws > 10'000'000) {
    return usage_error(kName, "--attribution-draws must be in 10..10000000", err);
  }
  if (auto s = mc::validate(settings.plan); !s) return usage_error(kName, s.error().message, err);
  if (auto s = mc::validate(settings.uncertainty); !s) return usage_error(kName, s.error().message, err);

  mc::LivingPlan plan(settings);
  if (auto file = args->text("volume")) {
    auto v = mc::load_volume_file(*file);
    if (!v) return usage_error(kName, v.error().message, err);
    if (auto s = plan.ingest(*v); !s) return usage_error(kName, s.error().message, err);
    for (const auto& update : args->all("update")) {
      auto uv = mc::load_volume_file(update);
      if (!uv) return usage_error(kName, uv.error().message, err);
      if (auto s = plan.ingest(*uv); !s) return usage_error(kName, s.error().message, err);
    }
  } else {
    if (args->has("update")) return usage_error(kName, "--update needs --volume", err);
    mc::SyntheticVolumeOptions so;
    if (*weeks < 1 || *weeks > 260) return usage_error(kName, "--synthetic-weeks must be in 1..260", err);
    so.weeks = static_cast<int>(*weeks);
    so.seed = settings.monte_carlo.seed;
    if (groups) {
      if (*groups < 1 || *groups > 50) return usage_error(kName, "--synthetic-groups must be in 1..50", err);
      so.groups = static_cast<int>(*groups);
    }
    if (weekly_calls) {
      if (!(*weekly_calls >= 0.0 && *weekly_calls <= 1e8)) return usage_error(kName, "--weekly-calls must be in [0, 1e8]", err);
      so.weekly_calls = *weekly_calls;
    }
    if (aht) {
      if (!(*aht > 0.0 && *aht <= 86400.0)) return usage_error(kName, "--aht must be in (0, 86400] seconds", err);
      so.aht_seconds = *aht;
    }
    if (auto s = plan.ingest(mc::synthetic_volume(so)); !s) return usage_error(kName, s.error().message, err);
  }
  auto report = plan.replan();
  if (!report) {
    err << fmt::format("gc-hub capacity: {}\n", report.error().message);
    return kExitFailure;
  }
  if (args->has("json")) {
    out << mc::to_json(*report).dump(2) << "\n";
  } else {
    out << mc::render_text(*report);
  }
  return kExitOk;
}

}  // namespace gchub
