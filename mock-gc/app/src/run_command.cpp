#include "run_command.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <exception>

#include "cli.hpp"

namespace mockgc::app {

CLI::App* declare_run(CLI::App& root, RunOptions& options) {
  auto* cmd = root.add_subcommand("run", "Play a scenario in-process on a virtual clock and check its `expect`");
  cmd->footer(
      "run plays a scenario in-process on a virtual clock (its timeline of faults, then its `expect` probes\n"
      "and counters; see scenarios/README.md), prints one ok/FAIL line per check. The same seed gives the same\n"
      "journal bytes.\n\n"
      "Exit status: 0 when all checks pass, 1 when one fails, 2 for a bad command line or scenario file.");
  cmd->add_option("--scenario", options.scenario, "the scenario to play")->required()->type_name("FILE");
  cmd->add_option("--seed", options.seed, "seed for all randomness (overrides the scenario's)");
  cmd->add_option("--report-json", options.report_json, "write the results and the request journal as JSON")
      ->type_name("FILE");
  cmd->add_option("--junit", options.junit, "write JUnit XML: one <testcase> per probe / counter")->type_name("FILE");
  cmd->add_option("--journal-jsonl", options.journal_jsonl, "write the request journal, one JSON object per line")
      ->type_name("FILE");
  cmd->add_option("--html", options.html,
                  "write a self-contained HTML report: checks, a timeline per region, the fault narration, the journal")
      ->type_name("FILE");
  return cmd;
}

int run_main(const RunOptions& options) {
  RunReport report;
  try {
    report = run_scenario(options);
  } catch (const std::exception& e) {  // bad scenario file: a start-up error
    fmt::print(stderr, "mock-gc: {}\n", e.what());
    return kExitUsage;
  }
  fmt::print("mock-gc run scenario={} seed={}\n", report.scenario, report.seed);
  for (const auto& c : report.checks) {
    fmt::print("{} {}\n", c.diffs.empty() ? "ok  " : "FAIL", c.name);
    for (const auto& d : c.diffs) fmt::print("       {}\n", d);
  }
  fmt::print("{} ({} checks)\n", report.passed() ? "PASSED" : "FAILED", report.checks.size());
  return report.passed() ? kExitOk : kExitFailure;
}

}  // namespace mockgc::app
