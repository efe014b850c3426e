#include "command.hpp"

#include <array>
#include <ostream>

#include <fmt/format.h>

namespace gchub {

namespace {
// To add a subcommand: write commands/<name>_command.cpp defining run_<name>, declare it in
// command.hpp, and add one row here.
constexpr std::array kCommands{
    Command{"erlang", "Erlang C/A calculator: agents, service level, ASA, occupancy, P(wait)",
            "--calls N --interval-min M --aht S [--sl 0.8] [--sl-seconds 20] [--agents N]\n"
            "      [--patience S] [--max-occupancy X] [--max-asa S]\n"
            "      [--sl-definition offered|answered|offered-less-short-abandons|left-queue] [--json]\n"
            "      [--simulate [--replications 200] [--seed 1] [--service exponential|lognormal]\n"
            "       [--service-cv 1.0] [--horizon-hours 8]]   (discrete-event cross-check)",
            &run_erlang},
    Command{"capacity", "Living capacity plan: FTE range per week/month with risk attribution",
            "(--volume FILE [--update FILE]... | --synthetic-weeks N [--synthetic-groups G]\n"
            "      [--weekly-calls X] [--aht S]) [--seed S] [--draws N] [--attribution-draws N]\n"
            "      [--quantiles 0.1,0.5,0.9] [--sl 0.8] [--sl-seconds 20] [--max-occupancy X]\n"
            "      [--shrinkage 0.3] [--paid-hours 37.5] [--volume-cv 0.08] [--volume-corr 0.7]\n"
            "      [--aht-cv 0.04] [--aht-corr 0.7] [--shrinkage-sd 0.025] [--attrition 0.3]\n"
            "      [--attrition-sd 0.08] [--hiring-lag 6] [--hiring-lag-sd 2] [--json]",
            &run_capacity},
    Command{"sync-codes", "Activity-code sync: make every org's codes match a source org's (plan, then apply)",
            "--orgs ORGS.json --source REGION [--dry-run] [--business-unit NAME] [--json] [--seed N]\n"
            "      [--progress]   (exit 1 when a region ends missing)",
            &run_sync_codes},
    Command{"volume", "Cross-org volume: offered/AHT per queue per interval, local days, queue groups",
            "--orgs ORGS.json --weeks N [--end ISO] [--granularity PT15M|PT30M|PT1H] [--business-unit NAME]\n"
            "      [--write-volume FILE] [--keep-org-prefix] [--json] [--seed N] [--progress]   (exit 1 when a region ends missing)",
            &run_volume},
    Command{"adherence", "Global real-time adherence snapshot: per-region and global counts, outliers (optionally polled)",
            "--orgs ORGS.json [--outlier-minutes 10] [--poll N --interval S] [--json] [--seed N]\n"
            "      [--progress]   (exit 1 when a region ends missing)",
            &run_adherence},
    Command{"timeoff", "Time-off requests of one week across orgs (each MU's zone and week start), merged",
            "--orgs ORGS.json --week YYYY-MM-DD|current [--statuses PENDING,APPROVED,...] [--json]\n"
            "      [--seed N] [--progress]   (exit 1 when a region ends missing)",
            &run_timeoff},
    Command{"forecast", "Short-term forecast sync: history-derived forecast imported per BU; import files + runbook during maintenance",
            "--orgs ORGS.json [--business-unit NAME] [--week YYYY-MM-DD|next] [--history-weeks 4]\n"
            "      [--output-dir forecast-fallback] [--retry-for PT0S] [--retry-initial PT5M] [--json] [--seed N]\n"
            "      [--progress]   (exit 1 when a region ends missing)",
            &run_forecast},
};
}  // namespace

std::span<const Command> commands() { return kCommands; }

int usage_error(std::string_view command, std::string_view message, std::ostream& err) {
  err << fmt::format("gc-hub {}: {}\n", command, message);
  for (const auto& c : kCommands) {
    if (c.name == command) err << fmt::format("usage: gc-hub {} {}\n", c.name, c.usage);
  }
  return kExitUsage;
}

}  // namespace gchub
