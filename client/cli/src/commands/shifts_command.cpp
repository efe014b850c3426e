// gc-hub shifts: every org's agent schedules of one week, a Processing answer finished through the
// v2.workforcemanagement.users.{client id}.schedules.search notification (client/workflows schedule_week.hpp).
#include "commands/shifts_command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "command.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/client/beast_websocket.hpp"
#include "mockgc/workflows/schedule_week.hpp"
#include "workflow/progress_bar.hpp"
#include "workflow/table.hpp"

namespace gchub {
namespace {

std::string summary(const mockgc::workflows::ScheduleWeek& w) {
  std::vector<std::vector<std::string>> rows{
      {"org", "region", "business unit", "week (local)", "agents", "shifts", "hours", "via", "status"}};
  for (const auto& o : w.orgs) {
    if (o.units.empty()) rows.push_back({o.org, o.region, "-", "-", "-", "-", "-", "-", describe(o.status)});
    for (const auto& u : o.units)
      rows.push_back({o.org, o.region, u.business_unit, u.week.empty() ? "-" : u.week,
                      u.read ? std::to_string(u.agents) : "-", u.read ? std::to_string(u.shifts) : "-",
                      u.read ? fmt::format("{:.1f}", static_cast<double>(u.scheduled_minutes) / 60.0) : "-",
                      u.read ? std::string(to_string(u.path)) : "-", u.read ? "read" : "FAILED: " + u.why});
  }
  std::string out = render_table(rows, {false, false, false, false, true, true, true, false, false});
  for (const auto& o : w.orgs) out += fmt::format("{} ({}): {}\n", o.org, o.region, describe(o.status));
  return out;
}

}  // namespace

CLI::App* declare_shifts(CLI::App& root, ShiftsArgs& args) {
  auto* cmd = root.add_subcommand("shifts", "Agent schedules of one week across orgs (each BU's zone and week start)");
  cmd->footer(
      "Per org and business unit: POST …/agentschedules/search over the BU's week. An answer {status: Processing}\n"
      "is finished through the notification v2.workforcemanagement.users.<client id>.schedules.search (one channel\n"
      "per org, subscribed before the first search; its downloadUrl is then read). When that notification does not\n"
      "arrive within --wait, the business unit fails with the reason (Genesys has no polling route).");
  add_workflow_flags(*cmd, args.common);
  cmd->add_option("--week", args.week, "a local date inside the wanted week, or current")
      ->type_name("YYYY-MM-DD|current")
      ->check(local_week_or("current"));
  cmd->add_flag("--force-async", args.force_async,
                "ask for asynchronous answers (forceAsync=true: the result then always comes by notification)");
  cmd->add_option("--wait", args.wait_seconds, "seconds a Processing answer waits for its notification")
      ->check(CLI::Range(0.1, 86'400.0));
  return cmd;
}

int run_shifts(const ShiftsArgs& args, std::ostream& out, std::ostream& err) {
  mockgc::workflows::ScheduleWeekOptions options;
  if (args.week != "current") options.week = mockgc::api::parse_local_date(args.week);
  options.force_async = args.force_async;
  options.completion.wait = std::chrono::milliseconds(static_cast<std::int64_t>(args.wait_seconds * 1000));
  int exit_code = kExitOk;
  auto ctx = make_workflow_context("shifts", args.common, err, exit_code);
  if (!ctx) return exit_code;
  mockgc::client::BeastWebSocketConnector sockets;
  mockgc::workflows::ScheduleWeek w;
  {
    ProgressBar bar(err, ctx->progress, "reading");
    options.progress = [&bar](std::size_t done, std::size_t total, std::string_view what) {
      bar.update(done, total, what);
    };
    w = mockgc::workflows::read_schedule_week(*ctx->clients, &sockets, options);
    bar.finish();
  }
  print_result(*ctx, out, [&] { return mockgc::workflows::to_json(w); }, [&] { return summary(w); });
  return w.any_missing() ? kExitFailure : kExitOk;
}

}  // namespace gchub
