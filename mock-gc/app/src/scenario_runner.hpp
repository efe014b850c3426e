#pragma once
// `mock-gc run --scenario FILE`: plays a scenario in-process on a virtual clock and checks its `expect`
// section (timed probes and journal counters). Sequential, so the same seed gives the same journal bytes.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mockgc::app {

struct RunOptions {
  std::filesystem::path scenario;
  std::optional<std::uint64_t> seed;
  std::optional<std::filesystem::path> report_json;  // results + the request journal as JSON
  std::optional<std::filesystem::path> junit;        // one <testcase> per probe / counter
  std::optional<std::filesystem::path> journal_jsonl;
  std::optional<std::filesystem::path> html;         // report.html: verdicts, timelines, narration, journal
};

struct CheckResult {
  std::string name;                 // "probe 3: PT10M GET ap_southeast_2 /api/v2/users"
  std::string region;               // the probe's region; empty for a counter (about the whole run)
  std::vector<std::string> diffs;   // empty = passed
};

struct RunReport {
  std::string scenario;
  std::uint64_t seed = 0;
  std::vector<CheckResult> checks;
  std::string journal_jsonl;
  bool passed() const;
};

// Throws core::ScenarioError for a bad scenario file (start-up error).
RunReport run_scenario(const RunOptions& options);

}  // namespace mockgc::app
