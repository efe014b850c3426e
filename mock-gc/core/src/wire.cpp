#include "wire.hpp"

#include <algorithm>
#include <cctype>

#include "mockgc/api/time.hpp"

namespace mockgc::core::wire {

std::string instant(Instant t) { return api::format_instant(t); }

json division(const OrgWorld& org) {
  return {{"id", org.division.id},
          {"name", org.division.name},
          {"selfUri", "/api/v2/authorization/divisions/" + org.division.id}};
}

json user_ref(const std::string& id) { return {{"id", id}, {"selfUri", "/api/v2/users/" + id}}; }

json actor_ref(const Actor& a) {
  if (a.kind == Actor::Kind::User) return user_ref(a.id);
  return {{"id", a.id}, {"selfUri", "/api/v2/oauth/clients/" + a.id}};
}

json metadata(const WfmMetadata& m) {
  json j{{"version", m.version}, {"dateCreated", instant(m.date_created)}, {"dateModified", instant(m.date_modified)}};
  if (!m.created_by.empty()) j["createdBy"] = actor_ref(m.created_by);
  if (!m.modified_by.empty()) j["modifiedBy"] = actor_ref(m.modified_by);
  return j;
}

json user(const OrgWorld& org, const User& u) {
  return {{"id", u.id},
          {"name", u.name},
          {"division", division(org)},
          {"chat", {{"jabberId", u.id + "@" + org.org_id + ".orgspan.com"}}},
          {"department", u.department},
          {"email", u.email},
          {"primaryContactInfo", json::array({{{"address", u.email}, {"mediaType", "EMAIL"}, {"type", "PRIMARY"}}})},
          {"addresses", json::array()},
          {"state", u.state},
          {"title", u.title},
          {"username", u.email},
          {"version", u.version},
          {"acdAutoAnswer", false},
          {"selfUri", "/api/v2/users/" + u.id}};
}

json organization_ref(const OrgWorld& org) {
  return {{"id", org.org_id}, {"name", org.org_name}, {"selfUri", "/api/v2/organizations/me"}};
}

json organization(const OrgWorld& org) {
  std::string domain;
  for (char c : org.org_name)
    if (std::isalnum(static_cast<unsigned char>(c))) domain.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return {{"id", org.org_id},
          {"name", org.org_name},
          {"defaultLanguage", "en-us"},
          {"defaultCountryCode", "US"},
          {"thirdPartyOrgName", domain},
          {"domain", domain},
          {"version", 1},
          {"state", "active"},
          {"voicemailEnabled", false},
          {"productPlatform", "PureCloud"},
          {"features", json::object()},
          {"selfUri", "/api/v2/organizations/me"}};
}

json authz_division(const OrgWorld& org, const Division& d, bool object_counts) {
  json j{{"id", d.id},
         {"name", d.name},
         {"description", d.description},
         {"homeDivision", d.home},
         {"selfUri", "/api/v2/authorization/divisions/" + d.id}};
  if (object_counts) {
    const auto n = [&](std::size_t count) { return d.home ? count : std::size_t{0}; };
    j["objectCounts"] = {{"businessUnit", n(org.business_units.size())},
                         {"managementUnit", n(org.management_units.size())},
                         {"queue", n(org.queues.size())},
                         {"team", n(org.teams.size())},
                         {"user", n(org.users.size())}};
  }
  return j;
}

json routing_skill(const OrgWorld& org, const RoutingSkill& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"division", division(org)},
          {"dateModified", instant(s.date_modified)},
          {"state", "active"},
          {"version", "1"},
          {"selfUri", "/api/v2/routing/skills/" + s.id}};
}

json routing_language(const RoutingLanguage& l) {
  return {{"id", l.id},
          {"name", l.name},
          {"dateModified", instant(l.date_modified)},
          {"state", "active"},
          {"version", "1"},
          {"selfUri", "/api/v2/routing/languages/" + l.id}};
}

json user_routing_skill(const OrgWorld& org, const HeldSkill& held) {
  const RoutingSkill& s = org.skills.at(held.skill);
  return {{"id", s.id},
          {"name", s.name},
          {"proficiency", held.proficiency},
          {"state", "active"},
          {"skillUri", "/api/v2/routing/skills/" + s.id}};
}

json queue_member(const OrgWorld& org, const User& u, bool joined) {
  return {{"id", u.id},
          {"name", u.name},
          {"user", user(org, u)},
          {"ringNumber", 1},
          {"joined", joined},
          {"memberBy", "user"}};
}

json team(const OrgWorld& org, const Team& t, std::size_t member_count) {
  return {{"id", t.id},
          {"name", t.name},
          {"division", division(org)},
          {"description", "Team of the management unit's agents"},
          {"dateCreated", instant(world_epoch())},
          {"dateModified", instant(world_epoch())},
          {"memberCount", member_count},
          {"selfUri", "/api/v2/teams/" + t.id}};
}

json user_ref_with_name(const User& u) { return {{"id", u.id}, {"name", u.name}, {"selfUri", "/api/v2/users/" + u.id}}; }

json queue(const OrgWorld& org, const Queue& q) {
  json media = json::object();
  for (const char* m : {"call", "callback", "chat", "email", "message"}) {
    const bool primary = q.media == m;
    media[m] = {{"alertingTimeoutSeconds", primary ? q.alerting_timeout_seconds : 30},
                {"serviceLevel",
                 {{"percentage", primary ? q.service_level_percentage : 0.8},
                  {"durationMs", primary ? q.service_level_duration_ms : 20000}}},
                {"enableAutoAnswer", false}};
  }
  return {{"id", q.id},
          {"name", q.name},
          {"division", division(org)},
          {"description", q.description},
          {"dateCreated", instant(q.date_created)},
          {"dateModified", instant(q.date_modified)},
          {"memberCount", q.member_count},
          {"userMemberCount", q.member_count},
          {"joinedMemberCount", q.joined_member_count},
          {"mediaSettings", std::move(media)},
          {"routingRules", json::array()},
          {"bullseye", {{"rings", json::array({{{"expansionTimeoutSeconds", 15}}})}}},
          {"acwSettings", {{"wrapupPrompt", "OPTIONAL"}, {"timeoutMs", q.acw_timeout_ms}}},
          {"skillEvaluationMethod", "ALL"},
          {"autoAnswerOnly", false},
          {"enableTranscription", false},
          {"enableAudioMonitoring", false},
          {"enableManualAssignment", false},
          {"scoringMethod", "TimestampAndPriority"},
          {"lastAgentRoutingMode", "Disabled"},
          {"selfUri", "/api/v2/routing/queues/" + q.id}};
}

json business_unit_item(const OrgWorld& org, const BusinessUnit& bu) {
  return {{"id", bu.id},
          {"name", bu.name},
          {"authorized", true},
          {"division", division(org)},
          {"selfUri", "/api/v2/workforcemanagement/businessunits/" + bu.id}};
}

json business_unit(const OrgWorld& org, const BusinessUnit& bu, const std::set<std::string>& expand) {
  json j{{"id", bu.id},
         {"name", bu.name},
         {"division", division(org)},
         {"selfUri", "/api/v2/workforcemanagement/businessunits/" + bu.id}};
  if (expand.empty()) return j;
  const bool all = expand.count("settings") > 0;
  auto want = [&](const char* field) { return all || expand.count(std::string("settings.") + field) > 0; };
  json s = json::object();
  if (want("startDayOfWeek")) s["startDayOfWeek"] = bu.start_day_of_week;
  if (want("timeZone")) s["timeZone"] = bu.time_zone;
  if (want("shortTermForecasting")) s["shortTermForecasting"] = {{"defaultHistoryWeeks", 8}};
  if (want("scheduling"))
    s["scheduling"] = {{"messageSeverities", json::array()},
                       {"syncTimeOffProperties", json::array({"PayableMinutes"})},
                       {"serviceGoalImpact",
                        {{"serviceLevel", {{"increaseByPercent", 10}, {"decreaseByPercent", 10}}},
                         {"averageSpeedOfAnswer", {{"increaseByPercent", 10}, {"decreaseByPercent", 10}}},
                         {"abandonRate", {{"increaseByPercent", 10}, {"decreaseByPercent", 10}}}}},
                       {"allowWorkPlanPerMinuteGranularity", false},
                       {"activityCodeSettings", json::object()}};
  if (all || expand.count("settings.notifications.scheduling"))
    s["notifications"] = {{"scheduling", {{"enabled", false}}}};
  if (want("learning")) s["learning"] = {{"enabled", false}};
  if (want("coaching")) s["coaching"] = {{"enabled", false}};
  s["metadata"] = metadata(bu.settings_metadata);
  j["settings"] = std::move(s);
  return j;
}

json management_unit(const OrgWorld& org, const ManagementUnit& mu, const std::set<std::string>& expand) {
  const BusinessUnit* bu = org.find_business_unit(mu.business_unit_id);
  json j{{"id", mu.id},
         {"name", mu.name},
         {"businessUnit", {{"id", mu.business_unit_id},
                           {"selfUri", "/api/v2/workforcemanagement/businessunits/" + mu.business_unit_id}}},
         {"startDayOfWeek", bu ? bu->start_day_of_week : "Sunday"},
         {"timeZone", bu ? bu->time_zone : "UTC"},
         {"division", division(org)},
         {"metadata", metadata(mu.metadata)},
         {"version", mu.metadata.version},
         {"dateModified", instant(mu.metadata.date_modified)},
         {"selfUri", "/api/v2/workforcemanagement/managementunits/" + mu.id}};
  if (expand.empty()) return j;
  const bool all = expand.count("settings") > 0;
  auto want = [&](const char* field) { return all || expand.count(std::string("settings.") + field) > 0; };
  json s = json::object();
  if (want("adherence"))
    s["adherence"] = {{"severeAlertThresholdMinutes", 10},
                      {"adherenceTargetPercent", 90},
                      {"adherenceExceptionThresholdSeconds", 300},
                      {"nonOnQueueActivitiesEquivalent", true},
                      {"trackOnQueueActivity", true},
                      {"ignoredActivityCategories", {{"values", json::array()}}}};
  if (want("shortTermForecasting")) s["shortTermForecasting"] = {{"defaultHistoryWeeks", 8}};
  if (want("timeOff"))
    s["timeOff"] = {{"submissionRangeEnforced", false}, {"submissionEarliestDaysFromNow", 0},
                    {"submissionLatestDaysFromNow", 365}};
  if (want("scheduling"))
    s["scheduling"] = {{"maxOccupancyPercentForDeferredWork", 100}, {"defaultShrinkagePercent", 20}};
  if (want("shiftTrading")) s["shiftTrading"] = {{"enabled", false}};
  s["metadata"] = metadata(mu.metadata);
  j["settings"] = std::move(s);
  return j;
}

namespace {
void common_code_fields(json& j, const ActivityCode& c) {
  j["name"] = c.name;
  j["category"] = std::string(to_string(c.category));
  j["lengthInMinutes"] = c.length_in_minutes;
  j["countsAsPaidTime"] = c.counts_as_paid_time;
  j["countsAsWorkTime"] = c.counts_as_work_time;
  if (c.agent_time_off_selectable) j["agentTimeOffSelectable"] = *c.agent_time_off_selectable;
  j["metadata"] = metadata(c.metadata);
}
}  // namespace

json activity_code(const ActivityCode& c, const std::string& bu_id) {
  json j{{"id", c.id}, {"active", true}, {"defaultCode", c.default_code}};
  common_code_fields(j, c);
  j["countsTowardShrinkage"] = c.counts_toward_shrinkage;
  j["plannedShrinkage"] = c.planned_shrinkage;
  j["interruptible"] = c.interruptible;
  json sp = json::array();
  for (const auto& id : c.secondary_presence_ids)
    sp.push_back({{"id", id}, {"selfUri", "/api/v2/presencedefinitions/" + id}});
  j["secondaryPresences"] = std::move(sp);
  json pg = json::array();
  for (const auto& id : c.planning_group_ids)
    pg.push_back({{"id", id}, {"selfUri", "/api/v2/workforcemanagement/businessunits/" + bu_id + "/planninggroups/" + id}});
  j["planningGroups"] = std::move(pg);
  if (c.style) j["style"] = {{"backgroundColor", c.style->background_color}, {"textColorTheme", c.style->text_color_theme}};
  j["selfUri"] = "/api/v2/workforcemanagement/businessunits/" + bu_id + "/activitycodes/" + c.id;
  return j;
}

json legacy_activity_code(const ActivityCode& c, const std::string& bu_id) {
  json j{{"id", c.id}, {"isActive", true}, {"isDefault", c.default_code}};
  common_code_fields(j, c);
  // The API has no read of one MU-level code: the selfUri names the same code at its business unit.
  j["selfUri"] = "/api/v2/workforcemanagement/businessunits/" + bu_id + "/activitycodes/" + c.id;
  return j;
}

}  // namespace mockgc::core::wire
