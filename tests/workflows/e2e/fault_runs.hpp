#pragma once
// Shared shapes of the fault runs: scenario patches (latency so virtual time moves with every request,
// faults placed in the middle of a region's own requests) and the journal checks of a 429 storm.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/e2e_world.hpp"

namespace mockgc::e2e {

// Every request costs `ms` of virtual time (a latency fault), so a run spreads over the clock and a
// fault `at` an offset lands mid-run.
nlohmann::json with_latency(nlohmann::json scenario, int ms = 1000);
nlohmann::json with_fault(nlohmann::json scenario, nlohmann::json fault);

// The offset from the clock start ("PT17S") of the `index`-th workflow API request of `region` in a
// journal (negative index counts from the end).
std::string offset_of_request(const LoopbackWorld& world, const std::vector<core::journal::JournalEntry>& journal,
                              const std::string& region, int index);
// The workflow API requests of `region` whose path contains `needle`.
std::vector<core::journal::JournalEntry> requests_matching(const std::vector<core::journal::JournalEntry>& journal,
                                                           const std::string& region, const std::string& needle);

// Storm checks, as gtest expectations: per region, at least one 429 reached the workflow; no workflow
// request arrived before the previous 429's Retry-After had elapsed; the workflow never sent more than
// `budget` requests in any 60 s; the server never allowed more than `budget` (neighbour included).
void expect_polite_under_storm(LoopbackWorld& world, int budget);

}  // namespace mockgc::e2e
