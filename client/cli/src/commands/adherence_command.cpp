// gc-hub adherence: a global real-time adherence snapshot across orgs (optionally polled, or watched live).
#include "commands/adherence_command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <atomic>
#include <csignal>
#include <ostream>

#include "command.hpp"
#include "html/adherence_page.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/client/beast_websocket.hpp"
#include "mockgc/workflows/adherence_watch.hpp"
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

std::string feeds_text(const AdherenceSnapshot& s, const std::vector<mockgc::workflows::RegionFeed>& feeds) {
  std::string out = "\nfeeds:\n";
  for (std::size_t i = 0; i < feeds.size() && i < s.orgs.size(); ++i) {
    const auto& f = feeds[i];
    const auto& o = s.orgs[i];
    out += fmt::format("  {} ({}): {}, stale {}, {} reconnects{}{}\n", o.org, o.region, mockgc::workflows::to_string(f.feed),
                       o.staleness ? fmt::format("{:.1f} s", o.staleness->count() / 1000.0) : std::string("-"),
                       f.reconnects,
                       f.heartbeat_gaps ? fmt::format(", {} after missed heartbeats", f.heartbeat_gaps) : std::string(),
                       f.why.empty() ? std::string() : fmt::format(" ({})", f.why));
  }
  return out;
}

// SIGINT ends a watch (exit status as for --for); a second SIGINT kills as usual.
std::atomic<bool> g_interrupted{false};
extern "C" void on_sigint(int) {
  g_interrupted = true;
  std::signal(SIGINT, SIG_DFL);
}

}  // namespace

CLI::App* declare_adherence(CLI::App& root, AdherenceArgs& args) {
  auto* cmd = root.add_subcommand(
      "adherence", "Global real-time adherence snapshot: per-region and global counts, outliers (optionally polled)");
  cmd->footer(
      "Global real-time adherence snapshot: per-region and global agent counts per adherence state (in, out,\n"
      "unscheduled) and negative impact, % in adherence among scheduled agents, and outliers (negative impact\n"
      "for at least --outlier-minutes). A person in several orgs (same e-mail) is counted once globally.\n"
      "--poll N takes N snapshots --interval seconds apart. --watch keeps the snapshot live from notification\n"
      "channels (reconnecting after socket_closing, drops, missed heartbeats and expiry), prints it every\n"
      "--interval seconds with each region's feed (live, reconnecting, polling) and staleness, and ends after\n"
      "--for or on Ctrl-C: exit 0 when every region was live or polled, 1 otherwise.");
  add_workflow_flags(*cmd, args.common);
  cmd->add_option("--outlier-minutes", args.outlier_minutes, "minutes of negative adherence impact that make an outlier")
      ->check(CLI::Range(0, 100'000));
  auto* poll = cmd->add_option("--poll", args.polls, "take N snapshots instead of one")->check(CLI::Range(1, 100'000));
  auto* watch = cmd->add_flag("--watch", args.watch,
                              "keep a live snapshot from the management units' adherence notifications (one channel "
                              "per org; REST polling for a region whose channel fails); ends after --for or on Ctrl-C")
                    ->excludes(poll);
  cmd->add_option("--for", args.watch_for, "end the watch after this long (ISO-8601 duration, e.g. PT30S, PT2H)")
      ->type_name("DURATION")
      ->check(CLI::Validator(
          [](std::string& text) {
            const auto d = mockgc::api::parse_duration(text);
            return d && d->count() > 0 ? std::string() : fmt::format("expects a positive ISO-8601 duration (got '{}')", text);
          },
          "DURATION", "duration"))
      ->needs(watch);
  cmd->add_option("--interval", args.interval_seconds,
                  "seconds between polled snapshots; with --watch between printed snapshots and REST polls of a "
                  "region whose channel failed")
      ->check(CLI::Range(0.1, 1e9));
  cmd->add_option("--html", args.html,
                  "also write one self-contained HTML page: per-region and global adherence (bi-regional people "
                  "counted once) and the outliers; with --poll it is rewritten after each snapshot")
      ->type_name("FILE");
  return cmd;
}

int run_adherence(const AdherenceArgs& args, std::ostream& out, std::ostream& err) {
  mockgc::workflows::AdherenceOptions options;
  options.outlier_minutes = args.outlier_minutes;
  if (!args.watch && !args.polls && args.interval_seconds != AdherenceArgs{}.interval_seconds)
    return usage_error("adherence", "--interval needs --poll or --watch", err);
  int exit_code = kExitOk;
  auto ctx = make_workflow_context("adherence", args.common, err, exit_code);
  if (!ctx) return exit_code;

  bool missing = false;
  bool unwritten = false;
  auto emit = [&](const AdherenceSnapshot& s) {
    if (args.html && write_output_file("adherence", *args.html, adherence_page(s, ctx->seed), err) != kExitOk)
      unwritten = true;
    print_result(*ctx, out, [&] { return mockgc::workflows::to_json(s); }, [&] { return summary(s, ctx->seed); });
    out.flush();
    missing = s.any_missing();
  };
  if (args.watch) {
    mockgc::workflows::WatchOptions w;
    w.outlier_minutes = args.outlier_minutes;
    w.interval = std::chrono::milliseconds(static_cast<std::int64_t>(args.interval_seconds * 1000));
    if (args.watch_for) w.run_for = mockgc::api::parse_duration(*args.watch_for);
    mockgc::client::BeastWebSocketConnector sockets;
    auto print = [&](const AdherenceSnapshot& s, const std::vector<mockgc::workflows::RegionFeed>& feeds) {
      if (args.html && write_output_file("adherence", *args.html, adherence_page(s, ctx->seed), err) != kExitOk)
        unwritten = true;
      if (ctx->json) {
        auto j = mockgc::workflows::to_json(s);
        j["seed"] = ctx->seed;
        j["feeds"] = mockgc::workflows::feeds_json(s, feeds);
        out << j.dump() << "\n";
      } else {
        out << summary(s, ctx->seed) << feeds_text(s, feeds) << "\n";
      }
      out.flush();
    };
    g_interrupted = false;
    const auto previous = std::signal(SIGINT, on_sigint);
    const auto r = mockgc::workflows::watch_adherence(*ctx->clients, sockets, w, [] { return g_interrupted.load(); }, print);
    std::signal(SIGINT, previous);
    print(r.snapshot, r.feeds);
    for (const auto& f : r.feeds)
      if (!f.fed()) err << fmt::format("gc-hub adherence: a region was neither live nor polled ({})\n", f.why);
    return r.every_region_fed() && !unwritten ? kExitOk : kExitFailure;
  }
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
