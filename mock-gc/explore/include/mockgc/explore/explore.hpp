#pragma once
// `mock-gc explore`: property-based fault exploration of an integration. Calm weather first (the scenario
// without any fault), then up to `cases` fault timelines drawn inside the scenario's envelope, each run and
// judged like `mock-gc check`; the first failing case is shrunk (fewer faults, fewer regions, shorter windows,
// later starts) while the same rule keeps failing, within `shrink_runs` runs. Exit 0 every case passed, 1 a
// counterexample (or a failure in calm weather), 2 bad input. Files: mock-gc/explore/README.md.
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "mockgc/core/clock.hpp"

namespace mockgc::explore {

inline constexpr int kDefaultCases = 20;
inline constexpr int kDefaultShrinkRuns = 30;

struct ExploreOptions {
  std::filesystem::path scenario;
  int cases = kDefaultCases;
  std::optional<std::uint64_t> seed;  // draws the timelines; default: the scenario's seed
  double speed = 1.0;                 // world seconds per real second (> 0)
  core::Millis time_limit_per_case{std::chrono::minutes(2)};
  std::filesystem::path report_dir = "mockgc-explore";
  std::optional<std::filesystem::path> rules_file;  // overlays the scenario's `conformance` section
  int shrink_runs = kDefaultShrinkRuns;             // runs spent shrinking at most
  std::vector<std::string> command;                 // as for `mock-gc check` ({orgs} becomes the orgs path)
};

int run_explore(const ExploreOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mockgc::explore
