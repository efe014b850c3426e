#include "check_commands.hpp"

#include <CLI/CLI.hpp>
#include <charconv>
#include <cmath>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "mockgc/check/drivers.hpp"
#include "mockgc/core/clock_text.hpp"

namespace mockgc::app {
namespace {

// The flags as typed; turned into the driver's options once parsing succeeded.
struct CheckFlags {
  std::string scenario;
  std::string report_dir = "mockgc-report";
  std::string rules;
  std::string time_limit = "PT10M";
  double speed = 1.0;
  std::uint64_t seed = 0;
  bool strict = false;
  std::vector<std::string> command;
};

struct VerifyFlags {
  std::string journal, scenario, report_dir, rules;
  bool strict = false;
};

const CLI::Validator& iso_duration() {
  static const CLI::Validator validator(
      [](std::string& text) -> std::string {
        const auto d = core::parse_duration(text);
        if (!d || d->count() <= 0) return "expects a positive ISO-8601 duration such as PT10M, got '" + text + "'";
        return {};
      },
      "DURATION");
  return validator;
}

const CLI::Validator& positive_finite() {
  static const CLI::Validator validator(
      [](std::string& text) -> std::string {
        double v = 0;
        const auto* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, v);
        if (text.empty() || ec != std::errc{} || ptr != end || !std::isfinite(v) || v <= 0)
          return "expects a positive number, got '" + text + "'";
        return {};
      },
      "X>0");
  return validator;
}

}  // namespace

void add_check_commands(CLI::App& app, int& exit_code) {
  auto check_flags = std::make_shared<CheckFlags>();
  auto* check = app.add_subcommand("check",
                                   "Serve a scenario's world, run COMMAND against it and judge its traffic "
                                   "(exit 0 pass, 1 fail, 2 bad input)");
  check->add_option("--scenario", check_flags->scenario, "scenario file (scenarios/*.json)")->required();
  auto* seed = check->add_option("--seed", check_flags->seed, "seed for all randomness (overrides the scenario's)");
  check->add_option("--speed", check_flags->speed, "world seconds per real second")
      ->capture_default_str()
      ->check(positive_finite());
  check->add_option("--time-limit", check_flags->time_limit, "stop COMMAND (SIGTERM, then SIGKILL) after this")
      ->capture_default_str()
      ->check(iso_duration());
  check->add_option("--report-dir", check_flags->report_dir,
                    "orgs.json, integration.log, journal.jsonl, report.json, junit.xml go here")
      ->capture_default_str();
  check->add_option("--rules", check_flags->rules, "rule settings over the scenario's `conformance` section");
  check->add_flag("--strict", check_flags->strict, "warnings fail the verdict too");
  check->add_option("command", check_flags->command,
                    "-- COMMAND [ARG...]: the integration; an ARG that is exactly {orgs} becomes the orgs.json path")
      ->required();
  check->callback([check_flags, seed, &exit_code] {
    check::CheckOptions o;
    o.scenario = check_flags->scenario;
    if (seed->count() > 0) o.seed = check_flags->seed;
    o.speed = check_flags->speed;
    o.time_limit = *core::parse_duration(check_flags->time_limit);
    o.report_dir = check_flags->report_dir;
    if (!check_flags->rules.empty()) o.rules_file = check_flags->rules;
    o.strict = check_flags->strict;
    o.command = check_flags->command;
    exit_code = check::run_check(o, std::cout, std::cerr);
  });

  auto verify_flags = std::make_shared<VerifyFlags>();
  auto* verify = app.add_subcommand("verify",
                                    "Judge a journal exported from a `mock-gc serve` run "
                                    "(GET /mockgc/admin/journal?format=jsonl) with the same rules");
  verify->add_option("--journal", verify_flags->journal, "JSON Lines journal export")->required();
  verify->add_option("--scenario", verify_flags->scenario, "the scenario the journal was served from")->required();
  verify->add_option("--report-dir", verify_flags->report_dir, "write report.json and junit.xml here");
  verify->add_option("--rules", verify_flags->rules, "rule settings over the scenario's `conformance` section");
  verify->add_flag("--strict", verify_flags->strict, "warnings fail the verdict too");
  verify->callback([verify_flags, &exit_code] {
    check::VerifyOptions o;
    o.journal = verify_flags->journal;
    o.scenario = verify_flags->scenario;
    if (!verify_flags->report_dir.empty()) o.report_dir = verify_flags->report_dir;
    if (!verify_flags->rules.empty()) o.rules_file = verify_flags->rules;
    o.strict = verify_flags->strict;
    exit_code = check::run_verify(o, std::cout, std::cerr);
  });
}

}  // namespace mockgc::app
