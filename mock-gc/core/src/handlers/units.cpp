// Business units, management units, their users and the agent -> MU lookup (genesys-api.md §6g).
// WFM listings are un-paged {entities:[…]}; large ones become {downloadUrl}.
#include <fmt/format.h>

#include <array>
#include <shared_mutex>

#include "../call_helpers.hpp"
#include "../wire.hpp"

namespace mockgc::core {
namespace {

constexpr std::array<std::string_view, 8> kBuExpand{
    "settings",           "settings.timeZone", "settings.startDayOfWeek", "settings.shortTermForecasting",
    "settings.scheduling", "settings.notifications.scheduling", "settings.learning", "settings.coaching"};
constexpr std::array<std::string_view, 6> kMuExpand{"settings",          "settings.adherence",
                                                    "settings.timeOff",  "settings.scheduling",
                                                    "settings.shortTermForecasting", "settings.shiftTrading"};

bool division_ok(const Call& call) {
  const auto divisions = call.target.query.list("divisionId");
  return divisions.empty() ||
         std::find(divisions.begin(), divisions.end(), call.org->world->division.id) != divisions.end();
}

std::optional<ApiError> find_bu(const Call& call, const std::string& id, const BusinessUnit*& out) {
  if (auto e = reject_mine(id, "business unit")) return e;
  out = call.org->world->find_business_unit(id);
  if (!out) return not_found(fmt::format("Business unit {} was not found.", id));
  return std::nullopt;
}

std::optional<ApiError> find_mu(const Call& call, const std::string& id, const ManagementUnit*& out) {
  if (auto e = reject_mine(id, "management unit")) return e;
  out = call.org->world->find_management_unit(id);
  if (!out) return not_found(fmt::format("Management unit {} was not found.", id));
  return std::nullopt;
}

std::string entities_text(json entities) {
  return json{{"entities", std::move(entities)}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

Reply handle_business_units_list(Call& call) {
  const OrgWorld& org = *call.org->world;
  json entities = json::array();
  if (division_ok(call))
    for (const auto& bu : org.business_units) entities.push_back(wire::business_unit_item(org, bu));
  return wfm_listing(call, entities_text(std::move(entities)), false);
}

Reply handle_business_unit_get(Call& call) {
  const BusinessUnit* bu = nullptr;
  if (auto e = find_bu(call, call.params[0], bu)) return error_reply(*e);
  std::set<std::string> expand;
  if (auto e = read_enum_list(call, "expand", "BusinessUnitExpand", kBuExpand, expand)) return error_reply(*e);
  return json_reply(wire::business_unit(*call.org->world, *bu, expand));
}

Reply handle_business_unit_management_units(Call& call) {
  const BusinessUnit* bu = nullptr;
  if (auto e = find_bu(call, call.params[0], bu)) return error_reply(*e);
  const OrgWorld& org = *call.org->world;
  json entities = json::array();
  if (division_ok(call))
    for (const auto& id : bu->management_unit_ids)
      if (const auto* mu = org.find_management_unit(id)) entities.push_back(wire::management_unit(org, *mu, {}));
  return wfm_listing(call, entities_text(std::move(entities)), false);
}

Reply handle_management_units_list(Call& call) {
  // pageSize/pageNumber are "Deprecated, paging is not supported": accepted and ignored.
  std::set<std::string> expand;
  if (auto e = read_enum_list(call, "expand", "ManagementUnitExpand", kMuExpand, expand)) return error_reply(*e);
  const OrgWorld& org = *call.org->world;
  json entities = json::array();
  if (division_ok(call))
    for (const auto& mu : org.management_units) entities.push_back(wire::management_unit(org, mu, expand));
  return wfm_listing(call, entities_text(std::move(entities)), false);
}

Reply handle_management_unit_get(Call& call) {
  const ManagementUnit* mu = nullptr;
  if (auto e = find_mu(call, call.params[0], mu)) return error_reply(*e);
  std::set<std::string> expand;
  if (auto e = read_enum_list(call, "expand", "ManagementUnitExpand", kMuExpand, expand)) return error_reply(*e);
  return json_reply(wire::management_unit(*call.org->world, *mu, expand));
}

Reply handle_management_unit_users(Call& call) {
  const ManagementUnit* mu = nullptr;
  if (auto e = find_mu(call, call.params[0], mu)) return error_reply(*e);
  json entities = json::array();
  for (const User* u : roster_members(*call.org, *mu)) entities.push_back(wire::user_ref(u->id));
  return wfm_listing(call, entities_text(std::move(entities)), false);
}

Reply handle_management_unit_activity_codes(Call& call) {
  const ManagementUnit* mu = nullptr;
  if (auto e = find_mu(call, call.params[0], mu)) return error_reply(*e);
  json codes = json::object();
  {
    std::shared_lock lock(call.org->mutex);
    auto it = call.org->codes.find(mu->business_unit_id);
    if (it != call.org->codes.end())
      for (const auto& c : it->second.codes) codes[c.id] = wire::legacy_activity_code(c, mu->business_unit_id);
  }
  return json_reply({{"activityCodes", std::move(codes)}, {"metadata", wire::metadata(mu->metadata)}});
}

Reply handle_agent_management_unit(Call& call) {
  const OrgWorld& org = *call.org->world;
  const User* user = roster_find_user(*call.org, call.params[0]);
  if (!user || !roster_in_management_unit(*call.org, *user))
    return error_reply(not_found(fmt::format("Agent {} is not a member of any management unit.", call.params[0])));
  const ManagementUnit* mu = org.find_management_unit(user->management_unit_id);
  return json_reply({{"user", wire::user_ref(user->id)},
                     {"managementUnit",
                      {{"id", mu->id}, {"selfUri", "/api/v2/workforcemanagement/managementunits/" + mu->id}}},
                     {"businessUnit",
                      {{"id", mu->business_unit_id},
                       {"selfUri", "/api/v2/workforcemanagement/businessunits/" + mu->business_unit_id}}}});
}

}  // namespace mockgc::core
