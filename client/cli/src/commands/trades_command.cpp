// gc-hub trades: pending shift trades per region, decided by a simple approval rule (plan, then apply),
// touching only the region named.
#include "commands/trades_command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <ostream>

#include "command.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/workflows/shift_trade_review.hpp"
#include "workflow/progress_bar.hpp"
#include "workflow/table.hpp"

namespace gchub {
namespace {

std::string summary(const mockgc::workflows::TradeReview& r) {
  std::string out = fmt::format("trades: rule {}{}\n\n", r.rule ? std::string(to_string(*r.rule)) : "none",
                                r.applied ? "" : " (listing only: nothing written)");
  std::vector<std::vector<std::string>> rows{
      {"org", "region", "pending", "to approve", "approved", "failed", "unmatched", "decided", "status"}};
  for (const auto& o : r.orgs) {
    int to_approve = 0;
    for (const auto& t : o.pending) to_approve += t.approve;
    rows.push_back({o.org, o.region, std::to_string(o.pending.size()), std::to_string(to_approve),
                    std::to_string(o.approved), std::to_string(o.failed), std::to_string(o.unmatched),
                    std::to_string(o.decided), mockgc::workflows::describe(o.status)});
  }
  out += render_table(rows, {false, false, true, true, true, true, true, true, false});
  for (const auto& o : r.orgs)
    for (const auto& t : o.pending)
      out += fmt::format("  {} {} {} -> {} ({}){}\n", o.org, t.id, t.initiating_user_id, t.receiving_user_id,
                         t.initiating_shift_start,
                         !t.outcome.empty()        ? ": " + t.outcome
                         : !t.held_because.empty() ? ": held, " + t.held_because
                                                   : "");
  return out;
}

}  // namespace

CLI::App* declare_trades(CLI::App& root, TradesArgs& args) {
  auto* cmd = root.add_subcommand("trades", "Shift trades: list the pending ones per region and approve by a rule");
  cmd->footer(
      "Lists the shift trades waiting for an admin decision (Matched) in each region's management units for\n"
      "the week, and with --approve-if approves those the rule accepts (the rest stay pending, with the reason):\n"
      "  matched     every pending trade\n"
      "  paid-hours  both agents in the trade's management unit, no violation in the match review, and both\n"
      "              agents' post-trade paid minutes within the weekly minimum and maximum\n"
      "--region limits reading and writing to one region; the others are not contacted.");
  add_workflow_flags(*cmd, args.common);
  cmd->add_option("--week", args.week, "a local date inside the wanted week, or next (trades are agreed ahead)")
      ->type_name("YYYY-MM-DD|next")
      ->check(local_week_or("next"));
  cmd->add_option("--region", args.region, "only this region (key from ORGS.json) is read and written")
      ->type_name("REGION");
  cmd->add_option("--approve-if", args.rule, "approve the pending trades this rule accepts")
      ->type_name("matched|paid-hours")
      ->check(CLI::IsMember({"matched", "paid-hours"}));
  return cmd;
}

int run_trades(const TradesArgs& args, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  auto ctx = make_workflow_context("trades", args.common, err, exit_code);
  if (!ctx) return exit_code;
  if (args.region) {
    bool known = false;
    for (const auto& o : ctx->orgs) known = known || o.region == *args.region;
    if (!known) return usage_error("trades", fmt::format("no org in ORGS.json has region '{}'", *args.region), err);
  }
  mockgc::workflows::TradeReviewOptions options;
  options.region = args.region;
  if (args.rule) options.rule = mockgc::workflows::parse_approval_rule(*args.rule);
  if (args.week == "next") {
    options.week = std::chrono::floor<std::chrono::days>(ctx->now()) + std::chrono::days(7);
  } else {
    options.week = *mockgc::api::parse_local_date(args.week);
  }
  mockgc::workflows::TradeReview review;
  {
    ProgressBar bar(err, ctx->progress, "reading");
    options.progress = [&bar](std::size_t done, std::size_t total, std::string_view what) { bar.update(done, total, what); };
    review = mockgc::workflows::plan_trade_review(*ctx->clients, options);
    bar.finish();
    ProgressBar apply_bar(err, ctx->progress, "approving");
    options.progress = [&apply_bar](std::size_t done, std::size_t total, std::string_view what) {
      apply_bar.update(done, total, what);
    };
    review = mockgc::workflows::apply_trade_review(*ctx->clients, std::move(review), options);
  }
  print_result(*ctx, out, [&] { return mockgc::workflows::to_json(review); }, [&] { return summary(review); });
  return review.any_missing() ? kExitFailure : kExitOk;
}

}  // namespace gchub
