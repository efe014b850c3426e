#pragma once
// What the rules know of the run before it starts (the scenario's regions and fault windows, the speed) and
// how they are tuned: the scenario's `conformance` section or a `--rules FILE` of the same schema.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "mockgc/check/result.hpp"
#include "mockgc/core/clock.hpp"

namespace mockgc::check {

// One fault window of the scenario's timeline, in world time.
struct FaultWindow {
  std::string id;                // the fault's id (journal "fault" names it when it fires)
  std::string type;              // "outage", "maintenance", "rate_limit", "latency", "transport", "token", …
  std::string region;            // empty = every region
  core::Instant start;
  std::optional<core::Instant> end;  // absent = until the end of the run
  // rate_limit only: the journal's limit_scope of the requests it governs is "client" when it replaces the
  // client-wide limit (both empty), else "route:<METHOD> <path>" (path "/**" when only a method is named).
  std::string method{}, path{};
  // Whether the window answers every request of its region (probability 1, no method, path or family named):
  // an outage or maintenance window like that keeps an integration out of the region while it lasts.
  bool whole_region = false;
};

struct CheckContext {
  std::string scenario;              // name or file, for the report
  std::uint64_t seed = 1;
  double speed = 1.0;                // world seconds per real second
  core::Instant start{};             // world time the run starts at (the scenario's clock start)
  std::vector<std::string> regions;  // the org regions of the world, in scenario order
  std::vector<FaultWindow> faults;
  std::optional<int> rate_limit_per_minute;  // the scenario's per-client limit (absent = no limiter)
  bool strict = false;               // --strict: a warning fails the verdict too
};

// The catalogue of rules: stable id, severity, one-line summary and every threshold with its default.
// RulesConfig::from_json accepts exactly these ids and keys; RULES.md documents them.
struct RuleInfo {
  std::string id;
  Severity severity = Severity::error;
  std::string summary;
  std::map<std::string, double> defaults;  // threshold key -> default value
};
const std::vector<RuleInfo>& rule_catalogue();
// nullptr for an unknown id.
const RuleInfo* find_rule(std::string_view id);

// Per-rule settings: on/off and numeric thresholds by name (each rule documents its own in RULES.md).
struct RuleSettings {
  std::optional<bool> enabled;                // absent = not set here (the default: on)
  std::map<std::string, double> thresholds;  // only the keys set here
  bool operator==(const RuleSettings&) const = default;
};

struct RulesConfig {
  std::map<std::string, RuleSettings> rules;  // by rule id; a missing id = the rule's defaults
  bool operator==(const RulesConfig&) const = default;

  // Schema: {"rules": {"<rule id>": {"enabled": bool, "<threshold>": number, …} | bool}}; a bare bool is
  // short for {"enabled": bool}. Strict: an unknown rule id or threshold key, or a value of the wrong type,
  // throws std::invalid_argument naming it with a JSON pointer ("conformance.json: /rules/retry-after/colour:
  // unknown key …"). `source` prefixes the message (file name or "scenario conformance").
  static RulesConfig from_json(const nlohmann::json& j, const std::string& source);
  // The same schema back (every rule as an object, only the settings made here): from_json(to_json()) equals
  // *this; what a counterexample scenario of `mock-gc explore` carries as its `conformance` section.
  nlohmann::json to_json() const;
  // `overlay`'s settings win rule by rule and key by key (a --rules file over the scenario's section).
  RulesConfig merged_with(const RulesConfig& overlay) const;

  bool enabled(std::string_view id) const;
  // The configured value, else the rule's default. Throws std::out_of_range for a key the catalogue does not
  // list (a programming error: every key the evaluator reads is in the catalogue).
  double threshold(std::string_view id, std::string_view key) const;
};

}  // namespace mockgc::check
