// gc-hub volume: cross-org volume aggregation (offered, handled, AHT per queue per interval, local-day
// rollups, queue groups matched by name) and, with --write-volume, the capacity model's volume input.
#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "args.hpp"
#include "command.hpp"
#include "mockgc/workflows/volume_aggregation.hpp"
#include "workflow/progress_bar.hpp"
#include "workflow/table.hpp"
#include "workflow/workflow_context.hpp"

namespace gchub {
namespace {

constexpr std::string_view kName = "volume";

std::string aht_text(std::uint64_t handle_ms, std::uint64_t handled) {
  if (handled == 0) return "-";
  return fmt::format("{:.1f}", static_cast<double>(handle_ms) / 1000.0 / static_cast<double>(handled));
}

std::string summary(const mockgc::workflows::VolumeReport& r, std::uint64_t seed) {
  std::string out = fmt::format("volume: {}, PT{}M, {} intervals, seed {}\n\n",
                                mockgc::workflows::interval_text({r.start, r.end}), r.interval_minutes, r.intervals,
                                seed);
  std::vector<std::vector<std::string>> rows{
      {"org", "region", "zone", "queues", "intervals", "offered", "AHT s", "status"}};
  for (const auto& o : r.orgs) {
    const auto missing_chunks = o.missing.size();
    rows.push_back({o.org, o.region, o.time_zone, std::to_string(o.queues.size()),
                    o.status.is_missing() ? "0"
                                          : fmt::format("{}{}", r.intervals, missing_chunks ? " (some missing)" : ""),
                    std::to_string(o.offered()), aht_text(o.handle_ms(), o.handled()),
                    mockgc::workflows::describe(o.status)});
  }
  out += render_table(rows, {false, false, false, true, true, true, true, false});
  out += "\nqueue groups (matched by name; AHT blended by handled count):\n";
  std::vector<std::vector<std::string>> groups{{"group", "orgs", "offered", "handled", "AHT s"}};
  for (const auto& g : r.groups) {
    std::string regions;
    for (const auto& x : g.regions) regions += (regions.empty() ? "" : ",") + x;
    groups.push_back({g.name, regions, std::to_string(g.total_offered), std::to_string(g.total_handled),
                      aht_text(g.total_handle_ms, g.total_handled)});
  }
  out += render_table(groups, {false, false, true, true, true});
  return out;
}

}  // namespace

int run_volume(std::span<const std::string_view> argv, std::ostream& out, std::ostream& err) {
  const auto specs = workflow_flags({{"weeks", true, false},
                                     {"end", true, false},
                                     {"granularity", true, false},
                                     {"business-unit", true, false},
                                     {"write-volume", true, false},
                                     {"keep-org-prefix", false, false}});
  std::string error;
  auto args = Args::parse(argv, specs, error);
  if (!args) return usage_error(kName, error, err);
  const auto weeks = args->integer("weeks", error);
  if (!error.empty()) return usage_error(kName, error, err);
  if (!weeks || *weeks < 1 || *weeks > 27) return usage_error(kName, "--weeks N (1..27) is required", err);
  mockgc::workflows::VolumeOptions options;
  options.weeks = static_cast<int>(*weeks);
  const auto granularity = args->text("granularity").value_or("PT15M");
  if (granularity == "PT15M") options.interval_minutes = 15;
  else if (granularity == "PT30M") options.interval_minutes = 30;
  else if (granularity == "PT1H" || granularity == "PT60M") options.interval_minutes = 60;
  else return usage_error(kName, fmt::format("--granularity {}: use PT15M, PT30M or PT1H", granularity), err);
  const auto write_volume = args->text("write-volume");
  if (write_volume && options.interval_minutes == 60)
    return usage_error(kName, "--write-volume needs PT15M or PT30M (the capacity format's intervals)", err);
  std::optional<mockgc::client::Instant> end;
  if (auto e = args->text("end")) {
    end = mockgc::workflows::parse_utc_instant(*e);
    if (!end) return usage_error(kName, fmt::format("--end {}: not an ISO-8601 UTC instant", *e), err);
  }
  options.business_unit = args->text("business-unit");
  options.strip_org_name_prefix = !args->has("keep-org-prefix");
  int exit_code = kExitOk;
  auto ctx = make_workflow_context(kName, *args, err, exit_code);
  if (!ctx) return exit_code;
  options.end = end ? *end : ctx->clock->now();

  mockgc::workflows::VolumeReport report;
  {
    ProgressBar bar(err, ctx->progress, "reading");
    options.progress = [&bar](std::size_t done, std::size_t total, std::string_view what) {
      bar.update(done, total, what);
    };
    report = mockgc::workflows::aggregate_volume(*ctx->clients, options);
    bar.finish();
  }
  if (write_volume) {
    std::ofstream f(*write_volume);
    f << mockgc::workflows::capacity_volume_json(report).dump(1) << "\n";
    if (!f) {
      err << fmt::format("gc-hub volume: cannot write {}\n", *write_volume);
      return kExitFailure;
    }
  }
  if (ctx->json) {
    auto j = mockgc::workflows::to_json(report);
    j["seed"] = ctx->seed;
    out << j.dump(2) << "\n";
  } else {
    out << summary(report, ctx->seed);
  }
  return report.any_missing() ? kExitFailure : kExitOk;
}

}  // namespace gchub
