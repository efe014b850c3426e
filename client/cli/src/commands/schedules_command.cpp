// gc-hub schedules push (schedule_push.hpp): plan → apply → report per org target.
#include "commands/schedules_command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "command.hpp"
#include "html/schedule_push_page.hpp"
#include "mockgc/client/beast_websocket.hpp"
#include "workflow/progress_bar.hpp"
#include "workflow/table.hpp"

namespace gchub {
namespace {

constexpr std::string_view kName = "schedules push";
namespace wf = mockgc::workflows;

std::string summary(const wf::SchedulePushReport& r, std::uint64_t seed) {
  std::string out = fmt::format("schedules push: seed {}{}{}\n\n", seed, r.publish ? ", publishing" : "",
                                r.dry_run ? ", DRY RUN (nothing written; the action is what would be done)" : "");
  std::vector<std::vector<std::string>> rows{
      {"org", "region", "business unit", "week", "agents", "shifts", "outcome", "action", "completed by"}};
  for (const auto& t : r.targets)
    rows.push_back({t.org, t.region, t.business_unit, t.week, std::to_string(t.agents), std::to_string(t.shifts),
                    std::string(wf::to_string(t.outcome)), t.action, t.completed_by});
  out += render_table(rows, {false, false, false, false, true, true, false, false, false});
  bool header = false;
  for (const auto& t : r.targets)
    for (const auto& why : t.reasons) {
      if (!header) out += "\nreasons:\n";
      header = true;
      out += fmt::format("  {} / {}: {}\n", t.org, t.business_unit, why);
    }
  return out;
}

}  // namespace

CLI::App* declare_schedules_push(CLI::App& root, SchedulesPushArgs& args) {
  auto* group = root.add_subcommand("schedules", "Schedules across orgs (push: a central plan into every org)");
  group->require_subcommand(1);
  auto* cmd = group->add_subcommand("push", "Push a central schedule plan into every org through the WFM import API");
  cmd->footer(
      "Each plan target (org, business unit, week, agents by e-mail, activities by activity-code NAME) is\n"
      "resolved in its own org, imported (or, when the week already has the schedule this tool made, updated),\n"
      "and completed by notification with a polling fallback. Outcome per target: imported, unchanged,\n"
      "rejected (with reasons), missing. Plan format: client/workflows/README.md.");
  add_workflow_flags(*cmd, args.common);
  cmd->add_option("--plan", args.plan, "the central plan (JSON)")->required()->check(CLI::ExistingFile)->type_name("FILE");
  cmd->add_flag("--publish", args.publish, "publish the pushed schedules");
  cmd->add_flag("--dry-run", args.dry_run, "resolve and read only: nothing is written");
  cmd->add_option("--html", args.html, "also write a self-contained HTML report")->type_name("FILE");
  cmd->add_flag("--no-notifications", args.no_notifications, "complete by reading the schedule list only");
  return cmd;
}

int run_schedules_push(const SchedulesPushArgs& args, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  auto ctx = make_workflow_context(kName, args.common, err, exit_code);
  if (!ctx) return exit_code;
  std::ifstream in(args.plan);
  std::stringstream text;
  text << in.rdbuf();
  const auto j = nlohmann::json::parse(text.str(), nullptr, false);
  if (j.is_discarded()) return usage_error(kName, fmt::format("{} is not JSON", args.plan), err);
  wf::SchedulePlan plan;
  if (auto e = wf::parse_schedule_plan(j, plan)) return usage_error(kName, fmt::format("{}: {}", args.plan, *e), err);

  wf::SchedulePushOptions options;
  options.publish = args.publish;
  options.dry_run = args.dry_run;
  mockgc::client::BeastWebSocketConnector sockets;
  wf::SchedulePushReport report;
  {
    ProgressBar bar(err, ctx->progress, "pushing");
    options.progress = [&bar](std::size_t done, std::size_t total, std::string_view what) { bar.update(done, total, what); };
    report = wf::push_schedules(*ctx->clients, args.no_notifications ? nullptr : &sockets, plan, options);
    bar.finish();
  }
  if (args.html)
    if (const int code = write_output_file(kName, *args.html, schedule_push_page(report, ctx->seed), err); code != kExitOk)
      return code;
  print_result(*ctx, out, [&] { return wf::to_json(report); }, [&] { return summary(report, ctx->seed); });
  return report.any_missing() || report.any_rejected() ? kExitFailure : kExitOk;
}

}  // namespace gchub
