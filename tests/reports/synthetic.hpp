#pragma once
// A synthetic run for the report tests: two regions, an outage of the second from minute 60 to 90 that the
// integration retries at a fixed pace, 429s, 401s and logins, evidence with markup in every name.
// Deterministic: the same size gives the same rows.
#include <cstdint>

#include "mockgc/reports/run_report.hpp"

namespace mockgc::reports::testing {

struct SyntheticRun {
  ReportHeader header;
  JournalDigest digest;
};

// `entries` journal rows spread over 8 hours of world time.
SyntheticRun synthetic_run(std::uint64_t entries);

}  // namespace mockgc::reports::testing
