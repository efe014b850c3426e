// gc-hub timeoff: every org's time-off requests of one week (each MU's own zone and week start), merged.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <sstream>

#include "args.hpp"
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

int run_timeoff(std::span<const std::string_view> argv, std::ostream& out, std::ostream& err) {
  const auto specs = workflow_flags({{"week", true, false}, {"statuses", true, false}});
  std::string error;
  auto args = Args::parse(argv, specs, error);
  if (!args) return usage_error("timeoff", error, err);
  mockgc::workflows::TimeOffWeekOptions options;
  const auto week = args->text("week");
  if (!week) return usage_error("timeoff", "--week YYYY-MM-DD|current is required", err);
  if (*week != "current") {
    auto day = mockgc::api::parse_local_date(*week);
    if (!day) return usage_error("timeoff", "--week must be YYYY-MM-DD or current", err);
    options.week = *day;
  }
  if (auto s = args->text("statuses")) {
    std::stringstream in(*s);
    std::string item;
    while (std::getline(in, item, ','))
      if (!item.empty()) {
        if (item != "PENDING" && item != "APPROVED" && item != "DENIED" && item != "CANCELED")
          return usage_error("timeoff", fmt::format("unknown status '{}' (PENDING, APPROVED, DENIED, CANCELED)", item), err);
        options.statuses.push_back(item);
      }
  }
  int exit_code = kExitOk;
  auto ctx = make_workflow_context("timeoff", *args, err, exit_code);
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
  if (ctx->json) {
    auto j = mockgc::workflows::to_json(w);
    j["seed"] = ctx->seed;
    out << j.dump(2) << "\n";
  } else {
    out << summary(w);
  }
  return w.any_missing() ? kExitFailure : kExitOk;
}

}  // namespace gchub
