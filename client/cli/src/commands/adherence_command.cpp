// gc-hub adherence: a global real-time adherence snapshot across orgs (optionally polled).
#include "commands/adherence_command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "command.hpp"
#include "html/adherence_page.hpp"
#include "mockgc/api/time.hpp"
#include "workflow/progress_bar.hpp"
#include "workflow/table.hpp"
#include "workflow/workflow_context.hpp"

namespace gchub {
namespace {

using mockgc::workflows::AdherenceCounts;
using mockgc::workflows::AdherenceSnapshot;

std::string percent(const AdherenceCounts& c) {
  const auto p = c.percent_in_adherence();
  return p ? fmt::format("{:.1f}%", *p) : std::string("-");
}
std::string count(const std::map<std::string, int>& m, const char* key) {
  auto it = m.find(key);
  return std::to_string(it == m.end() ? 0 : it->second);
}

std::string summary(const AdherenceSnapshot& s, std::uint64_t seed) {
  std::string out = fmt::format("adherence at {} (outliers: negative impact >= {} min), seed {}\n\n",
                                mockgc::api::format_instant(s.taken_at), s.outlier_minutes, seed);
  std::vector<std::vector<std::string>> rows{{"org", "region", "agents", "scheduled", "in", "out", "unsched",
                                              "negative", "% in adh.", "stale s", "status"}};
  auto row = [&](const std::string& org, const std::string& region, const AdherenceCounts& c, std::string stale,
                 std::string status) {
    rows.push_back({org, region, std::to_string(c.agents), std::to_string(c.scheduled),
                    count(c.states, "InAdherence"), count(c.states, "OutOfAdherence"),
                    count(c.states, "Unscheduled"), count(c.impacts, "Negative"), percent(c), std::move(stale),
                    std::move(status)});
  };
  for (const auto& o : s.orgs)
    row(o.org, o.region, o.counts, o.staleness ? std::to_string(o.staleness->count() / 1000) : "-",
        mockgc::workflows::describe(o.status));
  row("GLOBAL", fmt::format("{} people", s.people), s.global, "-",
      fmt::format("{} duplicates merged ({} multi-region people)", s.duplicates, s.multi_region_people));
  out += render_table(rows, {false, false, true, true, true, true, true, true, true, true, false});
  out += "\n% in adherence = InAdherence among scheduled agents / scheduled agents\n";
  if (!s.outliers.empty()) {
    out += fmt::format("\noutliers ({}):\n", s.outliers.size());
    for (const auto& x : s.outliers) out += fmt::format("  {:>5} min  {} <{}> ({})\n", x.minutes, x.name, x.person_key, x.org);
  }
  return out;
}

}  // namespace

CLI::App* declare_adherence(CLI::App& root, AdherenceArgs& args) {
  auto* cmd = root.add_subcommand(
      "adherence", "Global real-time adherence snapshot: per-region and global counts, outliers (optionally polled)");
  cmd->footer(
      "Global real-time adherence snapshot: per-region and global agent counts per adherence state (in, out,\n"
      "unscheduled) and negative impact, % in adherence among scheduled agents, and outliers (negative impact\n"
      "for at least --outlier-minutes). A person in several orgs (same e-mail) is counted once globally.\n"
      "--poll N takes N snapshots --interval seconds apart.");
  add_workflow_flags(*cmd, args.common);
  cmd->add_option("--outlier-minutes", args.outlier_minutes, "minutes of negative adherence impact that make an outlier")
      ->check(CLI::Range(0, 100'000));
  auto* poll = cmd->add_option("--poll", args.polls, "take N snapshots instead of one")->check(CLI::Range(1, 100'000));
  cmd->add_option("--interval", args.interval_seconds, "seconds between polled snapshots")
      ->check(CLI::Range(1.0, 1e9))
      ->needs(poll);
  cmd->add_option("--html", args.html,
                  "also write one self-contained HTML page: per-region and global adherence (bi-regional people "
                  "counted once) and the outliers; with --poll it is rewritten after each snapshot")
      ->type_name("FILE");
  return cmd;
}

int run_adherence(const AdherenceArgs& args, std::ostream& out, std::ostream& err) {
  mockgc::workflows::AdherenceOptions options;
  options.outlier_minutes = args.outlier_minutes;
  int exit_code = kExitOk;
  auto ctx = make_workflow_context("adherence", args.common, err, exit_code);
  if (!ctx) return exit_code;

  bool missing = false;
  bool unwritten = false;
  auto emit = [&](const AdherenceSnapshot& s) {
    if (args.html && write_output_file("adherence", *args.html, adherence_page(s, ctx->seed), err) != kExitOk)
      unwritten = true;
    if (ctx->json) {
      auto j = mockgc::workflows::to_json(s);
      j["seed"] = ctx->seed;
      out << j.dump(2) << "\n";
    } else {
      out << summary(s, ctx->seed);
    }
    out.flush();
    missing = s.any_missing();
  };
  if (!args.polls) {
    ProgressBar bar(err, ctx->progress, "reading");
    options.progress = [&bar](std::size_t done, std::size_t total, std::string_view what) { bar.update(done, total, what); };
    const auto s = mockgc::workflows::take_adherence_snapshot(*ctx->clients, options);
    bar.finish();
    emit(s);
  } else {
    const auto period = std::chrono::milliseconds(static_cast<std::int64_t>(args.interval_seconds * 1000));
    mockgc::workflows::poll_adherence(*ctx->clients, options, *args.polls, period,
                                      [&](int, const AdherenceSnapshot& s) { emit(s); });
  }
  return missing || unwritten ? kExitFailure : kExitOk;
}

}  // namespace gchub
