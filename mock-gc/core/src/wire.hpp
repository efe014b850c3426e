#pragma once
// World entities -> Genesys wire JSON (field names as in the SDK models, genesys-api.md §6).
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "mockgc/core/world.hpp"

namespace mockgc::core::wire {

using json = nlohmann::json;

std::string instant(Instant t);
json division(const OrgWorld& org);
json user_ref(const std::string& id);
json metadata(const WfmMetadata& m);

json user(const OrgWorld& org, const User& u);
json queue(const OrgWorld& org, const Queue& q);
json business_unit_item(const OrgWorld& org, const BusinessUnit& bu);
// `expand` holds "settings" or "settings.<field>" entries (already validated).
json business_unit(const OrgWorld& org, const BusinessUnit& bu, const std::set<std::string>& expand);
json management_unit(const OrgWorld& org, const ManagementUnit& mu, const std::set<std::string>& expand);
json activity_code(const ActivityCode& c, const std::string& bu_id);
// The deprecated MU-level shape: isActive/isDefault instead of active/defaultCode.
json legacy_activity_code(const ActivityCode& c, const std::string& mu_id);

}  // namespace mockgc::core::wire
