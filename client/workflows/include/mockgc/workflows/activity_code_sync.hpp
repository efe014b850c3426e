#pragma once
// Activity-code sync across orgs: plan, then apply.
//
// Source of truth: ONE org (SyncOptions::source_region, the CLI's --source REGION). Its custom codes are
// the wanted set; every other org is a target. Per target org:
//   - names are matched by activity_code_name_key (trim, collapse inner whitespace, ASCII case-fold);
//     a matched code keeps its own display name (no renames);
//   - default codes are never synced: the source's defaults are skipped, and a source code whose name
//     matches a target's default code is a conflict;
//   - missing → create (name, category, synced attributes) through create_if_missing, so a lost create
//     answer never duplicates;
//   - same name, same category, drifted attributes → PATCH of just the drifted fields with the target's
//     own metadata.version; a 409 re-reads that code and re-plans it once;
//   - same name, different category → conflict, reported, never overwritten;
//   - codes only a target has are left alone (sync adds and aligns; it never deletes).
// Nothing org-specific crosses orgs: bodies sent to a target are built from the source's name, category
// and kSyncedActivityCodeFields only, and paths use the target's own business-unit and code ids.
// Business unit: the one named SyncOptions::business_unit in each org, or, without a name, the org's only
// business unit (an org with several and no name chosen ends `missing`, it is never guessed).
// Idempotent: after a successful apply, plan_sync plans nothing.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/client/org_clients.hpp"
#include "mockgc/workflows/region_status.hpp"
#include "mockgc/workflows/wfm_models.hpp"

namespace mockgc::workflows {

// Called after each org is read or each item is applied: (done, total, what). On the calling thread.
using ProgressFn = std::function<void(std::size_t done, std::size_t total, std::string_view what)>;

struct SyncOptions {
  std::string source_region;                 // region key of the source org ("eu_central_1")
  std::optional<std::string> business_unit;  // BU name, the same in every org; default: each org's only BU
  ProgressFn progress;
};

enum class SyncAction { create, update, conflict };
std::string_view to_string(SyncAction a);

struct SyncItem {
  SyncAction action = SyncAction::create;
  std::string name;          // the source's display name
  std::string key;           // activity_code_name_key(name)
  std::string category;      // the source's category
  nlohmann::json desired = nlohmann::json::object();  // the source's synced attributes
  // update / conflict: the matched target code (ids are the target's own)
  std::string target_id;
  std::optional<long long> target_version;
  std::string target_category;
  std::vector<std::string> drifted;  // update: fields whose value differs
  std::string why;                   // conflict: the reason
};

struct OrgSyncPlan {
  std::string org;
  std::string region;
  bool is_source = false;
  std::string business_unit_id;
  RegionStatus status;             // missing when the org could not be read (nothing will be applied)
  std::vector<SyncItem> items;     // creates, updates and conflicts, in source-name order
  int unchanged = 0;               // matched codes already equal to the source
};

struct SyncPlan {
  std::string source_org;
  std::vector<OrgSyncPlan> orgs;   // every org of OrgClients, in its order
  // True when there is nothing to create or update anywhere (conflicts do not count: they are reported).
  bool nothing_to_write() const;
};

struct OrgSyncReport {
  std::string org;
  std::string region;
  bool is_source = false;
  RegionStatus status;
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  int conflicts = 0;
  int errors = 0;
  std::vector<std::string> notes;  // one line per conflict and error, deterministic order
};

struct SyncReport {
  bool dry_run = false;
  std::string source_org;
  std::vector<OrgSyncReport> orgs;
  bool any_missing() const;
};

// Reads every org (logins, BU listing, code listing). Never writes.
SyncPlan plan_sync(client::OrgClients& orgs, const SyncOptions& options);
// Applies a plan made by plan_sync against the same OrgClients.
SyncReport apply_sync(client::OrgClients& orgs, const SyncPlan& plan, const SyncOptions& options);
// What apply_sync would report, without sending anything (dry-run): creates and updates counted as planned.
SyncReport report_for_dry_run(const SyncPlan& plan);

// Deterministic JSON (no times, no ids of one org in another's entry beyond the target's own).
nlohmann::json to_json(const SyncPlan& plan);
nlohmann::json to_json(const SyncReport& report);

}  // namespace mockgc::workflows
