// gc-hub capacity: the living capacity plan (FTE range sentence, weekly/monthly table, attribution).
#include "commands/capacity_command.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "html/capacity_page.hpp"

namespace gchub {

namespace mc = mockgc::capacity;

CLI::App* declare_capacity(CLI::App& root, CapacityArgs& args) {
  auto* cmd = root.add_subcommand("capacity", "Living capacity plan: FTE range per week/month with risk attribution");
  cmd->footer(
      "Living capacity plan: the FTE range per week and month (Monte Carlo over volume, AHT, shrinkage,\n"
      "attrition and hiring-lag uncertainty) in one sentence and a table, with the risk factor that drives\n"
      "the range (attribution). Input: a volume file (`gc-hub volume --write-volume FILE`), later --update files\n"
      "re-plan on newer volume; or synthetic volume, so it runs without a server. Seeded: same seed, same bytes.");
  auto& s = args.settings;
  auto& u = s.uncertainty;
  auto* volume =
      cmd->add_option("--volume", args.volume, "volume file (mockgc.capacity.volume/1, client/capacity/README.md)")
          ->type_name("FILE");
  cmd->add_option("--update", args.updates, "newer volume file ingested after --volume (repeatable)")
      ->type_name("FILE")
      ->needs(volume);
  const char* synth = "Synthetic volume (instead of --volume)";
  auto* weeks = cmd->add_option("--synthetic-weeks", args.synthetic_weeks, "weeks of synthetic volume")
                    ->check(CLI::Range(1, 260))
                    ->excludes(volume)
                    ->group(synth);
  cmd->add_option("--synthetic-groups", args.synthetic.groups, "queue groups")
      ->check(CLI::Range(1, 50))
      ->needs(weeks)
      ->group(synth);
  cmd->add_option("--weekly-calls", args.synthetic.weekly_calls, "calls per group in the first week")
      ->check(CLI::Range(0.0, 1e8))
      ->needs(weeks)
      ->group(synth);
  cmd->add_option("--aht", args.synthetic.aht_seconds, "AHT in seconds, in (0, 86400]")
      ->check(CLI::Range(0.0, 86400.0))
      ->needs(weeks)
      ->group(synth);
  const char* mc_group = "Simulation";
  cmd->add_option("--seed", s.monte_carlo.seed, "seed of the draws and of synthetic volume (printed)")->group(mc_group);
  cmd->add_option("--draws", s.monte_carlo.draws, "Monte Carlo draws")
      ->check(CLI::Range(std::size_t{10}, std::size_t{10'000'000}))
      ->group(mc_group);
  cmd->add_option("--attribution-draws", s.attribution_draws, "draws per risk factor in the attribution")
      ->check(CLI::Range(std::size_t{10}, std::size_t{10'000'000}))
      ->group(mc_group);
  cmd->add_option("--quantiles", s.monte_carlo.quantiles, "FTE quantiles reported")
      ->delimiter(',')
      ->check(open_unit_interval())
      ->group(mc_group);
  // A finite number in a help group.
  const auto number = [cmd](const char* flag, auto& field, const char* help, const char* group) {
    cmd->add_option(flag, field, help)->check(finite_number())->group(group);
  };
  const char* plan = "Plan";
  number("--sl", s.plan.target.service_level, "service-level target", plan);
  number("--sl-seconds", s.plan.target.sl_seconds, "service-level threshold in seconds", plan);
  number("--max-occupancy", s.plan.target.max_occupancy, "occupancy cap in (0, 1]", plan);
  number("--shrinkage", s.plan.shrinkage, "mean total shrinkage on paid hours", plan);
  number("--paid-hours", s.plan.paid_hours_per_week, "paid hours per FTE per week", plan);
  const char* risk = "Uncertainty";
  number("--volume-cv", u.volume_cv, "volume coefficient of variation", risk);
  number("--volume-corr", u.volume_week_correlation, "week-to-week volume error correlation", risk);
  number("--aht-cv", u.aht_cv, "AHT coefficient of variation", risk);
  number("--aht-corr", u.aht_week_correlation, "week-to-week AHT error correlation", risk);
  number("--shrinkage-sd", u.shrinkage_sd, "shrinkage standard deviation", risk);
  number("--attrition", u.attrition_annual, "annual attrition", risk);
  number("--attrition-sd", u.attrition_annual_sd, "annual attrition standard deviation", risk);
  number("--hiring-lag", u.hiring_lag_weeks, "hiring lag in weeks", risk);
  number("--hiring-lag-sd", u.hiring_lag_sd_weeks, "hiring lag standard deviation in weeks", risk);
  cmd->add_flag("--json", args.json, "print the report as JSON");
  cmd->add_option("--html", args.html,
                  "also write one self-contained HTML page: FTE fan charts (P5/P25/P50/P75/P95 per week and per "
                  "month, point plan dashed) and a tornado chart of the risk drivers")
      ->type_name("FILE");
  return cmd;
}

int run_capacity(const CapacityArgs& args, std::ostream& out, std::ostream& err) {
  constexpr std::string_view kName = "capacity";
  if (args.volume.has_value() == args.synthetic_weeks.has_value()) {
    return usage_error(kName, "give exactly one of --volume FILE or --synthetic-weeks N", err);
  }
  const mc::CapacitySettings& settings = args.settings;
  if (auto s = mc::validate(settings.plan); !s) return usage_error(kName, s.error().message, err);
  if (auto s = mc::validate(settings.uncertainty); !s) return usage_error(kName, s.error().message, err);

  mc::LivingPlan plan(settings);
  if (args.volume) {
    auto v = mc::load_volume_file(*args.volume);
    if (!v) return usage_error(kName, v.error().message, err);
    if (auto s = plan.ingest(*v); !s) return usage_error(kName, s.error().message, err);
    for (const auto& update : args.updates) {
      auto uv = mc::load_volume_file(update);
      if (!uv) return usage_error(kName, uv.error().message, err);
      if (auto s = plan.ingest(*uv); !s) return usage_error(kName, s.error().message, err);
    }
  } else {
    mc::SyntheticVolumeOptions so = args.synthetic;
    so.weeks = *args.synthetic_weeks;
    so.seed = settings.monte_carlo.seed;
    if (!(so.aht_seconds > 0.0)) return usage_error(kName, "--aht must be in (0, 86400] seconds", err);
    if (auto s = plan.ingest(mc::synthetic_volume(so)); !s) return usage_error(kName, s.error().message, err);
  }
  auto report = plan.replan();
  if (!report) {
    err << fmt::format("gc-hub capacity: {}\n", report.error().message);
    return kExitFailure;
  }
  if (args.html) {
    if (const int code = write_output_file(kName, *args.html, capacity_page(*report), err); code != kExitOk)
      return code;
  }
  if (args.json) {
    out << mc::to_json(*report).dump(2) << "\n";
  } else {
    out << mc::render_text(*report);
  }
  return kExitOk;
}

}  // namespace gchub
