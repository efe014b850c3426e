#pragma once
// The reads behind the workforce overview, one business unit or management unit at a time. Each returns the
// figures it read or the reason it could not (the caller records it in the region's part coverage).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/client/org_client.hpp"
#include "mockgc/client/result.hpp"
#include "mockgc/workflows/workforce_overview.hpp"

namespace mockgc::workflows::overview {

template <class T>
struct Read {
  std::optional<T> value;
  std::string why;  // set when value is empty
};

struct BusinessUnitSchedule {
  std::vector<std::string> agent_ids;  // as listed
  ScheduleFigures figures;
};

// GET …/activitycodes, then POST …/agentschedules/search over [week start, week end): shifts that start in
// the week, full-day markers of the week's dates.
Read<BusinessUnitSchedule> read_schedule(client::OrgClient& c, const BusinessUnitOverview& bu);

// POST /api/v2/analytics/users/aggregates/query over the actuals, summed over `agents`. `asked` holds the
// org's answers by interval: BUs with the same actuals (same zone and week start) share one query.
Read<OccupancyFigures> read_occupancy(client::OrgClient& c, const BusinessUnitOverview& bu,
                                      const std::set<std::string>& agents,
                                      std::map<std::string, Read<nlohmann::json>>& asked);

// One historical adherence query of a management unit: its job, or why it could not be started or finished.
struct AdherenceJob {
  std::string mu_id;
  std::string path;      // GET …/adherence/historical/jobs/{id}
  nlohmann::json state;  // the last answer: {id, queryState, downloadUrls}
  std::string why;
};
// POST …/managementunits/{mu}/historicaladherencequery with exceptions over the BU's actuals, in ≤ 7-day chunks.
std::vector<AdherenceJob> start_adherence(client::OrgClient& c, const std::string& mu_id,
                                          const BusinessUnitOverview& bu);
// Polls every unfinished job in one loop (poll_first doubling to poll_max, for at most poll_for), then reads
// their files: per MU the summed figures, or the first failure of any of its chunks.
std::map<std::string, Read<AdherenceFigures>> finish_adherence(client::OrgClient& c, std::vector<AdherenceJob>& jobs,
                                                               const OverviewOptions& options);

}  // namespace mockgc::workflows::overview
