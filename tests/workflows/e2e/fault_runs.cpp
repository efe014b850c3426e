#include "support/fault_runs.hpp"

#include <map>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace mockgc::e2e {

using nlohmann::json;
using core::journal::JournalEntry;

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
    if (x.status == 429) retry_after[world.region_of_host(x.host)].push_back(x.retry_after_s.value_or(-1));
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
