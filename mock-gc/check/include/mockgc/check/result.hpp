#pragma once
// The outcome of a check: one RuleResult per rule and region, each with its evidence. Plain data, designed
// to be drawn (the HTML report) as well as printed (console, report.json, junit.xml).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mockgc/core/clock.hpp"

namespace mockgc::check {

enum class Severity { error, warn };
enum class RuleStatus { pass, fail, warn, not_applicable };

// One piece of evidence: the journal entry it is about and what is wrong with it.
struct Finding {
  core::Instant at;       // world time of the entry
  std::uint64_t seq = 0;  // journal seq (0 = about the run, not one entry)
  std::string method, path;
  int status = 0;
  std::string message;
  bool operator==(const Finding&) const = default;
};

struct RuleResult {
  std::string id;                     // stable rule id ("retry-after")
  Severity severity = Severity::error;
  std::optional<std::string> region;  // absent = the rule is about the whole run (exit-code)
  RuleStatus status = RuleStatus::not_applicable;
  std::vector<Finding> findings;      // the first kMaxFindings, in seq order
  std::uint64_t finding_count = 0;    // all of them
  std::string note;                   // why not applicable / what was checked, one sentence
  bool operator==(const RuleResult&) const = default;
};

inline constexpr std::size_t kMaxFindings = 50;

struct RunOutcome {
  std::string command;          // as given, joined with spaces
  int exit_code = 0;            // the process's exit status; -signal when it died of a signal
  bool timed_out = false;       // killed at --time-limit
  bool started = true;
};

struct CheckReport {
  std::string scenario;
  std::uint64_t seed = 1;
  double speed = 1.0;
  RunOutcome run;
  bool strict = false;
  std::vector<RuleResult> rules;         // sorted by rule id, then region (global first)
  std::vector<std::string> untested_faults;  // fault ids of the timeline the integration never met
  std::uint64_t requests = 0;            // entries judged (the harness's own excluded)
  bool passed() const;                   // no rule failed (and no warning under strict) and exit 0
  const char* verdict() const { return passed() ? "pass" : "fail"; }
  struct Tally {
    std::size_t failed = 0, warnings = 0, not_applicable = 0, passed = 0;
  };
  Tally tally() const;
  // Ids of the rules that failed or warned in some region, sorted, each once.
  std::vector<std::string> flagged_rules() const;
};

const char* to_string(RuleStatus s);  // "pass", "fail", "warn", "not_applicable"
const char* to_string(Severity s);    // "error", "warn"

}  // namespace mockgc::check
