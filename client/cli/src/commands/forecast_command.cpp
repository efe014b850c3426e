// gc-hub forecast: push a history-derived short-term forecast into every org's business units through the
// import flow; while the import API is unavailable (maintenance) write the import files and a runbook,
// and retry on the clock until --retry-for has passed.
#include "commands/forecast_command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "command.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/client/beast_websocket.hpp"
#include "workflow/progress_bar.hpp"
#include "workflow/table.hpp"
#include "workflow/workflow_context.hpp"

namespace gchub {
namespace {

constexpr std::string_view kName = "forecast";
using mockgc::workflows::ForecastOutcome;

using mockgc::api::parse_duration;  // the one ISO-8601 duration grammar (api/time.hpp)

std::string iso(mockgc::client::Instant t) { return mockgc::api::format_instant(t); }

std::string summary(const mockgc::workflows::ForecastSyncReport& r, std::uint64_t seed) {
  std::string out = fmt::format("forecast: seasonal mean of the last {} weeks, seed {}\n\n", r.history_weeks, seed);
  std::vector<std::vector<std::string>> rows{{"org", "region", "business unit", "week", "groups", "offered", "outcome"}};
  for (const auto& o : r.orgs) {
    if (o.units.empty())
      rows.push_back({o.org, o.region, "-", "-", "0", "0", fmt::format("missing: {}", o.why)});
    for (const auto& u : o.units) {
      std::string outcome(mockgc::workflows::to_string(u.outcome));
      if (u.outcome == ForecastOutcome::imported) {
        outcome += fmt::format(" (forecast {}, {})", u.forecast_id, u.job_status);
        if (u.fallback_file) outcome += fmt::format(" after {} attempts", u.attempts);
      } else if (u.outcome == ForecastOutcome::fallback_written) {
        outcome += fmt::format(": {}; next retry {}", u.why, u.next_retry ? iso(*u.next_retry) : "none (gave up)");
      } else {
        outcome += ": " + u.why;
      }
      rows.push_back({o.org, o.region, u.business_unit, u.week, std::to_string(u.body.planning_groups.size()),
                      fmt::format("{:.0f}", u.offered_total), outcome});
    }
  }
  out += render_table(rows, {false, false, false, false, true, true, false});
  for (const auto& o : r.orgs) {
    if (!o.history_note.empty()) out += fmt::format("\n{}: {}", o.org, o.history_note);
    for (const auto& u : o.units)
      if (u.outcome == ForecastOutcome::fallback_written) out += fmt::format("\nRUNBOOK {}\n", u.runbook);
  }
  if (r.runbook_file) out += fmt::format("\nrunbook: {}\n", r.runbook_file->string());
  return out;
}

}  // namespace

CLI::App* declare_forecast(CLI::App& root, ForecastArgs& args) {
  auto* cmd = root.add_subcommand(
      std::string(kName),
      "Short-term forecast sync: history-derived forecast imported per BU; import files + runbook during maintenance");
  cmd->footer(
      "Short-term forecast sync: a forecast derived from the last --history-weeks weeks (seasonal mean) is\n"
      "imported into every business unit of each org. While the import API is unavailable (maintenance) the\n"
      "import files and a runbook are written to --output-dir instead, and the import is retried on the clock\n"
      "until --retry-for has passed. An import's completion (Complete or Error) is read from the\n"
      "v2.workforcemanagement.businessunits.<bu>.shorttermforecasts.import notification (one channel per org,\n"
      "subscribed before the import); without it, the week's forecast list is polled.");
  add_workflow_flags(*cmd, args.common);
  cmd->add_option("--business-unit", args.business_unit, "only this business unit (default: every BU of each org)")
      ->type_name("NAME");
  cmd->add_option("--week", args.week, "a local date inside the target week, or next")
      ->type_name("YYYY-MM-DD|next")
      ->check(local_week_or("next"));
  cmd->add_option("--history-weeks", args.history_weeks, "past weeks averaged")->check(CLI::Range(1, 26));
  cmd->add_option("--output-dir", args.output_dir, "where import files and the runbook go when the import is unavailable")
      ->type_name("DIR");
  const auto duration = [](bool positive) {
    return [positive](const std::string& text) {
      const auto d = parse_duration(text);
      return d && d->count() >= 0 && (!positive || d->count() > 0) ? std::string()
                                                : std::string("use an ISO-8601 duration such as PT2H or PT5M");
    };
  };
  cmd->add_option("--retry-for", args.retry_for, "keep retrying fallbacks this long after the first attempt (default PT0S)")
      ->type_name("DURATION")
      ->check(duration(false), "", "duration");
  cmd->add_option("--retry-initial", args.retry_initial, "first retry delay; doubles up to 30 minutes (default PT5M)")
      ->type_name("DURATION")
      ->check(duration(true), "", "positive duration");
  return cmd;
}

int run_forecast(const ForecastArgs& args, std::ostream& out, std::ostream& err) {
  mockgc::workflows::ForecastSyncOptions options;
  options.business_unit = args.business_unit;
  if (args.week != "next") options.week = mockgc::api::parse_local_date(args.week);
  options.history_weeks = args.history_weeks;
  options.output_dir = args.output_dir;
  if (args.retry_for) options.retry_for = *parse_duration(*args.retry_for);
  if (args.retry_initial) options.retry_initial = *parse_duration(*args.retry_initial);
  int exit_code = kExitOk;
  auto ctx = make_workflow_context(kName, args.common, err, exit_code);
  if (!ctx) return exit_code;
  // The runbook's re-run command repeats what shapes the forecast and where files go.
  options.rerun_command = fmt::format("gc-hub forecast --orgs {} --history-weeks {} --output-dir {}",
                                      args.common.orgs, options.history_weeks, options.output_dir.string());

  mockgc::client::BeastWebSocketConnector sockets;  // import completions by notification
  options.sockets = &sockets;
  mockgc::workflows::ForecastSyncReport report;
  {
    ProgressBar bar(err, ctx->progress, "forecast");
    options.progress = [&bar](std::size_t done, std::size_t total, std::string_view what) {
      bar.update(done, total, what);
    };
    options.on_fallback = [&](const std::string&, const mockgc::workflows::BusinessUnitForecast& u) {
      bar.finish();
      err << fmt::format("gc-hub forecast: import unavailable ({}); wrote {}\nRUNBOOK {}\n", u.why,
                         u.fallback_file ? u.fallback_file->string() : "-", u.runbook);
    };
    // The report's start and the history's end are the world's "now": the clock reads the server's Date first.
    (void)ctx->now();
    report = mockgc::workflows::sync_forecasts(*ctx->clients, options);
    bar.finish();
  }
  print_result(*ctx, out, [&] { return mockgc::workflows::to_json(report); }, [&] { return summary(report, ctx->seed); });
  return report.any_missing() ? kExitFailure : kExitOk;
}

}  // namespace gchub
