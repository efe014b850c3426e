#pragma once
// Ground truth for the volume workflow, read straight from the server by another route: one conversation
// aggregates query over [from, to) without granularity, grouped by queue.
#include <array>
#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "mockgc/client/json_calls.hpp"
#include "mockgc/client/org_client.hpp"
#include "mockgc/workflows/volume_aggregation.hpp"

namespace mockgc::testing {

// Per queue id: {offered, handled, handle ms}.
using QueueTotals = std::map<std::string, std::array<std::uint64_t, 3>>;

inline client::Result<QueueTotals> server_queue_totals(client::OrgClient& c, client::Instant from, client::Instant to) {
  const nlohmann::json q = {{"interval", workflows::interval_text({from, to})},
                            {"groupBy", {"queueId"}},
                            {"metrics", {"nOffered", "tHandle"}}};
  auto r = client::send_json(c, "POST", "/api/v2/analytics/conversations/aggregates/query", q);
  if (!r) return r.error();
  QueueTotals truth;
  for (const auto& g : r->value("results", nlohmann::json::array()))
    for (const auto& d : g["data"])
      for (const auto& m : d["metrics"]) {
        auto& t = truth[g["group"]["queueId"].get<std::string>()];
        if (m["metric"] == "nOffered") t[0] += m["stats"]["count"].get<std::uint64_t>();
        if (m["metric"] == "tHandle") {
          t[1] += m["stats"]["count"].get<std::uint64_t>();
          t[2] += static_cast<std::uint64_t>(m["stats"]["sum"].get<double>());
        }
      }
  return truth;
}

}  // namespace mockgc::testing
