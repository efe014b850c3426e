#pragma once
// Shared shapes of the end-to-end runs over testing::LoopbackWorld: the shipped scenarios they start from,
// scenario patches (latency so virtual time moves with every request, faults placed in the middle of a
// region's own requests), and the journal checks (the server's view; the noisy neighbour's requests are told
// apart by their query), including those of a 429 storm.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/core/journal/request_journal.hpp"
#include "support/loopback_world.hpp"

namespace mockgc::e2e {

using testing::LoopbackWorld;

// scenarios/<name>.json as JSON (the shipped library; tests patch sections of it).
nlohmann::json shipped_scenario(const std::string& name);
// A shipped scenario's world (orgs, shared agents, seed) with a virtual clock at `start` and no faults,
// limits or expectations: the base of the inline scenarios.
nlohmann::json calm_scenario(const std::string& world_from, const std::string& start);

bool is_neighbour(const core::journal::JournalEntry& e);
bool is_token_request(const core::journal::JournalEntry& e);
// Token requests per region.
std::map<std::string, int> token_requests(const std::vector<core::journal::JournalEntry>& journal);
// API entries (not admin, not token, not neighbour) per region, in order.
std::map<std::string, std::vector<core::journal::JournalEntry>> workflow_requests(
    const std::vector<core::journal::JournalEntry>& journal);
// The largest number of entries inside any 60 s sliding window (t − 60 s, t].
int max_per_minute(const std::vector<core::journal::JournalEntry>& entries);

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

// `scenario` with every region's token revoked at the middle of that region's workflow requests in
// `calm`, a world that has just run the same workflow without faults.
nlohmann::json with_token_revoked_mid_run(nlohmann::json scenario, const LoopbackWorld& calm);
// After a run on with_token_revoked_mid_run's scenario: every org's region logged in twice (the first login
// and the one after the 401), and every org re-logged in exactly once.
void expect_one_relogin_per_org(LoopbackWorld& world);

// Storm checks, as gtest expectations: per region, at least one 429 reached the workflow; no workflow
// request arrived before the previous 429's Retry-After had elapsed; the workflow never sent more than
// `budget` requests in any 60 s; the server never allowed more than `budget` (neighbour included).
void expect_polite_under_storm(LoopbackWorld& world, int budget);

}  // namespace mockgc::e2e
