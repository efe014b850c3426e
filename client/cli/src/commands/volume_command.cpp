// gc-hub volume: cross-org volume aggregation (offered, handled, AHT per queue per interval, local-day
// rollups, queue groups matched by name) and, with --write-volume, the capacity model's volume input.
#include "commands/volume_command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "command.hpp"
#include "html/volume_page.hpp"
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

CLI::App* declare_volume(CLI::App& root, VolumeArgs& args) {
  auto* cmd = root.add_subcommand(std::string(kName),
                                  "Cross-org volume: offered/AHT per queue per interval, local days, queue groups");
  cmd->footer(
      "Cross-org volume: offered, handled and AHT per queue per interval, local-day rollups, and queue\n"
      "groups matched by name across orgs (AHT blended by handled count). --write-volume FILE writes the\n"
      "input of `gc-hub capacity --volume FILE`.");
  add_workflow_flags(*cmd, args.common);
  cmd->add_option("--weeks", args.weeks, "weeks of history ending at --end")->check(CLI::Range(1, 27));
  cmd->add_option("--end", args.end, "window end, an ISO-8601 UTC instant (default: now); floored to the granularity")
      ->type_name("ISO");
  cmd->add_option("--granularity", args.granularity, "interval length")
      ->check(CLI::IsMember({"PT15M", "PT30M", "PT1H", "PT60M"}));
  cmd->add_option("--business-unit", args.business_unit, "BU whose zone gives the local days (default: each org's first BU)")
      ->type_name("NAME");
  cmd->add_option("--write-volume", args.write_volume,
                  "also write the capacity model's volume file (PT15M or PT30M only)")
      ->type_name("FILE");
  cmd->add_flag("--keep-org-prefix", args.keep_org_prefix,
                "keep a leading \"<org name> \" in queue names when matching queues across orgs");
  cmd->add_option("--html", args.html,
                  "also write one self-contained HTML page: offered and handled per local day per org, DST days "
                  "marked")
      ->type_name("FILE");
  return cmd;
}

int run_volume(const VolumeArgs& args, std::ostream& out, std::ostream& err) {
  mockgc::workflows::VolumeOptions options;
  options.weeks = args.weeks;
  options.interval_minutes = args.granularity == "PT15M" ? 15 : args.granularity == "PT30M" ? 30 : 60;
  const auto& write_volume = args.write_volume;
  if (write_volume && options.interval_minutes == 60)
    return usage_error(kName, "--write-volume needs PT15M or PT30M (the capacity format's intervals)", err);
  std::optional<mockgc::client::Instant> end;
  if (args.end) {
    end = mockgc::workflows::parse_utc_instant(*args.end);
    if (!end) return usage_error(kName, fmt::format("--end {}: not an ISO-8601 UTC instant", *args.end), err);
  }
  options.business_unit = args.business_unit;
  options.strip_org_name_prefix = !args.keep_org_prefix;
  int exit_code = kExitOk;
  auto ctx = make_workflow_context(kName, args.common, err, exit_code);
  if (!ctx) return exit_code;
  options.end = end ? *end : ctx->now();

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
    const auto text = mockgc::workflows::capacity_volume_json(report).dump(1) + "\n";
    if (const int code = write_output_file(kName, *write_volume, text, err); code != kExitOk) return code;
  }
  if (args.html) {
    if (const int code = write_output_file(kName, *args.html, volume_page(report, ctx->seed), err); code != kExitOk)
      return code;
  }
  print_result(*ctx, out, [&] { return mockgc::workflows::to_json(report); }, [&] { return summary(report, ctx->seed); });
  return report.any_missing() ? kExitFailure : kExitOk;
}

}  // namespace gchub
