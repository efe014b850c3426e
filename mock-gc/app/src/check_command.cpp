#include "check_command.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

#include "cli_options.hpp"

namespace mockgc::app {

CLI::App* declare_check(CLI::App& root, check::CheckOptions& o) {
  auto* check = root.add_subcommand("check",
                                    "Serve a scenario's world, run COMMAND against it and judge its traffic "
                                    "(exit 0 pass, 1 fail, 2 bad input).");
  check->add_option("--scenario", o.scenario, "scenario file (scenarios/*.json)")->required();
  check->add_option("--seed", o.seed, "seed for all randomness (overrides the scenario's)");
  check->add_option("--speed", o.speed, "world seconds per real second; waits the server advertises are scaled")
      ->check(positive_finite());
  add_duration(*check, "--time-limit", o.time_limit, "stop COMMAND (SIGTERM, then SIGKILL) after this (default PT10M)");
  check->add_option("--report-dir", o.report_dir,
                    "orgs.json, integration.log, journal.jsonl, report.json, junit.xml and report.html go here");
  check->add_option("--rules", o.rules_file, "rule settings over the scenario's `conformance` section");
  check->add_flag("--strict", o.strict, "warnings fail the verdict too");
  check->add_option("command", o.command,
                    "-- COMMAND [ARG...]: the integration; an ARG that is exactly {orgs} becomes the orgs.json path")
      ->required()
      ->always_capture_default(false);
  check->footer(
      "The integration's traffic is judged by the rules of mock-gc/check/RULES.md; one line per rule and a verdict "
      "are printed.\nexit status: 0 no rule failed and COMMAND exited 0; 1 a rule failed, COMMAND failed or timed "
      "out; 2 bad command line, scenario, rules file, or a COMMAND that cannot be started.");
  return check;
}

int check_main(const check::CheckOptions& options) { return check::run_check(options, std::cout, std::cerr); }

CLI::App* declare_verify(CLI::App& root, check::VerifyOptions& o) {
  auto* verify = root.add_subcommand("verify",
                                     "Judge a journal exported from a `mock-gc serve` run "
                                     "(GET /mockgc/admin/journal?format=jsonl) with the same rules.");
  verify->add_option("--journal", o.journal, "JSON Lines journal export")->required();
  verify->add_option("--scenario", o.scenario, "the scenario the journal was served from")->required();
  verify->add_option("--report-dir", o.report_dir, "write report.json, junit.xml and report.html here");
  verify->add_option("--rules", o.rules_file, "rule settings over the scenario's `conformance` section");
  verify->add_flag("--strict", o.strict, "warnings fail the verdict too");
  verify->footer("exit status: 0 no rule failed; 1 a rule failed; 2 bad command line, scenario or journal line.");
  return verify;
}

int verify_main(const check::VerifyOptions& options) { return check::run_verify(options, std::cout, std::cerr); }

}  // namespace mockgc::app
