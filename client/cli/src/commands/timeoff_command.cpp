// gc-hub timeoff: every org's time-off requests of one week (each MU's own zone and week start), merged.
#include "commands/timeoff_command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>
#include <set>

#include "command.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/workflows/timeoff_week.hpp"
#include "workflow/progress_bar.hpp"
#include "workflow/table.hpp"
#include "workflow/workflow_context.hpp"

namespace gchub {
namespace {

std::string summary(const mockgc::workflows::TimeOffWeek& w) {
  using mockgc::api::format_instant;
  using mockgc::workflows::format_local;
  std::vector<std::vector<std::string>> orgs{{"org", "region", "weeks (MU zone: local start -> end)", "requests", "status"}};
  for (const auto& o : w.orgs) {
    std::string weeks;
    std::set<std::string> shown;
    for (const auto& mw : o.weeks) {
      auto text = fmt::format("{}: {} -> {}", mw.time_zone, format_local(mw.window_start, mw.time_zone),
                              format_local(mw.window_end, mw.time_zone));
      if (!shown.insert(text).second) continue;
      if (!weeks.empty()) weeks += "; ";
      weeks += text;
    }
    orgs.push_back({o.org, o.region, weeks.empty() ? "-" : weeks, std::to_string(o.requests),
                    mockgc::workflows::describe(o.status)});
  }
  std::string out = render_table(orgs, {false, false, false, true, false});
  std::vector<std::vector<std::string>> rows{
      {"submitted (UTC)", "submitted (local)", "org", "user", "status", "days / starts (local)", "id"}};
  for (const auto& e : w.requests) {
    std::string when;
    for (const auto& d : e.full_day_dates) when += (when.empty() ? "" : ",") + d;
    for (auto t : e.partial_day_starts) when += (when.empty() ? "" : ",") + format_local(t, e.time_zone);
    rows.push_back({format_instant(e.submitted), format_local(e.submitted, e.time_zone), e.org, e.user_id, e.status,
                    when, e.id});
  }
  out += fmt::format("\n{} requests ({} duplicate ids dropped)\n", w.requests.size(), w.duplicates);
  if (!w.requests.empty()) out += render_table(rows, {false, false, false, false, false, false, false});
  return out;
}

}  // namespace

CLI::App* declare_timeoff(CLI::App& root, TimeoffArgs& args) {
  auto* cmd = root.add_subcommand(
      "timeoff", "Time-off requests of one week across orgs (each MU's zone and week start), merged");
  cmd->footer(
      "Time-off requests of one week across orgs, merged: each management unit's week in its own zone and\n"
      "with its own week start, requests listed with submit times in UTC and local time, duplicate ids dropped.");
  add_workflow_flags(*cmd, args.common);
  cmd->add_option("--week", args.week, "a local date inside the wanted week, or current")
      ->type_name("YYYY-MM-DD|current")
      ->check(local_week_or("current"));
  cmd->add_option("--statuses", args.statuses, "only requests in these statuses (default: every status)")
      ->delimiter(',')
      ->type_name("STATUS,...")
      ->check(CLI::IsMember({"PENDING", "APPROVED", "DENIED", "CANCELED"}));
  return cmd;
}

int run_timeoff(const TimeoffArgs& args, std::ostream& out, std::ostream& err) {
  mockgc::workflows::TimeOffWeekOptions options;
  if (args.week != "current") options.week = mockgc::api::parse_local_date(args.week);
  options.statuses = args.statuses;
  int exit_code = kExitOk;
  auto ctx = make_workflow_context("timeoff", args.common, err, exit_code);
  if (!ctx) return exit_code;
  mockgc::workflows::TimeOffWeek w;
  {
    ProgressBar bar(err, ctx->progress, "reading");
    options.progress = [&bar](std::size_t done, std::size_t total, std::string_view what) {
      bar.update(done, total, what);
    };
    w = mockgc::workflows::aggregate_time_off_week(*ctx->clients, options);
    bar.finish();
  }
  print_result(*ctx, out, [&] { return mockgc::workflows::to_json(w); }, [&] { return summary(w); });
  return w.any_missing() ? kExitFailure : kExitOk;
}

}  // namespace gchub
