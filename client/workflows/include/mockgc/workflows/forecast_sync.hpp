#pragma once
// Forecast sync with an import-file fallback: push a short-term forecast for one BU
// week into every org through the real import flow, and when the import API is in a maintenance window
// write the import file to disk with a runbook line, then retry later on the client clock.
//
// Per org, per business unit (all BUs, or only --business-unit NAME):
//   1. GET …/businessunits/{bu}?expand=settings → timeZone, startDayOfWeek. The target week is the BU's
//      week containing `week` (a local calendar date; default: the week after the one containing the
//      clock's local today), starting on startDayOfWeek at local midnight (date/tz, DST-correct).
//      referenceStartDate = that instant; the forecast holds 672 fixed 15-minute intervals from it (the
//      mock's documented choice for DST weeks, genesys-api.md §8.4).
//   2. GET …/businessunits/{bu}/planninggroups → planning group → route-path queues.
//   3. The forecast, derived from the org's own history via the volume aggregation (aggregate_volume,
//      15-minute, history_weeks + 1 weeks up to the clock's now, or up to 8 days after an explicit past
//      `week`): a seasonal-naive mean. For target
//      interval i (local wall time L of referenceStartDate + i·15 min) offered = mean over the
//      `history_weeks` most recent past weeks of the offered count at local time L − k weeks (k = 1, 2, …,
//      converted with date/tz, so the same local hour is used across a DST change; a source instant must
//      lie before now). AHT = Σ handle ms / Σ handled over the same source intervals (weighted, not a mean
//      of means); with nothing handled there, the queue's window AHT; with none at all, 0. A planning
//      group with several queues sums offered and weights AHT by handled. Values rounded to 1e-3.
//   4. Import (§6f): one notification channel per org (client::CompletionChannel, reused by every attempt)
//      is subscribed to v2.workforcemanagement.businessunits.{bu}.shorttermforecasts.import of the org's BUs
//      BEFORE the first import; then POST …/import/uploadurl {contentLengthBytes} → PUT gzip JSON to url with
//      its headers → POST …/import {uploadKey} → {status: Processing, operationId}. The completion event with
//      that operationId decides: Complete → imported (the forecast id from its result), Error → `rejected`
//      with the event's reason. When no event comes within `completion.wait` (no connector, the channel
//      unusable, the event lost), the week's forecast list is polled on the client clock instead
//      (GET …/weeks/{week}/shorttermforecasts until an entity with creationMethod Import and our
//      description appears; the description carries a digest of the content, so it names this upload);
//      never listed → `missing` (an Error cannot be told apart without the event). mock-gc's mock-only
//      /mockgc/downloads/{operationId} is never asked.
//   5. A 503/504 or a transport error on any import step (after the client's own retries) means "not now"
//      (genesys-api.md §3: 503 service.unavailable = overloaded or down for maintenance): the exact upload
//      bytes are written to output_dir/<region>_<buId>_<week>.json.gz and a runbook line (the API calls to
//      import it by hand, or the gc-hub command to re-run) is recorded and written to RUNBOOK.txt. Then the
//      whole import is retried with exponential backoff (retry_initial, doubling, capped at retry_max) on
//      the client clock until `retry_for` after the first fallback (read on that clock then: a clock the
//      server's Date has moved reads the server's time by then). A retry that succeeds turns the unit
//      `imported` (with `fallback_file` kept, and RUNBOOK.txt saying not to import it by hand).
//   An import that completed Error → `rejected` with the reason; any other failure (4xx, Canceled job, no
//   BU, history unreadable, never listed) → `missing` with the reason.
// An org is as bad as its worst unit (missing > rejected > fallback_written > imported); an org without
// units is missing. `any_missing()` counts rejected too. Never dropped silently.
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/client/clock.hpp"
#include "mockgc/client/completion_channel.hpp"
#include "mockgc/client/org_clients.hpp"
#include "mockgc/workflows/activity_code_sync.hpp"  // ProgressFn
#include "mockgc/workflows/forecast_import_file.hpp"

namespace mockgc::workflows {

struct BusinessUnitForecast;

struct ForecastSyncOptions {
  std::optional<std::string> business_unit;      // default: every BU of each org
  std::optional<std::chrono::sys_days> week;     // a local date inside the target week; default: next week
  int history_weeks = 4;                         // N ≥ 1 past weeks averaged
  std::filesystem::path output_dir = "forecast-fallback";
  client::Millis retry_for{0};                   // keep retrying fallbacks this long after the first attempt
  client::Millis retry_initial{5 * 60'000};
  client::Millis retry_max{30 * 60'000};
  // Waiting for the imported forecast to be listed: the first look again after poll_first, each wait
  // doubling up to poll_interval (an import usually completes within seconds of its 202).
  client::Millis poll_first{1'000};
  client::Millis poll_interval{5'000};
  client::Millis poll_for{5 * 60'000};
  // Import completions by notification (step 4): null → only the forecast list is polled.
  client::WebSocketConnector* sockets = nullptr;
  client::CompletionOptions completion;
  std::string rerun_command;                     // shown in the runbook ("gc-hub forecast --orgs …")
  ProgressFn progress;
  // Called once per unit when its fallback file is first written (the CLI prints the runbook line at
  // once, before any long wait for the retry).
  std::function<void(const std::string& region, const BusinessUnitForecast&)> on_fallback;
};

enum class ForecastOutcome { imported, fallback_written, rejected, missing };
std::string_view to_string(ForecastOutcome o);

struct BusinessUnitForecast {
  std::string business_unit, business_unit_id, time_zone, start_day_of_week;
  std::string week;                        // weekDateId, local "YYYY-MM-DD"
  client::Instant reference_start{};       // referenceStartDate (UTC)
  ForecastOutcome outcome = ForecastOutcome::missing;
  std::string why;                         // fallback_written / missing: the cause; imported: empty
  ForecastImportBody body;                 // what was (or is to be) pushed; empty when missing early
  double offered_total = 0;
  int attempts = 0;                        // import attempts made
  // imported
  std::string forecast_id, operation_id, job_status;  // job_status: the import answer, then "Complete"
  // fallback (kept after a successful retry)
  std::optional<std::filesystem::path> fallback_file;
  std::string runbook;                     // one line
  std::optional<client::Instant> next_retry;  // fallback_written: when the next retry would be (none: gave up)
};

struct OrgForecast {
  std::string org, region;
  ForecastOutcome outcome = ForecastOutcome::missing;
  std::string why;                          // missing at org level (no BU, history unreadable, …)
  std::string history_note;                 // e.g. a partial history read
  std::vector<BusinessUnitForecast> units;
};

struct ForecastSyncReport {
  client::Instant started{}, finished{};
  int history_weeks = 0;
  std::vector<OrgForecast> orgs;            // every org of OrgClients, in order
  std::optional<std::filesystem::path> runbook_file;  // RUNBOOK.txt when any fallback was written
  bool any_missing() const;
  bool any_fallback_pending() const;
};

ForecastSyncReport sync_forecasts(client::OrgClients& orgs, const ForecastSyncOptions& options);

// The seasonal-naive mean for one queue (step 3 above), exposed for tests: `history_*` start at
// `history_start` (15-minute steps, UTC); only whole intervals inside the series are used as sources.
struct QueueForecast {
  std::vector<double> offered, aht_seconds;
  std::vector<double> handled, handle_ms;  // the sums behind the AHT (for weighting across queues)
};
QueueForecast seasonal_naive_forecast(client::Instant reference_start, const std::string& time_zone,
                                      int history_weeks, client::Instant history_start,
                                      const std::vector<std::uint64_t>& offered,
                                      const std::vector<std::uint64_t>& handled,
                                      const std::vector<std::uint64_t>& handle_ms);

// Deterministic JSON: per org outcome and per unit week, outcome, ids, files, runbook, next retry.
nlohmann::json to_json(const ForecastSyncReport& report);

}  // namespace mockgc::workflows
