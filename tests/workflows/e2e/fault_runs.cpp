#include "fault_runs.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <stdexcept>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace mockgc::e2e {

using nlohmann::json;
using core::journal::JournalEntry;

json shipped_scenario(const std::string& name) {
  const std::string file = std::string(MOCKGC_SCENARIOS_DIR) + "/" + name + ".json";
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file);
  return json::parse(in);
}

json calm_scenario(const std::string& world_from, const std::string& start) {
  const json shipped = shipped_scenario(world_from);
  return {{"name", world_from + "-calm"},
          {"seed", shipped.at("seed")},
          {"world", shipped.at("world")},
          {"clock", {{"mode", "virtual"}, {"start", start}}}};
}

bool is_neighbour(const core::journal::JournalEntry& e) { return e.query.find("neighbour=1") != std::string::npos; }

bool is_token_request(const core::journal::JournalEntry& e) { return e.path == "/oauth/token"; }

std::map<std::string, int> token_requests(const std::vector<core::journal::JournalEntry>& journal) {
  std::map<std::string, int> out;
  for (const auto& e : journal)
    if (is_token_request(e)) ++out[e.region];
  return out;
}

std::map<std::string, std::vector<core::journal::JournalEntry>> workflow_requests(
    const std::vector<core::journal::JournalEntry>& journal) {
  std::map<std::string, std::vector<core::journal::JournalEntry>> out;
  for (const auto& e : journal)
    if (e.path.rfind("/api/v2/", 0) == 0 && !is_neighbour(e)) out[e.region].push_back(e);
  return out;
}

int max_per_minute(const std::vector<core::journal::JournalEntry>& entries) {
  int best = 0;
  std::size_t first = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    while (entries[first].time + std::chrono::seconds(60) <= entries[i].time) ++first;
    best = std::max(best, static_cast<int>(i - first + 1));
  }
  return best;
}

json with_latency(json scenario, int ms) {
  return with_fault(std::move(scenario), {{"id", "every-request-takes-time"},
                                          {"type", "latency"},
                                          {"distribution", "fixed"},
                                          {"ms", ms}});
}

json with_fault(json scenario, json fault) {
  if (!scenario.contains("faults")) scenario["faults"] = json::array();
  scenario["faults"].push_back(std::move(fault));
  return scenario;
}

std::string offset_of_request(const LoopbackWorld& world, const std::vector<JournalEntry>& journal,
                              const std::string& region, int index) {
  const auto per_region = workflow_requests(journal);
  const auto& mine = per_region.at(region);
  const auto i = index >= 0 ? static_cast<std::size_t>(index) : mine.size() - static_cast<std::size_t>(-index);
  const auto ms = (mine.at(i).time - world.start()).count();
  return fmt::format("PT{}.{:03}S", ms / 1000, ms % 1000);
}

json with_token_revoked_mid_run(json scenario, const LoopbackWorld& calm) {
  const auto journal = calm.journal();
  for (const auto& [region, entries] : workflow_requests(journal))
    scenario = with_fault(scenario, {{"type", "token"},
                                     {"action", "revoke_at"},
                                     {"region", region},
                                     {"at", offset_of_request(calm, journal, region, static_cast<int>(entries.size() / 2))}});
  return scenario;
}

void expect_one_relogin_per_org(LoopbackWorld& world) {
  const auto logins = token_requests(world.journal());
  EXPECT_EQ(logins.size(), world.orgs().size());
  for (const auto& [region, n] : logins) EXPECT_EQ(n, 2) << region;
  for (std::size_t i = 0; i < world.orgs().size(); ++i) EXPECT_EQ(world.orgs().at(i).stats().relogins_on_401, 1u);
}

std::vector<JournalEntry> requests_matching(const std::vector<JournalEntry>& journal, const std::string& region,
                                            const std::string& needle) {
  // The map must outlive the loop: a range-for over `workflow_requests(journal)[region]` would iterate a
  // vector owned by a temporary map that is gone before the first iteration.
  auto per_region = workflow_requests(journal);
  std::vector<JournalEntry> out;
  for (const auto& e : per_region[region])
    if (e.path.find(needle) != std::string::npos) out.push_back(e);
  return out;
}

void expect_polite_under_storm(LoopbackWorld& world, int budget) {
  const auto journal = world.journal();
  // Retry-After values as the client received them, per region, in order.
  std::map<std::string, std::vector<long long>> retry_after;
  for (const auto& x : world.transport().exchanges())
    if (x.status == 429) retry_after[world.region_of_host(x.authority())].push_back(x.retry_after.value_or(-1));
  for (const auto& [region, entries] : workflow_requests(journal)) {
    SCOPED_TRACE(region);
    std::size_t seen_429 = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].status != 429) continue;
      ASSERT_LT(seen_429, retry_after[region].size()) << "a 429 the client never saw";
      const long long ra = retry_after[region][seen_429++];
      EXPECT_GE(ra, 1);
      for (std::size_t j = i + 1; j < entries.size(); ++j)
        if (entries[j].client_id == entries[i].client_id) {
          EXPECT_GE(entries[j].time, entries[i].time + std::chrono::seconds(ra))
              << entries[j].method << " " << entries[j].path << " came before Retry-After " << ra << " s elapsed";
          break;
        }
    }
    EXPECT_GE(seen_429, 1u) << "the storm never reached this region's workflow";
    EXPECT_EQ(seen_429, retry_after[region].size());
    EXPECT_LE(max_per_minute(entries), budget);
    std::vector<JournalEntry> allowed;
    for (const auto& e : journal)
      if (e.region == region && e.path.rfind("/api/v2/", 0) == 0 && e.status != 429) allowed.push_back(e);
    EXPECT_LE(max_per_minute(allowed), budget);
  }
}

}  // namespace mockgc::e2e
