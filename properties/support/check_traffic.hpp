#pragma once
// A polite integration's traffic as journal entries, for the conformance rules' property and benchmark: one
// login per org, polls of a per-org resource on phases spread across the period, full paging of a static
// listing, async jobs polled gently and fetched, 429s waited out, outages retried with doubling gaps, named
// creates once each. Deterministic from the model (its seed drives every choice through api::Rng).
// inject_violation then adds traffic that breaks exactly one rule.
#include <rapidcheck.h>

#include <cstdint>
#include <string>
#include <vector>

#include "mockgc/check/evaluator.hpp"

namespace mockgc::properties {

struct TrafficModel {
  std::vector<std::string> regions;  // 1..3 org regions
  int cycles = 10;                   // poll cycles per org
  std::int64_t period_s = 60;        // seconds between poll cycles (60..180)
  std::uint64_t seed = 1;
  std::string client = "app";        // OAuth client ids are "<client>-<region>"
};

rc::Gen<TrafficModel> polite_traffic();
std::string show(const TrafficModel& m);

// The context the journal was generated for: the model's regions, limit 300 per minute, start 2026-01-05T09:00Z.
check::CheckContext traffic_context(const TrafficModel& m);
std::vector<core::journal::JournalEntry> polite_journal(const TrafficModel& m);

// Rule ids inject_violation can break for this model (foreign-ids and foreign-tokens need two orgs).
std::vector<std::string> injectable_rules(const TrafficModel& m);
// Appends (after the polite traffic) entries that break `rule` and nothing else; region-coverage adds a silent
// org to the context, exit-code sets a failing outcome.
void inject_violation(const std::string& rule, std::uint64_t seed, std::vector<core::journal::JournalEntry>& journal,
                      check::CheckContext& context, check::RunOutcome& outcome);

}  // namespace mockgc::properties
