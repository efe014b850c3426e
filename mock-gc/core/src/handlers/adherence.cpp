// Live adherence (genesys-api.md §6c): per user, per MU and per team, at the service clock's now; the same
// record in the adherence topics' model (genesys-notifications.md §2b).
#include <fmt/format.h>

#include "../call_helpers.hpp"
#include "../wire.hpp"
#include "mockgc/api/time.hpp"
#include "wfm_common.hpp"

namespace mockgc::core {
namespace {

constexpr std::size_t kMaxUserIds = 100;
const std::string kWfm = "/api/v2/workforcemanagement";

}  // namespace

json adherence_json(const OrgState& org, const User& u, Instant t, AdherenceModel model) {
  const auto& wf = *org.workforce;
  const auto a = org.agents->adherence(u, t);
  const BusinessUnit* bu = wf.business_unit_of(u);
  const bool rest = model == AdherenceModel::rest;
  json j;
  if (rest) {
    j = {{"id", u.id},
         {"name", u.name},
         {"user", wire::user_ref(u.id)},
         {"managementUnit",
          {{"id", u.management_unit_id}, {"selfUri", kWfm + "/managementunits/" + u.management_unit_id}}}};
    if (bu) j["businessUnit"] = {{"id", bu->id}, {"selfUri", kWfm + "/businessunits/" + bu->id}};
    if (!u.team_id.empty()) j["team"] = {{"id", u.team_id}, {"selfUri", "/api/v2/teams/" + u.team_id}};
  } else {
    // The topic model: plain-string MU/BU ids, the team with its name, adherenceChangeTime.
    j = {{"user", {{"id", u.id}}}, {"managementUnitId", u.management_unit_id}};
    if (bu) j["businessUnitId"] = bu->id;
    if (const Team* team = org.world->find_team(u.team_id)) j["team"] = {{"id", team->id}, {"name", team->name}};
  }
  j["scheduledActivityCategory"] = a.scheduled ? std::string(to_string(*a.scheduled)) : std::string("Unscheduled");
  j["systemPresence"] = std::string(wfm::system_presence(a.actual));
  j["routingStatus"] = std::string(wfm::to_string(org.agents->at(u, t).routing));
  j["actualActivityCategory"] = std::string(wfm::actual_activity_category(a.actual));
  j["isOutOfOffice"] = false;
  j["adherenceState"] = std::string(a.adherence_state);
  j["impact"] = std::string(a.impact);
  j[rest ? "timeOfAdherenceChange" : "adherenceChangeTime"] = api::format_instant(a.time_of_adherence_change);
  j["presenceUpdateTime"] = api::format_instant(a.presence_update_time);
  j["activeQueues"] = json::array();
  if (rest) j["selfUri"] = kWfm + "/adherence?userId=" + u.id;
  else j["removedFromManagementUnit"] = !roster_in_management_unit(org, u);
  if (a.scheduled && bu) {
    json code{{"id", a.scheduled_code_id}, {"secondaryPresences", json::array()}};
    if (rest) {
      code["name"] = std::string(default_activity_code_name(*a.scheduled));
      code["selfUri"] = fmt::format("{}/businessunits/{}/activitycodes/{}", kWfm, bu->id, a.scheduled_code_id);
    }
    j["scheduledActivityCode"] = std::move(code);
  }
  return j;
}

Reply handle_adherence(Call& call) {
  const auto ids = call.target.query.list("userId");
  if (ids.empty()) return error_reply(bad_request("userId is required: between 1 and 100 user ids."));
  if (ids.size() > kMaxUserIds)
    return error_reply(bad_request(fmt::format("At most {} userId values are allowed; got {}.", kMaxUserIds, ids.size())));
  json out = json::array();
  for (const auto& id : ids)
    if (const User* u = roster_find_user(*call.org, id)) out.push_back(adherence_json(*call.org, *u, call.now, AdherenceModel::rest));  // unknown: omitted
  return json_reply(out);
}

Reply handle_mu_adherence(Call& call) {
  const ManagementUnit* mu = nullptr;
  if (auto e = wfm_find_mu(call, call.params[0], mu)) return error_reply(*e);
  bool force_download = false;
  if (auto e = read_bool_param(call, "forceDownloadService", false, force_download)) return error_reply(*e);
  json entities = json::array();
  for (const User* u : roster_members(*call.org, *mu)) entities.push_back(adherence_json(*call.org, *u, call.now, AdherenceModel::rest));
  return wfm_listing(call, json{{"entities", std::move(entities)}}.dump(), force_download);
}

Reply handle_team_adherence(Call& call) {
  const Team* team = nullptr;
  for (const auto& t : call.org->world->teams)
    if (t.id == call.params[0]) team = &t;
  if (!team) return error_reply(not_found(fmt::format("Team {} was not found.", call.params[0])));
  bool force_download = false;
  if (auto e = read_bool_param(call, "forceDownloadService", false, force_download)) return error_reply(*e);
  json entities = json::array();
  for (const User* u : roster_members(*call.org, *team)) entities.push_back(adherence_json(*call.org, *u, call.now, AdherenceModel::rest));
  return wfm_listing(call, json{{"entities", std::move(entities)}}.dump(), force_download);
}

}  // namespace mockgc::core
