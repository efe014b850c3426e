#pragma once
// Typed views of the WFM entities the workflows read (genesys-api.md §6b, §6g), parsed leniently: fields
// a workflow does not need are ignored, fields it needs are checked and a bad entity is skipped with a
// reason instead of aborting the whole region.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace mockgc::workflows {

struct BusinessUnit {
  std::string id;
  std::string name;
};

// BusinessUnitListing {entities: [{id, name, …}]}; entities without a string id and name are dropped.
std::vector<BusinessUnit> parse_business_units(const nlohmann::json& listing);

// The activity-code fields that describe *behaviour* and are copied between orgs. Deliberately absent:
// id, metadata, selfUri (org-specific), category (a change there is a conflict, never an update) and
// secondaryPresences / planningGroups (they hold ids of the org's own presences and planning groups,
// which mean nothing in another org). `style` is compared and copied as a whole object.
inline constexpr std::string_view kSyncedActivityCodeFields[] = {
    "lengthInMinutes", "countsAsPaidTime",      "countsAsWorkTime", "agentTimeOffSelectable",
    "countsTowardShrinkage", "plannedShrinkage", "interruptible",   "style"};

struct ActivityCode {
  std::string id;
  std::string name;
  std::string category;
  bool default_code = false;
  std::optional<long long> version;  // metadata.version; PATCH needs it
  nlohmann::json attributes = nlohmann::json::object();  // only kSyncedActivityCodeFields, as received
};

// One BusinessUnitActivityCode; nullopt when id, name or category is missing or mistyped.
std::optional<ActivityCode> parse_activity_code(const nlohmann::json& entity);
// {entities: [...]}: every parsable code; `skipped` counts the unparsable ones.
std::vector<ActivityCode> parse_activity_codes(const nlohmann::json& listing, int* skipped = nullptr);

// The name rule of the sync: trim, collapse every run of ASCII whitespace to one space, fold ASCII
// letters to lower case. "  Team   Huddle " and "team huddle" are the same code. Non-ASCII letters are
// compared as bytes (mock-gc's duplicate check is ASCII-case-insensitive after trimming; Genesys does
// not document its rule), so "Pause É" and "pause é" are different names.
std::string activity_code_name_key(std::string_view name);

}  // namespace mockgc::workflows
