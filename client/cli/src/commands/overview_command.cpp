// gc-hub overview: the planning director's consolidated week across orgs.
#include "commands/overview_command.hpp"

#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "html/overview_page.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/workflows/workforce_overview.hpp"
#include "workflow/progress_bar.hpp"
#include "workflow/table.hpp"
#include "workflow/workflow_context.hpp"

namespace gchub {
namespace {

std::string summary(const mockgc::workflows::WorkforceOverview& o, std::uint64_t seed) {
  using mockgc::api::format_instant;
  std::string out = fmt::format("workforce overview at {}, seed {}\n", format_instant(o.taken_at), seed);
  for (const auto& org : o.orgs)
    for (const auto& bu : org.business_units)
      out += fmt::format("  {} {} ({}): week {} [{} .. {}), actuals until {}\n", org.org, bu.name, bu.week.time_zone,
                         mockgc::api::format_local_date(bu.week.first_day), format_instant(bu.week.window_start),
                         format_instant(bu.week.window_end), format_instant(bu.actuals_end));
  out += "\n" + render_table(overview_table(o), {false, false, true, true, true, true, true, true, true, true, false});
  out +=
      "\ntime off, breaks+meals, training+mtg: paid hours in % of scheduled paid hours; absence: offline while "
      "scheduled for work in % of scheduled time, over the elapsed part of the week; occupancy = handle / on-queue "
      "time; adherence = in adherence / scheduled time (client/workflows/README.md)\n";
  if (!o.complete()) {
    out += "GLOBAL is incomplete: it sums the regions read; missing regions are not counted as zero\n";
  }
  out += fmt::format("\nbi-regional people ({}, counted once globally):\n", o.bi_regional.size());
  for (const auto& p : o.bi_regional) {
    std::string regions;
    for (const auto& r : p.regions) regions += (regions.empty() ? "" : ", ") + r;
    out += fmt::format("  {} ({})\n", p.person_key, regions);
  }
  return out;
}

}  // namespace

CLI::App* declare_overview(CLI::App& root, OverviewArgs& args) {
  auto* cmd = root.add_subcommand(
      "overview", "Consolidated week: headcount, paid hours, shrinkage, occupancy, adherence per region and global");
  cmd->footer(
      "The planning director's view of one week across orgs: per region and globally, headcount (a person in\n"
      "several orgs counted once globally, and listed), scheduled paid hours, shrinkage by cause (time off,\n"
      "breaks and meals, training and meetings, absence from adherence), occupancy (handle time over on-queue\n"
      "time) and adherence. Each business unit's week starts on its own start day in its own zone. A region that\n"
      "cannot be read is shown as missing (never as zero) and the global figures are marked incomplete.");
  add_workflow_flags(*cmd, args.common);
  cmd->add_option("--week", args.week, "a local date inside the wanted week, or current")
      ->type_name("YYYY-MM-DD|current")
      ->check(local_week_or("current"));
  cmd->add_option("--html", args.html, "also write the overview as one self-contained HTML page")->type_name("FILE");
  return cmd;
}

int run_overview(const OverviewArgs& args, std::ostream& out, std::ostream& err) {
  mockgc::workflows::OverviewOptions options;
  if (args.week != "current") options.week = mockgc::api::parse_local_date(args.week);
  int exit_code = kExitOk;
  auto ctx = make_workflow_context("overview", args.common, err, exit_code);
  if (!ctx) return exit_code;
  mockgc::workflows::WorkforceOverview o;
  {
    ProgressBar bar(err, ctx->progress, "reading");
    options.progress = [&bar](std::size_t done, std::size_t total, std::string_view what) {
      bar.update(done, total, what);
    };
    o = mockgc::workflows::read_workforce_overview(*ctx->clients, options);
    bar.finish();
  }
  bool unwritten = false;
  if (args.html && write_output_file("overview", *args.html, overview_page(o, ctx->seed), err) != kExitOk)
    unwritten = true;
  print_result(*ctx, out, [&] { return mockgc::workflows::to_json(o); }, [&] { return summary(o, ctx->seed); });
  return o.any_missing() || unwritten ? kExitFailure : kExitOk;
}

}  // namespace gchub
