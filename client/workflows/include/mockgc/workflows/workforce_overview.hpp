#pragma once
// The planning director's consolidated view of one week: per region and globally, headcount (a person in
// several orgs counted once globally), scheduled paid hours, shrinkage by cause, occupancy and adherence,
// each with how complete the region's data is. The figures and the reads behind them are defined in
// client/workflows/README.md ("Workforce overview"); in short, per business unit of each org:
//   - the week: the BU week containing `week` (a local date) or the clock's local today, from the BU's start
//     day at local midnight (week_containing); actuals run from its start to min(week end, now), both on
//     15-minute boundaries;
//   - schedule: GET …/activitycodes (category of each code) and POST …/agentschedules/search over the week:
//     headcount = agents listed, paid minutes and shrinkage minutes by the activity code's category;
//   - occupancy: POST /api/v2/analytics/users/aggregates/query (tAgentRoutingStatus, tHandle by userId)
//     over the actuals, summed over the BU's agents: Σ tHandle / Σ on-queue routing time;
//   - adherence: per MU POST …/historicaladherencequery with exceptions over the actuals (≤ 7-day chunks),
//     the job polled, its files downloaded: scheduled and in-adherence seconds, absence = exceptions offline
//     while scheduled for queue or off-queue work.
// A region whose BU listing fails, or whose every BU schedule fails, is missing: no figure, never zeros.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "mockgc/client/org_clients.hpp"
#include "mockgc/workflows/region_status.hpp"
#include "mockgc/workflows/timeoff_week.hpp"

namespace mockgc::workflows {

struct OverviewOptions {
  std::optional<std::chrono::sys_days> week;  // a local date inside the wanted week; nullopt = current week
  client::Millis poll_first{1000};            // first wait for a historical adherence job, doubling …
  client::Millis poll_max{8000};              // … up to this …
  client::Millis poll_for{120'000};           // … for at most this long
  std::function<void(std::size_t done, std::size_t total, std::string_view what)> progress;  // per org read
};

// Minutes of one shrinkage cause in the schedule: paid ones count as shrinkage, unpaid ones are shown apart.
struct CauseMinutes {
  long long paid = 0, unpaid = 0;
  void add(const CauseMinutes& o) { paid += o.paid, unpaid += o.unpaid; }
};

struct ScheduleFigures {
  long long paid_minutes = 0;  // paid activities of the week's shifts + paid full-day time off
  CauseMinutes time_off, breaks_meals, training_meetings;
  void add(const ScheduleFigures& o);
};

struct OccupancyFigures {
  std::uint64_t handle_ms = 0;    // Σ tHandle.sum
  std::uint64_t on_queue_ms = 0;  // Σ tAgentRoutingStatus over every routing status but OFF_QUEUE
  std::optional<double> percent() const;
  void add(const OccupancyFigures& o) { handle_ms += o.handle_ms, on_queue_ms += o.on_queue_ms; }
};

struct AdherenceFigures {
  double scheduled_s = 0;     // Σ dayMetrics.adherenceScheduleSecs
  double in_adherence_s = 0;  // Σ dayMetrics.adherencePercentage × adherenceScheduleSecs / 100
  double absence_s = 0;       // Σ exceptions with systemPresence Offline, scheduled OnQueueWork/OffQueueWork
  std::optional<double> percent() const;
  void add(const AdherenceFigures& o);
};

// How much of one part of a region's data was read: units (BUs, or MUs for adherence) read of those wanted.
struct PartCoverage {
  int read = 0, wanted = 0;
  std::string why;                  // the first failure
  RegionStatus::Kind kind() const;  // nothing wanted or all read: complete; none read: missing; else partial
  void fail(std::string reason);
};

struct OverviewFigures {
  int headcount = 0;                          // people: agents listed (per region), distinct person keys (global)
  std::optional<ScheduleFigures> schedule;    // nullopt: no schedule read
  std::optional<OccupancyFigures> occupancy;  // nullopt: not read, or the week has no elapsed time
  std::optional<AdherenceFigures> adherence;  // same
};

struct BusinessUnitOverview {
  std::string id, name;
  ManagementUnitWeek week;                         // management_unit_id empty
  client::Instant actuals_start{}, actuals_end{};  // actuals_end <= actuals_start: nothing elapsed yet
};

struct OrgOverview {
  std::string org, region;
  RegionStatus status;
  PartCoverage schedule, occupancy, adherence, emails;
  std::vector<BusinessUnitOverview> business_units;
  OverviewFigures figures;
  std::vector<std::string> people;  // person keys of the listed agents, sorted, unique
};

struct BiRegionalPerson {
  std::string person_key;
  std::vector<std::string> regions;  // ORGS.json order
};

struct WorkforceOverview {
  client::Instant taken_at{};
  std::vector<OrgOverview> orgs;              // every org of OrgClients, in its order
  OverviewFigures global;                     // sums over the regions that are not missing; headcount = distinct people
  int duplicates = 0;                         // Σ region headcount − global headcount
  std::vector<BiRegionalPerson> bi_regional;  // people listed by more than one region, by person key
  bool complete() const;                      // every region complete
  bool any_missing() const;                   // some region missing
};

OrgOverview read_org_overview(client::OrgClient& org, const OverviewOptions& options);
WorkforceOverview merge_overview(std::vector<OrgOverview> orgs, client::Instant taken_at);
WorkforceOverview read_workforce_overview(client::OrgClients& orgs, const OverviewOptions& options);

// Deterministic JSON: figures in hours / percent, null where unknown, each region's part coverage.
nlohmann::json to_json(const WorkforceOverview& o);

}  // namespace mockgc::workflows
