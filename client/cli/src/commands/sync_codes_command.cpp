// gc-hub sync-codes: align every org's activity codes with a source org's (plan, then apply).
#include "commands/sync_codes_command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "command.hpp"
#include "mockgc/workflows/activity_code_sync.hpp"
#include "workflow/progress_bar.hpp"
#include "workflow/table.hpp"
#include "workflow/workflow_context.hpp"

namespace gchub {
namespace {

std::string summary(const mockgc::workflows::SyncReport& report, std::uint64_t seed) {
  std::string out = fmt::format("sync-codes: source {}, seed {}{}\n\n", report.source_org, seed,
                                report.dry_run ? ", DRY RUN (nothing written; counts are planned changes)" : "");
  std::vector<std::vector<std::string>> rows{
      {"org", "region", "created", "updated", "unchanged", "conflicts", "errors", "status"}};
  for (const auto& o : report.orgs) {
    rows.push_back({o.org + (o.is_source ? " (source)" : ""), o.region, std::to_string(o.created),
                    std::to_string(o.updated), std::to_string(o.unchanged), std::to_string(o.conflicts),
                    std::to_string(o.errors), mockgc::workflows::describe(o.status)});
  }
  out += render_table(rows, {false, false, true, true, true, true, true, false});
  bool header = false;
  for (const auto& o : report.orgs) {
    for (const auto& n : o.notes) {
      if (!header) out += "\nnotes:\n";
      header = true;
      out += fmt::format("  {}: {}\n", o.org, n);
    }
  }
  return out;
}

}  // namespace

CLI::App* declare_sync_codes(CLI::App& root, SyncCodesArgs& args) {
  auto* cmd = root.add_subcommand(
      "sync-codes", "Activity-code sync: make every org's codes match a source org's (plan, then apply)");
  cmd->footer(
      "Activity-code sync: make every org's activity codes match a source org's. Plans first (what to\n"
      "create, update, or report as a conflict per org), then applies the plan; --dry-run stops after the plan.");
  add_workflow_flags(*cmd, args.common);
  cmd->add_option("--source", args.source, "region key of the source org (default: the first org of ORGS.json)")
      ->type_name("REGION");
  cmd->add_flag("--dry-run", args.dry_run, "plan only: nothing is written; the counts are planned changes");
  cmd->add_option("--business-unit", args.business_unit,
                  "business unit (by name, the same in every org) whose codes are synced (default: each org's only BU)")
      ->type_name("NAME");
  return cmd;
}

int run_sync_codes(const SyncCodesArgs& args, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  auto ctx = make_workflow_context("sync-codes", args.common, err, exit_code);
  if (!ctx) return exit_code;
  if (!args.source && ctx->orgs.empty()) return usage_error("sync-codes", "ORGS.json lists no org to take as source", err);
  const std::string source = args.source.value_or(ctx->orgs.empty() ? std::string() : ctx->orgs.front().region);
  bool source_known = false;
  for (const auto& o : ctx->orgs) source_known = source_known || o.region == source;
  if (!source_known) return usage_error("sync-codes", fmt::format("no org in ORGS.json has region '{}'", source), err);

  mockgc::workflows::SyncOptions options;
  options.source_region = source;
  options.business_unit = args.business_unit;
  mockgc::workflows::SyncReport report;
  nlohmann::json plan_json;
  {
    ProgressBar bar(err, ctx->progress, "reading");
    options.progress = [&bar](std::size_t done, std::size_t total, std::string_view what) {
      bar.update(done, total, what);
    };
    const auto plan = mockgc::workflows::plan_sync(*ctx->clients, options);
    bar.finish();
    if (args.dry_run) {
      report = mockgc::workflows::report_for_dry_run(plan);
      plan_json = mockgc::workflows::to_json(plan);
    } else {
      ProgressBar apply_bar(err, ctx->progress, "applying");
      options.progress = [&apply_bar](std::size_t done, std::size_t total, std::string_view what) {
        apply_bar.update(done, total, what);
      };
      report = mockgc::workflows::apply_sync(*ctx->clients, plan, options);
    }
  }
  print_result(
      *ctx, out,
      [&] {
        auto j = mockgc::workflows::to_json(report);
        if (!plan_json.is_null()) j["plan"] = std::move(plan_json);
        return j;
      },
      [&] { return summary(report, ctx->seed); });
  return report.any_missing() ? kExitFailure : kExitOk;
}

}  // namespace gchub
