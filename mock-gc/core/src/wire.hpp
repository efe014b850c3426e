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
// {id, selfUri} of a user or of the org's OAuth client (the writer of a client-credentials request).
json actor_ref(const Actor& a);
json metadata(const WfmMetadata& m);

json user(const OrgWorld& org, const User& u);
// The org as tokens/me and organizations/me name it; its selfUri is /api/v2/organizations/me (the only
// organization read the API has).
json organization_ref(const OrgWorld& org);
json organization(const OrgWorld& org);
// AuthzDivision; `object_counts` adds {"objectCounts": {type: n}} (every generated entity is in the home division).
json authz_division(const OrgWorld& org, const Division& d, bool object_counts);
json routing_skill(const OrgWorld& org, const RoutingSkill& s);
json routing_language(const RoutingLanguage& l);
// UserRoutingSkill: no selfUri, because the API has no read of a single user skill; skillUri resolves.
json user_routing_skill(const OrgWorld& org, const HeldSkill& held);
// QueueMember: no selfUri (the API has no read of a single member); the embedded user's selfUri resolves.
json queue_member(const OrgWorld& org, const User& u, bool joined);
json team(const OrgWorld& org, const Team& t, std::size_t member_count);
json user_ref_with_name(const User& u);
json queue(const OrgWorld& org, const Queue& q);
json business_unit_item(const OrgWorld& org, const BusinessUnit& bu);
// `expand` holds "settings" or "settings.<field>" entries (already validated).
json business_unit(const OrgWorld& org, const BusinessUnit& bu, const std::set<std::string>& expand);
json management_unit(const OrgWorld& org, const ManagementUnit& mu, const std::set<std::string>& expand);
json activity_code(const ActivityCode& c, const std::string& bu_id);
// The deprecated MU-level shape: isActive/isDefault instead of active/defaultCode.
json legacy_activity_code(const ActivityCode& c, const std::string& bu_id);

}  // namespace mockgc::core::wire
