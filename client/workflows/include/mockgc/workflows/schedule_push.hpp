#pragma once
// Schedule push (Pattern C: a central WFM plan pushed into every org through the WFM schedule import API).
//
// The plan (JSON, client/workflows/README.md "Schedule push plan") names per target an org (its ORGS.json name
// or region key), a business unit (name or id), a week (the BU's week start, yyyy-MM-dd) and agents by e-mail
// with shifts whose activities name activity codes by NAME. Nothing org-specific is in the plan: at execution
// time each target is resolved in its own org (BU listing, /api/v2/users by e-mail, the BU's activity codes by
// activity_code_name_key), because one org's ids mean nothing in another.
//
// Per target: plan (resolve; read the week's schedules) → apply → report.
//   - Any unknown e-mail or activity-code name → `rejected`, every reason listed (naming the e-mail or the
//     code name), nothing written to that org; other targets go on.
//   - The schedule this tool made is the week's schedule whose description is the plan's description. None:
//     import it (weekCount 1, published with --publish). One: read it back (metadata → each MU's agent
//     query); equal to the plan (same users, shifts, activities in that org's ids; published when --publish)
//     → `unchanged`, nothing written; else update it (UpdateScheduleUploadSchema on its metadata.version:
//     each planned agent's old shifts deleted and the planned ones added, agents no longer planned deleted,
//     published: true with --publish).
//   - Completion: a notification channel on v2.workforcemanagement.businessunits.{buId}.schedules is
//     subscribed BEFORE the import/update call; Complete → `imported`, Error → `rejected` with the server's
//     reason. No completion within `notify_wait` (or no channel) → the week's schedule list is polled until the
//     schedule appears at a new version (`imported`, completed_by "polling"), else `missing`.
//   - A read or write that fails (transport, 5xx, maintenance) → `missing` with the reason: never a success.
//   - --dry-run: resolves and reads, then reports what it would do (action import/update/none) without writing.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/client/clock.hpp"
#include "mockgc/client/org_clients.hpp"
#include "mockgc/client/websocket.hpp"
#include "mockgc/workflows/activity_code_sync.hpp"  // ProgressFn

namespace mockgc::workflows {

struct PlannedActivity {
  client::Instant start{};
  int minutes = 0;
  std::string code;  // activity-code name
};
struct PlannedShift {
  client::Instant start{};
  int minutes = 0;
  std::vector<PlannedActivity> activities;
};
struct PlannedAgent {
  std::string email;
  std::vector<PlannedShift> shifts;
};
struct PlanTarget {
  std::string org;            // ORGS.json name or region key
  std::string business_unit;  // name or id
  std::string week;           // yyyy-MM-dd
  std::vector<PlannedAgent> agents;
};
struct SchedulePlan {
  std::string description = "gc-hub schedules push";
  std::vector<PlanTarget> targets;
};

// Reads a plan; the first problem (naming where it is) as the error.
std::optional<std::string> parse_schedule_plan(const nlohmann::json& j, SchedulePlan& out);
nlohmann::json to_json(const SchedulePlan& plan);

struct SchedulePushOptions {
  bool publish = false;
  bool dry_run = false;
  client::Millis notify_wait{30'000};   // how long a completion notification is waited for
  client::Millis poll_interval{2'000};  // then the week's list is read this often …
  client::Millis poll_for{60'000};      // … for this long
  ProgressFn progress;
};

enum class PushOutcome { imported, unchanged, rejected, missing };
std::string_view to_string(PushOutcome o);

struct PushTargetReport {
  std::string org, region, business_unit, business_unit_id, week;
  PushOutcome outcome = PushOutcome::missing;
  std::vector<std::string> reasons;  // rejected / missing: why (each unknown e-mail, each missing code name …)
  std::string action;                // import | update | none (dry-run: what would be done)
  std::string schedule_id, operation_id;
  std::string completed_by;          // notification | polling (after a write)
  int agents = 0, shifts = 0;        // planned
};

struct SchedulePushReport {
  bool dry_run = false, publish = false;
  std::vector<PushTargetReport> targets;  // plan order
  bool any_missing() const;
  bool any_rejected() const;
};

// `sockets`: how notification channels connect (nullptr: no channel, completion by polling only).
SchedulePushReport push_schedules(client::OrgClients& orgs, client::WebSocketConnector* sockets,
                                  const SchedulePlan& plan, const SchedulePushOptions& options);

// Deterministic JSON (no times).
nlohmann::json to_json(const SchedulePushReport& report);

}  // namespace mockgc::workflows
