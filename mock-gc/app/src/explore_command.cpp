#include "explore_command.hpp"

#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli_options.hpp"

namespace mockgc::app {

CLI::App* declare_explore(CLI::App& root, explore::ExploreOptions& o) {
  auto* explore = root.add_subcommand(
      "explore",
      "Draw fault timelines inside the scenario's `explore` envelope, run COMMAND under each like `mock-gc check`, "
      "and shrink the first failure to a minimal scenario (exit 0 none found, 1 counterexample, 2 bad input).");
  explore->add_option("--scenario", o.scenario, "scenario file (its `explore` section is the envelope)")->required();
  explore->add_option("--cases", o.cases, "fault timelines to try after calm weather (default 20)")
      ->check(CLI::Range(1, 100000));
  explore->add_option("--seed", o.seed, "seed the timelines are drawn from (default: the scenario's)");
  explore->add_option("--speed", o.speed, "world seconds per real second; waits the server advertises are scaled")
      ->check(positive_finite());
  add_duration(*explore, "--time-limit-per-case", o.time_limit_per_case,
               "stop COMMAND after this in each run (default PT2M); with --speed, the default envelope's window");
  explore->add_option("--report-dir", o.report_dir,
                      "counterexample.json, explore.json, original/ and shrunk/ go here (default mockgc-explore)");
  explore->add_option("--rules", o.rules_file, "rule settings over the scenario's `conformance` section");
  explore->add_option("--shrink-runs", o.shrink_runs, "runs spent shrinking a failure at most (default 30)")
      ->check(CLI::Range(0, 100000));
  explore
      ->add_option("command", o.command,
                   "-- COMMAND [ARG...]: the integration; an ARG that is exactly {orgs} becomes the orgs.json path")
      ->required()
      ->always_capture_default(false);
  explore->footer(
      "Calm weather (no fault) runs first: a failure there is reported as such and not shrunk. Each failing run is "
      "judged by the rules of mock-gc/check/RULES.md; shrinking keeps the first failing rule fixed.\nexit status: 0 "
      "calm weather and every case passed; 1 a counterexample was written (or calm weather failed); 2 bad command "
      "line, scenario, envelope or rules file, or a COMMAND that cannot be started.");
  return explore;
}

int explore_main(const explore::ExploreOptions& options) { return explore::run_explore(options, std::cout, std::cerr); }

}  // namespace mockgc::app
