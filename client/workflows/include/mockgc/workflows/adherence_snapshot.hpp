#pragma once
// Global adherence snapshot across orgs.
//
// Per org: GET …/managementunits → for each MU GET …/managementunits/{mu}/adherence (a {downloadUrl} is
// followed) → GET /api/v2/users?id=… (≤ 100 ids per call, state=any) for the e-mail addresses.
// Counting rules (documented choices):
//   - agents = adherence records of the org; per-state and per-impact counts add up to agents.
//   - "scheduled" = scheduledActivityCategory present and not "Unscheduled"; % in adherence =
//     InAdherence among scheduled agents / scheduled agents (an unscheduled, offline agent is not late
//     for anything, so it neither helps nor hurts the percentage). No scheduled agent → no percentage.
//   - Person key = lower-cased e-mail (bi-regional people share name + e-mail across orgs); a user whose
//     e-mail cannot be read is keyed "<org>/<userId>" (never merged).
//   - A person reported by several orgs is counted once globally, with the record of the org where
//     they are scheduled; if none/several are scheduled, the one not "Unscheduled"; then the first org
//     of ORGS.json. global.agents = Σ org agents − duplicates.
//   - Outlier = OutOfAdherence with Negative impact for ≥ outlier_minutes since timeOfAdherenceChange,
//     measured at the snapshot time (the Clock, read once after every org answered). Outliers are
//     listed after the merge (a person appears once).
//   - Staleness of an org = snapshot time − the time its last adherence answer arrived.
//   - An org whose MU listing fails ends missing; an org with some MUs unreadable ends partial.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/client/org_clients.hpp"
#include "mockgc/workflows/region_status.hpp"

namespace mockgc::workflows {

struct AdherenceOptions {
  int outlier_minutes = 10;
  std::function<void(std::size_t done, std::size_t total, std::string_view what)> progress;
};

struct AgentAdherence {
  std::string org;
  std::string region;
  std::string user_id;
  std::string name;
  std::string person_key;  // lower-cased e-mail, or "<org>/<userId>"
  std::string management_unit_id;
  std::string adherence_state;       // InAdherence | OutOfAdherence | Unscheduled | Unknown | Ignored
  std::string impact;                // Positive | Negative | Neutral | Unknown
  std::string scheduled_category;    // "Unscheduled" when absent
  std::optional<client::Instant> time_of_adherence_change;
  bool scheduled() const { return scheduled_category != "Unscheduled"; }
};

struct AdherenceCounts {
  int agents = 0;
  int scheduled = 0;
  int in_adherence_scheduled = 0;
  std::map<std::string, int> states;
  std::map<std::string, int> impacts;
  std::optional<double> percent_in_adherence() const;  // over scheduled agents
  void add(const AgentAdherence& a);
};

struct OrgAdherence {
  std::string org;
  std::string region;
  RegionStatus status;
  int management_units = 0;
  std::vector<std::string> management_unit_ids;  // as listed
  AdherenceCounts counts;
  std::optional<client::Instant> answered_at;  // last adherence answer
  std::optional<client::Millis> staleness;     // snapshot time − answered_at
  std::vector<AgentAdherence> agents;          // sorted by user id
};

struct AdherenceOutlier {
  std::string person_key;
  std::string name;
  std::string org;
  std::string user_id;
  long long minutes = 0;  // whole minutes out of adherence (negative impact) at the snapshot time
};

struct AdherenceSnapshot {
  client::Instant taken_at{};
  int outlier_minutes = 10;
  std::vector<OrgAdherence> orgs;   // every org of OrgClients, in its order
  AdherenceCounts global;           // one record per person
  int people = 0;                   // == global.agents
  int multi_region_people = 0;      // people reported by more than one org
  int duplicates = 0;               // Σ org agents − people
  std::vector<AdherenceOutlier> outliers;  // longest first, then person key
  bool any_missing() const;
};

// One adherence record, REST model (…/adherence, timeOfAdherenceChange) or topic model (the adherence topics'
// eventBody: user{id}, managementUnitId, adherenceChangeTime). `mu_id` empty: the record's managementUnitId.
// nullopt without a user id. org, region and person_key are left for the caller.
std::optional<AgentAdherence> parse_adherence_record(const nlohmann::json& record, const std::string& mu_id = {});

// Reads one org (used by the snapshot and by the poller).
OrgAdherence read_org_adherence(client::OrgClient& org);
// Merges org readings taken earlier into a snapshot at `taken_at`.
AdherenceSnapshot merge_adherence(std::vector<OrgAdherence> orgs, client::Instant taken_at, int outlier_minutes);
// Reads every org, then merges at the Clock's time.
AdherenceSnapshot take_adherence_snapshot(client::OrgClients& orgs, const AdherenceOptions& options);

// Polling: `rounds` rounds; within a round org i is read at orgs.poll_schedule(period).poll_time(start, i, k)
// (per-org offsets + jitter, never in lock-step). A failed read keeps the org's previous data (its status
// becomes partial "stale data" and its staleness grows) when there is one. `on_round` gets each snapshot.
void poll_adherence(client::OrgClients& orgs, const AdherenceOptions& options, int rounds, client::Millis period,
                    const std::function<void(int round, const AdherenceSnapshot&)>& on_round);

// Deterministic JSON (times as ISO-8601 from the injected Clock).
nlohmann::json to_json(const AdherenceSnapshot& s);

}  // namespace mockgc::workflows
