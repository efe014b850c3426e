#pragma once
// The two ways to judge an integration: `mock-gc check` serves a scenario's world, runs the integration as a
// child process against it and judges its live traffic; `mock-gc verify` judges a JSON Lines journal exported
// from a `mock-gc serve` run. Both print one console line per rule and a verdict, and return the exit code:
// 0 pass, 1 a rule failed (or the integration failed or timed out), 2 bad input (command line, scenario,
// conformance section, rules file, journal line, a COMMAND that cannot be started).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "mockgc/check/result.hpp"
#include "mockgc/check/rules_config.hpp"
#include "mockgc/core/clock.hpp"

namespace mockgc::check {

// How long a COMMAND gets between SIGTERM (at the time limit) and SIGKILL.
inline constexpr core::Millis kKillGrace{3000};

struct CheckOptions {
  std::filesystem::path scenario;
  std::optional<std::uint64_t> seed;       // overrides the scenario's
  double speed = 1.0;                      // world seconds per real second (> 0)
  core::Millis time_limit{std::chrono::minutes(10)};
  std::filesystem::path report_dir = "mockgc-report";
  std::optional<std::filesystem::path> rules_file;  // overlays the scenario's `conformance` section
  bool strict = false;                     // warnings fail the verdict too
  std::vector<std::string> command;        // COMMAND ARG…; an ARG that is exactly "{orgs}" becomes the orgs path
};

// Serves the world on 127.0.0.1 (every region and the shared Host-routed port, ephemeral ports) on a real
// clock running `speed` times faster than wall time from the scenario's run start (core::run_start; a
// virtual-clock scenario is served on this real clock too), writes DIR/orgs.json, streams every journal entry
// to DIR/journal.jsonl and the evaluator while COMMAND runs (stdin /dev/null, stdout and stderr to
// DIR/integration.log, MOCKGC_ORGS set, its own process group), stops it at the time limit (SIGTERM to the
// group, SIGKILL after kKillGrace), then writes DIR/report.json, DIR/junit.xml and DIR/report.html and prints
// the verdict.
// The admin API is closed to the integration. SIGINT/SIGTERM to the harness stops the integration's group
// too and returns 128 + the signal, without a report.
int run_check(const CheckOptions& options, std::ostream& out, std::ostream& err);

// run_check's exit code and the report it printed (absent when none was made: bad input, a COMMAND that
// cannot be started, an interrupt), for drivers that judge many runs (`mock-gc explore`).
struct CheckRun {
  int exit_code = 2;
  std::optional<CheckReport> report;
};
CheckRun run_check_report(const CheckOptions& options, std::ostream& out, std::ostream& err);

// The rules a check of `scenario` applies: its `conformance` section with `rules_file` over it. Throws
// std::runtime_error naming the file and the JSON pointer of a bad setting.
RulesConfig effective_rules(const std::filesystem::path& scenario,
                            const std::optional<std::filesystem::path>& rules_file);

struct VerifyOptions {
  std::filesystem::path journal;           // JSON Lines (GET /mockgc/admin/journal?format=jsonl)
  std::filesystem::path scenario;          // the scenario the journal was served from
  std::optional<std::filesystem::path> report_dir;  // report.json + junit.xml + report.html when set
  std::optional<std::filesystem::path> rules_file;
  bool strict = false;
};

// Judges an exported journal with the same rules; `exit-code` is not applicable (no process was watched).
int run_verify(const VerifyOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mockgc::check
